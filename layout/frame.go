package layout

import (
	"errors"
	"fmt"
)

// A backend (the PDF of package render, the OFD of package ofd) reads a
// document as a Frame and a PageSeq, so that the pages of a large binder
// can be laid out while they are drawn instead of all held at once. What
// makes a frame or a page drawable is the same for every backend and is
// checked here, once; each backend puts its own name before the error.

// Frame is what a backend needs of a document besides its pages.
type Frame struct {
	Pages   int // number of pages
	Outline []Bookmark
	Labels  []PageLabel // the PDF writes them; OFD has no page labels
	Meta    Meta
}

// PageSeq calls yield with every page of a document in order, with its
// index from 0, and returns the first error, of yield or its own.
// (*binder.Binder).Pages and Document.Seq are ones.
type PageSeq func(yield func(index int, p *Page) error) error

// Frame returns the frame of d.
func (d *Document) Frame() Frame {
	return Frame{Pages: len(d.Pages), Outline: d.Outline, Labels: d.Labels, Meta: d.Meta}
}

// Seq returns the pages of d as a PageSeq.
func (d *Document) Seq() PageSeq {
	return func(yield func(int, *Page) error) error {
		for i, p := range d.Pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
}

// Check rejects a frame that cannot be drawn: no pages, an outline whose
// entries point outside the pages, are not in page order or go down more
// than one level at a time (each entry is a child of the last entry one
// level up), page labels out of order or range. Its errors carry no
// package name; the backend adds its own.
func (fr Frame) Check() error {
	n := fr.Pages
	if n <= 0 {
		return errors.New("document has no pages")
	}
	prevLevel, prevPage := -1, 0
	for i, b := range fr.Outline {
		if b.Page < 0 || b.Page >= n {
			return fmt.Errorf("bookmark %q: page index %d of %d", b.Title, b.Page, n)
		}
		if b.Level < 0 || b.Level > prevLevel+1 {
			return fmt.Errorf("bookmark %d %q: level %d after level %d", i, b.Title, b.Level, prevLevel)
		}
		if b.Page < prevPage {
			return fmt.Errorf("bookmark %q: outline not in page order", b.Title)
		}
		prevLevel, prevPage = b.Level, b.Page
	}
	for i, l := range fr.Labels {
		if l.Page < 0 || l.Page >= n || (i > 0 && l.Page <= fr.Labels[i-1].Page) {
			return fmt.Errorf("page label %d: page index %d out of order or range", i, l.Page)
		}
	}
	return nil
}

// CheckPage rejects page pg, index i of a frame of n pages, when it
// cannot be drawn: it has no size, a link goes outside the document, or a
// text has no size. Its errors name the page from 1 and carry no package
// name.
func CheckPage(pg *Page, i, n int) error {
	if pg == nil || pg.Width <= 0 || pg.Height <= 0 {
		return fmt.Errorf("page %d has no size", i+1)
	}
	for _, it := range pg.Items {
		if it.Kind == Link && (it.Target < 0 || it.Target >= n) {
			return fmt.Errorf("page %d: link to page index %d of %d", i+1, it.Target, n)
		}
		if it.Kind == Text && it.Size <= 0 && it.Text != "" {
			return fmt.Errorf("page %d: text %q has no size", i+1, it.Text)
		}
	}
	return nil
}
