package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

func init() {
	commands["render"] = command{
		summary: "print one form (or each form of a book) as a PDF",
		run:     runRender,
	}
}

func runRender(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("render", stderr)
	out := fs.String("o", "", "write the PDF to `OUT.pdf` (- for standard output)")
	outDir := fs.String("out-dir", "", "write one PDF per form into `DIR`, named after its project")
	formN := fs.Int("form", 0, "print form `N` of the book (1-based)")
	project := fs.String("project", "", "print the form whose project is `NAME`")
	allowMissing := fs.Bool("allow-missing", false, "draw a box for each character no font has, instead of failing")
	var ff fontFlags
	ff.register(fs)
	var lo layoutOptions
	lo.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao render FILE (-o OUT.pdf | --out-dir DIR) [options]\n\n"+
			"Prints a form, or a form of a book (--form N, --project NAME), as a PDF.\n"+
			"With --out-dir every form of the book (or the one chosen) gets its own PDF.\n"+
			"Exit status: 0 printed, 1 the input has problems, 2 usage or I/O error.\n\noptions:")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	switch {
	case len(files) != 1:
		fs.Usage()
		return 2
	case (*out == "") == (*outDir == ""):
		fmt.Fprintln(stderr, "jixiao render: give exactly one of -o OUT.pdf and --out-dir DIR")
		return 2
	case *formN != 0 && *project != "":
		fmt.Fprintln(stderr, "jixiao render: give at most one of --form and --project")
		return 2
	}
	if err := renderCmd(files[0], *out, *outDir, *formN, *project, *allowMissing, &ff, &lo, stdout, stderr); err != nil {
		return report(stderr, "render", err)
	}
	return 0
}

func renderCmd(file, out, outDir string, formN int, project string, allowMissing bool,
	ff *fontFlags, lo *layoutOptions, stdout, stderr io.Writer) error {
	opt, err := lo.options()
	if err != nil {
		return err
	}
	set, err := ff.set()
	if err != nil {
		return err
	}
	book, err := loadBook(file, "render", stderr)
	if err != nil {
		return err
	}
	picked, err := pickForms(book, formN, project, outDir != "")
	if err != nil {
		return err
	}
	// Lay out every form, then report every character no font draws (in
	// the fields, then in the texts layout adds: labels, the year line,
	// footers), then draw: all before the first file is written, so that a
	// failure leaves no PDF behind.
	docs := make([]*layout.Document, len(picked))
	var missing []fonts.Missing
	for k, i := range picked {
		f := &book.Forms[i]
		o := opt
		o.Path = fmt.Sprintf("forms[%d]", i)
		inFields := set.Check(formFields(f, o.Path))
		doc, err := layout.Form(f, set, o)
		if err != nil {
			return inputProblem(err.Error())
		}
		missing = append(missing, inFields...)
		missing = append(missing, documentMissing(set, doc, o.Path, inFields)...)
		docs[k] = doc
	}
	if err := reportMissing(missing, allowMissing, "render", stderr); err != nil {
		return err
	}
	dates := make([]time.Time, len(picked))
	for k, i := range picked {
		if dates[k], err = documentDate(book.Forms[i].Year); err != nil {
			return err
		}
	}
	// Each PDF costs about 15 ms, most of it fpdf's per-font work, and the
	// documents are independent: draw them on every CPU. The first error in
	// form order is the one reported, whatever the timing.
	pdfs := make([][]byte, len(picked))
	errs := make([]error, len(picked))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(picked)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				pdfs[k], errs[k] = render.Bytes(docs[k], set, render.Options{Creator: "jixiao " + version, Date: dates[k], AllowMissing: allowMissing})
			}
		}()
	}
	for k := range picked {
		next <- k
	}
	close(next)
	wg.Wait()
	for k, i := range picked {
		if errs[k] != nil {
			return fmt.Errorf("forms[%d]: %w", i, errs[k])
		}
	}
	if outDir == "" {
		return writeOutput(out, stdout, func(w io.Writer) error {
			_, err := io.Copy(w, bytes.NewReader(pdfs[0]))
			return err
		})
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return usageProblem(err.Error())
	}
	names := uniqueNames(book, picked)
	for k, name := range names {
		path := filepath.Join(outDir, name)
		if err := writeOutput(path, stdout, func(w io.Writer) error {
			_, err := w.Write(pdfs[k])
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintln(stderr, "jixiao render: wrote", path)
	}
	return nil
}

// pickForms returns the indices of the forms to print.
func pickForms(book *model.Book, formN int, project string, all bool) ([]int, error) {
	n := len(book.Forms)
	switch {
	case n == 0:
		return nil, inputProblem("the book has no forms")
	case formN != 0:
		if formN < 1 || formN > n {
			return nil, usageProblem(fmt.Sprintf("--form %d: the book has %d form(s)", formN, n))
		}
		return []int{formN - 1}, nil
	case project != "":
		var hits []int
		for i := range book.Forms {
			if book.Forms[i].Project == project {
				hits = append(hits, i)
			}
		}
		switch len(hits) {
		case 0:
			return nil, usageProblem(fmt.Sprintf("--project %q: no form has this project name", project))
		case 1:
			return hits, nil
		}
		return nil, usageProblem(fmt.Sprintf("--project %q: %d forms have this project name; use --form N", project, len(hits)))
	case all:
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx, nil
	case n > 1:
		return nil, usageProblem(fmt.Sprintf("the book has %d forms: pick one with --form N or --project NAME, or write them all with --out-dir DIR", n))
	}
	return []int{0}, nil
}

// uniqueNames returns a file name per picked form: its project name made
// safe for file systems, with -2, -3 … added to repeats.
func uniqueNames(book *model.Book, picked []int) []string {
	used := map[string]bool{}
	names := make([]string, len(picked))
	for k, i := range picked {
		base := safeFileName(book.Forms[i].Project)
		if base == "" {
			base = "form-" + strconv.Itoa(i+1)
		}
		name := base + ".pdf"
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n) + ".pdf"
		}
		used[strings.ToLower(name)] = true
		names[k] = name
	}
	return names
}

// safeFileName drops the characters file systems reject or treat specially
// (/ \ : * ? " < > | and control characters) and trims leading dots and
// surrounding spaces. The result has at most 150 bytes, cut at a character
// boundary.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			continue
		}
		if b.Len()+len(string(r)) > 150 {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.String()), "."))
}
