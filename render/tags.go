package render

import (
	"errors"
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

// snode is a structure element of the part being drawn: what render
// needs of its layout.Elem, copied, so that the layout's elements of a
// finished part can be collected while the rest is drawn.
type snode struct {
	kind    layout.ElemKind
	scope   layout.Scope
	rowSpan int32
	order   int
	parent  *snode // nil: a child of the Document element
	// The children, a list in the order first drawn (in reading order
	// once the part is finished), and the next sibling: no slice to grow
	// for each element.
	first, last, next *snode
	kids              int32
	// The marked content and annotations, in drawing order: most
	// elements have one, c0, kept without a slice.
	c0   mcKid
	more []mcKid
	nc   int32
	// part is the number of the element's part (in the order parts
	// begin); local its index there, depth first in reading order, -1
	// until the part is finished.
	part, local int32
}

// addContent adds marked content or an annotation to n.
func (n *snode) addContent(k mcKid) {
	if n.nc == 0 {
		n.c0 = k
	} else {
		n.more = append(n.more, k)
	}
	n.nc++
}

// content returns n's i-th marked content or annotation.
func (n *snode) content(i int) mcKid {
	if i == 0 {
		return n.c0
	}
	return n.more[i-1]
}

// mcKid is a marked-content sequence (mcid ≥ 0) of page page, or a link
// annotation (annot ≥ 0, its index on the page).
type mcKid struct {
	page, mcid, annot int32
}

// elemID names an element once its part is finished: its part and its
// index there. part -1 is none.
type elemID struct{ part, local int32 }

// partInfo is a finished part: where its records are in the elements
// spill, how many elements it has and its Order among the Document's
// children.
type partInfo struct {
	order  int
	size   int
	off, n int64
}

// tagger builds the structure tree of one document and marks each page's
// content.
//
// What it keeps is bounded by one part (a form, the cover, the contents)
// and the pages that show it: a part (an element without a parent) is
// drawn whole before the next begins, as layout and the binder draw them,
// so when a new part begins, the one before is finished. Its elements are
// then sorted into reading order and written as compact records to a
// spill (spill.go): kind, scope, row span, parent and children by their
// index in the part, marked content as page and MCID. So are, once every
// element they show is finished, the elements of each page's MCIDs (for
// the parent tree). writeStructure turns the records into objects when
// the numbers of the objects are known, after the last page.
type tagger struct {
	nodes map[*layout.Elem]*snode // the current part's elements
	top   *snode                  // the current part, nil before the first
	parts []partInfo              // the finished parts, in the order they began
	count int                     // elements of the finished parts
	mcs   int                     // the MCIDs written to ptree, of every page
	elems *spill                  // the finished parts' records
	ptree *spill                  // per page: its MCIDs' elements, as part and index
	// The pages from firstPage on, not yet in ptree: the element of each
	// MCID. The last is the page being drawn.
	pages     [][]*snode
	firstPage int
	// The element of each link annotation of the document, in order;
	// those of unfinished parts wait in pendingAnnots.
	links         []elemID
	pendingAnnots []int32
	pendingNodes  []*snode
	pageAnnots    int // annotations on the page being drawn
	// The open marked-content sequence of the current page: none, an
	// artifact, or an element's.
	open    int // 0 none, 1 artifact, 2 element
	cur     *snode
	curElem *layout.Elem // cur's element: the lines of a cell, one after the other, look it up once
	nextMC  int
	// The current part's elements, in the order made; new ones are cut
	// from slab.
	partNodes []*snode
	slab      []snode
	slabSize  int
	// Reused while writing a finished part.
	order []*snode
	kids  []*snode
	buf   []byte
}

func newTagger() *tagger {
	return &tagger{nodes: map[*layout.Elem]*snode{}, elems: newSpill(), ptree: newSpill()}
}

// node returns the snode of e, making it and its ancestors as needed. A
// new part (e without a parent) finishes the one before: t forgets its
// layout elements, so that for a binder of thousands of forms only one
// form's are kept.
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
		t.finishPart()
		clear(t.nodes)
	}
	if len(t.slab) == 0 {
		// 16 first, doubling to 256: a form alone has a hundred or two.
		t.slabSize = min(max(2*t.slabSize, 16), 256)
		t.slab = make([]snode, t.slabSize)
	}
	n := &t.slab[0]
	t.slab = t.slab[1:]
	*n = snode{kind: e.Kind, scope: e.Scope, rowSpan: int32(e.RowSpan), order: e.Order, parent: parent, part: int32(len(t.parts)), local: -1}
	t.nodes[e] = n
	t.partNodes = append(t.partNodes, n)
	if parent != nil {
		if parent.last == nil {
			parent.first = n
		} else {
			parent.last.next = n
		}
		parent.last = n
		parent.kids++
	} else {
		t.top = n
	}
	return n
}

// finishPart writes the records of the current part, if any, and of the
// pages and annotations whose elements are all finished now.
func (t *tagger) finishPart() {
	top := t.top
	if top == nil {
		return
	}
	t.top = nil
	// Each element's children in reading order: by their Order, ties as
	// first drawn.
	for _, n := range t.partNodes {
		if n.kids > 1 {
			kids := t.kids[:0]
			for k := n.first; k != nil; k = k.next {
				kids = append(kids, k)
			}
			slices.SortStableFunc(kids, func(a, b *snode) int { return a.order - b.order })
			n.first, n.last = kids[0], kids[len(kids)-1]
			for i, k := range kids {
				k.next = nil
				if i > 0 {
					kids[i-1].next = k
				}
			}
			clear(kids)
			t.kids = kids[:0]
		}
	}
	clear(t.partNodes)
	t.partNodes = t.partNodes[:0]
	// Number the elements depth first in reading order, as they will be
	// written.
	order := t.order[:0]
	var walk func(n *snode)
	walk = func(n *snode) {
		n.local = int32(len(order))
		order = append(order, n)
		for k := n.first; k != nil; k = k.next {
			walk(k)
		}
	}
	walk(top)
	b := t.buf[:0]
	for _, n := range order {
		b = append(b, byte(n.kind), byte(n.scope))
		b = appendUvarint(b, int(n.rowSpan))
		parent := 0
		if n.parent != nil {
			parent = int(n.parent.local) + 1
		}
		b = appendUvarint(b, parent)
		b = appendUvarint(b, int(n.nc))
		for i := range int(n.nc) {
			k := n.content(i)
			b = appendUvarint(b, int(k.page))
			if k.annot >= 0 {
				b = appendUvarint(b, int(k.annot)<<1|1)
			} else {
				b = appendUvarint(b, int(k.mcid)<<1)
			}
		}
		b = appendUvarint(b, int(n.kids))
		for k := n.first; k != nil; k = k.next {
			b = appendUvarint(b, int(k.local))
		}
	}
	off := t.elems.size()
	t.elems.Write(b) // an error is kept, and returned by done
	t.parts = append(t.parts, partInfo{order: top.order, size: len(order), off: off, n: int64(len(b))})
	t.count += len(order)
	// The elements go with the part. Those the pages not yet in ptree
	// name keep their part and index, and nothing else: they share slabs
	// with other parts, which their pointers would keep alive, one
	// slab's parts holding on to the slab before and so on to the first.
	for _, n := range order {
		n.parent, n.first, n.last, n.next, n.more = nil, nil, nil, nil, nil
	}
	clear(order)
	t.order, t.buf = order[:0], b[:0]
	t.resolve(false)
}

// resolve writes the parent tree's records of the pages whose elements
// are all finished, in order, up to the page being drawn (all of them when
// final), and names the elements of the annotations whose part is
// finished.
func (t *tagger) resolve(final bool) {
	k := 0
	for ; k < len(t.pages); k++ {
		if !final && k == len(t.pages)-1 {
			break // the page being drawn
		}
		mcs := t.pages[k]
		if slices.ContainsFunc(mcs, func(n *snode) bool { return n.local < 0 }) {
			break
		}
		t.mcs += len(mcs)
		b := appendUvarint(t.buf[:0], len(mcs))
		for _, n := range mcs {
			b = appendUvarint(appendUvarint(b, int(n.part)), int(n.local))
		}
		t.ptree.Write(b)
		t.buf = b[:0]
		t.pages[k] = nil
	}
	t.pages = t.pages[k:]
	t.firstPage += k
	keep := 0
	for i, n := range t.pendingNodes {
		if n.local < 0 {
			t.pendingNodes[keep], t.pendingAnnots[keep] = n, t.pendingAnnots[i]
			keep++
			continue
		}
		t.links[t.pendingAnnots[i]] = elemID{n.part, n.local}
	}
	clear(t.pendingNodes[keep:])
	t.pendingNodes, t.pendingAnnots = t.pendingNodes[:keep], t.pendingAnnots[:keep]
}

// finish ends the document: the last part and every page are written.
func (t *tagger) finish() error {
	t.finishPart()
	t.resolve(true)
	clear(t.nodes)
	if err := t.elems.done(); err != nil {
		return err
	}
	return t.ptree.done()
}

// release removes the spills' files.
func (t *tagger) release() error {
	return errors.Join(t.elems.close(), t.ptree.close())
}

// beginPage starts the next page.
func (t *tagger) beginPage() {
	t.pages = append(t.pages, nil)
	t.pageAnnots = 0
	t.open, t.cur, t.curElem, t.nextMC = 0, nil, nil, 0
}

// page is the index of the page being drawn.
func (t *tagger) page() int { return t.firstPage + len(t.pages) - 1 }

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
	if t.open == 2 && t.curElem == e {
		return // the element's sequence is open
	}
	n := t.node(e)
	if t.open == 2 && t.cur == n {
		return
	}
	t.close(cs)
	last := len(t.pages) - 1
	mcid := t.nextMC
	t.nextMC++
	t.pages[last] = append(t.pages[last], n)
	n.addContent(mcKid{page: int32(t.page()), mcid: int32(mcid), annot: -1})
	// The standard types are regular names: no byte to escape.
	cs.b = append(append(cs.b, '/'), structType(e.Kind)...)
	cs.b = append(cs.b, " <</MCID "...)
	cs.b = appendInt(cs.b, mcid)
	cs.b = append(cs.b, ">> BDC\n"...)
	t.open, t.cur, t.curElem = 2, n, e
}

// close ends the open marked-content sequence.
func (t *tagger) close(cs *contentStream) {
	if t.open != 0 {
		cs.b = append(cs.b, "EMC\n"...)
	}
	t.open, t.cur, t.curElem = 0, nil, nil
}

// annot records the next link annotation of the current page as content
// of e (nil: none).
func (t *tagger) annot(e *layout.Elem) {
	id := elemID{-1, -1}
	if e != nil {
		n := t.node(e)
		n.addContent(mcKid{page: int32(t.page()), mcid: -1, annot: int32(t.pageAnnots)})
		t.pendingAnnots = append(t.pendingAnnots, int32(len(t.links)))
		t.pendingNodes = append(t.pendingNodes, n)
	}
	t.links = append(t.links, id)
	t.pageAnnots++
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
