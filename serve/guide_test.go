package serve

import (
	"bytes"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"jixiao/model"
	"jixiao/model/xlsx"
)

var guideDir = flag.String("guide", "", "write the screenshots of docs/使用说明.md, one a step, to `DIR` (guide-1.png … guide-4.png)")

// clerkWorkbook is a year's workbook as a clerk brings it: four projects,
// one with its 项目名称 left empty and one with a wrong 二级.
func clerkWorkbook(t *testing.T) string {
	t.Helper()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Forms = book.Forms[:4]
	book.Forms[1].Project = ""
	book.Forms[2].Indicators[2].Level2 = "组织目标"
	var buf bytes.Buffer
	require.NoError(t, xlsx.Export(&buf, book))
	// A sheet of the clerk's own notes, which is no form.
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.NewSheet("备注")
	require.NoError(t, err)
	require.NoError(t, f.SetCellStr("备注", "A1", "第 2、3 张表待财务科核对"))
	path := filepath.Join(t.TempDir(), "2024年绩效目标表.xlsx")
	require.NoError(t, f.SaveAs(path))
	return path
}

// TestGuideScreenshots takes the pictures of the guide, docs/使用说明.md,
// with the page driven as the guide tells it (go test ./serve -run
// TestGuideScreenshots -guide /tmp/guide; then make each a palette PNG:
// convert IN -strip -colors 256 PNG8:docs/guide-N.png). Without -guide it
// drives the same steps and checks that each has what its picture shows.
func TestGuideScreenshots(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	shoot := func(name, sel string) {
		if *guideDir == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(*guideDir, name), png, 0o644))
	}
	require.NoError(t, chromedp.Do(ctx,
		chromedp.EmulateViewport(1100, 900),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#drop"))))
	shoot("guide-1.png", "#step-files")

	// Step 2: the workbook's four forms, two with errors named by cell.
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{clerkWorkbook(t)})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 4`)
	require.Equal(t, 2, eval[int](t, ctx, `document.querySelectorAll("#forms tr.has-error").length`))
	// The sheet of notes is a 提示 of a file that was read: not in the box
	// of files that cannot be read (issue 19, item 2).
	require.True(t, eval[bool](t, ctx, `document.getElementById("file-problems").hidden`), "no file is unreadable")
	require.Contains(t, eval[string](t, ctx, `document.getElementById("book-problems").textContent`), "备注")
	shoot("guide-2.png", "#step-check")

	// Step 3: the pages of form 1.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="1"] .actions button`))))
	waitFor(t, ctx, `document.querySelectorAll("#thumbs img").length > 0 && [...document.querySelectorAll("#thumbs img")].every((i) => i.complete && i.naturalWidth > 0)`)
	shoot("guide-3.png", "#step-preview")

	// Step 4: the downloads and their options.
	shoot("guide-4.png", "#step-download")
}
