package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPDFAFlags: --pdfa (2b), --pdfa=1b and --attach-data (3b) write the
// level they name; the binder with --attach-data is read back by import
// into the example book byte for byte, and by validate and render; a PDF
// without data and --attach-data with --pdfa=1b are refused with their
// messages.
func TestPDFAFlags(t *testing.T) {
	dir := t.TempDir()
	for flag, part := range map[string]string{"--pdfa": "2", "--pdfa=1b": "1", "--attach-data": "3"} {
		code, out, stderr := renderRun(t, "render", exampleBook, "--form", "4", flag, "-o", "-")
		if code != 0 || !bytes.Contains(out, []byte("<pdfaid:part>"+part+"</pdfaid:part>")) {
			t.Errorf("%s: exit %d, PDF/A part %s not claimed: %s", flag, code, part, stderr)
		}
	}
	if code, _, stderr := renderRun(t, "render", exampleBook, "--form", "4", "--pdfa=1b", "--attach-data", "-o", "-"); code != 2 || !strings.Contains(stderr, "PDF/A-1b") {
		t.Errorf("--pdfa=1b --attach-data: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"--pdfa", "-o", filepath.Join(dir, "x.ofd")}, {"--attach-data", "--format", "ofd", "-o", "-"}} {
		if code, _, stderr := renderRun(t, append([]string{"render", exampleBook, "--form", "4"}, args...)...); code != 2 || !strings.Contains(stderr, "--format ofd") {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
	bin := filepath.Join(dir, "binder.pdf")
	if code, _, stderr := binderRun("binder", exampleBook, "--attach-data", "-o", bin); code != 0 {
		t.Fatalf("binder --attach-data: exit %d: %s", code, stderr)
	}
	back := filepath.Join(dir, "back.json")
	if code, _, stderr := renderRun(t, "import", bin, "-o", back); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	want, _ := os.ReadFile(exampleBook)
	if got, _ := os.ReadFile(back); !bytes.Equal(got, want) {
		t.Error("import of the binder's PDF is not the example book")
	}
	if code, _, stderr := renderRun(t, "validate", bin); code != 0 {
		t.Errorf("validate of the binder's PDF: exit %d: %s", code, stderr)
	}
	if code, out, stderr := renderRun(t, "render", bin, "--form", "2", "-o", "-"); code != 0 || !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Errorf("render of the binder's PDF: exit %d: %s", code, stderr)
	}
	plain := filepath.Join(dir, "plain.pdf")
	if code, _, stderr := binderRun("binder", exampleBook, "-o", plain); code != 0 {
		t.Fatalf("binder: exit %d: %s", code, stderr)
	}
	// A file that cannot be read, as an input with problems: exit 1, the
	// problem listed with the file's name, as validate lists problems.
	if code, out, stderr := renderRun(t, "validate", plain); code != 1 || !strings.Contains(string(out), "plain.pdf: this PDF carries no form data") {
		t.Errorf("validate of a PDF without data: exit %d: %s%s", code, out, stderr)
	}
}
