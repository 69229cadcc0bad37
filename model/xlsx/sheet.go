package xlsx

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// The labels of the printed form are those of the form schema
// (model.Fields, model.Columns), compared as keys after normalisation (no
// spaces, half-width parentheses and colon, no trailing colon or （万元）).
// They, the regular expressions and the other tables of the reader are
// made at the first read (sync.OnceValue), not when a command that reads no
// workbook starts.
var (
	labelProject = sync.OnceValue(func() string { return labelKey(fieldLabel("project")) })
	labelYear    = sync.OnceValue(func() string { return labelKey(fieldLabel("year")) })
	// columnLabels are the keys of the indicator table's header, in order.
	columnLabels = sync.OnceValue(func() []string {
		var out []string
		for _, c := range model.Columns() {
			out = append(out, labelKey(c.Label))
		}
		return out
	})
)

// labelLevel1 is the key of the 一级指标 header.
func labelLevel1() string { return columnLabels()[0] }

func fieldLabel(key string) string {
	fd, _ := model.FieldByKey(key)
	return fd.Label
}

// labelVariants maps the ways a label is written to its key: the schema's
// labels, and the other names real sheets use for them.
var labelVariants = sync.OnceValue(func() map[string]string {
	columnLabels := columnLabels()
	m := map[string]string{}
	for _, fd := range model.Fields() {
		if fd.Printed != "" || fd.Sign != "" || fd.Kind == model.YearKind {
			k := labelKey(fd.Label)
			m[k] = k
		}
	}
	for _, k := range columnLabels {
		m[k] = k
	}
	total, yearAmount := labelKey(fieldLabel("total_amount")), labelKey(fieldLabel("year_amount"))
	half, full := columnLabels[3], columnLabels[4]
	for v, k := range map[string]string{
		"项目金额": total, "本年度金额": yearAmount, "本年金额": yearAmount,
		"一级": columnLabels[0], "二级": columnLabels[1], "三级": columnLabels[2],
		"半年指标值": half, "半年度指标值": half, "半年(程)指标": half, "半年指标": half,
		"全年指标值": full, "全年度指标值": full, "全年(程)指标": full, "全年指标": full,
		"其他需说明的问题": labelKey(fieldLabel("other_notes")),
	} {
		m[v] = k
	}
	return m
})

// labelKey normalises a cell's text for comparison with the labels (and
// the year line, whose digits may be full-width: （２０２５年度）).
func labelKey(s string) string {
	var b strings.Builder
	for _, r := range model.NormalizeDigits(s) {
		switch {
		case unicode.IsSpace(r), r == '\u3000', r == '\u200B', r == '\uFEFF':
		case r == '（':
			b.WriteByte('(')
		case r == '）':
			b.WriteByte(')')
		case r == '：':
			b.WriteByte(':')
		default:
			b.WriteRune(r)
		}
	}
	k := strings.TrimRight(b.String(), ":")
	k = strings.TrimSuffix(k, "(万元)")
	return k
}

// matchLabel reports whether a cell's text is a label: the label's key,
// and the value written after it in the same cell ("项目名称：体检费"), if any.
func matchLabel(s string) (key, inline string, ok bool) {
	if len(s) > 64 {
		// A label is short; a long text that starts with one is not a label
		// unless it holds a colon right after it.
		if i := strings.IndexAny(s, ":："); i < 0 || i > 64 {
			return "", "", false
		}
	}
	if k, found := labelVariants()[labelKey(s)]; found {
		return k, "", true
	}
	if i := strings.IndexAny(s, ":："); i > 0 {
		if k, found := labelVariants()[labelKey(s[:i])]; found {
			_, size := firstRune(s[i:])
			return k, strings.TrimSpace(s[i+size:]), true
		}
	}
	return "", "", false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// kind says how a cell's value is read.
type kind uint8

const (
	kindShort  kind = iota // one line: line breaks are folded
	kindLong               // a long text: line breaks are paragraph breaks
	kindAmount             // an amount in 万元: a number, never a date
	kindValue              // an indicator value: =100%, ≥80%, 序时进度
)

var (
	yearRE       = lazyRE(`^[(\[【]?(\d{4})年度?[)\]】]?$`)
	emptyYearRE  = lazyRE(`^([(\[【]_*年度[)\]】]|_+年度)$`)
	titleYearRE  = lazyRE(`^(\d{4})年度?`)
	constFormula = lazyRE(`^[0-9.]+%?$`)
	// groupedRE is an amount written with thousands separators, half- or
	// full-width, each group of three digits.
	groupedRE = lazyRE(`^[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?$`)
)

// lazyRE is the regular expression expr, compiled at its first use.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// stopMarks end the indicator table: the signature block, notes; as keys
// (labelKey).
var stopMarks = sync.OnceValue(func() []string {
	return []string{"单位负责人", "财务负责人", "填报人", "联系电话", "填报日期", labelKey(model.StampLabel), "注:", "备注", "说明:"}
})

// formReader reads one form-shaped sheet.
type formReader struct {
	*reader
	g      *grid
	sheetN int // the sheet's index in the workbook
	formN  int // the form's index in the book
	prefix string
	at     string // the path of the field being read ("" for the form)
	// end is the row (from 0) after the indicator table's last, right
	// the table's last column (from 0): what the form is read from.
	end, right int
}

func (fr *formReader) problem(c, r int, m msg) {
	path := fr.at
	if path == "" {
		path = fr.prefix
	}
	fr.problems = append(fr.problems, sheetProblem{sheetIndex: fr.sheetN, sheet: fr.g.name, col: c, row: r, path: path, msg: m})
}

// sheet reads sheet i; it returns false when the sheet is not a form (and
// is skipped with a warning).
func (r *reader) sheet(i int, sp sheetPart) bool {
	g, err := r.grid(sp)
	if err != nil {
		msg := r.partMessage(err)
		r.problems = append(r.problems, sheetProblem{sheetIndex: i, sheet: sp.name, msg: msg})
		return true
	}
	if !g.isForm() {
		if !g.isOurNotes() {
			r.warn(sp.name, message(CodeNotForm))
		}
		return false
	}
	n := len(r.book.Forms)
	fr := &formReader{reader: r, g: g, sheetN: i, formN: n, prefix: model.FormPath(n)}
	// The form is kept with its problems (they go with it to Validate).
	r.book.Forms = append(r.book.Forms, fr.form())
	return true
}

// reported reports whether a problem was found at a cell already (a date
// where an amount belongs is not also an empty amount).
func (fr *formReader) reported(c, r int) bool {
	for _, p := range fr.problems {
		if p.sheetIndex == fr.sheetN && p.col == c && p.row == r {
			return true
		}
	}
	return false
}

func (fr *formReader) path(key string) string { return fr.prefix + "." + key }

func (fr *formReader) form() model.Form {
	g := fr.g
	var f model.Form
	// The indicator header decides where the labels end.
	hc, hr, hasHeader := g.find(labelLevel1())
	limit := len(g.rows)
	if hasHeader {
		limit = hr
	}
	// Where the form starts: its first label (or the header).
	startC, startR := hc, hr
	for ri := 0; ri < limit; ri++ {
		found := false
		for ci, v := range g.rows[ri] {
			if _, _, ok := matchLabel(v); ok && v != "" {
				startC, startR, found = ci, ri, true
				break
			}
		}
		if found {
			break
		}
	}
	fr.src.SetSheet(fr.formN, quote(g.name), startC+1, startR+1)

	fr.at = fr.path("year")
	f.Title, f.Year = fr.titleAndYear(limit)
	// The fields printed with a label (the title and the year line are
	// read above), in the schema's order.
	for _, fd := range model.Fields() {
		if fd.Printed == "" && fd.Sign == "" {
			continue
		}
		k := kindShort
		switch fd.Kind {
		case model.LongKind:
			k = kindLong
		case model.AmountKind:
			k = kindAmount
		}
		label := labelKey(fd.Label)
		fr.at = fr.path(fd.Key)
		c, r, inline, ok := fr.label(label, fd.Label, limit, fd.Required)
		if !ok {
			continue
		}
		var v string
		if inline != nil {
			v = fr.clean(*inline, k, c, r)
		} else {
			c = g.span(c, r).c1 + 1
			if _, _, isLabel := matchLabel(g.at(c, r)); isLabel {
				v = "" // the next label: the value cell was left out
			} else {
				v = fr.value(c, r, k)
			}
		}
		fr.src.SetCell(fr.path(fd.Key), c+1, r+1)
		if fd.Required && v == "" && !fr.reported(c+1, r+1) {
			fr.problem(c+1, r+1, message(CodeValueEmpty, fd.Label))
		}
		if err := fd.Set(&f, v); err != nil {
			return f // only a year can fail, and it is not read here
		}
	}
	fr.at = fr.path(model.IndicatorsKey)
	if !hasHeader {
		fr.problem(0, 0, message(CodeHeaderMissing, model.Columns()[0].Label))
		return f
	}
	f.Indicators = fr.indicators(hc, hr)
	if len(f.Indicators) > model.MaxIndicators {
		// As a JSON form's: a sheet of MaxRows rows is some 200 pages.
		// At the list's path, where model.Validate, which keeps the limit
		// for every input, would tell it: told once.
		fr.at = fr.path(model.IndicatorsKey)
		fr.problem(hc+1, hr+1, message(CodeTooManyIndicators, model.MaxIndicators))
	}
	return f
}

// label finds the one cell above row limit that holds label (a key; name
// is the label as messages give it); inline is the value written in the
// same cell, if any.
func (fr *formReader) label(label, name string, limit int, required bool) (c, r int, inline *string, ok bool) {
	var cells [][2]int
	for _, cell := range fr.g.labels[label] {
		if cell[1] < limit {
			cells = append(cells, cell)
		}
	}
	if len(cells) == 0 {
		if required {
			fr.problem(0, 0, message(CodeLabelMissing, name))
		}
		return 0, 0, nil, false
	}
	if len(cells) > 1 {
		fr.problem(cells[1][0]+1, cells[1][1]+1, message(CodeLabelTwice, name, excelizeName(cells[0][0], cells[0][1])))
	}
	c, r = cells[0][0], cells[0][1]
	if _, in, _ := matchLabel(fr.g.at(c, r)); in != "" {
		inline = &in
	}
	return c, r, inline, true
}

func excelizeName(c, r int) string { return model.CellName(c+1, r+1) }

// titleAndYear finds the title (the cell naming 绩效目标表) and the year line
// (2024年度, （2024年度）, or a 年度 label with its value) above row limit.
func (fr *formReader) titleAndYear(limit int) (title string, year int) {
	g := fr.g
	yearFound := false
	setYear := func(s string, c, r int) {
		y, err := strconv.Atoi(s)
		if err != nil {
			fr.problem(c+1, r+1, message(CodeYearEmpty))
			return
		}
		year, yearFound = y, true
		fr.src.SetCell(fr.path("year"), c+1, r+1)
	}
	for ri := 0; ri < limit; ri++ {
		for ci, v := range g.rows[ri] {
			if v == "" {
				continue
			}
			k := labelKey(v)
			switch {
			case title == "" && strings.Contains(k, "绩效目标表"):
				title = fr.clean(v, kindShort, ci, ri)
				if m := titleYearRE().FindStringSubmatch(k); m != nil && !yearFound {
					setYear(m[1], ci, ri)
					title = strings.TrimSpace(strings.TrimLeft(trimYear(strings.TrimSpace(title), m[1]), "年度"))
				}
				fr.src.SetCell(fr.path("title"), ci+1, ri+1)
			case !yearFound && yearRE().MatchString(k):
				setYear(yearRE().FindStringSubmatch(k)[1], ci, ri)
			case !yearFound && emptyYearRE().MatchString(k):
				fr.problem(ci+1, ri+1, message(CodeYearEmpty))
				yearFound = true // reported
			}
		}
	}
	if !yearFound {
		if c, r, inline, ok := fr.label(labelYear(), fieldLabel("year"), limit, false); ok {
			var v string
			if inline != nil {
				v = *inline
			} else {
				c = g.span(c, r).c1 + 1
				v = fr.value(c, r, kindShort)
			}
			v = strings.TrimSuffix(strings.TrimSuffix(labelKey(v), "年度"), "年")
			setYear(v, c, r)
		} else {
			fr.problem(0, 0, message(CodeYearMissing))
		}
	}
	return title, year
}

// trimYear removes the year y (ASCII digits) that begins title, typed in
// half- or full-width digits.
func trimYear(title, y string) string {
	n := 0 // bytes of title that spell y
	for _, r := range title {
		if len(y) == 0 {
			break
		}
		d := model.NormalizeDigits(string(r))
		if !strings.HasPrefix(y, d) {
			return title
		}
		y = y[len(d):]
		n += len(string(r))
	}
	if len(y) > 0 {
		return title
	}
	return title[n:]
}

// value reads the cell at column c, row r (from 0) as kind: the text as
// shown, a number cell as the decimal it shows, a formula by its cached
// value.
func (fr *formReader) value(c, r int, k kind) string {
	x := fr.g.cell(c, r)
	text := x.text
	if text == "" {
		if x.hasF {
			fml := x.formula
			if fml == "" {
				fml = "…" // a shared formula, written in another cell
			}
			fr.problem(c+1, r+1, message(CodeNoCachedValue, quote(fml)))
		}
		return ""
	}
	switch x.t {
	case "e":
		fr.problem(c+1, r+1, message(CodeFormulaError, quote(text)))
		return ""
	case "d":
		if k == kindAmount {
			fr.problem(c+1, r+1, message(CodeDateAmount, quote(text)))
			return ""
		}
	case "", "n":
		if name, ok := nonFinite(text); ok {
			fr.problem(c+1, r+1, message(CodeNotFinite, name))
			return ""
		}
		nf := fr.format(x.style)
		if k == kindValue && x.formula != "" && constFormula().MatchString(x.formula) {
			// =100% typed into a cell that is not text becomes a formula;
			// what was typed is what the form means.
			return "=" + x.formula
		}
		switch {
		case nf.date && k == kindAmount:
			fr.problem(c+1, r+1, message(CodeDateAmount, quote(fr.shown(c, r, text))))
			return ""
		case nf.date:
			return fr.clean(fr.shown(c, r, text), k, c, r)
		case nf.percent && k == kindAmount:
			s, _ := displayNumber(text, nf)
			fr.problem(c+1, r+1, message(CodePercentAmount, quote(s)))
			return ""
		}
		if s, ok := displayNumber(text, nf); ok {
			return s
		}
	}
	return fr.clean(text, k, c, r)
}

// shown is a date cell's text as the sheet shows it (excelize formats it).
func (fr *formReader) shown(c, r int, raw string) string {
	return fr.dateText(raw, fr.g.cell(c, r).style)
}

// clean turns a cell's text into a field's: line breaks (Alt+Enter) are
// paragraph breaks of a long text and folded elsewhere; values are
// normalised as the JSON decoder does.
func (fr *formReader) clean(s string, k kind, c, r int) string {
	if len(s) > model.MaxTextBytes {
		fr.problem(c+1, r+1, message(CodeTextTooLong, len(s), model.MaxTextBytes>>10))
		return ""
	}
	if k == kindAmount {
		s = model.NormalizeDigits(s) // typed in full-width mode: １２３
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	if k == kindLong {
		return strings.Join(kept, "\n")
	}
	if k == kindAmount && len(kept) == 1 && groupedRE().MatchString(kept[0]) {
		// 1,234.5 or 1，234.5: thousands separators, as a number cell
		// formatted #,##0.0 shows it, typed as text.
		return strings.NewReplacer(",", "", "，", "").Replace(kept[0])
	}
	var b strings.Builder
	for i, l := range kept {
		if i > 0 {
			prev, _ := lastRune(kept[i-1])
			next, _ := firstRune(l)
			if !wide(prev) || !wide(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	out := b.String()
	if k == kindValue {
		out = model.NormalizeValue(out)
	}
	return out
}

func lastRune(s string) (rune, int) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, 0
	}
	return rs[len(rs)-1], 1
}

// wide reports whether r is Chinese text, where a line break joins without
// a space.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || strings.ContainsRune("“”‘’—…·", r)
}

// row is an indicator row as read, with the cells its fields came from.
type row struct {
	in    model.Indicator
	cells [5][2]int // {col, row} from 1 of level1 … full_year
	own   [2]int    // the row's own 一级 cell
	data  bool      // 三级 or a value is written
}

// indicators reads the indicator table whose 一级指标 header is at (hc, hr).
func (fr *formReader) indicators(hc, hr int) []model.Indicator {
	g := fr.g
	columns := model.Columns() // 一级, 二级, 三级, then the values
	cols, last := g.header(hc, hr)
	for k, c := range cols {
		if c < 0 {
			fr.problem(hc+1, hr+1, message(CodeHeaderMissing, columns[k].Label))
		}
	}
	fr.src.SetCell(fr.path(model.IndicatorsKey), hc+1, hr+1)
	if cols[1] < 0 || cols[2] < 0 || cols[3] < 0 || cols[4] < 0 {
		return nil
	}
	end := g.tableEnd(last + 1)
	if end.second >= 0 {
		fr.problem(end.second+1, end.row+1, message(CodeSecondForm, quote(g.rows[end.row][end.second])))
	}
	fr.end, fr.right = end.row, hc
	for _, c := range cols {
		fr.right = max(fr.right, g.span(c, hr).c1)
	}
	defer fr.unprinted()
	fr.at = "" // the rows' paths are known once they are grouped
	var rows []row
	var cur1, cur2 string
	var cell1, cell2 [2]int
	for ri := last + 1; ri < end.row; ri++ {
		var rw row
		raw1, raw2 := g.at(cols[0], ri), g.at(cols[1], ri)
		switch {
		case strings.TrimSpace(raw1) != "":
			v := fr.value(cols[0], ri, kindShort)
			if v != cur1 && strings.TrimSpace(raw2) == "" && g.span(cols[1], ri).r0 == ri {
				cur2 = "" // a new 一级 without its 二级: no carrying over
			}
			cur1, cell1 = v, [2]int{cols[0] + 1, ri + 1}
		}
		if strings.TrimSpace(raw2) != "" {
			cur2, cell2 = fr.value(cols[1], ri, kindShort), [2]int{cols[1] + 1, ri + 1}
		}
		rw.in.Level1, rw.in.Level2 = cur1, cur2
		rw.cells = [5][2]int{cell1, cell2, {cols[2] + 1, ri + 1}, {cols[3] + 1, ri + 1}, {cols[4] + 1, ri + 1}}
		for k := 2; k < len(columns); k++ {
			kd := kindShort
			c, r := cols[k], ri
			if columns[k].Value {
				kd = kindValue
				// A value merged over both value columns (D27:E27, when
				// 半年 and 全年 are the same) or over rows is the value of
				// each cell it covers: it is written in its first cell.
				if sp := g.span(c, r); sp.c0 >= cols[3] && sp.c1 <= cols[4] && (sp.c0 != c || sp.r0 != r) && sp.r0 > last {
					c, r = sp.c0, sp.r0
					rw.cells[k] = [2]int{c + 1, r + 1}
				}
			}
			if (c != cols[k] || r != ri) && fr.reported(c+1, r+1) {
				continue // the problem of the merged cell is told once
			}
			columns[k].Set(&rw.in, fr.value(c, r, kd))
		}
		rw.own = [2]int{cols[0] + 1, ri + 1}
		rw.data = rw.in.Level3 != "" || rw.in.HalfYear != "" || rw.in.FullYear != ""
		if !rw.data && cur1 == "" && cur2 == "" {
			continue // a blank row before the first category
		}
		rows = append(rows, rw)
	}
	// A category's rows without 三级 or values are blank lines of the sheet
	// (rows left over in a merged range, spacer rows) when the category has
	// other rows; a category with none is one empty-category row.
	var out []model.Indicator
	j := 0
	for i := 0; i < len(rows); {
		end := i
		hasData := false
		for end < len(rows) && rows[end].in.Level1 == rows[i].in.Level1 && rows[end].in.Level2 == rows[i].in.Level2 {
			hasData = hasData || rows[end].data
			end++
		}
		for k := i; k < end; k++ {
			rw := rows[k]
			if !rw.data && (hasData || k > i) {
				continue
			}
			p := fr.prefix + "." + model.RowPath(j)
			fr.src.SetCell(p, rw.own[0], rw.own[1])
			for f, col := range columns {
				fr.src.SetCell(p+"."+col.Key, rw.cells[f][0], rw.cells[f][1])
			}
			out = append(out, rw.in)
			j++
		}
		i = end
	}
	return out
}

// unprinted warns of what the form's rows hold that the sheet does not
// show, or the form does not print, which a clerk would otherwise never
// learn (review 7, item 4): a hidden row or column that holds text (it is
// read and printed all the same, as the sheet is the form's data), and
// text right of the table (a note in column F), which is not read. Rows
// from the top of the sheet to the end of the indicator table.
func (fr *formReader) unprinted() {
	g := fr.g
	fr.hiddenColumns()
	hidden := g.hidden
	for ri := 0; ri < fr.end && ri < len(g.rows); ri++ {
		for len(hidden) > 0 && hidden[0] < ri {
			hidden = hidden[1:]
		}
		if len(hidden) > 0 && hidden[0] == ri {
			for ci, v := range g.rows[ri] {
				if ci <= fr.right && strings.TrimSpace(v) != "" {
					fr.warn(ci, ri, message(CodeHiddenRow, ri+1))
					break
				}
			}
		}
		for ci := fr.right + 1; ci < len(g.rows[ri]); ci++ {
			v := strings.TrimSpace(g.rows[ri][ci])
			if v == "" || unitLine(v) || g.span(ci, ri).c0 <= fr.right {
				continue // empty, the 单位：万元 line, a merged cell of the table
			}
			last, _ := excelize.ColumnNumberToName(fr.right + 1)
			fr.warn(ci, ri, message(CodeBeyondTable, quote(clipText(v)), last, fieldLabel("other_notes")))
		}
	}
}

// hiddenColumns warns, once for each, of the hidden columns of the table
// that hold text the sheet does not show: a cell of the column whose
// merged range, if any, lies in hidden columns only (a range that reaches
// a shown column shows its text there).
func (fr *formReader) hiddenColumns() {
	g := fr.g
	hiddenCol := func(c int) bool {
		for _, h := range g.hiddenCols {
			if h[0] <= c && c <= h[1] {
				return true
			}
		}
		return false
	}
	for ci := 0; ci <= fr.right && len(g.hiddenCols) > 0; ci++ {
		if !hiddenCol(ci) {
			continue
		}
	rows:
		for ri := 0; ri < fr.end && ri < len(g.rows); ri++ {
			if ci >= len(g.rows[ri]) || strings.TrimSpace(g.rows[ri][ci]) == "" {
				continue
			}
			sp := g.span(ci, ri)
			for c := sp.c0; c <= sp.c1; c++ {
				if !hiddenCol(c) {
					continue rows // shown where the range reaches a shown column
				}
			}
			name, _ := excelize.ColumnNumberToName(ci + 1)
			fr.warn(ci, ri, message(CodeHiddenColumn, name))
			break
		}
	}
}

// unitLine reports whether a cell's text is the 单位：万元 line, which may
// stand anywhere above the table.
func unitLine(v string) bool {
	k := labelKey(v)
	return strings.HasSuffix(k, "单位:万元") || k == "万元"
}

// clipText shortens a cell's text quoted in a message.
func clipText(s string) string {
	if rs := []rune(s); len(rs) > 30 {
		return string(rs[:30]) + "…"
	}
	return s
}

// warn records a warning at a cell (column c, row r from 0) of the form.
func (fr *formReader) warn(c, r int, m msg) {
	fr.src.Warn(m.problem(model.Warning, model.Location{File: fr.file, Sheet: quote(fr.g.name), Cell: excelizeName(c, r)}))
}

// header finds the indicator table's header whose 一级指标 cell is at
// (hc, hr): the column of each of its labels (一级 … 全年, as
// model.Columns; -1 for one not found) and its last row, a header being
// one row high or two (its cells merged over both).
func (g *grid) header(hc, hr int) (cols [5]int, last int) {
	last = g.span(hc, hr).r1
	for k, key := range columnLabels() {
		cols[k] = -1
		for _, cell := range g.labels[key] {
			sp := g.span(cell[0], cell[1])
			if cell[1] <= hr && sp.r1 >= hr {
				cols[k] = cell[0]
				last = max(last, sp.r1)
				break
			}
		}
	}
	return cols, last
}

// tableEnd is where an indicator table ends (see grid.tableEnd).
type tableEnd struct {
	// row is the row (from 0) after the table's last: the signature block
	// or notes (stopRow), a second form's top (formStart), or len(rows)
	// when the rows read end first.
	row int
	// ended is false when the rows read end before the table does.
	ended bool
	// second is the column of the second form's label on row, or -1.
	second int
}

// tableEnd finds where the indicator table whose rows start at row first
// (from 0, after its header) ends: the one rule for the reader of the
// rows and for the count of a sheet too long to be read (tableRows).
func (g *grid) tableEnd(first int) tableEnd {
	for ri := first; ri < len(g.rows); ri++ {
		if stopRow(g.rows[ri]) {
			return tableEnd{row: ri, ended: true, second: -1}
		}
		if c, ok := formStart(g.rows[ri]); ok {
			return tableEnd{row: ri, ended: true, second: c}
		}
	}
	return tableEnd{row: len(g.rows), second: -1}
}

// formStart reports whether a row below the indicator table holds a label
// of the top of a form (项目名称, the title …): a second form on the sheet.
func formStart(cells []string) (int, bool) {
	for c, v := range cells {
		if v == "" {
			continue
		}
		if strings.Contains(labelKey(v), "绩效目标表") {
			return c, true
		}
		if key, _, ok := matchLabel(v); ok && !slices.Contains(columnLabels(), key) && key != labelYear() {
			return c, true
		}
	}
	return 0, false
}

// stopRow reports whether a row ends the indicator table (the signature
// block or notes below it).
func stopRow(cells []string) bool {
	for _, v := range cells {
		if v == "" {
			continue
		}
		k := labelKey(v)
		for _, m := range stopMarks() {
			if strings.HasPrefix(k, m) {
				return true
			}
		}
		return false
	}
	return false
}

// isOurNotes reports whether the sheet is the template's own 填表说明 (its
// name, heading and the first sentence of its first instruction, as any
// version of jixiao writes them, whichever program saved the workbook
// since): skipped without a warning, so that a filled template passes
// --strict.
func (g *grid) isOurNotes() bool {
	notes := notesText()
	first, _, _ := strings.Cut(notes[1], "。")
	return strings.TrimSpace(g.name) == NotesSheet && strings.TrimSpace(g.at(0, 0)) == notes[0] &&
		strings.HasPrefix(strings.TrimSpace(g.at(0, 1)), first+"。")
}
