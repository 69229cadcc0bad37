package pipeline

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"jixiao/layout"
	"jixiao/msg"
	"jixiao/preview"
)

// EachPage reads the binder's pages in order, each with its footers, checking
// the footers' characters as WriteTo does: for drawing the binder other
// than as a PDF (Previews). A Binder is read once, by WriteTo or by EachPage.
func (b *Binder) EachPage(yield func(index int, p *layout.Page) error) error {
	bl, check := b.bl, b.check
	return bl.Pages(func(i int, p *layout.Page) error {
		if i >= bl.FormFirst {
			for _, field := range []string{"footer", "head"} { // and the running heads
				if err := check.report(check.items("binder", p.Items, field)); err != nil {
					return err
				}
			}
		}
		return yield(i, p)
	})
}

// Previews draws the pages that pages yields as PNG images at dpi dots per
// inch (0: preview.DefaultDPI), on every CPU, with the fonts of opt (a
// character no font has is a box with opt.AllowMissing, else an error: the
// pages are expected to be checked already, by LayOut or PlanBinder). Each
// image goes to write with the index pages gave it, from the calling
// goroutine, in the order the images are done. The first error, of pages,
// of drawing or of write, stops the work and is returned.
func Previews(pages func(yield func(index int, p *layout.Page) error) error, opt Options, dpi float64,
	write func(index int, png []byte) error) error {
	type job struct {
		i int
		p *layout.Page
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job)
	results := make(chan pngResult, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := preview.NewDrawer(opt.Fonts, preview.Options{DPI: dpi, AllowMissing: opt.AllowMissing})
			var buf bytes.Buffer
			for j := range jobs {
				results <- drawPNG(d, &buf, j.i, j.p)
			}
		}()
	}
	var failed error
	handle := func(r pngResult) {
		switch {
		case failed != nil:
		case r.err != nil:
			failed = r.err
		default:
			failed = write(r.i, r.png)
		}
	}
	err := pages(func(i int, p *layout.Page) error {
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

// pngResult is a page drawn by Previews.
type pngResult struct {
	i   int
	png []byte
	err error
}

// drawPNG draws page i as a PNG; a panic of the drawing is an error.
func drawPNG(d *preview.Drawer, buf *bytes.Buffer, i int, p *layout.Page) (r pngResult) {
	r.i = i
	defer func() {
		if v := recover(); v != nil {
			r.err = msg.New(msg.PreviewFailed, i+1, msg.Raw(fmt.Sprint(v)))
		}
	}()
	img, err := d.Draw(p)
	if err == nil {
		buf.Reset()
		err = preview.EncodePNG(buf, img)
	}
	if err != nil {
		r.err = msg.Wrap(err, msg.PreviewFailed, i+1, err)
		return r
	}
	r.png = bytes.Clone(buf.Bytes())
	return r
}
