package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

// TestOnePathPageLimit: the server's page limit is the pipeline's
// (Job.MaxPages), which bounds every plan: a form alone too, printed or
// previewed, and not the binder and the ZIP only.
func TestOnePathPageLimit(t *testing.T) {
	formPages, _ := examplePages(t)
	long := 0 // the form of the most pages
	for k, n := range formPages {
		if n > formPages[long] {
			long = k
		}
	}
	require.Less(t, 1, formPages[long])
	form := strconv.Itoa(long + 1)
	book := readFile(t, exampleBook)
	s := newTestServer(t, Options{MaxPages: formPages[long] - 1})
	for _, api := range []string{"/api/render", "/api/preview", "/api/zip", "/api/binder"} {
		w := do(s, post(t, api+"?form="+form, book))
		if api == "/api/binder" { // binder's own problem: TestBinderMaxPages
			refusedWith(t, w, http.StatusUnprocessableEntity, msg.Code(model.CodeBinderTooManyPages))
			continue
		}
		// One form: splitting the upload would not help, and the
		// message does not say so.
		refusedWith(t, w, http.StatusUnprocessableEntity, codeFormTooManyPages)
		require.Equal(t, "这张表超过了一次请求可检查或打印的 "+strconv.Itoa(formPages[long]-1)+" 页，请在命令行中用 jixiao 打印。", problems(t, w)[0].Message)
	}
	s = newTestServer(t, Options{MaxPages: formPages[long]})
	for _, api := range []string{"/api/render", "/api/preview", "/api/zip", "/api/binder"} {
		w := do(s, post(t, api+"?form="+form, book))
		require.Equal(t, http.StatusOK, w.Code, "%s: %s", api, w.Body.String())
	}
}

// TestOnePathPicked: the forms a binder or ZIP picks are those the
// command's --form 1,3-5 picks (pipeline.Select): of numbers past the
// forms, the first in order is named, as the command names it; files
// holding no form that reads are told as such whatever is picked, as the
// command tells a book of no forms before its --form.
func TestOnePathPicked(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	in, err := pipeline.Read(pipeline.Source{Name: exampleBook})
	require.NoError(t, err)
	_, cli := pipeline.Select([]pipeline.Input{in}, pipeline.Selection{Numbers: []int{30, 20}})
	require.Equal(t, "--form 20: the book has 18 forms", cli.Error())
	for _, api := range []string{"/api/zip", "/api/binder"} {
		w := do(s, post(t, api+"?forms=30,20", book))
		refusedWith(t, w, http.StatusUnprocessableEntity, codeNoSuchForm)
		require.Equal(t, "没有第 20 张表：上传的文件中共有 18 张表。", problems(t, w)[0].Message)

		w = do(s, post(t, api+"?forms=3", file{"broken.json", []byte("{")}))
		refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
		require.True(t, strings.HasPrefix(problems(t, w)[1].Location, "broken.json"), "%+v", problems(t, w)[1])
	}
}

// TestOnePathSkipped: the forms a binder or ZIP leaves out are those
// the pipeline leaves out for the command (pipeline.Skipped), the
// warnings made errors by strict=1 with them: a project given twice.
func TestOnePathSkipped(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	for _, api := range []string{"/api/zip", "/api/binder"} {
		w := do(s, post(t, api+"?strict=1", book, file{"again.json", book.data}))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		require.Equal(t, "19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36", w.Header().Get("X-Jixiao-Skipped"), api)
	}
	// The command's plan of the same inputs, strict: the same forms.
	var inputs []pipeline.Input
	for range 2 {
		in, err := pipeline.Read(pipeline.Source{Name: exampleBook})
		require.NoError(t, err)
		inputs = append(inputs, in)
	}
	for k, ps := range pipeline.Duplicates(inputs) {
		inputs[k].Problems = pipeline.Strict(append(inputs[k].Problems, ps...))
	}
	job := pipeline.NewJob(fontSetFor(t))
	job.Forms.All, job.SkipErrors = true, true
	var skipped []int
	job.Events.Warn = func(w error) {
		var sk *pipeline.Skipped
		require.ErrorAs(t, w, &sk)
		skipped = sk.Forms
	}
	_, err := pipeline.Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	require.Equal(t, numbers(19, 36), skipped)
}

func numbers(from, to int) []int {
	var out []int
	for n := from; n <= to; n++ {
		out = append(out, n)
	}
	return out
}

// TestOnePathCheckPages: the check counts each form's pages as the
// pipeline plans it (pipeline.PlanEach, a document each), the pages the
// ZIP's documents have; a form the fonts cannot draw fails its plan, and
// is told with its own problem and no pages, the other forms with theirs.
func TestOnePathCheckPages(t *testing.T) {
	formPages, _ := examplePages(t)
	s := newTestServer(t, Options{})
	pua := bookFile(t, "pua.json", func(f *model.Form) { f.Project = "体检费\ue000" })
	w := do(s, post(t, "/api/check", readFile(t, exampleBook), pua))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 19)
	for k, n := range formPages {
		require.Equal(t, n, b.Forms[k].Pages, "form %d", k+1)
		require.True(t, b.Forms[k].Printable, "form %d", k+1)
	}
	last := b.Forms[18]
	require.Zero(t, last.Pages)
	require.False(t, last.Printable)
	var drawn []string
	for _, p := range last.Problems {
		if p.Code == string(codeCannotDraw) {
			drawn = append(drawn, p.Message)
		}
	}
	require.NotEmpty(t, drawn, "%+v", last.Problems)
	require.Contains(t, strings.Join(drawn, "\n"), "U+E000")

	// The page limit of the check is a plan's: its forms' pages together.
	s = newTestServer(t, Options{MaxPages: sum(formPages) - 1})
	w = do(s, post(t, "/api/check", readFile(t, exampleBook)))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeTooManyPages)
	require.Contains(t, problems(t, w)[0].Message, "这 18 张表")
	s = newTestServer(t, Options{MaxPages: sum(formPages)})
	w = do(s, post(t, "/api/check", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
}

// strayYear is a book of three forms of the example, of 2023 and named
// apart, that a binder with the example (of 2024) holds as strays.
func strayYear(t *testing.T) file {
	t.Helper()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Year, book.Forms = 2023, book.Forms[:3]
	for i := range book.Forms {
		book.Forms[i].Year = 2023
		book.Forms[i].Project += "（2023）"
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	return file{"y2023.json", buf.Bytes()}
}

// TestOnePathStrictStraysPageLimit: with strict=1 the forms of another
// year than the binder's are the errors that leave them out, and the page
// limit bounds the forms printed, not those left out; as the command
// answers: its binder --strict names the same forms as it refuses them,
// and its binder of the others (--form 1-18) is the server's, to the
// byte, bounded by the same limit with the same answers.
func TestOnePathStrictStraysPageLimit(t *testing.T) {
	formPages, _ := examplePages(t)
	pages := sum(formPages) // of the 18 forms of 2024
	book, stray := readFile(t, exampleBook), strayYear(t)

	// The command: binder --strict refuses, naming forms 19-21 (the
	// stray file's forms[0-2]); binder --form 1-18 prints the others.
	srcs := func() []pipeline.Source {
		return []pipeline.Source{{Name: book.name, R: bytes.NewReader(book.data)}, {Name: stray.name, R: bytes.NewReader(stray.data)}}
	}
	ctx := context.Background()
	job := pipeline.NewJob(fontSetFor(t))
	job.Binder, job.Strict = true, true // and SkipErrors = !Strict
	var named []string
	job.Events.Problem = func(p model.Problem) {
		if p.Code == model.CodeBinderYearDiffers {
			named = append(named, p.Loc.File+" "+p.Path)
		}
	}
	inputs, err := pipeline.Load(ctx, srcs(), job)
	require.NoError(t, err)
	_, err = pipeline.Plan(ctx, inputs, job)
	var pe *pipeline.Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, msg.StrictWarnings, msg.CodeOf(pe.Errs[0]), "%v", err)
	require.Equal(t, []string{"y2023.json forms[0].year", "y2023.json forms[1].year", "y2023.json forms[2].year"}, named)
	command := func(maxPages int) ([]byte, error) {
		job := pipeline.NewJob(fontSetFor(t))
		job.Creator, job.MaxPages = "jixiao test", maxPages
		job.Binder, job.SkipErrors, job.Forms.Numbers = true, true, numbers(1, 18)
		inputs, err := pipeline.Load(ctx, srcs(), job)
		require.NoError(t, err)
		docs, err := pipeline.Plan(ctx, inputs, job)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		require.NoError(t, job.Backend().Write(ctx, &buf, docs[0]))
		return buf.Bytes(), nil
	}

	binder := func(maxPages int, query string) *httptest.ResponseRecorder {
		s := newTestServer(t, Options{MaxPages: maxPages})
		return do(s, post(t, "/api/binder"+query, book, stray))
	}
	// At the limit: the forms of 2024, the strays left out.
	w := binder(pages, "?strict=1")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "19,20,21", w.Header().Get("X-Jixiao-Skipped"))
	pdf, err := command(pages)
	require.NoError(t, err)
	require.True(t, bytes.Equal(pdf, w.Body.Bytes()), "the server's binder is not the command's")
	// Without strict=1 the strays are printed, and counted: past the limit.
	refusedWith(t, binder(pages, ""), http.StatusUnprocessableEntity, msg.Code(model.CodeBinderTooManyPages))
	// A page less: past it, as the command's binder is.
	refusedWith(t, binder(pages-1, "?strict=1"), http.StatusUnprocessableEntity, msg.Code(model.CodeBinderTooManyPages))
	_, err = command(pages - 1)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, model.CodeBinderTooManyPages, pe.Problems()[0].Code)
	// Fewer pages than the forms printed: refused before any is laid
	// out, the forms counted those printed, 18, not 21.
	w = binder(17, "?strict=1")
	refusedWith(t, w, http.StatusUnprocessableEntity, codeTooManyPages)
	_, err = command(17)
	var tm *pipeline.TooManyPages
	require.True(t, pipeline.Find(err, &tm), "%v", err)
	require.Equal(t, pipeline.TooManyPages{Forms: 18, Limit: 17}, *tm)
	require.Equal(t, text(msg.Chinese, codeTooManyPages, tm.Forms, tm.Limit), problems(t, w)[0].Message)
}

// TestOnePathStrictFirstFileLeftOut: a first file without a year of its
// own (its forms have one) whose forms are all left out for their errors
// does not make the others strays: with strict=1 the binder holds them,
// the check having told them printable, where it refused them all with
// the command's words (“加了 --strict”).
func TestOnePathStrictFirstFileLeftOut(t *testing.T) {
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Year, book.Forms = 0, book.Forms[:2]
	for i := range book.Forms {
		book.Forms[i].Project += "（另）"
		book.Forms[i].Indicators[2].Level2 = "组织目标" // not of 决策
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	first := file{"first.json", buf.Bytes()}
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/check?strict=1", first, readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	for k, f := range b.Forms {
		require.Equal(t, k >= 2, f.Printable, "form %d: %+v", k+1, f.Problems)
	}
	for _, api := range []string{"/api/binder", "/api/zip"} {
		w := do(s, post(t, api+"?strict=1", first, readFile(t, exampleBook)))
		require.Equal(t, http.StatusOK, w.Code, "%s: %s", api, w.Body.String())
		require.Equal(t, "1,2", w.Header().Get("X-Jixiao-Skipped"), api)
	}
}

// A file of the upload that cannot be read refuses every print, as the
// command refuses a binder of it: a binder or ZIP of the other files
// would be short of its forms without saying so, and the form asked
// for is not the one in error.
func TestOnePathUnreadableFile(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	broken := file{"broken.json", []byte("{")}
	for _, api := range []string{"/api/render?form=2", "/api/zip", "/api/binder"} {
		w := do(s, post(t, api, book, broken))
		refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
		ps := problems(t, w)
		require.Len(t, ps, 2, api)
		require.Equal(t, "syntax", ps[1].Code, api)
		require.Contains(t, ps[1].Location, "broken.json", api)
	}
	w := do(s, post(t, "/api/render?form=2", book))
	require.Equal(t, http.StatusOK, w.Code, "without the broken file")
}
