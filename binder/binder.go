// Package binder lays out the yearly binder: every form of a book in one
// document, behind a cover and a table of contents (目录), numbered over
// the whole binder. Plan measures and numbers it; the pages of the forms
// are made as they are read, so that any number of forms is printed in
// bounded memory.
package binder

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"

	"jixiao/internal/workpool"
	"jixiao/layout"
	"jixiao/model"
)

// Options controls the binder.
type Options struct {
	// Layout is passed to every form's layout (paper, margins, signature
	// block) and frames the cover and contents; its zero value means
	// layout.DefaultOptions(). Its Mirror is set to Duplex.
	Layout layout.Options

	// GroupByUnit orders the forms by 单位名称 (units in the order they first
	// appear, forms keeping their order within a unit) and gives each unit a
	// heading in the table of contents and a top-level bookmark.
	GroupByUnit bool

	// Duplex starts the table of contents and every form on a right-hand
	// (odd, recto) page by inserting blank pages, and mirrors the margins so
	// that the binding gutter is on the spine side of every page. Blank pages
	// count in the numbering but show no footer.
	Duplex bool

	// Workers is the number of forms laid out at once; 0 means
	// runtime.GOMAXPROCS(0). The binder does not depend on it.
	Workers int

	// Date is the cover's 编报日期 as printed (「2024年3月1日」); "" prints
	// the binder's year with blanks for the month and day to be written in
	// by hand: 「2024年　　月　　日」.
	Date string

	// MaxPages, when not 0, is the most pages the forms may take together
	// (the cover and contents not counted): past it Plan stops laying out
	// and returns the problem model.CodeBinderTooManyPages. The web server sets
	// UploadMaxPages, so that one upload cannot keep a core busy for
	// minutes; the command line has no limit.
	MaxPages int

	// Progress, when set, is called after each form is laid out by Plan
	// with the number of forms done and the total, from the calling
	// goroutine only.
	Progress func(done, total int)

	// Context, when not nil, stops Plan with its error, within a form of
	// its being done.
	Context context.Context

	// CountOnly keeps no form's pages from the planning pass, whatever
	// the number of forms: for a plan read for its page counts alone.
	CountOnly bool

	// KeepPages is the most pages of forms Plan keeps from its planning
	// pass for Pages: 0 means DefaultKeepPages, a negative number none.
	// The binders of one job share one budget (Binder.KeptPages says what
	// each took), so that splitting a book does not multiply it.
	KeepPages int

	// Front, when set, is called by Plan with the cover and then each page
	// of the contents as it draws them (to catch a page that cannot be
	// drawn): a caller that checks those pages (their characters, say)
	// needs no drawing of its own. Its error ends Plan as it is.
	Front func(p *layout.Page) error

	// Laid, when set, may give the pages of b.Forms[k] (f) laid out
	// already by FormLayout with these options, else nil: Plan lays out
	// only the forms it gives nothing for (pages laid out while the book
	// was read, pipeline's ahead.go). What it gives must be what
	// FormLayout makes of f; each page given once.
	Laid func(k int, f *model.Form) []*layout.Page
}

// UploadMaxPages is the page limit of a binder drawn for an upload (the
// web server's, which also bounds its checks by it): a bureau's year of
// 1,000 forms is about 1,800 pages; 3,000 pages take about 4 s of CPU to
// lay out and draw.
const UploadMaxPages = 3000

// tooManyPages is the problem of a binder of n forms past limit pages.
func tooManyPages(limit, n int) error {
	return model.Problems{{Severity: model.Error, Code: model.CodeBinderTooManyPages, Path: "forms",
		Args: []string{fmt.Sprint(limit), fmt.Sprint(n)}}}
}

// Form says where one form stands in a binder.
type Form struct {
	Number  int // 序号, from 1 in binder order
	Index   int // index of the form in Book.Forms
	Unit    string
	Project string
	First   int // index of its first page in the binder
	Pages   int // number of its pages
	Folio   int // the printed number of its first page (第 N 页), from 1
}

// A Binder is a planned binder: where each form and part stands, the pages
// before the first form, and what the whole document carries (outline,
// page labels, metadata). Pages makes its pages.
type Binder struct {
	Forms     []Form // in binder order
	TOCFirst  int    // index of the first 目录 page
	TOCPages  int    // number of 目录 pages
	FormFirst int    // index of the first form page (第 1 页)
	Blank     []int  // indexes of the pages left blank for duplex printing
	NumPages  int    // pages of the whole binder

	// FrontPages is the number of pages before the first form: the
	// cover, the contents, blanks (Front draws them).
	FrontPages int
	Outline    []layout.Bookmark  // one bookmark per form (nested under its unit when grouped)
	Labels     []layout.PageLabel // 封面, i, ii … for the contents, 1, 2 … for the forms
	Meta       layout.Meta

	m       layout.Measurer
	g       geometry
	lay     formLayout
	forms   []*model.Form // in binder order
	order   []int
	workers int
	total   int              // 共 M 页: the pages from the first form page to the end
	laid    [][]*layout.Page // the forms' pages when kept from planning, else nil
	kept    int              // the number of pages kept from planning
	// The front pages: the cover is kept; the contents are drawn from
	// their rows each time they are read, so that a binder of thousands of
	// forms keeps a row a form, not hundreds of drawn pages. A binder that
	// keeps its forms' pages keeps the contents drawn by Plan too (tocKept):
	// its few pages cost less than drawing them again.
	cover    *layout.Page
	contents *toc
	tocKept  []*layout.Page
	blanks   map[int]string // the label of each blank front page, by index
}

// Plan plans the binder of b: it lays every form out once, in parallel, to
// count its pages, numbers the pages, and draws the cover and the contents
// (with page numbers and links), the bookmarks and the page labels. The
// forms' pages, with their footers 第 N 页 共 M 页 (and 本表第 n 页 共 m 页
// on forms of more than one page), come from Pages.
//
// A binder whose forms take at most Options.KeepPages pages keeps the
// pages of the planning pass for Pages (none with CountOnly), as they are:
// about 12 kB a page, some 25 MB for 2,000 pages. A larger one keeps only each form's number of pages, and Pages lays the
// forms out again as they are read: laying out twice costs about 0.25 ms
// a form, and memory then holds the front pages and a window of a few
// forms, whatever the number of forms. A binder is known to be larger
// when it has more forms than the budget has pages, or once the pages of
// its first forms, taken for the rest, pass it; else when they do. The
// pages are the same either way, and for any number of workers.
func Plan(b *model.Book, m layout.Measurer, opt Options) (*Binder, error) {
	opt, lay, err := setup(m, opt)
	if err != nil {
		return nil, err
	}
	if opt.Laid != nil {
		again := lay
		lay = func(k int, f *model.Form) ([]*layout.Page, error) {
			if pages := opt.Laid(k, f); pages != nil {
				return pages, nil
			}
			return again(k, f)
		}
	}
	return plan(b, m, opt, lay, opt.keep())
}

// FormLayout returns the layout Plan gives form f (b.Forms[k]) with opt:
// the same pages, or the same problems, placed in the book. It is safe
// to call from several goroutines at once.
func FormLayout(m layout.Measurer, opt Options) (func(k int, f *model.Form) ([]*layout.Page, error), error) {
	_, lay, err := setup(m, opt)
	return lay, err
}

// keep is the most form pages Plan keeps from its planning pass: 0 none.
func (opt Options) keep() int {
	switch {
	case opt.CountOnly || opt.KeepPages < 0:
		return 0
	case opt.KeepPages == 0:
		return DefaultKeepPages
	}
	return opt.KeepPages
}

// DefaultKeepPages is the most form pages Plan keeps from its planning
// pass instead of laying the forms out a second time: a bureau's year of
// 1,000 forms is about 1,800 pages, some 12 kB each as laid out.
const DefaultKeepPages = 2000

// setup completes the options and returns the form layout they ask for.
func setup(m layout.Measurer, opt Options) (Options, formLayout, error) {
	lo := opt.Layout
	if lo.Width == 0 && lo.Height == 0 {
		lo = layout.DefaultOptions()
	}
	lo.Mirror = opt.Duplex
	if err := lo.Check(); err != nil {
		return opt, nil, err
	}
	opt.Layout = lo
	lo.ItemRoom = footerItems // each page's room for its footer (compact)
	return opt, func(k int, f *model.Form) ([]*layout.Page, error) {
		pages, err := layout.FormPages(f, m, lo)
		var ps model.Problems
		if errors.As(err, &ps) {
			// The problems name fields of the form: placed in the book.
			return nil, ps.Under(model.FormPath(k))
		}
		return pages, err
	}, nil
}

// formLayout lays out b.Forms[k]; it is layout.FormPages, replaced in
// tests. It must be safe to call from several goroutines at once.
type formLayout func(k int, f *model.Form) ([]*layout.Page, error)

// plan lays out the forms (keeping their pages if they come to at most
// keep pages), numbers them,
// and draws the cover and the contents. opt.Layout gives the frame of the
// binder's own pages.
func plan(b *model.Book, m layout.Measurer, opt Options, lay formLayout, keep int) (*Binder, error) {
	if b == nil || len(b.Forms) == 0 {
		return nil, errors.New("binder: the book has no forms")
	}
	opt.Layout.Mirror = opt.Duplex
	order := formOrder(b, opt.GroupByUnit)
	forms := make([]*model.Form, len(order))
	for i, k := range order {
		forms[i] = &b.Forms[k]
	}
	if opt.MaxPages > 0 && len(forms) > opt.MaxPages {
		return nil, tooManyPages(opt.MaxPages, len(forms)) // a form takes a page at least
	}
	counts, laid, err := layOutAll(opt.Context, order, forms, lay, opt.Workers, opt.Progress, keep, opt.MaxPages)
	if err != nil {
		return nil, err
	}

	bl := &Binder{m: m, lay: lay, forms: forms, order: order, workers: opt.Workers, laid: laid}
	if laid != nil {
		for _, c := range counts {
			bl.kept += c
		}
	}
	bl.Forms = make([]Form, len(forms))
	// The printed numbers (第 N 页) count from the first form page, so they
	// are known before the length of the table of contents is.
	folio := 0
	for i, f := range forms {
		if opt.Duplex && folio%2 == 1 {
			folio++
		}
		bl.Forms[i] = Form{Number: i + 1, Index: order[i], Unit: f.Unit, Project: f.Project, Pages: counts[i], Folio: folio + 1}
		folio += counts[i]
	}
	bl.total = folio

	g := newGeometry(opt.Layout, opt.Duplex)
	bl.g = g
	cover, err := drawCover(b, forms, m, g, opt.Date)
	if err != nil {
		return nil, err
	}
	contents, err := newTOC(bl.Forms, forms, m, g, opt.GroupByUnit)
	if err != nil {
		return nil, err
	}

	bl.cover, bl.contents, bl.blanks = cover, contents, map[int]string{}
	bl.FrontPages = 1
	bl.Labels = append(bl.Labels, layout.PageLabel{Page: 0, Style: layout.NoNumber, Prefix: "封面"})
	if opt.Duplex {
		bl.blank("封二")
		bl.Labels = append(bl.Labels, layout.PageLabel{Page: 1, Style: layout.NoNumber, Prefix: "封二"})
	}
	bl.TOCFirst = bl.FrontPages
	bl.TOCPages = contents.pageCount()
	bl.Labels = append(bl.Labels, layout.PageLabel{Page: bl.TOCFirst, Style: layout.LowerRoman, Start: 1})
	bl.FormFirst = bl.TOCFirst + bl.TOCPages
	if opt.Duplex && bl.FormFirst%2 == 1 {
		bl.FormFirst++
	}
	for i := range bl.Forms {
		bl.Forms[i].First = bl.FormFirst + bl.Forms[i].Folio - 1
	}
	// The contents are drawn once here, so that a page that cannot be
	// drawn fails the plan, not the reading of the pages.
	front := opt.Front
	if front == nil {
		front = func(*layout.Page) error { return nil }
	}
	if err := front(cover); err != nil {
		return nil, err
	}
	var stop error
	if err := contents.pages(bl.TOCFirst, func(p *layout.Page) error {
		if laid != nil {
			bl.tocKept = append(bl.tocKept, p)
		}
		stop = front(p)
		return stop
	}); stop != nil {
		return nil, stop
	} else if err != nil {
		return nil, fmt.Errorf("binder: contents: %w", err)
	}
	bl.FrontPages += bl.TOCPages
	if opt.Duplex && bl.FrontPages%2 == 1 {
		bl.blank("toc blank")
	}
	bl.Labels = append(bl.Labels, layout.PageLabel{Page: bl.FormFirst, Style: layout.Decimal, Start: 1})

	unit := ""
	next := bl.FormFirst
	for i := range bl.Forms {
		bf := &bl.Forms[i]
		for ; next < bf.First; next++ {
			bl.Blank = append(bl.Blank, next)
		}
		next += bf.Pages
		if opt.GroupByUnit && (i == 0 || bf.Unit != unit) {
			unit = bf.Unit
			bl.Outline = append(bl.Outline, layout.Bookmark{Title: layout.MetaText(unitName(unit)), Page: bf.First, Level: 0})
		}
		level := 0
		if opt.GroupByUnit {
			level = 1
		}
		bl.Outline = append(bl.Outline, layout.Bookmark{Title: layout.MetaText(fmt.Sprintf("%d. %s", bf.Number, bf.Project)), Page: bf.First, Level: level})
	}
	bl.NumPages = next
	bl.Meta = metaOf(b, forms)
	return bl, nil
}

// KeptPages is the number of pages of forms the binder kept from its
// planning pass (0 when it lays its forms out again as they are read).
func (s *Binder) KeptPages() int { return s.kept }

// Pages calls yield with every page of the binder in order, with its index:
// the Front pages, then the forms' pages with their footers and the blank
// pages between them. It stops at the first error, of yield or of a form's
// layout. A Binder can be read any number of times; the forms are laid out
// again when their pages were not kept, in parallel with a window of a few
// forms ahead of the reader.
func (s *Binder) Pages(yield func(index int, p *layout.Page) error) error {
	idx := 0
	if err := s.Front(func(p *layout.Page) error {
		err := yield(idx, p)
		idx++
		return err
	}); err != nil {
		return err
	}
	emit := func(i int, pages []*layout.Page) error {
		bf := &s.Forms[i]
		if len(pages) != bf.Pages {
			return fmt.Errorf("binder: form %d (%s): %d pages, planned %d (the layout is not deterministic)", bf.Number, bf.Project, len(pages), bf.Pages)
		}
		for ; idx < bf.First; idx++ {
			if err := yield(idx, &layout.Page{Width: s.g.width, Height: s.g.height, Label: "blank"}); err != nil {
				return err
			}
		}
		for n, p := range pages {
			p.Label = fmt.Sprintf("form %d page %d/%d", bf.Number, n+1, bf.Pages)
			if err := addFooter(p, s.m, s.g, idx, bf.Folio+n, s.total, n+1, bf.Pages); err != nil {
				return fmt.Errorf("binder: form %d: %w", bf.Number, err)
			}
			if err := yield(idx, p); err != nil {
				return err
			}
			idx++
		}
		return nil
	}
	if s.laid != nil {
		laid := s.laid
		s.laid = nil // the kept pages are read once, their memory freed as they are
		for i := range s.forms {
			pages := laid[i]
			laid[i] = nil
			if err := emit(i, pages); err != nil {
				return err
			}
		}
		return nil
	}
	// A window of twice the workers keeps them busy while the reader
	// draws, and bounds the pages held.
	workers := s.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return workpool.Ordered(len(s.forms), workers, 2*workers,
		func(i int) ([]*layout.Page, error) { return layOutForm(s.lay, i, s.order[i], s.forms[i]) },
		func(i int, pages []*layout.Page) error { return emit(i, pages) })
}

// Document returns the whole binder as one document, every page in
// memory: for tests, dumps and small binders.
func (s *Binder) Document() (*layout.Document, error) {
	doc := &layout.Document{Pages: make([]*layout.Page, 0, s.NumPages), Outline: s.Outline, Labels: s.Labels, Meta: s.Meta}
	if err := s.Pages(func(_ int, p *layout.Page) error {
		doc.Pages = append(doc.Pages, p)
		return nil
	}); err != nil {
		return nil, err
	}
	return doc, nil
}

// Front calls yield with each page before the first form, in order: the
// cover, the contents (those Plan drew when it kept the forms' pages, else
// drawn anew from their rows), the blanks between them.
func (s *Binder) Front(yield func(p *layout.Page) error) error {
	toc := false
	for i := range s.FrontPages {
		switch {
		case i == 0:
			if err := yield(s.cover); err != nil {
				return err
			}
		case s.blanks[i] != "":
			if err := yield(&layout.Page{Width: s.g.width, Height: s.g.height, Label: s.blanks[i]}); err != nil {
				return err
			}
		case !toc:
			toc = true
			// yield's own error passes as it is (a reader that stops at
			// the page it sought, a cancelled context); only drawing the
			// contents is named.
			var stop error
			read := s.contents.pages
			if s.tocKept != nil {
				read = func(_ int, each func(*layout.Page) error) error {
					for _, p := range s.tocKept {
						if err := each(p); err != nil {
							return err
						}
					}
					return nil
				}
			}
			err := read(s.TOCFirst, func(p *layout.Page) error {
				stop = yield(p)
				return stop
			})
			if stop != nil {
				return stop
			}
			if err != nil {
				return fmt.Errorf("binder: contents: %w", err)
			}
		}
	}
	return nil
}

// blank adds a blank page to the front pages.
func (s *Binder) blank(label string) {
	s.Blank = append(s.Blank, s.FrontPages)
	s.blanks[s.FrontPages] = label
	s.FrontPages++
}

// formOrder returns the indexes of b's forms in binder order.
func formOrder(b *model.Book, group bool) []int {
	order := make([]int, 0, len(b.Forms))
	if !group {
		for i := range b.Forms {
			order = append(order, i)
		}
		return order
	}
	var units []string
	byUnit := map[string][]int{}
	for i := range b.Forms {
		u := b.Forms[i].Unit
		if _, ok := byUnit[u]; !ok {
			units = append(units, u)
		}
		byUnit[u] = append(byUnit[u], i)
	}
	for _, u := range units {
		order = append(order, byUnit[u]...)
	}
	return order
}

// unitName is how a unit is named in headings: an empty 单位名称 still gets one.
func unitName(u string) string {
	if u == "" {
		return "（未填单位名称）"
	}
	return u
}

// layOutAll lays out the forms on a pool of workers and returns their
// page counts and, if they come to at most keep pages, their pages,
// in form order (else nil). Each form's layout is independent, so the
// result is the same for any number of workers. On failure it returns the
// error of the first failing form in order.
func layOutAll(ctx context.Context, order []int, forms []*model.Form, lay formLayout, workers int, progress func(done, total int), keep, maxPages int) ([]int, [][]*layout.Page, error) {
	counts := make([]int, len(forms))
	total := 0
	var out [][]*layout.Page
	// A form takes a page at least: more forms than keep pages keep none.
	if keep >= len(forms) {
		out = make([][]*layout.Page, len(forms))
	}
	// Set once the pages pass keep: the workers stop keeping.
	var dropped atomic.Bool
	dropped.Store(out == nil)
	err := workpool.Ordered(len(forms), workers, 0,
		func(i int) ([]*layout.Page, error) {
			pages, err := layOutForm(lay, i, order[i], forms[i])
			if err != nil {
				return nil, err
			}
			counts[i] = len(pages) // each job writes its own element
			if dropped.Load() {
				return nil, nil
			}
			return pages, nil
		},
		func(i int, k []*layout.Page) error {
			if ctx != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			// In order, once form i is laid out: the limit stops the
			// work at the first form past it.
			if total += counts[i]; maxPages > 0 && total > maxPages {
				return tooManyPages(maxPages, len(forms))
			}
			// The pages so far, taken for the forms still to come, tell
			// a book past the budget early (after a few forms, so that
			// one long form does not decide): it then keeps nothing, as
			// a book past it from the start. The pages themselves decide
			// when the estimate falls short.
			done := i + 1
			guess := total + (len(forms)-done)*total/done
			switch {
			case out == nil:
			case total > keep || (done >= guessAfter && guess > keep):
				out = nil // what was kept is freed
				dropped.Store(true)
			default:
				out[i] = k
			}
			if progress != nil {
				progress(i+1, len(forms))
			}
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	return counts, out, nil
}

// layOutForm lays out the form at position i of the binder (b.Forms[k]) for
// a worker: its pages compacted, its error (or panic) naming it unless it
// is the form's problems, whose paths name it.
func layOutForm(lay formLayout, i, k int, f *model.Form) (pages []*layout.Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("internal error: %v", r)
		}
		var ps model.Problems
		if err != nil && !errors.As(err, &ps) { // problems name their form already
			pages, err = nil, fmt.Errorf("binder: form %d (%s): %w", i+1, f.Project, err)
		}
	}()
	pages, err = lay(k, f)
	if err == nil && len(pages) == 0 {
		err = errors.New("the layout produced no page")
	}
	if err == nil {
		compact(pages)
	}
	return pages, err
}

// compact gives each page's items a backing array of the exact size
// plus room for the two footer lines, for pages held until they are drawn
// (kept as they are from planning, or in the window of Pages): adding the
// footer must not copy each page's items again on the reader's goroutine.
// layout.FormPages makes them so already (setup asks it for ItemRoom);
// compact copies, on the worker, the pages of a formLayout that does not.
func compact(pages []*layout.Page) {
	for _, p := range pages {
		if cap(p.Items) != len(p.Items)+footerItems {
			p.Items = append(make([]layout.Item, 0, len(p.Items)+footerItems), p.Items...)
		}
	}
}

// guessAfter is the number of forms laid out after which their pages,
// taken for the forms to come, may tell Plan to keep none.
const guessAfter = 8

// footerItems is the number of items addFooter adds to a form's page.
const footerItems = 2

// metaOf is the document information of a binder.
func metaOf(b *model.Book, forms []*model.Form) layout.Meta {
	year := YearOf(b)
	title := titleOf(b)
	if year != 0 {
		title = fmt.Sprintf("%d年度 %s", year, title)
	}
	return layout.Meta{
		Title:   layout.MetaText(title),
		Author:  layout.MetaText(common(forms, func(f *model.Form) string { return f.Unit })),
		Subject: fmt.Sprintf("%d个项目", len(forms)),
		Year:    year,
	}
}

// YearOf is the book's year, else that of its first form that has one
// (0 when none has).
func YearOf(b *model.Book) int {
	if b.Year != 0 {
		return b.Year
	}
	for i := range b.Forms {
		if b.Forms[i].Year != 0 {
			return b.Forms[i].Year
		}
	}
	return 0
}

// titleOf is the book's title, else the first form's, else DefaultTitle.
func titleOf(b *model.Book) string {
	if b.Title != "" {
		return b.Title
	}
	for i := range b.Forms {
		if b.Forms[i].Title != "" {
			return b.Forms[i].Title
		}
	}
	return model.DefaultTitle
}

// common returns the value all forms share, or 各单位 when they differ.
func common(forms []*model.Form, get func(*model.Form) string) string {
	v := get(forms[0])
	for _, f := range forms[1:] {
		if get(f) != v {
			return "各单位"
		}
	}
	return v
}

// Join puts the forms of books into one book, in the order given, for a
// binder. The binder's year is the first book's (YearOf: its year, else
// that of its first form that has one, as its cover prints), and its
// title the first one given. The forms of another year
// are printed all the same; strays lists those the caller should warn of:
// a form not of its own book's year is left out, as validation warns of it.
func Join(books []*model.Book) (book *model.Book, strays []Stray) {
	book = &model.Book{}
	for _, b := range books {
		if book.Title == "" {
			book.Title = b.Title
		}
		book.Forms = append(book.Forms, b.Forms...)
	}
	if len(books) == 0 {
		return book, nil
	}
	book.Year = YearOf(books[0])
	for i, b := range books {
		for j := range b.Forms {
			year := b.Forms[j].Year
			if year == book.Year || year == 0 {
				continue
			}
			if b.Year == book.Year && b.Year != 0 {
				continue // validation has warned: the form is not of its book's year
			}
			strays = append(strays, Stray{Book: i, Form: j, Year: year})
		}
	}
	return book, strays
}

// Stray is a form of a year other than its binder's.
type Stray struct {
	Book, Form int // the form is books[Book].Forms[Form]
	Year       int // the form's year
}
