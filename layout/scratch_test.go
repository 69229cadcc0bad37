package layout

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// A page's items are copied out of emitPage's scratch into an array of
// their number plus opt.ItemRoom, and laying out the next forms (which
// reuse the scratch) leaves them as they were.
func TestPagesOwnTheirItems(t *testing.T) {
	b := exampleBook(t)
	for _, room := range []int{0, 2} {
		opt := DefaultOptions()
		opt.ItemRoom = room
		var pages [][]*Page
		var copies [][][]Item
		for i := range b.Forms {
			ps, err := FormPages(&b.Forms[i], varied{}, opt)
			if err != nil {
				t.Fatal(err)
			}
			var cs [][]Item
			for k, p := range ps {
				if cap(p.Items) != len(p.Items)+room {
					t.Errorf("room %d, form %d page %d: %d items in an array of %d", room, i+1, k+1, len(p.Items), cap(p.Items))
				}
				cs = append(cs, slices.Clone(p.Items))
			}
			pages, copies = append(pages, ps), append(copies, cs)
		}
		for i, ps := range pages {
			for k, p := range ps {
				if !slices.Equal(p.Items, copies[i][k]) {
					t.Errorf("room %d, form %d page %d: items changed by the forms laid out after it", room, i+1, k+1)
				}
			}
		}
	}
}

// build counts the row spans before it makes them: the array it makes is
// their number.
func TestSpansCounted(t *testing.T) {
	b := exampleBook(t)
	forms := append(b.Forms[:len(b.Forms):len(b.Forms)], b.Forms[0])
	forms[len(forms)-1].Indicators = manyIndicators(300)
	for i := range forms {
		g, _ := paginated(t, &forms[i], DefaultOptions())
		if len(g.spans) == 0 || cap(g.spans) != len(g.spans) {
			t.Errorf("form %d: %d spans in an array of %d", i+1, len(g.spans), cap(g.spans))
		}
	}
}

// A grid placed again with another line spacing (a fit step that changes
// nothing else) gives the pages a grid laid out anew with it gives.
func TestReleadedGrid(t *testing.T) {
	b := exampleBook(t)
	forms := append(b.Forms[:len(b.Forms):len(b.Forms)], b.Forms[0])
	forms[len(forms)-1].Indicators = manyIndicators(120)
	for _, m := range []Measurer{fixed{}, varied{}} {
		for _, leading := range []int{1000, 1300, 2000} {
			for i := range forms {
				opt := DefaultOptions()
				opt.Signature = i%2 == 0
				g, _, err := layoutGrid(&forms[i], m, opt)
				require.NoError(t, err)
				o := opt
				o.LineSpacing = leading
				require.True(t, onlyLeading(opt, o))
				again := g.releaded(o)
				got, err := again.place()
				require.NoError(t, err)
				fresh, want, err := layoutGrid(&forms[i], m, o)
				require.NoError(t, err)
				require.Equal(t, want, got, "form %d, leading %d", i+1, leading)
				for k := range want {
					require.Equal(t, fresh.emitPage(k, &want[k], false).Items, again.emitPage(k, &got[k], false).Items,
						"form %d, leading %d, page %d", i+1, leading, k+1)
				}
			}
		}
	}
	o := DefaultOptions()
	o.PadX++
	require.False(t, onlyLeading(DefaultOptions(), o))
}

// The field paths of indicator rows, shared or made, are those the rows'
// indexes give.
func TestRowPaths(t *testing.T) {
	for _, src := range []int{-1, 0, 7, cachedPaths - 1, cachedPaths, 1000} {
		r := printedRow{src: src}
		row := "framework"
		if src >= 0 {
			row = "indicators[" + strconv.Itoa(src) + "]"
		}
		want := rowPaths{row, []string{row + ".level1", row + ".level2", row + ".level3", row + ".half_year", row + ".full_year"}}
		require.Equal(t, want, r.paths())
		require.Equal(t, row, r.field())
	}
}

// Value cells' lines, cut from the grid's slab, share no memory with
// another cell's, and are the lines their text breaks into alone.
func TestCellLinesEndTheirSlice(t *testing.T) {
	b := exampleBook(t)
	long := b.Forms[0]
	long.Overview = strings.Repeat("项目概述很长的一段文字。", 400) // more lines than a slab holds
	forms := append(b.Forms[:len(b.Forms):len(b.Forms)], long)
	for i := range forms {
		g, _ := paginated(t, &forms[i], DefaultOptions())
		type span struct{ lo, hi uintptr } // a cell's lines in memory
		var seen []span
		size := unsafe.Sizeof(Line{})
		for _, r := range g.rows {
			for _, c := range r.cells {
				if !c.flow || len(c.lines) == 0 {
					continue // a label: an array of its own
				}
				lo := uintptr(unsafe.Pointer(&c.lines[0]))
				s := span{lo, lo + uintptr(cap(c.lines))*size}
				for _, o := range seen {
					if s.lo < o.hi && o.lo < s.hi {
						t.Fatalf("form %d: a cell's lines (and the room after them) overlap another's", i+1)
					}
				}
				seen = append(seen, s)
				want := BreakLines(join(c.lines), Body, g.opt.BodySize, c.x1-c.x0-2*g.opt.PadX, g.m)
				require.Equal(t, want, c.lines, "form %d", i+1)
			}
		}
	}
}
