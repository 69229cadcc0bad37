package layout

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao/model"
)

// binderGeometry is the page frame of the binder's own pages (cover,
// contents), taken from the form layout's options so that they match the
// forms.
type binderGeometry struct {
	opt           Options // Mirror set for duplex
	width, height Length
}

func newBinderGeometry(opt Options, duplex bool) binderGeometry {
	opt.Mirror = duplex
	return binderGeometry{opt: opt, width: opt.Width, height: opt.Height}
}

// box returns the left and right edges of the content box of the page at
// index p of the binder, as the forms have it: with duplex, pages of odd
// index are verso, bound on the right.
func (g binderGeometry) box(p int) (x0, x1 Length) {
	x0 = g.opt.left(p%2 == 1)
	return x0, x0 + g.opt.contentWidth()
}

// bindFooter numbers a form page at index p of the binder: 第 N 页 共 M 页
// over the whole binder and, on a form of more than one page, 本表第 n 页 共
// m 页 under it, in the footer band where a single form has its own.
func bindFooter(pg *Page, m Measurer, g binderGeometry, p, folio, total, n, of int) error {
	texts := []string{PageFooter(folio, total)}
	if of > 1 {
		texts = append(texts, "本表"+PageFooter(n, of))
	}
	return AddFooter(pg, texts, m, g.opt, p)
}

// bindCover draws the binder's cover: title, year, unit, department, number
// of projects and the sums of their amounts. When a long title, 单位名称 or
// 主管部门 would take the cover past its bottom margin, they are cut short
// with 「…」 (the forms show them whole); a cover that cannot fit even then
// is an error.
func bindCover(b *model.Book, forms []*model.Form, m Measurer, g binderGeometry) (*Page, error) {
	total := make([]model.Amount, len(forms))
	year := make([]model.Amount, len(forms))
	for i, f := range forms {
		total[i], year[i] = f.TotalAmount, f.YearAmount
	}
	sumTotal, err := model.Sum(total)
	if err != nil {
		return nil, fmt.Errorf("layout: binder: 项目总金额: %w", err)
	}
	sumYear, err := model.Sum(year)
	if err != nil {
		return nil, fmt.Errorf("layout: binder: 本年度项目金额: %w", err)
	}
	c := bindCoverText{
		title: bindTitle(b),
		year:  bindYear(b),
		rows: [][2]string{
			{"单位名称：", bindCommon(forms, func(f *model.Form) string { return f.Unit })},
			{"主管部门：", bindCommon(forms, func(f *model.Form) string { return f.Department })},
			{"项目数量：", fmt.Sprintf("%d 个", len(forms))},
			{"项目总金额合计：", string(sumTotal) + " 万元"},
			{"本年度项目金额合计：", string(sumYear) + " 万元"},
		},
	}
	for _, k := range bindCoverCaps {
		if pg := c.draw(m, g, k[0], k[1]); pg != nil {
			return pg, nil
		}
	}
	x0, x1 := g.box(0)
	return nil, fmt.Errorf("layout: binder: cover: the title and particulars do not fit in a content box of %s × %s, even cut to a line each",
		fmtLen(x1-x0), fmtLen(g.height-g.opt.Top-g.opt.Bottom))
}

// bindCoverCaps are the limits tried in turn on the lines of the cover's
// title and of its long values (单位名称, 主管部门), 0 for none: the values
// are cut first, down to two lines, then the title.
var bindCoverCaps = [][2]int{{0, 0}, {0, 4}, {0, 3}, {0, 2}, {4, 2}, {3, 2}, {2, 2}, {2, 1}, {1, 1}}

// bindCoverLong is the number of rows of bindCoverText.rows, from the first,
// whose values may be cut short: the unit and the department. The count and
// the sums are never cut.
const bindCoverLong = 2

// bindCoverText is what the cover shows.
type bindCoverText struct {
	title string
	year  int
	rows  [][2]string // label, value
}

// draw lays the cover out with at most titleMax lines of title and
// valueMax lines of each long value (0 for no limit), and returns nil when
// something does not lie in the content box.
func (c *bindCoverText) draw(m Measurer, g binderGeometry, titleMax, valueMax int) *Page {
	pg := &Page{Width: g.width, Height: g.height, Label: "cover"}
	x0, x1 := g.box(0)
	cw := x1 - x0
	centre := func(role Role, size, y Length, s, field string) {
		w := textWidth(s, role, size, m)
		pg.Items = append(pg.Items, binderText(m, role, size, x0+(cw-w)/2, y, s, field))
	}

	// The title, large, in the upper third; the year under it.
	ts := g.opt.TitleSize * 3 / 2
	tl := ts * 3 / 2
	y := g.height * 22 / 100
	var bottom Length // of the title block's last line
	for _, l := range binderBreakMax(m, Title, ts, cw-2*ts, c.title, "", titleMax) {
		centre(Title, ts, y, l, "title")
		bottom = y + ts*descentEm/1000
		y += tl
	}
	if c.year != 0 {
		y += ts / 2
		centre(Body, g.opt.TitleSize, y, strconv.Itoa(c.year)+"年度", "year")
		bottom = y + g.opt.TitleSize*descentEm/1000
	}

	// The particulars, as labelled blanks filled in, from the middle of the
	// page, or a line below a long title.
	size := g.opt.TitleSize * 7 / 9 // 14 pt with the default 18 pt title
	lh := size * 2
	var labelW Length
	for _, r := range c.rows {
		labelW = max(labelW, textWidth(r[0], Body, size, m))
	}
	// The block is centred, no wider than 140 mm even on landscape paper.
	bw := min(cw-cw/10, 140*MM)
	lx := x0 + (cw-bw)/2
	vx := lx + labelW
	right := lx + bw
	vw := right - vx
	top := max(g.height*50/100, bottom+lh)
	for i, r := range c.rows {
		limit := 0
		if i < bindCoverLong {
			limit = valueMax
		}
		bl := top + baseline(lh, size)
		pg.Items = append(pg.Items, binderText(m, Body, size, vx-textWidth(r[0], Body, size, m), bl, r[0], "label"))
		for _, l := range binderBreakMax(m, Body, size, vw-size, r[1], "", limit) {
			bl = top + baseline(lh, size)
			pg.Items = append(pg.Items,
				binderText(m, Body, size, vx+size/2, bl, l, "cover"),
				Item{Kind: Rule, X: vx, Y: bl + size/4, X2: right, Y2: bl + size/4, Stroke: Pt / 2})
			top += lh
		}
	}
	if !bindInside(pg, x0, x1, g.opt.Top, g.height-g.opt.Bottom) {
		return nil
	}
	return pg
}

// bindInside reports whether every item of pg lies in the box x0…x1 ×
// y0…y1, a text's box reaching as high and low as Check has it.
func bindInside(pg *Page, x0, x1, y0, y1 Length) bool {
	for _, it := range pg.Items {
		var ax, ay, bx, by Length
		switch it.Kind {
		case Text:
			ax, ay, bx, by = it.X, it.Y-it.Size*ascentEm/1000, it.X+it.W, it.Y+it.Size*descentEm/1000
		case Rule:
			ax, ay, bx, by = min(it.X, it.X2), min(it.Y, it.Y2), max(it.X, it.X2), max(it.Y, it.Y2)
		default:
			ax, ay, bx, by = it.X, it.Y, it.X+it.W, it.Y+it.H
		}
		if ax < x0 || bx > x1 || ay < y0 || by > y1 {
			return false
		}
	}
	return true
}

// bindTOCRow is one row of the table of contents: a unit heading or a form.
type bindTOCRow struct {
	form   int      // index into the binder's forms; -1 for a unit heading
	unit   string   // the unit of a heading (grouped contents only)
	lines  []string // the project or unit name, broken
	height Length
}

// bindTOC is the table of contents, broken into pages before the pages are
// drawn: its length depends only on the rows, never on the page numbers.
type bindTOC struct {
	m     Measurer
	g     binderGeometry
	forms []BinderForm
	rows  []bindTOCRow
	split []int        // index of the first row of each page
	cont  []bindTOCRow // per page, the heading 「单位（续）」 of a unit continued from the page before

	size, lh                  Length // entry text size and line pitch
	headSize, colSize         Length // the 目录 heading and the column heads
	numW, nameX, nameW        Length // offsets from the content box's left edge
	amountR, pageW, gap, padY Length
	amounts                   []string
	bodyTop                   Length // y of the first row on every page
	maxLines                  int    // the most lines of a name or heading
}

func newBindTOC(forms []BinderForm, formsOf []*model.Form, m Measurer, g binderGeometry, group bool) (*bindTOC, error) {
	t := &bindTOC{m: m, g: g, forms: forms}
	o := g.opt
	t.size = o.BodySize
	t.lh = o.lineHeight(o.BodySize)
	t.padY = t.size / 3
	t.headSize = o.TitleSize
	t.colSize = o.FooterSize
	t.gap = o.BodySize

	// Column widths come from the widest content, so that every page of the
	// contents has the same columns.
	t.amounts = make([]string, len(forms))
	t.numW = textWidth("序号", Title, t.colSize, m)
	amountW := textWidth("本年度金额（万元）", Title, t.colSize, m)
	t.pageW = textWidth("页码", Title, t.colSize, m)
	for i, f := range forms {
		a, err := model.Sum([]model.Amount{formsOf[i].YearAmount})
		if err != nil {
			a = formsOf[i].YearAmount // shown as written; Validate reports it
		}
		t.amounts[i] = string(a)
		amountW = max(amountW, textWidth(t.amounts[i], Body, t.size, m))
		t.numW = max(t.numW, textWidth(strconv.Itoa(f.Number), Body, t.size, m))
		t.pageW = max(t.pageW, textWidth(strconv.Itoa(f.Folio), Body, t.size, m))
	}
	x0, x1 := g.box(0)
	cw := x1 - x0
	t.nameX = t.numW + t.gap
	t.amountR = cw - t.pageW - 2*t.gap
	t.nameW = t.amountR - amountW - 2*t.gap - t.nameX

	t.bodyTop = o.Top + t.headSize*2 + t.lh + t.padY
	avail := g.height - o.Bottom - t.bodyTop
	if t.nameW < t.size {
		return nil, fmt.Errorf("layout: binder: contents: no room for the project names in a content box %s wide", fmtLen(cw))
	}

	// A row never splits, so a name is cut short (「…」) at the lines a page
	// can hold, with a unit heading above it: at most bindTOCLines. The
	// bookmarks keep the whole names.
	t.maxLines = bindTOCLines
	for ; t.maxLines > 0; t.maxLines-- {
		need := t.entryHeight(t.maxLines)
		if group {
			need += t.headingHeight(t.maxLines)
		}
		if need <= avail {
			break
		}
	}
	if t.maxLines == 0 {
		return nil, fmt.Errorf("layout: binder: contents: no room for an entry between the heading and the footer (%s)", fmtLen(avail))
	}

	unit := ""
	for i, f := range forms {
		if group && (i == 0 || f.Unit != unit) {
			unit = f.Unit
			t.rows = append(t.rows, t.heading(unit, bindUnitName(unit), ""))
		}
		lines := binderBreakMax(m, Body, t.size, t.nameW, f.Project, "", t.maxLines)
		t.rows = append(t.rows, bindTOCRow{form: i, unit: unit, lines: lines, height: t.entryHeight(len(lines))})
	}

	// Greedy pagination; a row never splits, a unit heading never ends a
	// page, and a unit continued on a new page is named again there.
	used := avail + 1
	for i, r := range t.rows {
		need := r.height
		if r.form < 0 && i+1 < len(t.rows) {
			need += t.rows[i+1].height
		}
		if used+need > avail && used > 0 {
			t.split = append(t.split, i)
			used = 0
			var cont bindTOCRow
			if group && r.form >= 0 {
				cont = t.heading(r.unit, bindUnitName(r.unit), "（续）")
				used = cont.height
			}
			t.cont = append(t.cont, cont)
			if used+need > avail {
				// Cannot happen with rows of at most maxLines lines; kept so
				// that nothing is ever drawn past the bottom margin.
				return nil, fmt.Errorf("layout: binder: contents: entry %d does not fit on a page", i+1)
			}
		}
		used += r.height
	}
	return t, nil
}

// bindTOCLines is the most lines a name takes in the contents.
const bindTOCLines = 4

// entryHeight is the height of a form's row of n lines.
func (t *bindTOC) entryHeight(n int) Length { return Length(n)*t.lh + 2*t.padY }

// headingHeight is the height of a unit heading of n lines.
func (t *bindTOC) headingHeight(n int) Length { return Length(n)*t.lh + 2*t.padY + t.size/2 }

// heading returns the row of a unit's heading showing name and then tail
// (「（续）」 on a page that continues the unit), cut short at t.maxLines.
func (t *bindTOC) heading(unit, name, tail string) bindTOCRow {
	x0, x1 := t.g.box(0)
	lines := binderBreakMax(t.m, Title, t.size, x1-x0, name, tail, t.maxLines)
	return bindTOCRow{form: -1, unit: unit, lines: lines, height: t.headingHeight(len(lines))}
}

func (t *bindTOC) pageCount() int { return len(t.split) }

// pages draws the contents, whose first page will be at index first.
func (t *bindTOC) pages(first int) ([]*Page, error) {
	out := make([]*Page, 0, len(t.split))
	m, o := t.m, t.g.opt
	for k, start := range t.split {
		end := len(t.rows)
		if k+1 < len(t.split) {
			end = t.split[k+1]
		}
		p := first + k
		pg := &Page{Width: t.g.width, Height: t.g.height, Label: fmt.Sprintf("toc %d", k+1)}
		x0, x1 := t.g.box(p)

		head := "目　录"
		if k > 0 {
			head = "目　录（续）"
		}
		hw := textWidth(head, Title, t.headSize, m)
		pg.Items = append(pg.Items, binderText(m, Title, t.headSize, x0+(x1-x0-hw)/2, o.Top+t.headSize, head, "title"))

		// Column heads, then a rule.
		top := o.Top + t.headSize*2
		by := top + baseline(t.lh, t.colSize)
		right := func(s string, r Length) {
			pg.Items = append(pg.Items, binderText(m, Title, t.colSize, r-textWidth(s, Title, t.colSize, m), by, s, "label"))
		}
		right("序号", x0+t.numW)
		pg.Items = append(pg.Items, binderText(m, Title, t.colSize, x0+t.nameX, by, "项目名称", "label"))
		right("本年度金额（万元）", x0+t.amountR)
		right("页码", x1)
		ry := top + t.lh
		pg.Items = append(pg.Items, Item{Kind: Rule, X: x0, Y: ry, X2: x1, Y2: ry, Stroke: Pt / 2})

		y := t.bodyTop
		if c := t.cont[k]; c.lines != nil {
			t.drawUnit(pg, x0, y, c)
			y += c.height
		}
		for _, r := range t.rows[start:end] {
			if r.form < 0 {
				t.drawUnit(pg, x0, y, r)
			} else {
				t.drawEntry(pg, x0, x1, y, r)
			}
			y += r.height
		}
		if err := AddFooter(pg, []string{bindRoman(k + 1)}, m, o, p); err != nil {
			return nil, err
		}
		out = append(out, pg)
	}
	return out, nil
}

func (t *bindTOC) drawUnit(pg *Page, x0, y Length, r bindTOCRow) {
	y += t.size/2 + t.padY
	for _, l := range r.lines {
		pg.Items = append(pg.Items, binderText(t.m, Title, t.size, x0, y+baseline(t.lh, t.size), l, "unit"))
		y += t.lh
	}
}

// drawEntry draws one form's line: number, name, dot leaders, amount, page
// number, and a link over the whole row to the form's first page.
func (t *bindTOC) drawEntry(pg *Page, x0, x1, y Length, r bindTOCRow) {
	m := t.m
	f := t.forms[r.form]
	top := y
	y += t.padY
	num := strconv.Itoa(f.Number)
	bl := y + baseline(t.lh, t.size)
	pg.Items = append(pg.Items, binderText(m, Body, t.size, x0+t.numW-textWidth(num, Body, t.size, m), bl, num, "number"))
	var end Length
	for _, l := range r.lines {
		bl = y + baseline(t.lh, t.size)
		it := binderText(m, Body, t.size, x0+t.nameX, bl, l, "project")
		pg.Items = append(pg.Items, it)
		end = it.X + it.W
		y += t.lh
	}
	amount := t.amounts[r.form]
	aw := textWidth(amount, Body, t.size, m)
	ax := x0 + t.amountR - aw
	pg.Items = append(pg.Items, binderText(m, Body, t.size, ax, bl, amount, "amount"))
	if lead := t.leader(x0, end+t.size/2, ax-t.size/2, bl); lead.Text != "" {
		pg.Items = append(pg.Items, lead)
	}
	folio := strconv.Itoa(f.Folio)
	pg.Items = append(pg.Items,
		binderText(m, Body, t.size, x1-textWidth(folio, Body, t.size, m), bl, folio, "page"),
		Item{Kind: Link, X: x0, Y: top, W: x1 - x0, H: r.height, Target: f.First})
}

// leader returns dot leaders filling from..to on the baseline y, the dots
// set on a grid from the content box's left edge so that they line up from
// row to row.
func (t *bindTOC) leader(x0, from, to, y Length) Item {
	dot := textWidth(".", Body, t.size, t.m)
	if dot <= 0 {
		return Item{}
	}
	pitch := t.size / 2
	spacing := max(pitch-dot, 0)
	pitch = dot + spacing
	start := x0 + (from-x0+pitch-1)/pitch*pitch
	n := int((to - start + spacing) / pitch)
	if n < 2 {
		return Item{}
	}
	it := binderText(t.m, Body, t.size, start, y, strings.Repeat(".", n), "leader")
	it.Spacing = spacing
	it.W += Length(n-1) * spacing
	return it
}

// bindRoman returns n in lower-case bindRoman numerals (n ≥ 1).
func bindRoman(n int) string {
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
