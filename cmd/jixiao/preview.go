package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"jixiao/layout"
	"jixiao/pipeline"
	"jixiao/preview"
)

func init() {
	commands["preview"] = command{
		summary: "draw the pages of a form (or of the binder) as PNG images",
		run:     runPreview,
	}
}

// previewMessages are the messages jixiao preview adds, by code, in English
// and Chinese, kept together for the message catalogue to take over.
var previewMessages = map[string][2]string{
	"preview.files":         {"give one FILE (or, with --binder, one or more)", "请给出一个文件（用 --binder 时可给出多个）"},
	"preview.out":           {"give the directory the images go to with -o DIR", "请用 -o 目录 指定图片存放的目录"},
	"preview.outNotDir":     {"-o %s: not a directory", "-o %s：不是目录"},
	"preview.formPick":      {"give at most one of --form and --project", "--form 和 --project 只能给出一个"},
	"preview.binderPick":    {"--binder draws every form: --form and --project do not apply", "--binder 绘制全部表格，不能与 --form 或 --project 同用"},
	"preview.dpi":           {"--dpi %g: give a resolution from %d to %d", "--dpi %g：分辨率应在 %d 到 %d 之间"},
	"preview.pages":         {"--pages %q: expected page numbers counted from 1, such as 1-3, 2 or 1,4-", "--pages %q：应为从 1 起的页码，例如 1-3、2 或 1,4-"},
	"preview.noPages":       {"--pages %s: %s has none of these pages (it has %d)", "--pages %s：%s 没有这些页（共 %d 页）"},
	"preview.noPagesBook":   {"--pages %s: no form of the book has these pages", "--pages %s：本册没有哪张表格有这些页"},
	"preview.groupBy":       {"--group-by %q: the forms can only be grouped by unit", "--group-by %q：表格只能按单位（unit）分组"},
	"preview.groupByBinder": {"--group-by orders the binder: give --binder too", "--group-by 用于合订本的排序：请同时给出 --binder"},
	"preview.dir":           {"%s is a directory: jixiao preview draws one file (or, with --binder, many)", "%s 是目录：jixiao preview 只绘制一个文件（用 --binder 时可绘制多个）"},
	"preview.wrote":         {"wrote %s", "已写入 %s"},
	"preview.wroteMany":     {"wrote %d pages: %s … %s", "已写入 %d 页：%s … %s"},
}

// previewMsg formats the English text of a message of jixiao preview.
func previewMsg(code string, args ...any) string {
	return fmt.Sprintf(previewMessages[code][0], args...)
}

// The resolutions jixiao preview accepts: from a thumbnail to a print.
const (
	previewMinDPI = 10
	previewMaxDPI = 600
)

func runPreview(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("preview", stderr)
	out := fs.String("o", "", "write the images into `DIR` (made if missing)")
	dpi := fs.Float64("dpi", preview.DefaultDPI, "resolution in pixels per `inch`")
	pages := fs.String("pages", "", "draw only these `PAGES` of each form (or of the binder), e.g. 1-3, 2 or 1,4-")
	formN := fs.Int("form", 0, "draw form `N` of the book (1-based)")
	project := fs.String("project", "", "draw the form whose project is `NAME`")
	binder := fs.Bool("binder", false, "draw the pages of the binder of all FILEs (cover, contents, forms)")
	groupBy := fs.String("group-by", "", "with --binder: group the forms by `unit` (单位名称)")
	allowMissing := fs.Bool("allow-missing", false, "draw a box for each character no font has, instead of failing")
	var ff fontFlags
	ff.register(fs)
	var lo layoutOptions
	lo.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao preview FILE -o DIR [--dpi 100] [--pages 1-3] [--form N | --project NAME] [options]\n"+
			"       jixiao preview --binder FILE... -o DIR [options]\n\n"+
			"Draws the pages that jixiao render (or jixiao binder) prints as PNG images,\n"+
			"one a page: DIR/PROJECT-p01.png, DIR/PROJECT-p02.png … (DIR/binder-p01.png …).\n"+
			"A book without --form or --project gives the pages of every form.\n"+
			"Exit status: 0 drawn, 1 the input has problems, 2 usage or I/O error.\n\noptions:")
		fs.PrintDefaults()
	}
	files, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	formGiven := false
	fs.Visit(func(f *flag.Flag) { formGiven = formGiven || f.Name == "form" })
	fail := func(code string, args ...any) int {
		fmt.Fprintln(stderr, "jixiao preview: "+previewMsg(code, args...))
		return 2
	}
	switch {
	case len(files) == 0 || len(files) > 1 && !*binder:
		fmt.Fprintln(stderr, "jixiao preview: "+previewMsg("preview.files"))
		fs.Usage()
		return 2
	case *out == "" || *out == "-":
		return fail("preview.out")
	case formGiven && *project != "":
		return fail("preview.formPick")
	case *binder && (formGiven || *project != ""):
		return fail("preview.binderPick")
	case !(*dpi >= previewMinDPI && *dpi <= previewMaxDPI):
		return fail("preview.dpi", *dpi, previewMinDPI, previewMaxDPI)
	case *groupBy != "" && *groupBy != "unit":
		return fail("preview.groupBy", *groupBy)
	case *groupBy != "" && !*binder:
		return fail("preview.groupByBinder")
	}
	sel, err := parsePages(*pages)
	if err != nil {
		return fail("preview.pages", *pages)
	}
	pc := &previewCmd{out: *out, sel: sel, pagesArg: *pages, allowMissing: *allowMissing, dpi: *dpi,
		stdout: stdout, stderr: stderr}
	if *binder {
		err = pc.binder(files, &ff, &lo, *groupBy == "unit")
	} else {
		pick := formPick{project: *project}
		if formGiven {
			pick.form = formN
		}
		err = pc.forms(files[0], pick, &ff, &lo)
	}
	if err != nil {
		return report(stderr, "preview", err)
	}
	return 0
}

// previewCmd is one run of jixiao preview.
type previewCmd struct {
	out          string
	sel          pageSet
	pagesArg     string
	allowMissing bool
	dpi          float64
	stdout       io.Writer
	stderr       io.Writer
}

// options checks the output directory and returns the pipeline's options.
func (pc *previewCmd) options(ff *fontFlags, lo *layoutOptions) (pipeline.Options, error) {
	if st, err := os.Stat(pc.out); err == nil && !st.IsDir() {
		return pipeline.Options{}, usageProblem(previewMsg("preview.outNotDir", pc.out))
	}
	if lo.watermarkText() != "" {
		// The watermark is drawn by render, into PDFs only.
		return pipeline.Options{}, usageProblem("--draft and --watermark mark PDFs (render, binder); a preview is drawn without them (预览不绘制水印)")
	}
	return printOptions(ff, lo, pc.allowMissing, "preview", pc.stderr)
}

// forms draws the pages of the forms picked from file.
func (pc *previewCmd) forms(file string, pick formPick, ff *fontFlags, lo *layoutOptions) error {
	opt, err := pc.options(ff, lo)
	if err != nil {
		return err
	}
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return usageProblem(previewMsg("preview.dir", file))
	}
	inputs, err := readInputs([]string{file}, opt.Events)
	if err != nil {
		return err
	}
	in := inputs[0]
	picked, err := pickForms(in.Book, pick, true)
	if err != nil {
		return err
	}
	// Every form laid out and its characters checked before the first
	// image is drawn.
	docs, err := pipeline.LayOut(in, picked, opt)
	if err != nil {
		return err
	}
	names := uniqueNames(in.Book, picked)
	var pages []*layout.Page
	var paths []string
	for k, doc := range docs {
		base := strings.TrimSuffix(names[k], ".pdf")
		n := len(doc.Pages)
		first := len(pages)
		for p, pg := range doc.Pages {
			if pc.sel.has(p + 1) {
				pages = append(pages, pg)
				paths = append(paths, filepath.Join(pc.out, pageFileName(base, p+1, n)))
			}
		}
		// Of a single form, pages it lacks are an error; of a whole book,
		// the forms without them are passed over.
		if len(pages) == first && len(docs) == 1 {
			return usageProblem(previewMsg("preview.noPages", pc.pagesArg, strconv.Quote(in.Book.Forms[picked[k]].Project), n))
		}
	}
	if len(pages) == 0 {
		return usageProblem(previewMsg("preview.noPagesBook", pc.pagesArg))
	}
	// No image may replace an input: checked before the first is drawn.
	for _, path := range paths {
		if err := checkOutput(path, []string{file}); err != nil {
			return usageProblem(err.Error())
		}
	}
	seq := func(yield func(int, *layout.Page) error) error {
		for i, p := range pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
	return pc.draw(seq, opt, func(i int) string { return paths[i] }, []string{file})
}

// binder draws the pages of the binder of files, as jixiao binder prints it.
func (pc *previewCmd) binder(files []string, ff *fontFlags, lo *layoutOptions, group bool) error {
	opt, err := pc.options(ff, lo)
	if err != nil {
		return err
	}
	inputs, err := readInputs(files, opt.Events)
	if err != nil {
		return err
	}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	b, err := pipeline.PlanBinder(inputs, pipeline.BinderOptions{Options: opt, GroupByUnit: group})
	if err != nil {
		return err
	}
	n := b.Pages
	selected := false
	for p := 1; p <= n && !selected; p++ {
		selected = pc.sel.has(p)
	}
	if !selected {
		return usageProblem(previewMsg("preview.noPages", pc.pagesArg, "the binder", n))
	}
	seq := func(yield func(int, *layout.Page) error) error {
		return b.EachPage(func(i int, p *layout.Page) error {
			if !pc.sel.has(i + 1) {
				return nil
			}
			return yield(i, p)
		})
	}
	return pc.draw(seq, opt, func(i int) string { return filepath.Join(pc.out, pageFileName("binder", i+1, n)) }, paths)
}

// draw draws the pages of seq (pipeline.Previews, on every CPU), each into
// the file path names (written to a temporary file and renamed; none may
// be one of the inputs). The first error stops the work and is returned;
// the files already written stay, each complete. What was written is said
// on stderr once all are.
func (pc *previewCmd) draw(seq func(func(int, *layout.Page) error) error, opt pipeline.Options, path func(int) string, inputs []string) error {
	if err := os.MkdirAll(pc.out, 0o755); err != nil {
		return usageProblem(err.Error())
	}
	var written []int
	err := pipeline.Previews(seq, opt, pc.dpi, func(i int, png []byte) error {
		p := path(i)
		if err := checkOutput(p, inputs); err != nil {
			return usageProblem(err.Error())
		}
		if err := writeOutput(p, pc.stdout, func(w io.Writer) error {
			_, err := w.Write(png)
			return err
		}); err != nil {
			return err
		}
		written = append(written, i)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(written)
	if len(written) == 1 {
		fmt.Fprintln(pc.stderr, "jixiao preview: "+previewMsg("preview.wrote", path(written[0])))
	} else {
		fmt.Fprintln(pc.stderr, "jixiao preview: "+previewMsg("preview.wroteMany", len(written), path(written[0]), path(written[len(written)-1])))
	}
	return nil
}

// pageFileName names the image of page p of n of a document: base-p01.png,
// the number with as many digits as n has, and at least two.
func pageFileName(base string, p, n int) string {
	return fmt.Sprintf("%s-p%0*d.png", base, max(2, len(strconv.Itoa(n))), p)
}

// pageSet is the --pages selection: ranges of page numbers counted from 1,
// hi 0 meaning to the end; empty means every page.
type pageSet []struct{ lo, hi int }

func (s pageSet) has(p int) bool {
	if len(s) == 0 {
		return true
	}
	for _, r := range s {
		if p >= r.lo && (r.hi == 0 || p <= r.hi) {
			return true
		}
	}
	return false
}

// parsePages reads "1-3", "2", "1,4-" (to the end), "-3" (from the first).
func parsePages(arg string) (pageSet, error) {
	if arg == "" {
		return nil, nil
	}
	var s pageSet
	num := func(v string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || strings.ContainsAny(v, "+-") {
			return 0, fmt.Errorf("bad page number %q", v)
		}
		return n, nil
	}
	for _, part := range strings.Split(arg, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		var r struct{ lo, hi int }
		var err error
		switch {
		case !isRange:
			r.lo, err = num(lo)
			r.hi = r.lo
		default:
			r.lo = 1
			if strings.TrimSpace(lo) != "" {
				r.lo, err = num(lo)
			}
			if err == nil && strings.TrimSpace(hi) != "" {
				r.hi, err = num(hi)
			}
			if err == nil && r.hi != 0 && r.hi < r.lo || strings.TrimSpace(lo) == "" && strings.TrimSpace(hi) == "" {
				err = fmt.Errorf("bad range %q", part)
			}
		}
		if err != nil {
			return nil, err
		}
		s = append(s, r)
	}
	return s, nil
}
