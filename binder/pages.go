package binder

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao/layout"
	"jixiao/model"
)

// geometry is the page frame of the binder's own pages (cover,
// contents), taken from the form layout's options so that they match the
// forms.
type geometry struct {
	opt           layout.Options // Mirror set for duplex
	width, height layout.Length
}

func newGeometry(opt layout.Options, duplex bool) geometry {
	opt.Mirror = duplex
	return geometry{opt: opt, width: opt.Width, height: opt.Height}
}

// box returns the left and right edges of the content box of the page at
// index p of the binder, as the forms have it: with duplex, pages of odd
// index are verso, bound on the right.
func (g geometry) box(p int) (x0, x1 layout.Length) {
	return g.opt.ContentBox(p)
}

// addFooter numbers a form page at index p of the binder: 第 N 页 共 M 页
// over the whole binder and, on a form of more than one page, 本表第 n 页 共
// m 页 under it, in the footer band where a single form has its own.
func addFooter(pg *layout.Page, m layout.Measurer, g geometry, p, folio, total, n, of int) error {
	texts := []string{layout.PageFooter(folio, total)}
	if of > 1 {
		texts = append(texts, "本表"+layout.PageFooter(n, of))
	}
	return layout.AddFooter(pg, texts, m, g.opt, p)
}

// drawCover draws the binder's cover: title, year, unit, department, number
// of projects and the sums of their amounts. The particulars begin in the
// middle of the page; when a long 单位名称 or 主管部门 does not fit there
// whole, the particulars move up into the room under the year (never
// closer to it than a line) and each long value runs to at most
// coverValueLines lines; what still does not fit is cut short with 「…」
// (the forms show the values whole), the values first, then the title. A
// cover that cannot fit even then is an error.
//
// Below the sums: 编报单位（盖章） (the department that files the binder:
// the 主管部门, or 各单位 when the forms have several), where it stamps the
// binder, and 编报日期 (date, or the binder's year with blanks for the month
// and day).
func drawCover(b *model.Book, forms []*model.Form, m layout.Measurer, g geometry, date string) (*layout.Page, error) {
	total := make([]model.Amount, len(forms))
	year := make([]model.Amount, len(forms))
	for i, f := range forms {
		total[i], year[i] = f.TotalAmount, f.YearAmount
	}
	sumTotal, err := model.Sum(total)
	if err != nil {
		return nil, fmt.Errorf("binder: 项目总金额: %w", err)
	}
	sumYear, err := model.Sum(year)
	if err != nil {
		return nil, fmt.Errorf("binder: 本年度项目金额: %w", err)
	}
	if date == "" {
		date = "　　年　　月　　日"
		if y := YearOf(b); y != 0 {
			date = strconv.Itoa(y) + "年　　月　　日"
		}
	}
	dept := common(forms, func(f *model.Form) string { return f.Department })
	c := coverText{
		title: titleOf(b),
		year:  YearOf(b),
		rows: [][2]string{
			{"单位名称：", common(forms, func(f *model.Form) string { return f.Unit })},
			{"主管部门：", dept},
			{"项目数量：", fmt.Sprintf("%d 个", len(forms))},
			{"项目总金额合计：", string(sumTotal) + " 万元"},
			{"本年度项目金额合计：", string(sumYear) + " 万元"},
			{filerLabel, dept},
			{"编报日期：", date},
		},
	}
	x0, x1 := g.box(0)
	y1 := g.height - g.opt.Bottom
	for _, k := range coverCaps {
		if pg := c.draw(m, g, k[0], k[1], y1); inside(pg, x0, x1, g.opt.Top, y1) {
			return pg, nil
		}
	}
	return nil, fmt.Errorf("binder: cover: the title and particulars do not fit in a content box of %s × %s, even cut to a line each",
		pt(x1-x0), pt(g.height-g.opt.Top-g.opt.Bottom))
}

// coverValueLines is the most lines a long value of the cover (单位名称,
// 主管部门, 编报单位) runs to when it does not fit whole in the lower half
// of the page: past it the value is cut with 「…」.
const coverValueLines = 6

// coverTitleLines is the most lines the cover's title runs to once the
// long values are cut to two lines and the cover still does not fit.
const coverTitleLines = 4

// coverCaps are the limits tried in turn on the lines of the cover's
// title and of its long values (单位名称, 主管部门), 0 for none: first
// whole, in the lower half of the page; then, the particulars moved up as
// far as they need, the values to coverValueLines lines and fewer, down
// to two; then the title to coverTitleLines lines and fewer, down to two;
// then the values to one line, and last the title.
var coverCaps = func() [][2]int {
	caps := [][2]int{{0, 0}}
	for v := coverValueLines; v >= 2; v-- {
		caps = append(caps, [2]int{0, v})
	}
	for t := coverTitleLines; t >= 2; t-- {
		caps = append(caps, [2]int{t, 2})
	}
	return append(caps, [2]int{2, 1}, [2]int{1, 1})
}()

// filerLabel is the cover's 编报单位（盖章）: where the unit that files the
// binder stamps it.
const filerLabel = "编报" + model.StampLabel + "："

// coverCut tells the rows of coverText.rows whose values may be cut
// short: the unit and the department (also as 编报单位). The count, the
// sums and the date are never cut.
func coverCut(label string) bool {
	return label == "单位名称：" || label == "主管部门：" || label == filerLabel
}

// coverText is what the cover shows.
type coverText struct {
	title string
	year  int
	rows  [][2]string // label, value
}

// draw lays the cover out with at most titleMax lines of title and
// valueMax lines of each long value (0 for no limit), the particulars
// from the middle of the page; when valueMax is set and the page reaches
// below y1, the particulars move up by as much (but stay a line below the
// year). The page may reach outside the content box.
func (c *coverText) draw(m layout.Measurer, g geometry, titleMax, valueMax int, y1 layout.Length) *layout.Page {
	pg := &layout.Page{Width: g.width, Height: g.height, Label: "cover"}
	x0, x1 := g.box(0)
	cw := x1 - x0
	// Structure: the cover is a section of a heading and paragraphs.
	sect := layout.NewElem(layout.Sect, nil, 0)
	var elem *layout.Elem
	centre := func(role layout.Role, size, y layout.Length, s, field string) {
		w := layout.TextWidth(s, role, size, m)
		it := textItem(m, role, size, x0+(cw-w)/2, y, s, field)
		it.Elem = elem
		pg.Items = append(pg.Items, it)
	}

	// The title, large, in the upper third; the year under it.
	ts := g.opt.TitleSize * 3 / 2
	tl := ts * 3 / 2
	y := g.height * 22 / 100
	var bottom layout.Length // of the title block's last line
	elem = layout.NewElem(layout.H1, sect, 0)
	for _, l := range breakMax(m, layout.Title, ts, cw-2*ts, c.title, "", titleMax) {
		centre(layout.Title, ts, y, l, "title")
		bottom = y + ts*layout.DescentEm/1000
		y += tl
	}
	if c.year != 0 {
		y += ts / 2
		elem = layout.NewElem(layout.P, sect, 1)
		centre(layout.Body, g.opt.TitleSize, y, strconv.Itoa(c.year)+"年度", "year")
		bottom = y + g.opt.TitleSize*layout.DescentEm/1000
	}

	// The particulars, as labelled blanks filled in, from the middle of the
	// page, or a line below a long title.
	size := g.opt.TitleSize * 7 / 9 // 14 pt with the default 18 pt title
	lh := size * 2
	var labelW layout.Length
	for _, r := range c.rows {
		labelW = max(labelW, layout.TextWidth(r[0], layout.Body, size, m))
	}
	// The block is centred, no wider than 140 mm even on landscape paper.
	bw := min(cw-cw/10, 140*layout.MM)
	lx := x0 + (cw-bw)/2
	vx := lx + labelW
	right := lx + bw
	vw := right - vx
	highest := bottom + lh // the particulars' top moves up to here, no higher
	top := max(g.height*50/100, highest)
	first, top0 := len(pg.Items), top
	for i, r := range c.rows {
		limit := 0
		if coverCut(r[0]) {
			limit = valueMax
		}
		elem = layout.NewElem(layout.P, sect, 2+i)
		bl := top + layout.Baseline(lh, size)
		label := textItem(m, layout.Body, size, vx-layout.TextWidth(r[0], layout.Body, size, m), bl, r[0], "label")
		label.Elem = elem
		pg.Items = append(pg.Items, label)
		for _, l := range breakMax(m, layout.Body, size, vw-size, r[1], "", limit) {
			bl = top + layout.Baseline(lh, size)
			value := textItem(m, layout.Body, size, vx+size/2, bl, l, "cover")
			value.Elem = elem
			pg.Items = append(pg.Items,
				value,
				layout.Item{Kind: layout.Rule, X: vx, Y: bl + size/4, X2: right, Y2: bl + size/4, Stroke: layout.Pt / 2})
			top += lh
		}
	}
	if over := lowest(pg) - y1; over > 0 && valueMax > 0 {
		// Up by as much as the particulars reach below the margin: every
		// place in them is top0 plus an offset, so they move as a block.
		d := max(top0-over, highest) - top0
		for i := first; i < len(pg.Items); i++ {
			it := &pg.Items[i]
			it.Y += d
			if it.Kind == layout.Rule {
				it.Y2 += d
			}
		}
	}
	return pg
}

// inside reports whether every item of pg lies in the box x0…x1 ×
// y0…y1.
func inside(pg *layout.Page, x0, x1, y0, y1 layout.Length) bool {
	for _, it := range pg.Items {
		ax, ay, bx, by := itemBox(it)
		if ax < x0 || bx > x1 || ay < y0 || by > y1 {
			return false
		}
	}
	return true
}

// lowest returns the lowest point of pg's items.
func lowest(pg *layout.Page) layout.Length {
	var low layout.Length
	for _, it := range pg.Items {
		_, _, _, by := itemBox(it)
		low = max(low, by)
	}
	return low
}

// itemBox returns the box of it, a text's reaching as high and low as
// Check has it.
func itemBox(it layout.Item) (ax, ay, bx, by layout.Length) {
	switch it.Kind {
	case layout.Text:
		return it.X, it.Y - it.Size*layout.AscentEm/1000, it.X + it.W, it.Y + it.Size*layout.DescentEm/1000
	case layout.Rule:
		return min(it.X, it.X2), min(it.Y, it.Y2), max(it.X, it.X2), max(it.Y, it.Y2)
	}
	return it.X, it.Y, it.X + it.W, it.Y + it.H
}

// tocRow is one row of the table of contents: a unit heading, a form, or
// (grouped contents) a unit's 小计 or the 合计.
type tocRow struct {
	form   int      // index into the binder's forms; tocHeading or tocSum
	unit   string   // the unit of a heading, an entry or a 小计 (grouped contents only)
	sum    string   // a 小计 or 合计 row: the amount
	lines  []string // the project or unit name, broken
	height layout.Length
}

// toc is the table of contents, broken into pages before the pages are
// drawn: its length depends only on the rows, never on the page numbers.
type toc struct {
	m     layout.Measurer
	g     geometry
	forms []Form
	rows  []tocRow
	split []int    // index of the first row of each page
	cont  []tocRow // per page, the heading 「单位（续）」 of a unit continued from the page before

	size, lh                  layout.Length // entry text size and line pitch
	headSize, colSize         layout.Length // the 目录 heading and the column heads
	numW, nameX, nameW        layout.Length // offsets from the content box's left edge
	amountR, pageW, gap, padY layout.Length
	fracW                     layout.Length // the widest decimal part (".125"), for the decimal point's place
	amounts                   []string
	bodyTop                   layout.Length // y of the first row on every page
	maxLines                  int           // the most lines of a name or heading
	elem                      *layout.Elem  // the TOC structure element, made with the first page
}

func newTOC(forms []Form, formsOf []*model.Form, m layout.Measurer, g geometry, group bool) (*toc, error) {
	t := &toc{m: m, g: g, forms: forms}
	o := g.opt
	t.size = o.BodySize
	t.lh = o.LineHeight(o.BodySize)
	t.padY = t.size / 3
	t.headSize = o.TitleSize
	t.colSize = o.FooterSize
	t.gap = o.BodySize

	// Column widths come from the widest content, so that every page of the
	// contents has the same columns.
	t.amounts = make([]string, len(forms))
	t.numW = layout.TextWidth("序号", layout.Title, t.colSize, m)
	amountW := layout.TextWidth("本年度金额（万元）", layout.Title, t.colSize, m)
	t.pageW = layout.TextWidth("页码", layout.Title, t.colSize, m)
	// The amounts line up on their decimal points (77.50 over 428.125):
	// the column is as wide as the widest whole part and the widest
	// decimal part together.
	var intW layout.Length
	measure := func(a string) {
		whole, frac := t.split2(a)
		intW = max(intW, layout.TextWidth(whole, layout.Body, t.size, m))
		t.fracW = max(t.fracW, layout.TextWidth(frac, layout.Body, t.size, m))
	}
	for i, f := range forms {
		a, ok := formsOf[i].YearAmount.Written()
		if !ok {
			a = formsOf[i].YearAmount // shown as written; Validate reports it
		}
		t.amounts[i] = string(a)
		measure(t.amounts[i])
		t.numW = max(t.numW, layout.TextWidth(strconv.Itoa(f.Number), layout.Body, t.size, m))
		t.pageW = max(t.pageW, layout.TextWidth(strconv.Itoa(f.Folio), layout.Body, t.size, m))
	}
	if group {
		// The sums share the amount column; the 合计 is the widest of them
		// (as many digits as any 小计, and the most decimals).
		year := make([]model.Amount, len(forms))
		for i := range forms {
			year[i] = formsOf[i].YearAmount
		}
		if a, err := model.Sum(year); err == nil {
			measure(string(a))
		}
	}
	amountW = max(amountW, intW+t.fracW)
	x0, x1 := g.box(0)
	cw := x1 - x0
	t.nameX = t.numW + t.gap
	t.amountR = cw - t.pageW - 2*t.gap
	t.nameW = t.amountR - amountW - 2*t.gap - t.nameX

	t.bodyTop = o.Top + t.headSize*2 + t.lh + t.padY
	avail := g.height - o.Bottom - t.bodyTop
	if t.nameW < t.size {
		return nil, fmt.Errorf("binder: contents: no room for the project names in a content box %s wide", pt(cw))
	}

	// A row never splits, so a name is cut short (「…」) at the lines a page
	// can hold, with a unit heading above it: at most tocLines. The
	// bookmarks keep the whole names.
	t.maxLines = tocLines
	for ; t.maxLines > 0; t.maxLines-- {
		need := t.entryHeight(t.maxLines)
		if group {
			need += t.headingHeight(t.maxLines) + 2*t.entryHeight(1) // and the 小计 and 合计 kept with it
		}
		if need <= avail {
			break
		}
	}
	if t.maxLines == 0 {
		return nil, fmt.Errorf("binder: contents: no room for an entry between the heading and the footer (%s)", pt(avail))
	}

	unit := ""
	var unitAmounts, allAmounts []model.Amount
	sumRow := func(label, unit string, amounts []model.Amount) tocRow {
		a, err := model.Sum(amounts)
		if err != nil {
			a = "" // Validate reports the amount; the binder refuses it before
		}
		return tocRow{form: tocSum, unit: unit, sum: string(a), lines: []string{label}, height: t.entryHeight(1)}
	}
	for i, f := range forms {
		if group && (i == 0 || f.Unit != unit) {
			if i > 0 {
				t.rows = append(t.rows, sumRow("小计", unit, unitAmounts))
				unitAmounts = nil
			}
			unit = f.Unit
			t.rows = append(t.rows, t.heading(unit, unitName(unit), ""))
		}
		lines := breakMax(m, layout.Body, t.size, t.nameW, f.Project, "", t.maxLines)
		t.rows = append(t.rows, tocRow{form: i, unit: unit, lines: lines, height: t.entryHeight(len(lines))})
		unitAmounts = append(unitAmounts, formsOf[i].YearAmount)
		allAmounts = append(allAmounts, formsOf[i].YearAmount)
	}
	if group && len(forms) > 0 {
		t.rows = append(t.rows, sumRow("小计", unit, unitAmounts), sumRow("合计", "", allAmounts))
	}
	for _, r := range t.rows {
		if r.form == tocSum && t.amountR-t.amountX(0, r.sum) > amountW {
			return nil, fmt.Errorf("binder: contents: the sum %s is wider than the amount column", r.sum)
		}
	}

	// Greedy pagination; a row never splits, a unit heading never ends a
	// page, a sum never starts one, and a unit continued on a new page is
	// named again there.
	// kept is the height of row i and of the rows that stay on its page:
	// the sums after an entry (a page of the contents never starts with a
	// 小计 or the 合计), and a heading's first entry with those.
	var kept func(i int) layout.Length
	kept = func(i int) layout.Length {
		r := t.rows[i]
		need := r.height
		switch {
		case r.form == tocHeading && i+1 < len(t.rows):
			need += kept(i + 1)
		case r.form >= 0:
			for j := i + 1; j < len(t.rows) && t.rows[j].form == tocSum; j++ {
				need += t.rows[j].height
			}
		}
		return need
	}
	used := avail + 1
	for i, r := range t.rows {
		need := kept(i)
		if used+need > avail && used > 0 {
			t.split = append(t.split, i)
			used = 0
			var cont tocRow
			if group && (r.form >= 0 || (r.form == tocSum && r.unit != "")) {
				cont = t.heading(r.unit, unitName(r.unit), "（续）")
				used = cont.height
			}
			t.cont = append(t.cont, cont)
			if used+need > avail {
				// Cannot happen with rows of at most maxLines lines; kept so
				// that nothing is ever drawn past the bottom margin.
				return nil, fmt.Errorf("binder: contents: entry %d does not fit on a page", i+1)
			}
		}
		used += r.height
	}
	return t, nil
}

// Kinds of rows of the contents that are not a form.
const (
	tocHeading = -1 // a unit heading
	tocSum     = -2 // a unit's 小计, or the 合计
)

// tocLines is the most lines a name takes in the contents.
const tocLines = 4

// entryHeight is the height of a form's row of n lines.
func (t *toc) entryHeight(n int) layout.Length { return layout.Length(n)*t.lh + 2*t.padY }

// headingHeight is the height of a unit heading of n lines.
func (t *toc) headingHeight(n int) layout.Length {
	return layout.Length(n)*t.lh + 2*t.padY + t.size/2
}

// heading returns the row of a unit's heading showing name and then tail
// (「（续）」 on a page that continues the unit), cut short at t.maxLines.
func (t *toc) heading(unit, name, tail string) tocRow {
	x0, x1 := t.g.box(0)
	lines := breakMax(t.m, layout.Title, t.size, x1-x0, name, tail, t.maxLines)
	return tocRow{form: -1, unit: unit, lines: lines, height: t.headingHeight(len(lines))}
}

func (t *toc) pageCount() int { return len(t.split) }

// pages draws the contents, whose first page will be at index first,
// handing each page to yield as it is drawn.
func (t *toc) pages(first int, yield func(*layout.Page) error) error {
	m, o := t.m, t.g.opt
	for k, start := range t.split {
		end := len(t.rows)
		if k+1 < len(t.split) {
			end = t.split[k+1]
		}
		p := first + k
		pg := &layout.Page{Width: t.g.width, Height: t.g.height, Label: fmt.Sprintf("toc %d", k+1)}
		x0, x1 := t.g.box(p)

		head := "目　录"
		if k > 0 {
			head = "目　录（续）"
		}
		hw := layout.TextWidth(head, layout.Title, t.headSize, m)
		hi := textItem(m, layout.Title, t.headSize, x0+(x1-x0-hw)/2, o.Top+t.headSize, head, "title")
		if k == 0 {
			// Structure: the heading, then the TOC of one TOCI a row; the
			// repeated heading and the column heads are artifacts.
			hi.Elem = layout.NewElem(layout.H1, nil, 0)
			t.elem = layout.NewElem(layout.TOC, nil, 0)
		}
		pg.Items = append(pg.Items, hi)

		// Column heads, then a rule.
		top := o.Top + t.headSize*2
		by := top + layout.Baseline(t.lh, t.colSize)
		right := func(s string, r layout.Length) {
			pg.Items = append(pg.Items, textItem(m, layout.Title, t.colSize, r-layout.TextWidth(s, layout.Title, t.colSize, m), by, s, "label"))
		}
		right("序号", x0+t.numW)
		pg.Items = append(pg.Items, textItem(m, layout.Title, t.colSize, x0+t.nameX, by, "项目名称", "label"))
		right("本年度金额（万元）", x0+t.amountR)
		right("页码", x1)
		ry := top + t.lh
		pg.Items = append(pg.Items, layout.Item{Kind: layout.Rule, X: x0, Y: ry, X2: x1, Y2: ry, Stroke: layout.Pt / 2})

		y := t.bodyTop
		if c := t.cont[k]; c.lines != nil {
			t.drawUnit(pg, x0, y, c, nil)
			y += c.height
		}
		for i, r := range t.rows[start:end] {
			item := layout.NewElem(layout.TOCI, t.elem, start+i)
			switch r.form {
			case tocHeading:
				t.drawUnit(pg, x0, y, r, item)
			case tocSum:
				t.drawSum(pg, x0, y, r, item)
			default:
				t.drawEntry(pg, x0, x1, y, r, layout.NewElem(layout.LinkElem, item, 0))
			}
			y += r.height
		}
		if err := layout.AddFooter(pg, []string{roman(k + 1)}, m, o, p); err != nil {
			return err
		}
		if err := yield(pg); err != nil {
			return err
		}
	}
	return nil
}

// drawUnit draws a unit's heading, content of elem (nil: an artifact, the
// heading repeated on the next page).
func (t *toc) drawUnit(pg *layout.Page, x0, y layout.Length, r tocRow, elem *layout.Elem) {
	y += t.size/2 + t.padY
	for _, l := range r.lines {
		it := textItem(t.m, layout.Title, t.size, x0, y+layout.Baseline(t.lh, t.size), l, "unit")
		it.Elem = elem
		pg.Items = append(pg.Items, it)
		y += t.lh
	}
}

// drawSum draws a 小计 or 合计 line: the label under the names, the amount
// in the amount column, in the contents' own face.
func (t *toc) drawSum(pg *layout.Page, x0, y layout.Length, r tocRow, elem *layout.Elem) {
	bl := y + t.padY + layout.Baseline(t.lh, t.size)
	field := "subtotal"
	if r.unit == "" {
		field = "total"
	}
	label := textItem(t.m, layout.Body, t.size, x0+t.nameX, bl, r.lines[0], "label")
	sum := textItem(t.m, layout.Body, t.size, t.amountX(x0, r.sum), bl, r.sum, field)
	label.Elem, sum.Elem = elem, elem
	pg.Items = append(pg.Items, label, sum)
}

// split2 cuts an amount at its decimal point: "428" and ".125".
func (t *toc) split2(a string) (whole, frac string) {
	if i := strings.IndexByte(a, '.'); i >= 0 {
		return a[:i], a[i:]
	}
	return a, ""
}

// amountX is the left edge of amount a in the amount column of a page
// whose content box starts at x0: its decimal point at the column's
// common point, an amount without one ending there.
func (t *toc) amountX(x0 layout.Length, a string) layout.Length {
	whole, _ := t.split2(a)
	return x0 + t.amountR - t.fracW - layout.TextWidth(whole, layout.Body, t.size, t.m)
}

// drawEntry draws one form's line: number, name, dot leaders, amount, page
// number, and a link over the whole row to the form's first page: all
// content of the Link element link but the leaders, an artifact.
func (t *toc) drawEntry(pg *layout.Page, x0, x1, y layout.Length, r tocRow, link *layout.Elem) {
	n := len(pg.Items)
	defer func() {
		for i := n; i < len(pg.Items); i++ {
			if pg.Items[i].Field != "leader" {
				pg.Items[i].Elem = link
			}
		}
	}()
	m := t.m
	f := t.forms[r.form]
	top := y
	y += t.padY
	num := strconv.Itoa(f.Number)
	bl := y + layout.Baseline(t.lh, t.size)
	pg.Items = append(pg.Items, textItem(m, layout.Body, t.size, x0+t.numW-layout.TextWidth(num, layout.Body, t.size, m), bl, num, "number"))
	var end layout.Length
	for _, l := range r.lines {
		bl = y + layout.Baseline(t.lh, t.size)
		it := textItem(m, layout.Body, t.size, x0+t.nameX, bl, l, "project")
		pg.Items = append(pg.Items, it)
		end = it.X + it.W
		y += t.lh
	}
	amount := t.amounts[r.form]
	ax := t.amountX(x0, amount)
	pg.Items = append(pg.Items, textItem(m, layout.Body, t.size, ax, bl, amount, "amount"))
	if lead := t.leader(x0, end+t.size/2, ax-t.size/2, bl); lead.Text != "" {
		pg.Items = append(pg.Items, lead)
	}
	folio := strconv.Itoa(f.Folio)
	pg.Items = append(pg.Items,
		textItem(m, layout.Body, t.size, x1-layout.TextWidth(folio, layout.Body, t.size, m), bl, folio, "page"),
		layout.Item{Kind: layout.Link, X: x0, Y: top, W: x1 - x0, H: r.height, Target: f.First})
}

// leader returns dot leaders filling from..to on the baseline y, the dots
// set on a grid from the content box's left edge so that they line up from
// row to row.
func (t *toc) leader(x0, from, to, y layout.Length) layout.Item {
	dot := layout.TextWidth(".", layout.Body, t.size, t.m)
	if dot <= 0 {
		return layout.Item{}
	}
	pitch := t.size / 2
	spacing := max(pitch-dot, 0)
	pitch = dot + spacing
	start := x0 + (from-x0+pitch-1)/pitch*pitch
	n := int((to - start + spacing) / pitch)
	if n < 2 {
		return layout.Item{}
	}
	it := textItem(t.m, layout.Body, t.size, start, y, strings.Repeat(".", n), "leader")
	it.Spacing = spacing
	it.W += layout.Length(n-1) * spacing
	return it
}

// roman returns n in lower-case roman numerals (n ≥ 1).
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// pt formats a length for a message: points with three decimals.
func pt(v layout.Length) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%03d pt", sign, v/1000, v%1000)
}
