package fonts

import (
	"testing"
	"unicode"

	"jixiao/role"
)

func TestIgnorable(t *testing.T) {
	for _, r := range []rune{0xad, 0x200b, 0x200c, 0x200d, 0x200e, 0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xe0041} {
		if !Ignorable(r) {
			t.Errorf("U+%04X is not ignorable", r)
		}
	}
	for _, r := range []rune{'a', ' ', '\n', '项', 0x600, 0x6dd, 0x3000, 0x2028} {
		if Ignorable(r) {
			t.Errorf("U+%04X is ignorable", r)
		}
	}
}

// Invisible format characters need no glyph and take no width.
func TestCheckIgnorable(t *testing.T) {
	s, err := DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	text := "\ufeff项目\u200b\u202e名\u2060称\u200d\u2066"
	if m := s.Check([]Field{{Path: "p", Text: text, Role: role.Body}}); len(m) != 0 {
		t.Errorf("Check reports %v", m)
	}
	for _, r := range "\ufeff\u200b\u202e\u2060\u200d\u2066" {
		if w := s.Advance(role.Body, r); w != 0 {
			t.Errorf("Advance(U+%04X) = %d", r, w)
		}
	}
}

// TestIgnorableShortcut: the ranges Ignorable answers without the Unicode
// table hold no Cf character at all.
func TestIgnorableShortcut(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.Is(unicode.Cf, r) && (r >= 0x2070 && r < 0xfeff || r >= 0x20000 && r < 0xe0000) {
			t.Fatalf("U+%04X is Cf inside a range Ignorable skips", r)
		}
	}
}
