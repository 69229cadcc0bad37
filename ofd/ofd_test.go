package ofd

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
)

// wantGlyphs returns every character the PDF draws as text on page pg, in
// order, with its baseline position in millimetres, from the layout (not
// from this package's arithmetic): the runes of each run a face draws,
// where fonts.Splitter puts them.
func wantGlyphs(t testing.TB, fs *fonts.Set, pg *layout.Page) []glyphAt {
	t.Helper()
	sp := fonts.Splitter{Set: fs}
	var out []glyphAt
	for _, it := range pg.Items {
		if it.Kind != layout.Text || it.Text == "" {
			continue
		}
		runs, err := sp.Split(it.Role, it.Text, int64(it.Size), int64(it.Spacing))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			k := 0
			for _, c := range r.Text {
				x := float64(int64(it.X)+r.Pos[k]) * 25.4 / 72000
				out = append(out, glyphAt{r: c, x: x, y: float64(it.Y) * 25.4 / 72000, size: float64(it.Size) * 25.4 / 72000})
				k++
			}
		}
	}
	return out
}

// checkGlyphs compares the characters a reader finds on each page with
// those layout placed: the same text, each character within 0.0001 mm of
// where the PDF draws it (OFD is written to 1/10000 mm).
func checkGlyphs(t *testing.T, p *pkg, doc *layout.Document, fs *fonts.Set) {
	t.Helper()
	if len(p.pages) != len(doc.Pages) {
		t.Fatalf("%d pages, want %d", len(p.pages), len(doc.Pages))
	}
	for i, pg := range doc.Pages {
		want, got := wantGlyphs(t, fs, pg), p.glyphs[i]
		var ws, gs strings.Builder
		for _, g := range want {
			ws.WriteRune(g.r)
		}
		for _, g := range got {
			gs.WriteRune(g.r)
		}
		if ws.String() != gs.String() {
			t.Errorf("page %d: text\n%q\nwant\n%q", i+1, gs.String(), ws.String())
			continue
		}
		for k := range want {
			if math.Abs(got[k].x-want[k].x) > 0.0001 || math.Abs(got[k].y-want[k].y) > 0.0001 {
				t.Errorf("page %d: %v, want %v", i+1, got[k], want[k])
				break
			}
		}
	}
}

// TestExampleForms writes each of the 18 example forms: twice the same
// bytes, the structure sound, every character where the PDF puts it.
// Form 4 is kept as a golden file.
func TestExampleForms(t *testing.T) {
	forms := exampleForms(t)
	fs := defaultSet(t)
	for i := range forms {
		t.Run(fmt.Sprintf("form-%02d", i+1), func(t *testing.T) {
			doc := formDocument(t, forms, i)
			out, err := Bytes(doc, fs, Options{Creator: "jixiao test"})
			if err != nil {
				t.Fatal(err)
			}
			again, err := Bytes(formDocument(t, forms, i), fs, Options{Creator: "jixiao test"})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Fatal("two writes differ")
			}
			if i == 3 {
				golden.Assert(t, "ofd/form-04.ofd", out)
			}
			p := readPackage(t, out)
			checkGlyphs(t, p, doc, fs)
			info := p.docInfo
			for _, c := range []struct{ el, want string }{
				{"Title", forms[i].Project},
				{"Author", doc.Meta.Author},
				{"CreationDate", "2024-01-01"},
				{"Creator", "jixiao test"},
			} {
				if got := info.first(c.el); got == nil || got.text != c.want {
					t.Errorf("DocInfo %s = %v, want %q", c.el, got, c.want)
				}
			}
			box := p.document.first("PageArea").first("PhysicalBox").text
			if box != "0 0 210.0001 297.0001" { // 595.276 × 841.89 pt, layout's A4
				t.Errorf("page area %q", box)
			}
		})
	}
}

// TestBinder writes the binder of the example book from its page sequence:
// the outline nests as the bookmarks do, each entry going to its page.
func TestBinder(t *testing.T) {
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	fs := defaultSet(t)
	bl, err := binder.Plan(b, fs, binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true})
	if err != nil {
		t.Fatal(err)
	}
	fr := layout.Frame{Pages: bl.NumPages, Outline: bl.Outline, Labels: bl.Labels, Meta: bl.Meta}
	var out bytes.Buffer
	if err := WritePages(&out, fr, bl.Pages, fs, Options{Creator: "jixiao test"}); err != nil {
		t.Fatal(err)
	}
	p := readPackage(t, out.Bytes())
	if len(p.pages) != bl.NumPages {
		t.Fatalf("%d pages, want %d", len(p.pages), bl.NumPages)
	}
	var elems []*element
	p.document.first("Outlines").all("OutlineElem", func(e *element) { elems = append(elems, e) })
	if len(elems) != len(bl.Outline) {
		t.Fatalf("%d outline entries, want %d", len(elems), len(bl.Outline))
	}
	for i, bm := range bl.Outline {
		e := elems[i]
		level := 0
		for up := e.up; up.name == "OutlineElem"; up = up.up {
			level++
		}
		dest := e.kids[0].first("Dest").attr["PageID"]
		if e.attr["Title"] != bm.Title || level != bm.Level || dest != p.pageIDs[bm.Page] {
			t.Errorf("outline %d: %q level %d page %s, want %q level %d page %s", i, e.attr["Title"], level, dest, bm.Title, bm.Level, p.pageIDs[bm.Page])
		}
	}
	doc, err := bl.Document()
	if err != nil {
		t.Fatal(err)
	}
	checkGlyphs(t, p, doc, fs)
	links := 0
	for _, pg := range p.pages {
		pg.all("Action", func(*element) { links++ })
	}
	want := 0
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.Link {
				want++
			}
		}
	}
	if links != want || want == 0 {
		t.Errorf("%d links, want %d", links, want)
	}
}

// sample is a small document with every kind of item.
func sample() *layout.Document {
	a4w, a4h := layout.Millimetres(210), layout.Millimetres(297)
	p1 := &layout.Page{Width: a4w, Height: a4h, Items: []layout.Item{
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 100 * layout.Pt, Role: layout.Title, Size: 18 * layout.Pt, Text: "市级财政项目支出预算绩效目标表"},
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 140 * layout.Pt, Role: layout.Body, Size: 10500, Spacing: 120, Text: "A&B <“𡐓”> 100%"},
		{Kind: layout.Link, X: 72 * layout.Pt, Y: 128 * layout.Pt, W: 300 * layout.Pt, H: 16 * layout.Pt, Target: 1},
	}}
	p2 := &layout.Page{Width: a4h, Height: a4w, Items: []layout.Item{
		{Kind: layout.Fill, X: 72 * layout.Pt, Y: 72 * layout.Pt, W: 200 * layout.Pt, H: 20 * layout.Pt, Gray: 230},
		{Kind: layout.Rule, X: 72 * layout.Pt, Y: 72 * layout.Pt, X2: 272 * layout.Pt, Y2: 72 * layout.Pt, Stroke: 1000},
		{Kind: layout.Text, X: 76 * layout.Pt, Y: 86 * layout.Pt, Role: layout.Body, Size: 10500, Text: "一级指标\u200B二级指标"},
	}}
	return &layout.Document{
		Pages:   []*layout.Page{p1, p2},
		Outline: []layout.Bookmark{{Title: "目录 & <1>", Page: 0}, {Title: "表\n1", Page: 1, Level: 1}},
		Meta:    layout.Meta{Title: "项目 \"A\" & B\x01", Author: "单位", Subject: "表", Year: 2024},
	}
}

// TestSample: escaping, a second page of another size, characters above
// U+FFFF mapped to their glyph, the watermark, links.
func TestSample(t *testing.T) {
	fs := defaultSet(t)
	out, err := Bytes(sample(), fs, Options{Creator: "x", Watermark: "草稿"})
	if err != nil {
		t.Fatal(err)
	}
	p := readPackage(t, out)
	checkGlyphs(t, p, sample(), fs)
	if got := p.docInfo.first("Title").text; got != "项目 \"A\" & B\uFFFD" {
		t.Errorf("title %q", got)
	}
	area := func(pg *element) *element {
		for _, k := range pg.kids {
			if k.name == "Area" {
				return k
			}
		}
		return nil
	}
	if a := area(p.pages[1]); a == nil || a.first("PhysicalBox").text != "0 0 297.0001 210.0001" {
		t.Error("second page: no area of its own")
	}
	if area(p.pages[0]) != nil {
		t.Error("first page: an area of its own")
	}
	// 𡐓 is a TextCode of its own, without DeltaX.
	var lone *element
	p.pages[0].all("TextCode", func(e *element) {
		if e.text == "𡐓" {
			lone = e
		}
	})
	if lone == nil || lone.attr["DeltaX"] != "" {
		t.Fatalf("𡐓 not alone in its TextCode: %+v", lone)
	}
	// The embedded subset maps 𡐓 to its glyph in its own character map
	// (fonts.SubsetUnicode): the 7th distinct character drawn with Noto
	// Serif SC (A & B space < “ 𡐓).
	g := "7"
	for _, pg := range p.pages {
		var paths int
		pg.all("PathObject", func(e *element) {
			if e.attr["CTM"] != "" {
				paths++
				if e.first("FillColor").attr["Value"] != "224 224 224" {
					t.Error("watermark not light gray")
				}
			}
		})
		if paths != 1 {
			t.Errorf("%d watermarks on a page", paths)
		}
	}
	found := false
	for name, b := range p.files {
		if strings.HasSuffix(name, ".ttf") {
			f, err := sfnt.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			if gi, err := f.GlyphIndex(nil, 0x21413); err == nil && fmt.Sprint(gi) == g {
				found = true
			}
		}
	}
	if !found {
		t.Error("no embedded font maps 𡐓 to the glyph the text names")
	}
	if n := len(p.document.first("Outlines").kids); n != 1 {
		t.Errorf("%d top outline entries, want 1", n)
	}
}

// TestWritePages: a page sequence gives the bytes of the whole document,
// read once; a failing or wrong sequence writes nothing.
func TestWritePages(t *testing.T) {
	fs := defaultSet(t)
	want, err := Bytes(sample(), fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := sample()
	fr := layout.Frame{Pages: len(d.Pages), Outline: d.Outline, Meta: d.Meta}
	reads := 0
	seq := func(yield func(int, *layout.Page) error) error {
		reads++
		for i, p := range sample().Pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
	var got bytes.Buffer
	if err := WritePages(&got, fr, seq, fs, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) || reads != 1 {
		t.Errorf("WritePages differs from Bytes, or read %d times", reads)
	}
	stop := errors.New("stop")
	for name, c := range map[string]struct {
		n   int
		seq layout.PageSeq
	}{
		"sequence error": {2, func(yield func(int, *layout.Page) error) error {
			if err := yield(0, sample().Pages[0]); err != nil {
				return err
			}
			return stop
		}},
		"too few pages": {3, seq},
		"out of order": {2, func(yield func(int, *layout.Page) error) error {
			return yield(1, sample().Pages[1])
		}},
		"missing character": {1, func(yield func(int, *layout.Page) error) error {
			return yield(0, &layout.Page{Width: 1000, Height: 1000, Items: []layout.Item{{Kind: layout.Text, Size: 1000, Text: "\uE000"}}})
		}},
		"link out of range": {1, func(yield func(int, *layout.Page) error) error {
			return yield(0, &layout.Page{Width: 1000, Height: 1000, Items: []layout.Item{{Kind: layout.Link, Target: 5}}})
		}},
	} {
		var w bytes.Buffer
		err := WritePages(&w, layout.Frame{Pages: c.n}, c.seq, fs, Options{})
		if err == nil || w.Len() > 0 {
			t.Errorf("%s: error %v, %d bytes written", name, err, w.Len())
		}
		if name == "sequence error" && !errors.Is(err, stop) {
			t.Errorf("sequence error: %v", err)
		}
	}
	// With AllowMissing the character is a box.
	var w bytes.Buffer
	page := &layout.Page{Width: 100000, Height: 100000, Items: []layout.Item{{Kind: layout.Text, X: 1000, Y: 20000, Size: 10000, Text: "a\uE000"}}}
	if err := WritePages(&w, layout.Frame{Pages: 1}, func(yield func(int, *layout.Page) error) error { return yield(0, page) }, fs, Options{AllowMissing: true}); err != nil {
		t.Fatal(err)
	}
	p := readPackage(t, w.Bytes())
	if p.pages[0].first("PathObject") == nil || len(p.glyphs[0]) != 1 {
		t.Error("no box for the missing character, or it is text")
	}
}

// TestDates: the document's date in DocInfo and in every ZIP entry.
func TestDates(t *testing.T) {
	d := time.Date(2025, 3, 4, 5, 6, 8, 0, time.UTC)
	out, err := Bytes(sample(), defaultSet(t), Options{Date: d})
	if err != nil {
		t.Fatal(err)
	}
	p := readPackage(t, out)
	if got := p.docInfo.first("CreationDate").text; got != "2025-03-04" {
		t.Errorf("creation date %q", got)
	}
	if date, clock := dosTime(d); date != (45<<9|3<<5|4) || clock != (5<<11|6<<5|4) {
		t.Errorf("MS-DOS time %x %x", date, clock)
	}
	if date, clock := dosTime(time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC)); date != 0x21 || clock != 0 {
		t.Errorf("1975: %x %x", date, clock)
	}
}

func TestUnits(t *testing.T) {
	for _, c := range []struct {
		l    layout.Length
		want string
	}{
		{0, "0"}, {1, "0.0004"}, {72000, "25.4"}, {595276, "210.0001"}, {-2835, "-1.0001"}, {18, "0.0064"},
	} {
		if got := string(appendUnit(nil, mm(c.l))); got != c.want {
			t.Errorf("%d: %s, want %s", c.l, got, c.want)
		}
	}
}
