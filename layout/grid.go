package layout

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"jixiao/model"
)

// The form's table has five columns:
//
//	0 labels and 一级指标   1 二级指标   2 三级指标   3 半年（程）   4 全年（程）
//
// The header block is one grid of its own (see infoEdges) on the table's
// label column: 单位名称 | unit | 主管部门 | department and 项目总金额（万元） |
// amount | 本年度项目金额（万元） | amount share their edges. The other rows
// reuse the columns: 项目名称 | project (1–4); each long text: label | text (1–4).
const columns = 5

// Labels printed on the form, read from the form schema (model.Fields,
// model.Columns). A "|" marks where a label breaks when its column cannot
// hold it on one line; it is never printed.
var (
	labelDepartment  = fieldLabel("department")
	labelTotal       = fieldLabel("total_amount")
	labelYearAmount  = fieldLabel("year_amount")
	labelFeasibility = fieldLabel("feasibility") // the longest label kept on one line
)

// labelContinued is added to a long text's label on its continuation pages.
const labelContinued = "|（续）"

// fieldLabel returns the printed label of the form field with key.
func fieldLabel(key string) string {
	f, _ := model.FieldByKey(key)
	return f.Printed
}

// align is how a cell sets its lines.
type align uint8

const (
	alignCenter  align = iota // up to three lines centred; more lines justified
	alignJustify              // left-aligned and justified, last line of a paragraph ragged
	alignLabel                // every line centred
)

// cell is one cell of the table. Its lines are broken to its inner width.
type cell struct {
	x0, x1 Length // left and right edges, relative to the content box
	lines  []Line
	cont   []Line // a label's lines on continuation fragments ("项目概述（续）"); nil: lines
	flow   bool   // lines flow across the fragments of a split row; otherwise repeated
	align  align
	field  string
}

// row is one row of the table: its cells that span one row. Indicator rows
// get their 一级 and 二级 cells from spans.
type row struct {
	cells     []cell
	kind      rowKind
	flowLines int // most lines of a flowing cell
	fixLines  int // most lines of a repeated cell (labels)
	contLines int // most lines of a repeated cell on a continuation fragment
	spans     [2]int32
	long      bool   // a long text: split wherever the page ends, not only when taller than a page
	name      string // for problems: a field path ("overview", "indicators[3]"; "indicators" for the header)
}

type rowKind uint8

const (
	rowInfo rowKind = iota
	rowLong
	rowHeader
	rowIndicator
)

// span is a 一级 or 二级 cell covering rows first…last of the table.
type span struct {
	first, last int
	cell        cell
}

// grid is the table of one form, measured.
type grid struct {
	opt     *Options
	m       Measurer
	colX    [columns + 1]Length // column edges, relative to the content box
	rows    []row
	spans   []span
	header  int // index of the indicator header row
	lh      Length
	title   []Line // the form title, at TitleSize
	head    Line   // the running head of continuation pages, at HeadSize
	year    string
	sigRows [][2]sigEntry
	st      formElems // structure elements, made as pages are emitted (structure.go)
	lines   []Line    // the slab the cells' lines are cut from (breakLines)
}

// columnWidths chooses the column widths for a content box width cw. Each
// column starts from the width of what it must hold on one line: column 0
// the longest 一级 name or 项目可行性说明, column 1 the longest 二级 name of the
// framework (服务对象满意度), column 2 本年度项目金额（万元）, and columns 3 and 4
// as much as column 1, so that an indicator value of seven characters stays
// on one line while the header 半年（程）指标值 breaks
// before 指标值. Half of the remaining width goes to column 2 (三级指标, the
// longest texts), a quarter to each of columns 3 and 4. The longer labels
// 项目总金额（万元） and 其他需要说明的问题 break at their marks.
func (g *grid) columnWidths(cw Length) error {
	size, pad := g.opt.BodySize, 2*g.opt.PadX
	w := func(s string) Length { return TextWidth(s, Body, size, g.m) + pad }
	var base [columns]Length
	base[0] = w(labelFeasibility)
	for _, c := range model.Framework() {
		base[0] = max(base[0], w(c.Name))
		for _, l2 := range c.Level2 {
			base[1] = max(base[1], w(l2))
		}
	}
	base[2] = w(strings.ReplaceAll(labelYearAmount, "|", ""))
	base[3] = base[1]
	base[4] = base[1]
	var sum Length
	for _, b := range base {
		sum += b
	}
	var width [columns]Length
	if sum <= cw {
		width = base
		quarter := (cw - sum) / 4
		width[2] += cw - sum - 2*quarter
		width[3] += quarter
		width[4] += quarter
	} else {
		// A narrow page: shrink every column alike; labels wrap more.
		var used Length
		for i := range width {
			width[i] = base[i] * cw / sum
			used += width[i]
		}
		width[2] += cw - used
	}
	minW := scale(int64(widestAdvance), size) + pad
	for i, wi := range width {
		if wi < minW {
			col, w := strconv.Itoa(i+1), fmtLen(wi)
			return formProblem(model.CodePageTooNarrow, "", col, w)
		}
	}
	for i := range width {
		g.colX[i+1] = g.colX[i] + width[i]
	}
	return nil
}

// infoEdges returns the edges of the header block's grid, relative to the
// content box (1/1000 pt): label | value | label | value, shared by the
// rows 单位名称 | unit | 主管部门 | department and 项目总金额（万元） | amount |
// 本年度项目金额（万元） | amount, so that the block is drawn on one grid. The
// label column keeps column 0's width (the whole table's label column);
// the second label column is as wide as the wider of 主管部门 and
// 本年度项目金额（万元）, the latter broken before （万元） exactly when
// 项目总金额（万元） breaks in column 0, so that both amount labels wrap the
// same way. The two value columns are chosen by measuring the unit with
// the total amount and the department with the year's amount:
//
//  1. when both fit on one line, each gets its need and half the width
//     left over;
//  2. otherwise, when the narrower need takes at most half the width, it
//     keeps it (one line) and the other value wraps in the rest;
//  3. otherwise they share the width in proportion to their needs (long
//     names wrap inside their cells), each at least one character wide;
//  4. on a page too narrow even for that, the table's columns
//     (0 | 1–2 | 3 | 4).
func (g *grid) infoEdges(unit, dept, total, year string) [5]Length {
	cw := g.colX[columns]
	size, pad := g.opt.BodySize, 2*g.opt.PadX
	need := func(s string) Length {
		var w Length
		for p := range strings.SplitSeq(s, "\n") {
			w = max(w, TextWidth(p, Body, size, g.m))
		}
		return w + pad
	}
	c0 := g.colX[1]
	wl := max(need(labelDepartment), g.labelNeed(labelYearAmount, need(strings.ReplaceAll(labelTotal, "|", "")) <= c0))
	v1, v2 := max(need(unit), need(total)), max(need(dept), need(year))
	minW := scale(int64(widestAdvance), size) + pad
	rest := cw - c0 - wl
	if left := rest - v1 - v2; left >= 0 {
		return [5]Length{0, c0, c0 + v1 + left/2, c0 + v1 + left/2 + wl, cw}
	}
	if n := min(v1, v2); n <= rest/2 && rest-n >= minW {
		w1 := n
		if v1 > v2 {
			w1 = rest - n
		}
		return [5]Length{0, c0, c0 + w1, c0 + w1 + wl, cw}
	}
	if rest >= 2*minW {
		w1 := rest * v1 / (v1 + v2)
		w1 = min(max(w1, minW), rest-minW)
		return [5]Length{0, c0, c0 + w1, c0 + w1 + wl, cw}
	}
	return [5]Length{0, g.colX[1], g.colX[3], g.colX[4], cw}
}

// labelNeed is the width a label with break marks needs, with padding: on
// one line when whole is set, otherwise its widest piece.
func (g *grid) labelNeed(label string, whole bool) Length {
	size, pad := g.opt.BodySize, 2*g.opt.PadX
	if whole {
		return TextWidth(strings.ReplaceAll(label, "|", ""), Body, size, g.m) + pad
	}
	var w Length
	for _, p := range strings.Split(label, "|") {
		w = max(w, TextWidth(p, Body, size, g.m))
	}
	return w + pad
}

// widestAdvance is the advance of a full-width character in 1/1000 em: a
// column narrower than one such character cannot hold Chinese text.
const widestAdvance = 1000

// inner is the width available to the lines of a cell spanning columns
// col…col+ncol-1.
func (g *grid) inner(col, ncol int) Length {
	return g.colX[col+ncol] - g.colX[col] - 2*g.opt.PadX
}

// breakLabel lays out a label with break marks: on one line if it fits,
// otherwise piece by piece (pieces sharing a line while they fit), each
// piece broken further if it alone is too wide.
func (g *grid) breakLabel(label string, width Length) []Line {
	size := g.opt.BodySize
	whole := strings.ReplaceAll(label, "|", "")
	if !strings.Contains(label, "|") || TextWidth(whole, Body, size, g.m) <= width {
		return BreakLines(whole, Body, size, width, g.m)
	}
	var lines []Line
	cur := ""
	flush := func() {
		if cur != "" {
			lines = appendLines(lines, cur, Body, size, width, g.m)
			cur = ""
		}
	}
	for _, piece := range strings.Split(label, "|") {
		if piece == "" {
			continue
		}
		if cur != "" && TextWidth(cur+piece, Body, size, g.m) <= width {
			cur += piece
			continue
		}
		flush()
		cur = piece
	}
	flush()
	for i := range lines {
		lines[i].Start = 0 // labels are not input text
	}
	return lines
}

func (g *grid) label(col, ncol int, label string) cell {
	return g.labelAt(g.colX[col], g.colX[col+ncol], label)
}

func (g *grid) value(col, ncol int, text, field string, a align) cell {
	return g.valueAt(g.colX[col], g.colX[col+ncol], text, field, a)
}

// labelAt is a label cell between the edges x0 and x1 of the content box.
func (g *grid) labelAt(x0, x1 Length, label string) cell {
	return cell{x0: x0, x1: x1, lines: g.breakLabel(label, x1-x0-2*g.opt.PadX), align: alignLabel, field: "label"}
}

// valueAt is a value cell between the edges x0 and x1 of the content box.
func (g *grid) valueAt(x0, x1 Length, text, field string, a align) cell {
	// Blank lines ending a text print nothing, so they take no room (a
	// text of only blank lines is an empty cell); runs of blank lines
	// inside print as one (validation warns of them).
	text, _ = model.CollapseBlankLines(model.TrimBlankTail(text))
	return cell{x0: x0, x1: x1, lines: g.breakLines(text, x1-x0-2*g.opt.PadX), flow: true, align: a, field: field}
}

// breakLines is BreakLines of a value at the body size, its lines cut
// from the grid's slab of lines (lineSlab at a time): a form's cells hold
// a few hundred lines, and an array for each cell was a fifth of a form
// layout's allocations. The lines of a cell end its slice (no room after
// them), so that no cell's lines run into the next one's.
func (g *grid) breakLines(text string, width Length) []Line {
	if cap(g.lines)-len(g.lines) < 4 {
		g.lines = make([]Line, 0, lineSlab)
	}
	n := len(g.lines)
	lines := appendLines(g.lines[n:n], text, Body, g.opt.BodySize, width, g.m)
	if len(lines) > 0 && cap(lines) == cap(g.lines)-n && &lines[0] == &g.lines[n : n+1][0] {
		g.lines = g.lines[:n+len(lines)] // made in the slab
	}
	return lines[:len(lines):len(lines)]
}

// lineSlab is how many lines breakLines makes room for at a time.
const lineSlab = 128

// addRow measures the cells and appends the row.
func (g *grid) addRow(kind rowKind, name string, cells ...cell) *row {
	r := row{cells: cells, kind: kind, spans: [2]int32{-1, -1}, name: name}
	for _, c := range cells {
		n := visibleLines(c.lines)
		if c.flow {
			r.flowLines = max(r.flowLines, n)
		} else {
			r.fixLines = max(r.fixLines, n)
			cont := n
			if c.cont != nil {
				cont = visibleLines(c.cont)
			}
			r.contLines = max(r.contLines, cont)
		}
	}
	g.rows = append(g.rows, r)
	return &g.rows[len(g.rows)-1]
}

// visibleLines counts the lines of a cell; an empty text takes none.
func visibleLines(lines []Line) int {
	if len(lines) == 1 && lines[0].Text == "" {
		return 0
	}
	return len(lines)
}

// build lays out the cells of every row of f.
func (g *grid) build(f *model.Form) error {
	if err := g.columnWidths(g.opt.contentWidth()); err != nil {
		return err
	}
	g.lh = g.opt.LineHeight(g.opt.BodySize)
	g.title = BreakLines(f.TitleOrDefault(), Title, g.opt.TitleSize, g.opt.contentWidth(), g.m)
	g.head = runningHead(f, g.m, g.opt)
	if f.Year > 0 {
		g.year = fmt.Sprintf("%d年度", f.Year)
	} else {
		g.year = "年度"
	}
	// The rows above the indicator table, in the order of the form schema:
	// 单位名称 | 主管部门 share the first row and two amounts a row, both on
	// the header block's grid; a long text has a row of its own, as
	// has any other field with a printed label. Fields without one (the
	// title, the year) are drawn above the table.
	//
	// The header block is one grid (infoEdges), measured on the unit, the
	// department and both amounts together.
	val := func(key string) string {
		fd, _ := model.FieldByKey(key)
		return fd.Value(f)
	}
	total, year := formatAmount(model.Amount(val("total_amount"))), formatAmount(model.Amount(val("year_amount")))
	e := g.infoEdges(val("unit"), val("department"), total, year)
	fields := model.Fields()
	ins := printedRows(f.Indicators)
	// A row at most for each field, the header, a row for each indicator.
	g.rows = make([]row, 0, len(fields)+1+len(ins))
	for i := 0; i < len(fields); i++ {
		fd := &fields[i]
		var next *model.Field
		if i+1 < len(fields) {
			next = &fields[i+1]
		}
		switch {
		case fd.Printed == "":
		case next != nil && next.Beside && fd.Kind != model.AmountKind:
			unit, dept := fd.Value(f), next.Value(f)
			g.addRow(rowInfo, fd.Key,
				g.labelAt(e[0], e[1], fd.Printed),
				g.valueAt(e[1], e[2], unit, fd.Key, alignCenter),
				g.labelAt(e[2], e[3], next.Printed),
				g.valueAt(e[3], e[4], dept, next.Key, alignCenter))
			i++
		case next != nil && next.Beside:
			g.addRow(rowInfo, fd.Key,
				g.labelAt(e[0], e[1], fd.Printed),
				g.valueAt(e[1], e[2], formatAmount(model.Amount(fd.Value(f))), fd.Key, alignCenter),
				g.labelAt(e[2], e[3], next.Printed),
				g.valueAt(e[3], e[4], formatAmount(model.Amount(next.Value(f))), next.Key, alignCenter))
			i++
		case fd.Long():
			lab := g.label(0, 1, fd.Printed)
			lab.cont = g.breakLabel(fd.Printed+labelContinued, g.inner(0, 1))
			r := g.addRow(rowLong, fd.Key, lab, g.value(1, 4, fd.Value(f), fd.Key, alignJustify))
			r.long = true
		default:
			g.addRow(rowInfo, fd.Key,
				g.label(0, 1, fd.Printed),
				g.value(1, 4, fd.Value(f), fd.Key, alignCenter))
		}
	}
	g.header = len(g.rows)
	var head []cell
	for i, c := range model.Columns() {
		head = append(head, g.label(i, 1, c.Printed))
	}
	g.addRow(rowHeader, model.IndicatorsKey, head...)
	first := len(g.rows)
	for i := range ins {
		in := &ins[i]
		p := in.paths()
		g.addRow(rowIndicator, p.row,
			g.value(2, 1, in.Level3, p.cols[2], alignCenter),
			g.value(3, 1, in.HalfYear, p.cols[3], alignCenter),
			g.value(4, 1, in.FullYear, p.cols[4], alignCenter))
	}
	// Spans: consecutive rows with the same 一级 share one cell, and within
	// it consecutive rows with the same 二级. A span's label is tagged with
	// its first row of the form ("framework" if it has none).
	label := func(a, b, col int) string { // the 一级 (col 0) or 二级 (col 1) path
		p := frameworkPaths()
		for k := a; k < b; k++ {
			if ins[k].src >= 0 {
				p = ins[k].paths()
				break
			}
		}
		return p.cols[col]
	}
	n := 0 // the spans: a 一级 one where 一级 changes, a 二级 one where either does
	for i := range ins {
		if i == 0 || ins[i].Level1 != ins[i-1].Level1 {
			n += 2
		} else if ins[i].Level2 != ins[i-1].Level2 {
			n++
		}
	}
	g.spans = make([]span, 0, n)
	for i := 0; i < len(ins); {
		j := i + 1
		for j < len(ins) && ins[j].Level1 == ins[i].Level1 {
			j++
		}
		g.addSpan(first, i, j-1, 0, ins[i].Level1, label(i, j, 0))
		for k := i; k < j; {
			l := k + 1
			for l < j && ins[l].Level2 == ins[k].Level2 {
				l++
			}
			g.addSpan(first, k, l-1, 1, ins[k].Level2, label(k, l, 1))
			k = l
		}
		i = j
	}
	if g.opt.Signature || signed(f) {
		for _, r := range signatureLabels {
			var row [2]sigEntry
			for k, label := range r {
				row[k].label = label
				for _, fd := range signFields() {
					if fd.Sign == label {
						row[k].key, row[k].value = fd.Key, strings.Join(strings.Fields(fd.Value(f)), " ")
					}
				}
			}
			g.sigRows = append(g.sigRows, row)
		}
	}
	return nil
}

func (g *grid) addSpan(first, a, b, col int, text, field string) {
	s := span{first: first + a, last: first + b, cell: g.value(col, 1, text, field, alignCenter)}
	s.cell.flow = false
	for i := s.first; i <= s.last; i++ {
		g.rows[i].spans[col] = int32(len(g.spans))
	}
	g.spans = append(g.spans, s)
}

// height is the height of n lines of a cell with its padding.
func (g *grid) height(n int) Length {
	return Length(max(n, 1))*g.lh + 2*g.opt.PadY
}

// spanHeight is the height a span's label needs.
func (g *grid) spanHeight(s *span) Length { return g.height(visibleLines(s.cell.lines)) }

func fmtLen(v Length) string {
	var b strings.Builder
	writeLen(&b, v)
	return b.String() + " pt"
}

// signFields are model.SignFields, taken once: layout reads them for
// every form.
var signFields = sync.OnceValue(model.SignFields)

// signed reports whether the form gives an entry of the signature block
// (填报人, 联系电话, 填报日期): it is printed then, with or without
// Options.Signature, as the clerk filled it in.
func signed(f *model.Form) bool {
	for _, fd := range signFields() {
		if strings.TrimSpace(fd.Value(f)) != "" {
			return true
		}
	}
	return false
}
