package msg

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
)

// Printer is the one place the command's messages are written: the
// language, where they go and how much is said.
type Printer struct {
	Lang    Lang
	Out     io.Writer // standard output: what the command produces
	Err     io.Writer // standard error: messages
	Quiet   bool      // errors only
	Verbose bool      // also timings
	Cmd     string    // the command's name, for the "jixiao CMD: " prefix
	Steps   *Steps    // how long each step took, for Verbose (nil: none)
}

// T is the message c in the printer's language.
func (p *Printer) T(c Code, args ...any) string { return p.Lang.Text(c, args...) }

// prefixed puts "jixiao CMD: " before text.
func (p *Printer) prefixed(text string) string {
	name := "jixiao"
	if p.Cmd != "" {
		name += " " + p.Cmd
	}
	return p.Lang.Text(Prefix, Raw(name), Raw(text))
}

// Info tells what was done (wrote FILE); not with Quiet.
func (p *Printer) Info(c Code, args ...any) {
	if !p.Quiet {
		fmt.Fprintln(p.Err, p.prefixed(p.T(c, args...)))
	}
}

// Warn prints a warning; not with Quiet.
func (p *Printer) Warn(c Code, args ...any) {
	if !p.Quiet {
		fmt.Fprintln(p.Err, p.prefixed(p.T(Warning, Raw(p.T(c, args...)))))
	}
}

// Error prints a message of a failure (always).
func (p *Printer) Error(c Code, args ...any) {
	fmt.Fprintln(p.Err, p.prefixed(p.T(c, args...)))
}

// Fail prints err, each of its lines, in the printer's language (always).
func (p *Printer) Fail(err error) {
	for _, l := range strings.Split(p.Describe(err), "\n") {
		fmt.Fprintln(p.Err, p.prefixed(l))
	}
}

// Line writes a line the program made of catalogue texts and escaped user
// values (a problem with its location) to w.
func (p *Printer) Line(w io.Writer, text string) error {
	_, err := fmt.Fprintln(w, text)
	return err
}

// Progress writes text to standard error without a line end (a progress
// bar redrawn with \r); not with Quiet.
func (p *Printer) Progress(text string) {
	if !p.Quiet {
		fmt.Fprint(p.Err, text)
	}
}

// Timing tells how long each step and the whole command took, with
// Verbose only.
func (p *Printer) Timing(d time.Duration) {
	if p.Verbose {
		p.Steps.each(func(c Code, sd time.Duration) {
			fmt.Fprintln(p.Err, p.prefixed(p.T(TimingStep, Raw(p.T(c)), Raw(sd.Round(time.Millisecond).String()))))
		})
		fmt.Fprintln(p.Err, p.prefixed(p.T(Timing, Raw(d.Round(time.Millisecond).String()))))
	}
}

// Describe is err as a user reads it, in the printer's language: a
// catalogue message as such, a file that cannot be opened as "no such
// file: NAME" and the like; anything else is shown without the package
// prefixes (model: …) that only help a programmer.
func (p *Printer) Describe(err error) string { return Describe(p.Lang, err) }

// Localized is an error that can tell itself in a language (an *Error,
// a problem of the input).
type Localized interface {
	error
	In(Lang) string
}

// Describe is Printer.Describe for a language.
func Describe(l Lang, err error) string {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range joined.Unwrap() {
			if e != nil {
				lines = append(lines, Describe(l, e))
			}
		}
		return strings.Join(lines, "\n")
	}
	var loc Localized
	if errors.As(err, &loc) {
		return loc.In(l)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			return l.Text(NoSuchFile, pe.Path)
		case errors.Is(pe.Err, fs.ErrPermission):
			return l.Text(PermissionDenied, pe.Path)
		}
		return l.Text(CannotRead, pe.Path, Reason(pe.Err))
	}
	// An error with no message of the catalogue: a fault of the program
	// (or of a library) that the catalogue did not foresee. Its English is
	// kept for whoever fixes it; the other languages say so first.
	lines := strings.Split(StripPrefixes(err.Error()), "\n")
	for i := range lines {
		lines[i] = Escape(lines[i])
		if l != English {
			lines[i] = l.Text(Unforeseen, Raw(lines[i]))
		}
	}
	return strings.Join(lines, "\n")
}

// CodeOf is the code of the message Describe gives for err ("" for an
// error that has none).
func CodeOf(err error) Code {
	var me *Error
	if errors.As(err, &me) {
		return me.Code
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, fs.ErrNotExist):
			return NoSuchFile
		case errors.Is(pe.Err, fs.ErrPermission):
			return PermissionDenied
		}
		return CannotRead
	}
	return ""
}

// prefixes are the package names Go errors start with.
var prefixes = []string{"model: ", "fonts: ", "layout: ", "render: ", "binder: ", "pipeline: ", "xlsx: ", "preview: ", "seedtext: "}

// StripPrefixes removes the package prefixes at the start of each line
// of s ("model: fonts: x" → "x").
func StripPrefixes(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		for again := true; again; {
			again = false
			for _, p := range prefixes {
				if strings.HasPrefix(l, p) {
					l, again = l[len(p):], true
				}
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
