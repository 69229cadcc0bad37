package model

import (
	"strings"

	"jixiao/internal/editdist"
)

// suggest returns the candidate closest to s by edit distance over runes,
// or "" when none is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	best, bestDist := "", -1
	rs := []rune(s)
	for _, c := range candidates {
		d := editdist.Distance(rs, []rune(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := len(rs) / 2
	if limit < 1 {
		limit = 1
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// suggestLabel is suggest for the framework's labels, which clerks also
// write short: 产出 for 产出指标, 满意度 for 满意度指标, 数量 for 数量指标. A
// text of two characters or more that only one candidate holds is taken as
// that candidate's abbreviation; otherwise the closest by edit distance.
func suggestLabel(s string, candidates []string) string {
	s = strings.TrimSpace(s)
	if len([]rune(s)) >= 2 {
		found := ""
		for _, c := range candidates {
			if c != s && strings.Contains(c, s) {
				if found != "" {
					found = ""
					break
				}
				found = c
			}
		}
		if found != "" {
			return found
		}
	}
	return suggest(s, candidates)
}
