package model

import "jixiao/internal/editdist"

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
