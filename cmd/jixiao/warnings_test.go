package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/golden"
	"jixiao/model"
)

// warnedForm is form 7 without its 生态效益 row: printable, with a warning.
func warnedForm(t *testing.T) string {
	return renderFormFile(t, func(f *model.Form) {
		var kept []model.Indicator
		for _, in := range f.Indicators {
			if in.Level2 != "生态效益" {
				kept = append(kept, in)
			}
		}
		f.Indicators = kept
	})
}

// TestStrictAndQuiet: a form with a warning validates (exit 0, the warning
// listed); --strict makes it an error (exit 1) for validate, render and
// binder, which then write nothing; -q and --warnings=false hide the
// warning and keep errors.
func TestStrictAndQuiet(t *testing.T) {
	file := warnedForm(t)
	code, out, stderr := renderRun(t, "validate", file)
	if code != 0 || !strings.Contains(string(out), "warning: ") || !strings.Contains(string(out), "生态效益") {
		t.Fatalf("validate: exit %d: %s%s", code, out, stderr)
	}
	code, out, _ = renderRun(t, "validate", "--strict", file)
	if code != 1 || strings.Contains(string(out), "warning: ") || !strings.Contains(string(out), "生态效益") {
		t.Errorf("validate --strict: exit %d: %s", code, out)
	}
	code, out, _ = renderRun(t, "validate", "--strict", "--json", file)
	if code != 1 || !strings.Contains(string(out), `"severity": "error"`) || !strings.Contains(string(out), `"code": "category-missing"`) {
		t.Errorf("validate --strict --json: exit %d: %s", code, out)
	}
	for _, q := range []string{"-q", "--warnings=false"} {
		code, out, _ = renderRun(t, "validate", q, file)
		if code != 0 || strings.Contains(string(out), "生态效益") {
			t.Errorf("validate %s: exit %d: %s", q, code, out)
		}
	}
	// Errors stay with -q.
	bad := renderFormFile(t, func(f *model.Form) { f.Unit = "" })
	if code, out, _ := renderRun(t, "validate", "-q", bad); code != 1 || !strings.Contains(string(out), "单位名称") {
		t.Errorf("validate -q with an error: exit %d: %s", code, out)
	}

	dir := t.TempDir()
	for _, cmd := range []string{"render", "binder"} {
		pdf := filepath.Join(dir, cmd+".pdf")
		code, _, stderr := renderRun(t, cmd, file, "-o", pdf)
		if code != 0 || !strings.Contains(stderr, "warning: ") {
			t.Errorf("%s: exit %d: %s", cmd, code, stderr)
		}
		os.Remove(pdf)
		code, _, stderr = renderRun(t, cmd, file, "--strict", "-o", pdf)
		if _, err := os.Stat(pdf); code != 1 || err == nil || !strings.Contains(stderr, "--strict") || strings.Contains(stderr, "warning: ") {
			t.Errorf("%s --strict: exit %d, output written %v: %s", cmd, code, err == nil, stderr)
		}
		code, _, stderr = renderRun(t, cmd, file, "-q", "-o", pdf)
		if code != 0 || strings.Contains(stderr, "生态效益") {
			t.Errorf("%s -q: exit %d: %s", cmd, code, stderr)
		}
	}
}

// TestPreviewRefusesWatermark: a preview is drawn without a watermark, so
// --draft there is a usage error rather than silently ignored.
func TestPreviewRefusesWatermark(t *testing.T) {
	code, _, stderr := renderRun(t, "preview", exampleBook, "--form", "1", "--draft", "-o", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "--draft") {
		t.Errorf("preview --draft: exit %d: %s", code, stderr)
	}
}

// TestNoIndicatorsSaysWhatPrints: the warning for a form without
// indicators, in either language, names the standard framework and not a
// header alone, and the form printed holds what the warning promises:
// every 一级 and 二级 and the standard 三级 of 决策 and 过程.
func TestNoIndicatorsSaysWhatPrints(t *testing.T) {
	file := renderFormFile(t, func(f *model.Form) { f.Indicators = nil })
	pdf := filepath.Join(t.TempDir(), "x.pdf")
	for lang, want := range map[string]string{"en": "standard framework", "zh": "标准框架"} {
		code, _, stderr := renderRun(t, "render", file, "--lang", lang, "-o", pdf)
		if code != 0 || !strings.Contains(stderr, want) || strings.Contains(stderr, "header only") || strings.Contains(stderr, "只会印出表头") {
			t.Errorf("--lang %s: exit %d: %s", lang, code, stderr)
		}
	}
	out, err := exec.Command(golden.Tool(t, "pdftotext"), "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	var promised []string
	for _, c := range model.Framework() {
		promised = append(promised, c.Name)
		promised = append(promised, c.Level2...)
	}
	for _, s := range model.StandardLevel3() {
		promised = append(promised, s.Level3)
	}
	for _, p := range promised {
		if !strings.Contains(text, p) {
			t.Errorf("the form without indicators does not print %s", p)
		}
	}
}
