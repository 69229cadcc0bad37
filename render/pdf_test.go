package render

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao/layout"
)

// TestWriterXref: every object is found at the offset the xref gives, and
// the trailer is a dictionary.
func TestWriterXref(t *testing.T) {
	var out bytes.Buffer
	z := getDeflater()
	defer putDeflater(z)
	w := newPDFWriter(&out, "1.7", false, z)
	cat, tree, pg, c := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	w.catalog(cat).pages(tree).end()
	w.pageTree(tree).kids([]ref{pg}).end()
	w.stream(c, []byte("0 0 m 10 10 l S"), true).end()
	w.page(pg).parent(tree).mediaBox(100, 200.004).contents(c).end()
	if err := w.finish(cat, 0, nil); err != nil {
		t.Fatal(err)
	}
	b := out.Bytes()
	x := bytes.LastIndex(b, []byte("startxref\n"))
	off, _ := strconv.Atoi(strings.Fields(string(b[x+len("startxref\n"):]))[0])
	lines := strings.Split(string(b[off:x]), "\n")
	if lines[0] != "xref" || lines[1] != "0 5" || lines[2] != "0000000000 65535 f " {
		t.Fatalf("xref head %q", lines[:3])
	}
	for i := 1; i <= 4; i++ {
		o, _ := strconv.Atoi(lines[2+i][:10])
		if want := strconv.Itoa(i) + " 0 obj\n"; !bytes.HasPrefix(b[o:], []byte(want)) {
			t.Errorf("object %d: offset %d holds %q", i, o, b[o:min(o+12, len(b))])
		}
	}
	if !strings.HasPrefix(lines[7], "trailer") || !strings.Contains(string(b[off:]), "trailer\n<< /Size 5 /Root 1 0 R>>\nstartxref\n") {
		t.Errorf("trailer: %q", b[off:])
	}
	if !bytes.Contains(b, []byte("/MediaBox [0 0 100.00 200.00]")) {
		t.Errorf("media box not to a hundredth:\n%s", b)
	}
}

// TestWriterMisuse: an object written twice, one allocated but never
// written, one never allocated, and an error of the underlying writer are
// errors of finish; the first is kept.
func TestWriterMisuse(t *testing.T) {
	z := getDeflater()
	defer putDeflater(z)
	cases := map[string]func(w *pdfWriter) ref{
		"twice": func(w *pdfWriter) ref {
			r := w.alloc()
			w.catalog(r).end()
			w.catalog(r).end()
			return r
		},
		"unwritten": func(w *pdfWriter) ref {
			r := w.alloc()
			w.alloc()
			w.catalog(r).end()
			return r
		},
		"unallocated": func(w *pdfWriter) ref {
			w.catalog(7).end()
			return 7
		},
	}
	for name, f := range cases {
		var out bytes.Buffer
		w := newPDFWriter(&out, "1.7", false, z)
		if err := w.finish(f(w), 0, nil); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	disk := errors.New("disk full")
	w := newPDFWriter(&failWriter{n: 0}, "1.7", false, z)
	r := w.alloc()
	w.catalog(r).end()
	if err := w.finish(r, 0, nil); !errors.Is(err, disk) && (err == nil || err.Error() != disk.Error()) {
		t.Errorf("write error: %v", err)
	}
}

func TestValues(t *testing.T) {
	for in, want := range map[string]string{
		"Type":             "/Type",
		"application/json": "/application#2Fjson",
		"A B#(c)":          "/A#20B#23#28c#29",
		"名":                "/#E5#90#8D",
	} {
		if got := string(appendName(nil, in)); got != want {
			t.Errorf("appendName(%q) = %s, want %s", in, got, want)
		}
	}
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "(D:20240102030405Z)"},
		{layout.DefaultDate(2024), "(D:20240101000000+08'00')"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(9*3600+30*60))), "(D:20240102030405-09'30')"},
	} {
		if got := string(appendDate(nil, c.t)); got != c.want {
			t.Errorf("appendDate = %s, want %s", got, c.want)
		}
	}
}

// TestWriterPacked: objects begun with beginPacked go into object streams
// (more than one when there are many) with a cross-reference stream, and
// qpdf reads every one back.
func TestWriterPacked(t *testing.T) {
	var out bytes.Buffer
	z := getDeflater()
	defer putDeflater(z)
	w := newPDFWriter(&out, "1.7", true, z)
	cat, tree, pg, root := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	items := make([]ref, packPerStream+5)
	for i := range items {
		items[i] = w.alloc()
	}
	w.catalog(cat).pages(tree).outlines(root).end()
	w.pageTree(tree).kids([]ref{pg}).end()
	w.page(pg).parent(tree).mediaBox(100, 100).end()
	w.outline(root).children(items[0], items[len(items)-1], len(items)).end()
	for i, r := range items {
		var prev, next ref
		if i > 0 {
			prev = items[i-1]
		}
		if i+1 < len(items) {
			next = items[i+1]
		}
		w.outlineItem(r, "第"+strconv.Itoa(i)+"项", root).siblings(prev, next).dest(pg, 100).end()
	}
	if err := w.finish(cat, 0, trailerID([]byte{1, 2, 3})); err != nil {
		t.Fatal(err)
	}
	b := out.Bytes()
	if n := bytes.Count(b, []byte("/Type /ObjStm")); n != 2 {
		t.Errorf("%d object streams, want 2", n)
	}
	if !bytes.Contains(b, []byte("/Type /XRef")) || bytes.Contains(b, []byte("\nxref\n")) {
		t.Error("no cross-reference stream")
	}
	if out := runTool(t, b, "qpdf", "--check", "PDF"); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if got := runTool(t, b, "qpdf", "--json", "--json-key=outlines", "PDF"); strings.Count(got, `"title"`) != len(items) || !strings.Contains(got, "第204项") {
		t.Errorf("outline read back: %d titles", strings.Count(got, `"title"`))
	}
}

// TestParentTreeRoom: parentTreeRoom is never less than what a parent tree
// takes: every element numbered as widely as the objects allow (the least
// slack), keys from 0 as writeStructure gives them.
func TestParentTreeRoom(t *testing.T) {
	for _, c := range []struct{ objects, pages, perPage, links int }{
		{5, 1, 1, 0}, {9, 3, 2, 1}, {99, 10, 9, 3}, {100, 10, 9, 3}, {99999, 317, 40, 170}, {100000, 2000, 60, 1000},
	} {
		var out bytes.Buffer
		z := getDeflater()
		w := newPDFWriter(&out, "1.7", true, z)
		for range c.objects - 1 {
			w.alloc()
		}
		r := ref(c.objects - 1)
		w.b = w.b[:0]
		pt := w.parentTree(r)
		start := len(w.b)
		elems := make([]ref, c.perPage)
		for i := range elems {
			elems[i] = r
		}
		for k := range c.pages {
			pt.page(k, elems)
		}
		for k := range c.links {
			pt.annot(c.pages+k, r)
		}
		used := len(w.b) - start
		room := parentTreeRoom(c.pages, c.pages*c.perPage, c.links, len(w.offs))
		putDeflater(z)
		if used > room {
			t.Errorf("%+v: %d bytes written, room for %d", c, used, room)
		}
	}
}
