package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue 23: the forms of a book are checked in parallel. These tests hold
// the parallel check to the serial one: the same problems, in the same
// order, at the same locations, for any number of workers and any cut of
// the forms into runs.

// sameAsSerial checks b (with src) serially and with 2, 3 and 8 workers,
// every book being worth the goroutines (minWork 0), and fails on the
// first difference. It returns the serial problems.
func sameAsSerial(t testing.TB, name string, b *Book, src *Source) Problems {
	t.Helper()
	want := validate(b, src, 1, 0)
	for _, workers := range []int{2, 3, 8} {
		got := validate(b, src, workers, 0)
		if !slices.EqualFunc(want, got, sameProblem) {
			t.Fatalf("%s, %d workers: the parallel check differs from the serial one\n%s",
				name, workers, problemsDiff(want, got))
		}
	}
	// The book the default threshold decides on, too.
	if got := Validate(b, src); !slices.EqualFunc(want, got, sameProblem) {
		t.Fatalf("%s, Validate: differs from the serial check\n%s", name, problemsDiff(want, got))
	}
	return want
}

// sameProblem compares every member of two problems, their locations too.
func sameProblem(a, b Problem) bool {
	return a.Severity == b.Severity && a.Code == b.Code && a.Loc == b.Loc && a.Path == b.Path && slices.Equal(a.Args, b.Args)
}

// problemsDiff shows the first problem where want and got part.
func problemsDiff(want, got Problems) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i].String()
		}
		if i < len(got) {
			g = got[i].String()
		}
		if w != g || i < len(want) && i < len(got) && !sameProblem(want[i], got[i]) {
			return fmt.Sprintf("problem %d of %d/%d:\nserial:   %s\nparallel: %s", i, len(want), len(got), w, g)
		}
	}
	return "same"
}

// exampleBook is the example book of the repository (18 forms), with its
// Source.
func exampleBook(t testing.TB) (*Book, *Source) {
	t.Helper()
	data, err := os.ReadFile("../examples/jiangyin-2024.json")
	require.NoError(t, err)
	b, src, err := Decode(data, "jiangyin-2024.json", FormatAuto)
	require.NoError(t, err)
	return b, src
}

// cloneForm copies f with its own rows.
func cloneForm(f Form) Form {
	f.Indicators = slices.Clone(f.Indicators)
	return f
}

// breakForm makes about n mistakes in f, each one that Validate tells (or
// that changes what it tells): fields emptied or garbled, years and
// amounts wrong, control characters, rows of the wrong level, duplicated,
// swapped, emptied or removed.
func breakForm(r *rand.Rand, f *Form, n int) {
	fds := Fields()
	for range n {
		rows := len(f.Indicators)
		switch k := r.IntN(22); {
		case k == 0:
			fd := fds[r.IntN(len(fds))]
			_ = fd.Set(f, []string{"", " ", "\u3000"}[r.IntN(3)])
		case k == 1:
			f.Year = []int{0, 24, 1899, 2201, 2023, 2025, 3000}[r.IntN(7)]
		case k == 2:
			f.TotalAmount = Amount([]string{"", "4,012.8", "-1", "1.1234567", "24690000", "1e3", "十万", "0", "4012.80"}[r.IntN(9)])
		case k == 3:
			f.YearAmount = Amount([]string{"", "4012.81", "99999999", "abc", "1.5"}[r.IntN(5)])
		case k == 4:
			fd := fds[r.IntN(len(fds))]
			if fd.Kind == TextKind || fd.Kind == LongKind {
				_ = fd.Set(f, fd.Value(f)+[]string{"\x01", "a\nb", "\u2028", "\n\n\n段", "\u202e", "\u200b"}[r.IntN(6)])
			}
		case k == 5:
			f.Project += []string{"\u202e", "\u200b\u200b", "\ufeff"}[r.IntN(3)]
		case rows == 0:
			f.Indicators = append(f.Indicators, Indicator{"产出指标", "数量指标", "人数", "1", "2"})
		case k == 6:
			f.Indicators[r.IntN(rows)].Level1 = []string{"", "产出", "决册", "不存在", "满意度", "效益指标", "产出指标"}[r.IntN(7)]
		case k == 7:
			f.Indicators[r.IntN(rows)].Level2 = []string{"", "数量", "社会效益", "组织目标", "不存在的二级", "质量指标", "项目立项"}[r.IntN(7)]
		case k == 8:
			i, j := r.IntN(rows), r.IntN(rows)
			f.Indicators[i].Level3 = f.Indicators[j].Level3
		case k == 9:
			i := r.IntN(rows)
			f.Indicators[i].HalfYear, f.Indicators[i].FullYear = "", ""
		case k == 10:
			f.Indicators[r.IntN(rows)].HalfYear = ""
		case k == 11:
			f.Indicators[r.IntN(rows)].FullYear = " "
		case k == 12:
			f.Indicators[r.IntN(rows)].Level3 = ""
		case k == 13:
			i, j := r.IntN(rows), r.IntN(rows)
			f.Indicators[i], f.Indicators[j] = f.Indicators[j], f.Indicators[i]
		case k == 14:
			i := r.IntN(rows)
			f.Indicators = slices.Delete(f.Indicators, i, i+1)
		case k == 15:
			i := r.IntN(rows)
			in := f.Indicators[i]
			f.Indicators = slices.Insert(f.Indicators, i, Indicator{Level1: in.Level1, Level2: in.Level2})
		case k == 16:
			f.Indicators = slices.Insert(f.Indicators, r.IntN(rows+1), f.Indicators[r.IntN(rows)])
		case k == 17:
			f.Indicators[r.IntN(rows)].Level3 = "立项程序规范性" // a standard 三级, maybe misplaced
		case k == 18:
			f.Indicators[r.IntN(rows)].Level3 = "立项依据充份性" // misspelt
		case k == 19:
			f.Indicators[r.IntN(rows)].Level3 += "\x02"
		case k == 20:
			f.Indicators = nil
		default:
			f.Indicators = f.Indicators[:r.IntN(rows)]
		}
	}
}

// randomBook builds a book of n forms from the example's, each broken in
// a few ways or left as it is; with over, some forms are past
// MaxIndicators (such a book only reaches Validate when made in Go).
func randomBook(r *rand.Rand, base []Form, n int, over bool) *Book {
	b := &Book{Year: []int{0, 2024, 2024, 2024, 2023, 24}[r.IntN(6)]}
	if r.IntN(4) == 0 {
		b.Sign = map[string]string{"filler": "张三", "phone": []string{"0510-1", "05\x0110"}[r.IntN(2)]}
	}
	for range n {
		f := cloneForm(base[r.IntN(len(base))])
		if r.IntN(3) > 0 {
			breakForm(r, &f, 1+r.IntN(6))
		}
		if over && r.IntN(3) == 0 {
			extra := MaxIndicators - len(f.Indicators) + r.IntN(20) - 5
			for i := range max(extra, 0) {
				f.Indicators = append(f.Indicators, Indicator{"产出指标", "数量指标", "人数" + strconv.Itoa(i%1500), "1", []string{"2", ""}[i%97/96]})
			}
		}
		b.Forms = append(b.Forms, f)
	}
	return b
}

// yamlOf writes a JSON book as a YAML book of blocks, its scalars quoted
// as in JSON (which YAML reads alike) and its numbers plain.
func yamlOf(t testing.TB, data []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out bytes.Buffer
	var value func(indent string, inList bool) // writes the value after a key or a "- "
	value = func(indent string, inList bool) {
		tok, err := dec.Token()
		require.NoError(t, err)
		switch tok := tok.(type) {
		case json.Delim:
			end := json.Delim('}')
			if tok == '[' {
				end = ']'
			}
			first := true
			for dec.More() {
				if tok == '{' {
					key, err := dec.Token()
					require.NoError(t, err)
					if !(first && inList) {
						out.WriteString("\n" + indent)
					}
					fmt.Fprintf(&out, "%s:", key)
					value(indent+"  ", false)
				} else {
					out.WriteString("\n" + indent + "- ")
					value(indent+"  ", true)
				}
				first = false
			}
			if first {
				out.WriteString(map[json.Delim]string{'}': " {}", ']': " []"}[end])
			}
			_, err := dec.Token()
			require.NoError(t, err)
		case string:
			q, err := json.Marshal(tok)
			require.NoError(t, err)
			if !inList {
				out.WriteByte(' ')
			}
			out.Write(q)
		case nil:
			out.WriteString(" null")
		default:
			if !inList {
				out.WriteByte(' ')
			}
			fmt.Fprint(&out, tok)
		}
	}
	value("", false)
	out.WriteByte('\n')
	return bytes.TrimLeft(out.Bytes(), "\n")
}

// TestValidateParallelSameAsSerial: the example book, random books with
// mistakes sprinkled in, read from JSON and from YAML (their Source
// locating the problems) and made in Go, with forms past the limits.
func TestValidateParallelSameAsSerial(t *testing.T) {
	ex, exSrc := exampleBook(t)
	sameAsSerial(t, "example", ex, exSrc) // no problems: the random books below have them
	sameAsSerial(t, "example without source", ex, nil)
	require.NotNil(t, formChunks(ex, exSrc, 2, 0), "the example book is checked in parallel")

	// A few forms, none, one; books the default threshold leaves serial.
	for _, n := range []int{0, 1, 2, 3} {
		sameAsSerial(t, fmt.Sprintf("%d forms", n), &Book{Year: 2024, Forms: ex.Forms[:n]}, nil)
	}

	r := rand.New(rand.NewPCG(23, 2026))
	rounds := 60
	if testing.Short() {
		rounds = 15
	}
	told := map[string]bool{}
	for round := range rounds {
		n := []int{2, 5, 17, 40, 120}[round%5]
		b := randomBook(r, ex.Forms, n, false)
		for _, p := range sameAsSerial(t, fmt.Sprintf("round %d, in Go", round), b, nil) {
			told[p.Code] = true
		}
		var js bytes.Buffer
		require.NoError(t, EncodeJSON(&js, b))
		var books []*Book
		for _, in := range []struct {
			name string
			data []byte
		}{{"book.json", js.Bytes()}, {"book.yaml", yamlOf(t, js.Bytes())}} {
			// Decoded whole and through the reader's window, whose Source
			// packs the rows' positions.
			db, dsrc, err := Decode(in.data, in.name, FormatAuto)
			require.NoError(t, err, "round %d, %s", round, in.name)
			require.Len(t, db.Forms, n)
			books = append(books, db)
			ps := sameAsSerial(t, fmt.Sprintf("round %d, %s", round, in.name), db, dsrc)
			if len(ps) > 0 && ps[len(ps)-1].Loc.Line == 0 && ps[len(ps)-1].Path != "forms" {
				t.Fatalf("round %d, %s: %s has no line", round, in.name, ps[len(ps)-1])
			}
			rb, rsrc, err := DecodeReader(bytes.NewReader(in.data), in.name, FormatAuto)
			require.NoError(t, err)
			sameAsSerial(t, fmt.Sprintf("round %d, %s read", round, in.name), rb, rsrc)
		}
		require.Equal(t, books[0], books[1], "round %d: the YAML book is the JSON one", round)
	}
	// The mistakes were of every kind the forms' checks tell.
	for _, code := range []string{CodeRequiredMissing, CodeYearImplausible, CodeAmountMalformed, CodeAmountLooksLikeYuan,
		CodeYearAmountAbove, CodeControlCharacter, CodeLineBreak, CodeBlankLinesCollapsed, CodeInvisibleInName,
		CodeLevel1Unknown, CodeLevel1NotStandard, CodeLevel1Missing, CodeLevel1Split, CodeLevel2Missing,
		CodeLevel2OtherLevel1, CodeLevel2NotInLevel1, CodeLevel2Split, CodeOutOfOrder, CodeValuesWithoutLevel3,
		CodeEmptyRowBeside, CodeEmptyRowTwice, CodeLevel3NoValues, CodeHalfYearMissing, CodeFullYearMissing,
		CodeLevel3Duplicate, CodeLevel3WrongLevel2, CodeLevel3Misspelt, CodeCategoryMissing,
		CodeStandardLevel3Missing, CodeFormYearDiffers, CodeNoIndicators} {
		if !told[code] {
			t.Errorf("no random book had a %s", code)
		}
	}
}

// TestValidateParallelPastTheLimits: forms past MaxIndicators (their first
// rows checked, the rest not, no completeness warnings), made in Go and
// with rows added to a decoded book (no positions for them).
func TestValidateParallelPastTheLimits(t *testing.T) {
	ex, exSrc := exampleBook(t)
	r := rand.New(rand.NewPCG(2000, 1))
	rounds := 6
	if testing.Short() {
		rounds = 2
	}
	tooMany := 0
	for round := range rounds {
		b := randomBook(r, ex.Forms, 12, true)
		for _, p := range sameAsSerial(t, fmt.Sprintf("round %d", round), b, nil) {
			if p.Code == CodeTooManyIndicators {
				tooMany++
			}
		}
	}
	require.NotZero(t, tooMany, "no form past the limit")

	// The example decoded, its forms then grown past the limit.
	grown := &Book{Year: ex.Year, Forms: make([]Form, len(ex.Forms))}
	for i, f := range ex.Forms {
		f = cloneForm(f)
		for len(f.Indicators) <= MaxIndicators+i {
			f.Indicators = append(f.Indicators, f.Indicators[len(f.Indicators)%len(ex.Forms[i].Indicators)])
		}
		grown.Forms[i] = f
	}
	ps := sameAsSerial(t, "grown", grown, exSrc)
	require.Contains(t, fmt.Sprint(ps), CodeTooManyIndicators)
}

// TestValidateParallelRuns: every cut of a book into runs of forms gives
// the serial problems, whatever the runs' sizes (forms of one row beside
// forms of MaxIndicators).
func TestValidateParallelRuns(t *testing.T) {
	ex, _ := exampleBook(t)
	r := rand.New(rand.NewPCG(7, 7))
	// A book with problems in many of its forms, read from JSON so that
	// they have places: the runs must keep each form's, in order.
	var js bytes.Buffer
	require.NoError(t, EncodeJSON(&js, randomBook(r, ex.Forms, 30, false)))
	book, src, err := Decode(js.Bytes(), "book.json", FormatAuto)
	require.NoError(t, err)
	serial := &validator{src: src, readErrs: map[string]bool{}}
	serial.formsParallel(book, []int{0, len(book.Forms)}, 1)
	want := serial.problems
	require.Greater(t, len(want), 10, "the book has problems in its forms")
	for range 40 {
		chunks := []int{0}
		for at := 0; at < len(book.Forms); {
			at = min(len(book.Forms), at+1+r.IntN(5))
			chunks = append(chunks, at)
		}
		v := &validator{src: src}
		v.readErrs = map[string]bool{}
		v.formsParallel(book, chunks, 1+r.IntN(4))
		got := v.problems
		require.True(t, slices.EqualFunc(want, got, sameProblem), "runs %v\n%s", chunks, problemsDiff(want, got))
	}
	// The runs are of about equal work and cover the forms once, in order.
	b := &Book{}
	for i := range 100 {
		f := minimalForm(i)
		if i%10 == 0 {
			f.Indicators = slices.Repeat(f.Indicators, 200)
		}
		b.Forms = append(b.Forms, f)
	}
	chunks := formChunks(b, nil, 2, parallelWork)
	require.Equal(t, 0, chunks[0])
	require.Equal(t, len(b.Forms), chunks[len(chunks)-1])
	require.True(t, slices.IsSorted(chunks) && len(slices.Compact(slices.Clone(chunks))) == len(chunks), "%v", chunks)
	require.LessOrEqual(t, len(chunks)-1, 2*chunksPerWorker)
	require.Nil(t, formChunks(b, nil, 1, parallelWork), "one worker: serial")
	require.Nil(t, formChunks(&Book{Forms: b.Forms[1:3]}, nil, 2, parallelWork), "two small forms: serial")
}

// TestValidateParallelSharedSheet: forms that a Source places on one
// sheet are checked serially: a problem at a cell that two forms share is
// told once, at the first form, and the second form's error count, which
// decides its completeness warnings, does not hold it.
func TestValidateParallelSharedSheet(t *testing.T) {
	f := minimalForm(0)
	f.Indicators[0].Level1 = "产出" // an error at the shared cell
	g := minimalForm(1)
	g.Indicators[0].Level1 = "产出"
	b := &Book{Year: 2024, Forms: []Form{f, g}}
	src := NewSheetSource("book.xlsx")
	for i := range b.Forms {
		src.SetSheet(i, "表", 1, 1)
		src.SetCell(fmt.Sprintf("forms[%d].indicators[0].level1", i), 1, 10)
	}
	require.Nil(t, formChunks(b, src, 2, 0))
	ps := sameAsSerial(t, "shared sheet", b, src)
	// Told once: the second form's error is the first's cell.
	n := 0
	for _, p := range ps {
		if p.Code == CodeLevel1Unknown {
			n++
		}
	}
	require.Equal(t, 1, n, "%v", ps)
	// Apart, each form tells its own.
	src = NewSheetSource("book.xlsx")
	for i := range b.Forms {
		src.SetSheet(i, "表"+strconv.Itoa(i), 1, 1)
		src.SetCell(fmt.Sprintf("forms[%d].indicators[0].level1", i), 1, 10)
	}
	require.NotNil(t, formChunks(b, src, 2, 0))
	require.Len(t, sameAsSerial(t, "own sheets", b, src).Errors(), 2)
}

// TestValidateParallelReadProblems: the problems found while reading come
// first, and none is told again at its field or cell by any worker.
func TestValidateParallelReadProblems(t *testing.T) {
	ex, _ := exampleBook(t)
	b := &Book{Year: 2024, Forms: slices.Clone(ex.Forms)}
	src := NewSheetSource("book.xlsx")
	for i := range b.Forms {
		src.SetSheet(i, "表"+strconv.Itoa(i), 1, 1)
		src.SetCell(fmt.Sprintf("forms[%d].project", i), 2, 5)
		if i%3 == 0 {
			b.Forms[i].Project = ""
			src.Report(Problem{Severity: Error, Code: "xlsx-empty", Path: fmt.Sprintf("forms[%d].project", i),
				Loc: Location{File: "book.xlsx", Sheet: "表" + strconv.Itoa(i), Cell: "B5"}})
		}
	}
	src.Warn(Problem{Severity: Warning, Code: "xlsx-not-form", Loc: Location{File: "book.xlsx", Sheet: "说明"}})
	ps := sameAsSerial(t, "read problems", b, src)
	require.Equal(t, "xlsx-empty", ps[0].Code)
	for _, p := range ps {
		require.NotEqual(t, CodeRequiredMissing, p.Code, "told again: %s", p)
	}
}

// BenchmarkValidate checks a book of the example's forms, serially and in
// parallel, at sizes about the threshold (parallelWork) and a binder's.
func BenchmarkValidate(b *testing.B) {
	ex, _ := exampleBook(b)
	for _, n := range []int{1, 2, 4, 8, 16, 32, 170, 1000} {
		book := &Book{Year: 2024}
		for i := range n {
			book.Forms = append(book.Forms, ex.Forms[i%len(ex.Forms)])
		}
		var js bytes.Buffer
		require.NoError(b, EncodeJSON(&js, book))
		book, src, err := DecodeReader(bytes.NewReader(js.Bytes()), "book.json", FormatAuto)
		require.NoError(b, err)
		for _, mode := range []struct {
			name    string
			workers int
		}{{"serial", 1}, {"parallel", 0}} {
			b.Run(fmt.Sprintf("forms=%d/%s", n, mode.name), func(b *testing.B) {
				workers := mode.workers
				if workers == 0 {
					workers = max(2, runtime.GOMAXPROCS(0))
				}
				b.ReportAllocs()
				for b.Loop() {
					validate(book, src, workers, 0)
				}
			})
		}
	}
}
