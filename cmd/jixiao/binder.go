package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
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
	case bf.out == "":
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

func binderCmd(files []string, bf *binderFlags, stdout, stderr io.Writer) error {
	start := time.Now() // for the summary on stderr only
	if err := checkOutput(bf.out, files); err != nil {
		return usageProblem(err.Error())
	}
	opt, err := bf.layout.options()
	if err != nil {
		return err
	}
	set, err := bf.fonts.set()
	if err != nil {
		return err
	}
	inputs, err := readInputs(files, stderr)
	if err != nil {
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
	book, err := bindInputs(inputs, stderr)
	if err != nil {
		return err
	}
	// Form by form, so that the fields of 10,000 forms are never listed at
	// once.
	check := newGlyphCheck(set, bf.allowMissing, "binder", stderr)
	var missing []fonts.Missing
	// Paths name each form in its own file, as the user wrote it.
	for _, in := range inputs {
		for j := range in.Book.Forms {
			missing = append(missing, check.fields(formFields(&in.Book.Forms[j], fmt.Sprintf("%s: forms[%d]", in.Path, j)))...)
		}
	}
	if err := check.report(missing); err != nil {
		return err
	}

	bar := newProgressBar(stderr, bf.progress)
	bo := layout.BinderOptions{Layout: opt, GroupByUnit: bf.groupBy == "unit", Duplex: bf.layout.duplex, Workers: bf.workers}
	if bar != nil {
		bo.Progress = bar.update
	}
	// The forms are laid out once to plan the binder and again, in a
	// window of a few forms, as the renderer reads the pages: the whole
	// binder is never in memory.
	st, err := layout.StreamBinder(book, set, bo)
	if err != nil {
		bar.finish("")
		return layoutFailure(err, inputs)
	}
	bl := &st.BinderLayout
	bar.finish(fmt.Sprintf("; writing %d pages", st.NumPages))
	// The cover and contents are at hand (the stream's Document holds only
	// them); the footers are checked as the renderer reads the form pages,
	// before anything is written.
	missing = nil
	for i, p := range bl.Pages {
		prefix := "binder.contents"
		if i == 0 {
			prefix = "binder.cover"
		}
		missing = append(missing, check.items(prefix, p.Items, "")...)
	}
	if err := check.report(missing); err != nil {
		return err
	}
	pages := func(yield func(int, *layout.Page) error) error {
		return st.Pages(func(i int, p *layout.Page) error {
			if i >= bl.FormFirst {
				if err := check.report(check.items("binder", p.Items, "footer")); err != nil {
					return err
				}
			}
			return yield(i, p)
		})
	}
	doc := bl.Document
	date, err := documentDate(doc.Meta.Year)
	if err != nil {
		return err
	}
	fr := render.Frame{Pages: st.NumPages, Outline: doc.Outline, Labels: doc.Labels, Meta: doc.Meta}
	var size int64
	if err := writeOutput(bf.out, stdout, func(w io.Writer) error {
		cw := &countingWriter{w: w}
		err := render.WritePages(cw, fr, pages, set, render.Options{Creator: "jixiao " + version, Date: date, AllowMissing: bf.allowMissing})
		size = cw.n
		return err
	}); err != nil {
		return err
	}
	name := bf.out
	if name == "-" {
		name = "standard output"
	}
	fmt.Fprintf(stderr, "jixiao binder: wrote %s: %d forms, %d pages, %s in %.2f s\n",
		name, len(book.Forms), st.NumPages, byteSize(size), time.Since(start).Seconds())
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// bindInputs puts the forms of the inputs into one book, in the order
// given. The binder's year is the first input's (its book's year, else its
// first form's); each form of another year is printed, with a warning
// naming where its year was read.
func bindInputs(inputs []input, stderr io.Writer) (*model.Book, error) {
	book := &model.Book{}
	for _, in := range inputs {
		if book.Title == "" {
			book.Title = in.Book.Title
		}
		book.Forms = append(book.Forms, in.Book.Forms...)
	}
	if len(book.Forms) == 0 {
		return nil, inputProblem("the inputs hold no forms")
	}
	first := inputs[0]
	book.Year = first.Book.Year
	if book.Year == 0 && len(first.Book.Forms) > 0 {
		book.Year = first.Book.Forms[0].Year
	}
	for _, in := range inputs {
		for j := range in.Book.Forms {
			year := in.Book.Forms[j].Year
			if year == book.Year || year == 0 {
				continue
			}
			if in.Book.Year == book.Year && in.Book.Year != 0 {
				continue // validation has warned: the form is not of its book's year
			}
			y, by := strconv.Itoa(year), strconv.Itoa(book.Year)
			p := model.Problem{Path: fmt.Sprintf("forms[%d].year", j), Severity: model.Warning, Code: model.CodeBinderYearDiffers,
				Args:    []string{y, by, first.Path, by},
				Message: fmt.Sprintf("the form is of %s but the binder is of %s (the year of the first input, %s): the cover says %s", y, by, first.Path, by)}
			p.Loc, _ = in.Source.Location(p.Path)
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			fmt.Fprintln(stderr, p)
		}
	}
	return book, nil
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

// finish ends the bar's line with note: the PDF is written after the
// forms are laid out, and that takes as long again.
func (p *progressBar) finish(note string) {
	if p == nil || !p.done {
		return
	}
	fmt.Fprintln(p.w, note)
}
