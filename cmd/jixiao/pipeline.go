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

// readInputs reads the files (a directory stands for its .json, .yaml and
// .yml files in name order) and validates each input. Every problem is
// printed to stderr as it is (FILE:LINE:COL: …, as jixiao validate prints
// it), those of every file: a file that does not decode, or a problem of
// severity error, stops with exit status 1 once all are listed; warnings
// do not stop. A file that cannot be read is a usage error (exit status 2).
func readInputs(files []string, stderr io.Writer) ([]input, error) {
	inputs, err := readFiles(files)
	var unread []string
	for _, e := range leafErrors(err) {
		var de *model.DecodeError
		if errors.As(e, &de) {
			fmt.Fprintln(stderr, de)
		} else {
			unread = append(unread, e.Error())
		}
	}
	errs := 0
	for _, in := range inputs {
		for _, p := range model.Validate(in.Book, in.Source) {
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			fmt.Fprintln(stderr, p)
			if p.Severity == model.Error {
				errs++
			}
		}
	}
	switch {
	case len(unread) > 0:
		return nil, usageProblem(unread...)
	case err != nil:
		return nil, inputProblem("the input does not decode (listed above); nothing was printed")
	case errs > 0:
		return nil, inputProblem(fmt.Sprintf("%s in the input (listed above); nothing was printed", plural(errs, "error")))
	}
	return inputs, nil
}

// leafErrors lists the errors joined in err (errors.Join, nested).
func leafErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
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

// glyphCheck finds the characters that no font of a set draws, with the
// path of the text each stands in, and reports them. The texts of the model
// (fields) are checked before layout, so that every field holding such a
// character is named; the texts layout adds (labels, the year line, the
// binder's cover, contents and footers: items) after, where only the
// characters not reported yet are of interest.
type glyphCheck struct {
	set          *fonts.Set
	allowMissing bool
	cmd          string // for the messages: jixiao CMD: …
	stderr       io.Writer
	reported     map[rune]bool
}

func newGlyphCheck(set *fonts.Set, allowMissing bool, cmd string, stderr io.Writer) *glyphCheck {
	return &glyphCheck{set: set, allowMissing: allowMissing, cmd: cmd, stderr: stderr, reported: map[rune]bool{}}
}

// fields returns the characters of fs that no font draws: one entry per
// (path, character).
func (g *glyphCheck) fields(fs []fonts.Field) []fonts.Missing {
	missing := g.set.Check(fs)
	for _, m := range missing {
		g.reported[m.Rune] = true
	}
	return missing
}

// items returns the characters of the Text items that no font draws and
// that have not been reported yet, each once, named prefix.FIELD after the
// item's Field ("text" when it has none). With only, just the items whose
// Field is only are checked.
func (g *glyphCheck) items(prefix string, items []layout.Item, only string) []fonts.Missing {
	var fs []fonts.Field
	for k := range items {
		it := &items[k]
		if it.Kind != layout.Text || only != "" && it.Field != only {
			continue
		}
		path := it.Field
		if path == "" {
			path = "text"
		}
		if prefix != "" {
			path = prefix + "." + path
		}
		fs = append(fs, fonts.Field{Path: path, Text: it.Text, Role: it.Role})
	}
	var missing []fonts.Missing
	for _, m := range g.set.Check(fs) {
		if !g.reported[m.Rune] {
			g.reported[m.Rune] = true
			missing = append(missing, m)
		}
	}
	return missing
}

// report fails with the missing characters (exit status 1), or with
// allowMissing prints them as warnings (they are drawn as boxes) and
// succeeds. Each character is one line naming where it first stands and how
// many other places hold it: a font that lacks all of Chinese must not give
// a line for every character of every field.
func (g *glyphCheck) report(missing []fonts.Missing) error {
	if len(missing) == 0 {
		return nil
	}
	var order []rune
	places := map[rune][]fonts.Missing{}
	for _, m := range missing {
		if places[m.Rune] == nil {
			order = append(order, m.Rune)
		}
		places[m.Rune] = append(places[m.Rune], m)
	}
	// A font that lacks Chinese altogether would give hundreds of lines:
	// list the first characters and say what the rest means.
	const maxListed = 20
	lines := make([]string, 0, maxListed+2)
	for k, r := range order {
		if k == maxListed {
			rest := "characters"
			if len(order)-maxListed == 1 {
				rest = "character"
			}
			lines = append(lines, fmt.Sprintf("… and %d more %s: the font in use lacks many of the characters of these forms; choose one that covers Chinese (the embedded defaults do), or add one with --font-fallback", len(order)-maxListed, rest))
			break
		}
		ms := places[r]
		line := "no font has " + ms[0].String()
		if len(ms) > 1 {
			line += fmt.Sprintf(" (also in %s", ms[1].Path)
			if len(ms) > 2 {
				line += fmt.Sprintf(" and %d more", len(ms)-2)
			}
			line += ")"
		}
		lines = append(lines, line)
	}
	if g.allowMissing {
		for _, l := range lines {
			fmt.Fprintf(g.stderr, "jixiao %s: warning: %s (drawn as a box)\n", g.cmd, l)
		}
		return nil
	}
	return inputProblem(append(lines, fmt.Sprintf("%s cannot be drawn: add a font with --font-fallback, or draw boxes with --allow-missing", plural(len(order), "character")))...)
}
