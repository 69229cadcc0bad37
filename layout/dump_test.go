package layout

import (
	"bytes"
	"strings"
	"testing"

	"jixiao/golden"
)

func TestDumpFormat(t *testing.T) {
	opt := DefaultOptions()
	p := &Page{Width: opt.Width, Height: opt.Height, Label: "toc 1"}
	p.Items = []Item{
		{Kind: Text, X: 85039, Y: 120500, W: 42000, Role: Title, Size: 10500, Spacing: 250, Text: "项目\"概述\"", Field: "overview"},
		{Kind: Text, X: -1, Y: 7, Role: Body, Size: 9000, Text: "x"},
		{Kind: Rule, X: 1, Y: 2, X2: 3000, Y2: 2, Stroke: 500},
		{Kind: Fill, X: 10, Y: 20, W: 30, H: 40, Gray: 200},
		{Kind: Link, X: 10, Y: 20, W: 30, H: 40, Target: 2},
	}
	d := &Document{
		Pages:   []*Page{p},
		Outline: []Bookmark{{Title: "江阴市", Page: 0, Level: 1}},
		Labels:  []PageLabel{{Page: 0, Style: LowerRoman, Prefix: "目录", Start: 1}},
		Meta:    Meta{Title: "t", Author: "a", Subject: "s", Year: 2024},
	}
	var a, b bytes.Buffer
	if err := Dump(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := Dump(&b, d); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two dumps differ")
	}
	golden.Assert(t, "layout/dump-format.txt", a.Bytes())
}

func TestAddFooter(t *testing.T) {
	opt := DefaultOptions()
	opt.Mirror = true
	texts := []string{PageFooter(3, 40), "本表" + PageFooter(1, 2)}
	for _, pi := range []int{0, 1} {
		p := &Page{Width: opt.Width, Height: opt.Height}
		if err := AddFooter(p, texts, fixed{}, opt, pi); err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 2 || p.Items[0].Text != "第 3 页 共 40 页" || p.Items[1].Text != "本表第 1 页 共 2 页" {
			t.Fatalf("footer items %+v", p.Items)
		}
		left := opt.left(pi == 1)
		for _, it := range p.Items {
			centre := it.X + it.W/2
			if want := left + opt.contentWidth()/2; centre-want > 1 || want-centre > 1 {
				t.Errorf("page %d: %q centred at %d, want %d", pi, it.Text, centre, want)
			}
			if it.Y-it.Size*AscentEm/1000 < opt.Height-opt.Bottom || it.Y > opt.Height {
				t.Errorf("page %d: %q at y %d outside the bottom margin", pi, it.Text, it.Y)
			}
		}
		if p.Items[1].Y <= p.Items[0].Y {
			t.Errorf("second footer line above the first")
		}
		d := &Document{Pages: []*Page{{Width: opt.Width, Height: opt.Height}, p}}
		if pi == 0 {
			d.Pages = d.Pages[1:]
		}
		if err := Check(d, fixed{}, opt); err != nil {
			t.Error(err)
		}
	}
	small := opt
	small.Bottom = 5 * Pt
	if err := AddFooter(&Page{}, texts, fixed{}, small, 0); err == nil || !strings.HasPrefix(err.Error(), "layout: ") {
		t.Errorf("footer in a 5 pt margin: %v", err)
	}
}
