package serve

import (
	"context"
	"encoding/json"
	"net/http"
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
		refusedWith(t, w, http.StatusUnprocessableEntity, codeTooManyPages)
		require.Contains(t, problems(t, w)[0].Message, "这 1 张表超过了一次请求可检查或打印的 "+strconv.Itoa(formPages[long]-1)+" 页")
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

// TestOnePathCheckPages: the check counts each form's pages from one plan
// of every form (pipeline.Plan, a document each), the pages the ZIP's
// documents have; a form the fonts cannot draw fails that plan, and is
// then told with its own problem and no pages, the other forms with
// theirs, as when the forms were planned one at a time.
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
