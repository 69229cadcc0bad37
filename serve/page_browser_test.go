package serve

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// writeFile writes data as name in a directory of the test, for the page
// to upload.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

// brokenBook is the example cut short: a file that cannot be read.
func brokenBook(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	return writeFile(t, "broken.json", data[:3000])
}

// open loads the page of srv and chooses files on it.
func open(t *testing.T, ctx context.Context, url string, files ...string) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(chromedp.CSS("#drop")),
		chromedp.SetUploadFiles(chromedp.CSS("#file-input"), files)))
}

// idle waits until the page's check is answered.
func idle(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, `!document.getElementById("step-check").hidden && document.getElementById("busy-check").hidden`)
}

func textOf(t *testing.T, ctx context.Context, id string) string {
	t.Helper()
	return eval[string](t, ctx, `document.getElementById("`+id+`").textContent`)
}

func shown(t *testing.T, ctx context.Context, id string) bool {
	t.Helper()
	return !eval[bool](t, ctx, `document.getElementById("`+id+`").hidden`)
}

var downloadButtons = `["btn-binder", "btn-zip", "btn-binder-ofd", "btn-zip-ofd"].map((id) => document.getElementById(id).disabled)`

// TestBrowserNothingPrintsWithUnreadableFile: with a file that cannot be
// read among the uploads the server refuses every print, and the page says
// so: its summary, the line of step 4 and every download disabled, a
// form's too; previews still work. Removed, the forms print (review 7,
// item 3).
func TestBrowserNothingPrintsWithUnreadableFile(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	example, err := filepath.Abs(exampleBook)
	require.NoError(t, err)
	open(t, ctx, ts.URL, example, brokenBook(t))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 18`)
	idle(t, ctx)

	require.Contains(t, textOf(t, ctx, "file-problems"), "broken.json")
	summary := textOf(t, ctx, "summary")
	require.Equal(t, msg.Chinese.Text(msg.UISummaryFilesBlocked, msg.Raw("18 张表")), summary)
	require.NotContains(t, summary, "均可打印")
	require.Equal(t, []bool{true, true, true, true}, eval[[]bool](t, ctx, downloadButtons))
	require.True(t, shown(t, ctx, "blocked"))
	require.Equal(t, msg.Chinese.Text(msg.UIBlockedFiles), textOf(t, ctx, "blocked"))
	require.Contains(t, textOf(t, ctx, "picked"), "已选 0 张表")
	// A form's PDF and OFD: shown, disabled, saying why; its preview works.
	require.Equal(t, []bool{true, true}, eval[[]bool](t, ctx, `[...document.querySelectorAll('#forms tr[data-form="1"] .actions button')].slice(1).map((b) => b.disabled)`))
	require.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("#forms .actions button:not([disabled])").length - 18`), "the previews alone")
	require.True(t, eval[bool](t, ctx, `[...document.querySelectorAll("#forms input.pick")].every((c) => c.disabled && !c.checked)`))

	// The same with a form in error too: never "the others can be printed".
	bad, _ := wrongLevel2Book(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{bad})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 19`)
	idle(t, ctx)
	require.Equal(t, msg.Chinese.Text(msg.UISummaryFilesBlocked, msg.Raw("19 张表")), textOf(t, ctx, "summary"))
	require.Equal(t, []bool{true, true, true, true}, eval[[]bool](t, ctx, downloadButtons))

	// broken.json removed (the second file of the list): the others print.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#file-list li:nth-child(2) button"))))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 19 && document.getElementById("file-problems").hidden`)
	idle(t, ctx)
	require.Contains(t, textOf(t, ctx, "summary"), "其中 1 张表有错误")
	require.Contains(t, textOf(t, ctx, "summary"), "其余的表可以先打印")
	require.Equal(t, []bool{false, false, false, false}, eval[[]bool](t, ctx, downloadButtons))
	require.False(t, shown(t, ctx, "blocked"))
}

// TestBrowserNonePicked: every form unticked, the page says that no form
// is picked, not that the picked ones have errors (review 7, item 9); with
// only forms in error it says none can be printed yet.
func TestBrowserNonePicked(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Forms = book.Forms[:3]
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	open(t, ctx, ts.URL, writeFile(t, "three.json", buf.Bytes()))
	waitFor(t, ctx, `document.querySelectorAll("#forms input.pick:checked").length === 3`)
	for n := 1; n <= 3; n++ {
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="`+string(rune('0'+n))+`"] input.pick`))))
	}
	waitFor(t, ctx, `document.querySelectorAll("#forms input.pick:checked").length === 0`)
	require.True(t, shown(t, ctx, "blocked"))
	require.Equal(t, msg.Chinese.Text(msg.UINonePicked), textOf(t, ctx, "blocked"))
	require.Equal(t, []bool{true, true, true, true}, eval[[]bool](t, ctx, downloadButtons))
	// One ticked again: the line goes.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="2"] input.pick`))))
	require.False(t, shown(t, ctx, "blocked"))

	// A book whose one form has errors: none can be printed yet.
	bad, _ := wrongLevel2Book(t)
	open(t, ctx, ts.URL, bad)
	waitFor(t, ctx, `document.querySelectorAll("#forms tr.has-error").length === 1`)
	require.Equal(t, msg.Chinese.Text(msg.UIBlocked), textOf(t, ctx, "blocked"))
	require.Equal(t, msg.Chinese.Text(msg.UISummaryAllErrors, msg.Raw("1 张表")), textOf(t, ctx, "summary"))
}

// TestBrowserRefusalInMessageLine: a check refused as a whole (more pages
// than a request may check, the server busy) is told in the page's
// message line, not as a file that cannot be read, and no "no forms
// found" stands beside it (review 7, item 4).
func TestBrowserRefusalInMessageLine(t *testing.T) {
	ctx := newBrowser(t)
	example, err := filepath.Abs(exampleBook)
	require.NoError(t, err)

	few := httptest.NewServer(newTestServer(t, Options{MaxPages: 5}))
	defer few.Close()
	busy := newTestServer(t, Options{Renders: 1, Timeout: time.Second})
	busy.gate <- struct{}{} // its one slot taken: the check waits past its time
	defer func() { <-busy.gate }()
	full := httptest.NewServer(busy)
	defer full.Close()
	for _, c := range []struct {
		url  string
		code msg.Code
	}{
		{few.URL, codeTooManyPages},
		{full.URL, codeBusy},
	} {
		open(t, ctx, c.url, example)
		waitFor(t, ctx, `!document.getElementById("message").hidden`)
		idle(t, ctx)
		m := textOf(t, ctx, "message")
		want := msg.Chinese.Template(c.code)
		require.Contains(t, m, want[:strings.Index(want, "{")], c.code)
		require.False(t, shown(t, ctx, "file-problems"), c.code)
		require.Empty(t, textOf(t, ctx, "summary"), c.code)
		require.False(t, shown(t, ctx, "step-download"), c.code)
	}
}

// TestBrowserEnglish: in English a number of forms agrees with it ("1
// form", "errors in 1 form"), and a problem's place is joined to its
// message with the language's own colon, not a full-width one (review 7,
// item 11).
func TestBrowserEnglish(t *testing.T) {
	s, err := New(Options{Fonts: fontSetFor(t), Lang: msg.English, Creator: "jixiao test"})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	// A form with a character no font has: an error of the check, and
	// its preview refused with the problem's place.
	pua := bookFile(t, "pua.json", func(f *model.Form) { f.Project = "体检费\ue000" })
	path := writeFile(t, pua.name, pua.data)
	open(t, ctx, ts.URL, path)
	waitFor(t, ctx, `document.querySelectorAll("#forms tr.has-error").length === 1`)
	require.Equal(t, "1 form found, none ready to print: fix the errors in the workbook and upload it again.", textOf(t, ctx, "summary"))

	example, err := filepath.Abs(exampleBook)
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{example})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 19`)
	idle(t, ctx)
	require.Equal(t, "19 forms found; errors in 1 form: fix them in the workbook and upload it again. The others can be printed now.", textOf(t, ctx, "summary"))

	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="1"] .actions button`))))
	waitFor(t, ctx, `document.querySelectorAll("#thumbs .thumb-error").length > 0`)
	shown := eval[string](t, ctx, `document.querySelector("#thumbs .thumb-error").textContent`)
	require.Contains(t, shown, "pua.json: ")
	require.NotContains(t, shown, "：")
}
