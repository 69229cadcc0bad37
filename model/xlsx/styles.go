package xlsx

import (
	"encoding/xml"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// styles is what the reader needs of xl/styles.xml: the number format of
// each cell format (cellXfs), and the custom format codes by id.
type styles struct {
	xfs   []int          // cellXfs[i] → its numFmtId
	codes map[int]string // custom number formats by id
}

// maxXfs is the most cell formats a workbook may have: Excel's own limit is
// 64,000 (a style's index is a 16-bit number in the old format). Its
// custom number formats are a few hundred at most (Excel allows 200 to
// 250); maxNumFmts is far above.
const (
	maxXfs     = 65536
	maxNumFmts = 4096
)

// readStyles reads the cell formats and custom number formats. A format
// code longer than MaxFormatCode characters (Excel's own limit) is refused
// here, before any formatter sees it: excelize's tokenizer takes seconds on
// one of 100,000 characters.
func readStyles(p *pkg) (*styles, error) {
	st := &styles{codes: map[int]string{}}
	d, err := p.open("xl/styles.xml")
	if d == nil || err != nil {
		return st, err
	}
	defer d.close()
	inXfs := false
	for {
		tok, err := d.token()
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "cellXfs":
				inXfs = true
			case "xf":
				if !inXfs {
					continue
				}
				if len(st.xfs) == maxXfs {
					return nil, &limitError{message(CodeTooManyStyles, maxXfs)}
				}
				id := 0
				if v, ok := attr(t, "numFmtId"); ok {
					id, _ = strconv.Atoi(v)
				}
				st.xfs = append(st.xfs, id)
			case "numFmt":
				v, _ := attr(t, "numFmtId")
				id, err := strconv.Atoi(v)
				if err != nil {
					continue
				}
				code, _ := attr(t, "formatCode")
				if n := utf8.RuneCountInString(code); n > MaxFormatCode {
					return nil, &limitError{message(CodeFormatTooLong, id, n, MaxFormatCode)}
				}
				if _, seen := st.codes[id]; !seen {
					if len(st.codes) == maxNumFmts {
						return nil, &limitError{message(CodeTooManyStyles, maxNumFmts)}
					}
					st.codes[id] = code
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// builtinIDs are the number format ids Excel defines without a code in the
// file (ECMA-376 18.8.30, and those of the East Asian editions): a cell
// format naming one uses it even when styles.xml defines the id again, as
// excelize reads them.
func builtinID(id int) bool {
	return id >= 0 && id <= 4 || id >= 9 && id <= 22 || id >= 37 && id <= 49 ||
		id >= 27 && id <= 36 || id >= 50 && id <= 62 || id >= 67 && id <= 81
}

// numFmt returns the number format id of cell format idx, and its custom
// code ("" for a built-in one).
func (st *styles) numFmt(idx int) (id int, code string, custom bool) {
	if idx < 0 || idx >= len(st.xfs) {
		return 0, "", false
	}
	id = st.xfs[idx]
	if builtinID(id) {
		return id, "", false
	}
	code, custom = st.codes[id]
	return id, code, custom
}

// format returns the number format of a cell (cached by style).
func (r *reader) format(idx int) numFormat {
	if nf, ok := r.formats[idx]; ok {
		return nf
	}
	var nf numFormat
	id, code, custom := r.styles.numFmt(idx)
	switch {
	case custom:
		nf = parseFormat(code)
	case builtinID(id):
		nf = builtinFormat(id)
	}
	r.formats[idx] = nf
	return nf
}

// numFmtKey is a number format: its id and custom code ("" for a built-in).
type numFmtKey struct {
	id   int
	code string
}

// scratchFormats is the most number formats a scratch book holds.
const scratchFormats = 64

// dateText is a date cell's text as the sheet shows it: the raw day count
// formatted by excelize, in a one-cell scratch workbook holding only the
// cell's number format (the sheet itself is never decoded by excelize: it
// would unpack every cell of it). raw when it cannot be formatted.
func (r *reader) dateText(raw string, style int) string {
	id, code, custom := r.styles.numFmt(style)
	key := numFmtKey{id, code}
	if _, ok := r.scratchStyles[key]; !ok && len(r.scratchStyles) == scratchFormats {
		// excelize compares a new style with every one it has: a fresh
		// scratch book keeps that short whatever the number of formats.
		r.scratch.Close()
		r.scratch = nil
	}
	if r.scratch == nil {
		r.scratch = excelize.NewFile()
		r.scratchStyles = map[numFmtKey]int{}
		if r.date1904 {
			yes := true
			if err := r.scratch.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				return raw
			}
		}
	}
	f := r.scratch
	sid, ok := r.scratchStyles[key]
	if !ok {
		st := &excelize.Style{NumFmt: id}
		if custom {
			st = &excelize.Style{CustomNumFmt: &code}
		}
		var err error
		if sid, err = f.NewStyle(st); err != nil {
			sid = -1
		}
		r.scratchStyles[key] = sid
	}
	v, err := strconv.ParseFloat(raw, 64)
	if sid < 0 || err != nil {
		return raw
	}
	if f.SetCellFloat("Sheet1", "A1", v, -1, 64) != nil || f.SetCellStyle("Sheet1", "A1", "A1", sid) != nil {
		return raw
	}
	if s, err := f.GetCellValue("Sheet1", "A1"); err == nil && s != "" {
		return s
	}
	return raw
}
