package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/pipeline"
)

func init() {
	commands["export"] = command{
		summary: "write forms and books as an Excel workbook, one sheet per form",
		run:     runExport,
	}
}

// runExport implements jixiao export FILE... -o book.xlsx.
func runExport(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", stderr)
	out := fs.String("o", "", "write the workbook to `OUT.xlsx` (- for standard output)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao export FILE... -o book.xlsx\n\n"+
			"Writes every form of the books and forms given (JSON, YAML or .xlsx; a\n"+
			"directory stands for its files) as one Excel workbook: one sheet per form,\n"+
			"laid out like the printed form and named after its project. The input is\n"+
			"checked first; a book with errors is not exported.\n"+
			"Exit status: 0 written, 1 the input has problems, 2 usage or I/O error.\n\noptions:")
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
	case *out == "":
		fmt.Fprintln(stderr, "jixiao export: give the output file with -o book.xlsx (- for standard output)")
		return 2
	case *out != "-" && !strings.EqualFold(filepath.Ext(*out), ".xlsx"):
		fmt.Fprintf(stderr, "jixiao export: %s: the output is an Excel workbook; name it …xlsx\n", *out)
		return 2
	}
	if err := checkOutput(*out, files); err != nil {
		fmt.Fprintf(stderr, "jixiao export: %v\n", err)
		return 2
	}
	inputs, err := readInputs(files, events("export", stderr))
	if err != nil {
		return report(stderr, "export", err)
	}
	book := &model.Book{Year: inputs[0].Book.Year, Title: inputs[0].Book.Title}
	for _, in := range inputs {
		book.Forms = append(book.Forms, in.Book.Forms...)
	}
	err = writeOutput(*out, stdout, func(w io.Writer) error { return xlsx.Export(w, book) })
	var ps model.Problems
	if errors.As(err, &ps) {
		// A text longer than a cell holds: named where it was read.
		for _, p := range ps {
			fmt.Fprintln(stderr, placeProblem(p, inputs))
		}
		fmt.Fprintf(stderr, "jixiao export: %s cannot be written to a workbook (listed above); nothing written\n", plural(len(ps), "text"))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "jixiao export: %v\n", err)
		return 2
	}
	return 0
}

// placeProblem places a problem whose path forms[k] counts the forms of
// all inputs together in the input, and at the forms[j] of it, where the
// form was read.
func placeProblem(p model.Problem, inputs []pipeline.Input) model.Problem {
	k, ok := model.FormIndex(p.Path)
	if !ok {
		return p
	}
	rest := strings.TrimPrefix(p.Path, "forms["+strconv.Itoa(k)+"]")
	for _, in := range inputs {
		if k < len(in.Book.Forms) {
			p.Path = "forms[" + strconv.Itoa(k) + "]" + rest
			p.Loc, _ = in.Source.Location(p.Path)
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			return p
		}
		k -= len(in.Book.Forms)
	}
	return p
}

// isWorkbook reports whether a file name is that of a spreadsheet, which
// jixiao import reads as a workbook (and explains when it cannot).
func isWorkbook(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".fods", ".csv":
		return true
	}
	return false
}

// importWorkbook implements jixiao import BOOK.xlsx: the workbook's forms,
// checked as jixiao validate checks them, written as a JSON book.
func importWorkbook(name, out string, stdout, stderr io.Writer) int {
	inputs, err := readInputs([]string{name}, events("import", stderr))
	if err != nil {
		return report(stderr, "import", err)
	}
	if err := writeOutput(out, stdout, func(w io.Writer) error { return model.EncodeJSON(w, inputs[0].Book) }); err != nil {
		fmt.Fprintf(stderr, "jixiao import: %v\n", err)
		return 2
	}
	return 0
}
