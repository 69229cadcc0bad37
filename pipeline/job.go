package pipeline

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/msg"
	"jixiao/render"
)

// Job is one piece of work a front end asks of the pipeline: every option
// the command line and the web page share (they are set from text by
// Job.Set, the one parser of both), what to make of the inputs, and where
// to tell what the user should see. NewJob gives the defaults.
type Job struct {
	// Layout is the printed page: paper (Width, Height), Signature (the
	// signature block), Mirror (duplex: every form, in a binder, starts on
	// a right-hand page; the margins mirrored) and Fit.
	Layout layout.Options
	// Watermark is drawn light and diagonal behind every page of a PDF
	// (render.DraftWatermark for a draft); "" for none. Its characters are
	// checked against the fonts like the forms' (path "--watermark", the
	// option as the command line writes it, as messages name options).
	Watermark string
	// PDFA is the PDF/A level of the PDFs (render.NoPDFA for none):
	// --pdfa, --pdfa=1b, the page's 归档格式（PDF/A）.
	PDFA render.PDFA
	// AttachData attaches each PDF's forms as JSON (a book of the form, or
	// of the binder's forms), making it PDF/A-3b, so that Read reads the
	// PDF back into the same forms.
	AttachData bool
	// Strict makes every warning an error: the problems of the input, a
	// form of another year in a binder, a character drawn as a box.
	Strict bool
	// AllowMissing draws a box for each character no font has, with a
	// warning, instead of failing.
	AllowMissing bool
	// Fonts draw and measure; required.
	Fonts *fonts.Set
	// FontsSoon, when Fonts is set only once the inputs are read (the
	// command line loads the fonts meanwhile), gives the fonts once they
	// are loaded, nil when they cannot be used: Load lays a binder's forms
	// out with them while it reads (ahead.go). Optional.
	FontsSoon func() *fonts.Set
	// Date is the binder cover's 编报日期 as printed; "" for the year with
	// blanks for the month and day (binder.Options.Date).
	Date string
	// Forms selects the forms to print (Plan).
	Forms Selection
	// Binder makes one binder of the forms instead of a document per form.
	Binder bool
	// SkipErrors binds the forms that can be printed: Load does not fail
	// for a form's errors (only for a file's), and a binder leaves out
	// each form with an error, naming them in one warning (issue 19: print
	// what is ready). A front end sets it for a binder without Strict.
	SkipErrors bool
	// GroupByUnit groups a binder's forms by 单位名称 in its contents and
	// bookmarks; SplitByUnit makes a binder per 单位名称 of the forms
	// picked, in the order each first appears (a unit whose forms all
	// have errors gets none, with SkipErrors).
	GroupByUnit, SplitByUnit bool
	// Workers is the number of forms laid out at once; 0 for every CPU.
	// The output does not depend on it.
	Workers int
	// MaxPages, when not 0, is the most pages the documents of one Plan
	// may take together, whatever their kind: a form alone, each form, a
	// binder (its forms' pages; the cover and contents not counted) or a
	// binder per unit. More forms than that are refused before any is laid
	// out (a form takes a page at least), and the pages are counted as the
	// forms are laid out, which stops past it: TooManyPages, or for a
	// single binder binder's problem binder-too-many-pages
	// (binder.Options.MaxPages). The web server sets it
	// (binder.UploadMaxPages by default); the command line has no limit.
	MaxPages int
	// CountOnly plans documents for their page counts (Doc.Frame) alone:
	// the pages laid out to count them (a form's, a binder's forms') are
	// not kept for writing, which lays them out again if it comes. The web page's check sets it; it
	// needs a count of every form's pages, and kept pages cost some
	// 80 kB a form until the answer is made.
	CountOnly bool
	// Creator is written as the PDF Creator, e.g. "jixiao 0.1.0".
	Creator string
	// Format is what the documents are written as (Job.Backend): "pdf"
	// (or "") or "ofd".
	Format string
	// PDFDate returns the date written into the PDF of a year's forms; nil
	// means render.DateFromEnv (SOURCE_DATE_EPOCH, else a date fixed by
	// the year). Its error is a BadUsage error.
	PDFDate func(year int) (time.Time, error)

	Events Events
}

// Selection is the forms a job prints when it does not make a binder.
type Selection struct {
	// Form is the form numbered so, counting from 1 over the forms of all
	// the inputs in order (--form N, ?form=N), when FormGiven.
	Form      int
	FormGiven bool
	// Project is the form of that 项目名称 (--project NAME); "" when not given.
	Project string
	// All takes every form when neither Form nor Project is given;
	// without it such a selection must be of an input of one form.
	All bool
	// Numbers, when not empty, are the forms to print, numbered as Form
	// (--form 1,3-5, ?forms=1,3-5); Unit keeps the forms of that 单位名称
	// (--unit). Both narrow what a binder binds; Project, given with a
	// binder, binds the form of that name.
	Numbers []int
	Unit    string
	// FormText is --form as given (17-25, 1,3), for the messages that
	// name it; "" when not given.
	FormText string
}

// narrows reports whether sel picks some forms of the inputs rather than
// all of them, for a binder.
func (sel Selection) narrows() bool {
	return len(sel.Numbers) > 0 || sel.Unit != "" || sel.Project != "" || sel.FormGiven
}

// flags is the filters of sel that narrow the forms before --project
// picks among them (--form 1, with unit --unit NAME too), as the command
// line writes them: what a message says picks no form together with
// another. The web's ?forms= is written as --form too.
func (sel Selection) flags(unit bool) string {
	var parts []string
	if len(sel.Numbers) > 0 || sel.FormGiven {
		text := sel.FormText
		if text == "" {
			nums := make([]string, len(sel.Numbers))
			for i, n := range sel.Numbers {
				nums[i] = strconv.Itoa(n)
			}
			text = strings.Join(nums, ",")
		}
		parts = append(parts, "--form "+msg.Escape(text))
	}
	if unit && sel.Unit != "" {
		parts = append(parts, "--unit "+msg.Escape(sel.Unit))
	}
	return strings.Join(parts, " ")
}

// ParseNumbers reads a list of form numbers, "1,3-5" (spaces, full-width
// commas and 、 allowed), in order, each once.
func ParseNumbers(s string) ([]int, bool) {
	s = strings.NewReplacer("，", ",", "、", ",", " ", "", "－", "-", "—", "-").Replace(s)
	var out []int
	seen := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		if part == "" {
			return nil, false
		}
		a, b, isRange := strings.Cut(part, "-")
		from, err1 := strconv.Atoi(a)
		to, err2 := from, error(nil)
		if isRange {
			to, err2 = strconv.Atoi(b)
		}
		if err1 != nil || err2 != nil || from < 1 || to < from || to-from > 100000 {
			return nil, false
		}
		for n := from; n <= to; n++ {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out, len(out) > 0
}

// NewJob returns a job with the defaults: A4 portrait, fitted, no
// signature block, no watermark.
func NewJob(fs *fonts.Set) *Job {
	return &Job{Layout: layout.DefaultOptions(), Fonts: fs}
}

// OptionNames lists the names Job.Set knows, in the order SetFrom sets them (a
// watermark's text wins over draft whatever order they are given in). The
// command line has a flag of each name (--paper); the web API a query
// parameter of each, with "_" for "-" (group_by).
var OptionNames = []string{"paper", "signature", "duplex", "fit", "draft", "watermark", "strict",
	"allow-missing", "date", "group-by", "split-by", "form", "project", "format", "unit", "pdfa", "attach-data"}

// OptionError is a value Job.Set refuses. Err tells it in the command
// line's words (naming --paper); a web handler names its parameter.
type OptionError struct {
	Option, Value string
	// Want is the kind of value the option takes, when the refusal is
	// of a kind several options share, so that a front end tells each
	// kind what it expects whichever option it is: msg.WantBool for a yes
	// or no and msg.WantFormList for form numbers (Err is then
	// msg.FlagBadValueWant of it); msg.WantFontChars for text holding
	// characters no font draws (Job.CheckWatermark; Err names them as
	// Plan does); "" for a value refused in words of its own (a paper, a
	// date), told by Option.
	Want msg.Code
	// Chars are the characters of Value refused, for a front end that
	// names them: those no font draws (WantFontChars), or the control
	// character of a watermark.
	Chars []rune
	// With is the option set before that this value cannot go with, as
	// OptionNames names it: "format" for PDF/A or attached data with
	// OFD, "pdfa" for attached data with PDF/A-1b (or "attach-data" for
	// PDF/A-1b set after it); "" for a value refused alone.
	With string
	Err  error
}

func (e *OptionError) Error() string { return e.Err.Error() }
func (e *OptionError) Unwrap() error { return e.Err }

// Set sets the option name (one of OptionNames) from its text, as given on
// the command line or in a query: booleans as 1/0, true/false, on/off,
// yes/no (an empty value is false).
func (j *Job) Set(name, value string) error {
	bad := func(err error) error { return &OptionError{Option: name, Value: value, Err: err} }
	wanted := func(want msg.Code) error { // not a value of the kind want
		return &OptionError{Option: name, Value: value, Want: want,
			Err: msg.New(msg.FlagBadValueWant, value, "--"+name, msg.New(want))}
	}
	flag := func(p *bool) error {
		b, ok := parseBool(value)
		if !ok {
			return wanted(msg.WantBool)
		}
		*p = b
		return nil
	}
	switch name {
	case "paper":
		paper := value
		if paper == "" {
			paper = "A4"
		}
		w, h, err := layout.PaperSize(paper)
		if err != nil {
			return bad(msg.Wrap(err, msg.PaperUnknown, paper))
		}
		j.Layout.Width, j.Layout.Height = w, h
	case "signature":
		return flag(&j.Layout.Signature)
	case "duplex":
		return flag(&j.Layout.Mirror)
	case "format":
		switch strings.ToLower(value) {
		case "", "pdf":
			j.Format = "pdf"
		case "ofd":
			j.Format = "ofd"
		default:
			return bad(msg.New(msg.FormatBad, value))
		}
	case "fit":
		switch value {
		case "on", "":
			j.Layout.Fit = true
		case "off":
			j.Layout.Fit = false
		default:
			return bad(msg.New(msg.FitBad, value))
		}
	case "draft":
		var draft bool
		if err := flag(&draft); err != nil {
			return err
		}
		if draft && j.Watermark == "" {
			j.Watermark = render.DraftWatermark
		}
	case "watermark":
		// Runs of white space as one space; "" leaves a draft's mark. A
		// control character (ESC pasted from a terminal) is no letter a
		// font could have: refused as what it is.
		w := strings.Join(strings.Fields(value), " ")
		if i := strings.IndexFunc(w, unicode.IsControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(w[i:])
			return &OptionError{Option: name, Value: value, Chars: []rune{r},
				Err: msg.New(msg.WatermarkControl, fmt.Sprintf("U+%04X", r))}
		}
		if w != "" {
			j.Watermark = w
		}
	case "strict":
		return flag(&j.Strict)
	case "allow-missing":
		return flag(&j.AllowMissing)
	case "date":
		d := strings.Join(strings.Fields(value), " ")
		if d != "" && !binder.ValidDate(d) {
			return bad(msg.New(msg.DateInvalid, value))
		}
		j.Date = d
	case "group-by":
		if value != "" && value != "unit" {
			return bad(msg.New(msg.GroupByUnit, value))
		}
		j.GroupByUnit = value == "unit"
	case "split-by":
		if value != "" && value != "unit" {
			return bad(msg.New(msg.SplitByUnit, value))
		}
		j.SplitByUnit = value == "unit"
	case "form":
		j.Forms.FormText = strings.TrimSpace(value)
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil {
			// A list, 1,3-5: the forms of a binder.
			list, ok := ParseNumbers(value)
			if !ok {
				return wanted(msg.WantFormList)
			}
			j.Forms.Numbers = list
			return nil
		}
		// 0 and below are refused by Plan, which knows the forms.
		j.Forms.Form, j.Forms.FormGiven = n, true
	case "unit":
		j.Forms.Unit = strings.TrimSpace(value)
	case "project":
		j.Forms.Project = value
	case "pdfa":
		// A switch too: --pdfa alone (or on, 1, yes) is 2b, off none.
		level, err := render.ParsePDFA(value)
		if b, ok := parseBool(value); ok && value != "" {
			level, err = render.NoPDFA, nil
			if b {
				level = render.PDFA2B
			}
		}
		if err != nil {
			return bad(msg.New(msg.PDFABad, value))
		}
		j.PDFA = level
		return j.checkAttach(name, value)
	case "attach-data":
		if err := flag(&j.AttachData); err != nil {
			return err
		}
		return j.checkAttach(name, value)
	default:
		return errors.New("pipeline: no option " + strconv.Quote(name))
	}
	return nil
}

// SetFrom sets each option of OptionNames that get gives (ok true), in the
// order of Options, and returns the first error. It is how both front
// ends fill a job: the command from its flags, the web from a query.
func (j *Job) SetFrom(get func(name string) (value string, ok bool)) error {
	for _, name := range OptionNames {
		if v, ok := get(name); ok {
			if err := j.Set(name, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// parseBool reads a yes/no value.
func parseBool(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "on", "yes", "t", "y":
		return true, true
	case "0", "false", "off", "no", "f", "n", "":
		return false, true
	}
	return false, false
}

// checkAttach refuses attached data with PDF/A-1b, and PDF/A or attached
// data with OFD (Format, set before: OptionNames has it first), as a
// value of the option name that cannot go with the other (OptionError.With).
func (j *Job) checkAttach(name, value string) error {
	with := func(other string, err error) error {
		return &OptionError{Option: name, Value: value, With: other, Err: err}
	}
	if j.AttachData && j.PDFA == render.PDFA1B {
		other := "pdfa"
		if name == "pdfa" { // set after attach-data (Set, not SetFrom)
			other = "attach-data"
		}
		return with(other, msg.New(msg.AttachNeedsPDFA3))
	}
	if (j.AttachData || j.PDFA != render.NoPDFA) && j.Format == "ofd" {
		return with("format", msg.New(msg.PDFANotOFD))
	}
	return nil
}

// render returns the options of render for a document of the given date
// carrying data (the forms as JSON, with AttachData; nil else).
func (j *Job) render(date time.Time, data []byte) render.Options {
	o := render.Options{Creator: j.Creator, Date: date, AllowMissing: j.AllowMissing, Watermark: j.Watermark, PDFA: j.PDFA}
	// The Producer names jixiao and the version the Creator gives.
	if v, ok := strings.CutPrefix(j.Creator, render.Producer+" "); ok {
		o.Version = v
	}
	if j.AttachData {
		o.PDFA = render.PDFA3B
		o.Attachments = []render.Attachment{{Name: DataFileName, MIME: "application/json", Relationship: "Source",
			// A reader shows it in its attachments: in the document's
			// language, Chinese.
			Description: msg.Chinese.Text(msg.AttachDescription), Data: data}}
	}
	return o
}

// DataFileName is the name of the forms' data attached to a PDF.
const DataFileName = "jixiao-forms.json"

// watermarkFields lists the watermark for the glyph check.
func (j *Job) watermarkFields() []fonts.Field {
	if j.Watermark == "" {
		return nil
	}
	return []fonts.Field{{Path: "--watermark", Text: j.Watermark, Role: layout.Title}}
}

// CheckWatermark checks the watermark's characters against the fonts
// (required), for a front end that tells a watermark no font draws as a
// bad option, once, before it reads any input: the web server, whose
// query gives the watermark for every form of the request. The command
// line leaves it to Plan, which tells it among the forms' characters
// (path "--watermark"). The characters no font has are an OptionError
// (Want msg.WantFontChars, Chars each once), unless AllowMissing draws
// them as boxes and Strict does not make those errors.
func (j *Job) CheckWatermark() error {
	if j.Watermark == "" || j.AllowMissing && !j.Strict {
		return nil
	}
	missing := j.Fonts.Check(j.watermarkFields())
	if len(missing) == 0 {
		return nil
	}
	chars := make([]rune, len(missing)) // one path: each rune once
	for k, m := range missing {
		chars[k] = m.Rune
	}
	g := &glyphCheck{set: j.Fonts, reported: map[rune]bool{}} // told as errors, never as boxes
	return &OptionError{Option: "watermark", Value: j.Watermark, Want: msg.WantFontChars, Chars: chars, Err: g.report(missing)}
}

// pdfDate is the date written into the PDF of a document of year.
func (j *Job) pdfDate(year int) (time.Time, error) {
	date := j.PDFDate
	if date == nil {
		date = render.DateFromEnv
	}
	d, err := date(year)
	if err != nil {
		return time.Time{}, usageError(msg.Wrap(err, msg.SourceDateEpoch, os.Getenv("SOURCE_DATE_EPOCH")))
	}
	return d, nil
}
