package main

// The steps every printing command shares (jixiao render, jixiao binder):
// read and validate the input, build the font set from the flags, check
// glyph coverage, pick the date to write.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/render"
)

// exitError carries the exit status a failure should end the command with
// (1 the input has problems, 2 usage or I/O errors) and what to print.
type exitError struct {
	code  int
	lines []string
}

func (e *exitError) Error() string { return strings.Join(e.lines, "\n") }

func inputProblem(lines ...string) error { return &exitError{code: 1, lines: lines} }
func usageProblem(lines ...string) error { return &exitError{code: 2, lines: lines} }

// report prints err to stderr, each line prefixed with the command's name,
// and returns the exit status it stands for.
func report(stderr io.Writer, cmd string, err error) int {
	var e *exitError
	if !errors.As(err, &e) {
		fmt.Fprintf(stderr, "jixiao %s: %v\n", cmd, err)
		return 2
	}
	for _, l := range e.lines {
		fmt.Fprintf(stderr, "jixiao %s: %s\n", cmd, l)
	}
	return e.code
}

// loadBook reads a book or a single form and validates it. Problems of
// severity error stop with exit status 1; warnings are printed to stderr.
func loadBook(path, cmd string, stderr io.Writer) (*model.Book, error) {
	book, src, err := model.ReadFileSource(path)
	if err != nil {
		if model.IsContentError(err) {
			return nil, inputProblem(strings.Split(err.Error(), "\n")...)
		}
		return nil, usageProblem(err.Error())
	}
	var errs []string
	for _, p := range model.Validate(book, src) {
		if p.Severity == model.Error {
			errs = append(errs, p.String())
		} else {
			fmt.Fprintf(stderr, "jixiao %s: %s\n", cmd, p)
		}
	}
	if len(errs) > 0 {
		return nil, inputProblem(append(errs, fmt.Sprintf("%s: %d problem(s); nothing was printed (run jixiao validate %s)", path, len(errs), path))...)
	}
	return book, nil
}

// fontFlags are the font options of the printing commands.
type fontFlags struct {
	body, title string
	fallback    stringList
}

func (ff *fontFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.body, "font-body", "", "TrueType font `PATH` for body text (宋体 role); FILE.ttc#N picks a face of a collection (default: embedded Noto Serif SC)")
	fs.StringVar(&ff.title, "font-title", "", "TrueType font `PATH` for titles (黑体 role) (default: embedded Noto Sans SC Bold)")
	fs.Var(&ff.fallback, "font-fallback", "TrueType font `PATH` tried for characters the role's font lacks (repeatable, in order)")
}

// set loads the fonts; a font that cannot be used is a usage error.
func (ff *fontFlags) set() (*fonts.Set, error) {
	s := &fonts.Set{}
	var err error
	if ff.body == "" {
		s.Body, err = fonts.DefaultBody()
	} else {
		s.Body, err = fonts.Load(ff.body)
	}
	if err != nil {
		return nil, usageProblem(fmt.Sprintf("--font-body: %v", err))
	}
	if ff.title == "" {
		s.Title, err = fonts.DefaultTitle()
	} else {
		s.Title, err = fonts.Load(ff.title)
	}
	if err != nil {
		return nil, usageProblem(fmt.Sprintf("--font-title: %v", err))
	}
	for _, p := range ff.fallback {
		f, err := fonts.Load(p)
		if err != nil {
			return nil, usageProblem(fmt.Sprintf("--font-fallback: %v", err))
		}
		s.Fallback = append(s.Fallback, f)
	}
	return s, nil
}

// formFields lists the printed texts of a form with the role each is drawn
// in: the form's title in the title role, everything else as body text.
func formFields(f *model.Form, prefix string) []fonts.Field {
	tfs := f.TextFields(prefix)
	out := make([]fonts.Field, 0, len(tfs))
	title := "title"
	if prefix != "" {
		title = prefix + ".title"
	}
	for _, tf := range tfs {
		role := layout.Body
		if tf.Path == title {
			role = layout.Title
		}
		out = append(out, fonts.Field{Path: tf.Path, Text: tf.Text, Role: role})
	}
	return out
}

// checkCoverage fails with every character of fields that no font draws,
// with its path; with allowMissing it prints them as warnings (they will be
// drawn as boxes) and succeeds.
func checkCoverage(set *fonts.Set, fields []fonts.Field, allowMissing bool, cmd string, stderr io.Writer) error {
	return reportMissing(set.Check(fields), allowMissing, cmd, stderr)
}

// documentDate is the creation date written into the PDFs of a year:
// SOURCE_DATE_EPOCH when set, else a fixed date derived from the year.
func documentDate(year int) (time.Time, error) {
	d, err := render.DateFromEnv(year)
	if err != nil {
		return time.Time{}, usageProblem(err.Error())
	}
	return d, nil
}

// layoutOptions are the page options of the printing commands.
type layoutOptions struct {
	paper     string
	duplex    bool
	signature bool
}

func (lo *layoutOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&lo.paper, "paper", "A4", "paper `SIZE`: A4, A3, A4-landscape or A3-landscape")
	fs.BoolVar(&lo.duplex, "duplex", false, "mirror the margins for printing on both sides")
	fs.BoolVar(&lo.signature, "signature", false, "add the signature block after the indicator table")
}

func (lo *layoutOptions) options() (layout.Options, error) {
	o := layout.DefaultOptions()
	w, h, err := layout.PaperSize(lo.paper)
	if err != nil {
		return o, usageProblem("--paper: " + err.Error())
	}
	o.Width, o.Height = w, h
	o.Mirror = lo.duplex
	o.Signature = lo.signature
	return o, nil
}

// documentMissing returns the characters drawn by doc that no font of set
// draws and that the field check has not reported (skip): those of the
// texts layout adds itself (labels, footers, the year line). Each is named
// by prefix and the item's Field.
func documentMissing(set *fonts.Set, doc *layout.Document, prefix string, skip []fonts.Missing) []fonts.Missing {
	seen := map[rune]bool{}
	for _, m := range skip {
		seen[m.Rune] = true
	}
	var out []fonts.Missing
	for _, pg := range doc.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.Text {
				continue
			}
			for _, r := range it.Text {
				if seen[r] {
					continue
				}
				if _, ok := set.Face(it.Role, r); ok {
					continue
				}
				seen[r] = true
				path := it.Field
				if path == "" {
					path = "text"
				}
				if prefix != "" {
					path = prefix + "." + path
				}
				out = append(out, fonts.Missing{Path: path, Rune: r})
			}
		}
	}
	return out
}

// reportMissing fails with the missing characters, or with allowMissing
// prints them as warnings and succeeds.
func reportMissing(missing []fonts.Missing, allowMissing bool, cmd string, stderr io.Writer) error {
	if len(missing) == 0 {
		return nil
	}
	lines := make([]string, 0, len(missing)+1)
	for _, m := range missing {
		lines = append(lines, "no font has "+m.String())
	}
	if allowMissing {
		for _, l := range lines {
			fmt.Fprintf(stderr, "jixiao %s: warning: %s (drawn as a box)\n", cmd, l)
		}
		return nil
	}
	return inputProblem(append(lines, fmt.Sprintf("%d character(s) cannot be drawn: add a font with --font-fallback, or draw boxes with --allow-missing", len(missing)))...)
}
