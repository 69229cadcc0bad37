package render

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"jixiao/layout"
)

// writeDocument writes a drawn document to out with the object writer.
// Objects are numbered in the order they are written: the catalog, the
// document information, the page tree, the shared resources, each page
// followed by its contents and links, the outline, the fonts.
func writeDocument(out io.Writer, d *drawn, fr layout.Frame, opt Options) error {
	z := getDeflater()
	defer putDeflater(z)
	version := "1.7"
	if opt.PDFA == PDFA1B {
		version = "1.4" // PDF/A-1 is based on PDF 1.4
	}
	// What the file may hold follows from its version (pdfWriter.since):
	// object streams and /Tabs are PDF 1.5, so PDF/A-1 has neither.
	w := newPDFWriter(out, version, true, z)
	// The workers that compress while the writer goes on; on every path
	// they end before writeDocument returns, and the jobs they have not
	// begun (after an error or Stop) are dropped.
	p := newPool(helpers(runtime.GOMAXPROCS(0)))
	defer p.close()
	if p.max > 0 && w.pack && d.tags.count+len(d.links)+len(fr.Outline) > 4*packPerStream {
		// Worth the workers from a few object streams on; a form alone
		// (render --out-dir) makes one.
		w.zp = p
	}
	// The fonts' subsets are cut and compressed while the rest is written.
	fonts := prepareFonts(p, d.fonts, opt.PDFA != NoPDFA)

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
	w.metadata(meta, xmpPacket(fr.Meta.Title, fr.Meta.Author, fr.Meta.Subject, opt.Creator, producer, opt.Date, opt.PDFA.part()))
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

	// Each page, its contents (read back from the spill) and its links;
	// annots[k] is the object of link k of the document, keys[k] its key
	// in the parent tree (-1: it is no element's).
	annots := make([]ref, len(d.links))
	keys := make([]int32, len(d.links))
	nextKey := len(d.pages) // parent tree keys: pages 0…n-1, then annotations
	var rd spillReader
	rd.reset(d.contents.section(0, d.contents.size()))
	var buf []byte
	for i, p := range d.pages {
		if w.err != nil {
			return w.err // the output failed (a full disk): the rest is not made
		}
		if opt.Stop != nil {
			if err := opt.Stop(); err != nil {
				return err
			}
		}
		contents := w.alloc()
		first, links := int(p.firstLink), d.pageLinks(i)
		for k := range links {
			annots[first+k] = w.alloc()
		}
		w.page(pages[i]).parent(tree).mediaBox(pt(p.width), pt(p.height)).resources(res).contents(contents).
			annots(annots[first : first+len(links)]).structParents(i).tabsByStructure().end()
		buf = slices.Grow(buf[:0], int(p.size))[:p.size]
		rd.full(buf)
		w.deflated(contents, buf).end()
		h := pt(p.height)
		for k, it := range links {
			top := pt(d.pages[it.target].height)
			l := w.link(annots[first+k]).area(pt(it.x), h-pt(it.y+it.h), pt(it.x+it.w), h-pt(it.y)).dest(pages[it.target], top)
			keys[first+k] = -1
			if d.tags.links[first+k].part >= 0 {
				keys[first+k] = int32(nextKey)
				l.structParent(nextKey, linkText(int(it.target)))
				nextKey++
			}
			l.end()
		}
	}
	if rd.err != nil {
		return rd.err
	}
	if w.err != nil {
		return w.err
	}
	if opt.Stop != nil {
		if err := opt.Stop(); err != nil {
			return err
		}
	}
	if err := writeStructure(w, d, structRoot, pages, annots, keys, nextKey); err != nil {
		return err
	}

	if outline != 0 {
		writeOutline(w, outline, fr.Outline, pages, d.pages)
	}
	if err := fonts.wait(); err != nil {
		return err
	}
	for i, u := range d.fonts {
		writeFont(w, u, fontRefs[i], subsetTag(u)+"+"+u.Font.SubsetName(), &fonts.fonts[i])
	}
	var trailer func(dict)
	if opt.PDFA != NoPDFA {
		trailer = trailerID(fileID(d, opt))
	}
	return w.finish(catalog, info, trailer)
}

// writeOutline writes the outline root r and its entries: marks in order,
// each a child of the last entry one level up (checkFrame checked the
// levels), going to the top of its page.
func writeOutline(w *pdfWriter, r ref, marks []layout.Bookmark, pages []ref, drawn []pageInfo) {
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
func linkText(target int) string {
	return "→ " + itoaPage(target+1)
}

func itoaPage(n int) string { return string(appendInt([]byte("p. "), n)) }

// writeStructure writes the structure tree: its root r, the Document
// element, every element in reading order (the parts' records, read back
// from the tagger's spill), and the parent tree. annots and keys are the
// objects and parent tree keys of the document's links.
func writeStructure(w *pdfWriter, d *drawn, r ref, pages []ref, annots []ref, keys []int32, nextKey int) error {
	t := d.tags
	doc, parentTree := w.alloc(), w.alloc()
	w.structTreeRoot(r, doc, parentTree, nextKey).end()
	// Number the elements depth first in reading order, so that the file
	// reads in that order too: the parts by their Order (ties as drawn),
	// each part's elements as its records list them.
	sorted := make([]int32, len(t.parts))
	for i := range sorted {
		sorted[i] = int32(i)
	}
	slices.SortStableFunc(sorted, func(a, b int32) int { return t.parts[a].order - t.parts[b].order })
	w.reserve(t.count)
	partRef := make([]ref, len(t.parts)) // each part's first element
	for _, p := range sorted {
		for k := range t.parts[p].size {
			r := w.alloc()
			if k == 0 {
				partRef[p] = r
			}
		}
	}
	e := w.structElem(doc, "Document", r).kids()
	for _, p := range sorted {
		e.kidElem(partRef[p])
	}
	e.endKids().end()
	var rd spillReader
	var content []mcKid
	for _, p := range sorted {
		part := t.parts[p]
		rd.reset(t.elems.section(part.off, part.n))
		base := partRef[p]
		for j := range part.size {
			kind, scope := layout.ElemKind(rd.byte()), layout.Scope(rd.byte())
			rowSpan := rd.uvarint()
			parent := doc
			if k := rd.uvarint(); k > 0 {
				parent = base + ref(k-1)
			}
			content = content[:0]
			for range rd.uvarint() {
				pg, v := rd.uvarint(), rd.uvarint()
				k := mcKid{page: int32(pg), mcid: int32(v >> 1), annot: -1}
				if v&1 != 0 {
					k.mcid, k.annot = -1, int32(v>>1)
				}
				content = append(content, k)
			}
			if rd.err != nil {
				return rd.err
			}
			s := w.structElem(base+ref(j), structType(kind), parent)
			pg := int32(-1)
			if len(content) > 0 {
				pg = content[0].page
				s.page(pages[pg])
			}
			scopeName := ""
			switch scope {
			case layout.ScopeRow:
				scopeName = "Row"
			case layout.ScopeColumn:
				scopeName = "Column"
			}
			s.tableAttrs(rowSpan, scopeName)
			s.kids()
			for _, k := range content {
				switch {
				case k.annot >= 0:
					s.kidOBJR(pages[k.page], annots[d.pages[k.page].firstLink+k.annot])
				case k.page == pg:
					s.kidMCID(int(k.mcid))
				default:
					s.kidMCR(pages[k.page], int(k.mcid))
				}
			}
			for range rd.uvarint() {
				s.kidElem(base + ref(rd.uvarint()))
			}
			s.endKids().end()
		}
	}
	pt := w.parentTree(parentTree)
	// The parent tree is one object as long as the pages' MCIDs (195 kB
	// for the 170-form binder, 1.2 MB for 1,000 forms): its room is made
	// once, not by doubling as it is written.
	w.b = slices.Grow(w.b, parentTreeRoom(len(d.pages), t.mcs, len(keys), len(w.offs)))
	rd.reset(t.ptree.section(0, t.ptree.size()))
	elems := []ref{}
	for i := range d.pages {
		elems = elems[:0]
		for range rd.uvarint() {
			part, local := rd.uvarint(), rd.uvarint()
			if rd.err != nil || part >= len(partRef) {
				return fmt.Errorf("structure records: page %d: %v", i+1, rd.err)
			}
			elems = append(elems, partRef[part]+ref(local))
		}
		pt.page(i, elems)
	}
	for k, key := range keys {
		if key >= 0 {
			id := t.links[k]
			pt.annot(int(key), partRef[id.part]+ref(id.local))
		}
	}
	pt.end()
	return rd.err
}

// parentTreeRoom is at least the bytes of a parent tree's entries for
// pages pages holding mcs MCIDs in all and links annotations, no object
// numbered objects or above: per page " key [" and "]", per MCID
// "n 0 R ", per link " key n 0 R".
func parentTreeRoom(pages, mcs, links, objects int) int {
	d := len(strconv.Itoa(objects))
	return pages*(d+4) + mcs*(d+5) + links*(2*d+6) + 16
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
