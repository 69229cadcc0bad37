package layout

import (
	"cmp"
	"slices"
	"sync"

	"jixiao/model"
)

// Stroke widths of the table borders.
const (
	frameStroke = 1 * Pt // the outer frame
	ruleStroke  = Pt / 2 // rules between cells
	sigStroke   = Pt / 2 // the blank lines of the signature block
)

// Where text stands in its line: layout places (and Check bounds) a text
// of size s with the top of its em box AscentEm×s/1000 above the baseline
// and the bottom DescentEm×s/1000 below it.
const (
	AscentEm  = 880 // in 1/1000 em
	DescentEm = 1000 - AscentEm
)

// Baseline returns the offset of the baseline below the top of a line box of
// height lh holding text of size: the em box centred in the line box.
func Baseline(lh, size Length) Length {
	return (lh-size)/2 + size*AscentEm/1000
}

// emitter writes the items of one page.
type emitter struct {
	g     *grid
	items []Item
	left  Length // left edge of the content box on this page
	elem  *Elem  // the structure element of the text appended next; nil an artifact
}

// text appends one line of text.
func (e *emitter) text(l Line, x, y, width Length, role Role, size Length, justify bool, field string) {
	if l.Text == "" {
		return
	}
	it := Item{Kind: Text, X: x, Y: y, W: l.Width, Role: role, Size: size, Text: l.Text, Field: field, Elem: e.elem}
	if justify {
		it.X += l.Indent
		it.Spacing = l.Spacing(width, size)
		if l.Runes > 1 {
			it.W += Length(l.Runes-1) * it.Spacing
		}
	} else {
		it.X += (width - l.Width) / 2
	}
	e.items = append(e.items, it)
}

// cellText sets lines in the rectangle x0…x1 × y0…y1 of a cell: centred
// vertically when middle is set, from the top otherwise.
func (e *emitter) cellText(c *cell, all, lines []Line, x0, x1, y0, y1 Length, middle bool) {
	g := e.g
	size, lh := g.opt.BodySize, g.lh
	n := len(lines)
	if n == 1 && lines[0].Text == "" {
		return
	}
	top := y0 + g.opt.PadY
	if middle {
		top = y0 + (y1-y0-Length(n)*lh)/2
	}
	width := x1 - x0 - 2*g.opt.PadX
	// A short value of up to three lines is centred line by line; a longer
	// one reads as running text.
	justify := c.align == alignJustify || (c.align == alignCenter && len(all) > 3)
	b := Baseline(lh, size)
	for k, l := range lines {
		e.text(l, x0+g.opt.PadX, top+Length(k)*lh+b, width, Body, size, justify, c.field)
	}
}

// segment is a border rule before merging.
type segment struct{ a, b, at Length } // from a to b along the line at

// emitPage writes the items of page pi of the grid's layout.
func (g *grid) emitPage(pi int, pf *pageFrags, verso bool) *Page {
	opt := g.opt
	sc := scratches.Get().(*emitScratch)
	defer sc.put()
	if len(sc.started) < len(g.rows) {
		sc.started = make([]bool, len(g.rows))
	}
	e := &emitter{g: g, left: opt.left(verso), items: sc.items[:0]}
	cw := opt.contentWidth()
	if pi == 0 {
		tl := opt.LineHeight(opt.TitleSize)
		y := opt.Top
		e.elem = g.titleElem()
		for _, l := range g.title {
			e.text(l, e.left, y+Baseline(tl, opt.TitleSize), cw, Title, opt.TitleSize, false, "title")
			y += tl
		}
		e.elem = g.yearElem()
		yl := Line{Text: g.year, Width: TextWidth(g.year, Body, opt.BodySize, g.m), Runes: len([]rune(g.year)), End: true}
		e.text(yl, e.left, y+Baseline(g.lh, opt.BodySize), cw, Body, opt.BodySize, false, "year")
	} else {
		// The running head, in the top margin: its line box ends headGap
		// above the table; the text starts at the left edge.
		hl := opt.LineHeight(opt.HeadSize)
		y := opt.Top - headGap - hl + Baseline(hl, opt.HeadSize)
		e.items = append(e.items, Item{Kind: Text, X: e.left, Y: y, W: g.head.Width, Role: Body, Size: opt.HeadSize, Text: g.head.Text, Field: "head"})
	}
	hs, vs := sc.hs[:0], sc.vs[:0]
	rect := func(x0, x1, y0, y1 Length) {
		hs = append(hs, segment{x0, x1, y1})
		vs = append(vs, segment{y0, y1, x1})
	}
	// Spans cut into fragments by this page: column → open fragment.
	spans := sc.spans[:0]
	var cur [2]int
	cur[0], cur[1] = -1, -1
	tableTop, tableBottom := Length(-1), Length(0)
	started := sc.started // rows whose first fragment is on this page
	for _, f := range pf.frags {
		r := &g.rows[f.row]
		if f.from == 0 && !f.copy {
			started[f.row] = true
		}
		if tableTop < 0 {
			tableTop = f.y
		}
		tableBottom = f.y + f.h
		for ci := range r.cells {
			c := &r.cells[ci]
			// A repeated header row, and a label repeated on a row's
			// continuation, are artifacts.
			e.elem = nil
			if !f.copy && (c.flow || f.from == 0) {
				e.elem = g.cellElem(f.row, ci)
			}
			x0, x1 := e.left+c.x0, e.left+c.x1
			rect(x0, x1, f.y, f.y+f.h)
			switch {
			case !c.flow:
				lines := c.lines
				if f.from > 0 && c.cont != nil {
					lines = c.cont
				}
				e.cellText(c, lines, lines, x0, x1, f.y, f.y+f.h, true)
			case f.whole:
				e.cellText(c, c.lines, c.lines, x0, x1, f.y, f.y+f.h, true)
			default:
				lines := c.lines
				if visibleLines(lines) == 0 || f.from >= len(lines) {
					continue
				}
				e.cellText(c, c.lines, lines[f.from:min(f.to, len(lines))], x0, x1, f.y, f.y+f.h, false)
			}
		}
		if f.copy {
			cur[0], cur[1] = -1, -1
			continue
		}
		for col, si := range r.spans {
			if si < 0 {
				continue
			}
			if cur[col] >= 0 && spans[cur[col]].span == si {
				spans[cur[col]].y1 = f.y + f.h
				continue
			}
			cur[col] = len(spans)
			spans = append(spans, openSpan{span: si, y0: f.y, y1: f.y + f.h})
		}
	}
	for _, o := range spans {
		s := &g.spans[o.span]
		c := &s.cell
		e.elem = nil // a span's label repeated on the next page is an artifact
		if started[s.first] {
			e.elem = g.spanElem(int(o.span))
		}
		x0, x1 := e.left+c.x0, e.left+c.x1
		rect(x0, x1, o.y0, o.y1)
		lines := c.lines
		y0 := o.y0
		if need := g.height(len(lines)); need > o.y1-o.y0 {
			// A fragment shorter than its label (only on pages too small
			// for it): set the label from the top rather than above the cell.
			e.cellText(c, lines, lines, x0, x1, y0, y0+need, true)
			continue
		}
		e.cellText(c, lines, lines, x0, x1, y0, o.y1, true)
	}
	if pf.sig > 0 {
		g.emitSignature(e, pf.sig)
	}
	if pf.stamp > 0 {
		// The stamp's label: a paragraph after the signature entries, its
		// lines one under another (placeStamp made room for them).
		e.elem = g.sigElem(len(g.sigRows), 0)
		for k, l := range g.sigLabel(model.StampLabel) {
			e.text(l, e.left+cw/2, pf.stamp+Length(k)*g.lh, l.Width, Body, opt.BodySize, false, "stamp")
		}
	}
	e.elem = nil
	// Borders last: inner rules (skipping the table's edges), merged where
	// they continue each other, then the heavier frame.
	if tableTop >= 0 {
		x0, x1 := e.left, e.left+cw
		e.rules(hs, true, x0, x1, tableTop, tableBottom)
		e.rules(vs, false, x0, x1, tableTop, tableBottom)
		e.items = append(e.items,
			Item{Kind: Rule, X: x0, Y: tableTop, X2: x1, Y2: tableTop, Stroke: frameStroke},
			Item{Kind: Rule, X: x1, Y: tableTop, X2: x1, Y2: tableBottom, Stroke: frameStroke},
			Item{Kind: Rule, X: x1, Y: tableBottom, X2: x0, Y2: tableBottom, Stroke: frameStroke},
			Item{Kind: Rule, X: x0, Y: tableBottom, X2: x0, Y2: tableTop, Stroke: frameStroke})
	}
	sc.items, sc.hs, sc.vs, sc.spans = e.items, hs, vs, spans
	return &Page{Width: opt.Width, Height: opt.Height, Items: append(make([]Item, 0, len(e.items)+opt.ItemRoom), e.items...)}
}

// emitScratch is what emitPage works in, reused from page to page: the
// page's items are appended to items and then copied into an array of their
// number (and opt.ItemRoom), so a page holds no slack, and building it makes
// that array alone.
type emitScratch struct {
	items   []Item
	hs, vs  []segment  // the cells' edges, before they are merged into rules
	spans   []openSpan // the fragments of row spans on the page
	started []bool     // by row: the row's first fragment is on the page
}

// openSpan is the fragment of a row span on one page, from y0 to y1.
type openSpan struct {
	span   int32
	y0, y1 Length
}

var scratches = sync.Pool{New: func() any { return new(emitScratch) }}

// put empties sc (its items point into the form) and gives it back.
func (sc *emitScratch) put() {
	clear(sc.items)
	clear(sc.started)
	sc.items = sc.items[:0]
	scratches.Put(sc)
}

// rules merges the segments of inner borders and appends them as Rules.
func (e *emitter) rules(segs []segment, horizontal bool, x0, x1, y0, y1 Length) {
	edge0, edge1 := x0, x1
	if horizontal {
		edge0, edge1 = y0, y1
	}
	kept := segs[:0]
	for _, s := range segs {
		if s.at != edge0 && s.at != edge1 && s.a < s.b {
			kept = append(kept, s)
		}
	}
	// By line, then start (and end: a total order, though segments that
	// tie on both are merged whatever their order).
	slices.SortFunc(kept, func(s, t segment) int {
		if c := cmp.Compare(s.at, t.at); c != 0 {
			return c
		}
		if c := cmp.Compare(s.a, t.a); c != 0 {
			return c
		}
		return cmp.Compare(s.b, t.b)
	})
	for i := 0; i < len(kept); {
		s := kept[i]
		j := i + 1
		for j < len(kept) && kept[j].at == s.at && kept[j].a <= s.b {
			s.b = max(s.b, kept[j].b)
			j++
		}
		it := Item{Kind: Rule, X: s.a, Y: s.at, X2: s.b, Y2: s.at, Stroke: ruleStroke}
		if !horizontal {
			it = Item{Kind: Rule, X: s.at, Y: s.a, X2: s.at, Y2: s.b, Stroke: ruleStroke}
		}
		e.items = append(e.items, it)
		i = j
	}
}

// titleHeight is the height of the title and year lines above the table.
func (g *grid) titleHeight() Length {
	return Length(len(g.title))*g.opt.LineHeight(g.opt.TitleSize) + g.lh + g.lh/2
}

// signatureLabels are the entries of the signature block, two a row. The
// form fills those that a field of the schema names (model.Field.Sign:
// 填报人, 联系电话, 填报日期); the others are left blank to sign.
var signatureLabels = [3][2]string{
	{"单位负责人（签字）", "财务负责人"},
	{"填报人", "联系电话"},
	{"填报日期", model.StampLabel},
}

// sigEntry is one entry of the signature block: its label and, when the
// form gives it, the field that fills its line and the value.
type sigEntry struct {
	label, key, value string
}

// signature layout: two columns, each entry a label and a line, the value
// (if any) written on the line.
func (g *grid) sigLabel(s string) []Line {
	cw := g.opt.contentWidth() / 2
	return BreakLines(s+"：", Body, g.opt.BodySize, cw-4*g.opt.BodySize, g.m)
}

// sigValue breaks an entry's value to the line after its label's last line.
func (g *grid) sigValue(e sigEntry, label []Line) []Line {
	if e.value == "" {
		return nil
	}
	size, cw := g.opt.BodySize, g.opt.contentWidth()/2
	w := cw - size - (label[len(label)-1].Width + size)
	return BreakLines(e.value, Body, size, max(w, size), g.m)
}

// sigWriteLines is the number of lines an entry has to write on, from its
// label's last line down: one for each line of its value, one when it has
// none.
func sigWriteLines(value []Line) int { return max(1, len(value)) }

func (g *grid) sigRowHeight(r [2]sigEntry) Length {
	n := 0
	for _, e := range r {
		l := g.sigLabel(e.label)
		n = max(n, len(l)-1+sigWriteLines(g.sigValue(e, l)))
	}
	return Length(n+1) * g.lh
}

// signatureHeight is the height of the signature block, with the line of
// space that separates it from the table.
func (g *grid) signatureHeight() Length {
	h := g.lh
	for _, r := range g.sigRows {
		h += g.sigRowHeight(r)
	}
	return h
}

func (g *grid) emitSignature(e *emitter, y Length) {
	size := g.opt.BodySize
	cw := g.opt.contentWidth() / 2
	b := Baseline(g.lh, size)
	y += g.lh
	for ri, r := range g.sigRows {
		rh := g.sigRowHeight(r)
		for col, s := range r {
			e.elem = g.sigElem(ri, col)
			x := e.left + Length(col)*cw
			lines := g.sigLabel(s.label)
			value := g.sigValue(s, lines)
			// Entries end together: labels and values at the row's bottom.
			top := y + rh - g.lh*Length(len(lines)-1+sigWriteLines(value)) - g.lh/2
			for k, l := range lines {
				e.text(l, x, top+Length(k)*g.lh+b, l.Width, Body, size, false, "signature")
			}
			last := lines[len(lines)-1]
			ly := top + Length(len(lines)-1)*g.lh
			ry := ly + b + size*DescentEm/1000
			rx0, rx1 := x+last.Width+size/2, x+cw-size
			// A line to write on for each line of the value: a wrapped
			// value is underlined to its end, as a clerk writes one by hand.
			for k := range sigWriteLines(value) {
				if rx1 > rx0 {
					ky := ry + Length(k)*g.lh
					e.items = append(e.items, Item{Kind: Rule, X: rx0, Y: ky, X2: rx1, Y2: ky, Stroke: sigStroke})
				}
			}
			for k, l := range value {
				e.text(l, rx0+size/2, ly+Length(k)*g.lh+b, l.Width, Body, size, false, s.key)
			}
		}
		y += rh
	}
}
