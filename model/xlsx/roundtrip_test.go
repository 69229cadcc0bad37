package xlsx

import (
	"bytes"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"jixiao/model"
)

// exampleBook reads the 18 example forms.
func exampleBook(t testing.TB) *model.Book {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	b, err := model.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "examples", "jiangyin-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func exportBytes(t testing.TB, b *model.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// diffBooks fails with the first field where two books differ.
func diffBooks(t *testing.T, want, got *model.Book) {
	t.Helper()
	if want.Year != got.Year || want.Title != got.Title || len(want.Forms) != len(got.Forms) {
		t.Fatalf("book: want year %d title %q %d forms, got %d %q %d", want.Year, want.Title, len(want.Forms), got.Year, got.Title, len(got.Forms))
	}
	for i := range want.Forms {
		w, g := want.Forms[i], got.Forms[i]
		wi, gi := w.Indicators, g.Indicators
		w.Indicators, g.Indicators = nil, nil
		if !reflect.DeepEqual(w, g) {
			t.Errorf("forms[%d]:\nwant %+v\ngot  %+v", i, w, g)
		}
		if len(wi) != len(gi) {
			t.Errorf("forms[%d]: want %d indicators, got %d", i, len(wi), len(gi))
			continue
		}
		for j := range wi {
			if wi[j] != gi[j] {
				t.Errorf("forms[%d].indicators[%d]: want %+v, got %+v", i, j, wi[j], gi[j])
			}
		}
	}
}

func TestExportReadRoundTrip(t *testing.T) {
	b := exampleBook(t)
	data := exportBytes(t, b)
	got, src, err := Read(data, "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	diffBooks(t, b, got)
	if ps := model.Validate(got, src); model.Errors(ps) != nil {
		t.Fatalf("the read book has errors: %v", model.Errors(ps))
	}
	// Written twice, the same bytes.
	if again := exportBytes(t, b); !bytes.Equal(again, data) {
		t.Error("exporting the same book twice gave different bytes")
	}
}

// book170 is the 170-form book the binder benchmarks use: the first 17
// example forms ten times.
func book170(t testing.TB) *model.Book {
	b := exampleBook(t)
	out := &model.Book{Year: b.Year, Title: b.Title}
	for k := 0; k < 10; k++ {
		out.Forms = append(out.Forms, b.Forms[:17]...)
	}
	return out
}

func BenchmarkRead170(b *testing.B) {
	data := exportBytes(b, book170(b))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		book, _, err := Read(data, "book.xlsx")
		if err != nil || len(book.Forms) != 170 {
			b.Fatal(err)
		}
	}
}
