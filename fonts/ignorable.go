package fonts

import "unicode"

// Ignorable reports whether r is an invisible format character (Unicode
// category Cf: the zero-width space, joiner and non-joiner U+200B–U+200D,
// the word joiner U+2060, the bidi marks, embeddings, overrides and isolates
// U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, the byte order mark U+FEFF,
// the soft hyphen, the tag characters …). Such a character is never drawn
// and takes no width: it needs no glyph (Check does not report it), Advance
// measures it 0, and render and preview skip it, so that a pasted project
// name holding one prints as it reads. The prepended concatenation marks
// of Arabic and other scripts (U+0600–U+0605 …), which are Cf but visible,
// are not ignorable.
func Ignorable(r rune) bool {
	// No Cf character stands between U+2070 and U+FEFE (CJK, kana,
	// Hangul, the compatibility forms) nor in the planes of the CJK
	// extensions: the text of these forms never reaches the table lookup.
	if r < 0xad || r >= 0x2070 && r < 0xfeff || r >= 0x20000 && r < 0xe0000 || !unicode.Is(unicode.Cf, r) {
		return false
	}
	switch {
	case r >= 0x600 && r <= 0x605, r == 0x6dd, r == 0x70f, r == 0x890, r == 0x891, r == 0x8e2, r == 0x110bd, r == 0x110cd:
		return false
	}
	return true
}
