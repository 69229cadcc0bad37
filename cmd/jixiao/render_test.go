package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/gofont/goregular"

	"jixiao/golden"
	"jixiao/internal/safetext"
	"jixiao/model"
	"jixiao/pipeline"
)

const exampleBook = "../../examples/jiangyin-2024.json"

// renderRun runs jixiao with args and returns the exit code, stdout and stderr.
func renderRun(t *testing.T, args ...string) (int, []byte, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.Bytes(), stderr.String()
}

// renderFormFile writes form 7 of the example book, changed by edit, as a
// single-form JSON file and returns its path.
func renderFormFile(t *testing.T, edit func(f *model.Form)) string {
	t.Helper()
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	f := b.Forms[6]
	if edit != nil {
		edit(&f)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "form.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// renderDirNames lists the names in dir, sorted.
func renderDirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func renderIsPDF(b []byte) bool {
	return bytes.HasPrefix(b, []byte("%PDF-1.")) && bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF"))
}

func TestRenderFormOfBook(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "form4.pdf")
	code, _, stderr := renderRun(t, "render", exampleBook, "--form", "4", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, err := os.ReadFile(out)
	if err != nil || !renderIsPDF(a) {
		t.Fatalf("no PDF written: %v", err)
	}
	// The same form picked by its project, written to stdout: same bytes.
	code, stdout, stderr := renderRun(t, "render", "--project", "人社专职协理员工作经费", exampleBook, "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !bytes.Equal(a, stdout) {
		t.Error("--form 4 to a file and --project to stdout differ")
	}
	if got := renderDirNames(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only form4.pdf", got)
	}
	// Another form gives another PDF.
	code, other, _ := renderRun(t, "render", exampleBook, "--form", "5", "-o", "-")
	if code != 0 || bytes.Equal(other, a) || !renderIsPDF(other) {
		t.Errorf("--form 5: exit %d, same as form 4: %v", code, bytes.Equal(other, a))
	}
}

func TestRenderSingleFormFile(t *testing.T) {
	path := renderFormFile(t, nil)
	code, stdout, stderr := renderRun(t, "render", path, "-o", "-")
	if code != 0 || !renderIsPDF(stdout) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

func TestRenderNeedsAChoice(t *testing.T) {
	for _, args := range [][]string{
		{"render", exampleBook, "-o", "-"},                                  // 18 forms, none chosen
		{"render", exampleBook, "--form", "19", "-o", "-"},                  // out of range
		{"render", exampleBook, "--project", "没有这个项目", "-o", "-"},           // unknown project
		{"render", exampleBook},                                             // no output
		{"render", exampleBook, "-o", "x.pdf", "--out-dir", "d"},            // both outputs
		{"render", exampleBook, "--form", "1", "--project", "x", "-o", "-"}, // both choices
		{"render", "-o", "-"},                                               // no input
		{"render", exampleBook, "--form", "1", "--paper", "B5", "-o", "-"},
	} {
		code, stdout, stderr := renderRun(t, args...)
		if code != 2 || len(stdout) != 0 || stderr == "" {
			t.Errorf("%v: exit %d, %d bytes on stdout, stderr %q", args, code, len(stdout), stderr)
		}
	}
}

func TestRenderOutDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, _, stderr := renderRun(t, "render", exampleBook, "--out-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	names := renderDirNames(t, dir)
	if len(names) != len(b.Forms) {
		t.Fatalf("%d files for %d forms: %v", len(names), len(b.Forms), names)
	}
	for _, f := range b.Forms {
		data, err := os.ReadFile(filepath.Join(dir, safetext.FileName(f.Project)+".pdf"))
		if err != nil || !renderIsPDF(data) {
			t.Errorf("%s: %v", f.Project, err)
		}
	}
	// Each file is the form rendered alone.
	code, one, _ := renderRun(t, "render", exampleBook, "--form", "2", "-o", "-")
	two, _ := os.ReadFile(filepath.Join(dir, safetext.FileName(b.Forms[1].Project)+".pdf"))
	if code != 0 || !bytes.Equal(one, two) {
		t.Error("--out-dir file differs from the form rendered alone")
	}
}

func TestUniqueNames(t *testing.T) {
	b := &model.Book{Forms: []model.Form{
		{Project: "经费/补贴: 2024*?"}, {Project: "经费补贴 2024"}, {Project: "经费补贴 2024"},
		{Project: ""}, {Project: "..\x07"}, {Project: "A"}, {Project: "a"},
	}}
	got := uniqueNames(b, []int{0, 1, 2, 3, 4, 5, 6})
	want := []string{"经费补贴 2024.pdf", "经费补贴 2024-2.pdf", "经费补贴 2024-3.pdf", "表4.pdf", "表5.pdf", "A.pdf", "a-2.pdf"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("uniqueNames = %q, want %q", got, want)
	}
	// A device name Windows reserves is no file name there.
	if got := uniqueNames(&model.Book{Forms: []model.Form{{Project: "CON"}, {Project: "lpt1"}}}, []int{0, 1}); strings.Join(got, "|") != "CON_.pdf|lpt1_.pdf" {
		t.Errorf("reserved device names: %q", got)
	}
	if s := safetext.FileName(strings.Repeat("长", 100)); len(s) > 150 || !strings.HasPrefix(s, "长") {
		t.Errorf("long name cut to %q", s)
	}
}

func TestRenderMissingGlyph(t *testing.T) {
	path := renderFormFile(t, func(f *model.Form) {
		f.Overview = "吉野家𠮷" + f.Overview
		f.Indicators[0].Level3 = "𠮷字" + f.Indicators[0].Level3
		f.Indicators[1].Level3 = "𠮷" + f.Indicators[1].Level3
	})
	dir := t.TempDir()
	out := filepath.Join(dir, "x.pdf")
	code, _, stderr := renderRun(t, "render", path, "-o", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	// One line per character: where it first stands, and the other places.
	for _, want := range []string{path + ": forms[0].overview: U+20BB7 '𠮷'", "(also in " + path + ": forms[0].indicators[0].level3 and 1 more)", "1 character cannot be drawn", "--allow-missing"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if names := renderDirNames(t, dir); len(names) != 0 {
		t.Errorf("failure left files: %v", names)
	}
	code, _, stderr = renderRun(t, "render", path, "-o", out, "--allow-missing")
	if code != 0 {
		t.Fatalf("--allow-missing: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "forms[0].overview: U+20BB7") {
		t.Errorf("--allow-missing: no warning:\n%s", stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !renderIsPDF(data) {
		t.Errorf("--allow-missing wrote no PDF: %v", err)
	}
}

func TestRenderInvalidForm(t *testing.T) {
	path := renderFormFile(t, func(f *model.Form) { f.Indicators[0].Level1 = "不存在的一级指标" })
	dir := t.TempDir()
	code, _, stderr := renderRun(t, "render", path, "-o", filepath.Join(dir, "x.pdf"))
	if code != 1 || !strings.Contains(stderr, "indicators[0].level1") {
		t.Errorf("exit %d, want 1 naming the field:\n%s", code, stderr)
	}
	if names := renderDirNames(t, dir); len(names) != 0 {
		t.Errorf("failure left files: %v", names)
	}
}

func TestRenderBadFonts(t *testing.T) {
	dir := t.TempDir()
	cff := filepath.Join(dir, "fake.otf")
	if err := os.WriteFile(cff, renderFakeCFF(), 0o644); err != nil {
		t.Fatal(err)
	}
	notFont := filepath.Join(dir, "text.ttf")
	if err := os.WriteFile(notFont, []byte("not a font at all, just text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.pdf")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--font-body", filepath.Join(dir, "missing.ttf")}, "--font-body"},
		{[]string{"--font-title", cff}, "CFF"},
		{[]string{"--font-fallback", notFont}, "--font-fallback"},
	} {
		args := append([]string{"render", exampleBook, "--form", "1", "-o", out}, c.args...)
		code, stdout, stderr := renderRun(t, args...)
		if code != 2 || len(stdout) != 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", c.args, code, stderr, c.want)
		}
	}
	if names := renderDirNames(t, dir); strings.Join(names, " ") != "fake.otf text.ttf" {
		t.Errorf("failures left files: %v", names)
	}
}

// renderFakeCFF returns the start of an OpenType font with PostScript outlines:
// enough for the loader to see what it is.
func renderFakeCFF() []byte {
	b := []byte("OTTO")
	b = binary.BigEndian.AppendUint16(b, 1)  // numTables
	b = binary.BigEndian.AppendUint16(b, 16) // searchRange
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = append(b, "CFF "...)
	b = binary.BigEndian.AppendUint32(b, 0)
	b = binary.BigEndian.AppendUint32(b, 28)
	b = binary.BigEndian.AppendUint32(b, 4)
	return append(b, 1, 0, 4, 1)
}

func TestRenderDateFromEnv(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	code, a, stderr := renderRun(t, "render", exampleBook, "--form", "1", "-o", "-")
	if code != 0 || !bytes.Contains(a, []byte("/CreationDate (D:20231114221320Z)")) {
		t.Errorf("exit %d, SOURCE_DATE_EPOCH not used: %s", code, stderr)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	code, out, stderr := renderRun(t, "render", exampleBook, "--form", "1", "-o", "-")
	if code != 2 || len(out) != 0 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d: %s", code, stderr)
	}
}

// TestRenderUserFonts uses Go Regular (Latin only) for body text: the
// Chinese characters are missing until the embedded font's file is given
// as a fallback, and then each text item is drawn with two faces.
func TestRenderUserFonts(t *testing.T) {
	dir := t.TempDir()
	latin := filepath.Join(dir, "go.ttf")
	if err := os.WriteFile(latin, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.pdf")
	code, _, stderr := renderRun(t, "render", exampleBook, "--form", "7", "-o", out, "--font-body", latin)
	if code != 1 || !strings.Contains(stderr, "forms[6].unit: U+6C5F '江'") {
		t.Fatalf("exit %d, want 1 listing the characters:\n%.2000s", code, stderr)
	}
	// A font without Chinese: the first characters are listed, then what the
	// rest means, not hundreds of lines.
	if n := strings.Count(stderr, "no font has"); n != 20 || !strings.Contains(stderr, "more characters: the font in use lacks many") {
		t.Errorf("%d characters listed, want 20 and a summary:\n%.3000s", n, stderr)
	}
	// The labels layout draws itself are checked too (项目概述 is no field):
	// with fields in Latin letters only, the labels' characters are missing.
	latinForm := renderFormFile(t, func(f *model.Form) {
		f.Unit, f.Department, f.Project = "Unit", "Dept", "Project"
		f.Overview, f.Feasibility, f.Necessity, f.AnnualGoal, f.OverallGoal, f.OtherNotes = "a", "b", "c", "d", "e", ""
		f.Indicators = nil
	})
	code, _, stderr = renderRun(t, "render", latinForm, "-o", out, "--font-body", latin)
	if code != 1 || !strings.Contains(stderr, latinForm+": forms[0].label: U+5355 '单'") {
		t.Errorf("labels not checked (exit %d):\n%.3000s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("failed render left a file")
	}
	code, _, stderr = renderRun(t, "render", exampleBook, "--form", "7", "-o", out, "--font-body", latin,
		"--font-fallback", "../../fonts/NotoSerifSC-Regular.ttf")
	if code != 0 {
		t.Fatalf("with fallback: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !renderIsPDF(data) {
		t.Fatal("no PDF")
	}
	if !bytes.Contains(data, []byte("+GoRegular")) || !bytes.Contains(data, []byte("+NotoSerifSC-Regular")) {
		t.Error("the PDF does not embed both body faces")
	}
}

// TestRenderPageOptions checks that --paper, --duplex and --signature reach
// the layout: each changes the PDF of a three-page form.
func TestRenderPageOptions(t *testing.T) {
	base := []string{"render", exampleBook, "--form", "4", "-o", "-"}
	code, plain, stderr := renderRun(t, base...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, extra := range [][]string{{"--paper", "A3"}, {"--paper", "A4-landscape"}, {"--duplex"}, {"--signature"}} {
		code, out, stderr := renderRun(t, append(base, extra...)...)
		if code != 0 || !renderIsPDF(out) {
			t.Errorf("%v: exit %d: %s", extra, code, stderr)
			continue
		}
		if bytes.Equal(out, plain) {
			t.Errorf("%v changes nothing", extra)
		}
	}
	code, out, _ := renderRun(t, append(base, "--paper", "A4-landscape")...)
	if code != 0 || !bytes.Contains(out, []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("A4-landscape pages are not 841.89 × 595.28 pt")
	}
}

// TestRenderRefusesInputAsOutput: -o naming the input, or a directory, is
// refused before any work, and the input is left as it was.
func TestRenderRefusesInputAsOutput(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.json")
	src, err := os.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"render", book, "--form", "1", "-o", book},
		{"render", book, "--form", "1", "-o", dir},
		{"render", book, "--form", "1", "-o", filepath.Join(dir, ".", "book.json")},
	} {
		code, stdout, stderr := renderRun(t, args...)
		if code != 2 || len(stdout) != 0 || !strings.Contains(stderr, "cannot write") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if got, _ := os.ReadFile(book); !bytes.Equal(got, src) {
		t.Fatal("the input was changed")
	}
	if names := renderDirNames(t, dir); strings.Join(names, " ") != "book.json" {
		t.Errorf("directory holds %v", names)
	}
}

// TestRenderOutDirRefusesInput: --out-dir where a form's file would be the
// input itself (a single form named after its project) writes nothing.
func TestRenderOutDirRefusesInput(t *testing.T) {
	dir := t.TempDir()
	b, err := model.ReadFile(exampleBook)
	if err != nil {
		t.Fatal(err)
	}
	f := b.Forms[6]
	f.Project = "在册"
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "在册.pdf") // a JSON form whose name ends in .pdf
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := renderRun(t, "render", in, "--out-dir", dir)
	if code != 2 || !strings.Contains(stderr, "input") {
		t.Errorf("exit %d, want 2 naming the input: %s", code, stderr)
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, data) {
		t.Fatal("the input was overwritten")
	}
	// An --out-dir that is a file is refused too.
	code, _, stderr = renderRun(t, "render", exampleBook, "--out-dir", in)
	if code != 2 || !strings.Contains(stderr, "not a directory") {
		t.Errorf("--out-dir naming a file: exit %d: %s", code, stderr)
	}
}

func TestRenderHelp(t *testing.T) {
	for _, cmd := range []string{"render", "binder"} {
		for _, h := range []string{"-h", "--help"} {
			code, stdout, _ := renderRun(t, cmd, h)
			if code != 0 || !strings.Contains(string(stdout), "jixiao "+cmd) || !strings.Contains(string(stdout), "Examples:") {
				t.Errorf("%s %s: exit %d: %s", cmd, h, code, stdout)
			}
		}
	}
}

// TestRenderFormFromOne: --form 0 and negative numbers are usage errors,
// not "no --form given".
func TestRenderFormFromOne(t *testing.T) {
	for _, n := range []string{"0", "-1", "-18"} {
		code, stdout, stderr := renderRun(t, "render", exampleBook, "--form", n, "-o", "-")
		if code != 2 || len(stdout) != 0 || !strings.Contains(stderr, "--form counts from 1; the book has 18 forms") {
			t.Errorf("--form %s: exit %d: %s", n, code, stderr)
		}
	}
	// With a single form, --form 0 is no more accepted than with a book.
	path := renderFormFile(t, nil)
	code, _, stderr := renderRun(t, "render", path, "--form", "0", "-o", "-")
	if code != 2 || !strings.Contains(stderr, "the book has 1 form") {
		t.Errorf("single form, --form 0: exit %d: %s", code, stderr)
	}
	code, _, stderr = renderRun(t, "render", exampleBook, "--form", "0", "--project", "x", "-o", "-")
	if code != 2 || !strings.Contains(stderr, "at most one of --form and --project") {
		t.Errorf("--form 0 --project: exit %d: %s", code, stderr)
	}
}

// TestUniqueNamesKeepExact: a project named like a numbered duplicate keeps
// its name; the duplicates are numbered around it.
func TestUniqueNamesKeepExact(t *testing.T) {
	b := &model.Book{Forms: []model.Form{
		{Project: "X"}, {Project: "X"}, {Project: "X-2"}, {Project: "x"}, {Project: "X-3"}, {Project: "X-2"},
	}}
	got := uniqueNames(b, []int{0, 1, 2, 3, 4, 5})
	want := []string{"X.pdf", "X-4.pdf", "X-2.pdf", "x-5.pdf", "X-3.pdf", "X-2-2.pdf"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("uniqueNames = %q, want %q", got, want)
	}
	seen := map[string]bool{}
	for _, n := range got {
		if seen[strings.ToLower(n)] {
			t.Errorf("%s given twice", n)
		}
		seen[strings.ToLower(n)] = true
	}
}

// TestRenderFitAndDraft: --fit off keeps form 1's nearly empty second page
// (--fit on, the default, saves it); --draft and --watermark add a
// watermark without changing the number of pages or the extracted text; a
// bad --fit is a usage
// error; a watermark character no font has is reported before anything is
// written.
func TestRenderFitAndDraft(t *testing.T) {
	pages := func(pdf []byte) int {
		return bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page "))
	}
	base := []string{"render", exampleBook, "--form", "1", "-o", "-"}
	code, on, stderr := renderRun(t, base...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, off, stderr := renderRun(t, append(base, "--fit", "off")...)
	if code != 0 {
		t.Fatalf("--fit off: exit %d: %s", code, stderr)
	}
	if pages(on) != 1 || pages(off) != 2 {
		t.Errorf("form 1: %d pages fitted, %d with --fit off; want 1 and 2", pages(on), pages(off))
	}
	// The watermark is outlines, not text: pdftotext reads the form alone.
	text := func(pdf []byte) string {
		file := filepath.Join(t.TempDir(), "f.pdf")
		require.NoError(t, os.WriteFile(file, pdf, 0o644))
		out, err := exec.Command(golden.Tool(t, "pdftotext"), "-enc", "UTF-8", file, "-").Output()
		require.NoError(t, err)
		return string(out)
	}
	plain := text(on)
	for _, extra := range [][]string{{"--draft"}, {"--watermark", "内部审阅 DRAFT"}} {
		code, out, stderr := renderRun(t, append(base, extra...)...)
		if code != 0 || pages(out) != pages(on) || bytes.Equal(out, on) {
			t.Errorf("%v: exit %d, %d pages: %s", extra, code, pages(out), stderr)
			continue
		}
		if got := text(out); got != plain {
			t.Errorf("%v: pdftotext differs from the form without a watermark:\n%s\nwithout:\n%s", extra, got, plain)
		}
	}
	if code, _, stderr := renderRun(t, append(base, "--fit", "maybe")...); code != 2 || !strings.Contains(stderr, "--fit") {
		t.Errorf("--fit maybe: exit %d: %s", code, stderr)
	}
	if code, out, stderr := renderRun(t, append(base, "--watermark", "草稿\U00020BB7")...); code != 1 || len(out) != 0 || !strings.Contains(stderr, "no font has --watermark") {
		t.Errorf("--watermark with U+20BB7: exit %d, %d bytes: %s", code, len(out), stderr)
	}
}

// Invisible format characters (U+200B, U+202E, U+FEFF, U+2060, ZWJ) in a
// project name need no glyph: the form renders and previews without
// --allow-missing, the characters drawn as nothing, validate still warns,
// and the PDF prints the same as the name without them.
func TestRenderInvisibleCharacters(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "0")
	var plain string
	path := renderFormFile(t, func(f *model.Form) {
		plain = f.Project
		f.Project = "\ufeff" + f.Project[:3] + "\u200b\u202e\u2060\u200d" + f.Project[3:] + "\u2066"
	})
	clean := renderFormFile(t, func(f *model.Form) {})
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	code, _, stderr := renderRun(t, "render", path, "-o", a)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = renderRun(t, "render", clean, "-o", b)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = renderRun(t, "preview", path, "-o", filepath.Join(dir, "p.png"))
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := renderRun(t, "validate", path)
	require.Contains(t, string(stdout)+stderr, "U+202E", "exit %d", code)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		ta, err := exec.Command("pdftotext", "-layout", a, "-").Output()
		require.NoError(t, err)
		tb, err := exec.Command("pdftotext", "-layout", b, "-").Output()
		require.NoError(t, err)
		require.Equal(t, string(tb), string(ta), "the invisible characters moved text (%s)", plain)
	}
}

// uniqueNames are the file names --out-dir gives the picked forms of b.
func uniqueNames(b *model.Book, picked []int) []string {
	projects := make([]string, len(picked))
	for k, i := range picked {
		projects[k] = b.Forms[i].Project
	}
	names := pipeline.FileNames(projects, func(k int) string { return "表" + strconv.Itoa(picked[k]+1) })
	for k := range names {
		names[k] += ".pdf"
	}
	return names
}

// A book-wide 填报人 and 联系电话 (issue 18): printed with --signature on a
// form alone and on the same form of --out-dir alike (the same bytes), and
// kept by export in every form's sheet.
func TestBookWideValues(t *testing.T) {
	if testing.Short() {
		t.Skip("every form drawn: pipeline's TestSamePagesEverywhere covers it")
	}
	data, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	data = bytes.Replace(data, []byte("{\n  \"year\": 2024,"), []byte("{\n  \"year\": 2024, \"filler\": \"王会计\", \"phone\": \"0510-86001234\","), 1)
	dir := t.TempDir()
	book := filepath.Join(dir, "book.json")
	require.NoError(t, os.WriteFile(book, data, 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := renderRun(t, "render", book, "--signature", "--out-dir", out)
	require.Equal(t, 0, code, stderr)
	b, err := model.ReadFile(book)
	require.NoError(t, err)
	for _, k := range []int{0, 17} {
		code, alone, stderr := renderRun(t, "render", book, "--signature", "--form", strconv.Itoa(k+1), "-o", "-")
		require.Equal(t, 0, code, stderr)
		each, err := os.ReadFile(filepath.Join(out, safetext.FileName(b.Forms[k].Project)+".pdf"))
		require.NoError(t, err)
		require.Equal(t, alone, each, "form %d", k+1)
	}
	xl := filepath.Join(dir, "book.xlsx")
	code, _, stderr = renderRun(t, "export", book, "-o", xl)
	require.Equal(t, 0, code, stderr)
	in, err := pipeline.Read(pipeline.Source{Name: xl})
	require.NoError(t, err)
	for i, f := range in.Book.Forms {
		require.Equal(t, "王会计", f.Filler, "form %d", i+1)
		require.Equal(t, "0510-86001234", f.Phone, "form %d", i+1)
	}
}

// TestFontErrorFirst: the fonts are loaded while the input is read, yet a
// font that cannot be used is still the one thing a command says, as when
// the fonts were loaded before anything else: not the input's problems,
// not an input that cannot be read, not a flag the input would refuse.
func TestFontErrorFirst(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.ttf")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"forms": [{"project": "x", "indicators": [{"level1": "?"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"render", bad, "-o", filepath.Join(dir, "x.pdf")},
		{"render", filepath.Join(dir, "none.json"), "-o", filepath.Join(dir, "x.pdf")},
		{"render", exampleBook, "--form", "1", "-o", filepath.Join(dir, "x.ofd"), "--pdfa=1b"},
		{"binder", bad, "-o", filepath.Join(dir, "b.pdf")},
		{"binder", exampleBook, "-o", filepath.Join(dir, "b.ofd"), "--attach-data"},
		{"preview", bad, "-o", dir},
		{"preview", dir, "-o", dir},
		{"preview", exampleBook, "-o", dir, "--watermark", "样稿"},
	} {
		code, stdout, stderr := renderRun(t, append(args, "--font-body", missing)...)
		want := "jixiao " + args[0] + ": --font-body: no such file: " + missing + "\n"
		if code != 2 || len(stdout) != 0 || stderr != want {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", args, code, stderr, want)
		}
	}
	// Without the bad font, each fails for its own reason.
	for _, args := range [][]string{
		{"render", bad, "-o", filepath.Join(dir, "x.pdf")},
		{"preview", exampleBook, "-o", dir, "--watermark", "样稿"},
	} {
		code, _, stderr := renderRun(t, args...)
		if code == 0 || strings.Contains(stderr, "--font-body") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if names := renderDirNames(t, dir); strings.Join(names, " ") != "bad.json" {
		t.Errorf("failures left files: %v", names)
	}
}
