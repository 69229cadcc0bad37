package model

import "strconv"

// A workbook's Source (model/xlsx reads workbooks) records cells: a form's
// sheet, and for each field its column and row in place of a column and
// line.

// NewSheetSource returns the Source of a workbook file: fields are
// recorded with SetCell as the cells of the sheets they were read from.
func NewSheetSource(file string) *Source {
	return &Source{file: file}
}

// SetSheet records that form i was read from sheet, its table starting at
// cell (col, row), counted from 1.
func (s *Source) SetSheet(i int, sheet string, col, row int) {
	if at := s.slot(FormPath(i), true); at != nil {
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

// Report records a problem of any severity found while reading a form that
// was read all the same (an empty 项目名称 cell, a formula without a
// value), so that a sheet's problems and its form's are listed in one
// pass: Validate lists it first, and reports nothing more at its field or
// cell.
func (s *Source) Report(p Problem) {
	s.warnings = append(s.warnings, p)
}

// ReadProblems returns the problems recorded while reading, in order.
func (s *Source) ReadProblems() Problems {
	if s == nil {
		return nil
	}
	return append(Problems(nil), s.warnings...)
}

// sheetOf returns the sheet of the form a path lies in ("" for a text
// file, or a path outside the forms).
func (s *Source) sheetOf(path string) string {
	i, ok := FormIndex(path)
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
