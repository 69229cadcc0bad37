package layout

import (
	"fmt"

	"jixiao/model"
)

// frag is a row, or a part of one, placed on a page.
type frag struct {
	row      int
	y, h     Length // top and height, in page coordinates
	from, to int    // the flowing cells show their lines from…to-1
	whole    bool   // the whole row: cells centred vertically
	copy     bool   // a repetition of the indicator header row
}

// pageFrags is the table part of one page.
type pageFrags struct {
	frags []frag
	top   Length // top of the table
	sig   Length // top of the signature block; 0 if none on this page
	stamp Length // baseline of the line 单位（盖章）： of a form without the block; 0 if none
}

// paginator distributes the rows of a grid over pages.
type paginator struct {
	g      *grid
	pages  []pageFrags
	y      Length
	bottom Length
	steps  int
}

func (p *paginator) cur() *pageFrags { return &p.pages[len(p.pages)-1] }

func (p *paginator) newPage() {
	top := p.g.opt.Top
	if len(p.pages) == 0 {
		top += p.g.titleHeight()
	}
	p.pages = append(p.pages, pageFrags{top: top})
	p.y = top
}

// content counts the frags of the current page that are not a repeated header.
func (p *paginator) content() int {
	fr := p.cur().frags
	if len(fr) > 0 && fr[0].copy { // a repeated header is only ever first
		return len(fr) - 1
	}
	return len(fr)
}

// fragStart returns the top of the fragment of span s on the current page,
// or y if none of its rows is on the page yet.
func (p *paginator) fragStart(s *span, y Length) Length {
	fr := p.cur().frags
	for k := len(fr) - 1; k >= 0 && !fr[k].copy && fr[k].row >= s.first; k-- {
		y = fr[k].y
	}
	return y
}

// growth is how much a row placed at y with height h must grow so that the
// spans ending with it are tall enough for their labels: a span's surplus
// goes to its last row, once the heights of all its rows are known.
func (p *paginator) growth(i int, y, h Length) Length {
	var d Length
	for _, si := range p.g.rows[i].spans {
		if si < 0 {
			continue
		}
		s := &p.g.spans[si]
		if s.last != i {
			continue
		}
		d = max(d, p.g.spanHeight(s)-(y+h-p.fragStart(s, y)))
	}
	return d
}

// rest returns the number of lines of row r still to place from line from,
// and their height.
func (g *grid) rest(r *row, from int) (int, Length) {
	if from == 0 {
		return r.flowLines, g.height(max(r.flowLines, r.fixLines))
	}
	return r.flowLines - from, g.height(max(r.flowLines-from, r.contLines))
}

// fragHeight is the height of the fragment of r showing lines from…to-1.
func (g *grid) fragHeight(r *row, from, to int) Length {
	fix := r.contLines
	if from == 0 {
		fix = r.fixLines
	}
	return g.height(max(to-from, fix))
}

// capacity is the height a row has on a fresh continuation page.
func (p *paginator) capacity(r *row) Length {
	c := p.bottom - p.g.opt.Top
	if r.kind == rowIndicator {
		c -= p.g.height(p.g.rows[p.g.header].fixLines)
	}
	return c
}

// flow places rows i… starting with line from of row i.
func (p *paginator) flow(i, from int) error {
	g := p.g
	limit := 4 * (len(g.rows) + 16)
	for _, r := range g.rows {
		limit += 4 * r.flowLines
	}
	for i < len(g.rows) {
		if p.steps++; p.steps > limit {
			return fmt.Errorf("layout: %s: pagination does not terminate", g.rows[i].name)
		}
		r := &g.rows[i]
		if r.kind == rowIndicator && len(p.cur().frags) == 0 {
			hh := g.height(g.rows[g.header].fixLines)
			p.cur().frags = append(p.cur().frags, frag{row: g.header, y: p.y, h: hh, whole: true, copy: true})
			p.y += hh
		}
		empty := p.content() == 0
		n, h := g.rest(r, from)
		h += p.growth(i, p.y, h)
		var keep Length
		if i == g.header && i+1 < len(g.rows) {
			// The header row never ends a page: keep it with the next row.
			next := &g.rows[i+1]
			_, keep = g.rest(next, 0)
			for _, si := range next.spans {
				if si >= 0 && g.spans[si].last == i+1 {
					keep = max(keep, g.spanHeight(&g.spans[si]))
				}
			}
			if keep > p.capacity(next) {
				keep = g.height(max(1, next.fixLines)) // it will be split anyway
			}
		}
		if p.y+h <= p.bottom && (p.y+h+keep <= p.bottom || empty) {
			p.cur().frags = append(p.cur().frags, frag{row: i, y: p.y, h: h, from: from, to: r.flowLines, whole: from == 0})
			p.y += h
			i, from = i+1, 0
			continue
		}
		tall := h > p.capacity(r)
		if (r.long || tall || empty) && n > 0 {
			if k := p.fit(r, from, n, tall || empty); k > 0 {
				fh := g.fragHeight(r, from, from+k)
				p.cur().frags = append(p.cur().frags, frag{row: i, y: p.y, h: fh, from: from, to: from + k})
				p.y += fh
				from += k
				i, from = p.endPage(i, from)
				p.newPage()
				continue
			}
		}
		if empty {
			if len(p.pages) == 1 && len(p.cur().frags) == 0 {
				p.newPage() // the title left too little room: start the table on page 2
				continue
			}
			need, has := fmtLen(h), fmtLen(p.bottom-p.y)
			return formProblem(model.CodeRowTooTall, r.name, need, has)
		}
		i, from = p.endPage(i, from)
		p.newPage()
	}
	return nil
}

// fit returns how many lines of row r, from line from (n left), fit in the
// rest of the page: 0 if the row should not be split here. A long text keeps
// at least two lines on each side of a break unless it must be split.
func (p *paginator) fit(r *row, from, n int, must bool) int {
	g := p.g
	avail := p.bottom - p.y
	fix := r.contLines
	if from == 0 {
		fix = r.fixLines
	}
	if g.height(fix) > avail {
		return 0
	}
	// The fragment ends the page: the spans over it need room for their
	// labels here (endPage grows the fragment to that height).
	for _, si := range r.spans {
		if si >= 0 {
			s := &g.spans[si]
			if g.spanHeight(s)-(p.y-p.fragStart(s, p.y)) > avail {
				return 0
			}
		}
	}
	k := int((avail - 2*g.opt.PadY) / g.lh)
	k = min(k, n-1)
	if !must {
		if n < 4 {
			return 0
		}
		k = min(k, n-2)
		if k < 2 {
			return 0
		}
	}
	return max(k, 0)
}

// endPage ends the current page before line from of row i. A span cut by
// the break must leave a fragment tall enough for its label on this page:
// the last row grows, or moves to the next page if it cannot. It returns
// where the next page starts.
func (p *paginator) endPage(i, from int) (int, int) {
	g := p.g
	for {
		fr := p.cur().frags
		if len(fr) == 0 || i >= len(g.rows) {
			return i, from
		}
		last := &fr[len(fr)-1]
		if last.copy {
			return i, from
		}
		if last.row == g.header && p.content() >= 2 {
			i, from = p.pop() // the header row never ends a page
			continue
		}
		var d Length
		for _, si := range g.rows[last.row].spans {
			if si < 0 {
				continue
			}
			s := &g.spans[si]
			if s.first <= last.row && s.last >= i {
				d = max(d, g.spanHeight(s)-(p.y-p.fragStart(s, p.y)))
			}
		}
		if d <= 0 {
			return i, from
		}
		if p.y+d <= p.bottom {
			last.h += d
			p.y += d
			return i, from
		}
		if !last.whole || p.content() < 2 {
			return i, from
		}
		i, from = p.pop()
	}
}

// pop takes the last frag off the current page and returns where flowing
// resumes; a natural header row left last goes with it.
func (p *paginator) pop() (int, int) {
	pf := p.cur()
	last := pf.frags[len(pf.frags)-1]
	pf.frags = pf.frags[:len(pf.frags)-1]
	p.y = last.y
	if n := len(pf.frags); n > 1 && pf.frags[n-1].row == p.g.header && !pf.frags[n-1].copy {
		h := pf.frags[n-1]
		pf.frags = pf.frags[:n-1]
		p.y = h.y
		return h.row, 0
	}
	return last.row, 0
}

// paginate distributes the rows over pages, then the signature block, or
// without it the line 单位（盖章）：.
func (g *grid) paginate() ([]pageFrags, error) {
	p := &paginator{g: g, bottom: g.opt.Height - g.opt.Bottom}
	p.newPage()
	if err := p.flow(0, 0); err != nil {
		return nil, err
	}
	if g.sigRows != nil {
		if err := p.room(g.signatureHeight(), model.CodeSignatureTooTall); err != nil {
			return nil, err
		}
		p.cur().sig = p.y
	} else if err := p.placeStamp(); err != nil {
		return nil, err
	}
	return p.pages, nil
}

// room makes room for a block of height h after the table (the signature
// block, the stamp line): on the current page, else on a new one. The
// block never opens a page alone: the table's last row goes with it when
// it can. A page too small for the block is the problem code.
func (p *paginator) room(h Length, code string) error {
	if p.y+h <= p.bottom {
		return nil
	}
	if fr := p.cur().frags; p.content() >= 2 && fr[len(fr)-1].whole {
		i, from := p.pop()
		i, from = p.endPage(i, from)
		p.newPage()
		if err := p.flow(i, from); err != nil {
			return err
		}
	}
	if p.y+h > p.bottom {
		p.newPage()
		if p.y+h > p.bottom {
			return formProblem(code, "", fmtLen(h))
		}
	}
	return nil
}

// placeStamp places the line 单位（盖章）： of a form printed without the
// signature block, where the office stamps it: after the table, in the
// right-hand column, on the last page. When the table fills that page, a
// label of one line goes into the bottom margin above the page footer, so
// that it costs no page, if it fits there (stampInMargin); else it flows
// as the signature block does (room): to a new page, with the table's
// last row. A label that breaks (a narrow page) is set after the table,
// line under line.
func (p *paginator) placeStamp() error {
	g := p.g
	n := Length(len(g.sigLabel(model.StampLabel)))
	h := g.lh/2 + n*g.lh
	if p.y+h > p.bottom && n == 1 {
		if b := g.stampInMargin(p.bottom); b > 0 {
			p.cur().stamp = b
			return nil
		}
	}
	if err := p.room(h, model.CodeStampTooTall); err != nil {
		return err
	}
	p.cur().stamp = p.y + g.lh/2 + Baseline(g.lh, g.opt.BodySize)
	return nil
}

// stampInMargin returns the baseline of the stamp's line in the bottom
// margin of a page whose content ends at bottom, above the page footer of
// up to two lines (AddFooter refuses a footer that would reach it); 0 when
// the margin has no room for it.
func (g *grid) stampInMargin(bottom Length) Length {
	size := g.opt.BodySize
	b := bottom + size/4 + size*AscentEm/1000
	if b+size*DescentEm/1000+Pt <= footerTop(*g.opt, 2) {
		return b
	}
	return 0
}

// footerTop is the top of the first text of a page footer of n lines, as
// AddFooter sets it.
func footerTop(opt Options, n int) Length {
	flh := opt.LineHeight(opt.FooterSize)
	return opt.Height - opt.Bottom + (opt.Bottom-Length(n)*flh)/2 + (flh-opt.FooterSize)/2
}
