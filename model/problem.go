package model

import (
	"fmt"
	"jixiao/internal/safetext"
	"strconv"
	"strings"
)

// Severity says whether a problem stops printing.
type Severity int

const (
	Error   Severity = iota // the form cannot be printed as it is
	Warning                 // printable, but probably not what was meant
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Location is where a problem stands in an input: a file with a line and
// column (JSON, YAML, text), or a sheet and cell of a workbook.
type Location struct {
	File         string
	Line, Column int    // from 1; 0 when unknown
	Sheet, Cell  string // a workbook's sheet name and cell, e.g. "C5"
}

// String returns "FILE:LINE:COL", "FILE:LINE", "FILE: SHEET!CELL" or
// "FILE", whichever the location holds.
func (l Location) String() string {
	var b strings.Builder
	b.WriteString(l.File)
	switch {
	case l.Sheet != "":
		if l.File != "" {
			b.WriteString(": ")
		}
		b.WriteString(l.Sheet)
		if l.Cell != "" {
			b.WriteByte('!')
			b.WriteString(l.Cell)
		}
	case l.Line > 0:
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(l.Line))
		if l.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(l.Column))
		}
	}
	return b.String()
}

// Problem is one thing wrong with the user's input, found while decoding,
// validating, importing or laying out. It is a value: Code names the kind
// of problem (one of the constants in codes.go) and Args the user's values
// that the message quotes. Its text, in every language, is the message
// catalogue's (package msg): a problem stores no text of its own.
type Problem struct {
	Severity Severity
	Code     string   // stable kebab-case, e.g. "level2-not-in-level1"
	Loc      Location // where the field was read, when known
	Path     string   // field path, e.g. forms[4].indicators[7].level2; "" for the file as a whole
	Args     []string // the user values the message quotes, in order ({1}, {2} … in the catalogue)
}

// String prints the problem for a programmer (logs, %v in tests): its
// location, path, code and arguments, never a message text. A user reads
// a problem through the message catalogue (pipeline.ProblemText):
//
//	book.json:212:21: forms[4].indicators[7].level2: level2-not-in-level1 ["质量" "产出指标" "质量指标"]
//	book.json:3:5: warning: forms[0].year: form-year-differs ["2023" "2024"]
func (p Problem) String() string {
	var b strings.Builder
	if loc := p.Loc.String(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Code)
	if len(p.Args) > 0 {
		b.WriteByte(' ')
		fmt.Fprintf(&b, "%q", p.Args)
	}
	// The location, the path and the arguments quote the user's file
	// names, keys and values: shown safely (issue #9).
	return safetext.Escape(b.String())
}

func (p Problem) Error() string { return p.String() }

// Problems is a list of problems; as an error it prints one a line.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Under returns the problems with their paths placed under prefix, e.g.
// "title" under "forms[3]" is "forms[3].title"; an empty path becomes prefix.
func (ps Problems) Under(prefix string) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		switch {
		case p.Path == "":
			p.Path = prefix
		case strings.HasPrefix(p.Path, "["):
			p.Path = prefix + p.Path
		default:
			p.Path = prefix + "." + p.Path
		}
		out[i] = p
	}
	return out
}

// Errors returns the problems of severity Error.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the problems of severity Error as an error, nil if none.
func (ps Problems) Err() error {
	if errs := ps.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// Errors joins the problems of severity Error into one error (nil if none).
func Errors(problems []Problem) error { return Problems(problems).Err() }

// newProblem makes a problem of code at path with args, the values its
// message quotes.
func newProblem(sev Severity, code, path string, args ...string) Problem {
	return Problem{Severity: sev, Code: code, Path: path, Args: args}
}

// FormIndex returns the index of the form a field path is of: 3 for
// "forms[3].indicators[7].level2". ok is false for a path of no form.
func FormIndex(path string) (i int, ok bool) {
	i, _, ok = CutFormPath(path)
	return i, ok
}
