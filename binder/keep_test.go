package binder

import (
	"reflect"
	"testing"

	"jixiao/layout"
	"jixiao/model"
)

// keepBook makes 40 forms of bindFakeForms: the first 20 of small pages
// each and the last 20 of large, or the other way round.
func keepBook(small, large int, largeFirst bool) *model.Book {
	b := binderBook(40)
	for i := range b.Forms {
		n := small
		if (i >= 20) != largeFirst {
			n = large
		}
		b.Forms[i].Indicators = make([]model.Indicator, n)
	}
	return b
}

// TestKeepBudget: a binder keeps its planning pass's pages while they fit
// the budget, drops them once they pass it (the pages so far, or their
// estimate for the forms to come), keeps none when it has more forms than
// the budget has pages, and reads the same pages every way; the contents
// drawn by Plan are kept with the forms' pages.
func TestKeepBudget(t *testing.T) {
	for _, c := range []struct {
		name       string
		book       *model.Book
		keep, want int // the budget, the pages kept
	}{
		{"fits", keepBook(1, 5, false), 200, 120},
		{"fits exactly", keepBook(1, 5, false), 120, 120},
		// Small forms first: the estimate falls short until form 33,
		// when the pages so far (85), taken for the 7 to come, pass 100.
		{"passed midway", keepBook(1, 5, false), 100, 0},
		// Large forms first: after 8 forms (40 pages) the estimate is
		// 200, past 130, though the book takes 120: kept none all the
		// same (the estimate errs towards memory, not time).
		{"estimated past", keepBook(1, 5, true), 130, 0},
		{"more forms than pages", keepBook(1, 5, false), 39, 0},
		{"none", keepBook(1, 5, false), 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Layout: layout.DefaultOptions()}
			ref, err := plan(c.book, binderMeasurer{}, opt, bindFakeForms, 0)
			if err != nil {
				t.Fatal(err)
			}
			bl, err := plan(c.book, binderMeasurer{}, opt, bindFakeForms, c.keep)
			if err != nil {
				t.Fatal(err)
			}
			if bl.KeptPages() != c.want || (bl.laid != nil) != (c.want > 0) {
				t.Fatalf("kept %d pages (laid %v), want %d", bl.KeptPages(), bl.laid != nil, c.want)
			}
			var got, want []*layout.Page
			if err := bl.Pages(func(_ int, p *layout.Page) error { got = append(got, p); return nil }); err != nil {
				t.Fatal(err)
			}
			if err := ref.Pages(func(_ int, p *layout.Page) error { want = append(want, p); return nil }); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the pages differ from those laid out again")
			}
			// Read again (the contents it kept, or drew again): the same.
			var again []*layout.Page
			if err := bl.Pages(func(_ int, p *layout.Page) error { again = append(again, p); return nil }); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(again, want) {
				t.Errorf("the pages read a second time differ")
			}
			if (bl.tocKept != nil) != (c.want > 0) || (bl.tocKept != nil && len(bl.tocKept) != bl.TOCPages) {
				t.Errorf("%d contents pages kept of %d (form pages kept: %d)", len(bl.tocKept), bl.TOCPages, c.want)
			}
		})
	}
}

// TestPlanKeepPagesOption: Options.KeepPages is the budget, 0 the default
// and a negative one none; CountOnly keeps none.
func TestPlanKeepPagesOption(t *testing.T) {
	b := binderBook(12) // 24 pages in bindFakeForms, 1 + i%3 each
	m := binderMeasurer{}
	if r := (Options{}).keep(); r != DefaultKeepPages {
		t.Errorf("the default budget is %d", r)
	}
	for _, c := range []struct {
		opt  Options
		want int
	}{
		{Options{}, 24},
		{Options{KeepPages: 24}, 24},
		{Options{KeepPages: 23}, 0},
		{Options{KeepPages: -1}, 0},
		{Options{CountOnly: true}, 0},
	} {
		opt, _, err := setup(m, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		bl, err := plan(b, m, opt, bindFakeForms, opt.keep())
		if err != nil {
			t.Fatal(err)
		}
		if bl.KeptPages() != c.want {
			t.Errorf("%+v: kept %d pages, want %d", c.opt, bl.KeptPages(), c.want)
		}
	}
}
