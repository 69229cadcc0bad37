package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/model"
)

// isOFD reports whether data is an OFD package (a ZIP whose OFD.xml is in
// the OFD namespace) and returns its number of pages.
func isOFD(t *testing.T, data []byte) (bool, int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false, 0
	}
	root, pages := false, 0
	for _, f := range zr.File {
		if f.Name == "OFD.xml" {
			root = true
		}
		if strings.HasPrefix(f.Name, "Doc_0/Pages/") && strings.HasSuffix(f.Name, "/Content.xml") {
			pages++
		}
	}
	return root, pages
}

// TestRenderOFD: -o x.ofd or --format ofd writes OFD, for one form, to
// standard output, into --out-dir and as the binder; a bad --format is a
// usage error; a broken form gives the problems the PDF gives, and no
// file.
func TestRenderOFD(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "form4.ofd")
	code, _, stderr := renderRun(t, "render", exampleBook, "--form", "4", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, err := os.ReadFile(out)
	if ok, n := isOFD(t, a); err != nil || !ok || n != 3 {
		t.Fatalf("-o form4.ofd: no OFD of 3 pages written: %v, %d pages", err, n)
	}
	code, stdout, stderr := renderRun(t, "render", exampleBook, "--form", "4", "--format", "ofd", "-o", "-")
	if code != 0 || !bytes.Equal(stdout, a) {
		t.Errorf("--format ofd -o -: exit %d, same bytes %v: %s", code, bytes.Equal(stdout, a), stderr)
	}
	// --format wins over the name.
	code, stdout, _ = renderRun(t, "render", exampleBook, "--form", "4", "--format", "pdf", "-o", "-")
	if code != 0 || !renderIsPDF(stdout) {
		t.Errorf("--format pdf: exit %d, no PDF", code)
	}

	outDir := filepath.Join(dir, "all")
	if code, _, stderr := renderRun(t, "render", exampleBook, "--format", "ofd", "--out-dir", outDir); code != 0 {
		t.Fatalf("--out-dir: exit %d: %s", code, stderr)
	}
	names := renderDirNames(t, outDir)
	if len(names) != 18 || !strings.HasSuffix(names[0], ".ofd") {
		t.Errorf("--out-dir holds %v", names)
	}

	binder := filepath.Join(dir, "binder.ofd")
	if code, _, stderr := renderRun(t, "binder", exampleBook, "-o", binder); code != 0 {
		t.Fatalf("binder: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(binder)
	if ok, n := isOFD(t, data); err != nil || !ok || n < 30 {
		t.Errorf("binder.ofd: %v, %d pages", err, n)
	}

	// One binder per unit (the example book has one), an OFD named after it.
	split := filepath.Join(dir, "units")
	if code, _, stderr := renderRun(t, "binder", exampleBook, "--split-by", "unit", "--format", "ofd", "--out-dir", split); code != 0 {
		t.Fatalf("binder --split-by unit: exit %d: %s", code, stderr)
	}
	units := renderDirNames(t, split)
	if len(units) != 1 || units[0] != "江阴市人力资源和社会保障局（机关）.ofd" {
		t.Errorf("--split-by unit wrote %v", units)
	}
	for _, n := range units {
		data, err := os.ReadFile(filepath.Join(split, n))
		if ok, pages := isOFD(t, data); err != nil || !ok || pages == 0 || !strings.HasSuffix(n, ".ofd") {
			t.Errorf("%s: not an OFD (%v, %d pages)", n, err, pages)
		}
	}

	code, stdout, stderr = renderRun(t, "render", exampleBook, "--form", "4", "--format", "xps", "-o", "-")
	if code != 2 || len(stdout) != 0 || !strings.Contains(stderr, `--format: "xps" is neither pdf nor ofd`) {
		t.Errorf("--format xps: exit %d, %d bytes, %q", code, len(stdout), stderr)
	}

	// A broken form: the messages of the PDF, exit 1, no file.
	path := renderFormFile(t, func(f *model.Form) { f.Indicators[0].Level1 = "不存在的一级指标" })
	bad := t.TempDir()
	_, _, pdfErr := renderRun(t, "render", path, "-o", filepath.Join(bad, "x.pdf"))
	code, _, ofdErr := renderRun(t, "render", path, "-o", filepath.Join(bad, "x.ofd"))
	if code != 1 || ofdErr != pdfErr {
		t.Errorf("exit %d, messages\n%s\nwant those of the PDF\n%s", code, ofdErr, pdfErr)
	}
	if names := renderDirNames(t, bad); len(names) != 0 {
		t.Errorf("failure left files: %v", names)
	}
}
