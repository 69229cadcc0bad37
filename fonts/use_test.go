package fonts

import (
	"math/rand/v2"
	"testing"

	"jixiao/role"
)

// TestUseGlyphs: characters get glyphs 1, 2 … in order of first use, a
// character again keeps its glyph, and character MaxUseRunes+1 is refused
// without being recorded.
func TestUseGlyphs(t *testing.T) {
	var u Use
	for i, r := range []rune{'一', 'a', '一', 0x20BB7, 'a'} {
		g, err := u.Glyph(r)
		want := map[rune]uint16{'一': 1, 'a': 2, 0x20BB7: 3}[r]
		if err != nil || g != want {
			t.Errorf("%d: %q: glyph %d, %v; want %d", i, r, g, err, want)
		}
	}
	if string(u.Runes) != "一a\U00020BB7" {
		t.Errorf("runes %q", string(u.Runes))
	}
	for r := rune(0x30000); len(u.Runes) < MaxUseRunes; r++ {
		if _, err := u.Glyph(r); err != nil {
			t.Fatalf("character %d: %v", len(u.Runes)+1, err)
		}
	}
	if g, err := u.Glyph(0x30000); err != nil || g != 4 {
		t.Errorf("a known character at the limit: %d, %v", g, err)
	}
	if g, err := u.Glyph('b'); err == nil || len(u.Runes) != MaxUseRunes {
		t.Errorf("character %d: glyph %d, %d runes", MaxUseRunes+1, g, len(u.Runes))
	}
	if g, err := u.Glyph(rune(0x30000 + MaxUseRunes - 4)); err != nil || g != MaxUseRunes {
		t.Errorf("the last character: %d, %v", g, err)
	}
}

// Glyph hands out what a map from character to glyph would, for
// characters at the edges of its blocks, in and out of the BMP, given in
// any order and again.
func TestUseGlyphsAsAMap(t *testing.T) {
	edges := []rune{0, 1, 0xFF, 0x100, 0x4E00, 0x4EFF, 0x4F00, 0xFFFD, 0xFFFF, 0x10000, 0x100FF, 0x10100, 0x20BB7, 0x10FFFF, -1, -256}
	rng := rand.New(rand.NewPCG(1, 2))
	var seq []rune
	for range 20000 {
		if rng.IntN(4) == 0 {
			seq = append(seq, edges[rng.IntN(len(edges))])
		} else {
			seq = append(seq, rune(rng.IntN(0x30000)))
		}
	}
	var u Use
	want := map[rune]uint16{}
	for i, r := range seq {
		g, err := u.Glyph(r)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[r]
		if !ok {
			w = uint16(len(want) + 1)
			want[r] = w
		}
		if g != w {
			t.Fatalf("%d: U+%04X: glyph %d, want %d", i, r, g, w)
		}
	}
	if len(u.Runes) != len(want) {
		t.Errorf("%d runes, want %d", len(u.Runes), len(want))
	}
}

// Face and Advance, which share one look-up, answer as the fonts of the
// set do one by one: the role's font, then the fallbacks in order, an
// invisible character 0 wide, one no font draws a box.
func TestSetFaceAdvance(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	title, err := DefaultTitle()
	if err != nil {
		t.Fatal(err)
	}
	s := &Set{Body: body, Title: title, Fallback: []*Font{nil, title}}
	for _, ro := range []role.Role{role.Body, role.Title} {
		primary := s.font(ro)
		for r := rune(0); r < 0x30000; r += 7 {
			var want *Font
			for _, f := range append([]*Font{primary}, s.Fallback...) {
				if f != nil && f.Has(r) {
					want = f
					break
				}
			}
			wantW := BoxWidth(r)
			if want != nil {
				wantW, _ = want.Advance(r)
			}
			if Ignorable(r) {
				wantW = 0
			}
			if f, ok := s.Face(ro, r); f != want || ok != (want != nil) {
				t.Fatalf("role %v U+%04X: face %v, %v", ro, r, f, ok)
			}
			if w := s.Advance(ro, r); w != wantW {
				t.Fatalf("role %v U+%04X: advance %d, want %d", ro, r, w, wantW)
			}
		}
	}
}
