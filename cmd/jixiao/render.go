package main

import (
	"flag"
	"fmt"
	"io"
	"jixiao/internal/output"
	"jixiao/internal/safetext"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"jixiao/model"
	"jixiao/pipeline"
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
	files, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	formGiven := false
	fs.Visit(func(f *flag.Flag) { formGiven = formGiven || f.Name == "form" })
	switch {
	case len(files) != 1:
		fs.Usage()
		return 2
	case (*out == "") == (*outDir == ""):
		fmt.Fprintln(stderr, "jixiao render: give exactly one of -o OUT.pdf and --out-dir DIR")
		return 2
	case formGiven && *project != "":
		fmt.Fprintln(stderr, "jixiao render: give at most one of --form and --project")
		return 2
	}
	pick := formPick{project: *project}
	if formGiven {
		pick.form = formN
	}
	if err := renderCmd(files[0], *out, *outDir, pick, *allowMissing, &ff, &lo, stdout, stderr); err != nil {
		return report(stderr, "render", err)
	}
	return 0
}

// renderCmd prints the forms picked from file: it checks the outputs
// named, reads the input, lays out and draws through the pipeline, and
// writes the PDFs.
func renderCmd(file, out, outDir string, pick formPick, allowMissing bool,
	ff *fontFlags, lo *layoutOptions, stdout, stderr io.Writer) error {
	if err := renderChecks(file, out, outDir); err != nil {
		return err
	}
	opt, err := printOptions(ff, lo, allowMissing, "render", stderr)
	if err != nil {
		return err
	}
	inputs, err := readInputs([]string{file}, opt.Events)
	if err != nil {
		return err
	}
	if err := lo.warn.check(); err != nil {
		return err
	}
	in := inputs[0]
	picked, err := pickForms(in.Book, pick, outDir != "")
	if err != nil {
		return err
	}
	var names []string
	if outDir != "" {
		names = uniqueNames(in.Book, picked)
		for _, name := range names {
			if err := checkOutput(filepath.Join(outDir, name), []string{file}); err != nil {
				return usageProblem(err.Error())
			}
		}
	}
	if outDir == "" {
		pdfs, err := pipeline.Forms(in, picked, opt)
		if err != nil {
			return err
		}
		if err := lo.warn.check(); err != nil { // characters drawn as boxes
			return err
		}
		return writeOutput(out, stdout, func(w io.Writer) error {
			_, err := w.Write(pdfs[0])
			return err
		})
	}
	// Each form's PDF is written as soon as it is drawn: 10,000 forms are
	// never held in memory at once.
	if err := os.MkdirAll(outDir, 0o777); err != nil {
		return usageProblem(err.Error())
	}
	return pipeline.EachForm(in, picked, opt,
		func(k int, pdf []byte) error {
			if err := lo.warn.check(); err != nil { // characters drawn as boxes
				return err
			}
			return output.Write(filepath.Join(outDir, names[k]), func(w io.Writer) error {
				_, err := w.Write(pdf)
				return err
			})
		},
		func(k int) {
			fmt.Fprintln(stderr, "jixiao render: wrote", safetext.Escape(filepath.Join(outDir, names[k])))
		})
}

// renderChecks refuses, before any work, an output that would replace the
// input, an --out-dir that is not a directory, and a directory as input.
func renderChecks(file, out, outDir string) error {
	if err := checkOutput(out, []string{file}); err != nil {
		return usageProblem(err.Error())
	}
	if err := checkOutDir(outDir); err != nil {
		return err
	}
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return usageProblem(fmt.Sprintf("%s is a directory: jixiao render prints one file (jixiao binder prints many)", file))
	}
	return nil
}

// checkOutDir refuses an --out-dir that exists and is not a directory
// (before any work; the files in it are checked once they are named).
func checkOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageProblem(fmt.Sprintf("--out-dir %s: not a directory", dir))
	}
	return nil
}

// formPick is the form chosen on the command line: form is --form N (nil
// when not given), project --project NAME ("" when not given).
type formPick struct {
	form    *int
	project string
}

// pickForms returns the indices of the forms to print.
func pickForms(book *model.Book, pick formPick, all bool) ([]int, error) {
	n := len(book.Forms)
	project := pick.project
	switch {
	case n == 0:
		return nil, inputProblem("the book has no forms")
	case pick.form != nil:
		formN := *pick.form
		switch {
		case formN < 1:
			return nil, usageProblem(fmt.Sprintf("--form %d: --form counts from 1; the book has %s", formN, plural(n, "form")))
		case formN > n:
			return nil, usageProblem(fmt.Sprintf("--form %d: the book has %s", formN, plural(n, "form")))
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
// safe for file systems (compared without regard to case), the first form
// of each name keeping it. Repeats get -2, -3 …, skipping the names any
// form has as it is: a project named "X-2" is written to X-2.pdf even when
// two forms are named "X".
func uniqueNames(book *model.Book, picked []int) []string {
	bases := make([]string, len(picked))
	names := make([]string, len(picked))
	used := map[string]bool{}
	for k, i := range picked {
		base := safeFileName(book.Forms[i].Project)
		if base == "" {
			base = "form-" + strconv.Itoa(i+1)
		}
		bases[k] = base
		if key := strings.ToLower(base + ".pdf"); !used[key] {
			used[key] = true
			names[k] = base + ".pdf"
		}
	}
	for k, base := range bases {
		if names[k] != "" {
			continue
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

// plural formats n things: "1 form", "18 forms".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// safeFileName drops the characters file systems reject or treat specially
// (/ \ : * ? " < > | and control characters), the invisible and reordering
// ones (U+202E, U+200B: a name must read as it is), and trims leading dots and
// surrounding spaces. The result has at most 150 bytes, cut at a character
// boundary.
func safeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || safetext.Invisible(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			continue
		}
		if b.Len()+len(string(r)) > 150 {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.String()), "."))
}
