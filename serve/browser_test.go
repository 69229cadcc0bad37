package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"jixiao/golden"
)

var screenshot = flag.String("screenshot", "", "write a screenshot of the page with the example book checked to `PNG` (for the README)")

// newBrowser starts headless Chromium for a test, in a profile of its own
// that nothing outside the test sees, with its network chatter off.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := golden.Tool(t, "chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	return ctx
}

// downloads records the files the browser saves into dir, by their GUID,
// with the name the page gave each.
type downloads struct {
	dir   string
	mu    sync.Mutex
	names map[string]string // GUID → suggested name
	done  chan string       // GUIDs as they complete
}

func watchDownloads(t *testing.T, ctx context.Context) *downloads {
	d := &downloads{dir: t.TempDir(), names: map[string]string{}, done: make(chan string, 8)}
	require.NoError(t, chromedp.ListenBrowser(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			d.mu.Lock()
			d.names[ev.GUID] = ev.SuggestedFilename
			d.mu.Unlock()
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				d.done <- ev.GUID
			}
		}
	}))
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: d.dir, EventsEnabled: ptr(true),
		})
		return err
	})))
	return d
}

func ptr[T any](v T) *T { return &v }

// next waits for the next download to complete and returns its name and
// content.
func (d *downloads) next(t *testing.T, ctx context.Context) (string, []byte) {
	t.Helper()
	select {
	case guid := <-d.done:
		data, err := os.ReadFile(filepath.Join(d.dir, guid))
		require.NoError(t, err)
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.names[guid], data
	case <-ctx.Done():
		t.Fatal("no download completed:", ctx.Err())
	}
	return "", nil
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, expr)
	return v
}

// waitFor waits until a JavaScript expression is true in the page.
func waitFor(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(90*time.Second)))
	if err != nil {
		// What the page told its user, if anything (a request refused).
		said, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("message").textContent`))
		t.Logf("the page's message line: %q", said)
	}
	require.NoError(t, err, "waiting for %s", expr)
}

// TestBrowser drives the page in headless Chromium as a clerk would: the
// example book dropped in lists its 18 forms; a book with a wrong 二级
// shows the problem in Chinese with where to fix it, and cannot be printed;
// the binder downloaded has the pages the pipeline lays out (34 since the
// printed-form rules; 39 before), the ZIP holds 18 PDFs.
func TestBrowser(t *testing.T) {
	// What the server refuses or fails, shown when the test fails (the
	// viewer's image has timed out now and then: which request failed?).
	var mu sync.Mutex
	var logged []string
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if t.Failed() {
			t.Logf("the server logged:\n%s", strings.Join(logged, "\n"))
		}
	})
	s := newTestServer(t, Options{Log: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(format, args...))
	}})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx := newBrowser(t)
	dl := watchDownloads(t, ctx)
	example, err := filepath.Abs(exampleBook)
	require.NoError(t, err)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#drop")),
	))
	require.Equal(t, "zh-CN", eval[string](t, ctx, `document.documentElement.lang`))
	require.Contains(t, eval[string](t, ctx, `document.title`), "绩效目标表")

	// The example book: 18 forms, none with an error, pages counted.
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{example})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 18`)
	require.Contains(t, eval[string](t, ctx, `document.getElementById("summary").textContent`), "共找到 18 张表")
	require.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("#forms tr.has-error").length`))
	pages := eval[int](t, ctx, `[...document.querySelectorAll("#forms tbody tr[data-form] td:nth-child(5)")].reduce((n, td) => n + Number(td.textContent), 0)`)
	formPages, binderPages := examplePages(t)
	require.Equal(t, sum(formPages), pages, "the pages of the 18 forms as listed")
	require.Equal(t, "企业退休人员体检费", eval[string](t, ctx, `document.querySelector("#forms tbody tr[data-form] td:nth-child(3)").firstChild.textContent`))
	require.False(t, eval[bool](t, ctx, `document.getElementById("btn-binder").disabled`))
	// No English on the page: its words are Chinese (the project names
	// and file names are the user's).
	visible := eval[string](t, ctx, `document.body.innerText`)
	for _, w := range []string{"Download", "Check", "Preview", "Error", "Unit"} {
		require.NotContains(t, visible, w)
	}

	// The binder, as the page downloads it.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#btn-binder"))))
	name, pdf := dl.next(t, ctx)
	require.Equal(t, "2024年绩效目标表装订本.pdf", name)
	require.Equal(t, binderPages, pdfPages(t, pdf))
	waitFor(t, ctx, `document.getElementById("progress-text").textContent.includes("完成")`)

	// The ZIP: 18 PDFs named after their projects.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#btn-zip"))))
	name, data := dl.next(t, ctx)
	require.Equal(t, "2024年绩效目标表.zip", name)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	require.Len(t, zr.File, 18)
	for _, f := range zr.File {
		require.True(t, strings.HasSuffix(f.Name, ".pdf"), f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		head := make([]byte, 5)
		_, err = rc.Read(head)
		rc.Close()
		require.NoError(t, err)
		require.Equal(t, "%PDF-", string(head), f.Name)
	}
	require.Equal(t, "企业退休人员体检费.pdf", zr.File[0].Name)

	// The binder and a form as OFD (GB/T 33190), the same pages.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#btn-binder-ofd"))))
	name, data = dl.next(t, ctx)
	require.Equal(t, "2024年绩效目标表装订本.ofd", name)
	require.Equal(t, binderPages, ofdPages(t, data))
	waitFor(t, ctx, `!document.getElementById("btn-zip-ofd").disabled`)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="2"] .actions button:nth-of-type(3)`))))
	name, data = dl.next(t, ctx)
	require.Equal(t, "创业投资引导资金（促进就业资金）.ofd", name)
	require.Equal(t, formPages[1], ofdPages(t, data))

	// The pages of form 2, as thumbnails, and one large.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="2"] .actions button`))))
	waitFor(t, ctx, fmt.Sprintf(`document.querySelectorAll("#thumbs img:not(.loading)").length === %d`, formPages[1]))
	require.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("#thumbs .thumb-error").length`))
	waitFor(t, ctx, `[...document.querySelectorAll("#thumbs img")].every((i) => i.complete && i.naturalWidth > 0)`)
	require.Contains(t, eval[string](t, ctx, `document.getElementById("preview-title").textContent`), "创业投资引导资金")
	require.GreaterOrEqual(t, formPages[1], 2, "form 2 has a page 2 to open")
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#thumbs figure:nth-child(2)`))))
	waitFor(t, ctx, `document.getElementById("viewer").open && document.getElementById("viewer-img").naturalWidth > 0`)
	require.Greater(t, eval[int](t, ctx, `document.getElementById("viewer-img").naturalWidth`),
		eval[int](t, ctx, `document.querySelector("#thumbs img").naturalWidth`), "the page large")
	require.Contains(t, eval[string](t, ctx, `document.getElementById("viewer-title").textContent`), fmt.Sprintf("第 2 页，共 %d 页", formPages[1]))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#viewer button[value="close"]`))))
	waitFor(t, ctx, `!document.getElementById("viewer").open`)

	// A workbook with a wrong 二级, in place of the example: the problem in
	// Chinese with its sheet and cell, the form marked, nothing printable.
	bad, where := wrongLevel2Workbook(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#file-list button"))))
	waitFor(t, ctx, `document.getElementById("step-check").hidden`)
	require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{bad})))
	waitFor(t, ctx, `document.querySelectorAll("#forms tr.has-error").length === 1`)
	problem := eval[string](t, ctx, `document.querySelector("#forms .problems li.error").textContent`)
	require.Contains(t, problem, "错误")
	require.Contains(t, problem, where)
	require.Contains(t, problem, "二级")
	require.Contains(t, problem, "组织目标")
	require.Contains(t, problem, "不属于一级指标", "told in Chinese: %s", problem)
	require.True(t, eval[bool](t, ctx, `document.getElementById("btn-binder").disabled`))
	require.False(t, eval[bool](t, ctx, `document.getElementById("blocked").hidden`))
	require.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll("#forms tr.has-error .actions button").length - 1`),
		"a form with errors can be previewed, not downloaded")

	if *screenshot != "" {
		// The page as the README shows it: the bad book and the example,
		// the problem, and the pages of form 2.
		require.NoError(t, chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{example})))
		waitFor(t, ctx, `document.querySelectorAll("#forms tbody tr[data-form]").length === 19`)
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#forms tr[data-form="3"] .actions button`))))
		waitFor(t, ctx, fmt.Sprintf(`document.querySelectorAll("#thumbs img:not(.loading)").length === %d`, formPages[1]))
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(*screenshot, shot, 0o644))
	}

	// Files over the server's limit: told on the page, not sent.
	small := httptest.NewServer(newTestServer(t, Options{MaxUpload: 100 << 10}))
	defer small.Close()
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(small.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#drop")),
		chromedp.SetUploadFiles(chromedp.CSS("#file-input"), []string{example}),
	))
	waitFor(t, ctx, `!document.getElementById("message").hidden`)
	require.Contains(t, eval[string](t, ctx, `document.getElementById("message").textContent`), "超过了一次最多可上传的 0.1 MB")
}

// pdfPages counts the pages of a PDF with pdfinfo.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	pdfinfo := golden.Tool(t, "pdfinfo")
	f := filepath.Join(t.TempDir(), "x.pdf")
	require.NoError(t, os.WriteFile(f, pdf, 0o644))
	out, err := exec.Command(pdfinfo, f).Output()
	require.NoError(t, err)
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count:\n%s", out)
	return 0
}
