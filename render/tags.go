package render

import (
	"slices"

	"jixiao/layout"
)

// Tagged PDF: the structure tree is built while the pages are drawn, from
// the structure elements layout gives each item (layout/structure.go).
// Every text of an element is marked content with an MCID of its page;
// every other mark (rules, fills, leader dots, running heads, footers, the
// watermark) is an /Artifact. The tree is written with the document
// (document.go): an element's children are sorted by their Order, ties in
// the order first drawn, so that reading order is the table's, not the
// drawing's (layout draws a span's label after the rows it spans).

// snode is a structure element of the document being drawn: what render
// needs of its layout.Elem, copied, so that the layout's elements of a
// finished part can be collected while the rest is drawn.
type snode struct {
	kind    layout.ElemKind
	scope   layout.Scope
	rowSpan int32
	order   int
	parent  *snode // nil: a child of the Document element
	kids    []*snode
	content []mcKid // marked content and annotations, in drawing order
	ref     ref     // assigned when written
}

// mcKid is a marked-content sequence (mcid ≥ 0) of page page, or a link
// annotation (annot ≥ 0, its index on the page).
type mcKid struct {
	page, mcid, annot int32
}

// tagger builds the structure tree of one document and marks each page's
// content.
type tagger struct {
	nodes map[*layout.Elem]*snode
	top   []*snode // children of the Document element
	count int
	// Per page: the element of each MCID, and of each link annotation
	// (nil when it has none).
	pageMCs    [][]*snode
	pageAnnots [][]*snode
	// The open marked-content sequence of the current page: none, an
	// artifact, or an element's.
	open   int // 0 none, 1 artifact, 2 element
	cur    *snode
	nextMC int
}

func newTagger() *tagger { return &tagger{nodes: map[*layout.Elem]*snode{}} }

// node returns the snode of e, making it and its ancestors as needed.
//
// A part of the document (an element without a parent: a form, the cover,
// the contents) is drawn whole before the next begins, as layout and the
// binder draw them; so when a new part begins, the elements of the parts
// before are finished, and t forgets their layout elements: for a binder
// of thousands of forms only one form's are kept.
func (t *tagger) node(e *layout.Elem) *snode {
	if n := t.nodes[e]; n != nil {
		return n
	}
	// The parent first: a new part forgets the elements before it, and
	// must not forget this one.
	var parent *snode
	if e.Parent != nil {
		parent = t.node(e.Parent)
	} else {
		clear(t.nodes)
	}
	n := &snode{kind: e.Kind, scope: e.Scope, rowSpan: int32(e.RowSpan), order: e.Order, parent: parent}
	t.nodes[e] = n
	t.count++
	if parent != nil {
		parent.kids = append(parent.kids, n)
	} else {
		t.top = append(t.top, n)
	}
	return n
}

// beginPage starts page pi.
func (t *tagger) beginPage() {
	t.pageMCs = append(t.pageMCs, nil)
	t.pageAnnots = append(t.pageAnnots, nil)
	t.open, t.cur, t.nextMC = 0, nil, 0
}

// mark makes what is drawn next content of e (nil: an artifact), closing
// and opening marked-content sequences in cs as needed.
func (t *tagger) mark(cs *contentStream, e *layout.Elem) {
	if e == nil {
		if t.open == 1 {
			return
		}
		t.close(cs)
		cs.b = append(cs.b, "/Artifact BMC\n"...)
		t.open = 1
		return
	}
	n := t.node(e)
	if t.open == 2 && t.cur == n {
		return
	}
	t.close(cs)
	pi := len(t.pageMCs) - 1
	mcid := t.nextMC
	t.nextMC++
	t.pageMCs[pi] = append(t.pageMCs[pi], n)
	n.content = append(n.content, mcKid{page: int32(pi), mcid: int32(mcid), annot: -1})
	cs.b = appendName(cs.b, structType(e.Kind))
	cs.b = append(cs.b, " <</MCID "...)
	cs.b = appendInt(cs.b, mcid)
	cs.b = append(cs.b, ">> BDC\n"...)
	t.open, t.cur = 2, n
}

// close ends the open marked-content sequence.
func (t *tagger) close(cs *contentStream) {
	if t.open != 0 {
		cs.b = append(cs.b, "EMC\n"...)
	}
	t.open, t.cur = 0, nil
}

// annot records link annotation k of the current page as content of e.
func (t *tagger) annot(e *layout.Elem) {
	pi := len(t.pageAnnots) - 1
	var n *snode
	if e != nil {
		n = t.node(e)
		n.content = append(n.content, mcKid{page: int32(pi), mcid: -1, annot: int32(len(t.pageAnnots[pi]))})
	}
	t.pageAnnots[pi] = append(t.pageAnnots[pi], n)
}

// sorted returns the children of n (or of the Document, n nil) in reading
// order.
func (t *tagger) sorted(kids []*snode) []*snode {
	slices.SortStableFunc(kids, func(a, b *snode) int { return a.order - b.order })
	return kids
}

// structType is the standard structure type of an element kind.
func structType(k layout.ElemKind) string {
	switch k {
	case layout.Sect:
		return "Sect"
	case layout.H1:
		return "H1"
	case layout.P:
		return "P"
	case layout.Table:
		return "Table"
	case layout.THead:
		return "THead"
	case layout.TBody:
		return "TBody"
	case layout.TR:
		return "TR"
	case layout.TH:
		return "TH"
	case layout.TD:
		return "TD"
	case layout.TOC:
		return "TOC"
	case layout.TOCI:
		return "TOCI"
	case layout.LinkElem:
		return "Link"
	}
	return "Span"
}
