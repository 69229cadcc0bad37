package pipeline

import (
	"strconv"
	"strings"

	"jixiao/internal/safetext"
)

// FileNames names a file for each of names (projects, units), without the
// extension: the one rule for the files of a book, in render --out-dir,
// preview, binder --split-by unit and the web page's ZIP.
//
// Each name is made safe for every file system (safetext.FileName); one
// that nothing is left of is named fallback(k), k its index in names
// (for forms 表N, N the number of --form N and ?form=N). Names are
// compared without regard to case, as Windows and macOS compare them. The
// first of each name keeps it; the repeats get -2, -3 … skipping every
// name that some entry has as it is, so that a project named "X-2" is
// written to X-2.pdf even when two projects are named "X".
func FileNames(names []string, fallback func(k int) string) []string {
	bases := make([]string, len(names))
	out := make([]string, len(names))
	used := map[string]bool{}
	for k, n := range names {
		base := safetext.FileName(n)
		if base == "" {
			base = fallback(k)
		}
		bases[k] = base
		if key := strings.ToLower(base); !used[key] {
			used[key] = true
			out[k] = base
		}
	}
	for k, base := range bases {
		if out[k] != "" {
			continue
		}
		name := base
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n)
		}
		used[strings.ToLower(name)] = true
		out[k] = name
	}
	return out
}
