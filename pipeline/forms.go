package pipeline

import (
	"errors"
	"fmt"
	"time"

	"jixiao/internal/workpool"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/render"
)

// Forms draws each of the forms picked from in's book (indexes into
// in.Book.Forms) as a PDF of its own, and returns them in the order
// picked. Every form is laid out and its characters checked (LayOut)
// before the first PDF is drawn: a failure returns no PDF.
func Forms(in Input, picked []int, opt Options) ([][]byte, error) {
	start := time.Now()
	docs, err := LayOut(in, picked, opt)
	opt.Events.step(msg.StepLayOut, start)
	if err != nil {
		return nil, err
	}
	dates := make([]time.Time, len(picked))
	for k, i := range picked {
		if dates[k], err = opt.date(in.Book.Forms[i].Year); err != nil {
			return nil, err
		}
	}
	// Each PDF costs about 15 ms, most of it fpdf's per-font work, and the
	// documents are independent: they are drawn on every CPU. The first
	// error in form order is the one returned, whatever the timing.
	pdfs := make([][]byte, len(picked))
	err = workpool.Ordered(len(picked), 0, 0,
		func(k int) ([]byte, error) {
			defer opt.Events.step(msg.StepDraw, time.Now())
			pdf, err := render.Bytes(docs[k], opt.Fonts, opt.render(dates[k]))
			if err != nil {
				return nil, msg.Wrap(err, msg.RenderFailed, picked[k]+1, err)
			}
			return pdf, nil
		},
		func(k int, pdf []byte) error {
			pdfs[k] = pdf
			docs[k] = nil
			return nil
		})
	if err != nil {
		return nil, err
	}
	return pdfs, nil
}

// LayOut lays out each of the forms picked from in's book as a document
// of its own (what Forms draws, and what a preview shows), and reports
// every character no font draws: in the fields first, then in the texts
// layout adds (labels, the year line, footers). A form that cannot be laid
// out is a BadInput error, an index outside the book a BadUsage error.
func LayOut(in Input, picked []int, opt Options) ([]*layout.Document, error) {
	return layOut(in, picked, opt, true)
}

// layOut is LayOut; without keep, the documents are checked and dropped
// (nil is returned), so that 10,000 forms are never held at once.
func layOut(in Input, picked []int, opt Options, keep bool) ([]*layout.Document, error) {
	if opt.Fonts == nil || in.Book == nil {
		return nil, errors.New("pipeline: LayOut needs a book and fonts")
	}
	for _, i := range picked {
		if i < 0 || i >= len(in.Book.Forms) {
			return nil, usageError(msg.New(msg.NoSuchForm, i+1, msg.Count{N: len(in.Book.Forms), Unit: msg.UnitForm}))
		}
	}
	check := newGlyphCheck(&opt)
	docs := make([]*layout.Document, len(picked))
	missing := check.fields(opt.watermarkFields())
	for k, i := range picked {
		withSign := in.Book.WithSign(in.Book.Forms[i]) // the book's 填报人 … where the form has none
		f := &withSign
		path := fmt.Sprintf("forms[%d]", i)
		missing = append(missing, check.fields(formFields(f, in, i))...)
		doc, err := layout.Form(f, opt.Fonts, opt.Layout)
		if err != nil {
			var ps model.Problems
			if errors.As(err, &ps) { // they name fields of the form
				err = ps.Under(path)
			}
			return nil, placed(err, []Input{in})
		}
		for _, pg := range doc.Pages {
			missing = append(missing, check.items(in.Path+": "+path, pg.Items, "")...)
		}
		if keep {
			docs[k] = doc
		}
	}
	if err := check.report(missing); err != nil {
		return nil, err
	}
	if !keep {
		return nil, nil
	}
	return docs, nil
}

// EachForm draws the forms picked from in's book, each a PDF of its own,
// handing each to write as soon as it is drawn, so that no more PDFs are
// held than there are workers: what render --out-dir needs for a book of
// 10,000 forms. As with Forms, every form is laid out and its characters
// checked before the first PDF is drawn (the layouts are not kept: each
// form is laid out again as it is drawn). write runs on the workers, in no
// particular order, k being the index into picked; done is then called
// with each k in order, from the calling goroutine. The first error in
// form order, of drawing or of write, stops the forms not yet started.
func EachForm(in Input, picked []int, opt Options, write func(k int, pdf []byte) error, done func(k int)) error {
	start := time.Now()
	if _, err := layOut(in, picked, opt, false); err != nil {
		return err
	}
	opt.Events.step(msg.StepLayOut, start)
	dates := make([]time.Time, len(picked))
	for k, i := range picked {
		var err error
		if dates[k], err = opt.date(in.Book.Forms[i].Year); err != nil {
			return err
		}
	}
	// The results are only errors: no window is needed to bound memory,
	// and none keeps a worker waiting on a slow output (a FIFO).
	return workpool.Ordered(len(picked), 0, 0,
		func(k int) (struct{}, error) {
			i := picked[k]
			start := time.Now()
			doc, err := layout.Form(&in.Book.Forms[i], opt.Fonts, opt.Layout)
			if err != nil {
				return struct{}{}, msg.Wrap(err, msg.RenderFailed, i+1, err)
			}
			opt.Events.step(msg.StepLayOut, start)
			start = time.Now()
			pdf, err := render.Bytes(doc, opt.Fonts, opt.render(dates[k]))
			if err != nil {
				return struct{}{}, msg.Wrap(err, msg.RenderFailed, i+1, err)
			}
			opt.Events.step(msg.StepDraw, start)
			return struct{}{}, write(k, pdf)
		},
		func(k int, _ struct{}) error {
			if done != nil {
				done(k)
			}
			return nil
		})
}
