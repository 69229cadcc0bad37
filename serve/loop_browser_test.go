package serve

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"jixiao/golden"
	"jixiao/model"
	"jixiao/model/xlsx"
)

// TestBrowserClerkLoop drives the page through the clerk's loop of issue
// 19 in headless Chromium: a workbook with two forms in error is listed
// whole (the steps numbered 1-2-3-4, the amounts as printed); what is ready
// is picked and printed, the forms left out named; one form's PDF has the
// signature block asked for; the corrected workbook chosen again replaces
// the first, and the page says so; a form of another year is told as the
// binder tells it; no request fails.
func TestBrowserClerkLoop(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	dl := watchDownloads(t, ctx)
	var mu sync.Mutex
	var failed []string
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if r, ok := ev.(*network.EventResponseReceived); ok && r.Response.Status >= 400 {
			mu.Lock()
			failed = append(failed, r.Response.URL)
			mu.Unlock()
		}
	}))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#drop"))))
	bad := clerkWorkbook(t) // forms 2 and 3 with errors
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{bad})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 4`)

	// Item 13: the steps read 1-2-3-4; amounts as printed.
	require.Equal(t, "1234", eval[string](t, ctx, `[...document.querySelectorAll("section:not([hidden]) .step")].map((e) => e.textContent).join("")`))
	require.Equal(t, "4012.80", eval[string](t, ctx, `document.querySelector('#forms tr[data-form="1"] td:nth-child(4)').textContent`))
	require.Equal(t, "250.00", eval[string](t, ctx, `document.querySelector('#forms tr[data-form="3"] td:nth-child(4)').textContent`))

	// Item 3: the forms in error cannot be picked; the others are, and
	// print; the binder names what it left out.
	require.Equal(t, []bool{true, false, false, true}, eval[[]bool](t, ctx, `[...document.querySelectorAll("#forms input.pick")].map((c) => c.checked)`))
	require.Equal(t, []bool{false, true, true, false}, eval[[]bool](t, ctx, `[...document.querySelectorAll("#forms input.pick")].map((c) => c.disabled)`))
	require.False(t, eval[bool](t, ctx, `document.getElementById("btn-binder").disabled`))
	require.Contains(t, eval[string](t, ctx, `document.getElementById("picked").textContent`), "已选 2 张表（共 4 张）")
	formPages := eval[[]int](t, ctx, `[...document.querySelectorAll("#forms tbody tr[data-form] td:nth-child(5)")].map((td) => Number(td.textContent))`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#btn-binder"))))
	name, pdf := dl.next(t, ctx)
	require.Equal(t, "2024年绩效目标表装订本.pdf", name)
	require.Equal(t, 2+formPages[0]+formPages[3], pdfPages(t, pdf), "cover, contents and forms 1 and 4")
	waitFor(t, ctx, `!document.getElementById("skipped").hidden`)
	skipped := eval[string](t, ctx, `document.getElementById("skipped").textContent`)
	require.Contains(t, skipped, "未打印")
	require.Contains(t, skipped, "、3 就业见习补贴", "joined by the catalogue's 、")
	// Form 4 unticked: the ZIP holds form 1 only.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="4"] input.pick`))))
	require.Contains(t, eval[string](t, ctx, `document.getElementById("picked").textContent`), "已选 1 张表")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#btn-zip"))))
	_, data := dl.next(t, ctx)
	require.Equal(t, 1, strings.Count(string(data), ".pdf")/2, "one entry (named in its header and in the directory)")

	// Item 4: a single form with the signature block.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#opt-signature"))))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="1"] .actions button:nth-of-type(2)`))))
	name, pdf = dl.next(t, ctx)
	require.Equal(t, "企业退休人员体检费.pdf", name)
	require.Contains(t, pdfText(t, pdf), "单位负责人（签字）")
	require.Contains(t, eval[string](t, ctx, `document.getElementById("binder-options").textContent`), "签字栏和纸张用于所有下载")

	// Item 1: the corrected workbook, of the same name, replaces the first.
	fixed := correctedWorkbook(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{fixed})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 4 && document.querySelectorAll("#forms tr.has-error").length === 0`)
	require.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll("#file-list li").length`))
	require.Contains(t, eval[string](t, ctx, `document.getElementById("file-note").textContent`), "2024年绩效目标表.xlsx：已替换为刚选择的同名文件")
	require.Contains(t, eval[string](t, ctx, `document.getElementById("picked").textContent`), "已选 4 张表")

	// Item 5: a form of 2025 beside the 2024 book is told, as the binder
	// tells it, and can still be printed.
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	f := book.Forms[9]
	f.Year = 2025
	js, err := json.Marshal(f)
	require.NoError(t, err)
	other := filepath.Join(t.TempDir(), "f2025.json")
	require.NoError(t, os.WriteFile(other, js, 0o644))
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{other})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 5`)
	row := eval[string](t, ctx, `document.querySelector('#forms tr[data-form="5"] + tr.problem-row').textContent`)
	require.Contains(t, row, "提示")
	require.Contains(t, row, "2025")
	require.Contains(t, row, "2024")
	require.Equal(t, "请核对", eval[string](t, ctx, `document.querySelector('#forms tr[data-form="5"] .badge').textContent`))

	mu.Lock()
	defer mu.Unlock()
	require.Empty(t, failed, "no request fails (favicon)")
}

// correctedWorkbook is clerkWorkbook with its mistakes fixed, of the same
// name, in another directory.
func correctedWorkbook(t *testing.T) string {
	t.Helper()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Forms = book.Forms[:4]
	var buf bytes.Buffer
	require.NoError(t, xlsx.Export(&buf, book))
	path := filepath.Join(t.TempDir(), "2024年绩效目标表.xlsx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// pdfText is a PDF's text as pdftotext gives it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool := golden.Tool(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "x.pdf")
	require.NoError(t, os.WriteFile(f, pdf, 0o644))
	out, err := exec.Command(tool, f, "-").Output()
	require.NoError(t, err)
	return string(out)
}
