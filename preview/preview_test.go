package preview

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

func defaultSet(tb testing.TB) *fonts.Set {
	tb.Helper()
	fs, err := fonts.DefaultSet()
	if err != nil {
		tb.Fatal(err)
	}
	return fs
}

var exampleBook = sync.OnceValues(func() (*model.Book, error) { return model.ReadFile("../examples/jiangyin-2024.json") })

// formDoc lays out example form n (from 1).
func formDoc(tb testing.TB, n int) *layout.Document {
	tb.Helper()
	b, err := exampleBook()
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := layout.Form(&b.Forms[n-1], defaultSet(tb), layout.DefaultOptions())
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// binderFront lays out the binder of the example book and returns its
// pages before the first form: the cover and the contents.
func binderFront(tb testing.TB) []*layout.Page {
	tb.Helper()
	b, err := exampleBook()
	if err != nil {
		tb.Fatal(err)
	}
	bl, err := binder.Plan(b, defaultSet(tb), binder.Options{Layout: layout.DefaultOptions()})
	if err != nil {
		tb.Fatal(err)
	}
	var front []*layout.Page
	if err := bl.Front(func(p *layout.Page) error {
		front = append(front, p)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return front
}

// samplePage holds every kind of item render draws: text of both roles,
// justified text, characters above U+FFFF that the body font has (𬘬 𡐓),
// a character no font has, rules of two widths (one slanted), and a grey
// fill.
func samplePage() *layout.Page {
	pt := layout.Pt
	return &layout.Page{Width: 400 * pt, Height: 300 * pt, Items: []layout.Item{
		{Kind: layout.Fill, X: 40 * pt, Y: 40 * pt, W: 320 * pt, H: 30 * pt, Gray: 200},
		{Kind: layout.Text, X: 50 * pt, Y: 62 * pt, Role: layout.Title, Size: 18 * pt, Text: "市级财政项目支出预算"},
		{Kind: layout.Text, X: 50 * pt, Y: 100 * pt, Role: layout.Body, Size: 10500, Text: "项目概述：促进就业（SYB≥80%）𬘬𡐓。"},
		{Kind: layout.Text, X: 50 * pt, Y: 120 * pt, Role: layout.Body, Size: 10500, Spacing: 1800, Text: "两端对齐的一行文字"},
		{Kind: layout.Text, X: 50 * pt, Y: 140 * pt, Role: layout.Body, Size: 10500, Text: "缺\uE000字"},
		{Kind: layout.Rule, X: 40 * pt, Y: 160 * pt, X2: 360 * pt, Y2: 160 * pt, Stroke: 500},
		{Kind: layout.Rule, X: 40 * pt, Y: 180 * pt, X2: 360 * pt, Y2: 180 * pt, Stroke: 1000},
		{Kind: layout.Rule, X: 200 * pt, Y: 160 * pt, X2: 200 * pt, Y2: 260 * pt, Stroke: 1000},
		{Kind: layout.Rule, X: 40 * pt, Y: 200 * pt, X2: 150 * pt, Y2: 260 * pt, Stroke: 1000},
		{Kind: layout.Link, X: 40 * pt, Y: 40 * pt, W: 10 * pt, H: 10 * pt, Target: 0},
	}}
}

// ink counts the pixels of img in r darker than mid grey.
func ink(img *image.Gray, r image.Rectangle) int {
	n := 0
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.Pix[y*img.Stride+x] < 128 {
				n++
			}
		}
	}
	return n
}

func TestDrawItems(t *testing.T) {
	fs := defaultSet(t)
	// At 72 dpi a pixel is a point.
	img, err := NewDrawer(fs, Options{DPI: 72, AllowMissing: true}).Draw(samplePage())
	if err != nil {
		t.Fatal(err)
	}
	if img.Rect != image.Rect(0, 0, 400, 300) {
		t.Fatalf("image %v, want 400 × 300", img.Rect)
	}
	at := func(x, y int) uint8 { return img.Pix[y*img.Stride+x] }
	// The 0.5 pt rule at y 160 from x 40 to 360, square caps: one pixel
	// high (pdftoppm's rounding), 39.75 … 360.25 wide: pixels 40 … 359.
	for _, c := range []struct {
		x, y int
		want uint8
	}{
		{100, 160, 0}, {100, 159, 255}, {100, 161, 255}, {40, 160, 0}, {359, 160, 0}, {39, 160, 255}, {360, 160, 255},
		// The 1 pt rule at y 180: 179.5 … 180.5.
		{100, 180, 0}, {100, 179, 255}, {100, 181, 255},
		// The vertical rule at x 200 from y 160 to 260.
		{200, 230, 0}, {199, 230, 255}, {201, 230, 255}, {200, 260, 0}, {200, 262, 255},
		// The fill, grey 200, under the title.
		{45, 45, 200}, {355, 68, 200}, {39, 45, 255}, {45, 71, 255},
		// The link draws nothing; white paper elsewhere.
		{20, 20, 255}, {390, 290, 255},
	} {
		if got := at(c.x, c.y); got != c.want {
			t.Errorf("pixel (%d, %d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
	// The slanted rule passes through its middle, (95, 230).
	if ink(img, image.Rect(94, 229, 97, 232)) == 0 {
		t.Error("the slanted rule is not drawn")
	}
	// Text lies on its line: ink between the top of the em and the
	// descent, none above or below.
	for _, line := range []struct{ y, size, x1 int }{{100, 11, 220}, {120, 11, 300}, {140, 11, 90}} {
		if n := ink(img, image.Rect(48, line.y-line.size, line.x1, line.y+3)); n < 30 {
			t.Errorf("line at %d: %d pixels of ink", line.y, n)
		}
	}
	if n := ink(img, image.Rect(41, 72, 199, 90)) + ink(img, image.Rect(41, 104, 199, 108)); n != 0 {
		t.Errorf("%d pixels of ink between the lines", n)
	}
	// The justified line ends where layout says: 9 characters of 10.5 pt
	// and 8 spaces of 1.8 pt after 50 pt: 50 + 94.5 + 14.4 = 158.9.
	if ink(img, image.Rect(150, 110, 159, 122)) == 0 || ink(img, image.Rect(160, 105, 200, 125)) != 0 {
		t.Error("the justified line does not end at 158.9 pt")
	}
	// The character no font has is a box: its outline has ink, its middle
	// none. 缺 ends at 60.5 pt; the box of a narrow character is 5.25 pt
	// wide, its outline 61.0 … 65.2 pt across, 131.8 … 141.1 pt down.
	if ink(img, image.Rect(61, 132, 66, 133)) < 4 || ink(img, image.Rect(62, 134, 64, 140)) != 0 {
		t.Error("no box for the missing character")
	}
}

func TestDrawErrors(t *testing.T) {
	fs := defaultSet(t)
	pg := func(items ...layout.Item) *layout.Page {
		return &layout.Page{Width: 100 * layout.Pt, Height: 100 * layout.Pt, Items: items}
	}
	text := func(s string) layout.Item {
		return layout.Item{Kind: layout.Text, X: 10 * layout.Pt, Y: 50 * layout.Pt, Size: 10 * layout.Pt, Text: s}
	}
	for _, c := range []struct {
		name string
		d    *Drawer
		page *layout.Page
		want string
	}{
		{"no font set", NewDrawer(nil, Options{}), pg(), "no font set"},
		{"no size", NewDrawer(fs, Options{}), &layout.Page{}, "no size"},
		{"negative resolution", NewDrawer(fs, Options{DPI: -5}), pg(), "resolution -5 dpi"},
		{"too many pixels", NewDrawer(fs, Options{DPI: 30000}), pg(), "at most 100 million"},
		{"missing character", NewDrawer(fs, Options{}), pg(text("缺\uE000")), "no font draws U+E000"},
		{"control character", NewDrawer(fs, Options{}), pg(text("a\x01")), "no font draws U+0001"},
		{"invalid UTF-8", NewDrawer(fs, Options{}), pg(text("\xff")), "not valid UTF-8"},
		{"text without size", NewDrawer(fs, Options{}), pg(layout.Item{Kind: layout.Text, Text: "字"}), "has no size"},
	} {
		img, err := c.d.Draw(c.page)
		if err == nil || !strings.Contains(err.Error(), c.want) || img != nil {
			t.Errorf("%s: %v, %v; want an error with %q", c.name, img != nil, err, c.want)
		}
	}
}

// TestDrawDeterministic: a page drawn by a fresh Drawer, again, and by one
// that drew other pages first (its caches full) is the same to the pixel.
func TestDrawDeterministic(t *testing.T) {
	fs := defaultSet(t)
	doc := formDoc(t, 2)
	first, err := Page(doc.Pages[0], fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := NewDrawer(fs, Options{})
	for _, p := range []int{1, 2, 0} {
		img, err := d.Draw(doc.Pages[p])
		if err != nil {
			t.Fatal(err)
		}
		if p == 0 && !bytes.Equal(img.Pix, first.Pix) {
			t.Fatal("page 1 drawn after pages 2 and 3 differs from page 1 drawn first")
		}
	}
	var a, b bytes.Buffer
	if err := EncodePNG(&a, first); err != nil {
		t.Fatal(err)
	}
	again, _ := Page(doc.Pages[0], fs, Options{})
	if err := EncodePNG(&b, again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two PNGs of the same page differ")
	}
	dec, err := png.Decode(&a)
	if err != nil || dec.Bounds() != first.Rect {
		t.Fatalf("the PNG decodes to %v (%v)", dec.Bounds(), err)
	}
}

// goldenDPI is the resolution of the golden previews: small files in which
// every line and rule still stands apart.
const goldenDPI = 50

// goldenTol is how far a preview may stray from its golden: a difference of
// grey at a few pixels, as floating point may round differently on another
// machine, and nothing moved.
var goldenTol = golden.Tolerance{Pixel: 32, Max: 0.0001, Cluster: 4}

// previewPages are the pages with golden previews: the first page and a
// continuation page of three forms, the binder's cover and contents, and
// the sample page with every kind of item.
func previewPages(t testing.TB) []struct {
	name string
	page *layout.Page
} {
	var out []struct {
		name string
		page *layout.Page
	}
	add := func(name string, p *layout.Page) {
		out = append(out, struct {
			name string
			page *layout.Page
		}{name, p})
	}
	for _, c := range []struct{ form, page int }{{2, 1}, {2, 2}, {4, 1}, {4, 3}, {9, 1}, {9, 2}} {
		add(fmt.Sprintf("form-%02d-p%d", c.form, c.page), formDoc(t, c.form).Pages[c.page-1])
	}
	front := binderFront(t)
	add("binder-p1", front[0])
	add("binder-p2", front[1])
	add("sample", samplePage())
	return out
}

func TestGoldenPreviews(t *testing.T) {
	fs := defaultSet(t)
	d := NewDrawer(fs, Options{DPI: goldenDPI, AllowMissing: true})
	for _, p := range previewPages(t) {
		img, err := d.Draw(p.page)
		if err != nil {
			t.Fatal(err)
		}
		golden.AssertImage(t, "preview/"+p.name+".png", img, goldenTol)
	}
}

// pdfTol is how far a preview may stray from pdftoppm's image of the PDF
// page at the same resolution. The two rasterisers differ at single
// pixels (rounding an edge to the next pixel, the grey of a glyph's edge);
// a character missing or moved by two pixels, or a rule out of place, is a
// group of pixels larger than Cluster (TestCrossCheckSeesFaults).
var pdfTol = golden.Tolerance{Shift: 1, Pixel: 64, Max: 0.0002, Cluster: 10}

// pdfDPI is the resolution of the cross-check.
const pdfDPI = 100

// rasterise draws doc as a PDF and returns pdftoppm's grey image of each
// page. pdftoppm takes about 0.4 s a page: two of them share the pages.
func rasterise(t *testing.T, doc *layout.Document, dpi int) []image.Image {
	t.Helper()
	tool := golden.Tool(t, "pdftoppm")
	pdf, err := render.Bytes(doc, defaultSet(t), render.Options{Creator: "jixiao test", AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	n := len(doc.Pages)
	half := (n + 1) / 2
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for k, r := range [][2]int{{1, half}, {half + 1, n}} {
		if r[0] > r[1] {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := exec.Command(tool, "-gray", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(r[0]), "-l", strconv.Itoa(r[1]),
				"-png", in, filepath.Join(dir, "p")).CombinedOutput()
			if err != nil {
				errs[k] = fmt.Errorf("pdftoppm: %v: %s", err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	imgs := make([]image.Image, n)
	for i := range imgs {
		name := fmt.Sprintf("p-%0*d.png", len(strconv.Itoa(n)), i+1)
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		imgs[i], err = png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return imgs
}

// pdfPages holds pdftoppm's images of previewPages, made once for the
// tests that need them.
var pdfPages struct {
	sync.Mutex
	imgs []image.Image
}

// rasterisedPages returns pdftoppm's images of previewPages at pdfDPI,
// drawn from one PDF of all of them. Links (which draw nothing) are left
// out, as their targets are not in it.
func rasterisedPages(t *testing.T) []image.Image {
	t.Helper()
	pdfPages.Lock()
	defer pdfPages.Unlock()
	if pdfPages.imgs == nil {
		doc := &layout.Document{Meta: layout.Meta{Year: 2024}}
		for _, p := range previewPages(t) {
			pg := *p.page
			pg.Items = nil
			for _, it := range p.page.Items {
				if it.Kind != layout.Link {
					pg.Items = append(pg.Items, it)
				}
			}
			doc.Pages = append(doc.Pages, &pg)
		}
		pdfPages.imgs = rasterise(t, doc, pdfDPI)
	}
	return pdfPages.imgs
}

// TestMatchesPDF rasterises the PDF of each golden page with pdftoppm and
// compares it with the preview of the same page: a renderer that drew
// something other than what layout decided (or a preview that did) fails
// here.
func TestMatchesPDF(t *testing.T) {
	want := rasterisedPages(t)
	d := NewDrawer(defaultSet(t), Options{DPI: pdfDPI, AllowMissing: true})
	for i, p := range previewPages(t) {
		got, err := d.Draw(p.page)
		if err != nil {
			t.Fatal(err)
		}
		diff := golden.AssertSameImage(t, "preview/"+p.name+".png", "pdftoppm", "preview", want[i], got, pdfTol)
		t.Logf("%s: %s", p.name, diff)
	}
}

// TestCrossCheckSeesFaults: the comparison with pdftoppm is not blind. A
// page drawn with one character left out, a line of text moved by 1.5 pt
// (two pixels), a row's text moved down 1.5 pt, or a rule left out, is
// out of tolerance.
func TestCrossCheckSeesFaults(t *testing.T) {
	fs := defaultSet(t)
	doc := formDoc(t, 2)
	want := rasterisedPages(t)[0] // form-02-p1
	find := func(items []layout.Item, kind layout.Kind, field string) int {
		for i, it := range items {
			if it.Kind == kind && (field == "" || it.Field == field) {
				return i
			}
		}
		t.Fatalf("no item %v %q", kind, field)
		return -1
	}
	faults := map[string]func(items []layout.Item){
		"a character left out": func(items []layout.Item) {
			i := find(items, layout.Text, "label")
			r := []rune(items[i].Text)
			items[i].Text = string(r[:len(r)-1])
		},
		"a run moved right": func(items []layout.Item) { items[find(items, layout.Text, "unit")].X += 1500 },
		"a run moved down":  func(items []layout.Item) { items[find(items, layout.Text, "project")].Y += 1500 },
		"a rule left out": func(items []layout.Item) {
			i := find(items, layout.Rule, "")
			items[i].X2 = items[i].X
			items[i].Y2 = items[i].Y
			items[i].Stroke = 0
		},
	}
	good, err := Page(doc.Pages[0], fs, Options{DPI: pdfDPI})
	if err != nil {
		t.Fatal(err)
	}
	if d := golden.CompareImages(want, good, pdfTol); !d.OK() {
		t.Fatalf("the page as laid out: %s", d)
	}
	for name, fault := range faults {
		pg := *doc.Pages[0]
		pg.Items = append([]layout.Item(nil), pg.Items...)
		fault(pg.Items)
		got, err := Page(&pg, fs, Options{DPI: pdfDPI})
		if err != nil {
			t.Fatal(err)
		}
		if d := golden.CompareImages(want, got, pdfTol); d.OK() {
			t.Errorf("%s: within tolerance: %s", name, d)
		} else {
			t.Logf("%s: %s", name, d)
		}
	}
}

// BenchmarkPageA4 draws page 1 of example form 2 (创业投资引导资金（促进就业资金）,
// a full A4 page) at 100 dpi with a new Drawer each time, as a thumbnail of
// an upload is drawn: every glyph is read and rasterised.
func BenchmarkPageA4(b *testing.B) {
	fs := defaultSet(b)
	pg := formDoc(b, 2).Pages[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewDrawer(fs, Options{DPI: 100}).Draw(pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageA4Warm draws the same page with a Drawer that has drawn it
// before, as the later pages of a document are drawn.
func BenchmarkPageA4Warm(b *testing.B) {
	fs := defaultSet(b)
	pg := formDoc(b, 2).Pages[0]
	d := NewDrawer(fs, Options{DPI: 100})
	if _, err := d.Draw(pg); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Draw(pg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageA4PNG draws the page with a new Drawer and encodes the PNG.
func BenchmarkPageA4PNG(b *testing.B) {
	fs := defaultSet(b)
	pg := formDoc(b, 2).Pages[0]
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		img, err := NewDrawer(fs, Options{DPI: 100}).Draw(pg)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := EncodePNG(&buf, img); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/png")
}

// TestDrawersShareFonts: Drawers on many goroutines share one font set (run
// with -race) and draw the same pixels.
func TestDrawersShareFonts(t *testing.T) {
	fs := defaultSet(t)
	pg := formDoc(t, 4).Pages[0]
	want, err := Page(pg, fs, Options{DPI: 40})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	imgs := make([]*image.Gray, 4)
	for k := range imgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			imgs[k], _ = Page(pg, fs, Options{DPI: 40})
		}()
	}
	wg.Wait()
	for k, img := range imgs {
		if img == nil || !bytes.Equal(img.Pix, want.Pix) {
			t.Errorf("goroutine %d drew another page", k)
		}
	}
}
