package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"jixiao/model/internal/jsonyaml"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Issue #9 (5): the book's own year is range-checked as a form's is.
func TestValidateBookYear(t *testing.T) {
	f := validForm(t)
	for _, y := range []int{-2024, 1899, 2201, 99999} {
		f.Year = 2024
		problems := Validate(&Book{Year: y, Forms: []Form{f}}, nil)
		require.NotNil(t, Errors(problems), "book year %d", y)
		require.Equal(t, "year", problems[0].Path)
		require.Contains(t, english(problems[0]), "not a plausible year")
	}
	for _, y := range []int{0, 1900, 2200} {
		f.Year = y
		if y == 0 {
			f.Year = 2024
		}
		problems := Validate(&Book{Year: y, Forms: []Form{f}}, nil)
		require.Nil(t, Errors(problems), "book year %d: %v", y, problems)
	}
}

// yamlBook returns a YAML book of n copies of testdata/form.yaml, each
// project renamed.
func yamlBook(t testing.TB, n int) []byte {
	src, err := os.ReadFile("testdata/form.yaml")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimRight(string(src), "\n"), "\n")
	var b bytes.Buffer
	b.WriteString("year: 2024\nforms:\n")
	for i := range n {
		for k, line := range lines {
			if strings.HasPrefix(line, "project:") {
				line = fmt.Sprintf("project: 项目%d", i)
			}
			if k == 0 {
				b.WriteString("  - " + line + "\n")
			} else {
				b.WriteString("    " + line + "\n")
			}
		}
	}
	return b.Bytes()
}

// Issue #9 (4): only what aliases expand counts against the alias budget:
// a book whose plain values outnumber the budget decodes; aliases that
// expand past it do not.
func TestYAMLAliasBudget(t *testing.T) {
	defer func(n int) { jsonyaml.MaxAliasNodes = n }(jsonyaml.MaxAliasNodes)
	jsonyaml.MaxAliasNodes = 500
	src := yamlBook(t, 20)
	b, _, err := Decode(src, "book.yaml", FormatAuto)
	require.NoError(t, err)
	require.Len(t, b.Forms, 20)
	require.Equal(t, "项目19", b.Forms[19].Project)

	var y strings.Builder
	y.WriteString("x: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nforms:\n  - unit: [*b, *b, *b, *b, *b, *b, *b, *b]\n")
	_, _, err = Decode([]byte(y.String()), "bomb.yaml", FormatAuto)
	require.Contains(t, lines(err), "aliases repeat what they name")
}

// peakHeap runs f with a tight GC (so that the live heap is what is
// measured, not garbage) and returns the peak of the heap's objects, bytes.
func peakHeap(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	base := s[0].Value.Uint64()
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	if peak < base {
		return 0
	}
	return peak - base
}

// Issue #9 (4): the memory a YAML book takes to decode is bounded: the
// live heap stays under yamlHeapFactor times the file's size (the YAML
// library's tree of the whole document is the largest part; the forms are
// converted and decoded one by one, each dropped from that tree as it is).
const yamlHeapFactor = 4

func TestYAMLMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes a 2,000-form book")
	}
	src := yamlBook(t, 600)
	var book *Book
	peak := peakHeap(func() {
		var err error
		book, _, err = Decode(src, "big.yaml", FormatAuto)
		require.NoError(t, err)
	})
	require.Len(t, book.Forms, 600)
	t.Logf("YAML %d bytes: peak live heap %d bytes (%.1f×)", len(src), peak, float64(peak)/float64(len(src)))
	require.Less(t, peak, uint64(yamlHeapFactor*len(src)))
}

// decodeBoth decodes src form by form and whole, and fails if they differ
// in the book, the positions of its fields or the messages.
func decodeBoth(t *testing.T, src []byte) {
	t.Helper()
	b1, s1, e1 := Decode(src, "b.yaml", FormatYAML)
	yamlSplit = false
	b2, s2, e2 := Decode(src, "b.yaml", FormatYAML)
	yamlSplit = true
	if fmt.Sprint(e1) != fmt.Sprint(e2) {
		t.Fatalf("errors differ on %q:\nsplit: %v\nwhole: %v", src, e1, e2)
	}
	require.Equal(t, b2, b1)
	if b1 != nil {
		for i := range b1.Forms {
			for _, k := range []string{"", ".project", ".indicators[1].level2"} {
				p := fmt.Sprintf("forms[%d]%s", i, k)
				p1, _ := s1.Location(p)
				p2, _ := s2.Location(p)
				require.Equal(t, p2, p1, p)
			}
		}
		p1, _ := s1.Location("year")
		p2, _ := s2.Location("year")
		require.Equal(t, p2, p1, "year")
	}
}

// Issue #9 (4): a YAML book is read form by form, with the same result,
// positions and messages as the whole parse.
func TestYAMLSplitSameAsWhole(t *testing.T) {
	book := yamlBook(t, 3)
	decodeBoth(t, book)
	for _, src := range []string{
		string(book) + "title: after the list\n",
		strings.Replace(string(book), "project: 项目1", "projekt: 项目1", 1),
		strings.Replace(string(book), "project: 项目1", "project: &p 项目1", 1) + "title: *p\n",
		strings.Replace(strings.Replace(string(book), "project: 项目1", "project: &p 项目1", 1), "project: 项目2", "project: *p", 1),
		strings.Replace(string(book), `overview: "`, "overview: \"cut\n  - here ", 1),
		"forms:\n- unit: a\n  year: 2024\n- unit: b\nyear: 2024\n",
		"forms:\n  - unit: a\n---\nforms: []\n",
		"forms:\n  - {unit: a,\n  year: 1}\n",
		"forms: # comment\n\n  # c\n  - unit: a\n\n  -\n    unit: b\n",
		"year: 2024\nforms:\n  - unit: a\nforms:\n  - unit: b\n",
		"forms:\n  - unit: |\n      - not an item\n    year: 2024\n",
	} {
		decodeBoth(t, []byte(src))
	}
}

func FuzzYAMLSplit(f *testing.F) {
	f.Add("forms:\n  - unit: a\n  - unit: b\n")
	f.Add("year: 2024\nforms:\n- unit: &x a\n- unit: *x\ntitle: t\n")
	f.Fuzz(func(t *testing.T, s string) {
		decodeBoth(t, []byte(s))
	})
}

func TestCollapseBlankLines(t *testing.T) {
	for in, want := range map[string]struct {
		out  string
		runs int
	}{
		"甲\n乙":                       {"甲\n乙", 0},
		"甲\n\n乙":                     {"甲\n\n乙", 0},
		"甲\n\n\n乙":                   {"甲\n\n乙", 1},
		"\n\n\n\n甲\n\n\n\n\n乙\n\n\n": {"\n\n甲\n\n乙\n\n", 3},
	} {
		out, runs := CollapseBlankLines(in)
		require.Equal(t, want.out, out, "%q", in)
		require.Equal(t, want.runs, runs, "%q", in)
		again, n := CollapseBlankLines(out)
		require.Equal(t, out, again)
		require.Zero(t, n)
	}
}

func TestTrimBlankTail(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"甲":                 "甲",
		"甲 ":                "甲 ",
		"甲\n\n":             "甲",
		"甲\n乙\n \u3000\n\t": "甲\n乙",
		"\n\n甲\n\n乙":        "\n\n甲\n\n乙",
		"\n\n\n":            "",
		" \n\u3000":         "",
	} {
		out := TrimBlankTail(in)
		require.Equal(t, want, out, "%q", in)
		require.Equal(t, out, TrimBlankTail(out), "%q", in)
	}
}

// Issue #9: blank-line runs in a long text and invisible characters in a
// project name are warnings.
func TestValidateWarnsBlankRunsAndInvisibles(t *testing.T) {
	f := validForm(t)
	f.Overview = "甲" + strings.Repeat("\n", 1000) + "乙"
	f.Project = "项目\u202e名\u200b称"
	problems := Validate(&Book{Year: 2024, Forms: []Form{f}}, nil)
	require.Nil(t, Errors(problems), "%v", problems)
	var got []string
	for _, p := range problems {
		got = append(got, line(p))
	}
	all := strings.Join(got, "\n")
	require.Contains(t, all, "forms[0].overview: 1 runs of blank lines")
	require.Contains(t, all, "forms[0].project: the project name holds U+202E, U+200B")
	require.NotContains(t, all, "\u202e")
}

// A file holding one form with an implausible year names that year once, at
// the form's own year (not again at the book's "year", line 1 column 1).
func TestValidateSingleFormYearOnce(t *testing.T) {
	f := validForm(t)
	f.Year = 1800
	data, err := json.Marshal(f)
	require.NoError(t, err)
	b, src, err := Decode(data, "one.json", FormatAuto)
	require.NoError(t, err)
	var years []string
	for _, p := range Validate(b, src) {
		if p.Code == CodeYearImplausible {
			years = append(years, p.Path)
		}
	}
	require.Equal(t, []string{"forms[0].year"}, years)
}
