package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// The sheet of a form, as written: the printed form's grid in columns A–E.
//
//	1  title (A:E)
//	2  （2024年度） (A:E)
//	3… the fields with a printed label, in the schema's order and paired as
//	   the printed form pairs them (model.Field.Beside): two fields on a
//	   row are label | value | label | value (D:E) (单位名称 | 主管部门,
//	   the two amounts); any other field is label | value (B:E)
//	   一级指标 | 二级指标 | 三级指标 | 半年（程）指标值 | 全年（程）指标值
//	   the indicator rows, 一级 and 二级 merged over their rows
const (
	rowTitle  = 1
	rowYear   = 2
	rowFields = 3 // the first row of the fields
)

// A place is where the sheet holds a field: its label in column label and
// its value in columns c0–c1 (merged), on row row.
type place struct {
	field          model.Field
	row, label     int
	c0, c1         int
	beside, paired bool // beside: right of another field; paired: another is right of it
}

// placing is where the sheet holds the fields with a printed label, and
// the row of the indicator table's header, after them; made at first use.
var placing = sync.OnceValues(func() ([]place, int) { return layoutFields(model.Fields()) })

// places are where the sheet holds the fields with a printed label.
func places() []place { p, _ := placing(); return p }

// rowHeader is the row of the indicator table's header.
func rowHeader() int { _, r := placing(); return r }

// layoutFields places the fields with a printed label from row rowFields
// on, and returns the row after them. A field beside the one before it
// shares its row, as the printed form has it (layout walks the schema the
// same way): label A, value B, label C, value D:E.
func layoutFields(fields []model.Field) ([]place, int) {
	var out []place
	row := rowFields
	for i := 0; i < len(fields); i++ {
		fd := fields[i]
		if fd.Printed == "" && fd.Sign == "" {
			continue // the title and the year: rows 1 and 2
		}
		if i+1 < len(fields) && fields[i+1].Beside {
			out = append(out, place{field: fd, row: row, label: 1, c0: 2, c1: 2, paired: true},
				place{field: fields[i+1], row: row, label: 3, c0: 4, c1: 5, beside: true})
			i++
		} else {
			out = append(out, place{field: fd, row: row, label: 1, c0: 2, c1: 5})
		}
		row++
	}
	return out, row
}

// placeOf returns the place of the field with key.
func placeOf(key string) (place, bool) {
	for _, p := range places() {
		if p.field.Key == key {
			return p, true
		}
	}
	return place{}, false
}

// width is the width in characters of columns c0–c1.
func width(c0, c1 int) float64 {
	w := 0.0
	for c := c0; c <= c1; c++ {
		w += colWidths[c-1]
	}
	return w
}

// colWidths are the widths of columns A–E in characters of the default font
// (a Chinese character is about two).
var colWidths = [5]float64{16, 19, 27, 16, 16}

// MaxCellChars is the most UTF-16 units an Excel cell holds.
const MaxCellChars = excelize.TotalCellChars

// TemplateSheet and NotesSheet are the sheet names of the template.
const (
	TemplateSheet = "绩效目标表"
	NotesSheet    = "填表说明"
)

// Export writes the book as a workbook: one form-shaped sheet per form,
// named after its project (see SheetNames). A text longer than a cell
// holds is a model.Problems naming the form and field; nothing is
// truncated.
func Export(w io.Writer, b *model.Book) error {
	var long model.Problems
	for i := range b.Forms {
		for _, tf := range b.Forms[i].TextFields(model.FormPath(i)) {
			if n := utf16Len(tf.Text); n > MaxCellChars {
				p := message(CodeCellTooLong, n, MaxCellChars).problem(model.Error, model.Location{})
				p.Path = tf.Path
				long = append(long, p)
			}
		}
	}
	if len(long) > 0 {
		return long
	}
	f := excelize.NewFile()
	defer f.Close()
	wr := &writer{f: f, styles: map[string]int{}}
	names := SheetNames(b)
	for i := range b.Forms {
		if err := wr.form(names[i], &b.Forms[i], i == 0, false); err != nil {
			return err
		}
	}
	if len(b.Forms) == 0 {
		return fmt.Errorf("the book has no forms")
	}
	title := b.Title
	if title == "" {
		title = model.DefaultTitle
	}
	wr.props(title)
	return wr.write(w)
}

// Template writes the template workbook: one empty form sheet, with the
// 决策/过程 rows of the standard framework filled in and rows for the other
// categories, drop-down lists of the framework's names, and a 填表说明
// sheet. year 0 leaves the year line blank for the user to fill.
func Template(w io.Writer, year int) error {
	f := excelize.NewFile()
	defer f.Close()
	wr := &writer{f: f, styles: map[string]int{}}
	form := &model.Form{Title: model.DefaultTitle, Year: year}
	for _, c := range model.Framework() {
		for _, l2 := range c.Level2 {
			std := standardLevel3(c.Name, l2)
			if len(std) > 0 {
				for _, l3 := range std {
					form.Indicators = append(form.Indicators, model.Indicator{Level1: c.Name, Level2: l2, Level3: l3})
				}
				continue
			}
			// Three empty rows for the user's 三级 (more can be inserted).
			for k := 0; k < 3; k++ {
				form.Indicators = append(form.Indicators, model.Indicator{Level1: c.Name, Level2: l2})
			}
		}
	}
	if err := wr.form(TemplateSheet, form, true, true); err != nil {
		return err
	}
	if err := wr.notes(); err != nil {
		return err
	}
	wr.props("绩效目标表模板")
	return wr.write(w)
}

// standardLevel3 lists the standard 三级 of a 二级, in print order.
func standardLevel3(l1, l2 string) []string {
	var out []string
	for _, std := range model.StandardLevel3() {
		if std.Level1 == l1 && std.Level2 == l2 {
			out = append(out, std.Level3)
		}
	}
	return out
}

type writer struct {
	f      *excelize.File
	styles map[string]int
}

func (wr *writer) write(w io.Writer) error {
	if _, err := wr.f.WriteTo(w); err != nil {
		return fmt.Errorf("model/xlsx: %w", err)
	}
	return nil
}

func (wr *writer) props(title string) {
	_ = wr.f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "jixiao", Language: "zh-CN"})
}

// style returns the id of a cell style: a kind of cell of the form.
func (wr *writer) style(name string) int {
	if id, ok := wr.styles[name]; ok {
		return id
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	body := &excelize.Font{Family: "宋体", Size: 11}
	st := &excelize.Style{Font: body, Border: border, NumFmt: 49, // 49: text (@), so =100% stays as typed
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	switch {
	case name == "title":
		st = &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	case name == "year":
		st = &excelize.Style{Font: body, NumFmt: 49, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}
	case name == "label":
	case name == "header":
		st.Font = &excelize.Font{Family: "宋体", Size: 11, Bold: true}
	case name == "text":
		st.Alignment.Horizontal = "left"
	case name == "long":
		st.Alignment.Horizontal, st.Alignment.Vertical = "left", "top"
	case name == "amountg": // an amount to be typed: General, as typed
		st.NumFmt = 0
	case strings.HasPrefix(name, "amount"):
		d, _ := strconv.Atoi(strings.TrimPrefix(name, "amount"))
		code := "0"
		if d > 0 {
			code += "." + strings.Repeat("0", d)
		}
		st.NumFmt = 0
		st.CustomNumFmt = &code
	case name == "note":
		st = &excelize.Style{Font: body, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}
	case name == "notehead":
		st = &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true}}
	}
	id, err := wr.f.NewStyle(st)
	if err != nil {
		panic(fmt.Sprintf("model/xlsx: style %s: %v", name, err)) // a bug: the styles are fixed
	}
	wr.styles[name] = id
	return id
}

func cell(col, row int) string { return model.CellName(col, row) }

// printedLabel is the label of a field as the form prints it, with its
// line break (项目总金额 / （万元）).
// A field of the signature block (填报人 …), which the form prints below
// the table, has its label (Field.Label) in the sheet.
func printedLabel(fd model.Field) string {
	if fd.Printed == "" {
		return fd.Label
	}
	return strings.ReplaceAll(fd.Printed, "|", "\n")
}

// put writes a text cell (or a range, merged) with a style.
func (wr *writer) put(sheet string, c0, r0, c1, r1 int, text, style string) error {
	f := wr.f
	if text != "" {
		if err := f.SetCellStr(sheet, cell(c0, r0), text); err != nil {
			return err
		}
	}
	if c1 > c0 || r1 > r0 {
		if err := f.MergeCell(sheet, cell(c0, r0), cell(c1, r1)); err != nil {
			return err
		}
	}
	return f.SetCellStyle(sheet, cell(c0, r0), cell(c1, r1), wr.style(style))
}

// form writes one form's sheet. The first sheet of a new file replaces its
// Sheet1.
func (wr *writer) form(sheet string, fm *model.Form, first, template bool) error {
	f := wr.f
	if first {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	for i, w := range colWidths {
		col := string(rune('A' + i))
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	yearLine := "（    年度）"
	if fm.Year != 0 {
		yearLine = fmt.Sprintf("（%d年度）", fm.Year)
	}
	type step struct {
		c0, r0, c1, r1 int
		text, style    string
	}
	steps := []step{
		{1, rowTitle, 5, rowTitle, fm.TitleOrDefault(), "title"},
		{1, rowYear, 5, rowYear, yearLine, "year"},
	}
	// The amounts are written after the texts (their styles are made last).
	var amounts []place
	for _, p := range places() {
		steps = append(steps, step{p.label, p.row, p.label, p.row, printedLabel(p.field), "label"})
		switch {
		case p.field.Kind == model.AmountKind:
			amounts = append(amounts, p)
		case p.field.Long():
			steps = append(steps, step{p.c0, p.row, p.c1, p.row, p.field.Value(fm), "long"})
		default:
			steps = append(steps, step{p.c0, p.row, p.c1, p.row, p.field.Value(fm), "text"})
		}
	}
	for k, col := range model.Columns() {
		steps = append(steps, step{k + 1, rowHeader(), k + 1, rowHeader(), strings.ReplaceAll(col.Printed, "|", "\n"), "header"})
	}
	for _, s := range steps {
		if err := wr.put(sheet, s.c0, s.r0, s.c1, s.r1, s.text, s.style); err != nil {
			return err
		}
	}
	for _, p := range amounts {
		if err := wr.amount(sheet, p.c0, p.row, p.c1, model.Amount(p.field.Value(fm))); err != nil {
			return err
		}
	}
	if err := wr.indicators(sheet, fm.Indicators); err != nil {
		return err
	}
	// Row heights: Excel and LibreOffice do not fit merged cells to their
	// text, so the heights are estimated from the texts.
	heights := map[int]float64{rowTitle: 30, rowYear: 20, rowHeader(): 32}
	for _, p := range places() {
		// Each cell's text wrapped in its width; an amount is a number
		// and does not wrap.
		h := rowHeight(printedLabel(p.field), width(p.label, p.label))
		if p.field.Kind != model.AmountKind {
			h = max(h, rowHeight(p.field.Value(fm), width(p.c0, p.c1)))
		}
		if template && p.field.Long() {
			h = max(h, 48) // room for a few lines: merged cells do not grow as typed
		}
		heights[p.row] = max(heights[p.row], h)
	}
	for i, in := range fm.Indicators {
		heights[rowHeader()+1+i] = max(rowHeight(in.Level3, colWidths[2]), rowHeight(in.HalfYear, colWidths[3]), rowHeight(in.FullYear, colWidths[4]))
	}
	if template {
		// Rows of single cells fit their text as it is typed (merged
		// ranges do not: the long texts keep room for a few lines); two
		// texts side by side (a unit's name) take two lines.
		for _, p := range places() {
			if p.beside && p.field.Kind != model.AmountKind {
				heights[p.row] = 36
			}
		}
		for i := range fm.Indicators {
			delete(heights, rowHeader()+1+i)
		}
	}
	for r, h := range heights {
		if err := f.SetRowHeight(sheet, r, h); err != nil {
			return err
		}
	}
	return wr.print(sheet, rowHeader()+len(fm.Indicators), template)
}

// amount writes an amount as a number shown with its decimals (4012.80
// stays 4012.80), so that Excel can add the amounts up; one that a binary
// float cannot hold exactly as written is written as text.
func (wr *writer) amount(sheet string, c, r, c1 int, a model.Amount) error {
	if a == "" {
		return wr.put(sheet, c, r, c1, r, "", "amountg")
	}
	_, d, err := a.Parse()
	if err == nil && significant(string(a)) <= 15 {
		v, perr := strconv.ParseFloat(string(a), 64)
		if perr == nil && strconv.FormatFloat(v, 'f', d, 64) == string(a) {
			if err := wr.put(sheet, c, r, c1, r, "", "amount"+strconv.Itoa(d)); err != nil {
				return err
			}
			return wr.f.SetCellFloat(sheet, cell(c, r), v, -1, 64)
		}
	}
	return wr.put(sheet, c, r, c1, r, string(a), "text")
}

// significant counts the significant digits of a decimal.
func significant(s string) int {
	s = strings.TrimLeft(strings.Replace(s, ".", "", 1), "0")
	return len(s)
}

func (wr *writer) indicators(sheet string, rows []model.Indicator) error {
	first := rowHeader() + 1
	for i := 0; i < len(rows); {
		// one 一级 run, merged over its rows
		end := i
		for end < len(rows) && rows[end].Level1 == rows[i].Level1 {
			end++
		}
		if err := wr.put(sheet, 1, first+i, 1, first+end-1, rows[i].Level1, "label"); err != nil {
			return err
		}
		for j := i; j < end; {
			e2 := j
			for e2 < end && rows[e2].Level2 == rows[j].Level2 {
				e2++
			}
			if err := wr.put(sheet, 2, first+j, 2, first+e2-1, rows[j].Level2, "label"); err != nil {
				return err
			}
			j = e2
		}
		i = end
	}
	for i, in := range rows {
		r := first + i
		for k, v := range []string{in.Level3, in.HalfYear, in.FullYear} {
			style := "label"
			if k == 0 {
				style = "text"
			}
			if err := wr.put(sheet, 3+k, r, 3+k, r, v, style); err != nil {
				return err
			}
		}
	}
	return nil
}

// print sets the drop-down lists, the print setup (A4 portrait, fit to the
// page's width, the indicator header repeated on every page, page numbers)
// and the view.
func (wr *writer) print(sheet string, lastRow int, template bool) error {
	f := wr.f
	until := lastRow
	if template {
		until = max(lastRow+200, 200) // room for inserted rows
	}
	var l1, l2 []string
	for _, c := range model.Framework() {
		l1 = append(l1, c.Name)
		l2 = append(l2, c.Level2...)
	}
	for k, list := range [][]string{l1, l2} {
		dv := excelize.NewDataValidation(true)
		col := string(rune('A' + k))
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", col, rowHeader()+1, col, until))
		if err := dv.SetDropList(list); err != nil {
			return err
		}
		what := "一级指标"
		if k == 1 {
			what = "二级指标"
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, what, "请从下拉列表中选择标准的"+what+"。")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	size, portrait, one, zero, fit := 9, "portrait", 1, 0, true // 9: A4
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	top, bottom, side := 0.8, 0.8, 0.6
	left := 1.1 // the binding margin
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: &top, Bottom: &bottom, Left: &left, Right: &side}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), rowHeader(), rowHeader()), Scope: sheet})
}

// rowHeight estimates the height in points of a row whose cell of width
// (in characters) holds text, wrapped.
func rowHeight(text string, width float64) float64 {
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		w := 0.0
		for _, r := range para {
			if r < 0x1100 {
				w += 1.1
			} else {
				w += 2.05
			}
		}
		lines += max(1, int(math.Ceil(w/(width-1))))
	}
	return min(409, float64(max(lines, 1))*14.5+6) // 409 pt: the most a row may be
}

// SheetNames returns the sheet name of each form of the book: its project
// name without the characters Excel forbids (: \ / ? * [ ]), at most 31
// characters, unique (case-insensitively, as Excel compares) by a number
// in parentheses; 表N when the project is empty.
func SheetNames(b *model.Book) []string {
	used := map[string]bool{"history": true} // reserved by Excel
	names := make([]string, len(b.Forms))
	for i := range b.Forms {
		base := strings.Map(func(r rune) rune {
			switch r {
			case ':', '\\', '/', '?', '*', '[', ']':
				return -1
			}
			if r < 0x20 || r == 0x7F || r > 0xFFFF {
				return -1
			}
			return r
		}, b.Forms[i].Project)
		base = strings.Trim(strings.TrimSpace(base), "'")
		if base == "" {
			base = fmt.Sprintf("表%d", i+1)
		}
		name := cut31(base, "")
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = cut31(base, fmt.Sprintf("(%d)", n))
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// cut31 shortens base so that base+suffix is at most 31 UTF-16 units.
func cut31(base, suffix string) string {
	rs := []rune(base)
	for utf16Len(string(rs))+utf16Len(suffix) > excelize.MaxSheetNameLength {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRight(string(rs), "' ") + suffix
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
