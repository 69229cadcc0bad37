package model

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Input formats other than JSON and YAML (the workbooks of model/xlsx) are
// read by functions registered here by their file extension, so that every
// command reading a book (and a directory of books) reads them without this
// package importing their libraries.

// FileReader reads the book in a file, with where each field was read.
// Problems with the content are returned as *DecodeError.
type FileReader func(path string) (*Book, *Source, error)

var (
	readersMu sync.RWMutex
	readers   = map[string]FileReader{} // lower-case extension with its dot
	listed    = map[string]bool{}       // extensions a directory stands for
)

// RegisterReader makes ReadFileSource read files with the extension ext
// (".xlsx") with r. With inDirectory, a directory given as input stands for
// such files too (a reader that only explains why a format is refused is
// registered without it, unless the user would expect the files read).
func RegisterReader(ext string, r FileReader, inDirectory bool) {
	readersMu.Lock()
	defer readersMu.Unlock()
	ext = strings.ToLower(ext)
	readers[ext] = r
	listed[ext] = inDirectory
}

func readerFor(path string) FileReader {
	readersMu.RLock()
	defer readersMu.RUnlock()
	return readers[strings.ToLower(filepath.Ext(path))]
}

// IsInputName reports whether a directory's file of this name is an input:
// a JSON or YAML file, or one of a registered format. The lock files that
// Excel (~$book.xlsx) and LibreOffice (.~lock.book.xlsx#) keep beside an
// open workbook, and other hidden files, are not.
func IsInputName(name string) bool {
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".json", ".yaml", ".yml":
		return true
	}
	readersMu.RLock()
	defer readersMu.RUnlock()
	return listed[ext]
}

// InputKinds names the extensions a directory stands for, for messages:
// ".json, .yaml, .yml or .xlsx".
func InputKinds() string {
	kinds := []string{".json", ".yaml", ".yml"}
	readersMu.RLock()
	var more []string
	for ext, ok := range listed {
		if ok {
			more = append(more, ext)
		}
	}
	readersMu.RUnlock()
	sort.Strings(more)
	kinds = append(kinds, more...)
	return strings.Join(kinds[:len(kinds)-1], ", ") + " or " + kinds[len(kinds)-1]
}

// NewSheetSource returns the Source of a workbook file: fields are
// recorded with SetCell as the cells of the sheets they were read from.
func NewSheetSource(file string) *Source {
	return &Source{file: file}
}

// SetSheet records that form i was read from sheet, its table starting at
// cell (col, row), counted from 1.
func (s *Source) SetSheet(i int, sheet string, col, row int) {
	path := "forms[" + strconv.Itoa(i) + "]"
	if at := s.slot(path, true); at != nil {
		*at = pos{int32(row), int32(col)}
	}
	s.forms[i].sheet = sheet
}

// SetCell records that the value at path (forms[i]…) was read from cell
// (col, row) of form i's sheet.
func (s *Source) SetCell(path string, col, row int) {
	if at := s.slot(path, true); at != nil {
		*at = pos{int32(row), int32(col)}
	}
}

// Warn records a problem found while reading (a sheet that is not a form);
// Validate lists it first.
func (s *Source) Warn(p Problem) {
	s.warnings = append(s.warnings, p)
}

// sheetOf returns the sheet of the form a path lies in ("" for a text
// file, or a path outside the forms).
func (s *Source) sheetOf(path string) string {
	rest, ok := strings.CutPrefix(path, "forms[")
	if !ok {
		return ""
	}
	i, _, ok := cutIndex(rest)
	if !ok || i >= len(s.forms) {
		return ""
	}
	return s.forms[i].sheet
}

// CellName names the cell at column col and row row (from 1): 3, 5 is C5.
func CellName(col, row int) string {
	var b []byte
	for c := col; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b) + strconv.Itoa(row)
}
