package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/internal/meter"
	"jixiao/layout"
	"jixiao/model"
)

const example = "../examples/jiangyin-2024.json"

func defaultOptions(t testing.TB) Options {
	t.Helper()
	set, err := fonts.DefaultSet()
	require.NoError(t, err)
	return Options{Layout: layout.DefaultOptions(), Fonts: set, Creator: "jixiao 0.1.0"}
}

// An input held in memory, read by name, gives the binder the command
// writes from the file (the golden PDF), byte for byte.
func TestBinderFromMemory(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	data, err := os.ReadFile(example)
	require.NoError(t, err)
	in, err := Read(Source{Name: "../examples/jiangyin-2024.json", R: bytes.NewReader(data)})
	require.NoError(t, err)
	b, err := PlanBinder([]Input{in}, BinderOptions{Options: defaultOptions(t)})
	require.NoError(t, err)
	require.Equal(t, 18, b.Forms)
	var out bytes.Buffer
	n, err := b.WriteTo(&out)
	require.NoError(t, err)
	require.Equal(t, int64(out.Len()), n)
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
}

// Load reports every problem through the events and fails as the user
// must act: an input that does not decode or has errors is an Input
// error, one that cannot be read a BadUsage error.
func TestLoad(t *testing.T) {
	var decoded, problems int
	ev := Events{Decode: func(*model.DecodeError) { decoded++ }, Problem: func(model.Problem) { problems++ }}
	_, err := Load([]Source{{Name: "a.json", R: strings.NewReader("{")}, {Name: "b.json", R: strings.NewReader(`{"year": 2024}`)}}, ev)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, 1, decoded)
	require.Positive(t, problems, "the input that decoded is validated")

	_, err = Load([]Source{{Name: "no-such-file.json"}}, Events{})
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
	require.Contains(t, pe.Error(), "no-such-file.json")

	inputs, err := Load([]Source{{Name: example}}, Events{})
	require.NoError(t, err)
	require.Len(t, inputs[0].Book.Forms, 18)
}

// Forms draws the forms picked, in order, each a PDF of its own; a form
// that cannot be laid out is a BadInput error and no PDF is returned.
func TestForms(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	inputs, err := Load([]Source{{Name: example}}, Events{})
	require.NoError(t, err)
	opt := defaultOptions(t)
	pdfs, err := Forms(inputs[0], []int{3, 0}, opt)
	require.NoError(t, err)
	require.Len(t, pdfs, 2)
	one, err := Forms(inputs[0], []int{0}, opt)
	require.NoError(t, err)
	require.Equal(t, one[0], pdfs[1])
	require.NotEqual(t, pdfs[0], pdfs[1])

	opt.Layout.Height = 40 * layout.MM // no room for a form
	pdfs, err = Forms(inputs[0], []int{0, 1}, opt)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Nil(t, pdfs)

	opt = defaultOptions(t)
	_, err = Forms(inputs[0], []int{0, 18}, opt)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
	require.Equal(t, "there is no form 19: the book has 18 forms", pe.Error())

	opt.Date = func(int) (t time.Time, err error) { return t, fmt.Errorf("bad date") }
	_, err = Forms(inputs[0], []int{0}, opt)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadUsage, pe.Kind)
}

// TestGlyphCheck: the model's fields are reported per (path, character);
// the texts layout adds only for characters not reported yet, once each,
// named after the item's field; with AllowMissing as warnings.
func TestGlyphCheck(t *testing.T) {
	opt := defaultOptions(t)
	text := func(s, field string) layout.Item {
		return layout.Item{Kind: layout.Text, Text: s, Field: field, Role: layout.Body}
	}
	g := newGlyphCheck(&opt)
	got := g.fields([]fonts.Field{
		{Path: "forms[0].overview", Text: "吉𠮷\n𠮷"},
		{Path: "forms[1].overview", Text: "𠮷"},
	})
	require.Equal(t, []fonts.Missing{{Path: "forms[0].overview", Rune: '𠮷'}, {Path: "forms[1].overview", Rune: '𠮷'}}, got)
	page := []layout.Item{
		text("第 1 页 共 𠮷 页", "footer"), text("\u0007\u0007", "overview"), {Kind: layout.Rule},
		text("\u0008", ""), text("\u0007", "label"),
	}
	require.Empty(t, g.items("binder", page, "footer"), "𠮷 was reported with the fields")
	require.Equal(t, []fonts.Missing{{Path: "forms[0].overview", Rune: 7}, {Path: "forms[0].text", Rune: 8}}, g.items("forms[0]", page, ""))
	require.Empty(t, g.items("forms[1]", page, ""))

	g = newGlyphCheck(&opt)
	err := g.report(g.items("binder", page, "footer"))
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Contains(t, pe.Lines[0], "no font has binder.footer: U+20BB7")
	require.NotContains(t, err.Error(), "U+0007")

	var warnings []string
	opt.AllowMissing = true
	opt.Events.Warning = func(msg string) { warnings = append(warnings, msg) }
	g = newGlyphCheck(&opt)
	require.NoError(t, g.report(g.items("binder", page, "footer")))
	require.NoError(t, g.report(g.items("binder", page, "footer")))
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
	opt := BinderOptions{Options: defaultOptions(b)}
	b.ReportAllocs()
	var pages int
	var size int64
	var peak uint64
	for b.Loop() {
		peak = max(peak, meter.PeakHeap(func() {
			bl, err := PlanBinder(inputs, opt)
			if err != nil {
				b.Fatal(err)
			}
			if size, err = bl.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
			pages = bl.Pages
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "pdf-MB")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

func BenchmarkBinderPDF18(b *testing.B)   { benchmarkBinderPDF(b, 18, 18) }
func BenchmarkBinderPDF170(b *testing.B)  { benchmarkBinderPDF(b, 17, 170) }
func BenchmarkBinderPDF1000(b *testing.B) { benchmarkBinderPDF(b, 18, 1000) }

// PlanBinder reports the binder's warnings through Events and refuses
// inputs without forms; nothing is written before WriteTo.
func TestPlanBinderEvents(t *testing.T) {
	inputs, err := Load([]Source{{Name: example}}, Events{})
	require.NoError(t, err)
	other := *inputs[0].Book
	other.Year = 2023
	other.Forms = []model.Form{other.Forms[0]}
	other.Forms[0].Year = 2023
	var problems []model.Problem
	opt := BinderOptions{Options: defaultOptions(t)}
	opt.Events.Problem = func(p model.Problem) { problems = append(problems, p) }
	var planned int
	opt.Events.Planned = func(pages int) { planned = pages }
	b, err := PlanBinder(append(inputs, Input{Path: "other.json", Book: &other}), opt)
	require.NoError(t, err)
	require.Equal(t, 19, b.Forms)
	require.Equal(t, b.Pages, planned)
	require.Len(t, problems, 1)
	require.Equal(t, "other.json: warning: forms[0].year: the form is of 2023 but the binder is of 2024 (the year of the first input, ../examples/jiangyin-2024.json): the cover says 2024", problems[0].String())

	_, err = PlanBinder([]Input{{Path: "e.json", Book: &model.Book{Year: 2024}}}, opt)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, []string{"the inputs hold no forms"}, pe.Lines)
}
