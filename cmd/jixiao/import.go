package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"jixiao/internal/msgs"
	"jixiao/internal/safetext"
	"os"

	"jixiao/model"
	"jixiao/model/seedtext"
)

func init() {
	commands["import"] = command{summary: "import a text extraction of forms (seed) as a JSON book", run: runImport}
}

// runImport implements jixiao import FILE [-o OUT]: the book goes to OUT
// (atomically) or standard output, every repair to standard error.
func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("import", stderr)
	out := fs.String("o", "-", "write the JSON book to `OUT` instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao import FILE [-o OUT.json]   (FILE: a seed text, or a workbook .xlsx)")
		fmt.Fprintln(stderr, "\nReads the tab-separated text extraction of a year's forms (FILE, or - for")
		fmt.Fprintln(stderr, "standard input), repairs the extraction damage and writes the book as JSON.")
		fmt.Fprintln(stderr, "Each repair is reported on standard error as FILE:LINE: message.")
		fmt.Fprintln(stderr, "An Excel workbook (FILE.xlsx) is read as jixiao render reads it and written as JSON.")
		fmt.Fprintln(stderr, "\noptions:")
		fs.PrintDefaults()
	}
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "jixiao import: expected exactly one input FILE")
		fs.Usage()
		return 2
	}
	name := pos[0]
	if err := checkOutput(*out, []string{name}); err != nil {
		fmt.Fprintf(stderr, "jixiao import: %s\n", safetext.Lines(err.Error()))
		return 2
	}
	if isWorkbook(name) {
		return importWorkbook(name, *out, stdout, stderr)
	}
	var in io.Reader = stdin
	if name != "-" {
		// A FIFO would block the open and a device never end (/dev/zero):
		// only a regular file of at most MaxSeedSize bytes is read, checked
		// before the open and again on the file opened.
		if msg := checkSeedFile(name, os.Stat); msg != "" {
			fmt.Fprintf(stderr, "jixiao import: %s\n", msg)
			return 2
		}
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "jixiao import: %s\n", safetext.Lines(err.Error()))
			return 2
		}
		defer f.Close()
		if msg := checkSeedFile(name, func(string) (os.FileInfo, error) { return f.Stat() }); msg != "" {
			fmt.Fprintf(stderr, "jixiao import: %s\n", msg)
			return 2
		}
		in = f
	}
	// The text is kept so that problems found after the import can be
	// pointed at the line where their form starts.
	var text bytes.Buffer
	book, repairs, err := seedtext.Import(io.TeeReader(in, &text), name)
	for _, r := range repairs {
		fmt.Fprintln(stderr, r)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jixiao import: %s\n", safetext.Lines(err.Error()))
		if errors.Is(err, seedtext.ErrSeed) {
			return 1
		}
		return 2
	}
	// The extraction may have lost what no repair can restore (a missing
	// 主管部门, an amount): such a book is not written.
	problems := model.Validate(book, nil)
	starts := seedtext.TitleLines(text.Bytes())
	for _, p := range problems {
		where := name
		i, ok := model.FormIndex(p.Path)
		if ok && i < len(starts) {
			where = fmt.Sprintf("%s:%d", name, starts[i])
		}
		fmt.Fprintf(stderr, "%s: form %d: %s\n", safetext.Escape(where), i+1, p)
	}
	if model.Errors(problems) != nil {
		fmt.Fprintf(stderr, "jixiao import: %s: the imported book has errors (listed above); nothing written\n", safetext.Escape(name))
		return 1
	}
	if err := writeOutput(*out, stdout, func(w io.Writer) error { return model.EncodeJSON(w, book) }); err != nil {
		fmt.Fprintf(stderr, "jixiao import: %s\n", safetext.Lines(err.Error()))
		return 2
	}
	return 0
}

// checkSeedFile returns why the file name cannot be imported (stat tells
// what it is), "" when it can.
func checkSeedFile(name string, stat func(string) (os.FileInfo, error)) string {
	st, err := stat(name)
	switch {
	case err != nil:
		return safetext.Escape(err.Error())
	case !st.Mode().IsRegular():
		return msgs.InputNotRegular.Format(safetext.Escape(name))
	case st.Size() > seedtext.MaxSeedSize:
		return msgs.InputTooLarge.Format(safetext.Escape(name), st.Size(), seedtext.MaxSeedSize>>20)
	}
	return ""
}
