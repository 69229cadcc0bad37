package binder

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"testing"

	"jixiao/layout"
	"jixiao/model"
)

// TestMaxPages: past Options.MaxPages the binder is a problem, and the
// forms after the one that passes it are not all laid out.
func TestMaxPages(t *testing.T) {
	b := &model.Book{Year: 2024}
	for i := range 200 {
		// Three pages a form (the fake layout: one a row).
		b.Forms = append(b.Forms, model.Form{Year: 2024, Project: fmt.Sprintf("项目%d", i), TotalAmount: "1", YearAmount: "1", Indicators: make([]model.Indicator, 3)})
	}
	var laid atomic.Int64
	lay := func(k int, f *model.Form) ([]*layout.Page, error) {
		laid.Add(1)
		return bindFakeForms(k, f)
	}
	for _, c := range []struct {
		max     int
		problem bool
	}{{0, false}, {600, false}, {599, true}, {100, true}} {
		laid.Store(0)
		bl, err := plan(b, binderMeasurer{}, Options{Layout: layout.DefaultOptions(), MaxPages: c.max, Workers: 2}, lay, 0)
		var ps model.Problems
		switch {
		case !c.problem && err != nil:
			t.Fatalf("MaxPages %d: %v", c.max, err)
		case !c.problem && bl.total != 600:
			t.Fatalf("MaxPages %d: %d pages", c.max, bl.total)
		case c.problem && !errors.As(err, &ps):
			t.Fatalf("MaxPages %d: %v, want the problem", c.max, err)
		case c.problem:
			if len(ps) != 1 || ps[0].Code != model.CodeBinderTooManyPages || ps[0].Args[0] != fmt.Sprint(c.max) || ps[0].Args[1] != "200" {
				t.Fatalf("MaxPages %d: %v", c.max, ps)
			}
			// The forms up to the limit and at most a window ahead.
			if n := laid.Load(); int(n) > c.max/3+1+16 {
				t.Errorf("MaxPages %d: %d forms laid out", c.max, n)
			}
		}
	}
	// More forms than pages: refused before any layout.
	laid.Store(0)
	if _, err := plan(b, binderMeasurer{}, Options{Layout: layout.DefaultOptions(), MaxPages: 150}, lay, 0); err == nil || laid.Load() != 0 {
		t.Errorf("200 forms, 150 pages: %v after %d layouts", err, laid.Load())
	}
}

// TestMetaBidi: bidi and invisible characters of a project or unit do not
// reach the binder's title, author or bookmarks, which a viewer shows as
// plain text (issue 20).
func TestMetaBidi(t *testing.T) {
	b := &model.Book{Year: 2024, Title: "绩效\u202e目标表"}
	for i := range 2 {
		b.Forms = append(b.Forms, model.Form{Year: 2024, Unit: "单位\u202eA\u200b", Project: fmt.Sprintf("项目\u2066%d\u2069\u202e", i),
			TotalAmount: "1", YearAmount: "1", Indicators: make([]model.Indicator, 1)})
	}
	bl, err := plan(b, binderMeasurer{}, Options{Layout: layout.DefaultOptions(), GroupByUnit: true}, bindFakeForms, math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{bl.Meta.Title, bl.Meta.Author, bl.Meta.Subject}
	for _, bm := range bl.Outline {
		texts = append(texts, bm.Title)
	}
	for _, s := range texts {
		for _, r := range s {
			if r == '\u202e' || r == '\u200b' || r == '\u2066' || r == '\u2069' {
				t.Errorf("%q holds U+%04X", s, r)
			}
		}
	}
	if bl.Meta.Author != "单位A" || bl.Outline[1].Title != "1. 项目0" {
		t.Errorf("author %q, bookmark %q", bl.Meta.Author, bl.Outline[1].Title)
	}
}
