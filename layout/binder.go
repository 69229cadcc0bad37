package layout

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"jixiao/model"
)

// BinderOptions controls the yearly binder: every form of a book in one
// document, behind a cover and a table of contents (目录).
type BinderOptions struct {
	// Layout is passed to every form's layout (paper, margins, signature
	// block) and frames the cover and contents; its zero value means
	// DefaultOptions(). Its Mirror is set to Duplex.
	Layout Options

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
	// runtime.GOMAXPROCS(0). The document does not depend on it.
	Workers int

	// Progress, when set, is called after each form is laid out with the
	// number of forms done and the total, from the calling goroutine only.
	Progress func(done, total int)
}

// BinderForm says where one form stands in a binder.
type BinderForm struct {
	Number  int // 序号, from 1 in binder order
	Index   int // index of the form in Book.Forms
	Unit    string
	Project string
	First   int // index of its first page in Document.Pages
	Pages   int // number of its pages
	Folio   int // the printed number of its first page (第 N 页), from 1
}

// BinderLayout is a binder document with the plan it was built from.
type BinderLayout struct {
	*Document
	Forms     []BinderForm // in binder order
	TOCFirst  int          // index of the first 目录 page
	TOCPages  int          // number of 目录 pages
	FormFirst int          // index of the first form page (第 1 页)
	Blank     []int        // indexes of the pages left blank for duplex printing
}

// Binder lays out every form of b in one document: a cover, a table of
// contents with page numbers and links, the forms with 第 N 页 共 M 页 footers
// (and 本表第 n 页 共 m 页 on forms of more than one page), one bookmark per
// form (and per unit when grouped) and page labels (封面, i, ii … for the
// contents, 1, 2 … for the forms). Forms are laid out in parallel; the
// result does not depend on the number of workers.
func Binder(b *model.Book, m Measurer, opt BinderOptions) (*Document, error) {
	bl, err := BinderPlan(b, m, opt)
	if err != nil {
		return nil, err
	}
	return bl.Document, nil
}

// BinderPlan is Binder that also returns where each form and part stands.
func BinderPlan(b *model.Book, m Measurer, opt BinderOptions) (*BinderLayout, error) {
	opt, lay, err := bindSetup(m, opt)
	if err != nil {
		return nil, err
	}
	return bindAssemble(b, m, opt, lay)
}

// BinderStream is a binder whose form pages are made as they are read, so
// that a writer that streams can print any number of forms in bounded
// memory. Its Document holds the outline, the page labels, the metadata and
// only the pages before the first form (cover, contents, blanks).
type BinderStream struct {
	BinderLayout
	NumPages int // pages of the whole binder

	m       Measurer
	g       binderGeometry
	lay     bindFormLayout
	forms   []*model.Form // in binder order
	order   []int
	workers int
	total   int       // 共 M 页: the pages from the first form page to the end
	laid    [][]*Page // the forms' pages when kept (Binder), else nil
}

// StreamBinder plans the binder of b: it lays every form out once, in
// parallel, and draws the cover and contents. A binder of up to
// StreamKeepForms forms keeps the pages of that pass for Pages (a few MB);
// a larger one keeps only each form's number of pages, and Pages lays the
// forms out again, in order, as they are read: laying out twice costs about
// 0.25 ms a form, and memory then holds the front pages and a window of a
// few forms, whatever the number of forms. The pages are the same either way.
func StreamBinder(b *model.Book, m Measurer, opt BinderOptions) (*BinderStream, error) {
	opt, lay, err := bindSetup(m, opt)
	if err != nil {
		return nil, err
	}
	return bindPlan(b, m, opt, lay, b != nil && len(b.Forms) <= StreamKeepForms)
}

// StreamKeepForms is the largest binder whose form pages StreamBinder keeps
// from its planning pass instead of laying them out a second time.
const StreamKeepForms = 300

// bindSetup completes the options and returns the form layout they ask for.
func bindSetup(m Measurer, opt BinderOptions) (BinderOptions, bindFormLayout, error) {
	lo := opt.Layout
	if lo.Width == 0 && lo.Height == 0 {
		lo = DefaultOptions()
	}
	lo.Mirror = opt.Duplex
	if err := lo.check(); err != nil {
		return opt, nil, err
	}
	opt.Layout = lo
	return opt, func(k int, f *model.Form) ([]*Page, error) {
		pages, err := FormPages(f, m, lo)
		return pages, underForm(err, k)
	}, nil
}

// bindFormLayout lays out b.Forms[k]; it is FormPages, replaced in tests.
type bindFormLayout func(k int, f *model.Form) ([]*Page, error)

// bindAssemble builds the whole binder in memory around pages made by lay,
// which must be safe to call from several goroutines at once.
func bindAssemble(b *model.Book, m Measurer, opt BinderOptions, lay bindFormLayout) (*BinderLayout, error) {
	s, err := bindPlan(b, m, opt, lay, true)
	if err != nil {
		return nil, err
	}
	pages := make([]*Page, 0, s.NumPages)
	if err := s.Pages(func(_ int, p *Page) error {
		pages = append(pages, p)
		return nil
	}); err != nil {
		return nil, err
	}
	s.Document.Pages = pages
	return &s.BinderLayout, nil
}

// bindPlan lays out the forms (keeping their pages if keep), numbers them,
// and draws the cover and the contents. opt.Layout gives the frame of the
// binder's own pages.
func bindPlan(b *model.Book, m Measurer, opt BinderOptions, lay bindFormLayout, keep bool) (*BinderStream, error) {
	if b == nil || len(b.Forms) == 0 {
		return nil, errors.New("layout: binder: the book has no forms")
	}
	opt.Layout.Mirror = opt.Duplex
	order := bindOrder(b, opt.GroupByUnit)
	forms := make([]*model.Form, len(order))
	for i, k := range order {
		forms[i] = &b.Forms[k]
	}
	counts, laid, err := bindLayoutAll(order, forms, lay, opt.Workers, opt.Progress, keep)
	if err != nil {
		return nil, err
	}

	s := &BinderStream{m: m, lay: lay, forms: forms, order: order, workers: opt.Workers, laid: laid}
	bl := &s.BinderLayout
	bl.Document = &Document{}
	bl.Forms = make([]BinderForm, len(forms))
	// The printed numbers (第 N 页) count from the first form page, so they
	// are known before the length of the table of contents is.
	folio := 0
	for i, f := range forms {
		if opt.Duplex && folio%2 == 1 {
			folio++
		}
		bl.Forms[i] = BinderForm{Number: i + 1, Index: order[i], Unit: f.Unit, Project: f.Project, Pages: counts[i], Folio: folio + 1}
		folio += counts[i]
	}
	s.total = folio

	g := newBinderGeometry(opt.Layout, opt.Duplex)
	s.g = g
	cover, err := bindCover(b, forms, m, g)
	if err != nil {
		return nil, err
	}
	contents, err := newBindTOC(bl.Forms, forms, m, g, opt.GroupByUnit)
	if err != nil {
		return nil, err
	}

	doc := bl.Document
	doc.Pages = append(doc.Pages, cover)
	doc.Labels = append(doc.Labels, PageLabel{Page: 0, Style: NoNumber, Prefix: "封面"})
	if opt.Duplex {
		bl.blank(g, "封二")
		doc.Labels = append(doc.Labels, PageLabel{Page: 1, Style: NoNumber, Prefix: "封二"})
	}
	bl.TOCFirst = len(doc.Pages)
	bl.TOCPages = contents.pageCount()
	doc.Labels = append(doc.Labels, PageLabel{Page: bl.TOCFirst, Style: LowerRoman, Start: 1})
	bl.FormFirst = bl.TOCFirst + bl.TOCPages
	if opt.Duplex && bl.FormFirst%2 == 1 {
		bl.FormFirst++
	}
	for i := range bl.Forms {
		bl.Forms[i].First = bl.FormFirst + bl.Forms[i].Folio - 1
	}
	tocPages, err := contents.pages(bl.TOCFirst)
	if err != nil {
		return nil, fmt.Errorf("layout: binder: contents: %w", err)
	}
	doc.Pages = append(doc.Pages, tocPages...)
	if opt.Duplex && len(doc.Pages)%2 == 1 {
		bl.blank(g, "toc blank")
	}
	doc.Labels = append(doc.Labels, PageLabel{Page: bl.FormFirst, Style: Decimal, Start: 1})

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
			doc.Outline = append(doc.Outline, Bookmark{Title: bindUnitName(unit), Page: bf.First, Level: 0})
		}
		level := 0
		if opt.GroupByUnit {
			level = 1
		}
		doc.Outline = append(doc.Outline, Bookmark{Title: fmt.Sprintf("%d. %s", bf.Number, bf.Project), Page: bf.First, Level: level})
	}
	s.NumPages = next
	doc.Meta = bindMeta(b, forms)
	return s, nil
}

// Pages calls yield with every page of the binder in order, with its index:
// the pages of Document.Pages, then the forms' pages with their footers and
// the blank pages between them. It stops at the first error, of yield or of
// a form's layout. A stream from StreamBinder can be read any number of
// times; the forms are laid out again each time, in parallel with a window
// of a few forms ahead of the reader.
func (s *BinderStream) Pages(yield func(index int, p *Page) error) error {
	idx := 0
	for _, p := range s.Document.Pages {
		if err := yield(idx, p); err != nil {
			return err
		}
		idx++
	}
	emit := func(i int, pages []*Page) error {
		bf := &s.Forms[i]
		if len(pages) != bf.Pages {
			return fmt.Errorf("layout: binder: form %d (%s): %d pages, planned %d (the layout is not deterministic)", bf.Number, bf.Project, len(pages), bf.Pages)
		}
		for ; idx < bf.First; idx++ {
			if err := yield(idx, &Page{Width: s.g.width, Height: s.g.height, Label: "blank"}); err != nil {
				return err
			}
		}
		for n, p := range pages {
			p.Label = fmt.Sprintf("form %d page %d/%d", bf.Number, n+1, bf.Pages)
			if err := bindFooter(p, s.m, s.g, idx, bf.Folio+n, s.total, n+1, bf.Pages); err != nil {
				return fmt.Errorf("layout: binder: form %d: %w", bf.Number, err)
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
		s.laid = nil // the kept pages get their footers once
		for i := range s.forms {
			if err := emit(i, laid[i]); err != nil {
				return err
			}
			laid[i] = nil
		}
		return nil
	}
	return bindOrdered(s.order, s.forms, s.lay, s.workers, emit)
}

func (bl *BinderLayout) blank(g binderGeometry, label string) {
	bl.Blank = append(bl.Blank, len(bl.Pages))
	bl.Pages = append(bl.Pages, &Page{Width: g.width, Height: g.height, Label: label})
}

// bindOrder returns the indexes of b's forms in binder order.
func bindOrder(b *model.Book, group bool) []int {
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

// bindUnitName is how a unit is named in headings: an empty 单位名称 still gets one.
func bindUnitName(u string) string {
	if u == "" {
		return "（未填单位名称）"
	}
	return u
}

// bindLayoutAll lays out the forms on a bounded pool of workers and returns
// their page counts and, if keep, their pages, in form order. Each form's
// layout is independent, so the result is the same for any number of
// workers. On failure it returns the error of the first failing form in
// order.
func bindLayoutAll(order []int, forms []*model.Form, lay bindFormLayout, workers int, progress func(done, total int), keep bool) ([]int, [][]*Page, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(forms))
	counts := make([]int, len(forms))
	var out [][]*Page
	if keep {
		out = make([][]*Page, len(forms))
	}
	errs := make([]error, len(forms))
	jobs := make(chan int)
	done := make(chan int, workers)
	var failed sync.Once
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				pages, err := bindSafeLay(lay, order[i], forms[i])
				counts[i], errs[i] = len(pages), err
				if err != nil {
					failed.Do(func() { close(stop) })
				} else if keep {
					bindCompact(pages)
					out[i] = pages
				}
				done <- i
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range forms {
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(done)
	}()
	n := 0
	for range done {
		n++
		if progress != nil {
			progress(n, len(forms))
		}
	}
	for i, err := range errs {
		if err != nil {
			return nil, nil, bindFormError(i, forms[i], err)
		}
	}
	return counts, out, nil
}

// bindFormError names the form of a failure; problems name it already.
func bindFormError(i int, f *model.Form, err error) error {
	var ps model.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return fmt.Errorf("layout: binder: form %d (%s): %w", i+1, f.Project, err)
}

// bindOrdered lays the forms out again on a pool of workers and hands their
// pages to each in form order. The workers run at most a window of forms
// ahead of each, so memory stays bounded however many forms there are.
func bindOrdered(order []int, forms []*model.Form, lay bindFormLayout, workers int, each func(i int, pages []*Page) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(forms))
	type result struct {
		pages []*Page
		err   error
	}
	slots := make([]chan result, len(forms))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	window := make(chan struct{}, 2*workers)
	stop := make(chan struct{})
	defer close(stop)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range forms {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range jobs {
				pages, err := bindSafeLay(lay, order[i], forms[i])
				if err == nil {
					bindCompact(pages)
				}
				slots[i] <- result{pages, err}
			}
		}()
	}
	for i := range forms {
		r := <-slots[i]
		slots[i] = nil
		<-window
		if r.err != nil {
			return bindFormError(i, forms[i], r.err)
		}
		if err := each(i, r.pages); err != nil {
			return err
		}
	}
	return nil
}

// bindCompact gives each page's items a backing array of the exact size
// plus room for the two footer lines. A binder holds every page at once, and
// the slack of the form layout's estimate (or the doubling of an append to a
// full slice) would otherwise double its memory: 650 MB instead of 300 MB for
// 10,000 forms. The copy is made on the worker, in parallel.
func bindCompact(pages []*Page) {
	const footer = 2
	for _, p := range pages {
		if cap(p.Items) != len(p.Items)+footer {
			p.Items = append(make([]Item, 0, len(p.Items)+footer), p.Items...)
		}
	}
}

// bindSafeLay keeps a panic in one form's layout from taking the process down
// from a worker goroutine, where no caller could recover it.
func bindSafeLay(lay bindFormLayout, k int, f *model.Form) (pages []*Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	pages, err = lay(k, f)
	if err == nil && len(pages) == 0 {
		err = errors.New("the layout produced no page")
	}
	return pages, err
}

// bindMeta is the document information of a binder.
func bindMeta(b *model.Book, forms []*model.Form) Meta {
	year := bindYear(b)
	title := bindTitle(b)
	if year != 0 {
		title = fmt.Sprintf("%d年度 %s", year, title)
	}
	return Meta{
		Title:   title,
		Author:  bindCommon(forms, func(f *model.Form) string { return f.Unit }),
		Subject: fmt.Sprintf("%d个项目", len(forms)),
		Year:    year,
	}
}

// bindYear is the book's year, else the first form's that has one.
func bindYear(b *model.Book) int {
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

// bindTitle is the book's title, else the first form's, else DefaultTitle.
func bindTitle(b *model.Book) string {
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

// bindCommon returns the value all forms share, or 各单位 when they differ.
func bindCommon(forms []*model.Form, get func(*model.Form) string) string {
	v := get(forms[0])
	for _, f := range forms[1:] {
		if get(f) != v {
			return "各单位"
		}
	}
	return v
}
