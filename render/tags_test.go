package render

import (
	"regexp"
	"strings"
	"testing"

	"jixiao/layout"
	"jixiao/model"
)

// structText returns poppler's reading of the structure tree of b.
func structText(t *testing.T, b []byte) string {
	return runTool(t, b, "pdfinfo", "-struct-text", "PDF")
}

// structTypes returns the structure types of a pdfinfo -struct-text
// dump, one a line, indented as nested.
func structTypes(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		tl := strings.TrimSpace(l)
		if tl == "" || strings.HasPrefix(tl, `"`) || strings.HasPrefix(tl, "/") || strings.HasPrefix(tl, "Object ") {
			continue
		}
		out = append(out, strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(l, " (block)"), " (inline)"), ":"))
	}
	return out
}

// TestTaggedForm: a form of three pages is tagged: poppler reads the
// document as tagged with a metadata stream, and its structure tree holds
// the title (H1), the year (P), the header block as a Table of rows of
// TH (Scope Row) and TD, and the indicator table as Table → THead/TBody →
// TR → TH (Scope Column)/TD with RowSpan on the merged cells; every printed
// text of form 4 is one element's text, whole (a span's label repeated
// after a page break is an artifact; a text over a page break is form 2's,
// checked in pdfjs_test.go); running heads, footers and repeated header rows are not in
// it (artifacts).
func TestTaggedForm(t *testing.T) {
	forms := exampleForms(t)
	doc := formDocument(t, forms, 3)
	b := mustBytes(t, doc, Options{Creator: "jixiao test"})
	info := runTool(t, b, "pdfinfo", "PDF")
	for _, want := range []string{"Tagged:          yes", "Metadata Stream: yes"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	st := structText(t, b)
	types := strings.Join(structTypes(st), "\n")
	for _, want := range []string{
		"Document\n  Sect\n    H1\n    P\n    Table\n      TR\n        TH\n        TD\n        TH\n        TD\n",
		"    Table\n      THead\n        TR\n          TH\n          TH\n          TH\n          TH\n          TH\n      TBody\n        TR\n          TD\n          TD\n          TD\n          TD\n          TD\n",
	} {
		if !strings.Contains(types, want) {
			t.Errorf("structure lacks\n%s\nin\n%s", want, types)
		}
	}
	for _, want := range []string{"/Scope /Row", "/Scope /Column", "/RowSpan 6"} {
		if !strings.Contains(st, want) {
			t.Errorf("structure lacks %s", want)
		}
	}
	// Each element's text as poppler reads it, squeezed.
	var texts []string
	for _, m := range regexp.MustCompile(`(?m)^\s*"(.*)"$`).FindAllStringSubmatch(st, -1) {
		texts = append(texts, squeeze(m[1]))
	}
	all := strings.Join(texts, "\n")
	for _, tf := range forms[3].TextFields("") {
		s := squeeze(tf.Text)
		if tf.Path == "title" || tf.Path == "year" || s == "" {
			continue
		}
		if _, ok := model.FieldByKey(tf.Path); ok && strings.Contains(tf.Path, "amount") {
			continue // amounts are printed formatted
		}
		found := false
		for _, x := range texts {
			if x == s {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: no element holds %q whole", tf.Path, tf.Text)
		}
	}
	// Artifacts: the running head and the footer are nowhere.
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if (it.Field == "head" || it.Field == "footer") && strings.Contains(all, squeeze(it.Text)) {
				t.Errorf("%s %q is in the structure", it.Field, it.Text)
			}
		}
	}
	if strings.Count(types, "THead") != 1 {
		t.Errorf("%d THead: the repeated header rows are not artifacts", strings.Count(types, "THead"))
	}
}

// TestTaggedBinder: the binder's contents page is a TOC of TOCI, each
// form's line a Link holding its texts and its link annotation; each
// form is a Sect.
func TestTaggedBinder(t *testing.T) {
	doc, book := exampleBinder(t)
	st := structText(t, mustBytes(t, doc, Options{}))
	types := structTypes(st)
	count := map[string]int{}
	for _, ty := range types {
		count[strings.TrimSpace(ty)]++
	}
	if count["TOC"] != 1 || count["Link"] != len(book.Forms) || count["Sect"] != len(book.Forms)+1 {
		t.Errorf("TOC %d, Link %d, Sect %d (want 1, %d, %d)", count["TOC"], count["Link"], count["Sect"], len(book.Forms), len(book.Forms)+1)
	}
	if n := strings.Count(st, "Object "); n != len(book.Forms) {
		t.Errorf("%d link annotations in the structure, want %d", n, len(book.Forms))
	}
	if !strings.Contains(st, "TOCI\n      Link (inline)\n        \"1企业退休人员体检费4012.80\"") {
		t.Errorf("first contents line:\n%s", st[:min(len(st), 2000)])
	}
}

// TestPartsForgotten: when a new part (an element without a parent)
// begins, the parts before are finished and the tagger forgets their
// layout elements, but not the new part's own (its first child made it).
func TestPartsForgotten(t *testing.T) {
	tg := newTagger()
	tg.beginPage()
	var cs contentStream
	a := layout.NewElem(layout.Sect, nil, 0)
	a1 := layout.NewElem(layout.P, a, 0)
	b := layout.NewElem(layout.TOC, nil, 0)
	b1 := layout.NewElem(layout.TOCI, b, 0)
	tg.mark(&cs, a1)
	tg.mark(&cs, b1) // makes b, a new part, through its child
	tg.mark(&cs, b1)
	tg.mark(&cs, nil)
	tg.mark(&cs, b1)
	tg.close(&cs)
	if len(tg.nodes) != 2 || tg.nodes[a1] != nil || tg.nodes[b1] == nil {
		t.Errorf("%d layout elements kept, a1 %v, b1 %v", len(tg.nodes), tg.nodes[a1] != nil, tg.nodes[b1] != nil)
	}
	// a is finished (written to the spill, its two elements), b is not.
	if len(tg.parts) != 1 || tg.parts[0].size != 2 || tg.top == nil || tg.top.kids != 1 || tg.top.first.nc != 2 {
		t.Fatalf("tree: %d parts finished (%+v); the current's child has %d sequences", len(tg.parts), tg.parts, tg.top.first.nc)
	}
	if err := tg.finish(); err != nil {
		t.Fatal(err)
	}
	if len(tg.parts) != 2 || tg.count != 4 || len(tg.pages) != 0 {
		t.Errorf("finished: %d parts, %d elements, %d pages pending", len(tg.parts), tg.count, len(tg.pages))
	}
	if err := tg.release(); err != nil {
		t.Fatal(err)
	}
}
