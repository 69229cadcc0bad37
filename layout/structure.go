package layout

// The logical structure of a document (what a tagged PDF's structure tree
// holds), kept as small as a renderer needs: each item of a page names the
// element it belongs to (Item.Elem), and each element names its parent.
// Items without an element (running heads, footers, rules, fills, leader
// dots, the repeated header row of a continuation page) are artifacts:
// printed, but not part of the text a reader reads out. Nothing here knows
// what a PDF is; the element kinds are those of ISO 32000's standard
// structure types, which are also HTML's.

// ElemKind is the kind of a structure element.
type ElemKind uint8

const (
	Sect     ElemKind = iota // a form, the cover
	H1                       // the form title, the binder title
	P                        // a paragraph: the 年度 line, a signature entry, a cover line
	Table                    // the header block, the indicator table
	THead                    // the indicator table's header row group
	TBody                    // the indicator table's body
	TR                       // a table row, one however many pages it runs over
	TH                       // a header cell: a label
	TD                       // a data cell
	TOC                      // the binder's contents
	TOCI                     // one line of the contents
	LinkElem                 // a link: the contents line's texts and its link area
)

// Scope is the direction a header cell (TH) heads.
type Scope uint8

const (
	NoScope Scope = iota
	ScopeRow
	ScopeColumn
)

// Elem is a structure element. Elements are compared by identity: the
// items of a cell on two pages share one *Elem.
type Elem struct {
	Kind   ElemKind
	Parent *Elem // nil: a child of the document
	// Order places the element among its parent's children (a row's
	// cells by column, a table's rows by row): renderers sort siblings by
	// it, those of equal Order in the order their content is first drawn.
	Order   int
	RowSpan int   // TH, TD: rows the cell covers, 0 or 1 for one
	Scope   Scope // TH
}

// NewElem returns a new element of kind under parent, at order.
func NewElem(kind ElemKind, parent *Elem, order int) *Elem {
	return &Elem{Kind: kind, Parent: parent, Order: order}
}

// formElems are the structure elements of one form's grid, made as its
// pages are emitted, so that a cell continued on the next page, a row split
// across pages and a span cut by a page break each stay one element.
type formElems struct {
	sect, title, year     *Elem
	info, ind, head, body *Elem
	rows                  []*Elem   // by row
	cells                 [][]*Elem // by row and cell
	spans                 []*Elem
	sig                   map[[2]int]*Elem
	slab                  []Elem // where newElem takes the next element from
}

// elemSlab is how many elements newElem makes at a time: a form has a few
// hundred, each a pointer the pages keep, and one allocation for each was
// a fifth of laying a form out.
const elemSlab = 32

// newElem is NewElem, taking the element from the form's slab.
func (s *formElems) newElem(kind ElemKind, parent *Elem, order int) *Elem {
	if len(s.slab) == 0 {
		s.slab = make([]Elem, elemSlab)
	}
	e := &s.slab[0]
	s.slab = s.slab[1:]
	*e = Elem{Kind: kind, Parent: parent, Order: order}
	return e
}

// Order of the parts of a form among the form's children.
const (
	orderTitle = iota
	orderYear
	orderInfo
	orderIndicators
	orderSignature
)

func (g *grid) elems() *formElems {
	s := &g.st
	if s.sect == nil {
		s.sect = s.newElem(Sect, nil, 0)
		s.rows = make([]*Elem, len(g.rows))
		s.cells = make([][]*Elem, len(g.rows))
		s.spans = make([]*Elem, len(g.spans))
	}
	return s
}

func (g *grid) titleElem() *Elem {
	s := g.elems()
	if s.title == nil {
		s.title = s.newElem(H1, s.sect, orderTitle)
	}
	return s.title
}

func (g *grid) yearElem() *Elem {
	s := g.elems()
	if s.year == nil {
		s.year = s.newElem(P, s.sect, orderYear)
	}
	return s.year
}

// rowElem returns the TR of row ri: in the header block's table, or in the
// indicator table's THead (the header row) or TBody.
func (g *grid) rowElem(ri int) *Elem {
	s := g.elems()
	if s.rows[ri] != nil {
		return s.rows[ri]
	}
	var parent *Elem
	switch g.rows[ri].kind {
	case rowHeader, rowIndicator:
		if s.ind == nil {
			s.ind = s.newElem(Table, s.sect, orderIndicators)
		}
		if g.rows[ri].kind == rowHeader {
			if s.head == nil {
				s.head = s.newElem(THead, s.ind, 0)
			}
			parent = s.head
		} else {
			if s.body == nil {
				s.body = s.newElem(TBody, s.ind, 1)
			}
			parent = s.body
		}
	default:
		if s.info == nil {
			s.info = s.newElem(Table, s.sect, orderInfo)
		}
		parent = s.info
	}
	s.rows[ri] = s.newElem(TR, parent, ri)
	return s.rows[ri]
}

// cellElem returns the TH (a label) or TD of cell ci of row ri.
func (g *grid) cellElem(ri, ci int) *Elem {
	s := g.elems()
	if s.cells[ri] == nil {
		s.cells[ri] = make([]*Elem, len(g.rows[ri].cells))
	}
	if e := s.cells[ri][ci]; e != nil {
		return e
	}
	c := &g.rows[ri].cells[ci]
	e := s.newElem(TD, g.rowElem(ri), int(c.x0))
	if c.field == "label" {
		e.Kind, e.Scope = TH, ScopeRow
		if g.rows[ri].kind == rowHeader {
			e.Scope = ScopeColumn
		}
	}
	s.cells[ri][ci] = e
	return e
}

// spanElem returns the TD of span si (a 一级 or 二级 cell), a cell of its
// first row spanning its rows.
func (g *grid) spanElem(si int) *Elem {
	s := g.elems()
	if e := s.spans[si]; e != nil {
		return e
	}
	sp := &g.spans[si]
	e := s.newElem(TD, g.rowElem(sp.first), int(sp.cell.x0))
	e.RowSpan = sp.last - sp.first + 1
	s.spans[si] = e
	return e
}

// sigElem returns the paragraph of the signature entry in column col of
// signature row ri.
func (g *grid) sigElem(ri, col int) *Elem {
	s := g.elems()
	if s.sig == nil {
		s.sig = map[[2]int]*Elem{}
	}
	k := [2]int{ri, col}
	if e := s.sig[k]; e != nil {
		return e
	}
	e := s.newElem(P, s.sect, orderSignature+2*ri+col)
	s.sig[k] = e
	return e
}
