package pipeline

import (
	"errors"
	"fmt"
	"io"
	"time"

	"jixiao/fonts"
	"jixiao/internal/workpool"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

// Forms draws each of the forms picked from in's book (indexes into
// in.Book.Forms) as a PDF of its own, and returns them in the order
// picked. Every form is laid out and its characters checked (LayOut)
// before the first PDF is drawn: a failure returns no PDF.
func Forms(in Input, picked []int, opt Options) ([][]byte, error) {
	docs, err := LayOut(in, picked, opt)
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
			pdf, err := render.Bytes(docs[k], opt.Fonts, render.Options{Creator: opt.Creator, Date: dates[k], AllowMissing: opt.AllowMissing})
			if err != nil {
				return nil, fmt.Errorf("forms[%d]: %w", picked[k], err)
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

// Form draws form i of in's book as a PDF written to w: Forms for one form.
func Form(w io.Writer, in Input, i int, opt Options) error {
	pdfs, err := Forms(in, []int{i}, opt)
	if err != nil {
		return err
	}
	_, err = w.Write(pdfs[0])
	return err
}

// LayOut lays out each of the forms picked from in's book as a document
// of its own (what Forms draws, and what a preview shows), and reports
// every character no font draws: in the fields first, then in the texts
// layout adds (labels, the year line, footers). A form that cannot be laid
// out is a BadInput error, an index outside the book a BadUsage error.
func LayOut(in Input, picked []int, opt Options) ([]*layout.Document, error) {
	if opt.Fonts == nil || in.Book == nil {
		return nil, errors.New("pipeline: LayOut needs a book and fonts")
	}
	for _, i := range picked {
		if i < 0 || i >= len(in.Book.Forms) {
			return nil, usageError(fmt.Sprintf("there is no form %d: the book has %s", i+1, plural(len(in.Book.Forms), "form")))
		}
	}
	check := newGlyphCheck(&opt)
	docs := make([]*layout.Document, len(picked))
	var missing []fonts.Missing
	for k, i := range picked {
		f := &in.Book.Forms[i]
		path := fmt.Sprintf("forms[%d]", i)
		missing = append(missing, check.fields(formFields(f, in.Path+": "+path))...)
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
		docs[k] = doc
	}
	if err := check.report(missing); err != nil {
		return nil, err
	}
	return docs, nil
}
