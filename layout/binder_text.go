package layout

import "strings"

// The binder's cover and table of contents hold short texts (titles, unit
// and project names), broken with BreakLines and measured with textWidth.

// binderText returns a Text item with the left end of its baseline at x, y.
func binderText(m Measurer, role Role, size, x, y Length, s, field string) Item {
	return Item{Kind: Text, X: x, Y: y, W: textWidth(s, role, size, m), Role: role, Size: size, Text: s, Field: field}
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
