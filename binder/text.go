package binder

import (
	"strings"

	"jixiao/layout"
)

// The binder's cover and table of contents hold short texts (titles, unit
// and project names), broken with BreakLines and measured with textWidth.

// textItem returns a Text item with the left end of its baseline at x, y.
func textItem(m layout.Measurer, role layout.Role, size, x, y layout.Length, s, field string) layout.Item {
	return layout.Item{Kind: layout.Text, X: x, Y: y, W: layout.TextWidth(s, role, size, m), Role: role, Size: size, Text: s, Field: field}
}

// breakText breaks s into lines no wider than width, without the spaces
// that hang at the breaks. It always returns at least one line.
func breakText(m layout.Measurer, role layout.Role, size, width layout.Length, s string) []string {
	lines := layout.BreakLines(s, role, size, width, m)
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, strings.TrimRight(l.Text, " "))
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

// breakMax breaks s followed by tail (「（续）」 or "") into lines no
// wider than width, at most n of them when n > 0: a text that needs more is
// cut at the end of its n-th line, which ends with 「…」 and then tail.
func breakMax(m layout.Measurer, role layout.Role, size, width layout.Length, s, tail string, n int) []string {
	lines := breakText(m, role, size, width, s+tail)
	if n <= 0 || len(lines) <= n {
		return lines
	}
	head := breakText(m, role, size, width, s)
	if len(head) < n {
		// Only the tail spills over, on a line too narrow for it: shown whole.
		return lines
	}
	head = head[:n]
	last := []rune(head[n-1])
	end := "…" + tail
	for len(last) > 0 && layout.TextWidth(string(last), role, size, m)+layout.TextWidth(end, role, size, m) > width {
		last = last[:len(last)-1]
	}
	head[n-1] = strings.TrimRight(string(last), " ") + end
	return head
}
