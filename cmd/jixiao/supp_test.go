package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/golden"
	"jixiao/model"
)

// TestRenderSupplementary: jixiao render prints a form whose 项目名称 holds
// 𠮷 (U+20BB7) with --font-fallback HanaMinB.ttf, and Noto Serif SC's own
// characters above U+FFFF (𡐓 𬘬) with no option; pdftotext gives them all
// back. Without the fallback only 𠮷 is refused.
func TestRenderSupplementary(t *testing.T) {
	hana := golden.File(t, "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", "fonts-hanazono")
	pdftotext := golden.Tool(t, "pdftotext")
	const unit, project = "江阴市𡐓村社区服务中心", "𠮷祥𬘬溪项目"
	path := renderFormFile(t, func(f *model.Form) { f.Unit, f.Project = unit, project })
	out := filepath.Join(t.TempDir(), "x.pdf")

	code, _, stderr := renderRun(t, "render", path, "-o", out)
	if code != 1 || !strings.Contains(stderr, "forms[0].project: U+20BB7 '𠮷'") || strings.Contains(stderr, "U+21413") || strings.Contains(stderr, "U+2C62C") {
		t.Fatalf("without a fallback: exit %d:\n%s", code, stderr)
	}
	code, _, stderr = renderRun(t, "render", path, "-o", out, "--font-fallback", hana)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	txt, err := exec.Command(pdftotext, "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{unit, project} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
}
