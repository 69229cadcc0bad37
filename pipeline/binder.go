package pipeline

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/internal/meter"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/render"
)

// BinderOptions are the options of a binder. Its Layout.Mirror makes it
// duplex: every form starts on a right-hand page.
type BinderOptions struct {
	Options
	GroupByUnit bool // group the forms by 单位名称 in the contents and bookmarks
	Workers     int  // forms laid out at once; 0 for every CPU. The PDF does not depend on it.
	// Date is the cover's 编报日期 as printed; "" for the year with blanks
	// for the month and day (binder.Options.Date).
	Date string
	// Unit, when not empty, makes the binder of the forms of that 单位名称
	// only (see Units): its own cover, contents and numbering.
	Unit string
}

// Units lists the 单位名称 of the inputs' forms in the order they first
// appear: the binders of jixiao binder --split-by unit.
func Units(inputs []Input) []string {
	var out []string
	seen := map[string]bool{}
	for _, in := range inputs {
		for i := range in.Book.Forms {
			if u := in.Book.Forms[i].Unit; !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}

// onlyUnit returns b, or a copy holding only the forms of unit when unit
// is not empty, with the index in b of each form kept (nil for b itself).
func onlyUnit(b *model.Book, unit string) (*model.Book, []int) {
	if unit == "" {
		return b, nil
	}
	c := *b
	c.Forms = nil
	var idx []int
	for i := range b.Forms {
		if b.Forms[i].Unit == unit {
			c.Forms = append(c.Forms, b.Forms[i])
			idx = append(idx, i)
		}
	}
	return &c, idx
}

// reindex rewrites the form index of each problem in err (forms[k], k in
// the binder's joined book) to the index of that form among all the
// inputs' forms, as placed expects, with global[k].
func reindex(err error, global []int) error {
	var ps model.Problems
	if global == nil || !errors.As(err, &ps) {
		return err
	}
	out := make(model.Problems, len(ps))
	for i, p := range ps {
		out[i] = p
		if k, ok := model.FormIndex(p.Path); ok && k < len(global) {
			out[i].Path = "forms[" + strconv.Itoa(global[k]) + "]" + strings.TrimPrefix(p.Path, "forms["+strconv.Itoa(k)+"]")
		}
	}
	return out
}

// Binder is a binder planned and checked, ready to be written.
type Binder struct {
	Forms int // number of forms
	Pages int // number of pages

	bl    *binder.Binder
	check *glyphCheck
	opt   render.Options
	fonts *fonts.Set
}

// PlanBinder plans the binder of every form of the inputs, in order: a
// cover, the contents, the forms numbered over the whole binder, and
// bookmarks (see package binder). Each form of a year other than the
// binder's is printed with a warning (binder.Join). Every character of the
// forms is checked against the fonts before layout, and those of the cover
// and the contents once they are drawn; the footers are checked as the
// pages are written. Nothing is written yet: whatever PlanBinder refuses
// leaves no output behind.
//
// The forms are laid out once to plan the binder and again, in a window of
// a few forms, as the pages are written: the whole binder is never in
// memory.
func PlanBinder(inputs []Input, opt BinderOptions) (*Binder, error) {
	if opt.Fonts == nil {
		return nil, errors.New("pipeline: PlanBinder needs fonts")
	}
	books := make([]*model.Book, len(inputs))
	var global []int // with Unit: the joined book's forms among all the inputs' forms
	offset := 0
	for i, in := range inputs {
		b, idx := onlyUnit(in.Book, opt.Unit)
		books[i] = withSign(b)
		for _, j := range idx {
			global = append(global, offset+j)
		}
		offset += len(in.Book.Forms)
	}
	book, strays := binder.Join(books)
	if len(book.Forms) == 0 {
		return nil, inputError(msg.New(msg.InputsNoForms))
	}
	ev := opt.Events
	if ev.Problem != nil {
		for _, st := range strays {
			if global != nil { // the form's index in its own input
				st.Form = global[sumLen(books[:st.Book])+st.Form] - sumLen(inputBooks(inputs[:st.Book]))
			}
			ev.Problem(strayProblem(st, inputs, book.Year))
		}
	}
	// Form by form, so that the fields of 10,000 forms are never listed at
	// once; paths name each form in its own file, as the user wrote it.
	check := newGlyphCheck(&opt.Options)
	missing := check.fields(opt.watermarkFields())
	for _, in := range inputs {
		for j := range in.Book.Forms {
			if opt.Unit != "" && in.Book.Forms[j].Unit != opt.Unit {
				continue
			}
			missing = append(missing, check.fields(formFields(&in.Book.Forms[j], in, j))...)
		}
	}
	if err := check.report(missing); err != nil {
		return nil, err
	}

	bl, err := binder.Plan(book, opt.Fonts, binder.Options{Layout: opt.Layout, GroupByUnit: opt.GroupByUnit,
		Duplex: opt.Layout.Mirror, Workers: opt.Workers, Progress: ev.Progress, Date: opt.Date})
	if err != nil {
		return nil, placed(reindex(err, global), inputs)
	}
	if ev.Planned != nil {
		ev.Planned(bl.NumPages)
	}
	if err := checkFront(check, bl); err != nil {
		return nil, err
	}
	date, err := opt.date(bl.Meta.Year)
	if err != nil {
		return nil, err
	}
	return &Binder{Forms: len(book.Forms), Pages: bl.NumPages, bl: bl, check: check, fonts: opt.Fonts,
		opt: opt.render(date)}, nil
}

// WriteTo draws the binder as a PDF written to w and returns the number of
// bytes written. The footers' characters are checked as each page is
// drawn; render writes nothing unless every page was drawn.
func (b *Binder) WriteTo(w io.Writer) (int64, error) {
	bl := b.bl
	fr := render.Frame{Pages: bl.NumPages, Outline: bl.Outline, Labels: bl.Labels, Meta: bl.Meta}
	cw := &meter.Writer{W: w}
	err := render.WritePages(cw, fr, b.EachPage, b.fonts, b.opt)
	return cw.N, err
}

// withSign returns b, or a copy whose forms have the book's signature
// values (填报人 …) where they have none, when the book gives any.
func withSign(b *model.Book) *model.Book {
	if len(b.Sign) == 0 {
		return b
	}
	c := *b
	c.Forms = make([]model.Form, len(b.Forms))
	for i := range b.Forms {
		c.Forms[i] = b.WithSign(b.Forms[i])
	}
	return &c
}

func sumLen(books []*model.Book) int {
	n := 0
	for _, b := range books {
		n += len(b.Forms)
	}
	return n
}

func inputBooks(inputs []Input) []*model.Book {
	out := make([]*model.Book, len(inputs))
	for i, in := range inputs {
		out[i] = in.Book
	}
	return out
}

// checkFront checks the characters of the cover and the contents.
func checkFront(check *glyphCheck, bl *binder.Binder) error {
	var missing []fonts.Missing
	for i, p := range bl.Front {
		prefix := "binder.contents"
		if i == 0 {
			prefix = "binder.cover"
		}
		missing = append(missing, check.items(prefix, p.Items, "")...)
	}
	return check.report(missing)
}

// strayProblem is the warning of a form of another year than the binder's,
// placed where its year was read.
func strayProblem(st binder.Stray, inputs []Input, year int) model.Problem {
	in, first := inputs[st.Book], inputs[0].Path
	y, by := strconv.Itoa(st.Year), strconv.Itoa(year)
	p := model.Problem{Path: fmt.Sprintf("forms[%d].year", st.Form), Severity: model.Warning, Code: model.CodeBinderYearDiffers,
		Args:    []string{y, by, first, by},
		Message: fmt.Sprintf("the form is of %s but the binder is of %s (the year of the first input, %s): the cover says %s", y, by, first, by)}
	p.Loc, _ = in.Source.Location(p.Path)
	if p.Loc.File == "" {
		p.Loc.File = in.Path
	}
	return p
}
