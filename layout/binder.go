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
	// block). Duplex turns its Mirror on.
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
	lo := opt.Layout
	if lo.Width == 0 && lo.Height == 0 {
		lo = DefaultOptions()
	}
	lo.Mirror = opt.Duplex
	if err := lo.check(); err != nil {
		return nil, err
	}
	opt.Layout = lo
	return bindAssemble(b, m, opt, func(k int, f *model.Form) ([]*Page, error) {
		o := lo
		o.Path = fmt.Sprintf("forms[%d]", k)
		return FormPages(f, m, o)
	})
}

// bindFormLayout lays out b.Forms[k]; it is FormPages, replaced in tests.
type bindFormLayout func(k int, f *model.Form) ([]*Page, error)

// bindAssemble builds the binder around pages made by lay, which must be safe
// to call from several goroutines at once. opt.Layout gives the frame of
// the binder's own pages.
func bindAssemble(b *model.Book, m Measurer, opt BinderOptions, lay bindFormLayout) (*BinderLayout, error) {
	if b == nil || len(b.Forms) == 0 {
		return nil, errors.New("layout: binder: the book has no forms")
	}
	opt.Layout.Mirror = opt.Duplex
	order := bindOrder(b, opt.GroupByUnit)
	forms := make([]*model.Form, len(order))
	for i, k := range order {
		forms[i] = &b.Forms[k]
	}
	laid, err := bindLayoutAll(order, forms, lay, opt.Workers, opt.Progress)
	if err != nil {
		return nil, err
	}

	bl := &BinderLayout{Document: &Document{}}
	bl.Forms = make([]BinderForm, len(forms))
	// The printed numbers (第 N 页) count from the first form page, so they
	// are known before the length of the table of contents is.
	folio := 0
	for i, f := range forms {
		if opt.Duplex && folio%2 == 1 {
			folio++
		}
		bl.Forms[i] = BinderForm{Number: i + 1, Index: order[i], Unit: f.Unit, Project: f.Project, Pages: len(laid[i]), Folio: folio + 1}
		folio += len(laid[i])
	}
	total := folio

	g := newBinderGeometry(opt.Layout, opt.Duplex)
	cover, err := bindCover(b, forms, m, g)
	if err != nil {
		return nil, err
	}
	contents := newBindTOC(bl.Forms, forms, m, g, opt.GroupByUnit)

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
	for i := range bl.Forms {
		bf := &bl.Forms[i]
		for len(doc.Pages) < bf.First {
			bl.blank(g, "blank")
		}
		if opt.GroupByUnit && (i == 0 || bf.Unit != unit) {
			unit = bf.Unit
			doc.Outline = append(doc.Outline, Bookmark{Title: bindUnitName(unit), Page: bf.First, Level: 0})
		}
		level := 0
		if opt.GroupByUnit {
			level = 1
		}
		doc.Outline = append(doc.Outline, Bookmark{Title: fmt.Sprintf("%d. %s", bf.Number, bf.Project), Page: bf.First, Level: level})
		for n, p := range laid[i] {
			p.Label = fmt.Sprintf("form %d page %d/%d", bf.Number, n+1, bf.Pages)
			if err := bindFooter(p, m, g, len(doc.Pages), bf.Folio+n, total, n+1, bf.Pages); err != nil {
				return nil, fmt.Errorf("layout: binder: form %d: %w", bf.Number, err)
			}
			doc.Pages = append(doc.Pages, p)
		}
		laid[i] = nil
	}
	doc.Meta = bindMeta(b, forms)
	return bl, nil
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
// their pages in form order. Each form's layout is independent, so the
// result is the same for any number of workers. On failure it returns the
// error of the first failing form in order.
func bindLayoutAll(order []int, forms []*model.Form, lay bindFormLayout, workers int, progress func(done, total int)) ([][]*Page, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(forms))
	out := make([][]*Page, len(forms))
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
				out[i], errs[i] = bindSafeLay(lay, order[i], forms[i])
				bindCompact(out[i])
				if errs[i] == nil && len(out[i]) == 0 {
					errs[i] = errors.New("the layout produced no page")
				}
				if errs[i] != nil {
					failed.Do(func() { close(stop) })
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
			f := forms[i]
			return nil, fmt.Errorf("layout: binder: form %d (%s): %w", i+1, f.Project, err)
		}
	}
	return out, nil
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
	return lay(k, f)
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
