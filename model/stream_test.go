package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"

	"jixiao/model/internal/jsonyaml"
)

// decodeStreamSame decodes src whole (Decode) and through a window of
// window bytes read one byte at a time and in chunks (DecodeReader), and
// fails if the books, the positions of their fields or the messages differ.
func decodeStreamSame(t *testing.T, name string, src []byte, window int) {
	t.Helper()
	defer func(n int) { jsonyaml.WindowSize = n }(jsonyaml.WindowSize)
	jsonyaml.WindowSize = window
	b1, s1, e1 := Decode(src, name, FormatAuto)
	for _, r := range []io.Reader{
		iotest.OneByteReader(bytes.NewReader(src)),
		iotest.HalfReader(bytes.NewReader(src)),
		bytes.NewReader(src),
		oneByteSeeker{bytes.NewReader(src)}, // YAML is read as it is only from a seeker
	} {
		b2, s2, e2 := DecodeReader(r, name, FormatAuto)
		if fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Fatalf("window %d: errors differ on %q:\nwhole:  %v\nstream: %v", window, src, e1, e2)
		}
		require.Equal(t, b1, b2, "window %d", window)
		require.Equal(t, s1, s2, "window %d: the positions", window)
	}
}

// oneByteSeeker reads a byte at a time, and seeks.
type oneByteSeeker struct{ *bytes.Reader }

func (r oneByteSeeker) Read(p []byte) (int, error) { return r.Reader.Read(p[:min(len(p), 1)]) }

// streamCases are inputs whose values, escapes and characters fall across
// the window's edges somewhere for every small window, good and bad.
func streamCases(t *testing.T) map[string][]byte {
	long := strings.Repeat("绩效目标合理性", 40)
	form := func(project string) string {
		return `{"year": 2024, "unit": "江阴市人力资源和社会保障局", "project": "` + project + `", "total_amount": 4012.8,
  "indicators": [{"level1": "决策", "level2": "项目立项", "level3": "立项依据充分性", "half_year": "\u5145\u5206", "full_year": "≥ 95%"},
    {"level1": "产出指标", "level2": "数量指标", "level3": "` + long + `", "half_year": "a\"b\\c\/d\n\t😀", "full_year": "\ud83d\ude00 x"}]}`
	}
	book := `{"year": 2024, "title": "市级财政项目支出预算绩效目标表", "forms": [` + form("体检费") + ",\n" + form("𠮷野家 "+long) + "]}\n"
	cases := map[string][]byte{
		"book.json":        []byte(book),
		"bom.json":         []byte("\ufeff" + book),
		"minified.json":    []byte(strings.ReplaceAll(book, "\n", "")),
		"noext":            []byte("  \n" + book),
		"crlf.json":        []byte(strings.ReplaceAll(book, "\n", "\r\n")),
		"form.json":        []byte(form("一个表")),
		"unknown.json":     []byte(strings.Replace(book, `"unit"`, `"unti"`, 1)),
		"dup.json":         []byte(strings.Replace(book, `"title"`, `"year": 1, "title"`, 1)),
		"badnum.json":      []byte(strings.Replace(book, "4012.8", "4012..8", 1)),
		"types.json":       []byte(strings.Replace(book, `"year": 2024, "unit"`, `"year": "2024", "unit": true, "x": null, "overview": [1, 2.5e3, -0]`, 1)),
		"truncated.json":   []byte(book[:len(book)*2/3]),
		"cut-escape.json":  []byte(book[:strings.Index(book, `\u5145`)+3]),
		"cut-utf8.json":    []byte(book[:strings.Index(book, "绩效")+2]),
		"after.json":       []byte(book + "  x"),
		"two.json":         []byte(book + book),
		"ctrl.json":        []byte(strings.Replace(book, "体检费", "体检\x01费", 1)),
		"badescape.json":   []byte(strings.Replace(book, `\u5145`, `\u51x5`, 1)),
		"empty.json":       nil,
		"space.json":       []byte(" \n\t\u3000\u00a0  "),
		"bomonly.json":     []byte("\ufeff"),
		"nul-late.json":    []byte(strings.Replace(book, "𠮷", "\x00", 1)),
		"gbk-late.json":    []byte(strings.Replace(book, "𠮷", "\xb5\xa5", 1)),
		"gbk-after-syntax": []byte(strings.Replace(strings.Replace(book, "𠮷", "\xb5\xa5", 1), `"year": 2024,`, `"year": 2024,,`, 1)),
		"utf8-cut-end":     []byte(book + "\xe4\xb8"),
		"surrogate.json":   []byte(strings.Replace(book, "𠮷", "\xed\xa0\x80", 1)),
		"deep.json":        []byte(strings.Repeat("[", 100) + strings.Repeat("]", 100)),
		"literals.json":    []byte(`{"forms": [tru]}`),
		"literals2.json":   []byte(`{"forms": [null, false, true, 7]}`),
		"list.json":        []byte(`[1, 2`),
		"colon.json":       []byte(`{"year" 2024}`),
		"yaml.yaml":        []byte("year: 2024\nforms:\n  - unit: 江阴\n    project: 体检费\n"),
		"yamlnoext":        []byte("year: 2024\nforms:\n  - unit: 江阴\n"),
	}
	// A YAML book read form by form, and books that must be parsed whole
	// (TestYAMLSplitSameAsWhole), at every place in the file.
	book3 := string(yamlBook(t, 3))
	for i, src := range []string{
		book3,
		"\ufeff" + book3,
		strings.ReplaceAll(book3, "\n", "\r\n"),
		book3 + "title: after the list\n",
		"# c\n\nforms:   # the forms\n\n  # c\n" + book3[len("year: 2024\nforms:\n"):] + "\n# end\nyear: 2024",
		strings.Replace(book3, "project: 项目1", "projekt: 项目1", 1),
		strings.Replace(book3, "project: 项目1", "project: &p 项目1", 1) + "title: *p\n",
		strings.Replace(strings.Replace(book3, "project: 项目1", "project: &p 项目1", 1), "project: 项目2", "project: *p", 1),
		strings.Replace(book3, `overview: "`, "overview: \"cut\n  - here ", 1),
		strings.Replace(book3, "项目2", "项目\x002", 1),
		strings.Replace(book3, "项目2", "项目\xff2", 1),
		strings.Replace(book3, "项目2", "项目: 2", 1),
		"forms:\n- unit: a\n  year: 2024\n- unit: b\nyear: 2024\n",
		"forms:\n  - unit: a\n---\nforms: []\n",
		"forms:\n  - {unit: a,\n  year: 1}\n",
		"forms: # comment\n\n  # c\n  - unit: a\n\n  -\n    unit: b\n",
		"year: 2024\nforms:\n  - unit: a\nforms:\n  - unit: b\n",
		"forms:\n  - unit: |\n      - not an item\n    year: 2024\n",
		"forms:\n\t- unit: a\n",
		"forms: x\n  - unit: a\n",
		"year: 2024\n",
		"forms:\n  - unit: a\n   - unit: b\n",
		"forms:\n  - unit: a\n  - unit: b", // no line break at the end
	} {
		cases[fmt.Sprintf("book%d.yaml", i)] = []byte(src)
	}
	for _, name := range []string{"testdata/form.json", "testdata/form.yaml", "../examples/jiangyin-2024.json"} {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		cases[filepath.Base(name)] = b
	}
	return cases
}

// Issue 23: a JSON book read from a file or a reader is parsed through a
// window, with the book, positions and messages of the whole parse, for
// values cut anywhere by the window's edges.
func TestDecodeReaderSameAsDecode(t *testing.T) {
	cases := streamCases(t)
	for name, src := range cases {
		if name == "jiangyin-2024.json" && testing.Short() {
			continue
		}
		windows := []int{1, 2, 3, 5, 7, 16, 61, 64 << 10}
		if len(src) > 100<<10 {
			windows = []int{7, 61, 4096}
		}
		for _, w := range windows {
			decodeStreamSame(t, name, src, w)
		}
	}
}

// The window stays small: a book of many forms is not held whole.
func TestDecodeReaderWindowBounded(t *testing.T) {
	defer func(n int) { jsonyaml.WindowSize = n }(jsonyaml.WindowSize)
	jsonyaml.WindowSize = 4096
	var b strings.Builder
	b.WriteString(`{"year": 2024, "forms": [`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"project": "项目%d", "unit": "单位", "indicators": [{"level1": "决策", "level2": "项目立项", "level3": "立项依据充分性", "half_year": "充分", "full_year": "充分"}]}`, i)
	}
	b.WriteString("]}")
	src := []byte(b.String())
	r := &maxRead{r: bytes.NewReader(src)}
	book, _, err := DecodeReader(r, "big.json", FormatAuto)
	require.NoError(t, err)
	require.Len(t, book.Forms, 300)
	require.Equal(t, "项目299", book.Forms[299].Project)
	require.LessOrEqual(t, r.max, 4096, "reads of at most a window")
	require.Equal(t, len(src), r.total)
}

type maxRead struct {
	r          io.Reader
	max, total int
}

func (m *maxRead) Read(p []byte) (int, error) {
	m.max = max(m.max, len(p))
	n, err := m.r.Read(p)
	m.total += n
	return n, err
}

// A stream over MaxFileSize is refused as too large, even when it is not
// text or not JSON early on (reading stops at one byte over the limit).
func TestDecodeReaderTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MB")
	}
	r := io.MultiReader(strings.NewReader("{\"forms\": \x00"), zeros{})
	_, _, err := DecodeReader(r, "big.json", FormatAuto)
	ds := DecodeErrors(err)
	require.Len(t, ds, 1)
	// Its size is not known, only that it is more than the limit
	// (review 8b: it was told as exactly MaxFileSize+1 bytes).
	require.Equal(t, CodeStreamTooLarge, ds[0].Problems[0].Code)
	require.Equal(t, []string{fmt.Sprint(MaxFileSize >> 20)}, ds[0].Problems[0].Args)
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A read error is an error, not a problem of the content.
func TestDecodeReaderReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader(`{"forms": [`), iotest.ErrReader(io.ErrUnexpectedEOF))
	_, _, err := DecodeReader(r, "book.json", FormatAuto)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	require.Empty(t, DecodeErrors(err))
}

func FuzzDecodeReader(f *testing.F) {
	for _, src := range streamCases(&testing.T{}) {
		if len(src) < 4096 {
			f.Add(src, uint8(5))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, window uint8) {
		name := "fuzz.json"
		if window&1 == 1 {
			name = "fuzz.yaml"
		}
		decodeStreamSame(t, name, src, int(window/2)+1)
	})
}

// A form's row positions packed give back what was set, whatever the
// lines and columns (a minified file's columns run to millions; a YAML
// alias repeats a position; a field may be absent).
func TestRowPositionsPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		f := formPos{self: pos{int32(rng.IntN(1000)), int32(rng.IntN(100))}}
		f.rows = make([]rowPos, rng.IntN(40))
		for j := range f.rows {
			r := &f.rows[j]
			for k := -1; k < len(r.fields); k++ {
				p := pos{int32(rng.IntN(1 << 30)), int32(rng.IntN(1 << 30))}
				switch rng.IntN(4) {
				case 0:
					p = pos{} // not set
				case 1:
					p = pos{f.self.line + int32(j), int32(rng.IntN(80))}
				}
				if k < 0 {
					r.self = p
				} else {
					r.fields[k] = p
				}
			}
		}
		want := slices.Clone(f.rows)
		var scratch []byte
		f.pack(&scratch)
		if len(want) > 0 {
			require.Nil(t, f.rows)
		}
		for j := range want {
			got, ok := f.row(j)
			require.True(t, ok)
			require.Equal(t, want[j], got)
		}
		_, ok := f.row(len(want))
		require.False(t, ok)
		f.unpack()
		if len(want) > 0 {
			require.Equal(t, want, f.rows)
		}
	}
}

// Positions of rows are read back after packing, and set again (a
// workbook's cells, a book-wide value placed in a form) after it.
func TestLocationOfPackedRows(t *testing.T) {
	src := "{\"forms\": [{\"project\": \"p\",\n \"indicators\": [\n  {\"level1\": \"决策\",\n   \"level2\": \"项目立项\"},\n  {\"level3\": \"x\"}]}]}"
	_, s, err := Decode([]byte(src), "book.json", FormatAuto)
	require.NoError(t, err)
	require.NotNil(t, s.forms[0].packed)
	for path, want := range map[string][2]int{
		"forms[0].indicators[0]":        {3, 3},
		"forms[0].indicators[0].level2": {4, 14},
		"forms[0].indicators[1].level3": {5, 14},
		"forms[0].indicators[1].level2": {5, 3},  // not given: its row
		"forms[0].indicators[7].level2": {2, 16}, // no such row: the list
	} {
		loc, ok := s.Location(path)
		require.True(t, ok, path)
		require.Equal(t, want, [2]int{loc.Line, loc.Column}, path)
	}
	s.SetCell("forms[0].indicators[1].level1", 9, 8)
	loc, _ := s.Location("forms[0].indicators[1].level1")
	require.Equal(t, [2]int{8, 9}, [2]int{loc.Line, loc.Column})
	loc, _ = s.Location("forms[0].indicators[0].level2")
	require.Equal(t, [2]int{4, 14}, [2]int{loc.Line, loc.Column})
}

// Values repeated across rows and forms are normalised as each alone
// (the decoder remembers the last ones by hash).
func TestRepeatedValuesNormalised(t *testing.T) {
	values := []string{">= 95 %", "≥95%", "充分", "$\\leq 5\\%$", " 100% ", "<=5%", "", "≥ 95%"}
	var b strings.Builder
	b.WriteString(`{"forms": [`)
	for f := range 30 {
		if f > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"project": "p", "indicators": [`)
		for i := range 40 {
			if i > 0 {
				b.WriteString(",")
			}
			v := values[(f*7+i)%len(values)]
			fmt.Fprintf(&b, `{"level1": "决策", "half_year": %q, "full_year": %q}`, v, values[(i+3)%len(values)])
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	book, _, err := Decode([]byte(b.String()), "book.json", FormatAuto)
	require.NoError(t, err)
	for f, form := range book.Forms {
		for i, row := range form.Indicators {
			require.Equal(t, NormalizeValue(values[(f*7+i)%len(values)]), row.HalfYear)
			require.Equal(t, NormalizeValue(values[(i+3)%len(values)]), row.FullYear)
		}
	}
}

// The example book read from its file, through the window (the command's
// and the server's way), for comparison with BenchmarkDecodeExampleBook.
func BenchmarkDecodeReaderExampleBook(b *testing.B) {
	src, err := os.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := DecodeReader(bytes.NewReader(src), "jiangyin-2024.json", FormatAuto); err != nil {
			b.Fatal(err)
		}
	}
}

// TextFields names every text by its path, below a prefix or not, and
// Validate names a control character in a row's text by the same path.
func TestTextFieldsPaths(t *testing.T) {
	f := Form{Project: "p", Indicators: []Indicator{{Level1: "决策"}, {Level3: "a\x07b"}}}
	want := map[string]string{
		"forms[3].project":                 "p",
		"forms[3].indicators[0].level1":    "决策",
		"forms[3].indicators[1].level3":    "a\x07b",
		"forms[3].indicators[1].full_year": "",
	}
	got := map[string]string{}
	for _, tf := range f.TextFields("forms[3]") {
		got[tf.Path] = tf.Text
	}
	for p, text := range want {
		require.Contains(t, got, p)
		require.Equal(t, text, got[p], p)
	}
	require.Len(t, f.TextFields("forms[3]"), len(f.TextFields("")))
	require.Equal(t, "indicators[1].level3", f.TextFields("")[len(f.TextFields(""))-3].Path)
	var paths []string
	for _, p := range Validate(&Book{Forms: []Form{f}}, nil) {
		if p.Code == CodeControlCharacter {
			paths = append(paths, p.Path)
		}
	}
	require.Equal(t, []string{"forms[0].indicators[1].level3"}, paths)
}

// A read error is a read error whether the name or the content tells the
// format: the content's first bytes are looked at, and bufio's Peek
// reports an error once only.
func TestDecodeReaderFlakyError(t *testing.T) {
	for _, name := range []string{"book.json", "book"} {
		// The data, then an error once (iotest.ErrTimeout), then io.EOF.
		r := iotest.TimeoutReader(strings.NewReader(`{"forms": [{"unit": "a"`))
		_, _, err := DecodeReader(r, name, FormatAuto)
		if !errors.Is(err, iotest.ErrTimeout) || len(DecodeErrors(err)) != 0 {
			t.Errorf("%s: %v, want the read error", name, err)
		}
	}
}
