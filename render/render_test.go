package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/layout"
)

func defaultSet(t testing.TB) *fonts.Set {
	t.Helper()
	fs, err := fonts.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// sample is a small document that uses every kind of item, both roles,
// an outline, a link and page labels.
func sample() *layout.Document {
	a4w, a4h := layout.Millimetres(210), layout.Millimetres(297)
	p1 := &layout.Page{Width: a4w, Height: a4h, Label: "toc 1", Items: []layout.Item{
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 100 * layout.Pt, Role: layout.Title, Size: 18 * layout.Pt, Text: "市级财政项目支出预算绩效目标表"},
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 140 * layout.Pt, Role: layout.Body, Size: 10500, Text: "企业退休人员体检费（4012.8万元）…… 100%"},
		{Kind: layout.Link, X: 72 * layout.Pt, Y: 128 * layout.Pt, W: 300 * layout.Pt, H: 16 * layout.Pt, Target: 1},
	}}
	p2 := &layout.Page{Width: a4w, Height: a4h, Label: "form 1 page 1/1", Items: []layout.Item{
		{Kind: layout.Fill, X: 72 * layout.Pt, Y: 72 * layout.Pt, W: 200 * layout.Pt, H: 20 * layout.Pt, Gray: 230},
		{Kind: layout.Rule, X: 72 * layout.Pt, Y: 72 * layout.Pt, X2: 272 * layout.Pt, Y2: 72 * layout.Pt, Stroke: 1000},
		{Kind: layout.Rule, X: 72 * layout.Pt, Y: 92 * layout.Pt, X2: 272 * layout.Pt, Y2: 92 * layout.Pt, Stroke: 500},
		{Kind: layout.Text, X: 76 * layout.Pt, Y: 86 * layout.Pt, Role: layout.Body, Size: 10500, Text: "一级指标 二级指标 三级指标"},
	}}
	return &layout.Document{
		Pages:   []*layout.Page{p1, p2},
		Outline: []layout.Bookmark{{Title: "目录", Page: 0}, {Title: "企业退休人员体检费", Page: 1}, {Title: "第1页", Page: 1, Level: 1}},
		Labels:  []layout.PageLabel{{Page: 0, Style: layout.LowerRoman, Start: 1}, {Page: 1, Style: layout.Decimal, Prefix: "表", Start: 3}},
		Meta:    layout.Meta{Title: "企业退休人员体检费", Author: "江阴市人力资源和社会保障局（机关）", Subject: "市级财政项目支出预算绩效目标表 2024", Year: 2024},
	}
}

// docTexts returns every text item of doc.
func docTexts(doc *layout.Document) []string {
	var out []string
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.Text {
				out = append(out, it.Text)
			}
		}
	}
	return out
}

func TestRenderTwiceIdentical(t *testing.T) {
	fs := defaultSet(t)
	a, err := Bytes(sample(), fs, Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Bytes(sample(), fs, Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same document differ")
	}
	var w bytes.Buffer
	if err := Write(&w, sample(), fs, Options{Creator: "jixiao test"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, w.Bytes()) {
		t.Error("Write and Bytes differ")
	}
	for _, want := range []string{"/Creator (jixiao test)", "/Producer (jixiao)", "/CreationDate (D:20240101000000+08'00')", "/ModDate (D:20240101000000+08'00')"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	if bytes.Contains(a, []byte("/ID")) {
		t.Error("output has a file identifier")
	}
	if v, err := Bytes(sample(), fs, Options{Version: "0.1.0"}); err != nil || !bytes.Contains(v, []byte("/Producer (jixiao 0.1.0)")) {
		t.Errorf("the version is not in the Producer (%v)", err)
	}
	// A different date must show: the date is not ignored.
	c, err := Bytes(sample(), fs, Options{Creator: "jixiao test", Date: time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(c, []byte("/CreationDate (D:20300506070809Z)")) {
		t.Error("explicit date not written")
	}
}

// TestInfoBeyondBMP: the document information keeps characters above
// U+FFFF (fpdf's own conversion would garble them), as UTF-16 surrogates.
func TestInfoBeyondBMP(t *testing.T) {
	fs, err := fonts.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	doc := sample()
	doc.Meta.Title = "𠮷项目"
	doc.Meta.Author = "a(b)"
	b, err := Bytes(doc, fs, Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("/Title (" + escapeLiteral(utf16BE("𠮷项目")) + ")")
	if !bytes.Contains(b, want) {
		i := bytes.Index(b, []byte("/Title"))
		t.Fatalf("title not written as UTF-16 with surrogates; got %q", b[i:min(i+60, len(b))])
	}
	if !bytes.Contains(b, []byte("/Author (a\\(b\\))")) {
		t.Error("ASCII author not written as an escaped literal")
	}
}

// escapeLiteral escapes a PDF literal string's special bytes as fpdf does.
func escapeLiteral(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "(", "\\(", ")", "\\)", "\r", "\\r")
	return r.Replace(s)
}

func TestDates(t *testing.T) {
	if got := layout.DefaultDate(2024).Format(time.RFC3339); got != "2024-01-01T00:00:00+08:00" {
		t.Errorf("layout.DefaultDate(2024) = %s", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if d, err := DateFromEnv(2025); err != nil || !d.Equal(layout.DefaultDate(2025)) {
		t.Errorf("DateFromEnv without SOURCE_DATE_EPOCH = %v, %v", d, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if d, err := DateFromEnv(2025); err != nil || d.Unix() != 1700000000 {
		t.Errorf("DateFromEnv(1700000000) = %v, %v", d, err)
	}
	for _, bad := range []string{"yesterday", "-5", "1.5", "99999999999999"} {
		t.Setenv("SOURCE_DATE_EPOCH", bad)
		if _, err := DateFromEnv(2025); err == nil || !strings.HasPrefix(err.Error(), "render: ") {
			t.Errorf("SOURCE_DATE_EPOCH=%q: err = %v", bad, err)
		}
	}
}

func TestBadDocuments(t *testing.T) {
	fs := defaultSet(t)
	cases := map[string]func(d *layout.Document){
		"no pages":       func(d *layout.Document) { d.Pages = nil },
		"link target":    func(d *layout.Document) { d.Pages[0].Items[2].Target = 7 },
		"outline order":  func(d *layout.Document) { d.Outline[0].Page = 1; d.Outline[1].Page = 0 },
		"outline level":  func(d *layout.Document) { d.Outline[0].Level = 2 },
		"label order":    func(d *layout.Document) { d.Labels[1].Page = 0 },
		"page size":      func(d *layout.Document) { d.Pages[1].Height = 0 },
		"invalid UTF-8":  func(d *layout.Document) { d.Pages[0].Items[0].Text = "ab\xffc" },
		"missing glyph":  func(d *layout.Document) { d.Pages[0].Items[0].Text = "吉\U00020BB7" },
		"no font at all": func(d *layout.Document) { d.Pages[0].Items[0].Text = "\u0007" },
	}
	for name, mutate := range cases {
		d := sample()
		mutate(d)
		b, err := Bytes(d, fs, Options{})
		if err == nil || b != nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "render: ") {
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
	}
}

// TestAllowMissing checks that characters no font draws, including one
// above U+FFFF that the embedded fonts lack, become boxes.
func TestAllowMissing(t *testing.T) {
	d := sample()
	d.Pages[0].Items[1].Text = "𠮷野家\u0007"
	b, err := Bytes(d, defaultSet(t), Options{AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	ok := Bytes
	_ = ok
	if len(b) == 0 {
		t.Fatal("empty output")
	}
	// The boxes are drawn as stroked rectangles: two missing characters.
	content := pageContent(t, b, 1)
	if n := strings.Count(content, " re S"); n != 2 {
		t.Errorf("page 1 has %d stroked rectangles, want 2:\n%s", n, content)
	}
	if txt := pdftotext(t, b); !strings.Contains(txt, "野家") {
		t.Errorf("pdftotext lost the drawable characters: %q", txt)
	}
}

// TestNothingOnStdout renders with fpdf's standard output captured: fpdf
// prints some font errors instead of returning them, and standard output
// may be carrying the PDF (jixiao render -o -).
func TestNothingOnStdout(t *testing.T) {
	fs := defaultSet(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); done <- b }()
	func() {
		defer func() { os.Stdout = saved }()
		_, _ = Bytes(sample(), fs, Options{})
		d := sample()
		d.Pages[0].Items[0].Text = "𠮷\u0000\uFFFF"
		_, _ = Bytes(d, fs, Options{AllowMissing: true})
		_, _ = Bytes(d, fs, Options{})
	}()
	w.Close()
	if out := <-done; len(out) > 0 {
		t.Errorf("rendering printed to standard output: %q", out)
	}
}

// --- external tools ---

// runTool runs an external program on the PDF b (written to a temporary
// file) and returns its standard output.
func runTool(t testing.TB, b []byte, name string, args ...string) string {
	t.Helper()
	path := golden.Tool(t, name)
	file := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		if a == "PDF" {
			args[i] = file
		}
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func pdftotext(t testing.TB, b []byte) string {
	return runTool(t, b, "pdftotext", "-enc", "UTF-8", "PDF", "-")
}

// pageContent returns the uncompressed content stream of page n (1-based).
func pageContent(t testing.TB, b []byte, n int) string {
	qdf := runTool(t, b, "qpdf", "--qdf", "--object-streams=disable", "PDF", "-")
	marker := "%% Contents for page " + string(rune('0'+n))
	i := strings.Index(qdf, marker)
	if i < 0 {
		t.Fatalf("no content stream for page %d", n)
	}
	s := qdf[i:]
	if j := strings.Index(s, "endstream"); j >= 0 {
		s = s[:j]
	}
	return s
}

// checkPDF runs the checks every rendered PDF must pass: qpdf finds no
// errors, every font is embedded as a subset with a ToUnicode map, the
// pages have the expected size and the text of every item comes back.
func checkPDF(t *testing.T, b []byte, pages int, size string, texts []string) {
	t.Helper()
	out := runTool(t, b, "qpdf", "--check", "PDF")
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	fonts := runTool(t, b, "pdffonts", "PDF")
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) < 3 {
		t.Errorf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type… encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" || !strings.Contains(f[0], "+") {
			t.Errorf("font not embedded as a subset with ToUnicode: %s", l)
		}
	}
	info := runTool(t, b, "pdfinfo", "PDF")
	if !strings.Contains(info, "Page size:       "+size) {
		t.Errorf("pdfinfo: want page size %s:\n%s", size, info)
	}
	if !strings.Contains(info, "Pages:           "+itoa(pages)+"\n") {
		t.Errorf("pdfinfo: want %d pages:\n%s", pages, info)
	}
	// Table cells wrap, and pdftotext reads neighbouring cells' lines in
	// turn, so texts are compared as sets of characters.
	have := map[rune]bool{}
	for _, r := range squeeze(pdftotext(t, b)) {
		have[r] = true
	}
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range squeeze(s) {
			if !have[r] && !missing[r] {
				missing[r] = true
				t.Errorf("pdftotext lacks %q (of %q)", r, s)
			}
		}
	}
}

// checkDrawnText checks that pdftotext gives back every character drawn by
// the text items of doc, as many times as they are drawn.
func checkDrawnText(t *testing.T, b []byte, doc *layout.Document) {
	t.Helper()
	have := map[rune]int{}
	for _, r := range squeeze(pdftotext(t, b)) {
		have[r]++
	}
	need := map[rune]int{}
	var order []rune
	for _, s := range docTexts(doc) {
		for _, r := range squeeze(s) {
			if need[r] == 0 {
				order = append(order, r)
			}
			need[r]++
		}
	}
	for _, r := range order {
		if have[r] != need[r] {
			t.Errorf("pdftotext has %d × %q, the document draws %d", have[r], r, need[r])
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// squeeze drops white space, so that line and word breaks do not matter.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestSampleTools(t *testing.T) {
	d := sample()
	b, err := Bytes(d, defaultSet(t), Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, b, 2, "595.28 x 841.89 pts (A4)", docTexts(d))
	checkDrawnText(t, b, d)

	var j struct {
		PageLabels []struct {
			Index int            `json:"index"`
			Label map[string]any `json:"label"`
		} `json:"pagelabels"`
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
			Kids  []struct {
				Title string `json:"title"`
				Page  int    `json:"destpageposfrom1"`
			} `json:"kids"`
		} `json:"outlines"`
	}
	out := runTool(t, b, "qpdf", "--json", "--json-key=pagelabels", "--json-key=outlines", "PDF")
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.PageLabels) != 2 || j.PageLabels[0].Label["/S"] != "/r" || j.PageLabels[1].Index != 1 ||
		j.PageLabels[1].Label["/P"] != "u:表" || j.PageLabels[1].Label["/St"] != 3.0 {
		t.Errorf("page labels: %+v", j.PageLabels)
	}
	if len(j.Outlines) != 2 || j.Outlines[0].Title != "目录" || j.Outlines[0].Page != 1 ||
		j.Outlines[1].Title != "企业退休人员体检费" || j.Outlines[1].Page != 2 ||
		len(j.Outlines[1].Kids) != 1 || j.Outlines[1].Kids[0].Title != "第1页" {
		t.Errorf("outline: %+v", j.Outlines)
	}
	info := runTool(t, b, "pdfinfo", "PDF")
	for _, want := range []string{"Title:           企业退休人员体检费", "Author:          江阴市人力资源和社会保障局（机关）", "Creator:         jixiao test"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q", want)
		}
	}

	// The link on page 1 covers its rectangle and points at page 2.
	var q struct {
		QPDF []json.RawMessage `json:"qpdf"` // a header, then the objects
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal([]byte(runTool(t, b, "qpdf", "--json", "--json-key=qpdf", "PDF")), &q); err != nil || len(q.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	if err := json.Unmarshal(q.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	var pages struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
	}
	if err := json.Unmarshal([]byte(runTool(t, b, "qpdf", "--json", "--json-key=pages", "PDF")), &pages); err != nil || len(pages.Pages) != 2 {
		t.Fatalf("qpdf --json pages: %v", err)
	}
	annots, _ := objs["obj:"+pages.Pages[0].Object].Value["/Annots"].([]any)
	if len(annots) != 1 {
		t.Fatalf("page 1 has %d annotations, want 1 link", len(annots))
	}
	// The link is an indirect object, printable (/F 4), without a border.
	lref, _ := annots[0].(string)
	link := objs["obj:"+lref].Value
	if link["/F"] != 4.0 || fmt.Sprint(link["/Border"]) != "[0 0 0]" {
		t.Errorf("link %s: flags %v, border %v", lref, link["/F"], link["/Border"])
	}
	dest, _ := link["/Dest"].([]any)
	rect, _ := link["/Rect"].([]any)
	if link["/Subtype"] != "/Link" || len(dest) == 0 || dest[0] != pages.Pages[1].Object {
		t.Errorf("link does not point at page 2 (%s): %v", pages.Pages[1].Object, link)
	}
	// x from 72 to 372 pt, y from 128 to 144 pt below the top of the page.
	if fmt.Sprint(rect) != "[72 697.89 372 713.89]" {
		t.Errorf("link rectangle %v", rect)
	}
}

// TestPageSizes draws pages of different sizes in one document.
func TestPageSizes(t *testing.T) {
	d := sample()
	d.Pages[1].Width, d.Pages[1].Height = layout.Millimetres(420), layout.Millimetres(297)
	b, err := Bytes(d, defaultSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	info := runTool(t, b, "pdfinfo", "-f", "1", "-l", "2", "PDF")
	for _, want := range []string{"Page    1 size:  595.28 x 841.89 pts (A4)", "Page    2 size:  1190.55 x 841.89 pts (A3)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// TestRunPositions checks where the runs of a text item start when faces
// change inside it, and that character spacing is set as Tc.
func TestRunPositions(t *testing.T) {
	fs := defaultSet(t)
	d := sample()
	it := &d.Pages[0].Items[1]
	it.X, it.Size, it.Spacing, it.Text = 100*layout.Pt, 10*layout.Pt, 250, "A𠮷B"
	b, err := Bytes(d, fs, Options{AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	c := pageContent(t, b, 1)
	if !strings.Contains(c, "0.250 Tc") {
		t.Errorf("no character spacing in\n%s", c)
	}
	// B follows A and the box: (advance(A) + box) × 10 pt / 1000 + 2 × 0.25 pt.
	a := fs.Advance(layout.Body, 'A')
	box := fs.Advance(layout.Body, 0x20BB7)
	want := 100 + float64(a+box)*10/1000 + 0.5
	if !strings.Contains(c, "BT "+strconv.FormatFloat(want, 'f', 2, 64)+" ") {
		t.Errorf("run B should start at x = %.2f:\n%s", want, c)
	}
	if !strings.Contains(c, "BT 100.00 ") {
		t.Errorf("run A should start at x = 100:\n%s", c)
	}
}

// TestConcurrent renders from several goroutines at once (the font index is
// shared): every result must equal the sequential one.
func TestConcurrent(t *testing.T) {
	fs := defaultSet(t)
	want, err := Bytes(sample(), fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := Bytes(sample(), fs, Options{})
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestOutlineWithoutText: with no text drawn no font is current, and the
// bookmark titles must still come out as UTF-16.
func TestOutlineWithoutText(t *testing.T) {
	d := &layout.Document{
		Pages: []*layout.Page{{Width: 100 * layout.Pt, Height: 100 * layout.Pt, Items: []layout.Item{
			{Kind: layout.Rule, X: 10 * layout.Pt, Y: 10 * layout.Pt, X2: 90 * layout.Pt, Y2: 90 * layout.Pt, Stroke: 1000},
		}}},
		Outline: []layout.Bookmark{{Title: "目录 (i)", Page: 0}},
	}
	b, err := Bytes(d, defaultSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := runTool(t, b, "qpdf", "--json", "--json-key=outlines", "PDF")
	if !strings.Contains(out, `"title": "目录 (i)"`) {
		t.Errorf("outline title lost:\n%s", out)
	}
	if fonts := runTool(t, b, "pdffonts", "PDF"); strings.Count(fonts, "\n") != 2 {
		t.Errorf("a document without text embeds fonts:\n%s", fonts)
	}
}

// TestWatermark: a watermark is drawn first on every page, light gray and
// rotated, as filled glyph outlines (no text operator, no font of its
// own); the pages' own drawing is unchanged after it; pdftotext gives the
// same text as without a watermark; and a watermark character no font has
// is an error unless AllowMissing.
func TestWatermark(t *testing.T) {
	set := defaultSet(t)
	doc := sample()
	plain, err := Bytes(doc, set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	plainText := pdftotext(t, plain)
	for _, mark := range []string{DraftWatermark, "内部审阅 DRAFT"} {
		b, err := Bytes(doc, set, Options{Watermark: mark})
		if err != nil {
			t.Fatal(err)
		}
		checkPDF(t, b, 2, "595.28 x 841.89", docTexts(doc))
		for n := 1; n <= 2; n++ {
			with, without := pageContent(t, b, n), pageContent(t, plain, n)
			i := strings.Index(with, " cm\n")
			if i < 0 || !strings.Contains(with[:i], "0.878 g\nq ") {
				t.Fatalf("%s: page %d: no light rotated drawing first:\n%s", mark, n, with)
			}
			if !strings.Contains(with[:i], "0.57") || !strings.Contains(with[:i], "0.81") {
				t.Errorf("%s: page %d: the watermark is not along the diagonal:\n%s", mark, n, with[:i+4])
			}
			end := strings.Index(with, "Q\nQ\n")
			if end < 0 || strings.Contains(with[:end], "BT") || strings.Count(with[:end], " c\n") < 20 || strings.Count(with[:end], "f\n") != len([]rune(strings.ReplaceAll(mark, " ", ""))) {
				t.Fatalf("%s: page %d: the watermark is not one filled outline per glyph:\n%s", mark, n, with)
			}
			// After the watermark (the fill back to black) the page draws
			// what it drew without it, at the same places.
			rest := with[end+len("Q\nQ\n"):]
			if !strings.Contains(skeleton(stripMarks(rest)), skeleton(stripMarks(stripFontSetup(without)))) {
				t.Errorf("%s: page %d: the drawing after the watermark differs:\n%s\nwithout:\n%s", mark, n, rest, without)
			}
		}
		if txt := pdftotext(t, b); txt != plainText {
			t.Errorf("%s: pdftotext differs from the form without a watermark:\n%s\nwithout:\n%s", mark, txt, plainText)
		}
	}
	if _, err := Bytes(doc, set, Options{Watermark: "草稿\U00020BB7"}); err == nil {
		t.Errorf("a watermark character no font has was drawn")
	}
	if _, err := Bytes(doc, set, Options{Watermark: "草稿\U00020BB7", AllowMissing: true}); err != nil {
		t.Errorf("AllowMissing: %v", err)
	}
}

// TestWatermarkEmbedsNoFont: a page with no text but a watermark embeds no
// font: the watermark is outlines.
func TestWatermarkEmbedsNoFont(t *testing.T) {
	d := &layout.Document{Pages: []*layout.Page{{Width: 200 * layout.Pt, Height: 300 * layout.Pt, Items: []layout.Item{
		{Kind: layout.Rule, X: 10 * layout.Pt, Y: 10 * layout.Pt, X2: 90 * layout.Pt, Y2: 90 * layout.Pt, Stroke: 1000},
	}}}}
	b, err := Bytes(d, defaultSet(t), Options{Watermark: DraftWatermark})
	if err != nil {
		t.Fatal(err)
	}
	if fonts := runTool(t, b, "pdffonts", "PDF"); strings.Count(fonts, "\n") != 2 {
		t.Errorf("a watermark embeds a font:\n%s", fonts)
	}
	if c := pageContent(t, b, 1); !strings.Contains(c, " c\n") || !strings.Contains(c, "f\n") {
		t.Errorf("no watermark drawn:\n%s", c)
	}
}

// stripMarks drops the marked-content operators (tagged PDF) of a content
// stream.
func stripMarks(s string) string { return markRE.ReplaceAllString(s, "") }

var markRE = regexp.MustCompile(`(?m)^(/Artifact BMC|/\w+ <</MCID \d+>> BDC|EMC)\n`)

// skeleton is a content stream without its text strings and spaces.
func skeleton(s string) string {
	return squeeze(hexStringRE.ReplaceAllString(s, "<>"))
}

var hexStringRE = regexp.MustCompile(`<[0-9a-fA-F\s]*>`)

// stripFontSetup drops the first page-level "2 J" line of a content stream.
func stripFontSetup(s string) string {
	if i := strings.Index(s, "2 J\n"); i >= 0 {
		return s[i+len("2 J\n"):]
	}
	return s
}

// TestWatermarkPens compares the PDF watermark's pens (the face's own
// advances, watermarkPens) with the Splitter positions the OFD draws the
// watermark at: on the example forms' A4 pages, upright and across, they
// are within 1/1000 pt of each other for every text, and for the draft
// watermark they give the same path bytes, glyph by glyph.
func TestWatermarkPens(t *testing.T) {
	set := defaultSet(t)
	sp := fonts.Splitter{Set: set}
	a4w, a4h := layout.Millimetres(210), layout.Millimetres(297)
	var outliner fonts.Outliner
	for _, text := range []string{DraftWatermark, "内部审阅 DRAFT", "内部资料 DRAFT"} {
		for _, page := range [][2]layout.Length{{a4w, a4h}, {a4h, a4w}} {
			place, ok := layout.PlaceWatermark(page[0], page[1], layout.WatermarkWidth(set, text))
			if !ok {
				t.Fatalf("%s: no place", text)
			}
			size := place.Size
			milli := int64(layout.Length(size * 1000))
			runs, err := sp.Split(layout.Title, text, milli, 0)
			if err != nil {
				t.Fatal(err)
			}
			glyphs := 0
			for _, r := range runs {
				if r.Face == nil {
					continue
				}
				upm := float64(r.Face.UnitsPerEm())
				pens := watermarkPens(nil, r, size)
				k := 0
				for _, c := range r.Text {
					ofdPen := float64(r.Pos[k]) / float64(milli) * upm // as ofd's watermark
					if d := math.Abs(pens[k]-ofdPen) / upm * size; d >= 0.001 {
						t.Errorf("%s on %v: %q: pens %.6f and %.6f are %.6f pt apart", text, page, c, pens[k], ofdPen, d)
					}
					if text == DraftWatermark {
						gid, _ := r.Face.GlyphIndex(c)
						segs, err := outliner.Outline(r.Face, gid, nil)
						if err != nil {
							t.Fatal(err)
						}
						var a, b contentStream
						a.glyphPath(segs, pens[k])
						b.glyphPath(segs, ofdPen)
						if len(segs) == 0 || !bytes.Equal(a.b, b.b) {
							t.Errorf("%s on %v: %q: the path differs at the Splitter's position", text, page, c)
						}
						glyphs++
					}
					k++
				}
			}
			if text == DraftWatermark && glyphs != 2 {
				t.Errorf("%s: %d glyphs compared", text, glyphs)
			}
		}
	}
}
