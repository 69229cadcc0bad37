package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on input, so that a hostile or broken file gets a clear message
// instead of exhausting memory.
const (
	MaxFileSize    = 256 << 20 // bytes in one input file
	MaxTextBytes   = 1 << 20   // bytes in one text field (about 350,000 Chinese characters)
	maxErrors      = 20        // decoding errors reported per file
	maxAmountBytes = 64        // an amount is a number; longer text is a mistake
)

// Format is an input file format.
type Format uint8

const (
	FormatAuto Format = iota // decided from the file name, else from the content
	FormatJSON
	FormatYAML
)

// Position is where a value stands in an input file.
type Position struct {
	File      string
	Line, Col int
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Source remembers where each field of a decoded book came from, so that
// validation problems can name the line of the file. It is kept compact (a
// line and column per field, no strings) because a binder's book may hold
// ten thousand forms.
type Source struct {
	file  string
	root  pos
	top   [3]pos // bookKeys
	forms []formPos
}

type pos struct{ line, col int32 }

type formPos struct {
	self   pos
	fields [14]pos // formKeys
	rows   []rowPos
}

type rowPos struct {
	self   pos
	fields [5]pos // indicatorKeys
}

// Position returns where the value at path (as in "forms[2].indicators[5].level2")
// was read, falling back to its closest enclosing value.
func (s *Source) Position(path string) (Position, bool) {
	if s == nil {
		return Position{}, false
	}
	for p := path; ; {
		if at := s.slot(p, false); at != nil && at.line > 0 {
			return Position{File: s.file, Line: int(at.line), Col: int(at.col)}, true
		}
		if p == "" {
			return Position{}, false
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			i = 0 // a top-level key falls back to the whole file
		}
		p = p[:i]
	}
}

// slot returns where the position of path is kept, or nil for a path that
// names no field. With grow, the lists of forms and rows are extended to
// hold it.
func (s *Source) slot(path string, grow bool) *pos {
	if path == "" {
		return &s.root
	}
	rest, ok := strings.CutPrefix(path, "forms[")
	if !ok {
		if k := indexOf(bookKeys, path); k >= 0 {
			return &s.top[k]
		}
		return nil
	}
	i, rest, ok := cutIndex(rest)
	if !ok {
		return nil
	}
	if i >= len(s.forms) {
		if !grow {
			return nil
		}
		s.forms = append(s.forms, make([]formPos, i+1-len(s.forms))...)
	}
	f := &s.forms[i]
	if rest == "" {
		return &f.self
	}
	key, ok := strings.CutPrefix(rest, ".")
	if !ok {
		return nil
	}
	rest, ok = strings.CutPrefix(key, "indicators[")
	if !ok {
		if k := indexOf(formKeys, key); k >= 0 {
			return &f.fields[k]
		}
		return nil
	}
	j, rest, ok := cutIndex(rest)
	if !ok {
		return nil
	}
	if j >= len(f.rows) {
		if !grow {
			return nil
		}
		f.rows = append(f.rows, make([]rowPos, j+1-len(f.rows))...)
	}
	r := &f.rows[j]
	if rest == "" {
		return &r.self
	}
	if k := indexOf(indicatorKeys, strings.TrimPrefix(rest, ".")); k >= 0 && rest[0] == '.' {
		return &r.fields[k]
	}
	return nil
}

// cutIndex reads "12]…" into 12 and "…".
func cutIndex(s string) (int, string, bool) {
	end := strings.IndexByte(s, ']')
	if end <= 0 {
		return 0, "", false
	}
	i, err := strconv.Atoi(s[:end])
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, s[end+1:], true
}

// DecodeError lists every problem found while decoding a file.
type DecodeError struct {
	File     string
	Problems []string // "LINE:COL: path: message", in file order
}

func (e *DecodeError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.File)
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

// Decode parses a book or a single form (which becomes a book of one form)
// from src. name is used in messages. Unknown keys, wrong types, truncated
// input and oversized fields are errors that name the file, line:column and
// key path; all such problems of the file are reported at once.
func Decode(src []byte, name string, format Format) (*Book, *Source, error) {
	if len(src) > MaxFileSize {
		return nil, nil, &DecodeError{File: name, Problems: []string{fmt.Sprintf("1:1: the file is %d bytes, more than the %d MiB an input may have", len(src), MaxFileSize>>20)}}
	}
	if len(strings.TrimSpace(string(src))) == 0 {
		return nil, nil, &DecodeError{File: name, Problems: []string{"1:1: the file is empty: expected a form or a book in JSON or YAML"}}
	}
	if i := indexBinary(src); i >= 0 {
		return nil, nil, &DecodeError{File: name, Problems: []string{notText(src, i)}}
	}
	src = trimBOM(src)
	if format == FormatAuto {
		format = detectFormat(name, src)
	}
	d := &decoder{src: &Source{file: name}, file: name, json: format == FormatJSON}
	var root *node
	var err error
	if format == FormatJSON {
		root, err = parseJSON(src, d.formItem)
	} else {
		root, err = parseYAML(src)
	}
	if err != nil {
		var pe *posError
		if errors.As(err, &pe) {
			d.problems = append(d.problems, decodeIssue{pe.line, pe.col, pe.msg})
		} else {
			d.problems = append(d.problems, decodeIssue{1, 1, err.Error()})
		}
		return nil, nil, &DecodeError{File: name, Problems: d.report()}
	}
	book := d.root(root)
	if len(d.problems) > 0 {
		return nil, nil, &DecodeError{File: name, Problems: d.report()}
	}
	return book, d.src, nil
}

// ReadFile reads a book or a single form from a JSON or YAML file.
func ReadFile(path string) (*Book, error) {
	b, _, err := ReadFileSource(path)
	return b, err
}

// ReadFileSource is ReadFile that also returns where each field was read.
func ReadFileSource(path string) (*Book, *Source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("model: %w", err)
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("model: %s is a directory: expected a form or book file", path)
	}
	if !st.Mode().IsRegular() {
		// A device or pipe has no size to check and may never end.
		return nil, nil, fmt.Errorf("model: %s is not a regular file: expected a form or book file", path)
	}
	if st.Size() > MaxFileSize {
		return nil, nil, &DecodeError{File: path, Problems: []string{fmt.Sprintf("1:1: the file is %d bytes, more than the %d MiB an input may have", st.Size(), MaxFileSize>>20)}}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("model: %w", err)
	}
	return Decode(src, path, FormatAuto)
}

// Input is one decoded input file.
type Input struct {
	Path   string
	Book   *Book
	Source *Source
}

// ReadInputs reads the named files; a directory stands for its .json, .yaml
// and .yml files in name order. Every file is read even when one fails, and
// all errors are returned together.
func ReadInputs(paths []string) ([]Input, error) {
	files, err := ExpandInputs(paths)
	errs := []error{err}
	var out []Input
	for _, f := range files {
		b, src, err := ReadFileSource(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, Input{Path: f, Book: b, Source: src})
	}
	return out, errors.Join(errs...)
}

// ExpandInputs lists the files that paths name, in order: a file stands for
// itself, a directory for its .json, .yaml and .yml files in name order.
// Paths that cannot be listed are reported together.
func ExpandInputs(paths []string) ([]string, error) {
	var files []string
	var errs []error
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("model: %w", err))
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("model: %w", err))
			continue
		}
		var names []string
		for _, e := range entries {
			switch strings.ToLower(filepath.Ext(e.Name())) {
			case ".json", ".yaml", ".yml":
				if !e.IsDir() {
					names = append(names, e.Name())
				}
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			errs = append(errs, fmt.Errorf("model: %s: the directory holds no .json, .yaml or .yml file", p))
		}
		for _, n := range names {
			files = append(files, filepath.Join(p, n))
		}
	}
	return files, errors.Join(errs...)
}

func indexBinary(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == 0 || (r == utf8.RuneError && size <= 1) {
			return i
		}
		i += size
	}
	return -1
}

func trimBOM(src []byte) []byte {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return src[3:]
	}
	return src
}

func detectFormat(name string, src []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return FormatJSON
	case ".yaml", ".yml":
		return FormatYAML
	}
	s := strings.TrimSpace(string(src))
	if strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[") {
		return FormatJSON
	}
	return FormatYAML
}

type decoder struct {
	src      *Source
	file     string
	json     bool // JSON is explicit about types; YAML's unquoted 2024 may stand for text
	problems []decodeIssue
	forms    []Form // a book's forms, decoded as they are parsed
}

// decodeIssue is one decoding problem at a position.
type decodeIssue struct {
	line, col int
	msg       string
}

// maxCollected bounds the problems kept while decoding: a file of
// thousands of broken forms must not build thousands of messages.
const maxCollected = 50 * maxErrors

func (d *decoder) errorf(n *node, path, format string, args ...any) {
	if len(d.problems) >= maxCollected {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	d.problems = append(d.problems, decodeIssue{n.line, n.col, msg})
}

// report returns the problems in file order, the first maxErrors of them.
// Forms are decoded as they are parsed, so problems are not found in file
// order: a book's own keys before "forms" are checked after its forms.
func (d *decoder) report() []string {
	sort.SliceStable(d.problems, func(i, j int) bool {
		a, b := d.problems[i], d.problems[j]
		return a.line < b.line || a.line == b.line && a.col < b.col
	})
	n := min(len(d.problems), maxErrors)
	out := make([]string, 0, n+1)
	for _, p := range d.problems[:n] {
		out = append(out, fmt.Sprintf("%d:%d: %s", p.line, p.col, p.msg))
	}
	if len(d.problems) > n {
		next := d.problems[n]
		more := strconv.Itoa(len(d.problems)-n) + " more"
		if len(d.problems) == maxCollected {
			more = "more"
		}
		out = append(out, fmt.Sprintf("%d:%d: %s problems not listed; stopping here", next.line, next.col, more))
	}
	return out
}

func (d *decoder) mark(path string, n *node) {
	if at := d.src.slot(path, true); at != nil {
		*at = pos{int32(n.line), int32(n.col)}
	}
}

var (
	bookKeys      = []string{"year", "title", "forms"}
	formKeys      = []string{"title", "year", "unit", "department", "project", "total_amount", "year_amount", "overview", "feasibility", "necessity", "annual_goal", "overall_goal", "other_notes", "indicators"}
	indicatorKeys = []string{"level1", "level2", "level3", "half_year", "full_year"}
)

func (d *decoder) root(n *node) *Book {
	if n.kind != objectNode {
		d.errorf(n, "", "expected an object (a form, or a book with \"forms\"), got %s", n.describe())
		return nil
	}
	d.mark("", n)
	if _, ok := lookup(n, "forms"); ok || misspeltForms(n) {
		// A misspelt "forms" still means a book: reading it as a form would
		// report every key of it with the wrong path and the wrong hint.
		return d.book(n)
	}
	d.mark("forms[0]", n)
	f := d.form(n, "forms[0]")
	return &Book{Year: f.Year, Title: f.Title, Forms: []Form{f}}
}

// misspeltForms reports whether an object has a key that is a likely typo of
// "forms" and no key of a form besides title and year.
func misspeltForms(n *node) bool {
	typo := false
	for _, k := range n.keys {
		switch {
		case k.text == "title" || k.text == "year":
		case contains(formKeys, k.text):
			return false
		case suggest(k.text, bookKeys) == "forms":
			typo = true
		}
	}
	return typo
}

func lookup(n *node, key string) (*node, bool) {
	for i, k := range n.keys {
		if k.text == key {
			return n.vals[i], true
		}
	}
	return nil, false
}

// fields walks the keys of an object, reporting unknown ones.
func (d *decoder) fields(n *node, path string, known []string, f func(key string, v *node, p string)) {
	for i, k := range n.keys {
		p := join(path, k.text)
		if !contains(known, k.text) {
			msg := "unknown key " + strconv.Quote(k.text)
			if s := suggest(k.text, known); s != "" {
				msg += " (did you mean " + s + "?)"
			}
			d.errorf(k, p, "%s; a %s has the keys %s", msg, kindName(known), strings.Join(known, ", "))
			continue
		}
		d.mark(p, n.vals[i])
		f(k.text, n.vals[i], p)
	}
}

func kindName(known []string) string {
	switch len(known) {
	case len(bookKeys):
		return "book"
	case len(indicatorKeys):
		return "indicator"
	}
	return "form"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (d *decoder) book(n *node) *Book {
	b := &Book{}
	d.fields(n, "", bookKeys, func(key string, v *node, p string) {
		switch key {
		case "year":
			b.Year = d.integer(v, p)
		case "title":
			b.Title = d.text(v, p)
		case "forms":
			if v.kind != arrayNode {
				d.errorf(v, p, "expected a list of forms, got %s", v.describe())
				return
			}
			if !v.streamed {
				for i, item := range v.items {
					d.formItem(i, item)
				}
			}
			b.Forms = d.forms
			if b.Forms == nil {
				b.Forms = []Form{}
			}
		}
	})
	return b
}

// formItem decodes item i of a book's forms list (called by the JSON
// parser as each form is read, or by book for YAML).
func (d *decoder) formItem(i int, item *node) {
	ip := "forms[" + strconv.Itoa(i) + "]"
	d.mark(ip, item)
	if item.kind != objectNode {
		d.errorf(item, ip, "expected a form object, got %s", item.describe())
		return
	}
	d.forms = append(d.forms, d.form(item, ip))
}

func (d *decoder) form(n *node, path string) Form {
	var f Form
	d.fields(n, path, formKeys, func(key string, v *node, p string) {
		switch key {
		case "title":
			f.Title = d.text(v, p)
		case "year":
			f.Year = d.integer(v, p)
		case "unit":
			f.Unit = d.text(v, p)
		case "department":
			f.Department = d.text(v, p)
		case "project":
			f.Project = d.text(v, p)
		case "total_amount":
			f.TotalAmount = d.amount(v, p)
		case "year_amount":
			f.YearAmount = d.amount(v, p)
		case "overview":
			f.Overview = d.text(v, p)
		case "feasibility":
			f.Feasibility = d.text(v, p)
		case "necessity":
			f.Necessity = d.text(v, p)
		case "annual_goal":
			f.AnnualGoal = d.text(v, p)
		case "overall_goal":
			f.OverallGoal = d.text(v, p)
		case "other_notes":
			f.OtherNotes = d.text(v, p)
		case "indicators":
			if v.kind == scalarNode && v.scalar == nullScalar {
				return
			}
			if v.kind != arrayNode {
				d.errorf(v, p, "expected a list of indicator rows, got %s", v.describe())
				return
			}
			f.Indicators = make([]Indicator, 0, len(v.items))
			for i, item := range v.items {
				ip := fmt.Sprintf("%s[%d]", p, i)
				d.mark(ip, item)
				if item.kind != objectNode {
					d.errorf(item, ip, "expected an indicator row {level1, level2, level3, half_year, full_year}, got %s", item.describe())
					continue
				}
				f.Indicators = append(f.Indicators, d.indicator(item, ip))
			}
		}
	})
	return f
}

// indicator decodes one row. Values are normalised as they are read (>= and
// LaTeX become ≥, stray spaces go), so every input prints the same way.
func (d *decoder) indicator(n *node, path string) Indicator {
	var in Indicator
	d.fields(n, path, indicatorKeys, func(key string, v *node, p string) {
		s := d.text(v, p)
		switch key {
		case "level1":
			in.Level1 = s
		case "level2":
			in.Level2 = s
		case "level3":
			in.Level3 = s
		case "half_year":
			in.HalfYear = NormalizeValue(s)
		case "full_year":
			in.FullYear = NormalizeValue(s)
		}
	})
	return in
}

// text decodes a string field. YAML numbers and booleans written without
// quotes are taken as their text (a value like 100% or 序时进度 is text anyway);
// in JSON a string is required.
func (d *decoder) text(v *node, path string) string {
	if v.kind != scalarNode {
		d.errorf(v, path, "expected a string, got %s", v.describe())
		return ""
	}
	switch v.scalar {
	case nullScalar:
		return ""
	case stringScalar:
	default:
		if d.json || v.scalar == boolScalar {
			d.errorf(v, path, "expected a string, got %s (write it in double quotes)", v.describe())
			return ""
		}
	}
	if len(v.text) > MaxTextBytes {
		d.errorf(v, path, "the text is %d bytes long, more than the %d KiB a field may hold", len(v.text), MaxTextBytes>>10)
		return ""
	}
	return v.text
}

func (d *decoder) integer(v *node, path string) int {
	if v.kind != scalarNode || v.scalar == boolScalar || v.scalar == nullScalar {
		d.errorf(v, path, "expected a whole number such as 2024, got %s", v.describe())
		return 0
	}
	i, err := strconv.Atoi(strings.TrimSpace(v.text))
	if err != nil || (v.scalar == stringScalar && d.json) {
		d.errorf(v, path, "expected a whole number such as 2024, got %q", v.text)
		return 0
	}
	return i
}

// amount decodes a decimal amount. It is kept as written; a JSON number is
// accepted and kept as its literal text, never converted to a float.
func (d *decoder) amount(v *node, path string) Amount {
	if v.kind != scalarNode || v.scalar == boolScalar {
		d.errorf(v, path, "expected an amount in 万元 such as \"4012.8\", got %s", v.describe())
		return ""
	}
	if v.scalar == nullScalar {
		return ""
	}
	if len(v.text) > maxAmountBytes {
		d.errorf(v, path, "expected an amount in 万元 such as \"4012.8\", got a text of %d bytes", len(v.text))
		return ""
	}
	return Amount(strings.TrimSpace(v.text))
}

// DecodeErrors returns the decoding errors (problems with the content of
// files) inside err, which may join several; other errors (I/O) are not
// among them.
func DecodeErrors(err error) []*DecodeError {
	var out []*DecodeError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if de, ok := e.(*DecodeError); ok {
			out = append(out, de)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		walk(errors.Unwrap(e))
	}
	walk(err)
	return out
}

// IsContentError reports whether every error in err is a DecodeError: the
// files were read, but what they hold is not a valid form or book.
func IsContentError(err error) bool {
	if err == nil {
		return false
	}
	n := 0
	var count func(error)
	count = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				count(x)
			}
			return
		}
		n++
	}
	count(err)
	return len(DecodeErrors(err)) == n
}

// notText describes the first byte at which src stops being UTF-8 text, with
// its line:column: a NUL means a binary file; a broken sequence at the very
// end, a truncated file; anything else most likely another encoding.
func notText(src []byte, i int) string {
	line, col := 1, 1
	for _, r := range string(src[:i]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	switch {
	case src[i] == 0:
		return fmt.Sprintf("%d:%d: not a text file (a NUL byte at byte offset %d): expected a form or a book in JSON or YAML", line, col, i)
	case len(src)-i < utf8.UTFMax && !utf8.FullRune(src[i:]):
		return fmt.Sprintf("%d:%d: the file ends in the middle of a character (it is truncated)", line, col)
	}
	return fmt.Sprintf("%d:%d: byte 0x%02X is not UTF-8: save the file as UTF-8 (it may be GBK)", line, col, src[i])
}
