package main

import (
	"fmt"
	"io"
	"jixiao/internal/safetext"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jixiao/pipeline"
)

func init() {
	commands["binder"] = command{
		summary: "print a year's forms as one PDF with a cover, contents and page numbers",
		run:     runBinder,
	}
}

// binderFlags are the options of jixiao binder.
type binderFlags struct {
	out          string
	groupBy      string
	splitBy      string
	outDir       string
	date         string
	workers      int
	progress     bool
	allowMissing bool
	fonts        fontFlags
	layout       layoutOptions
}

func runBinder(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("binder", stderr)
	var bf binderFlags
	fs.StringVar(&bf.out, "o", "", "write the PDF to `OUT.pdf` (- for standard output)")
	fs.StringVar(&bf.groupBy, "group-by", "", "group the forms in the contents and bookmarks: `unit` (单位名称)")
	fs.StringVar(&bf.splitBy, "split-by", "", "one binder per `unit` (单位名称), each with its own cover, contents and numbering, written to --out-dir")
	fs.StringVar(&bf.outDir, "out-dir", "", "with --split-by: the `DIR`ectory of the binders, one file per unit named after it")
	fs.StringVar(&bf.date, "date", "", "编报日期 printed on the cover, as `TEXT` (e.g. 2024年3月1日); default: the year with blanks for month and day")
	fs.IntVar(&bf.workers, "workers", 0, "lay out `N` forms at once (default: the number of CPUs); the PDF is the same for any N")
	fs.BoolVar(&bf.progress, "progress", false, "show a progress bar on stderr even when it is not a terminal")
	fs.BoolVar(&bf.allowMissing, "allow-missing", false, "draw a box for each character no font has, instead of failing")
	bf.fonts.register(fs)
	bf.layout.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao binder FILE... -o binder.pdf [options]\n\n"+
			"Prints every form of the books and forms given (a directory stands for its\n"+
			".json, .yaml and .yml files in name order) as one PDF: a cover, a table of\n"+
			"contents (目录) with links, the forms numbered 第 N 页 共 M 页, and bookmarks.\n"+
			"With --duplex every form starts on a right-hand page; blank pages are\n"+
			"inserted where needed and counted, but show no page number.\n"+
			"The binder's year (on the cover and in the PDF's title) is the year of the\n"+
			"first input (of its book, else of its form); a form of another year is\n"+
			"printed, with a warning naming its file and line.\n"+
			"Exit status: 0 printed, 1 the input has problems, 2 usage or I/O error.\n\noptions:")
		fs.PrintDefaults()
	}
	files, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	switch {
	case len(files) == 0:
		fs.Usage()
		return 2
	case bf.splitBy != "" && bf.splitBy != "unit":
		fmt.Fprintf(stderr, "jixiao binder: --split-by %q: the binder can only be split by unit (--split-by 只能是 unit)\n", bf.splitBy)
		return 2
	case bf.splitBy != "" && (bf.outDir == "" || bf.out != ""):
		fmt.Fprintln(stderr, "jixiao binder: --split-by unit writes one file per unit: give --out-dir DIR, not -o (--split-by 需要 --out-dir 目录)")
		return 2
	case bf.splitBy == "" && bf.outDir != "":
		fmt.Fprintln(stderr, "jixiao binder: --out-dir goes with --split-by unit; one binder is written with -o (--out-dir 须与 --split-by unit 同用)")
		return 2
	case bf.out == "" && bf.splitBy == "":
		fmt.Fprintln(stderr, "jixiao binder: give the output file with -o binder.pdf (- for standard output)")
		return 2
	case bf.groupBy != "" && bf.groupBy != "unit":
		fmt.Fprintf(stderr, "jixiao binder: --group-by %q: the forms can only be grouped by unit\n", bf.groupBy)
		return 2
	case bf.workers < 0:
		fmt.Fprintln(stderr, "jixiao binder: --workers must be at least 1 (0 for the number of CPUs)")
		return 2
	}
	if err := binderCmd(files, &bf, stdout, stderr); err != nil {
		return report(stderr, "binder", err)
	}
	return 0
}

// binderCmd prints the binder of files: it checks the output named,
// reads the inputs, has the pipeline lay out and draw the binder into the
// output file, and prints a summary.
func binderCmd(files []string, bf *binderFlags, stdout, stderr io.Writer) error {
	start := time.Now() // for the summary on stderr only
	if err := checkOutput(bf.out, files); err != nil {
		return usageProblem(err.Error())
	}
	opt, err := printOptions(&bf.fonts, &bf.layout, bf.allowMissing, "binder", stderr)
	if err != nil {
		return err
	}
	inputs, err := readInputs(files, opt.Events)
	if err != nil {
		return err
	}
	if err := bf.layout.warn.check(); err != nil {
		return err
	}
	// A directory given stands for its files: none of them may be the output.
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	if err := checkOutput(bf.out, paths); err != nil {
		return usageProblem(err.Error())
	}

	bar := newProgressBar(stderr, bf.progress)
	if bar != nil {
		opt.Events.Progress = bar.update
		opt.Events.Planned = func(pages int) { bar.finish(fmt.Sprintf("; writing %d pages", pages)) }
	}
	bo := pipeline.BinderOptions{Options: opt, GroupByUnit: bf.groupBy == "unit", Workers: bf.workers, Date: strings.Join(strings.Fields(bf.date), " ")}
	if bf.splitBy == "unit" {
		bar.finish("")
		bo.Events.Progress, bo.Events.Planned = nil, nil // the bar is of one binder
		return splitBinders(inputs, bo, bf, stdout, stderr)
	}
	b, err := pipeline.PlanBinder(inputs, bo)
	if err != nil {
		bar.finish("") // ends the bar's line if planning failed
		return err
	}
	if err := bf.layout.warn.check(); err != nil { // a form of another year
		return err
	}
	var size int64
	if err := writeOutput(bf.out, stdout, func(w io.Writer) error {
		if size, err = b.WriteTo(w); err != nil {
			return err
		}
		return bf.layout.warn.check() // a footer's character drawn as a box
	}); err != nil {
		return err
	}
	name := bf.out
	if name == "-" {
		name = "standard output"
	}
	fmt.Fprintf(stderr, "jixiao binder: wrote %s: %d forms, %d pages, %s in %.2f s\n",
		safetext.Escape(name), b.Forms, b.Pages, byteSize(size), time.Since(start).Seconds())
	return nil
}

// splitBinders writes one binder per 单位名称 into bf.outDir, named after
// the unit (safeFileName; repeated names numbered), each with its own cover,
// contents and numbering. Every binder is planned and checked before the
// first is written.
func splitBinders(inputs []pipeline.Input, bo pipeline.BinderOptions, bf *binderFlags, stdout, stderr io.Writer) error {
	if err := checkOutDir(bf.outDir); err != nil {
		return err
	}
	units := pipeline.Units(inputs)
	names := make([]string, len(units))
	used := map[string]bool{}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	for k, u := range units {
		base := safeFileName(u)
		if base == "" {
			base = "binder"
		}
		name := base + ".pdf"
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d.pdf", base, n)
		}
		used[name] = true
		names[k] = name
		if err := checkOutput(filepath.Join(bf.outDir, name), paths); err != nil {
			return usageProblem(err.Error())
		}
	}
	binders := make([]*pipeline.Binder, len(units))
	for k, u := range units {
		o := bo
		o.Unit = u
		b, err := pipeline.PlanBinder(inputs, o)
		if err != nil {
			return err
		}
		binders[k] = b
	}
	if err := bf.layout.warn.check(); err != nil {
		return err
	}
	if err := os.MkdirAll(bf.outDir, 0o755); err != nil {
		return err
	}
	for k, b := range binders {
		path := filepath.Join(bf.outDir, names[k])
		var size int64
		if err := writeOutput(path, stdout, func(w io.Writer) error {
			var err error
			if size, err = b.WriteTo(w); err != nil {
				return err
			}
			return bf.layout.warn.check()
		}); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "jixiao binder: wrote %s: %d forms, %d pages, %s\n", path, b.Forms, b.Pages, byteSize(size))
	}
	return nil
}

// byteSize formats a file size for people: 812 B, 1.4 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// progressBar draws the forms laid out so far on one line of stderr.
type progressBar struct {
	w    io.Writer
	last int // last width drawn, in 1/40 of the total
	done bool
}

// newProgressBar returns a bar drawing to stderr if it is a terminal or if
// forced, else nil (whose methods do nothing).
func newProgressBar(stderr io.Writer, force bool) *progressBar {
	if !force {
		f, ok := stderr.(*os.File)
		if !ok {
			return nil
		}
		st, err := f.Stat()
		if err != nil || st.Mode()&os.ModeCharDevice == 0 {
			return nil
		}
	}
	return &progressBar{w: stderr, last: -1}
}

const barWidth = 40

func (p *progressBar) update(done, total int) {
	if p == nil || total == 0 {
		return
	}
	n := done * barWidth / total
	if n == p.last && done != total {
		return // redraw only when the bar grows, so a long binder writes little
	}
	p.last = n
	p.done = true
	fmt.Fprintf(p.w, "\rjixiao binder: [%s%s] %d/%d forms", strings.Repeat("#", n), strings.Repeat(" ", barWidth-n), done, total)
}

// finish ends the bar's line with note, once: the PDF is written after
// the forms are laid out, and that takes as long again.
func (p *progressBar) finish(note string) {
	if p == nil || !p.done {
		return
	}
	p.done = false
	fmt.Fprintln(p.w, note)
}
