package fonts

import (
	"fmt"
	"strconv"

	"jixiao/role"
)

// Set is the fonts a document is drawn with: one font per role and, for
// characters those lack, fallback fonts tried in order. A Set is read-only
// once built and then safe for concurrent use.
//
// A Set implements layout.Measurer, the measuring interface layout declares
// (render checks it): roles are package role's, which both share, so
// neither package imports the other.
//
// Characters of every plane are drawn when a font has them (𠮷 U+20BB7
// with a font of CJK Extension B); control characters never are.
type Set struct {
	Body     *Font   // 宋体 role
	Title    *Font   // 黑体 role
	Fallback []*Font // tried in order for characters the role's font lacks
}

func (s *Set) font(ro role.Role) *Font {
	if ro == role.Title {
		return s.Title
	}
	return s.Body
}

// Face returns the font that draws r in role: the role's font if it has r,
// else the first fallback that has it. It returns nil and false if no font
// of the set can draw r.
func (s *Set) Face(ro role.Role, r rune) (*Font, bool) {
	f, _, ok := s.faceAdvance(ro, r)
	return f, ok
}

// Advance returns the advance width of r drawn in role, in 1/1000 em, as the
// PDF width array of the font that draws it stores it; an invisible format
// character (Ignorable) is 0, drawn or not. A character that no
// font of the set draws is measured as the box drawn in its place
// (BoxWidth).
func (s *Set) Advance(ro role.Role, r rune) int {
	if Ignorable(r) {
		return 0
	}
	_, w, _ := s.faceAdvance(ro, r)
	return w
}

// faceAdvance returns Face(ro, r) and the advance width of r in it (as
// Advance, for a character that is not Ignorable; BoxWidth when no font
// draws it), with one look-up in each font tried. Layout asks for the
// width of every character (Advance), the backends' Split for both.
func (s *Set) faceAdvance(ro role.Role, r rune) (*Font, int, bool) {
	if f := s.font(ro); f != nil {
		if w, ok := f.Advance(r); ok {
			return f, w, true
		}
	}
	for _, f := range s.Fallback {
		if f != nil {
			if w, ok := f.Advance(r); ok {
				return f, w, true
			}
		}
	}
	return nil, BoxWidth(r), false
}

// BoxWidth returns the width, in 1/1000 em, of the box drawn in place of a
// character no font can draw: 1000 for characters East Asian text sets on
// a full em (CJK ideographs of every plane, kana, Hangul, full-width forms,
// CJK punctuation, emoji), 500 for everything else.
func BoxWidth(r rune) int {
	if wide(r) {
		return 1000
	}
	return 500
}

// wideRanges are the East Asian Wide and Fullwidth blocks (after Unicode
// UAX #11), coarsened to whole blocks.
var wideRanges = [...]struct{ lo, hi rune }{
	{0x1100, 0x115F},   // Hangul Jamo initial consonants
	{0x2E80, 0x303E},   // CJK radicals … CJK symbols and punctuation
	{0x3041, 0x33FF},   // kana, bopomofo, Hangul compatibility jamo, CJK compatibility
	{0x3400, 0x4DBF},   // CJK extension A
	{0x4E00, 0x9FFF},   // CJK unified ideographs
	{0xA000, 0xA4CF},   // Yi
	{0xAC00, 0xD7A3},   // Hangul syllables
	{0xF900, 0xFAFF},   // CJK compatibility ideographs
	{0xFE10, 0xFE19},   // vertical forms
	{0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants
	{0xFF00, 0xFF60},   // full-width forms
	{0xFFE0, 0xFFE6},   // full-width signs
	{0x1F300, 0x1F64F}, // pictographs, emoticons
	{0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
	{0x20000, 0x2FFFD}, // CJK extensions B…F, compatibility supplement
	{0x30000, 0x3FFFD}, // CJK extensions G…
}

func wide(r rune) bool {
	for _, w := range wideRanges {
		if r < w.lo {
			return false
		}
		if r <= w.hi {
			return true
		}
	}
	return false
}

// Field is one piece of text to check, as the model lists them.
type Field struct {
	Path string // where the text is, e.g. "forms[0].overview"
	Text string
	Role role.Role
}

// Missing is a character of a field that no font of the set can draw.
type Missing struct {
	Path string
	Rune rune
}

// String formats m as `forms[0].overview: U+20BB7 '𠮷'`.
func (m Missing) String() string {
	return fmt.Sprintf("%s: U+%04X %s", m.Path, m.Rune, strconv.QuoteRune(m.Rune))
}

// Check returns the characters of fields that the set cannot draw in each
// field's role: one entry per distinct (path, character), in the order they
// first occur. Line breaks (U+000A) are not reported: layout breaks the line
// there and draws nothing; nor are invisible format characters (Ignorable),
// which are never drawn.
func (s *Set) Check(fields []Field) []Missing {
	var out []Missing
	type key struct {
		path string
		r    rune
	}
	var seen map[key]bool
	for _, f := range fields {
		for _, r := range f.Text {
			if r == '\n' || Ignorable(r) {
				continue
			}
			if _, ok := s.Face(f.Role, r); ok {
				continue
			}
			k := key{f.Path, r}
			if seen[k] {
				continue
			}
			if seen == nil {
				seen = make(map[key]bool)
			}
			seen[k] = true
			out = append(out, Missing{Path: f.Path, Rune: r})
		}
	}
	return out
}
