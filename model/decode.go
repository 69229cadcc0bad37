package model

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao/model/internal/jsonyaml"
)

// Limits on input, so that a hostile or broken file gets a clear message
// instead of exhausting memory.
const (
	MaxFileSize  = 256 << 20 // bytes in one input file
	MaxTextBytes = 1 << 20   // bytes in one text field (about 350,000 Chinese characters)
	// MaxIndicators is the most indicator rows a form may have: a form has
	// a few dozen, and 2,000 rows are some 80 pages to lay out, which one
	// request of the web server does at most a few dozen times.
	MaxIndicators  = 2000
	maxErrors      = 20 // decoding errors reported per file
	maxAmountBytes = 64 // an amount is a number; longer text is a mistake
)

// Format is an input file format.
type Format uint8

const (
	FormatAuto Format = iota // decided from the file name, else from the content
	FormatJSON
	FormatYAML
)

// Source remembers where each field of a decoded book came from, so that
// validation problems can name the line of the file. It is kept compact (a
// line and column per field, no strings) because a binder's book may hold
// ten thousand forms.
type Source struct {
	file     string
	root     pos
	top      []pos // bookKeys
	forms    []formPos
	warnings Problems // found while reading (a workbook's skipped sheets, its cells' problems)
}

type pos struct{ line, col int32 }

type formPos struct {
	self   pos
	fields [len(fields) + 1]pos // formKeys
	rows   []rowPos
	// packed holds the rows' positions once the form is read (pack), a
	// few bytes a position instead of eight: rows are most of a book.
	// Row j starts at packed[starts[j]].
	packed []byte
	starts []uint32
	sheet  string // the sheet the form was read from, for a workbook
}

type rowPos struct {
	self   pos
	fields [len(columns)]pos // indicatorKeys
}

// pack packs the rows' positions: each position as the change of its line
// and column from the one before it in its row (zigzag varints, the line's
// plus one; 0 stands for a position not set), a row's first from the
// form's, so that any row is read without those before it. scratch is
// a buffer to write them into first, reused from form to form.
func (f *formPos) pack(scratch *[]byte) {
	if len(f.rows) == 0 {
		return
	}
	b := (*scratch)[:0]
	starts := make([]uint32, len(f.rows))
	var prev pos
	put := func(p pos) {
		if p == (pos{}) {
			b = append(b, 0)
			return
		}
		b = binary.AppendUvarint(b, zigzag(p.line-prev.line)+1)
		b = binary.AppendUvarint(b, zigzag(p.col-prev.col))
		prev = p
	}
	for j := range f.rows {
		r := &f.rows[j]
		starts[j] = uint32(len(b))
		prev = f.self
		put(r.self)
		for _, p := range r.fields {
			put(p)
		}
	}
	f.packed, f.starts, f.rows = bytes.Clone(b), starts, nil
	*scratch = b
}

// row returns the positions of row j, packed or not.
func (f *formPos) row(j int) (rowPos, bool) {
	if f.packed == nil {
		if j < 0 || j >= len(f.rows) {
			return rowPos{}, false
		}
		return f.rows[j], true
	}
	if j < 0 || j >= len(f.starts) {
		return rowPos{}, false
	}
	b := f.packed[f.starts[j]:]
	prev := f.self
	get := func() pos {
		v, n := binary.Uvarint(b)
		b = b[n:]
		if v == 0 {
			return pos{}
		}
		c, n := binary.Uvarint(b)
		b = b[n:]
		prev = pos{prev.line + unzigzag(v-1), prev.col + unzigzag(c)}
		return prev
	}
	var r rowPos
	r.self = get()
	for k := range r.fields {
		r.fields[k] = get()
	}
	return r, true
}

// unpack undoes pack, for a position to be set.
func (f *formPos) unpack() {
	if f.packed == nil {
		return
	}
	rows := make([]rowPos, len(f.starts))
	for j := range rows {
		rows[j], _ = f.row(j)
	}
	f.rows, f.packed, f.starts = rows, nil, nil
}

func zigzag(d int32) uint64   { return uint64(uint32(d<<1) ^ uint32(d>>31)) }
func unzigzag(v uint64) int32 { return int32(uint32(v)>>1) ^ -int32(uint32(v)&1) }

// Location returns where the value at path (as in "forms[2].indicators[5].level2")
// was read, falling back to its closest enclosing value. It only reads s
// (a packed row is read into a copy): Validate's workers call it at once.
func (s *Source) Location(path string) (Location, bool) {
	if s == nil {
		return Location{}, false
	}
	for p := path; ; {
		if at := s.slot(p, false); at != nil && at.line > 0 {
			if sheet := s.sheetOf(p); sheet != "" {
				// A workbook's cell: line is its row, col its column.
				return Location{File: s.file, Sheet: sheet, Cell: CellName(int(at.col), int(at.line))}, true
			}
			return Location{File: s.file, Line: int(at.line), Column: int(at.col)}, true
		}
		if p == "" {
			return Location{}, false
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
	i, rest, ok := CutFormPath(path)
	if !ok {
		// (A book's key, or a path of no field: forms[x.)
		if k := slices.Index(bookKeys(), path); k >= 0 {
			if s.top == nil {
				if !grow {
					return nil
				}
				s.top = make([]pos, len(bookKeys()))
			}
			return &s.top[k]
		}
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
		if k := slices.Index(formKeys(), key); k >= 0 {
			return &f.fields[k]
		}
		return nil
	}
	j, rest, ok := cutIndex(rest)
	if !ok {
		return nil
	}
	var r *rowPos
	switch {
	case f.packed != nil && !grow:
		// A copy to read from.
		row, ok := f.row(j)
		if !ok {
			return nil
		}
		r = &row
	default:
		f.unpack()
		if j >= len(f.rows) {
			if !grow {
				return nil
			}
			f.rows = append(f.rows, make([]rowPos, j+1-len(f.rows))...)
		}
		r = &f.rows[j]
	}
	if rest == "" {
		return &r.self
	}
	if k := slices.Index(indicatorKeys(), strings.TrimPrefix(rest, ".")); k >= 0 && rest[0] == '.' {
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
	Problems Problems // in file order, each with its location
}

func (e *DecodeError) Error() string { return e.Problems.Error() }

// FileProblem is a DecodeError of one problem of the file name as a whole
// (a PDF that carries no form data): the file cannot be read.
func FileProblem(name, code string, args ...string) *DecodeError {
	return fileProblem(name, 0, 0, code, args...)
}

// fileProblem is a DecodeError of one problem at line:col of the file.
func fileProblem(name string, line, col int, code string, args ...string) *DecodeError {
	return &DecodeError{File: name, Problems: Problems{{
		Code: code, Loc: Location{File: name, Line: line, Column: col}, Args: args}}}
}

// yamlSplit turns the form-by-form reading of YAML books on (the tests
// compare it with the whole parse).
var yamlSplit = true

// Decode parses a book or a single form (which becomes a book of one form)
// from src. name is used in messages. Unknown keys, wrong types, truncated
// input and oversized fields are errors that name the file, line:column and
// key path; all such problems of the file are reported at once.
func Decode(src []byte, name string, format Format) (*Book, *Source, error) {
	if len(src) > MaxFileSize {
		return nil, nil, tooLarge(name, int64(len(src)))
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil, fileProblem(name, 1, 1, CodeFileEmpty)
	}
	if i := jsonyaml.FirstBad(src); i >= 0 {
		return nil, nil, notText(name, src, i)
	}
	src = trimBOM(src)
	if format == FormatAuto {
		format = detectFormat(name, src)
	}
	d := newDecoder(name, format == FormatJSON)
	var root *jsonyaml.Node
	var err error
	if format == FormatJSON {
		root, err = jsonyaml.ParseJSON(src, d.formItem, bookKeys())
	} else {
		// Form by form when the book allows it (see jsonyaml's
		// yamlsplit.go), else the whole document with a fresh decoder.
		ok := false
		if yamlSplit {
			root, ok = jsonyaml.ParseYAMLForms(src, MaxFileSize, bookKeys(), d.formItem)
		}
		if !ok {
			d = newDecoder(name, false)
			root, err = jsonyaml.ParseYAML(src, MaxFileSize, bookKeys())
		}
	}
	return d.finish(root, err)
}

// finish returns the book of a parse that gave root or err.
func (d *decoder) finish(root *jsonyaml.Node, err error) (*Book, *Source, error) {
	name := d.file
	if err != nil {
		var pe *jsonyaml.PosError
		if errors.As(err, &pe) {
			d.problems = append(d.problems, posProblem(pe))
		} else {
			// No parser code: an error nobody foresaw, its text kept for the
			// maintainer behind the catalogue's introduction.
			d.problems = append(d.problems, decodeIssue{1, 1, "", CodeSyntax, []string{"", err.Error()}})
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
	f, err := OpenFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return DecodeReader(f, path, FormatAuto)
}

// OpenFile opens an input file by the rules every input follows: a
// regular file (a device or pipe has no size to check and may never end;
// a directory is no file) of at most MaxFileSize bytes, the last a
// *DecodeError (CodeFileTooLarge). What is read of it must still stop at
// MaxFileSize: the file may grow.
func OpenFile(path string) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("model: %s is a directory: expected a form or book file", path)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("model: %s is not a regular file: expected a form or book file", path)
	}
	if st.Size() > MaxFileSize {
		return nil, fileTooLarge(path, st.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return f, nil
}

// TooLarge is the problem of a content of size bytes, over MaxFileSize,
// read from name.
func TooLarge(name string, size int64) error { return tooLarge(name, size) }

// DecodeReader is Decode reading from r, at most MaxFileSize bytes of it.
// A JSON book is parsed through a window of the file, form by form, never
// held whole; so is a YAML book written the usual way (see jsonyaml's
// yamlsplit.go) when r can seek back to read it again whole should it need
// to (a file can). Other content is read whole and decoded by Decode. A
// read error is returned wrapped, the content's problems as a *DecodeError.
func DecodeReader(r io.Reader, name string, format Format) (*Book, *Source, error) {
	return decodeReader(r, name, format, nil)
}

// DecodeReaderChecked is DecodeReader followed by Validate of the book it
// reads, whose problems it returns (none with an error): a JSON book's
// forms are checked on another goroutine while the next ones are read
// (streamcheck.go), the problems the same and in the same order.
func DecodeReaderChecked(r io.Reader, name string, format Format) (*Book, *Source, Problems, error) {
	return DecodeReaderEach(r, name, format, nil)
}

// DecodeReaderEach is DecodeReaderChecked, each (when not nil) given the
// forms of a JSON book read form by form as they are checked, a batch at
// a time, in order, on the checker's goroutine: start is the index in the
// book of the first of forms, whose values are final (a caller may keep
// them, and must not change them); each must return at once. A book read
// whole, or too short to be handed over in batches, gives each nothing.
func DecodeReaderEach(r io.Reader, name string, format Format, each func(start int, forms []Form)) (*Book, *Source, Problems, error) {
	c := &streamCheck{each: each}
	defer c.stop()
	b, src, err := decodeReader(r, name, format, c)
	if err != nil {
		c.abort()
		return nil, nil, nil, err
	}
	if c.batches == nil {
		return b, src, Validate(b, src), nil // read whole, or too few forms to hand over
	}
	return b, src, c.finish(b, src), nil
}

// decodeReader is DecodeReader, a JSON book's forms handed to check (when
// not nil) as they are read.
func decodeReader(r io.Reader, name string, format Format, check *streamCheck) (*Book, *Source, error) {
	rs, seekable := r.(io.ReadSeeker)
	var start int64
	if seekable {
		var err error
		if start, err = rs.Seek(0, io.SeekCurrent); err != nil {
			seekable = false
		}
	}
	in := r // what is left to read
	whole := func() (*Book, *Source, error) {
		rest := in
		if seekable {
			if _, err := rs.Seek(start, io.SeekStart); err != nil {
				return nil, nil, fmt.Errorf("model: %w", err)
			}
			rest = rs
		}
		src, err := io.ReadAll(io.LimitReader(rest, MaxFileSize+1))
		if err != nil {
			return nil, nil, fmt.Errorf("model: %w", err)
		}
		return Decode(src, name, format)
	}
	if format == FormatAuto {
		format = formatOfName(name)
	}
	if format == FormatAuto {
		// The content tells, if its start does.
		br := bufio.NewReaderSize(r, jsonyaml.WindowSize)
		in = br
		// An error is returned here: Peek reports it once and forgets it.
		head, err := br.Peek(jsonyaml.WindowSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, nil, fmt.Errorf("model: %w", err)
		}
		format = contentFormat(trimBOM(head))
	}
	if format != FormatJSON && !(format == FormatYAML && seekable && yamlSplit) {
		return whole()
	}
	window := jsonyaml.NewInput(in, MaxFileSize)
	d := newDecoder(name, format == FormatJSON)
	if format == FormatJSON {
		d.check = check
	}
	var root *jsonyaml.Node
	var err error
	if format == FormatJSON {
		root, err = jsonyaml.ParseJSONInput(window, d.formItem, bookKeys())
	} else {
		var ok bool
		if root, ok = jsonyaml.ParseYAMLInput(window, MaxFileSize, bookKeys(), d.formItem); !ok {
			if window.Err() != nil {
				return nil, nil, fmt.Errorf("model: %w", window.Err())
			}
			return whole()
		}
	}
	// The checks Decode makes before parsing, made as the window passed:
	// they come first, whatever the parse found.
	window.Drain()
	if window.Err() != nil {
		return nil, nil, fmt.Errorf("model: %w", window.Err())
	}
	switch {
	case window.Size() > MaxFileSize:
		return nil, nil, tooLarge(name, window.Size())
	case window.AllSpace():
		return nil, nil, fileProblem(name, 1, 1, CodeFileEmpty)
	case window.Bad() != nil:
		return nil, nil, notTextAt(name, window.Head(), window.Size(), window.Bad())
	}
	return d.finish(root, err)
}

func trimBOM(src []byte) []byte {
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		return src[3:]
	}
	return src
}

func detectFormat(name string, src []byte) Format {
	if f := formatOfName(name); f != FormatAuto {
		return f
	}
	if f := contentFormat(src); f != FormatAuto {
		return f
	}
	return FormatYAML
}

// contentFormat is the format the start of a content tells: JSON when its
// first character other than white space is { or [, else YAML; FormatAuto
// when it is white space only.
func contentFormat(b []byte) Format {
	b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	switch {
	case len(b) == 0:
		return FormatAuto
	case b[0] == '{' || b[0] == '[':
		return FormatJSON
	}
	return FormatYAML
}

// FormatOfName is the format a book file's extension tells (.json, .yaml,
// .yml), or FormatAuto.
func FormatOfName(name string) Format { return formatOfName(name) }

// ContentFormat is the format the start of a content tells, after a byte
// order mark: JSON when its first character other than white space is {
// or [, else YAML; FormatAuto when it is empty or white space only.
func ContentFormat(head []byte) Format { return contentFormat(trimBOM(head)) }

// formatOfName is the format a file's extension tells, or FormatAuto.
func formatOfName(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return FormatJSON
	case ".yaml", ".yml":
		return FormatYAML
	}
	return FormatAuto
}

type decoder struct {
	src      *Source
	file     string
	json     bool // JSON is explicit about types; YAML's unquoted 2024 may stand for text
	problems []decodeIssue
	forms    []Form // a book's forms, decoded as they are parsed
	values   valueMemo
	scratch  []byte       // for packing a form's positions
	check    *streamCheck // checks the forms as they are read, if not nil
}

// newDecoder starts the decoding of the file name (of JSON when json).
func newDecoder(name string, json bool) *decoder {
	return &decoder{src: &Source{file: name}, file: name, json: json}
}

// valueMemo remembers the last values normalised (NormalizeValue) by their
// hash: a book repeats a few hundred values (充分, ≥95%, 100%) in every
// form, and normalising one runs a dozen regular expressions.
type valueMemo struct {
	seed  maphash.Seed
	table *[1 << 10]struct{ in, out string }
}

func (m *valueMemo) normalize(s string) string {
	if len(s) == 0 || len(s) > 64 {
		return NormalizeValue(s)
	}
	if m.table == nil {
		m.table = new([1 << 10]struct{ in, out string })
		m.seed = maphash.MakeSeed()
	}
	e := &m.table[maphash.String(m.seed, s)&(1<<10-1)]
	if e.in != s || e.out == "" {
		e.in, e.out = s, NormalizeValue(s)
	}
	return e.out
}

// decodeIssue is one decoding problem at a position.
type decodeIssue struct {
	line, col int
	path      string
	code      string
	args      []string
}

// maxCollected bounds the problems kept while decoding: a file of
// thousands of broken forms must not build thousands of messages.
const maxCollected = 50 * maxErrors

// problem records a problem with the value n at path; args are the user
// values its message quotes.
func (d *decoder) problem(n *jsonyaml.Node, path, code string, args ...string) {
	if len(d.problems) >= maxCollected {
		return
	}
	d.problems = append(d.problems, decodeIssue{n.Line, n.Col, path, code, args})
}

// report returns the problems in file order, the first maxErrors of them.
// Forms are decoded as they are parsed, so problems are not found in file
// order: a book's own keys before "forms" are checked after its forms.
func (d *decoder) report() Problems {
	sort.SliceStable(d.problems, func(i, j int) bool {
		a, b := d.problems[i], d.problems[j]
		return a.line < b.line || a.line == b.line && a.col < b.col
	})
	n := min(len(d.problems), maxErrors)
	out := make(Problems, 0, n+1)
	at := func(p decodeIssue) Location { return Location{File: d.file, Line: p.line, Column: p.col} }
	for _, p := range d.problems[:n] {
		out = append(out, Problem{Code: p.code, Loc: at(p), Path: p.path, Args: p.args})
	}
	if len(d.problems) > n {
		next := d.problems[n]
		p := Problem{Code: CodeTooManyProblems, Loc: at(next), Args: []string{strconv.Itoa(len(d.problems) - n)}}
		if len(d.problems) == maxCollected {
			// collecting stopped too: how many more is not known
			p.Code, p.Args = CodeTooManyUncounted, nil
		}
		out = append(out, p)
	}
	return out
}

// at names a value being decoded: the book (form < 0), form form (row <
// 0), or row row of its indicators, and key one of its keys ("": the
// object itself). Its field path is written only for a message.
type at struct {
	form, row int
	key       string
}

var bookAt = at{form: -1, row: -1}

func (a at) String() string {
	var b []byte
	if a.form >= 0 {
		b = appendFormPath(b, a.form)
		if a.row >= 0 {
			b = appendRowPath(append(b, '.'), a.row)
		}
	}
	if a.key != "" {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, a.key...)
	}
	return string(b)
}

// with is a at key key.
func (a at) with(key string) at { a.key = key; return a }

// mark records where the value at a was read; k is the index of a.key in
// its object's keys (bookKeys, formKeys, indicatorKeys).
func (d *decoder) mark(a at, k int, n *jsonyaml.Node) {
	s := d.src
	var slot *pos
	switch {
	case a.form < 0 && a.key == "":
		slot = &s.root
	case a.form < 0:
		if s.top == nil {
			s.top = make([]pos, len(bookKeys()))
		}
		slot = &s.top[k]
	default:
		if a.form >= len(s.forms) {
			s.forms = append(s.forms, make([]formPos, a.form+1-len(s.forms))...)
		}
		f := &s.forms[a.form]
		switch {
		case a.row < 0 && a.key == "":
			slot = &f.self
		case a.row < 0:
			slot = &f.fields[k]
		default:
			f.unpack()
			if a.row >= len(f.rows) {
				f.rows = append(f.rows, make([]rowPos, a.row+1-len(f.rows))...)
			}
			if r := &f.rows[a.row]; a.key == "" {
				slot = &r.self
			} else {
				slot = &r.fields[k]
			}
		}
	}
	*slot = pos{int32(n.Line), int32(n.Col)}
}

// posProblem is the decoding problem of a syntax error.
func posProblem(pe *jsonyaml.PosError) decodeIssue {
	switch pe.Kind {
	case jsonyaml.DuplicateKey:
		return decodeIssue{pe.Line, pe.Col, pe.Path, CodeDuplicateKey, []string{pe.Arg}}
	case jsonyaml.TooDeep:
		return decodeIssue{pe.Line, pe.Col, "", CodeTooDeep, []string{pe.Arg}}
	}
	// Args: what the parser found wrong as a code, then its values; the
	// catalogue says it in every language.
	return decodeIssue{pe.Line, pe.Col, "", CodeSyntax, append([]string{pe.Code}, pe.Args...)}
}

func (d *decoder) root(n *jsonyaml.Node) *Book {
	if n.Kind != jsonyaml.Object {
		d.problem(n, "", CodeNotObject, n.Describe())
		return nil
	}
	d.mark(bookAt, -1, n)
	if _, ok := lookup(n, "forms"); ok || misspeltForms(n) {
		// A misspelt "forms" still means a book: reading it as a form would
		// report every key of it with the wrong path and the wrong hint.
		return d.book(n)
	}
	d.mark(at{0, -1, ""}, -1, n)
	f := d.form(n, 0)
	return &Book{Year: f.Year, Title: f.Title, Forms: []Form{f}}
}

// misspeltForms reports whether an object has a key that is a likely typo of
// "forms" and no key of a form besides title and year.
func misspeltForms(n *jsonyaml.Node) bool {
	typo := false
	for _, k := range n.Keys {
		switch {
		case k.Text == "title" || k.Text == "year":
		case slices.Contains(formKeys(), k.Text):
			return false
		case suggest(k.Text, bookKeys()) == "forms":
			typo = true
		}
	}
	return typo
}

func lookup(n *jsonyaml.Node, key string) (*jsonyaml.Node, bool) {
	for i, k := range n.Keys {
		if k.Text == key {
			return n.Vals[i], true
		}
	}
	return nil, false
}

// fields walks the keys of the object n at a, reporting unknown ones.
func (d *decoder) fields(n *jsonyaml.Node, a at, known []string, f func(key string, v *jsonyaml.Node, p at)) {
	for i, k := range n.Keys {
		p := a.with(k.Text)
		ki := slices.Index(known, k.Text)
		if ki < 0 {
			// The known keys are the list at the end of the arguments.
			kind := kindName(known)
			if s := suggest(k.Text, known); s != "" {
				d.problem(k, p.String(), CodeUnknownKeySimilar, append([]string{k.Text, s, kind}, known...)...)
			} else {
				d.problem(k, p.String(), CodeUnknownKey, append([]string{k.Text, kind}, known...)...)
			}
			continue
		}
		d.mark(p, ki, n.Vals[i])
		f(k.Text, n.Vals[i], p)
	}
}

func kindName(known []string) string {
	switch len(known) {
	case len(bookKeys()):
		return "book"
	case len(indicatorKeys()):
		return "indicator"
	}
	return "form"
}

func (d *decoder) book(n *jsonyaml.Node) *Book {
	b := &Book{}
	d.fields(n, bookAt, bookKeys(), func(key string, v *jsonyaml.Node, p at) {
		switch key {
		case "year":
			b.Year = d.integer(v, p)
		case "title":
			b.Title = d.text(v, p)
		case "forms":
			if v.Kind != jsonyaml.Array {
				d.problem(v, p.String(), CodeNotList, v.Describe())
				return
			}
			if !v.Streamed {
				for i, item := range v.Items {
					d.formItem(i, item)
				}
			}
			b.Forms = d.forms
			if b.Forms == nil {
				b.Forms = []Form{}
			}
		default: // a signature field given for the whole book
			if b.Sign == nil {
				b.Sign = map[string]string{}
			}
			b.Sign[key] = d.text(v, p)
		}
	})
	return b
}

// formItem decodes item i of a book's forms list (called by the JSON
// parser as each form is read, or by book for YAML).
func (d *decoder) formItem(i int, item *jsonyaml.Node) {
	a := at{i, -1, ""}
	d.mark(a, -1, item)
	if item.Kind != jsonyaml.Object {
		d.problem(item, a.String(), CodeNotObject, item.Describe())
		return
	}
	d.forms = append(d.forms, d.form(item, i))
	d.src.forms[i].pack(&d.scratch)
	if d.check != nil {
		d.check.add(d)
	}
}

// form decodes the keys of form i through the schema (fields).
func (d *decoder) form(n *jsonyaml.Node, i int) Form {
	var f Form
	d.fields(n, at{i, -1, ""}, formKeys(), func(key string, v *jsonyaml.Node, p at) {
		if key == IndicatorsKey {
			f.Indicators = d.indicators(v, p)
			return
		}
		fd := &fields[fieldIndex(key)]
		switch fd.Kind {
		case YearKind:
			*fd.year(&f) = d.integer(v, p)
		case AmountKind:
			*fd.amount(&f) = d.amount(v, p)
		default:
			*fd.text(&f) = d.text(v, p)
		}
	})
	return f
}

func (d *decoder) indicators(v *jsonyaml.Node, p at) []Indicator {
	if v.Kind == jsonyaml.Scalar && v.Scalar == jsonyaml.Null {
		return nil
	}
	if v.Kind != jsonyaml.Array {
		d.problem(v, p.String(), CodeNotList, v.Describe())
		return nil
	}
	if n := len(v.Items); n > MaxIndicators {
		d.problem(v, p.String(), CodeTooManyIndicators, strconv.Itoa(n), strconv.Itoa(MaxIndicators))
		return nil
	}
	if f := &d.src.forms[p.form]; len(f.rows) < len(v.Items) {
		// The rows' positions in one piece, not grown row by row.
		f.rows = slices.Grow(f.rows, len(v.Items)-len(f.rows))
	}
	rows := make([]Indicator, 0, len(v.Items))
	for i, item := range v.Items {
		ip := at{p.form, i, ""}
		d.mark(ip, -1, item)
		if item.Kind != jsonyaml.Object {
			d.problem(item, ip.String(), CodeNotObject, item.Describe())
			continue
		}
		rows = append(rows, Indicator{})
		d.indicator(item, ip, &rows[len(rows)-1])
	}
	return rows
}

// indicator decodes one row. Values are normalised as they are read (>= and
// LaTeX become ≥, stray spaces go), so every input prints the same way.
func (d *decoder) indicator(n *jsonyaml.Node, a at, in *Indicator) {
	keys := indicatorKeys()
	d.fields(n, a, keys, func(key string, v *jsonyaml.Node, p at) {
		c := &columns[slices.Index(keys, key)]
		s := d.text(v, p)
		if c.Value {
			s = d.values.normalize(s)
		} else {
			s = trimLabel(s)
		}
		*c.get(in) = s
	})
}

// trimLabel removes the spaces around an indicator label (一级, 二级, 三级)
// before it is matched against the framework: half- and full-width spaces,
// tabs, line breaks, no-break and zero-width spaces, so that 「决策 」 and
// 「　决策」 are 决策.
func trimLabel(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
	})
}

// text decodes a string field. YAML numbers and booleans written without
// quotes are taken as their text (a value like 100% or 序时进度 is text anyway);
// in JSON a string is required.
func (d *decoder) text(v *jsonyaml.Node, a at) string {
	if v.Kind != jsonyaml.Scalar {
		d.problem(v, a.String(), CodeNotString, v.Describe())
		return ""
	}
	switch v.Scalar {
	case jsonyaml.Null:
		return ""
	case jsonyaml.String:
	default:
		if d.json || v.Scalar == jsonyaml.Bool {
			d.problem(v, a.String(), CodeUnquotedString, v.Describe())
			return ""
		}
	}
	if len(v.Text) > MaxTextBytes {
		n, limit := strconv.Itoa(len(v.Text)), strconv.Itoa(MaxTextBytes>>10)
		d.problem(v, a.String(), CodeTextTooLong, n, limit)
		return ""
	}
	return v.Text
}

func (d *decoder) integer(v *jsonyaml.Node, a at) int {
	if v.Kind != jsonyaml.Scalar || v.Scalar == jsonyaml.Bool || v.Scalar == jsonyaml.Null {
		d.problem(v, a.String(), CodeNotWholeNumber, v.Describe())
		return 0
	}
	i, err := strconv.Atoi(NormalizeDigits(strings.TrimSpace(v.Text)))
	if err != nil || (v.Scalar == jsonyaml.String && d.json) {
		switch {
		case err == nil: // "2024": the number, in quotation marks
			d.problem(v, a.String(), CodeQuotedNumber, v.Text)
		case v.Scalar == jsonyaml.Number: // 2024.5: a number, not a text
			d.problem(v, a.String(), CodeNotWholeNumber, v.Describe())
		default:
			d.problem(v, a.String(), CodeNotWholeNumber, strconv.Quote(v.Text))
		}
		return 0
	}
	return i
}

// amount decodes a decimal amount. It is kept as written; a JSON number is
// accepted and kept as its literal text, never converted to a float.
func (d *decoder) amount(v *jsonyaml.Node, a at) Amount {
	if v.Kind != jsonyaml.Scalar || v.Scalar == jsonyaml.Bool {
		d.problem(v, a.String(), CodeNotAmount, v.Describe())
		return ""
	}
	if v.Scalar == jsonyaml.Null {
		return ""
	}
	if len(v.Text) > maxAmountBytes {
		n := strconv.Itoa(len(v.Text))
		d.problem(v, a.String(), CodeAmountTooLong, n)
		return ""
	}
	return Amount(NormalizeDigits(strings.TrimSpace(v.Text)))
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

// tooLarge is the problem of a file over MaxFileSize: of the file as a
// whole, at no line (a workbook has none, and the same message is given
// for every kind of input).
func tooLarge(name string, size int64) *DecodeError {
	if size == MaxFileSize+1 {
		// What a stream is read to, one byte past the limit: its size is
		// not known, only that it is more.
		return fileProblem(name, 0, 0, CodeStreamTooLarge, strconv.Itoa(MaxFileSize>>20))
	}
	return fileTooLarge(name, size)
}

// fileTooLarge is the problem of a file of size bytes (its size known:
// stat's), over MaxFileSize.
func fileTooLarge(name string, size int64) *DecodeError {
	return fileProblem(name, 0, 0, CodeFileTooLarge, strconv.FormatInt(size, 10), strconv.Itoa(MaxFileSize>>20))
}

// UTF16Encoding tells a UTF-16 file (as Windows Notepad saved "Unicode"
// text before 2019) by its byte order mark, or by the NUL bytes every
// ASCII character brings, all on one side of its byte pairs: "UTF-16LE",
// "UTF-16BE", or "" for anything else.
func UTF16Encoding(src []byte) string {
	return utf16Encoding(src[:min(len(src), jsonyaml.HeadSize)], int64(len(src)))
}

// utf16Encoding is UTF16Encoding of a file of size bytes that starts with
// head (at least its first jsonyaml.HeadSize bytes).
func utf16Encoding(src []byte, size int64) string {
	if size%2 == 1 {
		return "" // UTF-16 is pairs of bytes
	}
	switch {
	case len(src) >= 2 && src[0] == 0xFF && src[1] == 0xFE:
		return "UTF-16LE"
	case len(src) >= 2 && src[0] == 0xFE && src[1] == 0xFF:
		return "UTF-16BE"
	}
	head := src[:min(len(src), 256)&^1]
	var even, odd int // NUL bytes at even and odd offsets
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(head) / 2
	switch {
	case pairs < 2:
		return ""
	case odd >= 4 && odd*4 >= pairs && even*8 <= odd: // a few Chinese code units end in 00
		return "UTF-16LE"
	case even >= 4 && even*4 >= pairs && odd*8 <= even:
		return "UTF-16BE"
	}
	return ""
}

// notText describes the first byte at which src stops being UTF-8 text, with
// its line:column: a NUL means a binary file; a broken sequence at the very
// end, a truncated file; anything else most likely another encoding.
func notText(name string, src []byte, i int) *DecodeError {
	line, col := 1, 1
	for _, r := range string(src[:i]) {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	bad := &jsonyaml.Bad{Offset: int64(i), Line: line, Col: col, Byte: src[i],
		Truncated: len(src)-i < utf8.UTFMax && !utf8.FullRune(src[i:])}
	return notTextAt(name, src[:min(len(src), jsonyaml.HeadSize)], int64(len(src)), bad)
}

// notTextAt is notText of a file of size bytes that starts with head (its
// first jsonyaml.HeadSize bytes), bad being its first byte that is not text.
func notTextAt(name string, head []byte, size int64, bad *jsonyaml.Bad) *DecodeError {
	if de := knownBinary(name, head); de != nil {
		return de // a photo of the form is a photo, not text in GBK
	}
	if enc := utf16Encoding(head, size); enc != "" {
		return fileProblem(name, 1, 1, CodeUTF16, enc)
	}
	switch {
	case bad.Byte == 0:
		off := strconv.FormatInt(bad.Offset, 10)
		return fileProblem(name, bad.Line, bad.Col, CodeNotText, off)
	case bad.Truncated:
		return fileProblem(name, bad.Line, bad.Col, CodeTruncatedUTF8)
	case looksBinary(head):
		return fileProblem(name, 0, 0, CodeBinaryFile)
	}
	b := fmt.Sprintf("0x%02X", bad.Byte)
	return fileProblem(name, bad.Line, bad.Col, CodeNotUTF8, b)
}
