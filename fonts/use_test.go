package fonts

import "testing"

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
