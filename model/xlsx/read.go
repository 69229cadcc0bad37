// Package xlsx reads and writes the forms as Excel workbooks (.xlsx, as
// Excel, WPS and LibreOffice save them): the sheets finance staff fill in,
// laid out like the printed form, are read into the same model.Book as a
// JSON book; a book is written back as such sheets (jixiao export), and an
// empty one is the template (jixiao template).
//
// A sheet is read by its labels, not by fixed cell addresses: the table may
// start anywhere, labels may be written 项目名称 or 项目名称：, with full- or
// half-width parentheses, and 一级/二级 may be merged over their rows,
// written on the first row of their group only, or on every row.
package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// Limits on workbooks, so that a hostile or broken file gets a clear
// message instead of exhausting memory.
const (
	// MaxUnpacked is the most a workbook may unpack to, all parts together
	// (a binder's 1,000 forms take about 30 MiB).
	MaxUnpacked = 256 << 20
	// MaxRows is the most rows a sheet may have: a form has a few dozen.
	MaxRows = 5000
	// maxCols bounds the columns looked at for labels.
	maxCols = 64
)

// extension reports whether ext (lower case, with its dot) names a file
// Read reads or explains: the workbooks, and the spreadsheets it says how
// to save as one.
func extension(ext string) bool {
	switch ext {
	case ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".fods", ".csv":
		return true
	}
	return false
}

// Handles reports whether a file of this name is a spreadsheet, read (or
// explained) by this package rather than decoded as JSON or YAML.
func Handles(name string) bool { return extension(strings.ToLower(filepath.Ext(name))) }

// IsWorkbook reports whether data looks like a workbook (a zip archive, or
// an OLE file such as an .xls or a password-protected .xlsx), whatever its
// name.
func IsWorkbook(data []byte) bool {
	return bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic)
}

// maxLockFile is the most bytes a lock file holds (Excel's are 165: the
// user's name twice).
const maxLockFile = 4096

// IsLockFile reports whether the file name holding data is the lock file
// Excel and WPS keep beside a workbook while it is open (~$book.xlsx):
// small, and not a workbook, which a shell's *.xlsx names all the same.
func IsLockFile(name string, data []byte) bool {
	return strings.HasPrefix(filepath.Base(name), "~$") && len(data) <= maxLockFile && !IsWorkbook(data)
}

// LockFileSkipped returns, when err is Read's refusal of a lock file
// (IsLockFile), the warning that it is left out of the inputs, at the
// same place.
func LockFileSkipped(err error) (model.Problem, bool) {
	des := model.DecodeErrors(err)
	if len(des) != 1 || len(des[0].Problems) != 1 || des[0].Problems[0].Code != string(CodeLockFile) {
		return model.Problem{}, false
	}
	p := des[0].Problems[0]
	p.Code, p.Severity = string(CodeLockFileSkipped), model.Warning
	return p, true
}

// Read reads the forms of a workbook held in data; name is used in messages
// (and its extension to tell an .xls from an .et). Problems with its
// content (a required label missing, a date where an amount belongs) are
// returned as one *model.DecodeError listing every one, each naming its
// sheet and cell. The Source names the sheet and cell of every field, for
// validation. A file is opened by model.OpenFile, as any input (pipeline
// reads one so), and its bytes given here: its rules (a regular file, its
// size) are not this package's.
func Read(data []byte, name string) (book *model.Book, src *model.Source, err error) {
	return read(bytes.NewReader(data), int64(len(data)), data[:min(len(data), sniffSize)], func() ([]byte, error) { return data, nil }, name)
}

// ReadAt is Read of the workbook of size bytes that r holds, read where
// it is (content held in several blocks, as standard input or an upload
// of unknown length is read): a workbook is never copied whole; only a
// file that is no workbook and must be searched to be told apart (an OLE
// file: an .xls, an encrypted .xlsx, a Word document) is read whole, to
// be refused.
func ReadAt(r io.ReaderAt, size int64, name string) (book *model.Book, src *model.Source, err error) {
	head := make([]byte, min(size, sniffSize))
	if n, err := r.ReadAt(head, 0); n < len(head) {
		return nil, nil, fmt.Errorf("xlsx: %w", err)
	}
	whole := func() ([]byte, error) {
		data := make([]byte, size)
		if n, err := r.ReadAt(data, 0); int64(n) < size {
			return nil, fmt.Errorf("xlsx: %w", err)
		}
		return data, nil
	}
	return read(r, size, head, whole, name)
}

// sniffSize is the most of a file's first bytes that tell what it is
// (sniff): more than a lock file may hold, so that a file that short is
// whole in them.
const sniffSize = 2 * maxLockFile

// read is Read of the workbook of size bytes in r, which starts with head
// (its first sniffSize bytes, all of it when shorter); whole gives all of
// it, for a file that must be searched to be told apart.
func read(r io.ReaderAt, size int64, head []byte, whole func() ([]byte, error), name string) (book *model.Book, src *model.Source, err error) {
	if !IsWorkbook(head) {
		if err := model.KnownBinary(name, head); err != nil {
			return nil, nil, err // a photo of the form, saved as .xlsx
		}
	}
	if bytes.HasPrefix(head, oleMagic) {
		// Told apart by its streams' names, anywhere in it.
		if head, err = whole(); err != nil {
			return nil, nil, err
		}
	}
	if m := sniff(head, size, name); m != nil {
		return nil, nil, fileProblem(name, *m)
	}
	p, m := openPackageAt(r, size)
	if m != nil {
		return nil, nil, fileProblem(name, *m)
	}
	// excelize (which formats dates) is guarded: a malformed part must give
	// a message, not a crash.
	defer func() {
		if r := recover(); r != nil {
			book, src = nil, nil
			err = fileProblem(name, message(CodeCorrupt, fmt.Sprint(r)))
		}
	}()
	rd := &reader{pkg: p, file: name, src: model.NewSheetSource(name), formats: map[int]numFormat{}}
	defer rd.close()
	return rd.read()
}

// partMessage explains why a part could not be read: a limit passed, or
// the part is not what it should be.
func (r *reader) partMessage(err error) msg {
	var le *limitError
	switch {
	case errors.As(err, &le):
		return le.m
	case errors.Is(err, errBudget), r.pkg.over():
		// (The tokenizer may report a failed read as a syntax error.)
		return message(CodeTooComplex, MaxXML>>20, MaxTokens>>20)
	case errors.Is(err, errTooManyRows):
		return message(CodeTooManyRows, MaxRows)
	}
	return message(CodeCorrupt, err)
}

// fileProblem is a problem with the workbook as a whole.
func fileProblem(name string, m msg) error {
	return &model.DecodeError{File: name, Problems: model.Problems{m.problem(model.Error, model.Location{File: name})}}
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptedPackage is the stream of an encrypted OOXML file, in UTF-16.
	encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	// wordDocument is the main stream of a Word 97–2003 document (.doc),
	// in UTF-16, as its OLE directory names it.
	wordDocument = []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00")
)

// sniff tells what a file of size bytes that is not an .xlsx is, from its
// first bytes head (at least sniffSize of them, all of an OLE file) and its
// name, and says how to save it as one; nil for a zip that is not an .ods.
func sniff(head []byte, size int64, name string) *msg {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case size <= maxLockFile && IsLockFile(name, head):
		return ptr(message(CodeLockFile, quote(strings.TrimPrefix(filepath.Base(name), "~$"))))
	case size == 0:
		return ptr(message(CodeEmptyWorkbook))
	case bytes.HasPrefix(head, oleMagic):
		switch {
		case bytes.Contains(head, encryptedPackage):
			return ptr(message(CodeEncrypted))
		case ext == ".et":
			return ptr(message(CodeWPS))
		case bytes.Contains(head, wordDocument):
			return ptr(message(CodeWord))
		}
		return ptr(message(CodeOldExcel))
	case bytes.HasPrefix(head, zipMagic):
		if bytes.Contains(head[:min(len(head), 200)], []byte("application/vnd.oasis.opendocument")) {
			return ptr(message(CodeODS))
		}
		return nil
	}
	text := string(head[:min(len(head), 2048)])
	switch {
	case ext == ".fods" || ext == ".ods" || strings.Contains(text, "urn:oasis:names:tc:opendocument"):
		return ptr(message(CodeODS))
	case ext == ".csv" || ext == ".txt":
		return ptr(message(CodeCSV))
	case ext == ".et":
		return ptr(message(CodeWPS))
	case ext == ".xls":
		// Excel also saves HTML and XML spreadsheets under .xls.
		return ptr(message(CodeOldExcel))
	}
	return ptr(message(CodeCorrupt, "it is not a zip archive"))
}

func ptr(m msg) *msg { return &m }

// reader reads the sheets of one workbook.
type reader struct {
	pkg      *pkg
	file     string
	src      *model.Source
	styles   *styles
	formats  map[int]numFormat // by cell format, as read
	date1904 bool
	sst      []string // shared strings
	// scratch is a one-cell workbook that formats dates (dateText), with
	// its styles by the workbook's cell format.
	scratch       *excelize.File
	scratchStyles map[numFmtKey]int
	problems      []sheetProblem
	book          model.Book
}

// sheetProblem is a problem at a cell (col, row 0 for the sheet as a whole).
type sheetProblem struct {
	sheetIndex int
	sheet      string
	col, row   int
	path       string // the field path, when the problem is of a form read
	msg        msg
}

func (r *reader) close() {
	if r.scratch != nil {
		r.scratch.Close()
	}
}

func (r *reader) read() (*model.Book, *model.Source, error) {
	info, m, err := sheetParts(r.pkg)
	if err != nil {
		return nil, nil, fileProblem(r.file, r.partMessage(err))
	}
	if m != nil {
		return nil, nil, fileProblem(r.file, *m)
	}
	parts := info.sheets
	r.date1904 = info.date1904
	if r.sst, err = sharedStrings(r.pkg); err != nil {
		return nil, nil, fileProblem(r.file, r.partMessage(err))
	}
	if r.styles, err = readStyles(r.pkg); err != nil {
		return nil, nil, fileProblem(r.file, r.partMessage(err))
	}
	for i, sp := range parts {
		switch {
		case !sp.worksheet:
			r.warn(sp.name, message(CodeNotForm))
			continue
		case sp.hidden:
			if g, err := r.grid(sp); err == nil && g.isForm() {
				r.warn(sp.name, message(CodeHidden))
			} else {
				r.warn(sp.name, message(CodeNotForm))
			}
			continue
		}
		r.sheet(i, sp)
		if r.pkg.over() {
			// One message for the workbook, not one a sheet.
			return nil, nil, fileProblem(r.file, message(CodeTooComplex, MaxXML>>20, MaxTokens>>20))
		}
	}
	if len(r.problems) == 0 && len(r.book.Forms) == 0 {
		list := make([]string, len(parts))
		for i, s := range parts {
			list[i] = quote(s.name)
		}
		// The sheets' names are the problem's arguments, a list the
		// catalogue joins.
		r.problems = append(r.problems, sheetProblem{msg: msg{code: CodeNoForms, args: list}})
	}
	if len(r.book.Forms) == 0 {
		return nil, nil, r.decodeError()
	}
	// The forms are read with their problems, which Validate lists with
	// those it finds: every problem of a sheet is told in one pass, and a
	// form with problems stays the file's form.
	for _, p := range r.sorted() {
		mp := p.msg.problem(model.Error, p.location(r.file))
		mp.Path = p.path
		r.src.Report(mp)
	}
	b := &r.book
	b.Year, b.Title = b.Forms[0].Year, b.Forms[0].Title
	return b, r.src, nil
}

// warn records a warning about a whole sheet.
func (r *reader) warn(sheet string, m msg) {
	r.src.Warn(m.problem(model.Warning, model.Location{File: r.file, Sheet: quote(sheet)}))
}

// sorted returns the problems in the order of the sheets, then of their
// rows and columns.
func (r *reader) sorted() []sheetProblem {
	sort.SliceStable(r.problems, func(i, j int) bool {
		a, b := r.problems[i], r.problems[j]
		if a.sheetIndex != b.sheetIndex {
			return a.sheetIndex < b.sheetIndex
		}
		return a.row < b.row || a.row == b.row && a.col < b.col
	})
	return r.problems
}

// location is where p stands in file.
func (p sheetProblem) location(file string) model.Location {
	loc := model.Location{File: file}
	if p.sheet != "" {
		loc.Sheet = quote(p.sheet)
		if p.col > 0 && p.row > 0 {
			loc.Cell = model.CellName(p.col, p.row)
		}
	}
	return loc
}

// decodeError is the workbook's problems when no form could be read.
func (r *reader) decodeError() error {
	const maxListed = 20
	var out model.Problems
	for k, p := range r.sorted() {
		if k == maxListed {
			out = append(out, message(CodeTooManyProblems, len(r.problems)-maxListed).problem(model.Error, model.Location{File: r.file}))
			break
		}
		out = append(out, p.msg.problem(model.Error, p.location(r.file)))
	}
	return &model.DecodeError{File: r.file, Problems: out}
}

// isForm reports whether a sheet looks like a form: it has a 项目名称 or an
// 一级指标 label.
func (g *grid) isForm() bool {
	_, _, ok := g.find(labelProject())
	_, _, ok2 := g.find(labelLevel1())
	return ok || ok2
}

// grid is a sheet's cells as shown (formatted), with its merged ranges.
type grid struct {
	name       string
	cells      [][]xcell  // cells[r][c], from 0
	rows       [][]string // the cells' texts
	width      int        // the used columns: the longest row's
	merged     []int32    // cell {c, r} → index in merges (at r*width+c), -1 for none; nil when no range
	merges     []rect
	labels     map[string][][2]int // label key → cells {c, r} holding it
	hidden     []int               // the rows hidden, from 0, in sheet order
	hiddenCols [][2]int            // the columns hidden, from 0, as ranges
}

type rect struct{ c0, r0, c1, r1 int } // inclusive, from 0

func (g *grid) cell(c, r int) xcell {
	if r < 0 || r >= len(g.cells) || c < 0 || c >= len(g.cells[r]) {
		return xcell{}
	}
	return g.cells[r][c]
}

func (g *grid) at(c, r int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// span returns the merged range a cell belongs to (the cell alone if none).
func (g *grid) span(c, r int) rect {
	if g.merged != nil && c >= 0 && c < g.width && r >= 0 && r < len(g.rows) {
		if k := g.merged[r*g.width+c]; k >= 0 {
			return g.merges[k]
		}
	}
	return rect{c, r, c, r}
}

// find returns the first cell (by rows, then columns) holding label.
func (g *grid) find(label string) (c, r int, ok bool) {
	cells := g.labels[label]
	if len(cells) == 0 {
		return 0, 0, false
	}
	return cells[0][0], cells[0][1], true
}

// grid reads a sheet, refusing one with more than MaxRows rows.
func (r *reader) grid(sp sheetPart) (*grid, error) {
	d, err := r.pkg.open(sp.part)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("the part %s is missing", sp.part)
	}
	defer d.close()
	var hidden hiddenParts
	cells, merges, err := readCells(d, r.sst, &hidden)
	if errors.Is(err, errTooManyRows) {
		g := newGrid(sp.name, cells, nil, hiddenParts{})
		n, ended, ok := g.tableRows()
		if ok && !ended && n <= model.MaxIndicators {
			// The rest of the table, counted (not kept) as far as the
			// limit needs.
			n += rowsLeft(d, model.MaxIndicators+1-n)
		}
		if ok && n > model.MaxIndicators {
			// The form's own table is what runs past the limit: moving the
			// form to a sheet of its own would not help.
			return nil, &limitError{message(CodeTooManyIndicators, model.MaxIndicators)}
		}
	}
	if err != nil {
		return nil, err
	}
	return newGrid(sp.name, cells, merges, hidden), nil
}

// newGrid is the grid of a sheet's cells, merged ranges and hidden rows
// and columns as read.
func newGrid(name string, cells [][]xcell, merges []rect, hidden hiddenParts) *grid {
	slices.Sort(hidden.rows) // a sheet's rows may be listed out of order
	g := &grid{name: name, cells: cells, hidden: hidden.rows, hiddenCols: hidden.cols, labels: map[string][][2]int{}}
	g.rows = make([][]string, len(cells))
	for ri, row := range cells {
		g.rows[ri] = make([]string, len(row))
		for ci, c := range row {
			g.rows[ri][ci] = c.text
		}
	}
	g.mergeRanges(merges)
	for ri, row := range g.rows {
		for ci, v := range row {
			if v == "" {
				continue
			}
			if key, _, ok := matchLabel(v); ok {
				g.labels[key] = append(g.labels[key], [2]int{ci, ri})
			}
		}
	}
	return g
}

// tableRows counts the rows holding text below the sheet's indicator
// header until the table ends (grid.tableEnd: the signature block, notes,
// a second form: ended) or the rows read do; ok is false when the sheet has
// no 一级指标 header.
func (g *grid) tableRows() (n int, ended, ok bool) {
	hc, hr, ok := g.find(labelLevel1())
	if !ok {
		return 0, false, false
	}
	cols, last := g.header(hc, hr)
	if g.merged == nil && last+1 < len(g.rows) && levelsEmpty(g.rows[last+1], cols) {
		// A sheet too long to be read has no merged ranges (they follow
		// its rows): a header two rows high, 一级 to 三级 merged over
		// both, shows as a row with those three empty under the labels'.
		// No indicator row leaves all three empty.
		last++
	}
	end := g.tableEnd(last + 1)
	for _, cells := range g.rows[last+1 : end.row] {
		if slices.ContainsFunc(cells, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			n++
		}
	}
	return n, end.ended, true
}

// levelsEmpty reports whether a row has nothing in the columns of 一级,
// 二级 and 三级 (cols, as grid.header finds them; -1 for one not found).
func levelsEmpty(cells []string, cols [5]int) bool {
	for _, c := range cols[:3] {
		if c >= 0 && c < len(cells) && strings.TrimSpace(cells[c]) != "" {
			return false
		}
	}
	return true
}

// rowsLeft counts the rows holding a value in the rest of a sheet's part,
// up to limit of them, as far as the workbook's budget of XML lets it read
// (see pkg.go).
func rowsLeft(d *decoder, limit int) int {
	n := 0
	counted := true // the row reading stopped in is left out: one row is no matter
	for n < limit {
		tok, err := d.token()
		if err != nil {
			return n
		}
		if t, ok := tok.(xml.StartElement); ok {
			switch t.Name.Local {
			case "row":
				counted = false
			case "v", "t":
				if !counted {
					n, counted = n+1, true
				}
			}
		}
	}
	return n
}

// mergeRanges indexes the merged ranges by the cells they cover. Each is
// first clipped to the used area (the rows read, the longest row's
// columns): a range to XFD1048576 covers no more cells than the sheet
// uses. A range overlapping one before it is left out (Excel refuses such a
// file; its first range is the one shown). So the ranges indexed cover
// each used cell at most once, and indexing them costs no more than the
// used area however many ranges the sheet lists.
func (g *grid) mergeRanges(merges []rect) {
	for _, row := range g.rows {
		g.width = max(g.width, len(row))
	}
	// covered[r]: the columns of row r already in a range (width ≤ maxCols = 64).
	var covered []uint64
	for _, m := range merges {
		m.c1, m.r1 = min(m.c1, g.width-1), min(m.r1, len(g.rows)-1)
		if m.r1 < m.r0 || m.c1 < m.c0 || m.r0 == m.r1 && m.c0 == m.c1 {
			continue // outside the used area, or one cell once clipped
		}
		if covered == nil {
			covered = make([]uint64, len(g.rows))
		}
		mask := ^uint64(0) >> (63 - (m.c1 - m.c0)) << m.c0
		overlaps := false
		for rr := m.r0; rr <= m.r1 && !overlaps; rr++ {
			overlaps = covered[rr]&mask != 0
		}
		if overlaps {
			continue
		}
		if g.merged == nil {
			g.merged = make([]int32, len(g.rows)*g.width)
			for i := range g.merged {
				g.merged[i] = -1
			}
		}
		k := int32(len(g.merges))
		g.merges = append(g.merges, m)
		for rr := m.r0; rr <= m.r1; rr++ {
			covered[rr] |= mask
			for cc := m.c0; cc <= m.c1; cc++ {
				g.merged[rr*g.width+cc] = k
			}
		}
	}
}

var errTooManyRows = errors.New("too many rows")
