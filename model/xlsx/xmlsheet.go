package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The cells of a sheet are read in one streaming pass over its XML part
// (see pkg.go), not through excelize: its per-cell functions look the sheet
// up by name on every call, which makes a workbook of 170 sheets quadratic,
// its row iterator gives neither the type, nor the style, nor the formula
// of a cell, and opening a workbook with it unpacks and decodes every part
// whatever its size.

// xcell is one cell as stored.
type xcell struct {
	text    string // a string cell's text, else the stored value (v)
	t       string // the cell type: "" or n (number), s, inlineStr, str, b, e, d
	style   int    // index into the styles' cellXfs
	formula string // the formula's text, without "="
	hasF    bool   // the cell has a formula (a shared one may have no text)
}

// sheetPart is a sheet of the workbook as listed in xl/workbook.xml.
type sheetPart struct {
	name      string
	part      string // e.g. xl/worksheets/sheet1.xml
	hidden    bool
	worksheet bool // not a chart sheet, dialog or macro sheet
}

// workbookInfo is what the reader needs of xl/workbook.xml.
type workbookInfo struct {
	sheets   []sheetPart
	date1904 bool // day counts start in 1904 (old Mac workbooks)
}

// sheetParts lists the sheets in workbook order. A part named by two
// entries is refused (Excel never writes one), so that a few kilobytes of
// entries cannot make one sheet thousands of forms.
func sheetParts(p *pkg) (workbookInfo, *msg, error) {
	var info workbookInfo
	type rel struct{ target, typ string }
	rels := map[string]rel{}
	err := p.each("xl/_rels/workbook.xml.rels", func(t xml.StartElement) {
		if t.Name.Local != "Relationship" {
			return
		}
		id, _ := attr(t, "Id")
		if _, seen := rels[id]; seen {
			return // the first one, as a lookup in order finds it
		}
		target, _ := attr(t, "Target")
		typ, _ := attr(t, "Type")
		rels[id] = rel{target, typ}
	})
	if err != nil {
		return info, nil, err
	}
	err = p.each("xl/workbook.xml", func(t xml.StartElement) {
		switch t.Name.Local {
		case "workbookPr":
			v, _ := attr(t, "date1904")
			info.date1904 = v == "1" || v == "true"
			return
		case "sheet":
		default:
			return
		}
		name, _ := attr(t, "name")
		state, _ := attr(t, "state")
		sp := sheetPart{name: name, hidden: state == "hidden" || state == "veryHidden"}
		id := ""
		for _, a := range t.Attr {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		if r, ok := rels[id]; ok {
			target := strings.ReplaceAll(r.target, "\\", "/")
			if strings.HasPrefix(target, "/") {
				sp.part = strings.TrimPrefix(target, "/")
			} else {
				sp.part = path.Join("xl", target)
			}
			sp.worksheet = strings.HasSuffix(r.typ, "/worksheet")
		}
		info.sheets = append(info.sheets, sp)
	})
	if err != nil {
		return info, nil, err
	}
	byPart := map[string]string{} // part → the first sheet naming it
	for _, sp := range info.sheets {
		if sp.part == "" {
			continue
		}
		if first, dup := byPart[sp.part]; dup {
			return info, ptr(message(CodeSharedPart, quote(first), quote(sp.name), sp.part)), nil
		}
		byPart[sp.part] = sp.name
	}
	return info, nil, nil
}

// each calls fn with every start element of a part, in order; a missing
// part is an error.
func (p *pkg) each(name string, fn func(xml.StartElement)) error {
	d, err := p.open(name)
	if err != nil {
		return err
	}
	if d == nil {
		return fmt.Errorf("the part %s is missing", name)
	}
	defer d.close()
	for {
		tok, err := d.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if t, ok := tok.(xml.StartElement); ok {
			fn(t)
		}
	}
}

// sharedStrings reads the shared string table: each item's text runs
// joined, phonetic runs (rPh) left out. A table of more than
// MaxSharedStrings entries is refused.
func sharedStrings(p *pkg) ([]string, error) {
	d, err := p.open("xl/sharedStrings.xml")
	if d == nil || err != nil {
		return nil, err
	}
	defer d.close()
	var out []string
	var b strings.Builder
	depthRPh := 0
	inT := false
	for {
		tok, err := d.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				b.Reset()
			case "rPh":
				depthRPh++
			case "t":
				inT = depthRPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if len(out) == MaxSharedStrings {
					return nil, &limitError{message(CodeTooManyStrings, MaxSharedStrings)}
				}
				out = append(out, unescapeX(b.String()))
			case "rPh":
				depthRPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
	return out, nil
}

// limitError is a part past one of the limits on what a workbook may
// declare: its message says which.
type limitError struct{ m msg }

func (e *limitError) Error() string { return fmt.Sprintf("xlsx: %s %q", e.m.code, e.m.args) }

// unescapeX decodes the _xHHHH_ escapes of OOXML strings (_x000D_ is a
// carriage return that XML would otherwise lose).
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(v))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// readCells reads a worksheet part into rows of cells (from 0) and its
// merged ranges, stopping with errTooManyRows at a cell that holds
// something past MaxRows (and the rows read until then, which tell a
// form's table too long) and with a *limitError past MaxCells cells or
// MaxMerges merged ranges. Rows and cells that hold nothing count for
// neither: LibreOffice writes an empty row 1048576 once a row has been
// deleted, and styles whole columns down to it. The rows hidden
// (<row hidden="1">, from 0, at most MaxRows) are added to hidden.
func readCells(d *decoder, sst []string, hidden *hiddenParts) ([][]xcell, []rect, error) {
	var rows [][]xcell
	var merges []rect
	var cur *xcell
	var curCol, curRow int
	rowNum := 0
	colNext := 0
	var text strings.Builder
	inV, inF, inIs := false, false, false
	// An inline string's text is that of its <t> elements, not the white
	// space around them (Gnumeric indents its XML) nor its phonetic runs.
	inT, inRPh := false, false
	var v strings.Builder
	nCells := 0
	for {
		tok, err := d.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowNum++
				if r, ok := attr(t, "r"); ok {
					if n, err := strconv.Atoi(r); err == nil {
						rowNum = n
					}
				}
				colNext = 0
				if isTrue(attr(t, "hidden")) && rowNum <= MaxRows {
					hidden.rows = append(hidden.rows, rowNum-1)
				}
			case "col":
				// <cols><col min="3" max="4" hidden="1"/>: columns C and D
				// hidden (1-based, inclusive).
				lo, err1 := strconv.Atoi(attrOr(t, "min"))
				hi, err2 := strconv.Atoi(attrOr(t, "max"))
				if isTrue(attr(t, "hidden")) && err1 == nil && err2 == nil && 1 <= lo && lo <= hi && len(hidden.cols) < maxHiddenCols {
					hidden.cols = append(hidden.cols, [2]int{lo - 1, hi - 1})
				}
			case "c":
				if nCells++; nCells > MaxCells {
					return nil, nil, &limitError{message(CodeTooManyCells, MaxCells)}
				}
				cur = &xcell{}
				curRow, curCol = rowNum-1, colNext
				if r, ok := attr(t, "r"); ok {
					if c, rr, err := excelize.CellNameToCoordinates(r); err == nil {
						curCol, curRow = c-1, rr-1
					}
				}
				colNext = curCol + 1
				cur.t, _ = attr(t, "t")
				if s, ok := attr(t, "s"); ok {
					cur.style, _ = strconv.Atoi(s)
				}
				v.Reset()
				text.Reset()
			case "v":
				inV = cur != nil
			case "f":
				if cur != nil {
					cur.hasF, inF = true, true
				}
			case "is":
				inIs = cur != nil
			case "t":
				inT = inIs
			case "rPh":
				inRPh = inIs
			case "mergeCell":
				if len(merges) == MaxMerges {
					return nil, nil, &limitError{message(CodeTooManyMerges, MaxMerges)}
				}
				if ref, ok := attr(t, "ref"); ok {
					a, b, _ := strings.Cut(ref, ":")
					c0, r0, err1 := excelize.CellNameToCoordinates(a)
					c1, r1, err2 := excelize.CellNameToCoordinates(b)
					if err1 == nil && err2 == nil && c1 >= c0 && r1 >= r0 {
						merges = append(merges, rect{c0 - 1, r0 - 1, c1 - 1, r1 - 1})
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIs = false
			case "t":
				inT = false
			case "rPh":
				inRPh = false
			case "c":
				if cur == nil {
					continue
				}
				switch cur.t {
				case "s":
					if i, err := strconv.Atoi(strings.TrimSpace(v.String())); err == nil && i >= 0 && i < len(sst) {
						cur.text = sst[i]
					}
				case "inlineStr":
					cur.text = unescapeX(text.String())
				case "b":
					cur.text = map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(v.String())]
				default:
					cur.text = v.String()
					if cur.t == "str" {
						cur.text = unescapeX(cur.text)
					}
				}
				if cur.text == "" && !cur.hasF {
					cur = nil
					continue // an empty cell, styled, far below the form or not
				}
				if curRow >= MaxRows {
					return rows, nil, errTooManyRows
				}
				if curCol < maxCols {
					for len(rows) <= curRow {
						rows = append(rows, nil)
					}
					for len(rows[curRow]) <= curCol {
						rows[curRow] = append(rows[curRow], xcell{})
					}
					rows[curRow][curCol] = *cur
				}
				cur = nil
			}
		case xml.CharData:
			switch {
			case inV:
				v.Write(t)
			case inF:
				cur.formula += string(t)
			case inIs && inT && !inRPh:
				text.Write(t)
			}
		}
	}
	return rows, merges, nil
}

// hiddenParts are the rows and columns a sheet hides, from 0: the rows in
// sheet order, the columns as ranges (inclusive).
type hiddenParts struct {
	rows []int
	cols [][2]int
}

// maxHiddenCols bounds the column ranges kept: a sheet lists one <col>
// per run of columns formatted alike, a handful in a form.
const maxHiddenCols = 1000

// isTrue reads an attribute value (attr) of the XML schema's boolean type:
// Excel writes 1, LibreOffice true.
func isTrue(v string, _ bool) bool { return v == "1" || v == "true" }

// attrOr is attr's value, "" when absent.
func attrOr(t xml.StartElement, name string) string {
	v, _ := attr(t, name)
	return v
}

func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}
