package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"jixiao/layout"
)

// formPage returns page i of n of a synthetic binder, made as it is read:
// one part per page (a form's Sect) holding a title and a table of 30
// rows of 4 cells of text, the structure of a form's page, and on the
// first page a link to each tenth page, tagged, as the contents' lines
// are.
func formPage(i, n int) *layout.Page {
	pg := &layout.Page{Width: layout.Millimetres(210), Height: layout.Millimetres(297)}
	sect := layout.NewElem(layout.Sect, nil, 0)
	title := layout.NewElem(layout.H1, sect, 0)
	pg.Items = append(pg.Items, layout.Item{Kind: layout.Text, X: 72 * layout.Pt, Y: 60 * layout.Pt, Role: layout.Title, Size: 16 * layout.Pt,
		Text: fmt.Sprintf("项目支出绩效目标表 %d", i+1), Elem: title})
	table := layout.NewElem(layout.Table, sect, 1)
	for r := range 30 {
		row := layout.NewElem(layout.TR, table, r)
		y := 100*layout.Pt + layout.Length(r)*20*layout.Pt
		for c := range 4 {
			cell := layout.NewElem(layout.TD, row, c)
			x := 72*layout.Pt + layout.Length(c)*110*layout.Pt
			pg.Items = append(pg.Items,
				layout.Item{Kind: layout.Text, X: x, Y: y, Role: layout.Body, Size: 10500, Text: fmt.Sprintf("指标%d值%d", r, c), Elem: cell},
				layout.Item{Kind: layout.Rule, X: x, Y: y + 5*layout.Pt, X2: x + 110*layout.Pt, Y2: y + 5*layout.Pt, Stroke: 500})
		}
	}
	if i == 0 {
		toc := layout.NewElem(layout.TOC, nil, 0)
		for k := 0; k < n; k += 10 {
			link := layout.NewElem(layout.LinkElem, layout.NewElem(layout.TOCI, toc, k), 0)
			pg.Items = append(pg.Items, layout.Item{Kind: layout.Link, X: 72 * layout.Pt, Y: layout.Length(k%700) * layout.Pt, W: 100 * layout.Pt, H: 10 * layout.Pt, Target: k, Elem: link})
		}
	}
	return pg
}

func formPages(n int, at func(i int)) layout.PageSeq {
	return func(yield func(int, *layout.Page) error) error {
		for i := range n {
			if at != nil {
				at(i)
			}
			if err := yield(i, formPage(i, n)); err != nil {
				return err
			}
		}
		return nil
	}
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC() // and what the pools held
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// useSpill makes the spills keep limit bytes in memory and their files in
// a directory of the test, whose names it records, until the test ends.
func useSpill(t *testing.T, limit int) *[]string {
	var names []string
	var mu sync.Mutex // spillTemp is called by whichever goroutine writes a spill
	oldLimit, oldTemp := spillLimit, spillTemp
	dir := t.TempDir()
	spillLimit = limit
	spillTemp = func() (*os.File, error) {
		f, err := os.CreateTemp(dir, "spill-*")
		if err == nil {
			mu.Lock()
			names = append(names, f.Name())
			mu.Unlock()
		}
		return f, err
	}
	t.Cleanup(func() { spillLimit, spillTemp = oldLimit, oldTemp })
	return &names
}

func requireRemoved(t *testing.T, names []string) {
	t.Helper()
	for _, n := range names {
		if _, err := os.Stat(n); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind (%v)", filepath.Base(n), err)
		}
	}
}

// TestRetainedPerPage: what render keeps of a page once it is drawn is
// small and does not grow with the page: the live heap, after a
// collection, grows by well under a kilobyte a page while a binder of
// 150-element pages is drawn (a few dozen bytes; what is in flight at the
// two moments measured varies by some 50 kB). Before the spill it kept
// every page's compressed contents and an element object for each of its
// structure elements, 18 kB a page; a slab of elements holding on to the
// slab before it (fixed) made it 2.4 kB.
func TestRetainedPerPage(t *testing.T) {
	useSpill(t, 64<<10)
	fs := defaultSet(t)
	n := 1500
	if testing.Short() {
		n = 600
	}
	const from = 100
	var h0, h1 uint64
	at := func(i int) {
		switch i {
		case from:
			h0 = liveHeap()
		case n - 1:
			h1 = liveHeap()
		}
	}
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}
	if err := WritePages(io.Discard, fr, formPages(n, at), fs, Options{}); err != nil {
		t.Fatal(err)
	}
	per := (int64(h1) - int64(h0)) / int64(n-1-from)
	t.Logf("live heap %.1f MB at page %d, %.1f MB at page %d: %d bytes a page", float64(h0)/1e6, from+1, float64(h1)/1e6, n, per)
	if per > 512 {
		t.Errorf("the live heap grows by %d bytes a page drawn, want at most 512", per)
	}
}

// TestSpillFiles: with the spills' memory bound small, the pages and the
// structure go through temporary files; the PDF is the same bytes, and
// the files are gone once it is written: at once where an open file can
// be removed (nameless while drawing), else when closed (as on Windows).
func TestSpillFiles(t *testing.T) {
	fs := defaultSet(t)
	const n = 60
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}
	opts := []Options{{}, {PDFA: PDFA1B}, {PDFA: PDFA2B}}
	want := make([][]byte, len(opts))
	for k, opt := range opts {
		var b bytes.Buffer
		if err := WritePages(&b, fr, formPages(n, nil), fs, opt); err != nil {
			t.Fatal(err)
		}
		want[k] = b.Bytes()
	}
	names := useSpill(t, 4<<10)
	for _, unlink := range []bool{true, false} {
		if !unlink {
			spillUnlink = func(string) error { return errors.New("the file is open") }
			t.Cleanup(func() { spillUnlink = os.Remove })
		}
		for k, opt := range opts {
			*names = nil
			// While the last page is drawn, the files exist, named or not.
			made, named := 0, -1
			at := func(i int) {
				if i == n-1 {
					made, named = len(*names), 0
					for _, name := range *names {
						if _, err := os.Stat(name); err == nil {
							named++
						}
					}
				}
			}
			var got bytes.Buffer
			if err := WritePages(&got, fr, formPages(n, at), fs, opt); err != nil {
				t.Fatal(err)
			}
			if len(*names) != 3 {
				t.Errorf("%d spill files made, want 3 (contents, elements, parent tree)", len(*names))
			}
			wantNamed := made
			if unlink && runtime.GOOS != "windows" {
				wantNamed = 0
			}
			if made == 0 || named != wantNamed {
				t.Errorf("unlink %v: %d files made, %d of them named while drawing, want %d", unlink, made, named, wantNamed)
			}
			requireRemoved(t, *names)
			if !bytes.Equal(got.Bytes(), want[k]) {
				t.Errorf("PDF/A %q: spilled to files, the PDF differs", opt.PDFA)
			}
		}
	}
}

// TestSpillErrors: the files are removed when drawing fails after they
// were made, and an error of the spill — its file cannot be made, or
// written — reaches the caller, with nothing written.
func TestSpillErrors(t *testing.T) {
	fs := defaultSet(t)
	const n = 40
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}

	names := useSpill(t, 4<<10)
	stop := errors.New("stop")
	seq := func(yield func(int, *layout.Page) error) error {
		if err := formPages(n-5, nil)(yield); err != nil {
			return err
		}
		return stop
	}
	var out bytes.Buffer
	if err := WritePages(&out, fr, seq, fs, Options{}); !errors.Is(err, stop) {
		t.Errorf("sequence error: %v", err)
	}
	if len(*names) == 0 {
		t.Error("no spill file made")
	}
	requireRemoved(t, *names)

	// A file that cannot be made.
	full := errors.New("no space left on device")
	spillTemp = func() (*os.File, error) { return nil, full }
	err := WritePages(&out, fr, formPages(n, nil), fs, Options{})
	var te *TempError
	if !errors.Is(err, full) || !errors.As(err, &te) || te.Dir != os.TempDir() {
		t.Errorf("temporary file refused: %v", err)
	}

	// A file that cannot be written: closed as soon as made.
	*names = nil
	dir := t.TempDir()
	var mu sync.Mutex
	spillTemp = func() (*os.File, error) {
		f, err := os.CreateTemp(dir, "spill-*")
		if err == nil {
			mu.Lock()
			*names = append(*names, f.Name())
			mu.Unlock()
			f.Close()
		}
		return f, err
	}
	err = WritePages(&out, fr, formPages(n, nil), fs, Options{})
	if !errors.As(err, &te) {
		t.Errorf("write error: %v", err)
	}
	requireRemoved(t, *names)
	if out.Len() != 0 {
		t.Errorf("%d bytes written despite the errors", out.Len())
	}
}

// TestSpillReadBack: a spill reads back what was written, from memory (in
// blocks of 4, 8 and 16 kB here) and from its file, in sections at any
// offset, across blocks.
func TestSpillReadBack(t *testing.T) {
	for _, limit := range []int{1 << 20, 100} {
		useSpill(t, limit)
		s := newSpill()
		var all []byte
		for i := range 300 {
			p := bytes.Repeat([]byte{byte(i)}, i%97+1)
			all = append(all, p...)
			if _, err := s.Write(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.done(); err != nil {
			t.Fatal(err)
		}
		if (s.f != nil) != (limit < len(all)) {
			t.Errorf("limit %d: file %v for %d bytes", limit, s.f != nil, len(all))
		}
		if limit > len(all) && len(s.mem) != 3 {
			t.Errorf("%d bytes in %d blocks, want 3", len(all), len(s.mem))
		}
		for _, sec := range [][2]int{{0, len(all)}, {5, 100}, {len(all) - 3, 3}, {7, 0}, {4090, 20}, {4096, 8192}, {4000, 10000}} {
			got, err := io.ReadAll(s.section(int64(sec[0]), int64(sec[1])))
			if err != nil || !bytes.Equal(got, all[sec[0]:sec[0]+sec[1]]) {
				t.Errorf("limit %d: section %v: %v", limit, sec, err)
			}
		}
		if err := s.close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPartsOutOfOrder: the Document's children are in the order of their
// Order, not drawn (ties as drawn), whether the parts' records are read
// back from memory or, out of the order they were written, from a file.
func TestPartsOutOfOrder(t *testing.T) {
	fs := defaultSet(t)
	const n = 12
	page := func(i int, yield func(int, *layout.Page) error) error {
		pg := &layout.Page{Width: layout.Millimetres(210), Height: layout.Millimetres(297)}
		// Page i holds part i, of Order n-i (so read in reverse), with a
		// title and a paragraph naming it.
		sect := layout.NewElem(layout.Sect, nil, n-i)
		pg.Items = append(pg.Items,
			layout.Item{Kind: layout.Text, X: 72 * layout.Pt, Y: 72 * layout.Pt, Role: layout.Title, Size: 16 * layout.Pt, Text: fmt.Sprintf("第%d部分", i+1), Elem: layout.NewElem(layout.H1, sect, 1)},
			layout.Item{Kind: layout.Text, X: 72 * layout.Pt, Y: 100 * layout.Pt, Role: layout.Body, Size: 10500, Text: strings.Repeat("内容", 40), Elem: layout.NewElem(layout.P, sect, 0)})
		return yield(i, pg)
	}
	seq := func(yield func(int, *layout.Page) error) error {
		for i := range n {
			if err := page(i, yield); err != nil {
				return err
			}
		}
		return nil
	}
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}
	var mem, file bytes.Buffer
	if err := WritePages(&mem, fr, seq, fs, Options{}); err != nil {
		t.Fatal(err)
	}
	names := useSpill(t, 64)
	if err := WritePages(&file, fr, seq, fs, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(*names) == 0 {
		t.Error("no file made")
	}
	if !bytes.Equal(mem.Bytes(), file.Bytes()) {
		t.Error("read back from files, the PDF differs")
	}
	st := structText(t, mem.Bytes())
	var order []string
	for _, l := range strings.Split(st, "\n") {
		if i := strings.Index(l, "第"); i >= 0 {
			order = append(order, strings.Trim(strings.TrimSpace(l[i:]), `"`))
		}
	}
	var want []string
	for i := n; i >= 1; i-- {
		want = append(want, fmt.Sprintf("第%d部分", i))
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("parts read as %v, want %v\n%s", order, want, st[:min(len(st), 1500)])
	}
	// Within a part: P (Order 0) before H1 (Order 1), though drawn after.
	if i, j := strings.Index(st, "    P"), strings.Index(st, "    H1"); i < 0 || j < 0 || i > j {
		t.Errorf("P at %d, H1 at %d in\n%s", i, j, st[:min(len(st), 600)])
	}
}

// A spill reader's buffer grows with the sections it is given: a small
// first one (a binder's cover) must not leave the large ones after it read
// through a buffer of its size.
func TestSpillReaderGrows(t *testing.T) {
	var r spillReader
	r.reset(io.NewSectionReader(strings.NewReader("ab"), 0, 2))
	small := r.r.Size()
	big := strings.Repeat("x", 100<<10)
	r.reset(io.NewSectionReader(strings.NewReader(big), 0, int64(len(big))))
	if r.r.Size() != 32<<10 || small >= r.r.Size() {
		t.Errorf("buffer of %d bytes after a section of 2 and %d after one of 100 kB", small, r.r.Size())
	}
	r.reset(io.NewSectionReader(strings.NewReader("cd"), 0, 2))
	if r.r.Size() != 32<<10 {
		t.Errorf("buffer shrank to %d bytes", r.r.Size())
	}
}

// Options.Stop ends the writing of a document whose pages are all drawn,
// with its error, at the next page.
func TestStopWhileWriting(t *testing.T) {
	fs := defaultSet(t)
	const n = 40
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}
	stop := errors.New("cancelled")
	asked := 0
	opt := Options{Stop: func() error {
		asked++
		if asked == 5 {
			return stop
		}
		return nil
	}}
	var out bytes.Buffer
	if err := WritePages(&out, fr, formPages(n, nil), fs, opt); !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the Stop error", err)
	}
	if asked != 5 {
		t.Errorf("Stop asked %d times, want 5", asked)
	}
	// Never stopping writes the document.
	opt.Stop = func() error { return nil }
	out.Reset()
	if err := WritePages(&out, fr, formPages(n, nil), fs, opt); err != nil || !bytes.HasSuffix(out.Bytes(), []byte("%%EOF\n")) {
		t.Fatalf("err = %v, %d bytes", err, out.Len())
	}
}
