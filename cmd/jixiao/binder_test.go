package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/golden"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

const binderExample = "../../examples/jiangyin-2024.json"

// binderRun runs jixiao with args and returns the exit code, stdout and stderr.
func binderRun(args ...string) (int, []byte, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return code, out.Bytes(), errb.String()
}

func TestBinderCommandExample(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	code, _, stderr := binderRun("binder", binderExample, "-o", a)
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `^jixiao binder: wrote .*a\.pdf: 18 forms, \d+ pages, [\d.]+ kB in [\d.]+ s\n$`, stderr)
	code, _, stderr = binderRun("binder", "--workers", "1", binderExample, "-o", b)
	require.Equal(t, 0, code, stderr)
	pa, err := os.ReadFile(a)
	require.NoError(t, err)
	pb, err := os.ReadFile(b)
	require.NoError(t, err)
	require.True(t, bytes.Equal(pa, pb), "the binder differs between 1 worker and the default")
	require.Contains(t, string(pa), "/PageLabels")
	golden.Assert(t, "binder/jiangyin-2024.pdf", pa)
}

// tocEntry is one line of the contents as pdftotext reads it.
type tocEntry struct {
	num     int
	project string
	amount  string
	folio   int
}

var footerRE = regexp.MustCompile(`第 (\d+) 页 共 (\d+) 页`)

// readBinder extracts the text of every page and the contents' entries.
func readBinder(t *testing.T, pdf string) (pages []string, toc []tocEntry) {
	t.Helper()
	// One run over the whole file: pdftotext ends every page with a form feed.
	out, err := exec.Command(golden.Tool(t, "pdftotext"), "-layout", pdf, "-").Output()
	require.NoError(t, err)
	pages = strings.Split(string(out), "\f")
	require.Empty(t, pages[len(pages)-1], "text after the last page's form feed")
	pages = pages[:len(pages)-1]
	entry := regexp.MustCompile(`^\s*(\d+)\s+(\S+)[ .]*?\s([\d.]+)\s+(\d+)\s*$`)
	for _, text := range pages {
		if !strings.Contains(text, "目") || !strings.Contains(text, "页码") {
			continue
		}
		for _, l := range strings.Split(text, "\n") {
			if m := entry.FindStringSubmatch(l); m != nil {
				num, _ := strconv.Atoi(m[1])
				folio, _ := strconv.Atoi(m[4])
				toc = append(toc, tocEntry{num, m[2], m[3], folio})
			}
		}
	}
	return pages, toc
}

// Read as a person would: every page number of the contents leads to the
// page whose footer says that number and which shows the project.
func TestBinderContentsMatchPDF(t *testing.T) {
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	for _, duplex := range []bool{false, true} {
		t.Run(fmt.Sprintf("duplex=%v", duplex), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "b.pdf")
			args := []string{"binder", binderExample, "-o", out}
			if duplex {
				args = append(args, "--duplex")
			}
			code, _, stderr := binderRun(args...)
			require.Equal(t, 0, code, stderr)
			pages, toc := readBinder(t, out)
			require.Len(t, toc, 18)

			physical := map[int]int{} // 第 N 页 → index of the PDF page, from 1
			total := 0
			for i, text := range pages {
				if m := footerRE.FindStringSubmatch(text); m != nil {
					n, _ := strconv.Atoi(m[1])
					total, _ = strconv.Atoi(m[2])
					physical[n] = i + 1
				}
			}
			require.NotZero(t, total)
			for i, e := range toc {
				f := book.Forms[i]
				require.Equal(t, i+1, e.num)
				require.Equal(t, f.Project, e.project)
				p, ok := physical[e.folio]
				require.True(t, ok, "entry %d: no page is numbered %d", e.num, e.folio)
				text := pages[p-1]
				require.Contains(t, text, f.Project, "entry %d: page %d", e.num, p)
				require.Contains(t, text, "市级财政项目支出预算绩效目标表", "entry %d: page %d is not a form's first page", e.num, p)
				if duplex {
					require.Equal(t, 1, p%2, "form %d starts on page %d, a left-hand page", e.num, p)
				}
			}
			// Each entry's link opens the page its number names.
			var targets []int
			for i, text := range pages {
				if strings.Contains(text, "页码") {
					targets = append(targets, binderLinks(t, out, i+1)...)
				}
			}
			require.Len(t, targets, len(toc))
			for i, e := range toc {
				require.Equal(t, physical[e.folio], targets[i], "link of entry %d", e.num)
			}
			// The last page is numbered 共 M 页.
			require.Equal(t, total, len(pages)-physical[1]+1)
		})
	}
}

// binderLinks returns the pages (from 1) that the links of page p open, in
// the order of the page's annotations.
func binderLinks(t *testing.T, pdf string, p int) []int {
	t.Helper()
	qpdf := golden.Tool(t, "qpdf")
	out, err := exec.Command(qpdf, "--json", "--json-key=pages", pdf).Output()
	require.NoError(t, err)
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	index := map[string]int{}
	for i, pg := range doc.Pages {
		index[strings.Fields(pg.Object)[0]] = i + 1
	}
	show := func(num string) string {
		obj, err := exec.Command(qpdf, "--show-object="+num, pdf).Output()
		require.NoError(t, err)
		return string(obj)
	}
	// The annotations are indirect objects: follow each to its /Dest.
	annots := regexp.MustCompile(`/Annots \[ ([^\]]*)\]`).FindStringSubmatch(show(strings.Fields(doc.Pages[p-1].Object)[0]))
	if annots == nil {
		return nil
	}
	var targets []int
	for _, a := range regexp.MustCompile(`(\d+) 0 R`).FindAllStringSubmatch(annots[1], -1) {
		obj := show(a[1])
		if d := regexp.MustCompile(`/Dest \[ (\d+) 0 R`).FindStringSubmatch(obj); d != nil && strings.Contains(obj, "/Subtype /Link") {
			targets = append(targets, index[d[1]])
		}
	}
	return targets
}

// qpdfJSON returns the outlines and page labels qpdf reads from pdf.
func qpdfJSON(t *testing.T, pdf string) (outlines []qpdfOutline, labels []map[string]any) {
	t.Helper()
	qpdf := golden.Tool(t, "qpdf")
	out, err := exec.Command(qpdf, "--json", "--json-key=outlines", "--json-key=pagelabels", pdf).Output()
	require.NoError(t, err)
	var doc struct {
		Outlines   []qpdfOutline `json:"outlines"`
		PageLabels []struct {
			Label map[string]any `json:"label"`
		} `json:"pagelabels"`
	}
	require.NoError(t, json.Unmarshal(out, &doc))
	for _, l := range doc.PageLabels {
		labels = append(labels, l.Label)
	}
	return doc.Outlines, labels
}

type qpdfOutline struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []qpdfOutline `json:"kids"`
}

func TestBinderBookmarksInPDF(t *testing.T) {
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "b.pdf")
	code, _, stderr := binderRun("binder", binderExample, "-o", out, "--group-by", "unit", "--duplex")
	require.Equal(t, 0, code, stderr)
	outlines, labels := qpdfJSON(t, out)
	pages, _ := readBinder(t, out)

	// All 18 example forms are of one unit: one unit bookmark, 18 forms in it.
	require.Len(t, outlines, 1)
	require.Equal(t, book.Forms[0].Unit, outlines[0].Title)
	require.Len(t, outlines[0].Kids, 18)
	for i, k := range outlines[0].Kids {
		require.Equal(t, fmt.Sprintf("%d. %s", i+1, book.Forms[i].Project), k.Title)
		require.Contains(t, pages[k.Page-1], book.Forms[i].Project)
		// A form of one page has no 本表第 n 页; a longer one must open
		// on its first.
		if strings.Contains(pages[k.Page-1], "本表第") {
			require.Contains(t, pages[k.Page-1], "本表第 1 页", "bookmark %d opens page %d", i+1, k.Page)
		}
	}
	require.Equal(t, outlines[0].Kids[0].Page, outlines[0].Page)

	require.Len(t, labels, 4)
	require.Equal(t, "u:封面", labels[0]["/P"])
	require.Equal(t, "u:封二", labels[1]["/P"])
	require.Equal(t, "/r", labels[2]["/S"])
	require.Equal(t, "/D", labels[3]["/S"])
}

func TestBinderCommandInputs(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(binderExample)
	require.NoError(t, err)
	in := filepath.Join(dir, "in")
	require.NoError(t, os.Mkdir(in, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(in, "b.json"), src, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "a.json"), src, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(in, "notes.txt"), []byte("not an input"), 0o644))

	// A directory stands for its files; the output may go to stdout, with
	// the progress bar and the summary on stderr only.
	code, stdout, stderr := binderRun("binder", in, "-o", "-", "--progress")
	require.Equal(t, 0, code, stderr)
	require.True(t, bytes.HasPrefix(stdout, []byte("%PDF-")))
	require.Regexp(t, `\] 36/36 forms; writing \d+ pages\n`, stderr)
	require.Contains(t, stderr, "wrote standard output: 36 forms")

	// Not a terminal and no --progress: no bar.
	code, _, stderr = binderRun("binder", in, "-o", filepath.Join(dir, "x.pdf"))
	require.Equal(t, 0, code, stderr)
	require.NotContains(t, stderr, "#")
}

func TestBinderCommandErrors(t *testing.T) {
	dir := t.TempDir()
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	book.Forms[2].Unit = ""
	book.Forms[5].YearAmount = "12.5.1"
	bad := filepath.Join(dir, "bad.json")
	f, err := os.Create(bad)
	require.NoError(t, err)
	require.NoError(t, model.EncodeJSON(f, book))
	require.NoError(t, f.Close())
	out := filepath.Join(dir, "out.pdf")

	// What is ready is printed: the two forms with errors are left out and
	// named, their problems listed (issue 19, item 3), and the command ends
	// with status 1 once the binder is written; --strict refuses.
	code, _, stderr := binderRun("binder", bad, "-o", out)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "forms[2].unit")
	require.Contains(t, stderr, "forms[5].year_amount")
	require.Contains(t, stderr, "jixiao binder: warning: not printed, 2 forms with errors: 3 就业见习补贴 (")
	require.Contains(t, stderr, ", 6 原市属企业老工伤退休人员工伤医疗费 (")
	require.Contains(t, stderr, "wrote "+out+": 16 forms")
	require.NoError(t, os.Remove(out))
	code, _, stderr = binderRun("binder", bad, "-o", out, "--strict")
	require.Equal(t, 1, code, stderr)
	require.NoFileExists(t, out)
	// A selection: the forms 1, 3 to 5, of which 3 has errors.
	code, _, stderr = binderRun("binder", bad, "-o", out, "--form", "1,3-5")
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "wrote "+out+": 3 forms")
	require.Contains(t, stderr, "not printed, 1 form with errors: 3 就业见习补贴")
	require.NoError(t, os.Remove(out))
	code, _, stderr = binderRun("binder", bad, "-o", out, "--form", "3")
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "no form can be printed")
	require.NoFileExists(t, out)
	// render: each form that can be printed, the others named; a form
	// with errors alone prints nothing.
	dirOut := filepath.Join(dir, "each")
	code, _, stderr = binderRun("render", bad, "--out-dir", dirOut)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "not printed, 2 forms with errors: 3 就业见习补贴 (")
	entries, err := os.ReadDir(dirOut)
	require.NoError(t, err)
	require.Len(t, entries, 16)
	code, _, stderr = binderRun("render", bad, "--form", "3", "-o", out)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "no form can be printed")
	require.NoFileExists(t, out)
	code, _, stderr = binderRun("binder", binderExample, "-o", out, "--unit", "江阴市人力资源和社会保障局（机关）", "--project", "就业见习补贴")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "wrote "+out+": 1 form, ")
	require.NoError(t, os.Remove(out))

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"binder", binderExample}, "-o binder.pdf"},
		{[]string{"binder", "-o", out}, "expected at least one input FILE"},
		{[]string{"binder", binderExample, "-o", out, "--group-by", "department"}, "only be grouped by unit"},
		{[]string{"binder", filepath.Join(dir, "missing.json"), "-o", out}, "missing.json"},
		{[]string{"binder", binderExample, "-o", filepath.Join(dir, "no", "such", "dir", "x.pdf")}, "cannot write"},
		{[]string{"binder", binderExample, "-o", out, "--paper", "B5"}, "--paper"},
		{[]string{"binder", binderExample, "-o", out, "--form", "1,x"}, "--form"},
		{[]string{"binder", binderExample, "-o", out, "--form", "17-19"}, "--form 17-19: the book has 18 forms, so there is no form 19"},
		{[]string{"binder", binderExample, "-o", out, "--unit", "某局"}, "--unit 某局"},
	} {
		code, _, stderr := binderRun(c.args...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.want, "%v", c.args)
		require.NoFileExists(t, out)
	}
}

// TestBinderCoverGlyphs: the book's title is no form's field; a character
// of it no font has is found on the cover.
func TestBinderCoverGlyphs(t *testing.T) {
	dir := t.TempDir()
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	book.Title = "吉𠮷" + book.Title
	in := filepath.Join(dir, "b.json")
	writeBook(t, in, book)
	out := filepath.Join(dir, "b.pdf")
	code, _, stderr := binderRun("binder", in, "-o", out)
	require.Equal(t, 1, code, stderr)
	require.Regexp(t, `no font has binder\.cover\.\w+: U\+20BB7`, stderr)
	require.NoFileExists(t, out)
	code, _, stderr = binderRun("binder", in, "-o", out, "--allow-missing")
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `warning: no font has binder\.cover\.\w+: U\+20BB7`, stderr)
}

// TestBinderRefusesInputAsOutput: -o naming an input (given, or in a
// directory given) or a directory is refused and the inputs are kept.
func TestBinderRefusesInputAsOutput(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(binderExample)
	require.NoError(t, err)
	in := filepath.Join(dir, "in")
	require.NoError(t, os.Mkdir(in, 0o755))
	b := filepath.Join(in, "b.json")
	require.NoError(t, os.WriteFile(b, src, 0o644))
	for _, args := range [][]string{
		{"binder", b, "-o", b},
		{"binder", in, "-o", b},
		{"binder", b, "-o", in},
	} {
		code, stdout, stderr := binderRun(args...)
		require.Equal(t, 2, code, "%v: %s", args, stderr)
		require.Empty(t, stdout)
		require.Contains(t, stderr, "cannot write", "%v", args)
		got, err := os.ReadFile(b)
		require.NoError(t, err)
		require.True(t, bytes.Equal(src, got), "%v changed the input", args)
	}
	es, err := os.ReadDir(in)
	require.NoError(t, err)
	require.Len(t, es, 1)
}

// TestBinderMixedYears: a form of another year than the binder's (the first
// input's) is printed, with a warning naming its file, line and path.
func TestBinderMixedYears(t *testing.T) {
	dir := t.TempDir()
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	f := book.Forms[3]
	f.Year = 2023
	data, err := json.MarshalIndent(f, "", "  ")
	require.NoError(t, err)
	other := filepath.Join(dir, "f2023.json")
	require.NoError(t, os.WriteFile(other, data, 0o644))
	out := filepath.Join(dir, "b.pdf")

	code, _, stderr := binderRun("binder", binderExample, other, "-o", out)
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `(?m)^`+regexp.QuoteMeta(other)+`:\d+:\d+: warning: forms\[0\]\.year: .*2023.*2024`, stderr)
	require.Equal(t, 1, strings.Count(stderr, "warning: forms[0].year"), stderr)
	require.FileExists(t, out)

	// The first input decides: the other way round, the example's 18 forms
	// are each warned about.
	code, _, stderr = binderRun("binder", other, binderExample, "-o", out)
	require.Equal(t, 0, code, stderr)
	require.Equal(t, 18, strings.Count(stderr, "].year: "), stderr)
	// The form given twice is named, with where the first one is.
	require.Contains(t, stderr, "forms[3].project: 人社专职协理员工作经费 is also form 1 ("+other+":")
	require.Contains(t, stderr, binderExample+":")

	_, usage, _ := binderRun("binder", "-h")
	require.Contains(t, string(usage), "first")
	require.Contains(t, string(usage), "year")
}

// TestProblemsPrinted: jixiao render and jixiao binder print each problem
// of the input as validate does (FILE:LINE:COL first), the same lines;
// errors stop with exit 1, warnings do not.
func TestProblemsPrinted(t *testing.T) {
	dir := t.TempDir()
	book, err := model.ReadFile(binderExample)
	require.NoError(t, err)
	book.Forms = book.Forms[:2]
	book.Forms[1].Indicators[0].HalfYear = "" // a warning
	warn := filepath.Join(dir, "warn.json")
	writeBook(t, warn, book)
	book.Forms[0].Unit = "" // an error
	bad := filepath.Join(dir, "bad.json")
	writeBook(t, bad, book)

	want := func(path string) (lines []string, errs int) {
		b, src, err := model.ReadFileSource(path)
		require.NoError(t, err)
		for _, p := range model.Validate(b, src) {
			text := pipeline.ProblemText(msg.English, p)
			require.True(t, strings.HasPrefix(text, path+":"), text)
			lines = append(lines, text)
			if p.Severity == model.Error {
				errs++
			}
		}
		return lines, errs
	}
	out := filepath.Join(dir, "x.pdf")
	for _, c := range []struct {
		file string
		code int
	}{{warn, 0}, {bad, 1}} {
		lines, errs := want(c.file)
		require.NotEmpty(t, lines)
		require.Equal(t, c.code == 1, errs > 0)
		for _, args := range [][]string{
			{"render", c.file, "--form", "2", "-o", out},
			{"binder", c.file, "-o", out},
		} {
			code, _, stderr := binderRun(args...)
			// Form 1 has the error: the binder leaves it out, named, and
			// form 2 prints alone (issue 19: print what is ready);
			// the status says the input has errors. render --form 2
			// prints the form asked for, which has none.
			want := c.code
			if args[0] == "render" {
				want = 0
			}
			require.Equal(t, want, code, "%v: %s", args, stderr)
			got := strings.Split(stderr, "\n")
			for _, l := range lines {
				require.Contains(t, got, l, "%v", args)
			}
		}
	}
	// A file that does not decode: every problem, exit 1.
	broken := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(`{"forms": [{"year": "x", "nope": 1}]}`), 0o644))
	for _, cmd := range []string{"render", "binder"} {
		code, _, stderr := binderRun(cmd, broken, "-o", out)
		require.Equal(t, 1, code, stderr)
		require.Regexp(t, `(?m)^`+regexp.QuoteMeta(broken)+`:1:\d+: .*year`, stderr)
		require.Regexp(t, `(?m)^`+regexp.QuoteMeta(broken)+`:1:\d+: .*nope`, stderr)
	}
}

func writeBook(t *testing.T, path string, b *model.Book) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, model.EncodeJSON(f, b))
	require.NoError(t, f.Close())
}

// An impossible --date is a usage error naming the flag and the forms
// expected, in both languages; a real one prints.
func TestBinderDateInvalid(t *testing.T) {
	out := filepath.Join(t.TempDir(), "b.pdf")
	code, _, stderr := binderRun("binder", binderExample, "--date", "2025-13-40", "-o", out)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "--date 2025-13-40: not a date")
	require.Contains(t, stderr, "2025年3月1日")
	require.NoFileExists(t, out)
	code, _, stderr = binderRun("binder", binderExample, "--date", "2025年2月30日", "-o", out, "--lang", "zh")
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "--date 2025年2月30日：不是有效的日期")
	code, _, stderr = binderRun("binder", binderExample, "--date", "2025年3月1日", "-o", out)
	require.Equal(t, 0, code, stderr)
}
