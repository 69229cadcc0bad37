package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
)

// The fonts of Debian's fonts-hanazono: HanaMinB has CJK Extension B (𠮷
// U+20BB7), HanaMinA has characters of the Private Use Area.
const (
	hanaMinA = "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"
	hanaMinB = "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
)

func hanazono(t *testing.T, path string) *fonts.Font {
	t.Helper()
	f, err := fonts.Load(golden.File(t, path, "fonts-hanazono"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// supplementary returns the runes above U+FFFF of s.
func supplementary(s string) []rune {
	var out []rune
	for _, r := range s {
		if r > 0xFFFF {
			out = append(out, r)
		}
	}
	return out
}

// TestSupplementaryForm draws testdata/supplementary.json with the embedded
// fonts and no option: characters of Noto Serif SC above U+FFFF in 单位名称,
// 项目名称, an indicator and a long text that runs over a page break, some
// of them starting and ending lines. Golden layout dump and PDF; every
// character comes back from pdftotext, the document information keeps them.
func TestSupplementaryForm(t *testing.T) {
	b, err := model.ReadFile("../testdata/supplementary.json")
	if err != nil {
		t.Fatal(err)
	}
	f := &b.Forms[0]
	fs := defaultSet(t)
	var fields []string
	for _, tf := range f.TextFields("") {
		fields = append(fields, tf.Text)
		for _, r := range supplementary(tf.Text) {
			// Layout measures them with the font that draws them.
			if face, ok := fs.Face(layout.Body, r); !ok || face != fs.Body {
				t.Fatalf("%s: U+%04X is not drawn by the body font", tf.Path, r)
			}
			w, _ := fs.Body.Advance(r)
			if got := fs.Advance(layout.Body, r); got != w {
				t.Errorf("U+%04X measured %d, the font's advance is %d", r, got, w)
			}
		}
	}
	for _, field := range []string{f.Unit, f.Project, f.Overview, f.Indicators[11].Level3, f.Indicators[11].FullYear} {
		if len(supplementary(field)) == 0 {
			t.Fatalf("the test form lost its characters above U+FFFF: %q", field)
		}
	}
	lay := func() *layout.Document {
		doc, err := layout.Form(f, fs, layout.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc := lay()
	var dump bytes.Buffer
	if err := layout.Dump(&dump, doc); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, "layout/supplementary.txt", dump.Bytes())

	// The long text: lines that start and end with such a character, on
	// both sides of a page break.
	var starts, ends bool
	pages := map[int]bool{}
	for pi, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.Text || it.Field != "overview" || it.Text == "" {
				continue
			}
			pages[pi] = true
			first, _ := utf8.DecodeRuneInString(it.Text)
			last, _ := utf8.DecodeLastRuneInString(it.Text)
			starts = starts || first > 0xFFFF
			ends = ends || last > 0xFFFF
		}
	}
	if !starts || !ends || len(pages) < 2 {
		t.Errorf("overview: a line starts with U+10000+: %v, one ends with it: %v, pages %d", starts, ends, len(pages))
	}

	out, err := Bytes(doc, fs, Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Bytes(lay(), fs, Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Fatal("two renders differ")
	}
	golden.Assert(t, "render/supplementary.pdf", out)
	checkPDF(t, out, len(doc.Pages), "595.28 x 841.89 pts (A4)", fields)
	checkDrawnText(t, out, doc)
	info := runTool(t, out, "pdfinfo", "-enc", "UTF-8", "PDF")
	for _, want := range []string{"Title:           " + f.Project, "Author:          " + f.Unit} {
		if !strings.Contains(info, want+"\n") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// TestFallbackExtensionB draws 𠮷 (U+20BB7), which the embedded fonts lack,
// with HanaMinB as the fallback font, beside Noto Serif SC's own characters
// above U+FFFF; and text with characters of the Private Use Area of its own
// (drawn by HanaMinA), which must come back as they are. Without the
// fallback 𠮷 is refused.
func TestFallbackExtensionB(t *testing.T) {
	hanaB, hanaA := hanazono(t, hanaMinB), hanazono(t, hanaMinA)
	fs := defaultSet(t)
	text := "𠮷祥𡐓村\uF137\uF138𬘬\uE000"
	doc := sample()
	doc.Pages[0].Items[1].Text = text
	if _, err := Bytes(doc, fs, Options{}); err == nil || !strings.Contains(err.Error(), "U+20BB7") {
		t.Fatalf("𠮷 without a font: err = %v", err)
	}
	if hanaA.Has(0xE000) || !hanaA.Has(0xF137) || !hanaB.Has(0x20BB7) {
		t.Fatal("fonts-hanazono is not the one this test knows")
	}
	withB := &fonts.Set{Body: fs.Body, Title: fs.Title, Fallback: []*fonts.Font{hanaB, hanaA}}
	// U+E000 is in no font: a box.
	out, err := Bytes(doc, withB, Options{AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	if face, _ := withB.Face(layout.Body, 0x20BB7); face != hanaB {
		t.Fatal("𠮷 is not drawn by HanaMinB")
	}
	txt := squeeze(pdftotext(t, out))
	if want := squeeze(strings.ReplaceAll(text, "\uE000", "")); !strings.Contains(txt, want) {
		t.Errorf("pdftotext: %q, want %q in it", txt, want)
	}
	if strings.ContainsRune(txt, 0xE000) {
		t.Error("the box of U+E000 came back as text")
	}
	list := runTool(t, out, "pdffonts", "PDF")
	for _, name := range []string{"+NotoSerifSC-Regular", "+HanaMinB", "+HanaMinA"} {
		if !strings.Contains(list, name) {
			t.Errorf("pdffonts lacks %s:\n%s", name, list)
		}
	}
	checkPDF(t, out, len(doc.Pages), "595.28 x 841.89 pts (A4)", nil)
}
