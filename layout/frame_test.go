package layout

import (
	"strings"
	"testing"
)

// TestFrameCheck: what a backend refuses of a frame and of a page.
func TestFrameCheck(t *testing.T) {
	good := func() Frame {
		return Frame{Pages: 3,
			Outline: []Bookmark{{Title: "a", Page: 0}, {Title: "b", Page: 1, Level: 1}, {Title: "c", Page: 1, Level: 1}, {Title: "d", Page: 2}},
			Labels:  []PageLabel{{Page: 0}, {Page: 2, Prefix: "附"}}}
	}
	if err := good().Check(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		mutate func(*Frame)
		want   string
	}{
		"no pages":     {func(f *Frame) { f.Pages = 0 }, "no pages"},
		"page order":   {func(f *Frame) { f.Outline[2].Page = 0 }, `"c": outline not in page order`},
		"page range":   {func(f *Frame) { f.Outline[3].Page = 3 }, `"d": page index 3 of 3`},
		"level jump":   {func(f *Frame) { f.Outline[0].Level = 1 }, "level 1 after level -1"},
		"label order":  {func(f *Frame) { f.Labels[1].Page = 0 }, "page label 1"},
		"label range":  {func(f *Frame) { f.Labels[1].Page = -1 }, "page label 1"},
		"label beyond": {func(f *Frame) { f.Labels[1].Page = 3 }, "page label 1"},
	} {
		f := good()
		c.mutate(&f)
		if err := f.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	pg := &Page{Width: 1000, Height: 1000, Items: []Item{{Kind: Text, Size: 1000, Text: "x"}, {Kind: Text, Text: ""}, {Kind: Link, Target: 2}}}
	if err := CheckPage(pg, 0, 3); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]*Page{
		"nil":       nil,
		"no height": {Width: 1000},
		"link":      {Width: 1000, Height: 1000, Items: []Item{{Kind: Link, Target: 3}}},
		"text size": {Width: 1000, Height: 1000, Items: []Item{{Kind: Text, Text: "x"}}},
	} {
		if err := CheckPage(bad, 1, 3); err == nil || !strings.HasPrefix(err.Error(), "page 2") {
			t.Errorf("%s: %v", name, err)
		}
	}
	d := &Document{Pages: []*Page{pg, pg}, Outline: []Bookmark{{Title: "a"}}}
	if fr := d.Frame(); fr.Pages != 2 || len(fr.Outline) != 1 {
		t.Errorf("frame %+v", fr)
	}
	n := 0
	if err := d.Seq()(func(i int, p *Page) error {
		if i != n || p != pg {
			t.Errorf("page %d at %d", i, n)
		}
		n++
		return nil
	}); err != nil || n != 2 {
		t.Errorf("Seq: %v, %d pages", err, n)
	}
}
