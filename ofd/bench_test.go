package ofd

import (
	"fmt"
	"io"
	"testing"

	"jixiao/binder"
	"jixiao/internal/meter"
	"jixiao/internal/peakheap"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

// benchmarkBinder measures the whole binder of n forms (the first k
// example forms repeated, as pipeline's BenchmarkBinderPDF does), laid out
// and written as an OFD, or as a PDF by render for comparison, from the
// same page sequence.
func benchmarkBinder(b *testing.B, k, n int, asOFD bool) {
	ex, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		b.Fatal(err)
	}
	book := &model.Book{Year: ex.Year}
	for i := 0; len(book.Forms) < n; i++ {
		f := ex.Forms[i%k]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i/k+1)
		book.Forms = append(book.Forms, f)
	}
	fs := defaultSet(b)
	b.ReportAllocs()
	var pages int
	var size int64
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakheap.Of(func() {
			bl, err := binder.Plan(book, fs, binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true})
			if err != nil {
				b.Fatal(err)
			}
			cw := &meter.Writer{W: io.Discard}
			if asOFD {
				err = WritePages(cw, layout.Frame{Pages: bl.NumPages, Outline: bl.Outline, Labels: bl.Labels, Meta: bl.Meta}, bl.Pages, fs, Options{Creator: "bench"})
			} else {
				err = render.WritePages(cw, layout.Frame{Pages: bl.NumPages, Outline: bl.Outline, Labels: bl.Labels, Meta: bl.Meta}, bl.Pages, fs, render.Options{Creator: "bench"})
			}
			if err != nil {
				b.Fatal(err)
			}
			pages, size = bl.NumPages, cw.N
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "file-MB")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

func BenchmarkBinderOFD18(b *testing.B)  { benchmarkBinder(b, 18, 18, true) }
func BenchmarkBinderPDF18(b *testing.B)  { benchmarkBinder(b, 18, 18, false) }
func BenchmarkBinderOFD170(b *testing.B) { benchmarkBinder(b, 17, 170, true) }
func BenchmarkBinderPDF170(b *testing.B) { benchmarkBinder(b, 17, 170, false) }

// BenchmarkForm4 writes example form 4 (3 pages), laid out beforehand.
func BenchmarkForm4(b *testing.B) {
	doc := formDocument(b, exampleForms(b), 3)
	fs := defaultSet(b)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		out, err := Bytes(doc, fs, Options{Creator: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes")
}
