// Package editdist measures how far apart two names are, for "did you mean".
package editdist

import (
	"slices"
	"strings"
)

// Distance is the Levenshtein distance between two rune slices: the number
// of runes inserted, deleted or replaced to turn a into b.
func Distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest returns at most n of the candidates closest to s, for "did you
// mean": those within an edit distance of a third of s's length (at least
// 2), then those that contain s or that s contains, nearest first; none
// when nothing is close.
func Nearest(s string, candidates []string, n int) []string {
	type hit struct {
		name string
		d    int
	}
	rs := []rune(strings.ToLower(s))
	limit := max(2, len(rs)/3)
	var hits []hit
	seen := map[string]bool{}
	for _, c := range candidates {
		if seen[c] || c == "" {
			continue
		}
		seen[c] = true
		lc := strings.ToLower(c)
		d := Distance(rs, []rune(lc))
		switch {
		case d <= limit:
		case len(rs) >= 2 && (strings.Contains(lc, string(rs)) || strings.Contains(string(rs), lc)):
			d = limit + 1 + abs(len([]rune(lc))-len(rs))
		default:
			continue
		}
		hits = append(hits, hit{c, d})
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return a.d - b.d })
	out := make([]string, 0, n)
	for _, h := range hits {
		if len(out) == n {
			break
		}
		out = append(out, h.name)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
