package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/binder"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
)

// checkStrict runs the readers nobody here wrote on the PDF b: pdfcpu's
// strict validation, qpdf --check, and Ghostscript both rendering
// (nullpage) and rewriting (pdfwrite), which must neither warn nor
// repair anything.
func checkStrict(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(tool string, args ...string) string {
		t.Helper()
		out, err := exec.Command(golden.Tool(t, tool), args...).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %s %s: %v\n%s", name, tool, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := run("pdfcpu", "validate", "-m", "strict", file); !strings.Contains(out, "validation ok") {
		t.Errorf("%s: pdfcpu validate -m strict:\n%s", name, out)
	}
	if out := run("qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(out, "WARNING") {
		t.Errorf("%s: qpdf --check:\n%s", name, out)
	}
	for _, dev := range []string{"nullpage", "pdfwrite"} {
		out := run("gs", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE="+dev, "-o", filepath.Join(dir, "gs-"+dev+".pdf"), file)
		low := strings.ToLower(out)
		if strings.Contains(out, "****") || strings.Contains(low, "warning") || strings.Contains(low, "error") {
			t.Errorf("%s: gs -sDEVICE=%s:\n%s", name, dev, out)
		}
	}
}

// TestStrictReaders: a form, the binder and the grouped duplex binder pass
// pdfcpu's strict validation, qpdf and Ghostscript without a warning.
func TestStrictReaders(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	fs := defaultSet(t)
	forms := exampleForms(t)
	form, err := Bytes(formDocument(t, forms, 3), fs, Options{Creator: "jixiao test", Version: "0.1.0"})
	if err != nil {
		t.Fatal(err)
	}
	checkStrict(t, "form-04", form)
	if testing.Short() {
		return
	}
	checkStrict(t, "sample", mustBytes(t, sample(), Options{Watermark: DraftWatermark}))
	book, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, grouped := range []bool{false, true} {
		o := binder.Options{Layout: layout.DefaultOptions(), Duplex: grouped, GroupByUnit: grouped}
		o.Layout.Signature = grouped
		bl, err := binder.Plan(book, fs, o)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := bl.Document()
		if err != nil {
			t.Fatal(err)
		}
		name := "binder"
		if o.GroupByUnit {
			name = "binder-grouped-duplex"
		}
		checkStrict(t, name, mustBytes(t, doc, Options{Creator: "jixiao test"}))
	}
}

func mustBytes(t *testing.T, doc *layout.Document, opt Options) []byte {
	t.Helper()
	b, err := Bytes(doc, defaultSet(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
