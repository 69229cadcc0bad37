package ofd

import (
	"testing"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
)

func defaultSet(tb testing.TB) *fonts.Set {
	tb.Helper()
	fs, err := fonts.DefaultSet()
	if err != nil {
		tb.Fatal(err)
	}
	return fs
}

// exampleForms returns the forms of the example book.
func exampleForms(tb testing.TB) []model.Form {
	tb.Helper()
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		tb.Fatalf("example book: %v", err)
	}
	return b.Forms
}

// formDocument lays out form i (0-based) of the example book.
func formDocument(tb testing.TB, forms []model.Form, i int) *layout.Document {
	tb.Helper()
	doc, err := layout.Form(&forms[i], defaultSet(tb), layout.DefaultOptions())
	if err != nil {
		tb.Fatalf("forms[%d]: %v", i, err)
	}
	return doc
}
