package fonts

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"jixiao/role"
)

func seedRunes(b *testing.B) []rune {
	b.Helper()
	seed, err := os.ReadFile("../testdata/seed-jiangyin-2024.txt")
	if err != nil {
		b.Fatal(err)
	}
	return []rune(string(seed))
}

// BenchmarkParseDefaultBody measures what DefaultBody did once per
// process before the tables were kept beside the fonts, and what Load
// does for a font of the user's: parse the 14.8 MB Noto Serif SC and
// build its width table.
func BenchmarkParseDefaultBody(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(serifRegular); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDefaultTitle(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(sansBold); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromTablesBody measures what DefaultBody does once per process:
// make the Font of Noto Serif SC from its table file (tables.go).
func BenchmarkFromTablesBody(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := fromTables(serifRegular, serifRegularTables); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontAdvance: one op is one Font.Advance call.
func BenchmarkFontAdvance(b *testing.B) {
	f, err := DefaultBody()
	if err != nil {
		b.Fatal(err)
	}
	runes := seedRunes(b)
	b.ReportAllocs()
	sum, i := 0, 0
	for b.Loop() {
		w, _ := f.Advance(runes[i])
		sum += w
		if i++; i == len(runes) {
			i = 0
		}
	}
	_ = sum
}

// BenchmarkSetAdvance: one op is one Advance call through an interface, as layout.Measurer calls it.
func BenchmarkSetAdvance(b *testing.B) {
	s, err := DefaultSet()
	if err != nil {
		b.Fatal(err)
	}
	var m interface{ Advance(role.Role, rune) int } = s // as layout.Measurer
	runes := seedRunes(b)
	b.ReportAllocs()
	sum, i := 0, 0
	for b.Loop() {
		sum += m.Advance(role.Body, runes[i])
		if i++; i == len(runes) {
			i = 0
		}
	}
	_ = sum
}

// BenchmarkCheck: one op checks about 20 KB of the real forms' text, split
// into one field per line.
func BenchmarkCheck(b *testing.B) {
	s, err := DefaultSet()
	if err != nil {
		b.Fatal(err)
	}
	var fields []Field
	n := 0
	for i, line := range strings.Split(string(seedRunes(b)), "\n") {
		if n >= 20000 {
			break
		}
		fields = append(fields, Field{Path: fmt.Sprintf("forms[%d].text", i/40), Text: line + "𠮷", Role: role.Role(i % 2)})
		n += len(line)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if len(s.Check(fields)) == 0 {
			b.Fatal("the appended 𠮷 must be reported")
		}
	}
}

// BenchmarkSubsetIndex measures what the first Subset of a font does once:
// index the 14.8 MB Noto Serif SC.
func BenchmarkSubsetIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseSFNT(serifRegular); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubset cuts Noto Serif SC to the distinct characters of the real
// forms' text that it draws (about 1,300).
func BenchmarkSubset(b *testing.B) {
	f, err := DefaultBody()
	if err != nil {
		b.Fatal(err)
	}
	seen := map[rune]bool{}
	var runes []rune
	for _, r := range seedRunes(b) {
		if !seen[r] && f.Has(r) {
			seen[r] = true
			runes = append(runes, r)
		}
	}
	if _, err := f.Subset(runes); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		out, err := f.Subset(runes)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(len(runes)), "runes")
	b.ReportMetric(float64(size), "bytes")
}
