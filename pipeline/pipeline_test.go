package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/internal/meter"
	"jixiao/internal/peakheap"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/render"
)

const example = "../examples/jiangyin-2024.json"

// testJob is the default job with the embedded fonts.
func testJob(t testing.TB) *Job {
	t.Helper()
	set, err := fonts.DefaultSet()
	require.NoError(t, err)
	job := NewJob(set)
	job.Creator = "jixiao 0.1.0"
	return job
}

// binderJob is testJob making a binder.
func binderJob(t testing.TB) *Job {
	job := testJob(t)
	job.Binder = true
	return job
}

// pdfs plans the job's documents of inputs and writes each as a PDF.
func pdfs(t testing.TB, inputs []Input, job *Job) ([][]byte, error) {
	t.Helper()
	docs, err := Plan(context.Background(), inputs, job)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(docs))
	err = WriteEach(context.Background(), docs, PDF{Job: job}, func(d *Doc, pdf []byte) error {
		for k := range docs {
			if docs[k] == d {
				out[k] = pdf
			}
		}
		return nil
	}, nil)
	return out, err
}

// load reads the example book.
func load(t testing.TB) []Input {
	t.Helper()
	inputs, err := Load(context.Background(), []Source{{Name: example}}, &Job{})
	require.NoError(t, err)
	return inputs
}

// An input held in memory, read by name, gives the binder the command
// writes from the file (the golden PDF), byte for byte.
func TestBinderFromMemory(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	data, err := os.ReadFile(example)
	require.NoError(t, err)
	in, err := Read(Source{Name: "../examples/jiangyin-2024.json", R: bytes.NewReader(data)})
	require.NoError(t, err)
	job := binderJob(t)
	docs, err := Plan(context.Background(), []Input{in}, job)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	require.Equal(t, 18, docs[0].Forms)
	var out bytes.Buffer
	require.NoError(t, PDF{Job: job}.Write(context.Background(), &out, docs[0]))
	golden.Assert(t, "binder/jiangyin-2024.pdf", out.Bytes())
}

// Read tells the format from the name, else from the content.
func TestReadFormats(t *testing.T) {
	form := `{"title": "T", "year": 2024, "unit": "U", "department": "D", "project": "P", "total_amount": "1", "year_amount": "1"}`
	yaml := "title: T\nyear: 2024\nunit: U\ndepartment: D\nproject: P\ntotal_amount: \"1\"\nyear_amount: \"1\"\n"
	for _, c := range []struct{ name, data string }{
		{"a.json", form}, {"a.yaml", yaml}, {"upload", form}, {"upload", yaml},
	} {
		in, err := Read(Source{Name: c.name, R: strings.NewReader(c.data)})
		require.NoError(t, err, c.name)
		require.Equal(t, c.name, in.Path)
		require.Len(t, in.Book.Forms, 1)
		require.Equal(t, "P", in.Book.Forms[0].Project)
	}
	_, err := Read(Source{Name: "bad.json", R: strings.NewReader("{")})
	require.NotEmpty(t, model.DecodeErrors(err))

	// A content that fails to read half-way (JSON is decoded as it is
	// read) cannot be read; it does not decode badly.
	for _, name := range []string{"a.json", "a.yaml", "upload"} {
		r := io.MultiReader(strings.NewReader(`{"forms": [`), iotest.ErrReader(io.ErrUnexpectedEOF))
		_, err = Read(Source{Name: name, R: r})
		require.ErrorIs(t, err, io.ErrUnexpectedEOF, name)
		require.Empty(t, model.DecodeErrors(err), name)
		require.Contains(t, msg.Describe(msg.English, err), "cannot read "+name, name)
	}
}

// Load reports every problem through the events and fails as the user
// must act: an input that does not decode or has errors is an Input
// error, one that cannot be read a BadUsage error.
// A file over model.MaxFileSize is refused before it is read, a workbook
// as any other input, with one message: of the file as a whole (a
// workbook has no line 1).
func TestReadTooLarge(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"big.xlsx", "big.json", "big.pdf"} {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		require.NoError(t, err)
		require.NoError(t, f.Truncate(model.MaxFileSize+1)) // sparse: no disk used
		require.NoError(t, f.Close())
		_, err = Read(Source{Name: path})
		ds := model.DecodeErrors(err)
		require.Len(t, ds, 1, name)
		require.Len(t, ds[0].Problems, 1, name)
		p := ds[0].Problems[0]
		require.Equal(t, model.CodeFileTooLarge, p.Code, name)
		require.Equal(t, model.Location{File: path}, p.Loc, name)
		require.Equal(t, path+": the file is 268435457 bytes, more than the 256 MiB an input may have", ProblemText(msg.English, p))
		require.Equal(t, "文件有 268435457 字节，超过了输入文件上限 256 MiB", ProblemMessage(msg.Chinese, p))
	}
}

func TestLoad(t *testing.T) {
	var decoded, problems int
	job := &Job{Events: Events{Decode: func(*model.DecodeError) { decoded++ }, Problem: func(model.Problem) { problems++ }}}
	_, err := Load(context.Background(), []Source{{Name: "a.json", R: strings.NewReader("{")}, {Name: "b.json", R: strings.NewReader(`{"year": 2024}`)}}, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, 1, decoded)
	require.Positive(t, problems, "the input that decoded is validated")

	_, err = Load(context.Background(), []Source{{Name: "no-such-file.json"}}, &Job{})
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
	require.Contains(t, pe.Error(), "no-such-file.json")

	require.Len(t, load(t)[0].Book.Forms, 18)
}

// Plan makes a document of each form selected, in order; a form that
// cannot be laid out is a BadInput error and no document is returned.
func TestPlanForms(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	inputs := load(t)
	job := testJob(t)
	job.Forms.All = true
	all, err := pdfs(t, inputs, job)
	require.NoError(t, err)
	require.Len(t, all, 18)
	job.Forms = Selection{Form: 1, FormGiven: true}
	one, err := pdfs(t, inputs, job)
	require.NoError(t, err)
	require.Len(t, one, 1)
	require.Equal(t, one[0], all[0])
	require.NotEqual(t, all[0], all[1])

	job.Layout.Height = 40 * layout.MM // no room for a form
	got, err := pdfs(t, inputs, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Nil(t, got)

	job = testJob(t)
	job.Forms = Selection{Form: 19, FormGiven: true}
	_, err = pdfs(t, inputs, job)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
	require.Equal(t, "--form 19: the book has 18 forms", pe.Error())

	job.Forms = Selection{Form: 1, FormGiven: true}
	job.PDFDate = func(int) (t time.Time, err error) { return t, fmt.Errorf("bad date") }
	_, err = pdfs(t, inputs, job)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
}

// TestGlyphCheck: the model's fields are reported per (path, character);
// the texts layout adds only for characters not reported yet, once each,
// named after the item's field; with AllowMissing as warnings.
func TestGlyphCheck(t *testing.T) {
	job := testJob(t)
	text := func(s, field string) layout.Item {
		return layout.Item{Kind: layout.Text, Text: s, Field: field, Role: layout.Body}
	}
	g := newGlyphCheck(job)
	got := g.fields([]fonts.Field{
		{Path: "forms[0].overview", Text: "吉𠮷\n𠮷"},
		{Path: "forms[1].overview", Text: "𠮷"},
	})
	require.Equal(t, []fonts.Missing{{Path: "forms[0].overview", Rune: '𠮷'}, {Path: "forms[1].overview", Rune: '𠮷'}}, got)
	page := []layout.Item{
		text("第 1 页 共 𠮷 页", "footer"), text("\u0007\u0007", "overview"), {Kind: layout.Rule},
		text("\u0008", ""), text("\u0007", "label"),
	}
	require.Empty(t, g.items("", "binder", page, "footer"), "𠮷 was reported with the fields")
	require.Equal(t, []fonts.Missing{{Path: "forms[0].overview", Rune: 7}, {Path: "forms[0].text", Rune: 8}}, g.items("", "forms[0]", page, ""))
	require.Empty(t, g.items("", "forms[1]", page, ""))

	// In a file: the place names it, in the message's words; only what
	// is missing is named (a book's every item was kept before).
	g = newGlyphCheck(job)
	drawn := []layout.Item{text("吉", "title"), text("第 1 页", "footer")}
	require.Empty(t, g.items("b.json", "forms[0]", drawn, ""))
	require.Empty(t, g.places, "places kept for characters the fonts have")
	got = g.items("b.json", "forms[0]", page, "footer")
	require.Equal(t, []fonts.Missing{{Path: "b.json: forms[0].footer", Rune: '𠮷'}}, got)
	require.Len(t, g.places, 1)
	err0 := g.report(got)
	require.Contains(t, msg.Describe(msg.Chinese, err0), "b.json 中的 forms[0].footer")
	require.Contains(t, msg.Describe(msg.English, err0), "b.json: forms[0].footer")

	g = newGlyphCheck(job)
	err := g.report(g.items("", "binder", page, "footer"))
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Contains(t, msg.Describe(msg.English, pe.Errs[0]), "no font has binder.footer: U+20BB7")
	require.NotContains(t, err.Error(), "U+0007")

	var warnings []string
	job.AllowMissing = true
	job.Events.Warn = func(w error) { warnings = append(warnings, msg.Describe(msg.English, w)) }
	g = newGlyphCheck(job)
	require.NoError(t, g.report(g.items("", "binder", page, "footer")))
	require.NoError(t, g.report(g.items("", "binder", page, "footer")))
	require.Len(t, warnings, 1)
	require.Contains(t, warnings[0], "no font has binder.footer: U+20BB7")
	require.True(t, strings.HasSuffix(warnings[0], "(drawn as a box)"))
}

// benchmarkBinderPDF measures the whole binder, layout and PDF, of n forms
// (the first k example forms repeated), the way jixiao binder makes it.
func benchmarkBinderPDF(b *testing.B, k, n int) {
	ex, err := model.ReadFile(example)
	require.NoError(b, err)
	book := &model.Book{Year: ex.Year}
	for i := 0; len(book.Forms) < n; i++ {
		f := ex.Forms[i%k]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i/k+1)
		book.Forms = append(book.Forms, f)
	}
	inputs := []Input{{Path: "book.json", Book: book}}
	job := binderJob(b)
	b.ReportAllocs()
	var pages int
	var size int64
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakheap.Of(func() {
			docs, err := Plan(context.Background(), inputs, job)
			if err != nil {
				b.Fatal(err)
			}
			w := &meter.Writer{W: io.Discard}
			if err = (PDF{Job: job}).Write(context.Background(), w, docs[0]); err != nil {
				b.Fatal(err)
			}
			size, pages = w.N, docs[0].Frame.Pages
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "pdf-MB")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// BenchmarkCommandBinder170 is what `jixiao binder book.json` does after
// start-up, for the 170-form book: the file read and checked (Load), the
// binder planned and its PDF written. Its CPU profile is the one in the
// README (Performance, "Where the time goes"):
//
//	go test -run '^$' -bench CommandBinder170 -cpuprofile cpu.out ./pipeline
//
// Run it with GOGC=400 GOMEMLIMIT=160MiB to collect as the command does.
func BenchmarkCommandBinder170(b *testing.B) {
	ex, err := model.ReadFile(example)
	require.NoError(b, err)
	book := &model.Book{Year: ex.Year}
	for i := 0; len(book.Forms) < 170; i++ {
		f := ex.Forms[i%17]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i/17+1)
		book.Forms = append(book.Forms, f)
	}
	path := filepath.Join(b.TempDir(), "book.json")
	var buf bytes.Buffer
	require.NoError(b, model.EncodeJSON(&buf, book))
	require.NoError(b, os.WriteFile(path, buf.Bytes(), 0o644))
	job := binderJob(b)
	b.ReportAllocs()
	for b.Loop() {
		ctx := context.Background()
		inputs, err := Load(ctx, []Source{{Name: path}}, job)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := Plan(ctx, inputs, job)
		if err != nil {
			b.Fatal(err)
		}
		if err = (PDF{Job: job}).Write(ctx, io.Discard, docs[0]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBinderPDF18(b *testing.B)   { benchmarkBinderPDF(b, 18, 18) }
func BenchmarkBinderPDF170(b *testing.B)  { benchmarkBinderPDF(b, 17, 170) }
func BenchmarkBinderPDF1000(b *testing.B) { benchmarkBinderPDF(b, 18, 1000) }

// A binder's plan reports its warnings through Events (errors with
// Strict) and refuses inputs without forms; nothing is written yet.
func TestPlanBinderEvents(t *testing.T) {
	inputs := load(t)
	other := *inputs[0].Book
	other.Year = 2023
	other.Forms = []model.Form{other.Forms[0]}
	other.Forms[0].Year = 2023
	var problems []model.Problem
	job := binderJob(t)
	job.Events.Problem = func(p model.Problem) { problems = append(problems, p) }
	all := append(inputs, Input{Path: "other.json", Book: &other})
	docs, err := Plan(context.Background(), all, job)
	require.NoError(t, err)
	require.Equal(t, 19, docs[0].Forms)
	require.Len(t, problems, 1)
	require.Equal(t, "other.json: warning: forms[0].year: the form is of 2023 but the binder is of 2024 (the year of the first input, ../examples/jiangyin-2024.json): the cover says 2024", ProblemText(msg.English, problems[0]))

	job.Strict = true
	_, err = Plan(context.Background(), all, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, model.Error, problems[1].Severity)

	_, err = Plan(context.Background(), []Input{{Path: "e.json", Book: &model.Book{Year: 2024}}}, job)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, "the inputs hold no forms", pe.Error())
}

// Forms picked from several inputs, every form of one and some of
// another: a form of another year is named in its own input (this once
// ran past the end of an index list).
func TestPlanBinderPicksAcrossInputs(t *testing.T) {
	inputs := load(t)
	other := *inputs[0].Book
	other.Year = 0
	other.Forms = []model.Form{other.Forms[0], other.Forms[1]}
	other.Forms[0].Project += "（乙）"
	other.Forms[1].Project += "（乙）"
	other.Forms[1].Year = 2023
	all := append(inputs, Input{Path: "other.json", Book: &other})
	n := len(inputs[0].Book.Forms)
	var problems []model.Problem
	job := binderJob(t)
	job.Events.Problem = func(p model.Problem) { problems = append(problems, p) }
	job.Forms = Selection{Numbers: append(numbers(1, n), n+2)}
	docs, err := Plan(context.Background(), all, job)
	require.NoError(t, err)
	require.Equal(t, n+1, docs[0].Forms)
	require.Len(t, problems, 1)
	require.Equal(t, "other.json", problems[0].Loc.File)
	require.Equal(t, "forms[1].year", problems[0].Path)
}

// numbers is from, from+1 … to.
func numbers(from, to int) []int {
	var out []int
	for k := from; k <= to; k++ {
		out = append(out, k)
	}
	return out
}

// A failure of render's temporary file names the folder and the reason in
// the user's language, not the file's own name; other errors pass as they
// are.
func TestTempFailed(t *testing.T) {
	err := tempFailed(&render.TempError{Dir: "/data/tmp", Err: &fs.PathError{Op: "open", Path: "/data/tmp/jixiao-render-123", Err: syscall.ENOSPC}})
	en, zh := msg.Describe(msg.English, err), msg.Describe(msg.Chinese, err)
	require.Contains(t, en, "temporary file in /data/tmp")
	require.Contains(t, en, "the disk is full")
	require.Contains(t, zh, "无法在临时文件夹 /data/tmp 中暂存已绘制的页面")
	require.Contains(t, zh, "磁盘已满")
	require.NotContains(t, en+zh, "jixiao-render-123")

	other := errors.New("other")
	require.Equal(t, other, tempFailed(other))
	require.NoError(t, tempFailed(nil))
}

// A content that fails to read is "cannot read", never a syntax error of
// what came before the failure, whether its name tells the format or not.
func TestReadFlakyUpload(t *testing.T) {
	for _, data := range []string{`{"f`, `{"forms": [{"unit": "a"`} {
		for _, name := range []string{"upload", "upload.json"} {
			// The data, then an error once (iotest.ErrTimeout), then io.EOF.
			r := iotest.TimeoutReader(strings.NewReader(data))
			_, err := Read(Source{Name: name, R: r})
			require.True(t, isCode(err, msg.CannotRead), "%s %q: %v", name, data, err)
			require.ErrorIs(t, err, iotest.ErrTimeout)
		}
	}
}

// Each page of a binder can be asked for alone (Doc.Page, as a preview
// does): the cover, the contents, a form's.
func TestBinderPageAlone(t *testing.T) {
	inputs := load(t)
	docs, err := Plan(context.Background(), inputs, binderJob(t))
	require.NoError(t, err)
	d := docs[0]
	for _, i := range []int{0, 1, d.Frame.Pages - 1} {
		n := 0
		err := d.Page(i).Pages(context.Background())(func(int, *layout.Page) error {
			n++
			return nil
		})
		require.NoError(t, err, "page %d", i+1)
		require.Equal(t, 1, n, "page %d", i+1)
	}
}

// A character of the binder's cover that no font has (here in the date
// given for it) is found while the binder is planned, and named there.
func TestGlyphCheckCover(t *testing.T) {
	inputs := load(t)
	job := binderJob(t)
	job.Date = "2024年3月𠮷日"
	_, err := Plan(context.Background(), inputs, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Contains(t, msg.Describe(msg.English, pe.Errs[0]), "no font has binder.cover.")
	require.Contains(t, msg.Describe(msg.English, pe.Errs[0]), "U+20BB7")
}
