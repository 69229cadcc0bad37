package layout

import (
	"math"
	"reflect"
	"strconv"
	"testing"
)

// TestPackRoundTrip: every page of the example forms, laid out on A4 and
// on a small page (more pages, cells cut across them), reads back from
// Pack equal field for field, with the same *Elem values, and with the
// room asked for after its items.
func TestPackRoundTrip(t *testing.T) {
	book := exampleBook(t)
	small := DefaultOptions()
	small.Width, small.Height = small.Width*2/3, small.Height/2
	for _, opt := range []Options{DefaultOptions(), small} {
		for i := range book.Forms {
			pages, err := FormPages(&book.Forms[i], fixed{}, opt)
			if err != nil {
				t.Fatal(err)
			}
			pk := Pack(pages)
			back, err := pk.Unpack(2)
			if err != nil {
				t.Fatalf("form %d: %v", i+1, err)
			}
			if pk.Pages() != len(pages) || len(back) != len(pages) {
				t.Fatalf("form %d: %d pages back, packed %d", i+1, len(back), len(pages))
			}
			for k := range pages {
				if !reflect.DeepEqual(back[k], pages[k]) {
					t.Fatalf("form %d page %d differs after Unpack", i+1, k+1)
				}
				for j := range pages[k].Items {
					if back[k].Items[j].Elem != pages[k].Items[j].Elem {
						t.Fatalf("form %d page %d item %d: another element", i+1, k+1, j)
					}
				}
				if cap(back[k].Items) != len(pages[k].Items)+2 {
					t.Errorf("form %d page %d: room for %d items, want 2", i+1, k+1, cap(back[k].Items)-len(back[k].Items))
				}
			}
			if size := pk.Size(); size*5/2 > itemBytes(pages) {
				t.Errorf("form %d: packed %d bytes, %d as items", i+1, size, itemBytes(pages))
			}
		}
	}
}

func itemBytes(pages []*Page) int {
	n := 0
	for _, p := range pages {
		n += int(reflect.TypeFor[Item]().Size()) * len(p.Items)
	}
	return n
}

// TestPackEveryField packs items whose every field is set, at the ends of
// its range, and items that repeat or change strings and elements.
func TestPackEveryField(t *testing.T) {
	a, b := NewElem(P, nil, 1), NewElem(TD, nil, 2)
	big, small := Length(math.MaxInt64), Length(math.MinInt64)
	pages := []*Page{
		{Width: 595, Height: 842, Label: "form page 1/2", Fit: "1: tight"},
		{Width: 1, Height: -1, Items: []Item{
			{Kind: Text, Role: Title, Gray: 255, X: big, Y: small, X2: -1, Y2: 1, W: 2, H: -2, Size: 3, Spacing: -3, Stroke: 4,
				Target: -5, Text: "项目概述", Field: "overview", Elem: a},
			{Kind: Text, Text: "项目概述", Field: "overview", Elem: a},
			{Kind: Text, Text: "续", Field: "overview", Elem: b},
			{Kind: Rule, X: 1, Stroke: 500},
			{Kind: Link, Target: math.MaxInt, Elem: a},
			{},
		}},
	}
	back, err := Pack(pages).Unpack(0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, pages) {
		t.Fatalf("unpacked %+v\n%+v", back[0], back[1].Items)
	}
	if back[1].Items[0].Elem != a || back[1].Items[2].Elem != b || back[1].Items[4].Elem != a {
		t.Error("elements not kept")
	}
}

// TestPackKnowsEveryField: Pack and Unpack name each field of Item and
// Page; a field added to either must be added to them (and to this count),
// or binders of more than 300 forms would lose it. An Item is 128 bytes
// on 64-bit systems, as its comment says.
func TestPackKnowsEveryField(t *testing.T) {
	if n := reflect.TypeFor[Item]().NumField(); n != 16 {
		t.Errorf("Item has %d fields, Pack knows 16: update Pack and Unpack", n)
	}
	if n := reflect.TypeFor[Page]().NumField(); n != 5 {
		t.Errorf("Page has %d fields, Pack knows 5: update Pack and Unpack", n)
	}
	if size := reflect.TypeFor[Item]().Size(); strconv.IntSize == 64 && size != 128 {
		t.Errorf("an Item takes %d bytes, not 128", size)
	}
}

// TestUnpackRefusesDamage: data cut short or with an index out of range
// is an error, not a panic.
func TestUnpackRefusesDamage(t *testing.T) {
	book := exampleBook(t)
	pages, err := FormPages(&book.Forms[1], fixed{}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	pk := Pack(pages)
	for _, cut := range []int{0, 1, 5, len(pk.data) / 2, len(pk.data) - 1} {
		bad := *pk
		bad.data = pk.data[:cut]
		if _, err := bad.Unpack(0); err == nil {
			t.Errorf("cut at %d: no error", cut)
		}
	}
	bad := *pk
	bad.strs = nil
	if _, err := bad.Unpack(0); err == nil {
		t.Error("no strings: no error")
	}
	bad = *pk
	bad.elems = bad.elems[:1]
	if _, err := bad.Unpack(0); err == nil {
		t.Error("no elements: no error")
	}
}

// BenchmarkPackExampleForms packs the pages of the 18 example forms and
// reads them back: what keeping them costs a binder, against laying them
// out again (BenchmarkExampleForms).
func BenchmarkPackExampleForms(b *testing.B) {
	book := exampleBook(b)
	var all [][]*Page
	for i := range book.Forms {
		pages, err := FormPages(&book.Forms[i], fixed{}, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, pages)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, pages := range all {
			if _, err := Pack(pages).Unpack(2); err != nil {
				b.Fatal(err)
			}
		}
	}
}
