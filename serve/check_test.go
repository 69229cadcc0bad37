package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/golden"
	"jixiao/model"
)

// exampleWith is the example book, its forms edited by edit (the index of
// the form and the form), as a file named name.
func exampleWith(t testing.TB, name string, edit func(i int, f *model.Form)) file {
	t.Helper()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	for i := range book.Forms {
		edit(i, &book.Forms[i])
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	return file{name, buf.Bytes()}
}

// tooTall makes a form that cannot be laid out: the label of its first
// 一级 taller than a page (layout's label-too-tall).
func tooTall(f *model.Form) {
	f.Indicators[0].Level1 = strings.Repeat("长", 400)
}

// TestCheckAnswers: what /api/check answers, kept as golden files, for
// books with no form that fails its plan, one, several (a character no
// font has, a form that cannot be laid out, in one file or two), a
// watermark no font draws (a bad parameter, refused once before any form
// is laid out), and page limits passed or not, before or after the forms
// that fail: the forms, their problems and pages, and the refusals. The
// answer is the same however the check plans the forms.
func TestCheckAnswers(t *testing.T) {
	formPages, _ := examplePages(t)
	total := sum(formPages)
	plain := readFile(t, exampleBook)
	glyph := func(forms ...int) func(int, *model.Form) {
		return func(i int, f *model.Form) {
			for k, n := range forms {
				if i == n {
					f.Project += string(rune(0xe000 + k))
				}
			}
		}
	}
	// Forms 2 (pages 2) and 9 lack characters; 9 twice, in two fields;
	// form 12 cannot be laid out; form 15 has a wrong 二级 (an error
	// that does not stop its plan).
	several := exampleWith(t, "several.json", func(i int, f *model.Form) {
		switch i {
		case 1:
			f.Project += "\ue000"
		case 8:
			f.Project += "\ue001"
			f.Overview += "\ue001\ue002"
		case 11:
			tooTall(f)
		case 14:
			f.Indicators[2].Level2 = "组织目标"
		}
	})
	first, last := 0, len(formPages)-1
	cases := []struct {
		name     string
		maxPages int
		query    string
		files    []file
	}{
		{"none", 0, "", []file{plain}},
		{"none-strict", 0, "?strict=1", []file{plain}},
		{"one-glyph", 0, "", []file{exampleWith(t, "one.json", glyph(4))}},
		{"one-layout", 0, "", []file{exampleWith(t, "tall.json", func(i int, f *model.Form) {
			if i == 6 {
				tooTall(f)
			}
		})}},
		{"one-allow-missing", 0, "?allow_missing=1", []file{exampleWith(t, "one.json", glyph(4))}},
		{"one-strict-allow-missing", 0, "?allow_missing=1&strict=1", []file{exampleWith(t, "one.json", glyph(4))}},
		{"several", 0, "", []file{several}},
		{"several-two-files", 0, "", []file{plain, several}},
		{"several-unread", 0, "", []file{several, {"broken.json", []byte("{")}}},
		{"watermark", 0, "?watermark=" + "%EE%80%80", []file{plain}},
		// Page limits: passed by the forms together; met exactly.
		{"limit-passed", total - 1, "", []file{plain}},
		{"limit-met", total, "", []file{plain}},
		{"limit-fewer-than-forms", len(formPages) - 1, "", []file{plain}},
		// The forms that fail count no pages: a limit the other forms
		// meet, with the failing form first or last, or past.
		{"limit-met-without-first", total - formPages[first], "", []file{exampleWith(t, "first.json", glyph(first))}},
		{"limit-met-without-last", total - formPages[last], "", []file{exampleWith(t, "last.json", glyph(last))}},
		{"limit-passed-without-last", total - formPages[last] - 1, "", []file{exampleWith(t, "last.json", glyph(last))}},
		{"limit-several", total - formPages[1] - formPages[8] - formPages[11], "", []file{several}},
		{"limit-several-passed", total - formPages[1] - formPages[8] - formPages[11] - 1, "", []file{several}},
		{"limit-layout-first", total - formPages[first], "", []file{exampleWith(t, "tall.json", func(i int, f *model.Form) {
			if i == first {
				tooTall(f)
			}
		})}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestServer(t, Options{MaxPages: c.maxPages})
			w := do(s, post(t, "/api/check"+c.query, c.files...))
			var got bytes.Buffer
			fmt.Fprintf(&got, "%d\n", w.Code)
			got.Write(w.Body.Bytes())
			golden.Assert(t, "serve/check/"+c.name+".txt", got.Bytes())
		})
	}
	// The cases are what they say: the forms that fail, fail.
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/check", several))
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	var failed []string
	for _, f := range b.Forms {
		if f.Pages == 0 {
			failed = append(failed, strconv.Itoa(f.Form))
		}
	}
	require.Equal(t, "2 9 12", strings.Join(failed, " "))
}

// BenchmarkCheck180 is the check of a book of 180 forms (the example's ten
// times, named apart): none failing its plan, one that lacks a character
// (form 90), one that cannot be laid out (form 90). (A watermark no font
// draws, which failed every form, is refused before any is laid out.)
func BenchmarkCheck180(b *testing.B) {
	ex, err := model.ReadFile(exampleBook)
	require.NoError(b, err)
	book := func(bad func(f *model.Form)) file {
		bk := &model.Book{Year: ex.Year}
		for i := range 180 {
			f := ex.Forms[i%18]
			f.Indicators = append([]model.Indicator(nil), f.Indicators...)
			f.Project = fmt.Sprintf("%s（%d）", f.Project, i/18+1)
			if i == 89 && bad != nil {
				bad(&f)
			}
			bk.Forms = append(bk.Forms, f)
		}
		var buf bytes.Buffer
		require.NoError(b, model.EncodeJSON(&buf, bk))
		return file{"book-180.json", buf.Bytes()}
	}
	s := newTestServer(b, Options{})
	for _, c := range []struct {
		name, query string
		book        file
	}{
		{"none", "", book(nil)},
		{"one-glyph", "", book(func(f *model.Form) { f.Project += "\ue000" })},
		{"one-layout", "", book(tooTall)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := do(s, post(b, "/api/check"+c.query, c.book))
				if w.Code != 200 {
					b.Fatal(w.Body.String())
				}
			}
		})
	}
}

// TestCheckPDFWithoutData: a PDF that carries no form data is a file that
// cannot be read, told with its name, as a workbook that cannot be is; the
// other files are checked (it was answered 500, the forms of the other
// files hidden: the seventh session's review).
func TestCheckPDFWithoutData(t *testing.T) {
	s := newTestServer(t, Options{})
	plain := file{"plain.pdf", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")}
	w := do(s, post(t, "/api/check", readFile(t, exampleBook), plain))
	require.Equal(t, 422, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 18)
	require.Len(t, b.Problems, 1)
	require.Equal(t, "plain.pdf", b.Problems[0].File)
	require.Contains(t, []string{"pdf-no-data", "pdf-bad-data"}, b.Problems[0].Code)
}
