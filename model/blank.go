package model

import (
	"strings"
	"unicode"
)

// CollapseBlankLines shortens every run of more than one blank line in a
// text (three or more "\n" in a row) to one blank line ("\n\n"): a text of
// 1,000 newlines must not print 22 empty continuation pages. It returns the
// text and the number of runs shortened. Layout prints texts so collapsed;
// validation warns where it happens.
func CollapseBlankLines(s string) (string, int) {
	if !strings.Contains(s, "\n\n\n") {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	runs := 0
	for i := 0; i < len(s); {
		if s[i] != '\n' {
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		j := i
		for j < len(s) && s[j] == '\n' {
			j++
		}
		n := j - i
		if n > 2 {
			n = 2
			runs++
		}
		b.WriteString("\n\n"[:n])
		i = j
	}
	return b.String(), runs
}

// TrimBlankTail removes the blank lines that end a text — lines that are
// empty or hold only white space (spaces, U+3000, tabs) — with the "\n"
// before them: 「概述……\n\n」 is 「概述……」, and a text of only blank lines
// is "". Such lines print nothing but take a line's height each; layout
// prints texts so trimmed. White space ending the last line that holds
// text is kept.
func TrimBlankTail(s string) string {
	end := len(s)
	for {
		i := strings.LastIndexByte(s[:end], '\n')
		if strings.TrimFunc(s[i+1:end], unicode.IsSpace) != "" {
			return s[:end]
		}
		if i < 0 {
			return ""
		}
		end = i
	}
}
