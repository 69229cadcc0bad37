package render

import (
	"fmt"
	"testing"

	"jixiao/binder"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
)

// formDocument lays out form i (0-based) of the example book.
func formDocument(tb testing.TB, forms []model.Form, i int) *layout.Document {
	tb.Helper()
	doc, err := layout.Form(&forms[i], defaultSet(tb), layout.DefaultOptions())
	if err != nil {
		tb.Fatalf("forms[%d]: %v", i, err)
	}
	return doc
}

// TestExampleForms renders each of the 18 example forms, compares it byte for
// byte with its golden file and runs the external checks on it: qpdf finds
// no errors, fonts are embedded subsets, pages are A4, and every character
// of every field comes back from pdftotext.
func TestExampleForms(t *testing.T) {
	forms := exampleForms(t)
	for i := range forms {
		t.Run(fmt.Sprintf("form-%02d", i+1), func(t *testing.T) {
			doc := formDocument(t, forms, i)
			out, err := Bytes(doc, defaultSet(t), Options{Creator: "jixiao test"})
			if err != nil {
				t.Fatal(err)
			}
			again, err := Bytes(formDocument(t, forms, i), defaultSet(t), Options{Creator: "jixiao test"})
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != string(again) {
				t.Fatal("two renders differ")
			}
			golden.Assert(t, fmt.Sprintf("render/form-%02d.pdf", i+1), out)
			var fields []string
			for _, tf := range forms[i].TextFields("") {
				fields = append(fields, tf.Text)
			}
			checkPDF(t, out, len(doc.Pages), "595.28 x 841.89 pts (A4)", fields)
			checkDrawnText(t, out, doc)
		})
	}
}

// TestExampleBinder draws the binder of the example book: its outline,
// links and page labels must survive qpdf's checks.
func TestExampleBinder(t *testing.T) {
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, duplex := range []bool{false, true} {
		bl, err := binder.Plan(b, defaultSet(t), binder.Options{Layout: layout.DefaultOptions(), Duplex: duplex, GroupByUnit: true})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := bl.Document()
		if err != nil {
			t.Fatal(err)
		}
		out, err := Bytes(doc, defaultSet(t), Options{Creator: "jixiao test"})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, f := range b.Forms {
			texts = append(texts, f.Project)
		}
		checkPDF(t, out, len(doc.Pages), "595.28 x 841.89 pts (A4)", texts)
	}
}

// BenchmarkForm4 draws example form 4 (人社专职协理员工作经费, 3 pages), laid
// out once beforehand.
func BenchmarkForm4(b *testing.B) {
	forms := exampleForms(b)
	benchRender(b, formDocument(b, forms, 3), defaultSet(b))
}

// BenchmarkAll18 draws each of the 18 example forms as its own document.
func BenchmarkAll18(b *testing.B) {
	forms := exampleForms(b)
	fs := defaultSet(b)
	docs := make([]*layout.Document, len(forms))
	pages := 0
	for i := range forms {
		docs[i] = formDocument(b, forms, i)
		pages += len(docs[i].Pages)
	}
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		size = 0
		for _, d := range docs {
			out, err := Bytes(d, fs, Options{})
			if err != nil {
				b.Fatal(err)
			}
			size += len(out)
		}
	}
	b.ReportMetric(float64(size), "bytes/pdf")
	b.ReportMetric(float64(pages), "pages")
}
