package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"jixiao/internal/output"
	"jixiao/internal/workpool"
	"jixiao/layout"
	"jixiao/msg"
	"jixiao/ofd"
	"jixiao/preview"
	"jixiao/render"
)

// Backend writes the pages of a document in one format: PDF, PNG (and
// OFD, archival PDF …). It receives pages laid out and checked (Plan) and
// only serialises them: it never lays out, reads no option the job does
// not carry, and stops with ctx's error between pages once ctx is done.
type Backend interface {
	// Ext is the file name extension of what Write writes: ".pdf".
	Ext() string
	// Write writes d to w, reading d.Pages(ctx) once, in order.
	Write(ctx context.Context, w io.Writer, d *Doc) error
}

// PDF is the backend of PDF documents (package render), drawn with the
// job's fonts, creator, watermark and AllowMissing, dated d.Date. Nothing
// is written to w unless every page was drawn.
type PDF struct{ Job *Job }

func (PDF) Ext() string { return ".pdf" }
func (b PDF) job() *Job { return b.Job }

func (b PDF) Write(ctx context.Context, w io.Writer, d *Doc) error {
	// The data first: a failure writes nothing.
	data, err := d.Data()
	if err != nil {
		return err
	}
	opt := b.Job.render(d.Date, data)
	opt.Stop = ctx.Err // the writing of a large document stops too
	err = render.WritePages(w, d.Frame, d.Pages(ctx), b.Job.Fonts, opt)
	if ctxErr := ctx.Err(); ctxErr != nil && err != nil {
		return ctxErr
	}
	return tempFailed(err)
}

// tempFailed tells a failure of render's temporary file (a large
// document's pages are kept there until written) in the catalogue's
// words, naming the folder and the reason (the disk full, no such
// folder): the file's own name means nothing to the user.
func tempFailed(err error) error {
	var te *render.TempError
	if !errors.As(err, &te) {
		return err
	}
	return msg.Wrap(err, msg.TempFailed, te.Dir, output.Reason(te.Err))
}

// OFD is the backend of OFD documents (GB/T 33190, package ofd): the pages
// the PDF has, drawn with the same fonts, creator, watermark and
// AllowMissing, dated d.Date. Nothing is written to w unless every page
// was drawn.
type OFD struct{ Job *Job }

func (OFD) Ext() string { return ".ofd" }
func (b OFD) job() *Job { return b.Job }

func (b OFD) Write(ctx context.Context, w io.Writer, d *Doc) error {
	opt := ofd.Options{Creator: b.Job.Creator, Date: d.Date, AllowMissing: b.Job.AllowMissing, Watermark: b.Job.Watermark}
	err := ofd.WritePages(w, d.Frame, d.Pages(ctx), b.Job.Fonts, opt)
	if ctxErr := ctx.Err(); ctxErr != nil && err != nil {
		return ctxErr
	}
	return err
}

// Backend returns the backend of the job's Format: OFD for "ofd", else PDF.
func (j *Job) Backend() Backend {
	if j.Format == "ofd" {
		return OFD{Job: j}
	}
	return PDF{Job: j}
}

// PNG is the backend of images (package preview): a document of one page
// (Doc.Page, EachPage) as a PNG image at dpi dots per inch (NewPNG; 0:
// preview.DefaultDPI), black on white, with the job's fonts; a character
// no font has is a box with Job.AllowMissing, else an error. The watermark
// is not drawn.
type PNG struct {
	pool *sync.Pool // of *preview.Drawer, whose glyph caches are reused
}

// NewPNG returns the PNG backend of job at dpi.
func NewPNG(job *Job, dpi float64) *PNG {
	b := &PNG{}
	b.pool = &sync.Pool{New: func() any {
		return preview.NewDrawer(job.Fonts, preview.Options{DPI: dpi, AllowMissing: job.AllowMissing})
	}}
	return b
}

func (*PNG) Ext() string { return ".png" }

func (b *PNG) Write(ctx context.Context, w io.Writer, d *Doc) error {
	if d.Frame.Pages != 1 {
		return errors.New("pipeline: a PNG holds one page (Doc.Page)")
	}
	dr := b.pool.Get().(*preview.Drawer)
	defer b.pool.Put(dr)
	return d.Pages(ctx)(func(i int, p *layout.Page) (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = msg.New(msg.PreviewFailed, i+1, msg.Raw(fmt.Sprint(v)))
			}
		}()
		img, err := dr.Draw(p)
		if err == nil {
			err = preview.EncodePNG(w, img)
		}
		if err != nil {
			return msg.Wrap(err, msg.PreviewFailed, i+1, err)
		}
		return nil
	})
}

// WriteEach writes each of docs through b, on every CPU, each into
// memory, and hands it to write as soon as it is written, on the worker
// that wrote it, in no particular order (so that no worker waits on
// another's slow output, a FIFO); done, when not nil, is then called with
// each document in order, from the calling goroutine. No more documents
// are held than there are workers. The first error in document order, of
// writing, of write or of done, stops the documents not yet started; a
// document that fails to be drawn is told by its form's number.
func WriteEach(ctx context.Context, docs []*Doc, b Backend, write func(d *Doc, data []byte) error, done func(d *Doc) error) error {
	return workpool.Ordered(len(docs), 0, 0,
		func(k int) (struct{}, error) {
			if err := ctx.Err(); err != nil {
				return struct{}{}, err
			}
			start := time.Now()
			var buf bytes.Buffer
			err := b.Write(ctx, &buf, docs[k])
			if j, ok := b.(interface{ job() *Job }); ok {
				j.job().Events.step(msg.StepDraw, start)
			}
			if err != nil {
				var pe *Error
				var ee *encodeError
				if ctx.Err() == nil && docs[k].Form > 0 && !errors.As(err, &pe) && !errors.As(err, &ee) {
					err = msg.Wrap(err, msg.RenderFailed, docs[k].Form, err)
				}
				return struct{}{}, err
			}
			return struct{}{}, write(docs[k], buf.Bytes())
		},
		func(k int, _ struct{}) error {
			if done == nil {
				return nil
			}
			return done(docs[k])
		})
}

// EachPage writes the pages of d that keep accepts (all with keep nil),
// each as a document of one page, through b (PNG), on every CPU, and hands
// each to deliver with its index, from the calling goroutine, in the order
// they are done. The first error, of the pages, of writing or of deliver,
// stops the work and is returned.
func EachPage(ctx context.Context, d *Doc, keep func(i int) bool, b Backend, deliver func(i int, data []byte) error) error {
	type job struct {
		i int
		p *layout.Page
	}
	type result struct {
		i    int
		data []byte
		err  error
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job)
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				one := &Doc{Name: d.Name, Form: d.Form, Forms: d.Forms, Date: d.Date,
					Frame: layout.Frame{Pages: 1, Meta: d.Frame.Meta}}
				one.pages = func(_ context.Context, yield func(int, *layout.Page) error) error { return yield(j.i, j.p) }
				var buf bytes.Buffer
				err := b.Write(ctx, &buf, one)
				results <- result{j.i, buf.Bytes(), err}
			}
		}()
	}
	var failed error
	handle := func(r result) {
		switch {
		case failed != nil:
		case r.err != nil:
			failed = r.err
		default:
			failed = deliver(r.i, r.data)
		}
	}
	err := d.Pages(ctx)(func(i int, p *layout.Page) error {
		if keep != nil && !keep(i) {
			return nil
		}
		for failed == nil {
			select {
			case jobs <- job{i, p}:
				return nil
			case r := <-results:
				handle(r)
			}
		}
		return failed
	})
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		handle(r)
	}
	if failed != nil {
		return failed
	}
	return err
}
