// Package pipeline is what every front end of jixiao (the command line,
// the web handlers) calls to turn inputs into PDFs: read inputs of any
// format, check them, lay them out, check that the fonts draw every
// character, and draw. A front end keeps its own concerns (flags, files
// and exit codes; requests, responses and status codes) and writes none of
// this orchestration again.
//
// Inputs are read from an io.Reader with a name (or from a file), and
// PDFs are returned as bytes or written to an io.Writer, so that the same
// calls serve files on disk and uploads held in memory.
package pipeline

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"jixiao/fonts"
	"jixiao/internal/errlist"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
	"jixiao/render"
)

// Kind says who must act on an Error.
type Kind uint8

const (
	// BadInput: the input has problems (the command exits with status 1,
	// a web handler answers 422).
	BadInput Kind = 1 + iota
	// BadUsage: an option, a font or a file cannot be used (exit status
	// 2, HTTP 400).
	BadUsage
)

// Error is a failure the user must act on, as the lines to show, without
// any prefix. Any other error the pipeline returns is an I/O failure or a
// bug.
type Error struct {
	Kind  Kind
	Lines []string // the English text of Errs
	// Errs are the lines as messages of the catalogue (package msg), to be
	// shown in the user's language: msg.Describe(lang, e) for each.
	Errs []error
	// Problems are the input's problems the lines tell, as values, when
	// the failure is of that kind (a form that does not fit on the page).
	Problems model.Problems
}

func (e *Error) Error() string { return strings.Join(e.Lines, "\n") }

// In is the error in l, one line a message.
func (e *Error) In(l msg.Lang) string {
	if len(e.Errs) == 0 {
		return e.Error()
	}
	lines := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		lines[i] = msg.Describe(l, err)
	}
	return strings.Join(lines, "\n")
}

func newError(kind Kind, errs []error) *Error {
	e := &Error{Kind: kind, Errs: errs, Lines: make([]string, len(errs))}
	for i, err := range errs {
		e.Lines[i] = msg.Describe(msg.English, err)
	}
	return e
}

func inputError(errs ...error) error { return newError(BadInput, errs) }
func usageError(errs ...error) error { return newError(BadUsage, errs) }

// Events tell the caller what the user should see while the pipeline
// works, in the order it is found. Every field may be nil; all are called
// from the goroutine that called the pipeline.
type Events struct {
	// Decode receives an input that does not decode, with its problems.
	Decode func(*model.DecodeError)
	// Problem receives each problem of an input that decoded, errors and
	// warnings, and the binder's warnings (a form of another year).
	Problem func(model.Problem)
	// Warning receives what is printed all the same, e.g. "no font has …
	// (drawn as a box)" with AllowMissing, in English; Warn, when set,
	// receives it instead as a message of the catalogue (msg.Describe
	// tells it in a language).
	Warning func(msg string)
	Warn    func(w error)
	// Progress is called after each form of a binder is laid out, with the
	// number done and the total.
	Progress func(done, total int)
	// Planned is called once a binder is planned, before its pages are
	// drawn, with its number of pages.
	Planned func(pages int)
	// Step is told how long a step took (msg.StepLayOut, msg.StepDraw …),
	// for -v; it may be called from several workers at once.
	Step func(step msg.Code, d time.Duration)
}

// step tells ev.Step the time since start, if set.
func (ev Events) step(c msg.Code, start time.Time) {
	if ev.Step != nil {
		ev.Step(c, time.Since(start))
	}
}

// Options are what drawing needs besides the inputs.
type Options struct {
	Layout layout.Options // paper, margins, signature block; Mirror for duplex
	Fonts  *fonts.Set

	// AllowMissing draws a box for each character no font has, with a
	// warning, instead of failing.
	AllowMissing bool

	// Creator is written as the PDF Creator, e.g. "jixiao 0.1.0".
	Creator string

	// Watermark is drawn light and diagonal behind every page (render.
	// DraftWatermark for a draft); "" for none. Its characters are checked
	// against the fonts like the forms' (path "watermark").
	Watermark string

	// Date returns the date written into the PDF of a year's forms; nil
	// means render.DateFromEnv (SOURCE_DATE_EPOCH, else a date fixed by
	// the year). Its error is a BadUsage error.
	Date func(year int) (time.Time, error)

	Events Events
}

// render returns the options of render for a document of the given date.
func (o *Options) render(date time.Time) render.Options {
	return render.Options{Creator: o.Creator, Date: date, AllowMissing: o.AllowMissing, Watermark: o.Watermark}
}

// watermarkFields lists the watermark for the glyph check.
func (o *Options) watermarkFields() []fonts.Field {
	if o.Watermark == "" {
		return nil
	}
	return []fonts.Field{{Path: "watermark", Text: o.Watermark, Role: layout.Title}}
}

func (o *Options) date(year int) (time.Time, error) {
	date := o.Date
	if date == nil {
		date = render.DateFromEnv
	}
	d, err := date(year)
	if err != nil {
		return time.Time{}, usageError(msg.Wrap(err, msg.SourceDateEpoch, os.Getenv("SOURCE_DATE_EPOCH")))
	}
	return d, nil
}

// Input is one decoded input.
type Input struct {
	Path   string        // the Source's name
	Book   *model.Book   // a single form is read as a book of one
	Source *model.Source // where each field was read
}

// Source is one input to read.
type Source struct {
	// Name names the input in messages (a file name, or an upload's); its
	// extension, else the content, tells the format.
	Name string
	// R is the content; nil means the file Name.
	R io.Reader
}

// Read reads one input, a form or a book, in any format the pipeline
// knows: JSON or YAML (told apart by the name's extension, else by the
// content), or an Excel workbook (model/xlsx: by the name's extension,
// .xlsx, or, for content read from R, by its first bytes; an .xls, .et,
// .ods or .csv gets a message saying how to save it as .xlsx). This is the one place where input formats are told apart. A
// file is refused, before it is read, when it is a directory, not a
// regular file, or larger than model.MaxFileSize; content read from R is
// cut at one byte more than that and then refused likewise. The errors of
// a content that does not decode are *model.DecodeError values (joined).
func Read(s Source) (Input, error) {
	var (
		book *model.Book
		src  *model.Source
		err  error
	)
	switch {
	case s.R == nil && xlsx.Handles(s.Name):
		book, src, err = xlsx.ReadFile(s.Name)
	case s.R == nil:
		book, src, err = model.ReadFileSource(s.Name)
	default:
		var data []byte
		data, err = io.ReadAll(io.LimitReader(s.R, model.MaxFileSize+1))
		if err != nil {
			return Input{}, msg.Wrap(err, msg.CannotRead, s.Name, err)
		}
		if xlsx.Handles(s.Name) || xlsx.IsWorkbook(data) {
			book, src, err = xlsx.Read(data, s.Name)
		} else {
			book, src, err = model.Decode(data, s.Name, model.FormatAuto)
		}
	}
	if err != nil {
		return Input{}, err
	}
	return Input{Path: s.Name, Book: book, Source: src}, nil
}

// Load reads and validates the inputs, in order. Each input that does not
// decode goes to Events.Decode and each problem of the others to
// Events.Problem, those of every input (the inputs are all read before
// any is validated). It fails with a BadUsage error when an input cannot be
// read at all (the lines say why), else with a BadInput error when an input
// does not decode or has a problem of severity error; warnings do not
// stop it.
func Load(srcs []Source, ev Events) ([]Input, error) {
	var (
		inputs    []Input
		unread    []error
		undecoded bool
	)
	defer ev.step(msg.StepRead, time.Now())
	for _, s := range srcs {
		in, err := Read(s)
		if err == nil {
			inputs = append(inputs, in)
			continue
		}
		for _, e := range errlist.Leaves(err) {
			var de *model.DecodeError
			if errors.As(e, &de) {
				undecoded = true
				if ev.Decode != nil {
					ev.Decode(de)
				}
			} else {
				unread = append(unread, e)
			}
		}
	}
	errs := 0
	for _, in := range inputs {
		for _, p := range model.Validate(in.Book, in.Source) {
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			if ev.Problem != nil {
				ev.Problem(p)
			}
			if p.Severity == model.Error {
				errs++
			}
		}
	}
	switch {
	case len(unread) > 0:
		return nil, usageError(unread...)
	case undecoded:
		return nil, inputError(msg.New(msg.InputNotDecoded))
	case errs > 0:
		return nil, inputError(msg.New(msg.InputHasErrors, msg.Count{N: errs, Unit: msg.UnitError}))
	}
	return inputs, nil
}

// IsInputName reports whether a directory's file of this name is an input:
// a JSON or YAML file, or an .xlsx workbook. The lock files that Excel
// (~$book.xlsx) and LibreOffice (.~lock.book.xlsx#) keep beside an open
// workbook, and other hidden files, are not.
func IsInputName(name string) bool {
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml", ".xlsx":
		return true
	}
	return false
}

// InputKinds names the extensions IsInputName accepts, for messages.
const InputKinds = ".json, .yaml, .yml or .xlsx"

// plural formats n things: "1 form", "18 forms".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// placed is the failure of laying out forms of the inputs: the problems of
// a form that does not fit on the page, their paths forms[k] counting the
// forms of all inputs together, each placed in the file and at the
// forms[j] of it where the form was read, with its line:column there (an
// Input error); or the error itself.
func placed(err error, inputs []Input) error {
	var ps model.Problems
	if !errors.As(err, &ps) {
		return inputError(err)
	}
	out := make(model.Problems, len(ps))
	errs := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
		if k, ok := model.FormIndex(p.Path); ok {
			rest := strings.TrimPrefix(p.Path, "forms["+strconv.Itoa(k)+"]")
			for _, in := range inputs {
				if k < len(in.Book.Forms) {
					out[i].Path = "forms[" + strconv.Itoa(k) + "]" + rest
					out[i].Loc, _ = in.Source.Location(out[i].Path)
					if out[i].Loc.File == "" {
						out[i].Loc.File = in.Path
					}
					break
				}
				k -= len(in.Book.Forms)
			}
		}
		errs[i] = problemError{out[i]}
	}
	e := newError(BadInput, errs)
	e.Problems = out
	return e
}
