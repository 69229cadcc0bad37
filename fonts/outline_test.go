package fonts

import (
	"testing"
)

func TestGlyphIndex(t *testing.T) {
	f, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []rune{'一', 'A', '。', '（'} {
		gi, ok := f.GlyphIndex(r)
		sf, err := f.outlines()
		if err != nil {
			t.Fatal(err)
		}
		want, err := sf.GlyphIndex(nil, r)
		if !ok || err != nil || gi == 0 || gi != uint16(want) {
			t.Errorf("GlyphIndex(%q) = %d, %v; the character map says %d (%v)", r, gi, ok, want, err)
		}
	}
	for _, r := range []rune{'\n', 0x7F, 0xE000, -1, 0x110000} {
		if gi, ok := f.GlyphIndex(r); ok || gi != 0 {
			t.Errorf("GlyphIndex(%U) = %d, %v; want 0, false", r, gi, ok)
		}
	}
}

// TestGlyphIndexBeyondBMP: the characters above U+FFFF that the font maps
// (format 12) are drawn by glyph index: GlyphIndex gives the glyph the
// character map names, with an outline.
func TestGlyphIndexBeyondBMP(t *testing.T) {
	f, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	var ol Outliner
	found := 0
	for r := rune(0x10000); r <= 0x10FFFF; r++ {
		sf, err := f.outlines()
		if err != nil {
			t.Fatal(err)
		}
		want, err := sf.GlyphIndex(nil, r)
		gi, ok := f.GlyphIndex(r)
		if err != nil || ok != (want != 0) || gi != uint16(want) || ok != f.Has(r) {
			t.Fatalf("%U: GlyphIndex = %d, %v, Has %v; the character map says %d (%v)", r, gi, ok, f.Has(r), want, err)
		}
		if !ok {
			continue
		}
		found++
		if segs, err := ol.Outline(f, gi, nil); err != nil || len(segs) == 0 {
			t.Fatalf("%U: glyph %d has no outline (%v)", r, gi, err)
		}
	}
	// Noto Serif SC maps 442 characters of the supplementary planes.
	if found != 442 {
		t.Errorf("%d supplementary characters drawn, want the font's 442", found)
	}
}

func TestOutline(t *testing.T) {
	for _, load := range []func() (*Font, error){DefaultBody, DefaultTitle} {
		f, err := load()
		if err != nil {
			t.Fatal(err)
		}
		// The font's box, in font units with Y down as in outlines (these
		// fonts have 1000 units to the em, as the descriptor's 1/1000 em).
		bb := f.Descriptor().BBox
		bx0, bx1 := bb[0], bb[2]
		var ol Outliner
		gi, _ := f.GlyphIndex('一')
		segs, err := ol.Outline(f, gi, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(segs) < 4 || segs[0].Op != MoveTo {
			t.Fatalf("%s: 一 has outline %v", f.Name(), segs)
		}
		// 一 is a horizontal stroke: wide, thin, a little above the
		// baseline (Y grows downwards), within the font's box.
		x0, y0, x1, y1 := int32(1<<30), int32(1<<30), int32(-1<<30), int32(-1<<30)
		for _, s := range segs {
			for _, p := range s.P[:1] {
				x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
			}
		}
		if w, h := x1-x0, y1-y0; w < 700 || h > 150 || y1 > 0 || y0 < -600 || int(x0) < bx0 || int(x1) > bx1 {
			t.Errorf("%s: 一 spans x %d…%d, y %d…%d", f.Name(), x0, x1, y0, y1)
		}
		sp, _ := f.GlyphIndex(' ')
		if segs, err := ol.Outline(f, sp, segs[:0]); err != nil || len(segs) != 0 {
			t.Errorf("%s: the space has outline %v (%v)", f.Name(), segs, err)
		}
		if _, err := ol.Outline(f, 0xFFFF, nil); err == nil {
			t.Errorf("%s: glyph 65535 has an outline", f.Name())
		}
	}
}
