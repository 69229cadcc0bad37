package main

import (
	"encoding/json"
	"fmt"
	"io"
	"jixiao/internal/msgs"
	"jixiao/internal/safetext"

	"jixiao/model"
	"jixiao/pipeline"
)

func init() {
	commands["validate"] = command{
		summary: "check forms and books; exit 0 valid, 1 problems, 2 usage or I/O errors",
		run:     runValidate,
	}
}

// jsonProblem is the machine-readable form of one problem (validate --json).
type jsonProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`            // 0 when the problem is with the file as a whole
	Column   int    `json:"column"`          // 0 likewise
	Sheet    string `json:"sheet,omitempty"` // the sheet of a workbook (line and column are then 0)
	Cell     string `json:"cell,omitempty"`  // the cell in that sheet, e.g. C5 ("" for the sheet as a whole)
	Path     string `json:"path"`            // "" when the problem is not of one field
	Severity string `json:"severity"`
	Code     string `json:"code"` // the problem's stable code (model/codes.go); "" for an I/O error
	Message  string `json:"message"`
}

// newJSONProblem is the JSON form of p; file stands in for a location
// without one.
func newJSONProblem(p model.Problem, file string) jsonProblem {
	if p.Loc.File != "" {
		file = p.Loc.File
	}
	return jsonProblem{File: file, Line: p.Loc.Line, Column: p.Loc.Column, Sheet: p.Loc.Sheet, Cell: p.Loc.Cell, Path: p.Path,
		Severity: p.Severity.String(), Code: p.Code, Message: p.Message}
}

func runValidate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("validate", stderr)
	asJSON := fs.Bool("json", false, "print the problems as a JSON array on stdout")
	var warn warningFlags
	warn.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao validate [--json] [--strict] [-q] FILE...\n\nChecks each form or book (JSON, YAML or an .xlsx workbook; a directory stands for its files).\nExit status: 0 valid (warnings allowed, unless --strict), 1 problems found, 2 usage or I/O error.")
		fs.PrintDefaults()
	}
	files, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return 2
	}
	// Arguments in order, each one's files in name order, and each file
	// reported whole before the next, so the output reads as the inputs.
	// Every write to stdout is checked: a list lost (a full disk, a closed
	// pipe) is an I/O error, exit status 2, as with --json.
	out := &stickyWriter{w: stdout}
	stdout = out
	v := &validation{asJSON: *asJSON, warn: &warn, stdout: stdout, stderr: stderr, problems: []jsonProblem{}}
	for _, arg := range files {
		paths, err := expandInputs([]string{arg})
		if err != nil {
			v.code = 2
			if !v.asJSON {
				fmt.Fprintln(stderr, "jixiao validate:", safetext.Lines(err.Error()))
			}
			v.problems = append(v.problems, jsonProblem{File: arg, Severity: "error", Message: err.Error()})
		}
		for _, f := range paths {
			v.file(f)
		}
	}
	problems, code := v.problems, v.code
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(problems); err != nil {
			fmt.Fprintln(stderr, "jixiao validate:", safetext.Lines(err.Error()))
			return 2
		}
	} else if out.err == nil && code == 0 {
		fmt.Fprintf(stderr, "jixiao validate: %s valid\n", plural(v.valid, "file"))
	}
	if out.err != nil {
		fmt.Fprintln(stderr, "jixiao validate:", msgs.StdoutFailed.Format(out.err))
		return 2
	}
	return code
}

// stickyWriter keeps the first error of its writes and fails every write
// after it, so that one check at the end covers them all.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}

// validation collects the problems of the files checked so far.
type validation struct {
	asJSON         bool
	warn           *warningFlags
	stdout, stderr io.Writer
	problems       []jsonProblem
	code           int // exit status so far
	valid          int // files without errors
}

// file reads and checks one file, printing its problems unless asJSON.
func (v *validation) file(f string) {
	in, err := pipeline.Read(pipeline.Source{Name: f})
	if err != nil {
		des := model.DecodeErrors(err)
		if len(des) == 0 { // could not be read at all
			v.code = 2
			if !v.asJSON {
				fmt.Fprintln(v.stderr, "jixiao validate:", safetext.Lines(err.Error()))
			}
			v.problems = append(v.problems, jsonProblem{File: f, Severity: "error", Message: err.Error()})
			return
		}
		// Broken content is a problem with the file: exit 1, each problem listed.
		v.code = max(v.code, 1)
		for _, de := range des {
			for _, p := range de.Problems {
				v.problems = append(v.problems, newJSONProblem(p, de.File))
			}
			if !v.asJSON {
				fmt.Fprintln(v.stdout, de)
			}
		}
		return
	}
	ok := true
	for _, p := range model.Validate(in.Book, in.Source) {
		p, show := v.warn.filter(p)
		if !show {
			continue
		}
		v.problems = append(v.problems, newJSONProblem(p, f))
		if p.Severity == model.Error {
			v.code = max(v.code, 1)
			ok = false
		}
		if !v.asJSON {
			fmt.Fprintln(v.stdout, p.String())
		}
	}
	if ok {
		v.valid++
	}
}
