package ofd

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

// The reader: ofd.js 0.2.6 from npm (Apache-2.0, nobody here wrote it),
// installed by testdata/install-ofdjs into testdata/ofdjs (.ci/run runs
// it). It draws each page as SVG in the browser: every character a <text>
// element at the position its TextCode gives, paths as <path>. It names
// fonts by their FontName and does not load the embedded font files
// itself, so the test page declares each embedded font of the package
// (@font-face, the package's own bytes) under that name, as a reader with
// embedded-font support would use it.
const ofdjs = "testdata/ofdjs/ofd.umd.min.js"

// readerDPI is the resolution of the comparison: ofd.js draws 5 pixels
// per millimetre (its largest scale), 127 dots per inch.
const (
	readerScale = 5
	readerDPI   = 127
)

// readerTol is how far ofd.js's page may stray from pdftoppm's image of
// the PDF at the same resolution. The two draw the same glyphs from the
// same font at the same positions but rasterise them differently
// (Chromium's Skia and poppler's Splash disagree on antialiased edges and
// on the hinting of small text), and ofd.js draws rule ends with butt caps
// (it hands Cap="Square" to SVG unchanged, where only "square" is
// understood), so rules end up to half a line width (0.5 pt, 0.9 pixel)
// short, and draws thin rules antialiased over two pixels of grey where
// pdftoppm draws one black pixel (hence Pixel). On the pages below at most
// 0.008 % of the pixels are out of tolerance and the largest group of
// them is 20 pixels; a character or a rule missing or moved by two pixels
// (0.4 mm) or more is a larger group (TestReaderSeesFaults). The light
// grey watermark is below Pixel: sameInk compares it.
var readerTol = golden.Tolerance{Shift: 1, Pixel: 160, Max: 0.0005, Cluster: 30}

// sameInk returns the smaller of the shares of the pixels darker than 245
// (the watermark, text and rules alike) in one image that have such a
// pixel within one pixel in the other: 1 for the same picture. The pages
// below reach 0.99; a watermark missing or out of place gives less than
// 0.8 (TestReaderSeesFaults).
func sameInk(a, b *image.Gray) float64 {
	share := func(a, b *image.Gray) float64 {
		w, h := a.Rect.Dx(), a.Rect.Dy()
		ink, near := 0, 0
		for y := range h {
			for x := range w {
				if a.Pix[y*a.Stride+x] >= 245 {
					continue
				}
				ink++
			found:
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						if xx, yy := x+dx, y+dy; xx >= 0 && yy >= 0 && xx < w && yy < h && b.Pix[yy*b.Stride+xx] < 245 {
							near++
							break found
						}
					}
				}
			}
		}
		return float64(near) / float64(max(ink, 1))
	}
	return min(share(a, b), share(b, a))
}

func readerFile(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(ofdjs)
	if err != nil {
		if os.Getenv(golden.RequireToolsEnv) == "1" {
			t.Fatalf("%s is required (%s=1): run ofd/testdata/install-ofdjs: %v", ofdjs, golden.RequireToolsEnv, err)
		}
		t.Skipf("%s is not installed (run ofd/testdata/install-ofdjs; set %s=1 to make this a failure)", ofdjs, golden.RequireToolsEnv)
	}
	return b
}

// readerPages has ofd.js draw an OFD package in headless Chromium and
// returns a screenshot of each page and the text of its <text> elements.
func readerPages(t *testing.T, reader, doc []byte) ([]image.Image, []string) {
	t.Helper()
	exe := golden.Tool(t, "chromium")
	p := readPackage(t, doc)
	// The package's embedded fonts, under the names its text objects use.
	var faces strings.Builder
	fontFiles := map[string][]byte{}
	p.document.all("PublicRes", func(e *element) {
		resPath := path.Join("Doc_0", strings.TrimSpace(e.text))
		res := parsePart(t, resPath, p.files[resPath])
		res.all("Font", func(f *element) {
			file := path.Join(path.Dir(resPath), res.attr["BaseLoc"], strings.TrimSpace(f.first("FontFile").text))
			fontFiles["/font/"+f.attr["ID"]] = p.files[file]
			fmt.Fprintf(&faces, "@font-face { font-family: %q; src: url(/font/%s); }\n", f.attr["FontName"], f.attr["ID"])
		})
	})
	page := `<!doctype html><meta charset="utf-8"><style>html, body { margin: 0; background: white } #out > div { margin: 0 !important }
` + faces.String() + `</style><script src="/ofd.js"></script><div id="out"></div><script>
window.result = null;
fetch("/doc.ofd").then(r => r.arrayBuffer()).then(buf => ofd.parseOfdDocument({
	ofd: buf,
	success: async res => {
		try {
			const divs = ofd.renderOfd(10 + 210 * ` + fmt.Sprint(readerScale) + `, res[0]);
			for (const d of divs) document.getElementById("out").appendChild(d);
			await Promise.all([...document.fonts].map(f => f.load()));
			await document.fonts.ready;
			window.result = {pages: divs.length, texts: divs.map(d => [...d.querySelectorAll("text")].map(x => x.textContent).join(""))};
		} catch (e) { window.result = {error: String(e)}; }
	},
	fail: e => { window.result = {error: String(e)}; },
})).catch(e => { window.result = {error: String(e)}; });
</script>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		case "/ofd.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(reader)
		case "/doc.ofd":
			w.Write(doc)
		default:
			if b, ok := fontFiles[r.URL.Path]; ok {
				w.Header().Set("Content-Type", "font/ttf")
				w.Write(b)
				return
			}
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTime()

	type readResult struct {
		Pages int
		Texts []string
		Error string
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, 1600), chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	result, err := chromedp.Run(ctx, chromedp.Poll[readResult](`window.result`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second)))
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if result.Error != "" {
		t.Fatalf("ofd.js: %s", result.Error)
	}
	var imgs []image.Image
	for i := range result.Pages {
		shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(fmt.Sprintf("#out > div:nth-child(%d)", i+1))))
		if err != nil {
			t.Fatalf("screenshot of page %d: %v", i+1, err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		imgs = append(imgs, img)
	}
	return imgs, result.Texts
}

// pdfPages draws doc as a PDF and returns pdftoppm's grey image of each
// page at dpi.
func pdfPages(t *testing.T, doc *layout.Document, opt render.Options, dpi int) []image.Image {
	t.Helper()
	tool := golden.Tool(t, "pdftoppm")
	pdf, err := render.Bytes(doc, defaultSet(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-r", fmt.Sprint(dpi), "-gray", "-png", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	var imgs []image.Image
	for i := range doc.Pages {
		name := filepath.Join(dir, fmt.Sprintf("p-%d.png", i+1))
		if len(doc.Pages) >= 10 {
			name = filepath.Join(dir, fmt.Sprintf("p-%02d.png", i+1))
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		imgs = append(imgs, img)
	}
	return imgs
}

// crop returns img's top left w × h pixels in grey. Both rasterisers give
// 1051 × 1486 pixels for layout's A4 (210.0001 × 297.0001 mm, 1050.0005 ×
// 1485.0005 pixels): the last column and row hold a sliver of the page in
// pdftoppm's image and nothing (transparent) in Chromium's, so both are
// compared without them.
func crop(img image.Image, w, h int) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, w, h))
	g := golden.Gray(img)
	for y := range h {
		for x := range w {
			out.Pix[y*out.Stride+x] = g.GrayAt(g.Rect.Min.X+x, g.Rect.Min.Y+y).Y
		}
	}
	return out
}

// textShift finds, for each text of page pg, the offset (dx, dy) of at
// most 3 pixels each way that best lays the reader's image of the text on
// the PDF's (the least sum of differences of grey over the text's box and
// 4 pixels around it, the rules whitened in both: Chromium draws a thin
// rule as two grey pixels where pdftoppm draws one black one). It returns
// the largest |dx| or |dy| over the texts, and the text: 0 or 1 for a page
// drawn in place, 2 or more for a text 0.4 mm off (TestReaderSeesFaults).
// A text whose ink is missing from one image (less than half the other's)
// counts as 99.
func textShift(a, b *image.Gray, pg *layout.Page) (int, string) {
	px := func(l layout.Length) int { return int(float64(l) * readerDPI / 72000) }
	a, b = crop(a, a.Rect.Dx(), a.Rect.Dy()), crop(b, b.Rect.Dx(), b.Rect.Dy())
	for i := range a.Pix {
		// Light grey (the watermark) is not text.
		if a.Pix[i] >= 160 {
			a.Pix[i] = 255
		}
		if b.Pix[i] >= 160 {
			b.Pix[i] = 255
		}
	}
	for _, it := range pg.Items {
		if it.Kind != layout.Rule {
			continue
		}
		r := image.Rect(px(min(it.X, it.X2))-3, px(min(it.Y, it.Y2))-3, px(max(it.X, it.X2))+4, px(max(it.Y, it.Y2))+4).Intersect(a.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				a.Pix[y*a.Stride+x], b.Pix[y*b.Stride+x] = 255, 255
			}
		}
	}
	const m = 3 // largest offset tried
	worst, where := 0, ""
	for _, it := range pg.Items {
		if it.Kind != layout.Text || strings.TrimSpace(it.Text) == "" {
			continue
		}
		r := image.Rect(px(it.X)-4, px(it.Y-it.Size)-4, px(it.X+it.W)+5, px(it.Y+it.Size*3/10)+5).Intersect(a.Rect.Inset(m))
		var inkA, inkB int
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				inkA += 255 - int(a.Pix[y*a.Stride+x])
				inkB += 255 - int(b.Pix[y*b.Stride+x])
			}
		}
		off := 0
		if inkA < inkB/2 || inkB < inkA/2 {
			off = 99
		} else {
			best, bx, by := -1, 0, 0
			for dy := -m; dy <= m; dy++ {
				for dx := -m; dx <= m; dx++ {
					sum := 0
					for y := r.Min.Y; y < r.Max.Y; y++ {
						for x := r.Min.X; x < r.Max.X; x++ {
							d := int(a.Pix[y*a.Stride+x]) - int(b.Pix[(y+dy)*b.Stride+x+dx])
							sum += max(d, -d)
						}
					}
					if best < 0 || sum < best {
						best, bx, by = sum, dx, dy
					}
				}
			}
			off = max(bx, -bx, by, -by)
		}
		if off > worst {
			worst, where = off, it.Text
		}
	}
	return worst, where
}

// blank whitens the em box of glyph g (and a pixel around it).
func blank(img *image.Gray, g glyphAt) {
	px := func(mm float64) int { return int(mm * readerScale) }
	r := image.Rect(px(g.x)-1, px(g.y-g.size), px(g.x+g.size)+2, px(g.y+g.size*0.3)+2).Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.Pix[y*img.Stride+x] = 255
		}
	}
}

// TestReader has ofd.js draw example form 4 with the draft watermark, and
// the form of testdata/supplementary.json (characters above U+FFFF), and
// compares each page with pdftoppm's image of the PDF of the same pages at
// the same resolution (readerTol), and the text ofd.js draws with the
// text layout placed.
func TestReader(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	reader := readerFile(t)
	fs := defaultSet(t)
	supp, err := model.ReadFile("../testdata/supplementary.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		doc       *layout.Document
		watermark string
	}{
		{"form-04", formDocument(t, exampleForms(t), 3), render.DraftWatermark},
		{"supplementary", formDocument(t, supp.Forms, 0), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, err := Bytes(c.doc, fs, Options{Creator: "jixiao test", Watermark: c.watermark})
			if err != nil {
				t.Fatal(err)
			}
			imgs, texts := readerPages(t, reader, out)
			want := pdfPages(t, c.doc, render.Options{Creator: "jixiao test", Watermark: c.watermark}, readerDPI)
			if len(imgs) != len(want) {
				t.Fatalf("ofd.js drew %d pages, the PDF has %d", len(imgs), len(want))
			}
			for i := range want {
				var ws strings.Builder
				w, h := int(float64(c.doc.Pages[i].Width)*readerDPI/72000), int(float64(c.doc.Pages[i].Height)*readerDPI/72000)
				pdfImg, ofdImg := crop(want[i], w, h), crop(imgs[i], w, h)
				for _, g := range wantGlyphs(t, fs, c.doc.Pages[i]) {
					ws.WriteRune(g.r)
					if g.r > 0xFFFF {
						// ofd.js splits text into UTF-16 code units and
						// draws a character above U+FFFF as two replacement
						// glyphs: its place is left out of the comparison
						// (its text is read back below, and the embedded
						// font's map of it is checked in TestSample).
						blank(pdfImg, g)
						blank(ofdImg, g)
					}
				}
				if texts[i] != ws.String() {
					t.Errorf("page %d: ofd.js reads\n%q\nwant\n%q", i+1, texts[i], ws.String())
				}
				d := golden.AssertSameImage(t, fmt.Sprintf("ofd/reader/%s-p%d.png", c.name, i+1), "pdftoppm", "ofdjs", pdfImg, ofdImg, readerTol)
				t.Logf("page %d: %s", i+1, d)
				shift, g := textShift(pdfImg, ofdImg, c.doc.Pages[i])
				t.Logf("page %d: texts within %d pixel of their place in the PDF's image (%q)", i+1, shift, g)
				if shift > 1 {
					t.Errorf("page %d: %q is %d pixels from its place in the PDF's image", i+1, g, shift)
				}
				ink := sameInk(pdfImg, ofdImg)
				t.Logf("page %d: %.3f of the ink in both", i+1, ink)
				if ink < 0.97 {
					t.Errorf("page %d: only %.3f of the ink (watermark included) in both images", i+1, ink)
				}
			}
		})
	}
}

// TestReaderSeesFaults: the comparison of TestReader finds a text moved
// by two pixels (0.4 mm), a rule left out, a text left out, and a
// watermark left out.
func TestReaderSeesFaults(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	reader := readerFile(t)
	fs := defaultSet(t)
	good := formDocument(t, exampleForms(t), 3)
	bad := formDocument(t, exampleForms(t), 3)
	find := func(pg *layout.Page, kind layout.Kind) int {
		for i, it := range pg.Items {
			if it.Kind == kind && (kind != layout.Text || it.Role == layout.Body && len([]rune(it.Text)) > 4) {
				return i
			}
		}
		t.Fatal("no item to spoil")
		return 0
	}
	p1, p2, p3 := bad.Pages[0], bad.Pages[1], bad.Pages[2]
	p1.Items[find(p1, layout.Text)].X += layout.Millimetres(0.4)
	k := find(p2, layout.Rule)
	p2.Items = append(p2.Items[:k], p2.Items[k+1:]...)
	k = find(p3, layout.Text)
	p3.Items = append(p3.Items[:k], p3.Items[k+1:]...)
	out, err := Bytes(bad, fs, Options{}) // and no watermark
	if err != nil {
		t.Fatal(err)
	}
	imgs, _ := readerPages(t, reader, out)
	want := pdfPages(t, good, render.Options{}, readerDPI)
	marked := pdfPages(t, good, render.Options{Watermark: render.DraftWatermark}, readerDPI)
	for i := range want {
		w, h := int(float64(good.Pages[i].Width)*readerDPI/72000), int(float64(good.Pages[i].Height)*readerDPI/72000)
		a, b := crop(want[i], w, h), crop(imgs[i], w, h)
		d := golden.CompareImages(a, b, readerTol)
		shift, g := textShift(a, b, good.Pages[i])
		if d.OK() && shift <= 1 {
			t.Errorf("page %d: the fault is not seen: %s; texts within %d pixel", i+1, d, shift)
		} else {
			t.Logf("page %d: %s; %q %d pixels off", i+1, d, g, shift)
		}
		if ink := sameInk(crop(marked[i], w, h), b); ink >= 0.97 {
			t.Errorf("page %d: the missing watermark is not seen: %.3f of the ink in both", i+1, ink)
		} else {
			t.Logf("page %d: %.3f of the ink in both", i+1, ink)
		}
	}
}
