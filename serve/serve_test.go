package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/fonts"
	"jixiao/internal/safetext"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

const exampleBook = "../examples/jiangyin-2024.json"

var (
	uiCodeRE = regexp.MustCompile(`"(ui-[a-z0-9-]+)"`)
	argRE    = regexp.MustCompile(`\{\d+\}`)
)

var (
	fontsOnce sync.Once
	fontSet   *fonts.Set
)

// fontSetFor is the embedded fonts, parsed once for all tests.
func fontSetFor(t testing.TB) *fonts.Set {
	t.Helper()
	fontsOnce.Do(func() {
		var err error
		fontSet, err = fonts.DefaultSet()
		require.NoError(t, err)
	})
	return fontSet
}

// newTestServer is a server of opt, in Chinese.
func newTestServer(t testing.TB, opt Options) *Server {
	t.Helper()
	if opt.Fonts == nil {
		opt.Fonts = fontSetFor(t)
	}
	opt.Creator = "jixiao test"
	opt.Lang = msg.Chinese
	s, err := New(opt)
	require.NoError(t, err)
	return s
}

// examplePages lays the example book out through the pipeline, as the
// command line does, and returns the number of pages of each form and of
// its binder: what the server's answers must agree with.
func examplePages(t testing.TB) (forms []int, binder int) {
	t.Helper()
	in, err := pipeline.Read(pipeline.Source{Name: exampleBook})
	require.NoError(t, err)
	job := pipeline.NewJob(fontSetFor(t))
	job.Forms.All = true
	docs, err := pipeline.Plan(context.Background(), []pipeline.Input{in}, job)
	require.NoError(t, err)
	for _, d := range docs {
		forms = append(forms, d.Frame.Pages)
	}
	job.Binder = true
	docs, err = pipeline.Plan(context.Background(), []pipeline.Input{in}, job)
	require.NoError(t, err)
	return forms, docs[0].Frame.Pages
}

func sum(ns []int) int {
	n := 0
	for _, v := range ns {
		n += v
	}
	return n
}

// file is one file of a request.
type file struct {
	name string
	data []byte
}

func readFile(t testing.TB, path string) file {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return file{filepath.Base(path), data}
}

// post makes a multipart POST of files to target, as the page does.
func post(t testing.TB, target string, files ...file) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		w, err := mw.CreateFormFile("file", f.name)
		require.NoError(t, err)
		w.Write(f.data)
	}
	require.NoError(t, mw.Close())
	r := httptest.NewRequest(http.MethodPost, target, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// do serves r; a request made by httptest.NewRequest is addressed to the
// server's default address, unless the test set its Host.
func do(s http.Handler, r *http.Request) *httptest.ResponseRecorder {
	if r.Host == "example.com" {
		r.Host = DefaultAddr
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// problems decodes a JSON body of problems.
func problems(t testing.TB, w *httptest.ResponseRecorder) []jsonProblem {
	t.Helper()
	require.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"), w.Body.String())
	var b problemsBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.NotEmpty(t, b.Problems)
	for _, p := range b.Problems {
		require.NotEmpty(t, p.Code)
		require.NotEmpty(t, p.Message)
	}
	return b.Problems
}

// refusedWith checks an answer of one problem of the server's own.
func refusedWith(t testing.TB, w *httptest.ResponseRecorder, status int, code msg.Code) {
	t.Helper()
	require.Equal(t, status, w.Code, w.Body.String())
	ps := problems(t, w)
	require.Equal(t, string(code), ps[0].Code)
	require.True(t, hasHan(ps[0].Message), "the message is in Chinese: %s", ps[0].Message)
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// wrongLevel2Model is the first example form, alone in its book, with a
// 二级 its 一级 does not have in indicator row 3 (组织目标 under 决策).
func wrongLevel2Model(t testing.TB) *model.Book {
	t.Helper()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Forms = book.Forms[:1]
	f := &book.Forms[0]
	require.Equal(t, "决策", f.Indicators[2].Level1)
	f.Indicators[2].Level2 = "组织目标"
	return book
}

// wrongLevel2Book writes wrongLevel2Model as JSON and returns its path and
// the words that name where the problem stands.
func wrongLevel2Book(t testing.TB) (path, where string) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, wrongLevel2Model(t)))
	path = filepath.Join(t.TempDir(), "wrong-level2.json")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	line := 1 + bytes.Count(buf.Bytes()[:bytes.Index(buf.Bytes(), []byte("组织目标"))], []byte("\n"))
	return path, text(msg.Chinese, msg.LocLine, "wrong-level2.json", line)
}

func TestPage(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	require.Contains(t, w.Header().Get("Content-Security-Policy"), "default-src 'self'")
	page := w.Body.String()
	require.Contains(t, page, `<html lang="zh-CN">`)
	require.Contains(t, page, "<title>绩效目标表打印</title>")
	require.Contains(t, page, "下载装订本（PDF）")
	require.NotContains(t, page, "{{")
	// The script's words, as JSON the script reads.
	i := strings.Index(page, `<script id="messages" type="application/json">`)
	require.Positive(t, i)
	rest := page[i+len(`<script id="messages" type="application/json">`):]
	var msgs map[string]string
	require.NoError(t, json.Unmarshal([]byte(rest[:strings.Index(rest, "</script>")]), &msgs))
	require.Equal(t, "正在检查文件…", msgs["ui-checking"])

	for _, f := range []string{"app.js", "style.css"} {
		w := do(s, httptest.NewRequest(http.MethodGet, "/static/"+f, nil))
		require.Equal(t, http.StatusOK, w.Code, f)
		require.NotEmpty(t, w.Body.Bytes())
	}
	w = do(s, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "ok\n", w.Body.String())

	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/nothing", nil)), http.StatusNotFound, codeNotFound)
	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/static/../serve.go", nil)), http.StatusNotFound, codeNotFound)
	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/static/index.html", nil)), http.StatusNotFound, codeNotFound)
	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/api/check", nil)), http.StatusMethodNotAllowed, codeBadMethod)
}

// TestPageEnglish: the page in English when asked for.
func TestPageEnglish(t *testing.T) {
	s, err := New(Options{Fonts: fontSetFor(t), Lang: msg.English})
	require.NoError(t, err)
	w := do(s, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusOK, w.Code)
	require.Contains(t, w.Body.String(), `<html lang="en">`)
	require.Contains(t, w.Body.String(), "<title>"+msg.English.Text(msg.UITitle)+"</title>")
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "rebound.example"
	ps := problems(t, do(s, r))
	require.Equal(t, msg.English.Text(msg.ServeBadHost, "rebound.example"), ps[0].Message)
}

// TestPageWords: every word the page's files use is one of pageWords, each
// of them is used and has its Chinese in the catalogue.
func TestPageWords(t *testing.T) {
	var src strings.Builder
	for _, f := range []string{"web/index.html", "web/app.js"} {
		data, err := webFS.ReadFile(f)
		require.NoError(t, err)
		src.Write(data)
	}
	for _, c := range pageWords {
		require.True(t, msg.Has(c), c)
		zh := msg.Chinese.Template(c)
		// Chinese words, or Chinese punctuation between the arguments
		// ("{1}：{2}", problem-at).
		require.True(t, hasHan(zh) || cjkPunct(argRE.ReplaceAllString(zh, "")), "%s: %q", c, zh)
		require.Contains(t, src.String(), `"`+string(c)+`"`, "the page does not use %s", c)
	}
	for _, m := range uiCodeRE.FindAllStringSubmatch(src.String(), -1) {
		require.Contains(t, pageWords, msg.Code(m[1]), "the page uses %s, not in pageWords", m[1])
	}
}

// cjkPunct reports whether s is Chinese punctuation only (a list's 、).
func cjkPunct(s string) bool {
	for _, r := range s {
		if !(r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF) {
			return false
		}
	}
	return s != ""
}

func TestHost(t *testing.T) {
	for _, c := range []struct {
		host     string
		loopback bool
		names    []string
		ok       bool
	}{
		{"127.0.0.1:8080", true, nil, true},
		{"localhost:8080", true, nil, true},
		{"LOCALHOST.:8080", true, nil, true},
		{"[::1]:8080", true, nil, true},
		{"127.5.0.1", true, nil, true},
		{"evil.example:8080", true, nil, false},
		{"192.168.1.5:8080", true, nil, false},
		{"", true, nil, false},
		{"192.168.1.5:8080", false, nil, true},
		{"[fe80::1]:8080", false, nil, true},
		{"jixiao.intranet:8080", false, []string{"jixiao.intranet"}, true},
		{"evil.example:8080", false, []string{"jixiao.intranet"}, false},
		{"evil.example", false, nil, false},
	} {
		require.Equal(t, c.ok, hostAllowed(c.host, c.loopback, c.names), "%+v", c)
	}
	s := newTestServer(t, Options{})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "rebound.example:8080"
	refusedWith(t, do(s, r), http.StatusForbidden, codeBadHost)
	r = post(t, "/api/check", readFile(t, exampleBook))
	r.Host = "rebound.example:8080"
	refusedWith(t, do(s, r), http.StatusForbidden, codeBadHost)

	s = newTestServer(t, Options{Addr: "0.0.0.0:8080", Hosts: []string{"jixiao.intranet"}})
	r = httptest.NewRequest(http.MethodGet, "/healthz", nil)
	r.Host = "jixiao.intranet:8080"
	require.Equal(t, http.StatusOK, do(s, r).Code)
	r.Host = "rebound.example:8080"
	w := do(s, r)
	refusedWith(t, w, http.StatusForbidden, codeBadHost)
	// The refusal is sniffed no more than any other answer (issue 20).
	require.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
	r = httptest.NewRequest(http.MethodGet, "/no-such-page", nil)
	r.Host = "jixiao.intranet"
	require.Equal(t, "nosniff", do(s, r).Header().Get("X-Content-Type-Options"))
}

func TestOrigin(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	r := post(t, "/api/check", book)
	r.Header.Set("Origin", "http://evil.example")
	refusedWith(t, do(s, r), http.StatusForbidden, codeBadOrigin)
	r = post(t, "/api/check", book)
	r.Header.Set("Origin", "null")
	refusedWith(t, do(s, r), http.StatusForbidden, codeBadOrigin)
	r = post(t, "/api/check", book)
	r.Host = DefaultAddr
	r.Header.Set("Origin", "http://"+r.Host)
	require.Equal(t, http.StatusOK, do(s, r).Code)
	// Without Origin: curl, another office system.
	require.Equal(t, http.StatusOK, do(s, post(t, "/api/check", book)).Code)
}

func TestUploadRefused(t *testing.T) {
	s := newTestServer(t, Options{MaxUpload: 100 << 10})
	book := readFile(t, exampleBook)
	require.Greater(t, len(book.data), 100<<10)
	for _, target := range []string{"/api/check", "/api/render?form=1", "/api/zip", "/api/binder"} {
		refusedWith(t, do(s, post(t, target, book)), http.StatusRequestEntityTooLarge, codeTooLarge)
		refusedWith(t, do(s, post(t, target)), http.StatusBadRequest, codeNoFiles)
	}
	r := httptest.NewRequest(http.MethodPost, "/api/check", strings.NewReader(`{"forms":[]}`))
	r.Header.Set("Content-Type", "application/json")
	refusedWith(t, do(s, r), http.StatusBadRequest, codeNoFiles)
	r = httptest.NewRequest(http.MethodPost, "/api/check", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n{}"))
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	refusedWith(t, do(s, r), http.StatusBadRequest, codeBadUpload)
}

// A body is read no further than its Content-Length, into a buffer of
// that size: net/http ends it there; a handler called with a body longer
// than it says (a test, a program of its own) refuses it as too large,
// and never reads a file past the buffer or cut short.
func TestBodyLongerThanSaid(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	for _, cut := range []int64{5, int64(len(book.data)) / 2} {
		r := post(t, "/api/check", book)
		r.ContentLength -= cut
		refusedWith(t, do(s, r), http.StatusRequestEntityTooLarge, codeTooLarge)
		require.Equal(t, s.opt.UploadMemory, s.memory.available())
	}
	require.Equal(t, http.StatusOK, do(s, post(t, "/api/check", book)).Code)
}

func TestUploadName(t *testing.T) {
	for in, want := range map[string]string{
		"book.xlsx":                        "book.xlsx",
		`C:\Users\clerk\book.xlsx`:         "book.xlsx",
		"../../etc/passwd":                 "passwd",
		"..":                               "file-3",
		"":                                 "file-3",
		strings.Repeat("长", 100) + ".xlsx": strings.Repeat("长", 65) + ".xlsx",
	} {
		require.Equal(t, want, uploadName(in, 2), in)
	}
}

func TestCheck(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/check", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 18)
	require.Empty(t, b.Problems)
	pages := 0
	for k, f := range b.Forms {
		require.Equal(t, k+1, f.Form)
		require.Equal(t, "jiangyin-2024.json", f.File)
		require.True(t, f.Printable, f.Project)
		pages += f.Pages
	}
	formPages, _ := examplePages(t)
	require.Equal(t, sum(formPages), pages)
	f := b.Forms[1]
	require.Equal(t, "江阴市人力资源和社会保障局（机关）", f.Unit)
	require.Equal(t, "创业投资引导资金（促进就业资金）", f.Project)
	require.Equal(t, "13645.49", f.YearAmount)
	require.Equal(t, formPages[1], f.Pages)

	// A wrong 二级: found, placed, told in the server's language; the
	// check itself succeeds.
	bad, where := wrongLevel2Book(t)
	w = do(s, post(t, "/api/check", readFile(t, bad), readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	b = checkBody{}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 19)
	require.False(t, b.Forms[0].Printable)
	require.True(t, b.Forms[1].Printable)
	var p *jsonProblem
	for i := range b.Forms[0].Problems {
		if b.Forms[0].Problems[i].Code == model.CodeLevel2NotInLevel1 {
			p = &b.Forms[0].Problems[i]
		}
	}
	require.NotNil(t, p, "%+v", b.Forms[0].Problems)
	require.Equal(t, "error", p.Severity)
	require.Equal(t, "forms[0].indicators[2].level2", p.Path)
	require.Equal(t, where, p.Location[:len(where)])
	require.Contains(t, p.Message, "组织目标")

	// A file that does not decode: 422, with the forms of the others.
	w = do(s, post(t, "/api/check", file{"broken.json", []byte(`{"forms": [`)}, readFile(t, exampleBook)))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	b = checkBody{}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 18)
	require.NotEmpty(t, b.Problems)
	require.Equal(t, "broken.json", b.Problems[0].File)
	require.True(t, strings.HasPrefix(b.Problems[0].Location, text(msg.Chinese, msg.LocLine, "broken.json", 1)), b.Problems[0].Location)
	w = do(s, post(t, "/api/check", file{"picture.png", []byte("\x89PNG\r\n\x1a\n\x00\x00")}))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
}

func TestRender(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	w := do(s, post(t, "/api/render?form=2", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/pdf", w.Header().Get("Content-Type"))
	require.Equal(t, `attachment; filename="jixiao.pdf"; filename*=UTF-8''%E5%88%9B%E4%B8%9A%E6%8A%95%E8%B5%84%E5%BC%95%E5%AF%BC%E8%B5%84%E9%87%91%EF%BC%88%E4%BF%83%E8%BF%9B%E5%B0%B1%E4%B8%9A%E8%B5%84%E9%87%91%EF%BC%89.pdf`,
		w.Header().Get("Content-Disposition"))
	formPages, _ := examplePages(t)
	require.Equal(t, formPages[1], pdfPages(t, w.Body.Bytes()))
	// The same form with A3 paper and the signature block.
	w = do(s, post(t, "/api/render?form=2&paper=A3&signature=1", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())

	refusedWith(t, do(s, post(t, "/api/render", book)), http.StatusBadRequest, codeBadNumber)
	refusedWith(t, do(s, post(t, "/api/render?form=0", book)), http.StatusBadRequest, codeBadNumber)
	refusedWith(t, do(s, post(t, "/api/render?form=x", book)), http.StatusBadRequest, codeBadNumber)
	refusedWith(t, do(s, post(t, "/api/render?form=19", book)), http.StatusUnprocessableEntity, codeNoSuchForm)
	refusedWith(t, do(s, post(t, "/api/render?form=1&paper=B5", book)), http.StatusBadRequest, codeBadPaper)

	// A form with errors is never drawn; the others of the request are.
	bad, _ := wrongLevel2Book(t)
	w = do(s, post(t, "/api/render?form=1", readFile(t, bad), book))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeFormErrors)
	ps := problems(t, w)
	require.Equal(t, model.CodeLevel2NotInLevel1, ps[1].Code)
	w = do(s, post(t, "/api/render?form=2", readFile(t, bad), book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
}

func TestZip(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/zip", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/zip", w.Header().Get("Content-Type"))
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 18)
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	for k, f := range zr.File {
		require.Equal(t, safetext.FileName(book.Forms[k].Project)+".pdf", f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(data, []byte("%PDF-")), f.Name)
	}

	// What is ready is printed: the form with errors (19) is left out and
	// named in X-Jixiao-Skipped; forms=… picks (issue 19, item 3).
	bad, _ := wrongLevel2Book(t)
	w = do(s, post(t, "/api/zip", readFile(t, exampleBook), readFile(t, bad)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "19", w.Header().Get("X-Jixiao-Skipped"))
	zr, err = zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 18)
	w = do(s, post(t, "/api/zip?forms=3,1,19", readFile(t, exampleBook), readFile(t, bad)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "19", w.Header().Get("X-Jixiao-Skipped"))
	zr, err = zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 2)
	require.Equal(t, safetext.FileName(book.Forms[0].Project)+".pdf", zr.File[0].Name)
	require.Equal(t, safetext.FileName(book.Forms[2].Project)+".pdf", zr.File[1].Name)
	w = do(s, post(t, "/api/zip?form=4", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	zr, err = zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 1, "form=N: that form alone")
	require.Equal(t, safetext.FileName(book.Forms[3].Project)+".pdf", zr.File[0].Name)
	w = do(s, post(t, "/api/zip?forms=19", readFile(t, exampleBook), readFile(t, bad)))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
	refusedWith(t, do(s, post(t, "/api/zip?forms=20", readFile(t, exampleBook), readFile(t, bad))), http.StatusUnprocessableEntity, codeNoSuchForm)
	refusedWith(t, do(s, post(t, "/api/zip?forms=x", readFile(t, exampleBook))), http.StatusBadRequest, codeBadFormList)
	w = do(s, post(t, "/api/zip", file{"broken.json", []byte("{")}))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
	w = do(s, post(t, "/api/zip", file{"empty.json", []byte(`{"year": 2024, "forms": []}`)}))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
}

func TestBinder(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	w := do(s, post(t, "/api/binder", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/pdf", w.Header().Get("Content-Type"))
	require.Contains(t, w.Header().Get("Content-Disposition"), "filename*=UTF-8''2024%E5%B9%B4")
	_, binderPages := examplePages(t)
	require.Equal(t, binderPages, pdfPages(t, w.Body.Bytes()))
	plain := w.Body.Bytes()

	w = do(s, post(t, "/api/binder?duplex=1&signature=1&group_by=unit&paper=A4", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Greater(t, pdfPages(t, w.Body.Bytes()), binderPages, "duplex adds blank pages")
	require.NotEqual(t, plain, w.Body.Bytes())

	refusedWith(t, do(s, post(t, "/api/binder?group_by=department", book)), http.StatusBadRequest, codeBadGroup)
	refusedWith(t, do(s, post(t, "/api/binder?paper=letter", book)), http.StatusBadRequest, codeBadPaper)
	bad, _ := wrongLevel2Book(t)
	w = do(s, post(t, "/api/binder", book, readFile(t, bad)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "19", w.Header().Get("X-Jixiao-Skipped"))
	require.Equal(t, plain, w.Body.Bytes(), "the binder of the 18 forms that can be printed")
	w = do(s, post(t, "/api/binder?forms=19", book, readFile(t, bad)))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
	require.Equal(t, model.CodeLevel2NotInLevel1, problems(t, w)[1].Code)
	w = do(s, post(t, "/api/binder?forms=2-3", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Empty(t, w.Header().Get("X-Jixiao-Skipped"))
	require.Less(t, pdfPages(t, w.Body.Bytes()), binderPages)
}

// TestBinderMaxPages: a binder past the page limit is refused with a
// problem in Chinese before it is drawn (issue 20).
func TestBinderMaxPages(t *testing.T) {
	_, binderPages := examplePages(t)
	s := newTestServer(t, Options{MaxPages: 20})
	w := do(s, post(t, "/api/binder", readFile(t, exampleBook)))
	require.Less(t, 20, binderPages)
	refusedWith(t, w, http.StatusUnprocessableEntity, msg.Code(model.CodeBinderTooManyPages))
	require.Contains(t, problems(t, w)[0].Message, "超过 20 页")
	// The check and the ZIP lay out as many pages: bounded the same.
	for _, api := range []string{"/api/check", "/api/zip"} {
		w = do(s, post(t, api, readFile(t, exampleBook)))
		refusedWith(t, w, http.StatusUnprocessableEntity, codeTooManyPages)
		require.Contains(t, problems(t, w)[0].Message, "这 18 张表超过了一次请求可检查或打印的 20 页")
	}
	// More forms than pages: refused before any layout.
	s = newTestServer(t, Options{MaxPages: 10})
	for _, api := range []string{"/api/check", "/api/zip", "/api/binder"} {
		refusedWith(t, do(s, post(t, api, readFile(t, exampleBook))), http.StatusUnprocessableEntity, codeTooManyPages)
	}
	// Within the limit, as before.
	s = newTestServer(t, Options{MaxPages: binderPages})
	require.Equal(t, http.StatusOK, do(s, post(t, "/api/check", readFile(t, exampleBook))).Code)
}

// TestQueue: with every render slot taken, a request waits its turn and
// is served when one frees; one that waits past its time limit is told the
// server is busy.
func TestQueue(t *testing.T) {
	s := newTestServer(t, Options{Renders: 1, Timeout: 300 * time.Millisecond})
	book := readFile(t, exampleBook)
	require.NoError(t, s.gate.enter(context.Background()))
	w := do(s, post(t, "/api/check", book))
	refusedWith(t, w, http.StatusServiceUnavailable, codeBusy)
	require.Contains(t, problems(t, w)[0].Message, "未能在 1 秒内完成", "0.3 s is said as 1 s, not 0")
	require.Equal(t, "30", w.Header().Get("Retry-After"))

	s = newTestServer(t, Options{Renders: 1, Timeout: time.Minute})
	require.NoError(t, s.gate.enter(context.Background()))
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- do(s, post(t, "/api/check", book)) }()
	select {
	case w := <-done:
		t.Fatalf("served while no slot was free: %d", w.Code)
	case <-time.After(100 * time.Millisecond):
	}
	s.gate.leave()
	require.Equal(t, http.StatusOK, (<-done).Code)

	// The memory for uploads is full: busy at once, said so.
	s = newTestServer(t, Options{Renders: 1})
	full := s.memory.hold()
	require.True(t, full.take(s.opt.UploadMemory))
	w = do(s, post(t, "/api/check", book))
	refusedWith(t, w, http.StatusServiceUnavailable, codeBusyNow)
	full.release()
	require.Equal(t, http.StatusOK, do(s, post(t, "/api/check", book)).Code)
	require.Equal(t, s.opt.UploadMemory, s.memory.available(), "every byte held is given back")
}

// TestPanic: a panic in a handler is an internal error in words, never a
// stack trace, and frees its slot.
func TestPanic(t *testing.T) {
	var logged strings.Builder
	s := newTestServer(t, Options{Renders: 1, Log: func(f string, a ...any) { fmt.Fprintf(&logged, f, a...) }})
	h := s.api(func(*call) answer { panic("boom") })
	for range 2 {
		w := httptest.NewRecorder()
		h(w, post(t, "/api/check", readFile(t, exampleBook)))
		refusedWith(t, w, http.StatusInternalServerError, codeInternal)
		require.NotContains(t, w.Body.String(), "boom")
	}
	require.Contains(t, logged.String(), "boom")
}

// TestShutdown: Ctrl-C stops taking requests but finishes the one in
// progress.
func TestShutdown(t *testing.T) {
	s := newTestServer(t, Options{Addr: "127.0.0.1:0", Renders: 1})
	ctx, stop := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	ran := make(chan error, 1)
	go func() { ran <- Run(ctx, s, func(a string) { addr <- a }) }()
	url := "http://" + <-addr
	require.NoError(t, s.gate.enter(context.Background())) // the request will wait in the queue
	got := make(chan *http.Response, 1)
	go func() {
		r := post(t, url+"/api/binder", readFile(t, exampleBook))
		r.RequestURI = ""
		resp, err := http.DefaultClient.Do(r)
		require.NoError(t, err)
		got <- resp
	}()
	time.Sleep(200 * time.Millisecond)
	stop()
	time.Sleep(100 * time.Millisecond)
	_, err := http.Get(url + "/healthz")
	require.Error(t, err, "a new request after Ctrl-C")
	s.gate.leave()
	resp := <-got
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	_, binderPages := examplePages(t)
	require.Equal(t, binderPages, pdfPages(t, body))
	require.NoError(t, <-ran)
}

// bigBook is the example book's forms repeated to n forms, as JSON.
func bigBook(t testing.TB, n int) file {
	t.Helper()
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	forms := b.Forms
	b.Forms = nil
	for i := 0; len(b.Forms) < n; i++ {
		f := forms[i%len(forms)]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i/len(forms)+1)
		b.Forms = append(b.Forms, f)
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, b))
	return file{"big.json", buf.Bytes()}
}

// A request past its time limit, or whose client went away, stops its
// work within a page: its answer is 503 (the server is busy), and its
// render slot and its upload's memory are free once it is.
func TestTimeoutStopsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("a binder of 400 forms")
	}
	book := bigBook(t, 400)
	s := newTestServer(t, Options{Renders: 1, Timeout: 100 * time.Millisecond}) // well under the binder's time, on an idle machine too
	for _, path := range []string{"/api/binder", "/api/zip"} {
		start := time.Now()
		w := do(s, post(t, path, book))
		refusedWith(t, w, http.StatusServiceUnavailable, codeBusy)
		require.Less(t, time.Since(start), 20*time.Second, path)
		require.Zero(t, len(s.gate), "%s: the work goes on after its answer", path)
		require.Equal(t, s.opt.UploadMemory, s.memory.available(), path)
	}

	// The client goes away: the work stops.
	s = newTestServer(t, Options{Renders: 1, Timeout: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	r := post(t, "/api/binder", book).WithContext(ctx)
	time.AfterFunc(30*time.Millisecond, cancel) // well before the binder is done, on an idle machine too
	w := do(s, r)
	require.Equal(t, http.StatusServiceUnavailable, w.Code)
	require.Zero(t, len(s.gate))
}

// The ZIP holds the very PDFs render gives for each form, whatever the
// options (the one path of issue 18), the book-wide 填报人 included; its
// entries are named as jixiao render --out-dir names the files.
func TestZipSameAsRender(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	data, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	data = bytes.Replace(data, []byte("{\n  \"year\": 2024,"), []byte("{\n  \"year\": 2024, \"filler\": \"王会计\","), 1)
	b, _, err := model.Decode(data, "book.json", model.FormatAuto)
	require.NoError(t, err)
	b.Forms = b.Forms[:3]
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, b))
	book := file{"book.json", buf.Bytes()}
	s := newTestServer(t, Options{})
	for _, q := range []string{"", "signature=1&duplex=1&draft=1", "paper=A3-landscape&fit=off&watermark=送审稿"} {
		w := do(s, post(t, "/api/zip?"+q, book))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
		require.NoError(t, err)
		require.Len(t, zr.File, 3)
		for k, f := range zr.File {
			require.Equal(t, safetext.FileName(b.Forms[k].Project)+".pdf", f.Name)
			rc, err := f.Open()
			require.NoError(t, err)
			entry, err := io.ReadAll(rc)
			require.NoError(t, err)
			one := do(s, post(t, fmt.Sprintf("/api/render?form=%d&%s", k+1, q), book))
			require.Equal(t, http.StatusOK, one.Code, one.Body.String())
			require.Equal(t, one.Body.Bytes(), entry, "%s: form %d", q, k+1)
		}
	}
}

// TestCheckAcrossFiles: /api/check tells what the files show together as
// the command line does: a form of another year than the first file's
// (the binder's cover would say that year) and a project given twice,
// each naming where (issue 19, items 5, 6).
func TestCheckAcrossFiles(t *testing.T) {
	s := newTestServer(t, Options{})
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	f := book.Forms[3]
	f.Year = 2025
	data, err := json.Marshal(f)
	require.NoError(t, err)
	w := do(s, post(t, "/api/check", readFile(t, exampleBook), file{"f2025.json", data}))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 19)
	codes := map[string]string{}
	for _, p := range b.Forms[18].Problems {
		codes[p.Code] = p.Message
		require.Equal(t, "warning", p.Severity)
	}
	require.Contains(t, codes[model.CodeBinderYearDiffers], "2025")
	require.Contains(t, codes[model.CodeDuplicateForm], "第 4 张表")
	require.True(t, b.Forms[18].Printable, "warnings do not stop printing")
	for _, f := range b.Forms[:18] {
		require.Empty(t, f.Problems)
	}
	// With strict=1 they are errors.
	w = do(s, post(t, "/api/check?strict=1", readFile(t, exampleBook), file{"f2025.json", data}))
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.False(t, b.Forms[18].Printable)
}
