package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/golden"
	"jixiao/internal/safetext"
	"jixiao/model"
)

const form2 = "创业投资引导资金（促进就业资金）"

// previewSize decodes the PNG at path and returns its size.
func previewSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img.Bounds().Size()
}

// TestPreviewForm is the "done when": the pages of form 2 of the
// example book, A4 at 100 dpi.
func TestPreviewForm(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "previews") // made by the command
	code, _, stderr := renderRun(t, "preview", exampleBook, "--form", "2", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{form2 + "-p01.png", form2 + "-p02.png", form2 + "-p03.png"}
	if got := renderDirNames(t, dir); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("files %q, want %q (and no temporary files)", got, want)
	}
	for _, name := range want {
		if s := previewSize(t, filepath.Join(dir, name)); s != image.Pt(827, 1170) {
			t.Errorf("%s is %v, want 827 × 1170", name, s)
		}
	}
	if !strings.Contains(stderr, "wrote 3 pages: "+filepath.Join(dir, want[0])) {
		t.Errorf("stderr: %s", stderr)
	}

	// --project picks the same form; --pages and --dpi choose pages and size.
	dir2 := t.TempDir()
	code, _, stderr = renderRun(t, "preview", exampleBook, "--project", form2, "--pages", "2-", "--dpi", "50", "-o", dir2)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := renderDirNames(t, dir2); strings.Join(got, "|") != strings.Join(want[1:], "|") {
		t.Fatalf("--pages 2-: files %q", got)
	}
	if s := previewSize(t, filepath.Join(dir2, want[1])); s != image.Pt(414, 585) {
		t.Errorf("--dpi 50: %v, want 414 × 585", s)
	}
}

// TestPreviewBook: without --form, each form's pages, named after its project.
func TestPreviewBook(t *testing.T) {
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "preview", exampleBook, "--pages", "1", "--dpi", "20", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names := renderDirNames(t, dir)
	if len(names) != len(b.Forms) {
		t.Fatalf("%d files for %d forms: %q", len(names), len(b.Forms), names)
	}
	for _, f := range b.Forms {
		if _, err := os.Stat(filepath.Join(dir, safetext.FileName(f.Project)+"-p01.png")); err != nil {
			t.Error(err)
		}
	}
	// Page 3 of every form: the forms of two pages are passed over.
	dir3 := t.TempDir()
	code, _, stderr = renderRun(t, "preview", exampleBook, "--pages", "3", "--dpi", "20", "-o", dir3)
	if code != 0 {
		t.Fatalf("--pages 3: exit %d: %s", code, stderr)
	}
	names = renderDirNames(t, dir3)
	if len(names) == 0 || len(names) >= len(b.Forms) {
		t.Errorf("--pages 3: %q", names)
	}
	for _, n := range names {
		if !strings.HasSuffix(n, "-p03.png") {
			t.Errorf("--pages 3 wrote %s", n)
		}
	}
	code, _, stderr = renderRun(t, "preview", exampleBook, "--pages", "50", "-o", dir3)
	if code != 2 || !strings.Contains(stderr, "--pages 50: no form of the book has these pages") {
		t.Errorf("--pages 50: exit %d: %s", code, stderr)
	}
}

// TestPreviewDrawsWhatIsReady: as render and binder, preview draws the
// forms that are ready and names the one with errors, exit 1; --strict
// draws nothing (it refused the whole book for one form: the seventh
// session's review).
func TestPreviewDrawsWhatIsReady(t *testing.T) {
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	b.Forms = b.Forms[:3]
	b.Forms[1].Indicators[0].Level1 = "不是一级指标"
	book := filepath.Join(t.TempDir(), "mix.json")
	var buf bytes.Buffer
	if err := model.EncodeJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "preview", book, "--pages", "1", "--dpi", "20", "-o", dir)
	if code != 1 || !strings.Contains(stderr, "1 form with errors: 2 ") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	names := renderDirNames(t, dir)
	want := []string{safetext.FileName(b.Forms[0].Project) + "-p01.png", safetext.FileName(b.Forms[2].Project) + "-p01.png"}
	if strings.Join(names, " ") != strings.Join(want, " ") && strings.Join(names, " ") != want[1]+" "+want[0] {
		t.Errorf("wrote %q, want %q", names, want)
	}
	strict := t.TempDir()
	if code, _, stderr := renderRun(t, "preview", book, "--strict", "--dpi", "20", "-o", strict); code != 1 || len(renderDirNames(t, strict)) != 0 {
		t.Errorf("--strict: exit %d, %q: %s", code, renderDirNames(t, strict), stderr)
	}
}

// TestPreviewBinder: the binder's pages, the cover first, numbered over the
// whole binder.
func TestPreviewBinder(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "preview", "--binder", exampleBook, "--pages", "1-2,34-", "--dpi", "30", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{"binder-p01.png", "binder-p02.png", "binder-p34.png"}
	if got := renderDirNames(t, dir); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("files %q, want %q", got, want)
	}
	code, _, stderr = renderRun(t, "preview", "--binder", exampleBook, "--pages", "35", "-o", dir)
	if code != 2 || !strings.Contains(stderr, "--pages 35: the binder has none of these pages (it has 34)") {
		t.Errorf("--pages past the end: exit %d: %s", code, stderr)
	}
}

func TestPreviewUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.png")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{exampleBook, "--form", "2"}, "-o DIR"},
		{[]string{exampleBook, "--form", "2", "-o", "-"}, "-o DIR"},
		{[]string{exampleBook, "--form", "2", "-o", file}, "-o " + file + ": not a directory"},
		{[]string{exampleBook, "--form", "2", "--project", form2, "-o", dir}, "at most one of --form and --project"},
		{[]string{"--binder", exampleBook, "--form", "2", "-o", dir}, "--binder draws every form"},
		{[]string{exampleBook, "--form", "2", "--dpi", "5", "-o", dir}, "--dpi 5: give a resolution from 10 to 600"},
		{[]string{exampleBook, "--form", "2", "--dpi", "NaN", "-o", dir}, "--dpi NaN"},
		{[]string{exampleBook, "--form", "2", "--pages", "3-1", "-o", dir}, `--pages "3-1": expected page numbers`},
		{[]string{exampleBook, "--form", "2", "--pages", "0", "-o", dir}, `--pages "0"`},
		{[]string{exampleBook, "--form", "2", "--pages", "7", "-o", dir}, `--pages 7: "` + form2 + `" has none of these pages (it has 3)`},
		{[]string{exampleBook, "--form", "99", "-o", dir}, "--form 99: the book has 18 forms"},
		{[]string{exampleBook, exampleBook, "-o", dir}, "give one FILE (or, with --binder, one or more)"},
		{[]string{dir, "-o", dir}, "is a directory"},
		{[]string{exampleBook, "--group-by", "year", "--binder", "-o", dir}, "--group-by"},
		{[]string{exampleBook, "--group-by", "unit", "--form", "1", "-o", dir}, "give --binder too"},
	} {
		code, _, stderr := renderRun(t, append([]string{"preview"}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, want 2 with %q:\n%s", c.args, code, c.want, stderr)
		}
	}
	if names := renderDirNames(t, dir); len(names) != 1 {
		t.Errorf("usage errors wrote files: %q", names)
	}
	code, stdout, _ := renderRun(t, "preview", "-h")
	if code != 0 || !strings.Contains(string(stdout), "DIR/PROJECT-p01.png") {
		t.Errorf("-h: exit %d: %s", code, stdout)
	}
}

// TestPreviewMissingGlyph: a character no font has stops the command before
// any image is written, unless --allow-missing, which draws a box.
func TestPreviewMissingGlyph(t *testing.T) {
	path := renderFormFile(t, func(f *model.Form) { f.Overview = "私用\uE000区" + f.Overview })
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "preview", path, "-o", dir)
	if code != 1 || !strings.Contains(stderr, "forms[0].overview: U+E000") {
		t.Fatalf("exit %d, want 1 naming the character:\n%s", code, stderr)
	}
	if names := renderDirNames(t, dir); len(names) != 0 {
		t.Fatalf("failure left files: %q", names)
	}
	code, _, stderr = renderRun(t, "preview", path, "-o", dir, "--allow-missing", "--pages", "1")
	if code != 0 || !strings.Contains(stderr, "warning") {
		t.Fatalf("--allow-missing: exit %d: %s", code, stderr)
	}
	if names := renderDirNames(t, dir); len(names) != 1 {
		t.Fatalf("--allow-missing: files %q", names)
	}
}

func TestParsePages(t *testing.T) {
	for _, c := range []struct {
		arg string
		in  []int
		out []int
	}{
		{"", []int{1, 2, 99}, nil},
		{"1-3", []int{1, 2, 3}, []int{4}},
		{"2", []int{2}, []int{1, 3}},
		{"1,4-", []int{1, 4, 100}, []int{2, 3}},
		{"-2", []int{1, 2}, []int{3}},
		{" 3 - 4 ", []int{3, 4}, []int{2, 5}},
	} {
		s, err := parsePages(c.arg)
		if err != nil {
			t.Errorf("%q: %v", c.arg, err)
			continue
		}
		for _, p := range c.in {
			if !s.has(p) {
				t.Errorf("%q lacks page %d", c.arg, p)
			}
		}
		for _, p := range c.out {
			if s.has(p) {
				t.Errorf("%q has page %d", c.arg, p)
			}
		}
	}
	for _, bad := range []string{"x", "0", "-", "3-1", "1,,2", "+2", "1-2-3", "1.5"} {
		if _, err := parsePages(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := pageFileName("x", 7, 120); got != "x-p007.png" {
		t.Errorf("pageFileName = %q", got)
	}
}

// TestREADMEPreview keeps the preview shown in the README the command's
// output: page 1 of form 2 at 72 dpi. go test -update rewrites it.
func TestREADMEPreview(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "preview", exampleBook, "--form", "2", "--pages", "1", "--dpi", "72", "-o", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, form2+"-p01.png"))
	if err != nil {
		t.Fatal(err)
	}
	const docs = "../../docs/preview-form2-p01.png"
	if *golden.Update {
		if err := os.WriteFile(docs, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	decode := func(path string) image.Image {
		f, err := os.Open(path)
		if err != nil {
			t.Fatalf("%v (go test -update makes it)", err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	d := golden.CompareImages(decode(docs), decode(filepath.Join(dir, form2+"-p01.png")), golden.Tolerance{Pixel: 32, Max: 0.0001, Cluster: 4})
	if !d.OK() {
		t.Errorf("%s is not what jixiao preview draws: %s (go test ./cmd/jixiao -update rewrites it)", docs, d)
	}
}

// TestPreviewKeepsInput: an image never replaces an input file, even one
// named like the image would be.
func TestPreviewKeepsInput(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(renderFormFile(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, safetext.FileName(b.Forms[6].Project)+"-p01.png")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := renderRun(t, "preview", in, "-o", dir)
	if code != 2 || !strings.Contains(stderr, "it is the input file") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if after, err := os.ReadFile(in); err != nil || string(after) != string(data) {
		t.Errorf("the input was replaced (%v)", err)
	}
}
