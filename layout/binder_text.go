package layout

import "strings"

// The binder's cover and table of contents hold short bindTexts (titles, unit
// and project names), broken with BreakLines and measured here.

// binderWidth returns the advance width of s drawn in role at size, in
// 1/1000 pt (Σ advance × size / 1000, as BreakLines measures).
func binderWidth(m Measurer, role Role, size Length, s string) Length {
	var adv int64
	for _, r := range s {
		adv += int64(m.Advance(role, r))
	}
	return Length(adv) * size / 1000
}

// binderText returns a Text item with the left end of its bindBaseline at x, y.
func binderText(m Measurer, role Role, size, x, y Length, s, field string) Item {
	return Item{Kind: Text, X: x, Y: y, W: binderWidth(m, role, size, s), Role: role, Size: size, Text: s, Field: field}
}

// binderBreak breaks s into lines no wider than width, without the spaces
// that hang at the breaks. It always returns at least one line.
func binderBreak(m Measurer, role Role, size, width Length, s string) []string {
	lines := BreakLines(s, role, size, width, m)
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, strings.TrimRight(l.Text, " "))
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}
