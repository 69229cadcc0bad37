package binder

import (
	"strconv"
	"strings"
	"time"
)

// ValidDate reports whether s, the cover's 编报日期 as a user wrote it, is a
// date that exists, written as 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日
// (spaces ignored, four-digit year). "2025-13-40" and "2025年2月30日" are not.
func ValidDate(s string) bool {
	s = strings.Join(strings.Fields(s), "")
	var parts []string
	if rest, ok := strings.CutSuffix(s, "日"); ok {
		y, md, ok1 := strings.Cut(rest, "年")
		m, d, ok2 := strings.Cut(md, "月")
		if !ok1 || !ok2 {
			return false
		}
		parts = []string{y, m, d}
	} else {
		for _, sep := range []string{"-", "/", "."} {
			if strings.Count(s, sep) == 2 {
				parts = strings.Split(s, sep)
				break
			}
		}
	}
	if len(parts) != 3 || len(parts[0]) != 4 {
		return false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if len(parts[1]) > 2 || len(parts[2]) > 2 || n[0] < 1000 {
		return false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	return t.Year() == n[0] && int(t.Month()) == n[1] && t.Day() == n[2]
}
