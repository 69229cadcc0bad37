package render

import (
	"io"
	"slices"
	"strings"

	"jixiao/layout"
)

// writeDocument writes a drawn document to out with the object writer.
// Objects are numbered in the order they are written: the catalog, the
// document information, the page tree, the shared resources, each page
// followed by its contents and links, the outline, the fonts.
func writeDocument(out io.Writer, d *drawn, fr Frame, opt Options) error {
	z := getDeflater()
	defer putDeflater(z)
	version := "1.7"
	if opt.PDFA == PDFA1B {
		version = "1.4" // PDF/A-1 is based on PDF 1.4
	}
	// Object streams, but not for PDF/A-1 (PDF 1.4 has none).
	w := newPDFWriter(out, version, opt.PDFA != PDFA1B, z)

	catalog, info, tree, res := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	structRoot, meta := w.alloc(), w.alloc()
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
	c.pageLayout("SinglePage").openFit(pages[0])
	c.markInfo().structTree(structRoot).lang(docLang).displayDocTitle().metadata(meta)
	var icc ref
	if opt.PDFA != NoPDFA {
		icc = w.alloc()
		c.outputIntent(icc, srgbName)
	}
	specs := make([]ref, len(opt.Attachments))
	names := make([]string, len(opt.Attachments))
	for i, a := range opt.Attachments {
		specs[i], names[i] = w.alloc(), a.Name
	}
	if len(specs) > 0 {
		c.embeddedFiles(sortedNames(names, specs)).associatedFiles(specs)
	}
	c.end()

	producer := Producer
	if opt.Version != "" {
		producer += " " + opt.Version
	}
	w.metadata(meta, xmpPacket(fr.Meta.Title, fr.Meta.Author, fr.Meta.Subject, opt.Creator, producer, opt.Date, opt.PDFA.part(), "B"))
	if icc != 0 {
		w.iccProfile(icc, sRGB, 3)
	}
	for i, a := range opt.Attachments {
		ef := w.alloc()
		w.fileSpec(specs[i], a.Name).description(a.Description).relationship(a.Relationship).file(ef).end()
		w.embeddedFile(ef, a.Data, a.MIME, opt.Date)
	}
	inf := w.info(info).entry("Title", fr.Meta.Title).entry("Author", fr.Meta.Author).entry("Subject", fr.Meta.Subject).
		entry("Creator", opt.Creator).entry("Producer", producer)
	inf.date("CreationDate", opt.Date).date("ModDate", opt.Date)
	inf.end()

	w.pageTree(tree).kids(pages).end()
	w.resources(res).fonts(fontNames, fontRefs).end()

	tags := d.tags
	annots := make([][]ref, len(d.pages))
	nextKey := len(d.pages) // parent tree keys: pages 0…n-1, then annotations
	annotKeys := make([][]int, len(d.pages))
	for i, p := range d.pages {
		contents := w.alloc()
		for range p.links {
			annots[i] = append(annots[i], w.alloc())
		}
		w.page(pages[i]).parent(tree).mediaBox(pt(p.width), pt(p.height)).resources(res).contents(contents).
			annots(annots[i]).structParents(i).end()
		w.deflated(contents, p.contents).end()
		h := pt(p.height)
		for k, it := range p.links {
			top := pt(d.pages[it.Target].height)
			l := w.link(annots[i][k]).area(pt(it.X), h-pt(it.Y+it.H), pt(it.X+it.W), h-pt(it.Y)).dest(pages[it.Target], top)
			key := -1
			if tags.pageAnnots[i][k] != nil {
				key = nextKey
				nextKey++
				l.structParent(key, linkText(d, it))
			}
			annotKeys[i] = append(annotKeys[i], key)
			l.end()
		}
	}
	writeStructure(w, tags, structRoot, pages, annots, annotKeys, nextKey)

	if outline != 0 {
		writeOutline(w, outline, fr.Outline, pages, d.pages)
	}
	for i, u := range d.fonts {
		if err := writeFont(w, u, fontRefs[i], subsetTag(u)+"+"+u.font.SubsetName(), opt.PDFA != NoPDFA); err != nil {
			return err
		}
	}
	var trailer func(dict)
	if opt.PDFA != NoPDFA {
		trailer = trailerID(fileID(d, fr, opt))
	}
	return w.finish(catalog, info, trailer)
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

// docLang is the natural language of every document: the forms are
// Chinese.
const docLang = "zh-CN"

// linkText is the alternate description of a link: where it goes.
func linkText(d *drawn, it layout.Item) string {
	return "→ " + itoaPage(it.Target+1)
}

func itoaPage(n int) string { return string(appendInt([]byte("p. "), n)) }

// writeStructure writes the structure tree: its root r, the Document
// element, every element in reading order, and the parent tree.
func writeStructure(w *pdfWriter, t *tagger, r ref, pages []ref, annots [][]ref, annotKeys [][]int, nextKey int) {
	doc, parentTree := w.alloc(), w.alloc()
	w.structTreeRoot(r, doc, parentTree, nextKey).end()
	// Number the elements depth first in reading order, so that the file
	// reads in that order too.
	var order []*snode
	var walk func(ns []*snode)
	walk = func(ns []*snode) {
		for _, n := range t.sorted(ns) {
			n.ref = w.alloc()
			order = append(order, n)
			walk(n.kids)
		}
	}
	walk(t.top)
	e := w.structElem(doc, "Document", r).kids()
	for _, n := range t.top {
		e.kidElem(n.ref)
	}
	e.endKids().end()
	for _, n := range order {
		parent := doc
		if n.parent != nil {
			parent = n.parent.ref
		}
		s := w.structElem(n.ref, structType(n.kind), parent)
		pg := int32(-1)
		if len(n.content) > 0 {
			pg = n.content[0].page
			s.page(pages[pg])
		}
		scope := ""
		switch n.scope {
		case layout.ScopeRow:
			scope = "Row"
		case layout.ScopeColumn:
			scope = "Column"
		}
		s.tableAttrs(int(n.rowSpan), scope)
		s.kids()
		for _, k := range n.content {
			switch {
			case k.annot >= 0:
				s.kidOBJR(pages[k.page], annots[k.page][k.annot])
			case k.page == pg:
				s.kidMCID(int(k.mcid))
			default:
				s.kidMCR(pages[k.page], int(k.mcid))
			}
		}
		for _, c := range n.kids {
			s.kidElem(c.ref)
		}
		s.endKids().end()
	}
	pt := w.parentTree(parentTree)
	elems := []ref{}
	for i, mcs := range t.pageMCs {
		elems = elems[:0]
		for _, n := range mcs {
			elems = append(elems, n.ref)
		}
		pt.page(i, elems)
	}
	for i, keys := range annotKeys {
		for k, key := range keys {
			if key >= 0 {
				pt.annot(key, t.pageAnnots[i][k].ref)
			}
		}
	}
	pt.end()
}

// sortedNames returns names and their objects sorted by name, as a name
// tree keeps them.
func sortedNames(names []string, refs []ref) ([]string, []ref) {
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(textString(names[a]), textString(names[b])) })
	n, r := make([]string, len(idx)), make([]ref, len(idx))
	for k, i := range idx {
		n[k], r[k] = names[i], refs[i]
	}
	return n, r
}
