// Package pipeline is what every front end of jixiao (the command line,
// the web handlers) calls to turn inputs into documents, along one path:
//
//	Read/Load   inputs of any format → Input: checked (Problems) and
//	            resolved (the book-wide values in each form)
//	Job         every option both front ends share, set from text by
//	            Job.Set (flags and query parameters alike)
//	Plan        inputs + job → []*Doc: laid out, every character checked
//	            against the fonts; a form alone, each form, or the binder
//	PlanEach    each form planned as Plan plans it alone, laid out once,
//	            told with its document or its own error (the web check)
//	Backend     writes a Doc's pages: PDF, PNG (WriteEach, EachPage run
//	            backends on every CPU)
//
// A front end keeps its own concerns (flags, files and exit codes;
// requests, responses and status codes) and writes none of this
// orchestration again. Every step takes a context.Context and stops within
// a page of its being done. Inputs are read from an io.Reader with a name
// (or from a file) and documents written to an io.Writer, so that the same
// calls serve files on disk and uploads held in memory.
package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"jixiao/internal/errlist"
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

// Error is a failure the user must act on. Any other error the pipeline
// returns is an I/O failure, a cancelled context or a bug.
type Error struct {
	Kind Kind
	// Errs are the messages, one a line, each of the catalogue (package
	// msg) and told in the user's language by msg.Describe; a problem of
	// the input is one of them as a value (ProblemError, see Problems).
	Errs []error
}

// Error is the failure in English, one line a message.
func (e *Error) Error() string { return e.In(msg.English) }

// In is the error in l, one line a message.
func (e *Error) In(l msg.Lang) string {
	lines := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		lines[i] = msg.Describe(l, err)
	}
	return strings.Join(lines, "\n")
}

// Problems are the problems of the input among Errs, as values (a form
// that does not fit on the page, a character no font has is a message).
func (e *Error) Problems() model.Problems {
	var out model.Problems
	for _, err := range e.Errs {
		if pe, ok := err.(problemError); ok {
			out = append(out, pe.p)
		}
	}
	return out
}

// NewError is a failure of kind made of the messages errs: what a front
// end reports itself as the pipeline reports its own.
func NewError(kind Kind, errs ...error) *Error { return &Error{Kind: kind, Errs: errs} }

func inputError(errs ...error) error { return NewError(BadInput, errs...) }
func usageError(errs ...error) error { return NewError(BadUsage, errs...) }

// Events tell the caller what the user should see while the pipeline
// works, in the order it is found. Every field may be nil; all are called
// from the goroutine that called the pipeline.
type Events struct {
	// Decode receives an input that does not decode, with its problems.
	Decode func(*model.DecodeError)
	// Problem receives each problem of an input that decoded, errors and
	// warnings (warnings as errors with Job.Strict), and the binder's
	// warnings (a form of another year).
	Problem func(model.Problem)
	// Warn receives what is printed all the same, as a message of the
	// catalogue (msg.Describe tells it in a language): a character drawn
	// as a box with Job.AllowMissing.
	Warn func(w error)
	// Progress is called after each form of a binder is laid out, with the
	// number done and the total.
	Progress func(done, total int)
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

// Input is one input, read, checked and resolved.
type Input struct {
	Path string // the Source's name
	// Book is the input's forms, a single form read as a book of one,
	// resolved: each form holds the book-wide values (Book.Sign: 填报人,
	// 联系电话, 填报日期) where it has none of its own, so that every
	// output (a form, each form, the binder, an export) prints the same.
	Book *model.Book
	// Source tells where each field was read; a book-wide value taken
	// into a form is placed where the book gives it.
	Source *model.Source
	// Problems are the input's problems, errors and warnings, in the order
	// of its fields, each placed in its file (model.Validate).
	Problems model.Problems
	// ahead holds the forms laid out while the input was read, for the
	// job's binder (ahead.go); nil for none.
	ahead *ahead
}

// Source is one input to read.
type Source struct {
	// Name names the input in messages (a file name, or an upload's); its
	// extension, else the content, tells the format.
	Name string
	// R is the content; nil means the file Name.
	R io.Reader
	// Data is the content when it is in memory already (an upload), in
	// one block or more (read as it came, its length not known), read in
	// place: a workbook is not copied (a PDF in several blocks is joined).
	// It is used when R is nil.
	Data [][]byte
}

// Read reads one input, a form or a book, in any format the pipeline
// knows: JSON or YAML (told apart by the name's extension, else by the
// content), a PDF that jixiao wrote with the forms' data attached
// (Job.AttachData; by the extension .pdf or the content), or an Excel workbook (model/xlsx: by the name's extension,
// .xlsx, or by its first bytes, whatever the name; an .xls, .et,
// .ods or .csv gets a message saying how to save it as .xlsx, a Word
// document, an image or an archive one saying what it is). This is the
// one place where input formats are told apart. Every file is opened by
// model.OpenFile, whatever its kind: it is refused, before it is read,
// when it is a directory, not a regular file, or larger than
// model.MaxFileSize, with model's messages; so is a regular file given as
// R (standard input redirected from one), by its size, and content read
// from any other R is cut at one byte more than that and then refused
// likewise, having held no more than that. A workbook is read where it is:
// in the blocks it was read into, or Data's (never joined). The errors of a
// content that does not decode are *model.DecodeError values (joined).
func Read(s Source) (Input, error) { return readAhead(s, nil) }

// readAhead is Read, a JSON book's forms handed to a (when not nil) as
// they are checked, and what it laid out kept in the Input. The layout
// ahead ends once the book is read, before its forms are resolved (which
// changes them in place).
func readAhead(s Source, a *ahead) (Input, error) {
	if a != nil {
		defer a.end() // on every path: a panic of the check too
	}
	in, err := read(s, a)
	if a != nil {
		if a = a.finish(); err == nil {
			in.ahead = a
		}
	}
	return in, err
}

// read is Read, a JSON book's forms handed to a (when not nil) as they
// are checked.
func read(s Source, a *ahead) (Input, error) {
	var each func(int, []model.Form)
	if a != nil {
		each = a.add
	}
	var (
		book    *model.Book
		src     *model.Source
		err     error
		checked bool // problems holds Validate's already
		probs   model.Problems
	)
	size := int64(-1) // the content's size, when it is known
	var held *content // the content, when it is in memory already
	if s.R == nil && s.Data != nil {
		held = inMemory(s.Data)
		s.R, size = held.reader(), held.size
	}
	if s.R == nil {
		// Every file, a workbook as any other, is opened by model's rules
		// (a regular file of at most model.MaxFileSize) and read as
		// content, as standard input is: a PDF, a workbook or Word document
		// renamed (.xls saved as .json, or without an extension), JSON or
		// YAML.
		f, err := model.OpenFile(s.Name) // its errors are those of any input file
		if err != nil {
			return Input{}, err
		}
		defer f.Close()
		s.R = f
	}
	if size < 0 {
		size = fileSize(s.R)
	}
	if size > model.MaxFileSize {
		// Standard input redirected from a file too large: refused by
		// its size, as the file named is, before any of it is read.
		return Input{}, model.TooLarge(s.Name, size)
	}
	// A PDF or a workbook is read whole; JSON and YAML are decoded as
	// they are read (model.DecodeReader), not held whole.
	r, head, err := peek(s.R, 8) // a short content is told by what there is
	if err != nil {
		return Input{}, msg.Wrap(err, msg.CannotRead, s.Name, err)
	}
	pdf := NeedsOneSlice(head) // told now: head is peek's, gone once r is read
	switch {
	case pdf || xlsx.Handles(s.Name) || xlsx.IsWorkbook(head):
		c := held // in memory already: not copied
		if c == nil {
			read, err := readWhole(r, size, model.MaxFileSize)
			if err != nil {
				return Input{}, msg.Wrap(err, msg.CannotRead, s.Name, err)
			}
			if read.size > model.MaxFileSize {
				return Input{}, model.TooLarge(s.Name, read.size)
			}
			c = &read
		}
		switch {
		case pdf:
			book, src, err = fromPDF(c.bytes(), s.Name)
		case len(c.blocks) == 1:
			book, src, err = xlsx.Read(c.blocks[0], s.Name)
		default:
			// Read where it is, in its blocks, never joined.
			book, src, err = xlsx.ReadAt(c, c.size, s.Name)
		}
	default:
		book, src, probs, err = model.DecodeReaderEach(r, s.Name, model.FormatAuto, each)
		if a != nil {
			a.end() // before resolve changes the forms it may be reading
		}
		checked = true
		if err != nil && len(model.DecodeErrors(err)) == 0 {
			// Not a problem of the content: the reader failed.
			if e := errors.Unwrap(err); e != nil {
				err = e // without model's prefix
			}
			return Input{}, msg.Wrap(err, msg.CannotRead, s.Name, err)
		}
	}
	if err != nil {
		return Input{}, err
	}
	in := Input{Path: s.Name, Book: book, Source: src}
	// Checked as written (a book-wide value once, where it stands), then
	// resolved. A JSON book's forms are checked as they are read.
	if !checked {
		probs = model.Validate(book, src)
	}
	for _, p := range probs {
		if p.Loc.File == "" {
			p.Loc.File = s.Name
		}
		in.Problems = append(in.Problems, p)
	}
	resolve(book, src)
	return in, nil
}

// NeedsOneSlice reports whether content that starts with head is read from
// one slice (a PDF, searched for its attachments), so that Read joins it
// when Source.Data holds it in several blocks; a caller that counts the
// memory it holds (serve) joins it itself. A workbook is read where its
// blocks are.
func NeedsOneSlice(head []byte) bool { return bytes.HasPrefix(head, []byte("%PDF-")) }

// peek returns the first n bytes of r (fewer if it is shorter) and a
// reader of all of it: r itself when it can seek back (model.DecodeReader
// reads a YAML book form by form only from a reader that can). An error of
// r is returned here: bufio's Peek reports an error once and forgets it,
// and a reader whose error does not come again would then look like a
// content cut short.
func peek(r io.Reader, n int) (io.Reader, []byte, error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		if at, err := rs.Seek(0, io.SeekCurrent); err == nil {
			head := make([]byte, n)
			k, err := io.ReadFull(rs, head)
			if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
				return nil, nil, err
			}
			if _, err := rs.Seek(at, io.SeekStart); err != nil {
				return io.MultiReader(bytes.NewReader(head[:k]), rs), head[:k], nil
			}
			return rs, head[:k], nil
		}
	}
	br := bufio.NewReader(r)
	head, err := br.Peek(n)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, nil, err
	}
	// A copy: Peek's slice is the reader's buffer, which its next reads
	// overwrite.
	return br, bytes.Clone(head), nil
}

// resolve gives each form of b the book-wide values it leaves empty, and
// places each where the book gives it.
func resolve(b *model.Book, src *model.Source) {
	if len(b.Sign) == 0 {
		return
	}
	for i := range b.Forms {
		f := &b.Forms[i]
		for _, fd := range model.SignFields() {
			v := b.Sign[fd.Key]
			if v == "" || fd.Value(f) != "" {
				continue
			}
			_ = fd.Set(f, v) // a text field: cannot fail
			if loc, ok := src.Location(fd.Key); ok && loc.Line > 0 && loc.Sheet == "" {
				src.SetCell(model.TextPath(model.FormPath(i), fd.Key, -1), loc.Column, loc.Line)
			}
		}
	}
}

// Strict returns ps with every warning made an error (Job.Strict).
func Strict(ps model.Problems) model.Problems {
	out := make(model.Problems, len(ps))
	for i, p := range ps {
		if p.Severity == model.Warning {
			p.Severity = model.Error
		}
		out[i] = p
	}
	return out
}

// Load reads the inputs (Read), in order, and reports them through the
// job's events: each input that does not decode to Events.Decode, each
// problem of the others to Events.Problem, those of every input (all are
// read before any is reported). With Job.Strict warnings are errors. It
// fails with a BadUsage error when an input cannot be read at all, else
// with a BadInput error when an input does not decode or has an error;
// warnings do not stop it.
func Load(ctx context.Context, srcs []Source, job *Job) ([]Input, error) {
	var (
		inputs    []Input
		unread    []error
		undecoded bool
	)
	ev := job.Events
	defer ev.step(msg.StepRead, time.Now())
	for _, s := range srcs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		in, err := readAhead(s, newAhead(srcs, job))
		if err == nil {
			inputs = append(inputs, in)
			continue
		}
		if p, ok := xlsx.LockFileSkipped(err); ok {
			// Excel's ~$book.xlsx, named by a shell's *.xlsx: left out with
			// a warning, as a directory's are without one.
			if ev.Problem != nil {
				ev.Problem(p)
			}
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
	// A project given twice, in one file or in two: a warning at the
	// second, naming the first.
	for k, ps := range Duplicates(inputs) {
		inputs[k].Problems = append(inputs[k].Problems, ps...)
	}
	errs, promoted := 0, 0
	for k := range inputs {
		in := &inputs[k]
		if job.Strict {
			for _, p := range in.Problems {
				if p.Severity == model.Warning {
					promoted++
				}
			}
			in.Problems = Strict(in.Problems)
		}
		for _, p := range in.Problems {
			if ev.Problem != nil {
				ev.Problem(p)
			}
			if _, ofForm := model.FormIndex(p.Path); p.Severity == model.Error && !(job.SkipErrors && ofForm) {
				errs++
			}
		}
	}
	switch {
	case len(unread) > 0:
		return nil, usageError(unread...)
	case undecoded:
		return nil, inputError(msg.New(msg.InputNotDecoded))
	case errs > promoted:
		return nil, inputError(msg.New(msg.InputHasErrors, msg.Count{N: errs - promoted, Unit: msg.UnitError}))
	case promoted > 0:
		return nil, inputError(msg.New(msg.StrictWarnings, msg.Count{N: promoted, Unit: msg.UnitWarning}))
	}
	return inputs, nil
}

// IsPDFName reports whether a file of this name is read as a PDF that
// jixiao wrote with the forms' data attached (Job.AttachData).
func IsPDFName(name string) bool { return strings.EqualFold(filepath.Ext(name), ".pdf") }

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
		if k, rest, ok := model.CutFormPath(p.Path); ok {
			for _, in := range inputs {
				if k < len(in.Book.Forms) {
					out[i].Path = model.FormPath(k) + rest
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
	return NewError(BadInput, errs...)
}

// fromPDF reads the forms attached to a PDF jixiao wrote (Job.AttachData),
// as the JSON book they are.
func fromPDF(data []byte, name string) (*model.Book, *model.Source, error) {
	// What the PDF lacks is a problem of the file, as a workbook's are:
	// the file named, the message in the user's language, the other
	// inputs read on (the web page's check).
	unread := func(code msg.Code, args ...string) error {
		return model.FileProblem(name, string(code), args...)
	}
	atts, err := render.ReadAttachments(data, model.MaxFileSize)
	if err != nil {
		return nil, nil, unread(msg.PDFBadData, strings.TrimPrefix(err.Error(), "render: "))
	}
	for _, a := range atts {
		if a.MIME == "application/json" {
			return model.Decode(a.Data, name, model.FormatJSON)
		}
	}
	return nil, nil, unread(msg.PDFNoData)
}
