package ofd

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/render"
)

// TestFramesRefusedAsThePDF: a frame or page the PDF backend refuses
// (layout.Frame.Check, layout.CheckPage), the OFD backend refuses too,
// before writing a byte: among them a bookmark out of page order and page
// labels out of order, which the OFD does not even write.
func TestFramesRefusedAsThePDF(t *testing.T) {
	fs := defaultSet(t)
	cases := map[string]func(d *layout.Document){
		"outline order": func(d *layout.Document) { d.Outline[0].Page = 1; d.Outline[1].Page = 0 },
		"outline level": func(d *layout.Document) { d.Outline[0].Level = 2 },
		"outline page":  func(d *layout.Document) { d.Outline[1].Page = 9 },
		"label order":   func(d *layout.Document) { d.Labels[1].Page = 0 },
		"label range":   func(d *layout.Document) { d.Labels[1].Page = 5 },
		"page size":     func(d *layout.Document) { d.Pages[1].Height = 0 },
		"text size":     func(d *layout.Document) { d.Pages[0].Items[0].Size = 0 },
		"link target": func(d *layout.Document) {
			d.Pages[1].Items = append(d.Pages[1].Items, layout.Item{Kind: layout.Link, Target: 7})
		},
	}
	for name, mutate := range cases {
		d := sample()
		if len(d.Pages) != 2 || len(d.Outline) < 2 || d.Outline[1].Page != 1 {
			t.Fatalf("the sample has not two pages with a bookmark each")
		}
		d.Labels = []layout.PageLabel{{Page: 0}, {Page: 1, Prefix: "附"}}
		if _, err := render.Bytes(d, fs, render.Options{}); err != nil {
			t.Fatalf("%s: the PDF backend refuses the sample: %v", name, err)
		}
		mutate(d)
		_, perr := render.Bytes(d, fs, render.Options{})
		var w bytes.Buffer
		err := WritePages(&w, d.Frame(), d.Seq(), fs, Options{})
		if perr == nil || err == nil || w.Len() > 0 {
			t.Errorf("%s: PDF error %v, OFD error %v, %d bytes written", name, perr, err, w.Len())
			continue
		}
		// The same check, each under its own package's name.
		if !strings.HasPrefix(err.Error(), "ofd: ") || strings.TrimPrefix(err.Error(), "ofd: ") != strings.TrimPrefix(perr.Error(), "render: ") {
			t.Errorf("%s: OFD %q, PDF %q", name, err, perr)
		}
	}
}

// manyCharFont returns a font that draws chars characters above U+FFFF,
// from U+20000 on: Noto Serif SC with a character map whose format 12
// subtable maps them in groups to its first 10,000 glyphs (no real font
// draws 65,535 characters with one face).
func manyCharFont(t *testing.T, chars int) *fonts.Font {
	t.Helper()
	body, err := fonts.DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	src := body.Bytes()
	// The format 12 subtable: groups of 10,000 characters, each group
	// drawn by glyphs 1 … 10,000.
	var c12 []byte
	n := (chars + 9999) / 10000
	c12 = binary.BigEndian.AppendUint16(c12, 12)
	c12 = binary.BigEndian.AppendUint16(c12, 0)
	c12 = binary.BigEndian.AppendUint32(c12, uint32(16+12*n))
	c12 = binary.BigEndian.AppendUint32(c12, 0)
	c12 = binary.BigEndian.AppendUint32(c12, uint32(n))
	for g := range n {
		start := 0x20000 + 10000*g
		end := min(start+10000, 0x20000+chars) - 1
		c12 = binary.BigEndian.AppendUint32(c12, uint32(start))
		c12 = binary.BigEndian.AppendUint32(c12, uint32(end))
		c12 = binary.BigEndian.AppendUint32(c12, 1)
	}
	// A cmap of the font's own format 4 subtable (the loader wants one)
	// and the new one.
	numTables := int(binary.BigEndian.Uint16(src[4:]))
	dir := -1
	for i := range numTables {
		if string(src[12+16*i:][:4]) == "cmap" {
			dir = 12 + 16*i
		}
	}
	if dir < 0 {
		t.Fatal("no cmap")
	}
	cmap := src[binary.BigEndian.Uint32(src[dir+8:]):]
	var c4 []byte
	for i := range int(binary.BigEndian.Uint16(cmap[2:])) {
		r := cmap[4+8*i:]
		if binary.BigEndian.Uint16(r) == 3 && binary.BigEndian.Uint16(r[2:]) == 1 {
			off := binary.BigEndian.Uint32(r[4:])
			c4 = cmap[off : off+uint32(binary.BigEndian.Uint16(cmap[off+2:]))]
		}
	}
	if c4 == nil {
		t.Fatal("no format 4 cmap")
	}
	var nc []byte
	nc = binary.BigEndian.AppendUint16(nc, 0)
	nc = binary.BigEndian.AppendUint16(nc, 2)
	nc = append(nc, 0, 3, 0, 1, 0, 0, 0, 20)
	nc = append(nc, 0, 3, 0, 10)
	nc = binary.BigEndian.AppendUint32(nc, uint32(20+len(c4)))
	nc = append(append(nc, c4...), c12...)
	// The new cmap goes at the end of the file, the directory points to it.
	out := bytes.Clone(src)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	binary.BigEndian.PutUint32(out[dir+8:], uint32(len(out)))
	binary.BigEndian.PutUint32(out[dir+12:], uint32(len(nc)))
	out = append(out, nc...)
	path := filepath.Join(t.TempDir(), "many.ttf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := fonts.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestGlyphLimit: one face draws at most fonts.MaxUseRunes distinct
// characters in a document (its subset's glyphs); one more is refused by
// the OFD backend as by the PDF one, with the same reason, before
// anything is written.
func TestGlyphLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a font of 65,535 characters")
	}
	f := manyCharFont(t, fonts.MaxUseRunes+1)
	fs := &fonts.Set{Body: f, Title: f}
	var text []rune
	for r := rune(0x20000); len(text) < fonts.MaxUseRunes+1; r++ {
		if !f.Has(r) {
			t.Fatalf("the font lacks U+%04X", r)
		}
		text = append(text, r)
	}
	// The last character on a page of its own: page 2 is refused.
	page := func(s []rune) *layout.Page {
		return &layout.Page{Width: 100000, Height: 100000, Items: []layout.Item{{Kind: layout.Text, X: 1000, Y: 20000, Size: 100, Text: string(s)}}}
	}
	d := &layout.Document{Pages: []*layout.Page{page(text[:fonts.MaxUseRunes]), page(text[fonts.MaxUseRunes-3:])}}
	_, perr := render.Bytes(d, fs, render.Options{})
	var w bytes.Buffer
	err := Write(&w, d, fs, Options{})
	if perr == nil || err == nil || w.Len() > 0 {
		t.Fatalf("PDF error %v, OFD error %v, %d bytes written", perr, err, w.Len())
	}
	for _, e := range []error{perr, err} {
		if !strings.Contains(e.Error(), "page 2: ") || !strings.Contains(e.Error(), "more than 65534 distinct characters in one font") {
			t.Errorf("error %q", e)
		}
	}
}
