package layout

import (
	"errors"
	"strings"
	"testing"

	"jixiao/model"
)

// stampLines returns the lines of the stamp's label on d's pages: the page
// of each, and the items.
func stampLines(d *Document) (pages []int, items []Item) {
	for p, pg := range d.Pages {
		for _, it := range pg.Items {
			if it.Kind == Text && it.Field == "stamp" {
				pages, items = append(pages, p), append(items, it)
			}
		}
	}
	return pages, items
}

// TestStampNeverDropped: the line 单位（盖章）： is printed on every form
// without the signature block, on its last page, below the table, however
// the table fills the page. With a bottom margin too small for it, a
// table that fills the page sends its last row and the stamp to a new
// page, as it does the signature block; with the default margin the
// stamp may stand in the margin above the footer, costing no page.
func TestStampNeverDropped(t *testing.T) {
	b := exampleBook(t)
	inMargin := 0
	for _, bottom := range []Length{10 * MM, 20 * MM} {
		for dh := Length(0); dh < 80*MM; dh += 2 * MM {
			opt := DefaultOptions()
			opt.Bottom = bottom
			opt.Height -= dh
			for i := range b.Forms {
				d, err := Form(&b.Forms[i], fixed{}, opt)
				if err != nil {
					continue // a page too small for the table
				}
				if err := Check(d, fixed{}, opt); err != nil {
					t.Errorf("bottom %v, height %v, form %d: %v", bottom, opt.Height, i+1, err)
				}
				pages, items := stampLines(d)
				last := len(d.Pages) - 1
				if len(items) != 1 || pages[0] != last || items[0].Text != model.StampLabel+"：" {
					t.Errorf("bottom %v, height %v, form %d: stamp lines %v on pages %v of %d", bottom, opt.Height, i+1, items, pages, len(d.Pages))
					continue
				}
				st := items[0]
				for _, it := range d.Pages[last].Items {
					if it.Kind == Rule && max(it.Y, it.Y2) > st.Y-st.Size*AscentEm/1000 {
						t.Errorf("bottom %v, height %v, form %d: stamp at %d above a rule at %d", bottom, opt.Height, i+1, st.Y, max(it.Y, it.Y2))
						break
					}
				}
				if st.Y > opt.Height-opt.Bottom {
					inMargin++
					if bottom == 10*MM {
						t.Errorf("bottom %v, height %v, form %d: stamp in a margin too small for it", bottom, opt.Height, i+1)
					}
				}
				// The stamp's page holds no table row other than the last
				// one the table had before: it never takes more.
				if len(d.Pages) > 1 && rowsOn(d.Pages[last]) == 0 {
					t.Errorf("bottom %v, height %v, form %d: the stamp opens a page alone", bottom, opt.Height, i+1)
				}
			}
		}
	}
	if inMargin == 0 {
		t.Error("no stamp in the margin: the case is not exercised")
	}
}

// rowsOn counts the texts of the table on p: all but the running head,
// the footer and the stamp.
func rowsOn(p *Page) int {
	n := 0
	for _, it := range p.Items {
		if it.Kind == Text && it.Field != "head" && it.Field != "footer" && it.Field != "stamp" {
			n++
		}
	}
	return n
}

// TestStampWraps: on a page so narrow that the label 单位（盖章）： breaks,
// its lines are all printed, one under another, after the table.
func TestStampWraps(t *testing.T) {
	b := exampleBook(t)
	opt := DefaultOptions()
	opt.BodySize = 24 * Pt
	f := &b.Forms[3]
	d, err := Form(f, fixed{}, opt)
	var ps model.Problems
	if errors.As(err, &ps) {
		t.Skipf("the form does not fit at that size: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(d, fixed{}, opt); err != nil {
		t.Error(err)
	}
	pages, items := stampLines(d)
	if len(items) < 2 {
		t.Fatalf("stamp lines %v: want the label broken", items)
	}
	text := ""
	for k, it := range items {
		text += it.Text
		if pages[k] != len(d.Pages)-1 || (k > 0 && it.Y <= items[k-1].Y) {
			t.Errorf("line %d of the stamp: page %d, at %d", k, pages[k], it.Y)
		}
	}
	if text != model.StampLabel+"：" {
		t.Errorf("stamp %q", text)
	}
}

// TestFooterBelowStamp: a stamp set in the bottom margin leaves room for a
// footer of two lines; AddFooter refuses a longer one rather than draw
// over it.
func TestFooterBelowStamp(t *testing.T) {
	b := exampleBook(t)
	opt := DefaultOptions()
	for dh := Length(0); dh < 80*MM; dh += 2 * MM {
		o := opt
		o.Height -= dh
		for i := range b.Forms {
			pages, err := FormPages(&b.Forms[i], fixed{}, o)
			if err != nil {
				continue
			}
			last := pages[len(pages)-1]
			var st *Item
			for k, it := range last.Items {
				if it.Field == "stamp" {
					st = &last.Items[k]
				}
			}
			if st == nil || st.Y <= o.Height-o.Bottom {
				continue
			}
			two := &Page{Items: append([]Item(nil), last.Items...)}
			if err := AddFooter(two, []string{"第 3 页 共 40 页", "本表第 1 页 共 2 页"}, fixed{}, o, 0); err != nil {
				t.Fatalf("a footer of two lines: %v", err)
			}
			three := &Page{Items: append([]Item(nil), last.Items...)}
			if err := AddFooter(three, []string{"第 3 页 共 40 页", "本表第 1 页 共 2 页", "第三行"}, fixed{}, o, 0); err == nil || !strings.Contains(err.Error(), "单位（盖章）") {
				t.Fatalf("a footer of three lines over the stamp in the margin: %v", err)
			}
			return
		}
	}
	t.Fatal("no stamp in the margin")
}
