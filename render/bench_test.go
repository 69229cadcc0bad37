package render

import (
	"fmt"
	"strings"
	"testing"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
)

// textDocument sets the printed texts of forms as plain lines of 40
// characters, 50 lines a page: a stand-in with the characters and the
// amount of text of real forms, independent of layout.
func textDocument(forms []model.Form) *layout.Document {
	doc := &layout.Document{Meta: layout.Meta{Title: "bench", Year: 2024}}
	var pg *layout.Page
	line := 0
	put := func(s string, role layout.Role) {
		rs := []rune(strings.ReplaceAll(s, "\n", ""))
		for len(rs) > 0 {
			n := min(len(rs), 40)
			if pg == nil || line == 50 {
				pg = &layout.Page{Width: layout.Millimetres(210), Height: layout.Millimetres(297)}
				doc.Pages = append(doc.Pages, pg)
				line = 0
			}
			y := 60*layout.Pt + layout.Length(line)*15*layout.Pt
			pg.Items = append(pg.Items,
				layout.Item{Kind: layout.Text, X: 72 * layout.Pt, Y: y, Role: role, Size: 10500, Text: string(rs[:n])},
				layout.Item{Kind: layout.Rule, X: 72 * layout.Pt, Y: y + 4*layout.Pt, X2: 500 * layout.Pt, Y2: y + 4*layout.Pt, Stroke: 500})
			rs = rs[n:]
			line++
		}
	}
	for i := range forms {
		for _, tf := range forms[i].TextFields("") {
			role := layout.Body
			if tf.Path == "title" {
				role = layout.Title
			}
			put(tf.Text, role)
		}
	}
	return doc
}

func exampleForms(tb testing.TB) []model.Form {
	tb.Helper()
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		tb.Skipf("example book: %v", err)
	}
	return b.Forms
}

func benchRender(b *testing.B, doc *layout.Document, fs *fonts.Set) {
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		out, err := Bytes(doc, fs, Options{Creator: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
	b.ReportMetric(float64(len(doc.Pages)), "pages")
}

// BenchmarkTextForm4 draws the text of example form 4 (人社专职协理员工作经费).
func BenchmarkTextForm4(b *testing.B) {
	forms := exampleForms(b)
	benchRender(b, textDocument(forms[3:4]), defaultSet(b))
}

// BenchmarkTextAll18 draws the text of all 18 example forms as one document.
func BenchmarkTextAll18(b *testing.B) {
	benchRender(b, textDocument(exampleForms(b)), defaultSet(b))
}

func TestTextDocumentTools(t *testing.T) {
	forms := exampleForms(t)
	doc := textDocument(forms[3:4])
	out, err := Bytes(doc, defaultSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, out, len(doc.Pages), "595.28 x 841.89 pts (A4)", docTexts(doc))
	_ = fmt.Sprint
}
