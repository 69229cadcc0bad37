package render

import (
	"io"

	"jixiao/layout"
)

// writeDocument writes a drawn document to out with the object writer.
// Objects are numbered in the order they are written: the catalog, the
// document information, the page tree, the shared resources, each page
// followed by its contents and links, the outline, the fonts.
func writeDocument(out io.Writer, d *drawn, fr Frame, opt Options) error {
	z := getDeflater()
	defer putDeflater(z)
	w := newPDFWriter(out, "1.7", z)

	catalog, info, tree, res := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	pages := make([]ref, len(d.pages))
	for i := range pages {
		pages[i] = w.alloc()
	}
	var outline ref
	if len(fr.Outline) > 0 {
		outline = w.alloc()
	}
	fontRefs := make([]ref, len(d.fonts))
	fontNames := make([]string, len(d.fonts))
	for i, u := range d.fonts {
		fontRefs[i] = w.alloc()
		fontNames[i] = u.res
	}

	c := w.catalog(catalog).pages(tree)
	if outline != 0 {
		c.outlines(outline).pageMode("UseOutlines")
	}
	if len(fr.Labels) > 0 {
		c.pageLabels(fr.Labels)
	}
	c.pageLayout("SinglePage").openFit(pages[0]).end()

	producer := Producer
	if opt.Version != "" {
		producer += " " + opt.Version
	}
	inf := w.info(info).entry("Title", fr.Meta.Title).entry("Author", fr.Meta.Author).entry("Subject", fr.Meta.Subject).
		entry("Creator", opt.Creator).entry("Producer", producer)
	inf.date("CreationDate", opt.Date).date("ModDate", opt.Date)
	inf.end()

	w.pageTree(tree).kids(pages).end()
	w.resources(res).fonts(fontNames, fontRefs).end()

	var annots []ref
	for i, p := range d.pages {
		contents := w.alloc()
		annots = annots[:0]
		for range p.links {
			annots = append(annots, w.alloc())
		}
		w.page(pages[i]).parent(tree).mediaBox(pt(p.width), pt(p.height)).resources(res).contents(contents).annots(annots).end()
		w.deflated(contents, p.contents).end()
		h := pt(p.height)
		for k, it := range p.links {
			top := pt(d.pages[it.Target].height)
			w.link(annots[k]).area(pt(it.X), h-pt(it.Y+it.H), pt(it.X+it.W), h-pt(it.Y)).dest(pages[it.Target], top).end()
		}
	}

	if outline != 0 {
		writeOutline(w, outline, fr.Outline, pages, d.pages)
	}
	for i, u := range d.fonts {
		if err := writeFont(w, u, fontRefs[i], subsetTag(u)+"+"+u.font.SubsetName()); err != nil {
			return err
		}
	}
	return w.finish(catalog, info, nil)
}

// writeOutline writes the outline root r and its entries: marks in order,
// each a child of the last entry one level up (checkFrame checked the
// levels), going to the top of its page.
func writeOutline(w *pdfWriter, r ref, marks []layout.Bookmark, pages []ref, drawn []drawnPage) {
	// Entry i's parent, siblings and children by index; -1 none. The
	// root's children are those of parent -1.
	type node struct {
		ref                             ref
		parent, prev, next, first, last int
		children                        int
	}
	nodes := make([]node, len(marks))
	rootFirst, rootLast, top := -1, -1, 0
	var stack []int // the last entry of each level so far
	for i, m := range marks {
		n := &nodes[i]
		*n = node{ref: w.alloc(), parent: -1, prev: -1, next: -1, first: -1, last: -1}
		stack = append(stack[:m.Level], i)
		first, last := &rootFirst, &rootLast
		if m.Level > 0 {
			n.parent = stack[m.Level-1]
			p := &nodes[n.parent]
			first, last = &p.first, &p.last
			p.children++
		} else {
			top++
		}
		if *first < 0 {
			*first = i
		} else {
			nodes[*last].next, n.prev = i, *last
		}
		*last = i
	}
	refOf := func(i int) ref {
		if i < 0 {
			return 0
		}
		return nodes[i].ref
	}
	w.outline(r).children(refOf(rootFirst), refOf(rootLast), top).end()
	for i, m := range marks {
		n := nodes[i]
		parent := r
		if n.parent >= 0 {
			parent = nodes[n.parent].ref
		}
		w.outlineItem(n.ref, m.Title, parent).siblings(refOf(n.prev), refOf(n.next)).
			children(refOf(n.first), refOf(n.last), n.children).
			dest(pages[m.Page], pt(drawn[m.Page].height)).end()
	}
}
