package render

import (
	"strconv"
	"time"

	"jixiao/layout"
)

// The typed writers: one per kind of object, each writing the entries its
// kind has and nothing else, so that an entry is never written in the
// wrong dictionary and a new entry (issue 21: /Lang, /MarkInfo,
// /StructTreeRoot, /Metadata, /OutputIntents, /AF on the catalog,
// /StructParents on a page) is one more method. Each is begun with the
// object's number and ended with end().

// catalogW writes the document catalog.
type catalogW struct{ dict }

func (w *pdfWriter) catalog(r ref) catalogW {
	w.begin(r)
	w.raw("<<")
	return catalogW{dict{w}.name("Type", "Catalog")}
}

func (c catalogW) pages(r ref) catalogW    { c.ref("Pages", r); return c }
func (c catalogW) outlines(r ref) catalogW { c.ref("Outlines", r); return c }

// pageMode says what a viewer shows beside the page (UseOutlines).
func (c catalogW) pageMode(m string) catalogW   { c.name("PageMode", m); return c }
func (c catalogW) pageLayout(l string) catalogW { c.name("PageLayout", l); return c }

// openFit opens the document at page p, the whole page in the window.
func (c catalogW) openFit(p ref) catalogW {
	c.key("OpenAction").raw(" [").ref(p)
	c.w.raw(" /Fit]")
	return c
}

// pageLabels writes the page label number tree, inline.
func (c catalogW) pageLabels(labels []layout.PageLabel) catalogW {
	w := c.key("PageLabels").raw(" <</Nums [")
	for i, l := range labels {
		if i > 0 {
			w.raw(" ")
		}
		w.b = appendInt(w.b, l.Page)
		w.raw(" <<")
		d := dict{w}
		switch l.Style {
		case layout.Decimal:
			d.name("S", "D")
		case layout.LowerRoman:
			d.name("S", "r")
		}
		if l.Prefix != "" {
			d.text("P", l.Prefix)
		}
		if l.Start > 1 && l.Style != layout.NoNumber {
			d.int("St", l.Start)
		}
		w.raw(">>")
	}
	w.raw("]>>")
	return c
}

func (c catalogW) end() { c.w.raw(">>").end() }

// infoW writes the document information dictionary.
type infoW struct{ dict }

func (w *pdfWriter) info(r ref) infoW {
	w.begin(r)
	w.raw("<<")
	return infoW{dict{w}}
}

// entry writes a text entry (Title, Author, Subject, Creator, Producer)
// unless s is empty.
func (i infoW) entry(key, s string) infoW {
	if s != "" {
		i.text(key, s)
	}
	return i
}

func (i infoW) end() { i.w.raw(">>").end() }

// pageTreeW writes the root of the page tree: every page is its kid.
type pageTreeW struct{ dict }

func (w *pdfWriter) pageTree(r ref) pageTreeW {
	w.begin(r)
	w.raw("<<")
	return pageTreeW{dict{w}.name("Type", "Pages")}
}

func (p pageTreeW) kids(rs []ref) pageTreeW { p.refs("Kids", rs).int("Count", len(rs)); return p }
func (p pageTreeW) end()                    { p.w.raw(">>").end() }

// pageW writes a page object.
type pageW struct{ dict }

func (w *pdfWriter) page(r ref) pageW {
	w.begin(r)
	w.raw("<<")
	return pageW{dict{w}.name("Type", "Page")}
}

func (p pageW) parent(r ref) pageW    { p.ref("Parent", r); return p }
func (p pageW) resources(r ref) pageW { p.ref("Resources", r); return p }
func (p pageW) contents(r ref) pageW  { p.ref("Contents", r); return p }

// mediaBox sets the page size in points, to a hundredth: [0 0 w h].
func (p pageW) mediaBox(width, height float64) pageW {
	w := p.key("MediaBox").raw(" [0 0 ")
	w.b = appendFixed(w.b, width)
	w.raw(" ")
	w.b = appendFixed(w.b, height)
	w.raw("]")
	return p
}

// annots lists the page's annotations, each an indirect object.
func (p pageW) annots(rs []ref) pageW {
	if len(rs) > 0 {
		p.refs("Annots", rs)
	}
	return p
}

func (p pageW) end() { p.w.raw(">>").end() }

// resourcesW writes a resource dictionary: the fonts by their names in the
// contents.
type resourcesW struct{ dict }

func (w *pdfWriter) resources(r ref) resourcesW {
	w.begin(r)
	w.raw("<<")
	return resourcesW{dict{w}}
}

// fonts names each font: names[k] is the object fonts[k].
func (rw resourcesW) fonts(names []string, fonts []ref) resourcesW {
	w := rw.key("Font").raw(" <<")
	for k, n := range names {
		dict{w}.ref(n, fonts[k])
	}
	w.raw(">>")
	return rw
}

func (rw resourcesW) end() { rw.w.raw(">>").end() }

// destXYZ appends a destination: page p, its top left corner at the top
// left of the window (top is the page height), the zoom unchanged.
func destXYZ(d dict, key string, p ref, top float64) {
	w := d.key(key).raw(" [")
	w.b = appendInt(w.b, int(p))
	w.raw(" 0 R /XYZ 0 ")
	w.b = appendFixed(w.b, top)
	w.raw(" null]")
}

// linkW writes a link annotation.
type linkW struct{ dict }

// link begins a link annotation with the print flag (/F 4: a link is
// invisible, but PDF/A and strict checkers want every annotation printable)
// and no border.
func (w *pdfWriter) link(r ref) linkW {
	w.beginPacked(r)
	w.raw("<<")
	d := dict{w}.name("Type", "Annot").name("Subtype", "Link").int("F", 4)
	w.raw(" /Border [0 0 0]")
	return linkW{d}
}

// area sets the clickable rectangle, in points from the bottom left.
func (l linkW) area(x1, y1, x2, y2 float64) linkW { l.rect("Rect", x1, y1, x2, y2); return l }

// dest makes the link go to the top of page p, top points high.
func (l linkW) dest(p ref, top float64) linkW { destXYZ(l.dict, "Dest", p, top); return l }

func (l linkW) end() { l.w.raw(">>").end() }

// outlineW writes the outline root; outlineItemW an entry.
type outlineW struct{ dict }

func (w *pdfWriter) outline(r ref) outlineW {
	w.beginPacked(r)
	w.raw("<<")
	return outlineW{dict{w}.name("Type", "Outlines")}
}

// children links the first and last top-level entries; count is the
// number of entries visible when the document opens.
func (o outlineW) children(first, last ref, count int) outlineW {
	o.ref("First", first).ref("Last", last).int("Count", count)
	return o
}

func (o outlineW) end() { o.w.raw(">>").end() }

type outlineItemW struct{ dict }

func (w *pdfWriter) outlineItem(r ref, title string, parent ref) outlineItemW {
	w.beginPacked(r)
	w.raw("<<")
	return outlineItemW{dict{w}.text("Title", title).ref("Parent", parent)}
}

// siblings links the previous and next entries of the same parent (0:
// none).
func (o outlineItemW) siblings(prev, next ref) outlineItemW {
	if prev != 0 {
		o.ref("Prev", prev)
	}
	if next != 0 {
		o.ref("Next", next)
	}
	return o
}

// children links the first and last entries under this one; n is their
// number. Entries are closed when the document opens (a negative count),
// as they were before render owned its writer.
func (o outlineItemW) children(first, last ref, n int) outlineItemW {
	if n > 0 {
		o.ref("First", first).ref("Last", last).int("Count", -n)
	}
	return o
}

func (o outlineItemW) dest(p ref, top float64) outlineItemW {
	destXYZ(o.dict, "Dest", p, top)
	return o
}

func (o outlineItemW) end() { o.w.raw(">>").end() }

// type0W writes a composite font; cidFontW its descendant;
// descriptorW a font descriptor.
type type0W struct{ dict }

func (w *pdfWriter) type0(r ref, baseFont string) type0W {
	w.begin(r)
	w.raw("<<")
	return type0W{dict{w}.name("Type", "Font").name("Subtype", "Type0").name("BaseFont", baseFont).name("Encoding", "Identity-H")}
}

func (f type0W) descendant(r ref) type0W { f.refs("DescendantFonts", []ref{r}); return f }
func (f type0W) toUnicode(r ref) type0W  { f.ref("ToUnicode", r); return f }
func (f type0W) end()                    { f.w.raw(">>").end() }

type cidFontW struct{ dict }

// cidFont begins a CIDFontType2 whose CIDs are glyph indexes
// (/CIDToGIDMap /Identity), with the Identity character collection.
func (w *pdfWriter) cidFont(r ref, baseFont string) cidFontW {
	w.begin(r)
	w.raw("<<")
	d := dict{w}.name("Type", "Font").name("Subtype", "CIDFontType2").name("BaseFont", baseFont)
	w.raw(" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>")
	d.name("CIDToGIDMap", "Identity")
	return cidFontW{d}
}

func (f cidFontW) descriptor(r ref) cidFontW { f.ref("FontDescriptor", r); return f }

// widths writes /W [first [w…]]: the widths in 1/1000 em of the
// consecutive CIDs from first.
func (f cidFontW) widths(first int, ws []int) cidFontW {
	w := f.key("W").raw(" [")
	w.b = appendInt(w.b, first)
	w.raw(" [")
	for i, v := range ws {
		if i > 0 {
			w.raw(" ")
		}
		w.b = appendInt(w.b, v)
	}
	w.raw("]]")
	return f
}

func (f cidFontW) end() { f.w.raw(">>").end() }

type descriptorW struct{ dict }

func (w *pdfWriter) descriptor(r ref, fontName string) descriptorW {
	w.begin(r)
	w.raw("<<")
	return descriptorW{dict{w}.name("Type", "FontDescriptor").name("FontName", fontName)}
}

func (d descriptorW) flags(f int) descriptorW { d.int("Flags", f); return d }
func (d descriptorW) bbox(b [4]int) descriptorW {
	w := d.key("FontBBox").raw(" [")
	for i, v := range b {
		if i > 0 {
			w.raw(" ")
		}
		w.b = appendInt(w.b, v)
	}
	w.raw("]")
	return d
}

// metrics writes the italic angle (degrees) and the vertical metrics and
// stem width in 1/1000 em.
func (d descriptorW) metrics(italicAngle, ascent, descent, capHeight, stemV int) descriptorW {
	d.int("ItalicAngle", italicAngle).int("Ascent", ascent).int("Descent", descent).int("CapHeight", capHeight).int("StemV", stemV)
	return d
}

func (d descriptorW) fontFile2(r ref) descriptorW { d.ref("FontFile2", r); return d }
func (d descriptorW) end()                        { d.w.raw(">>").end() }

func appendInt(b []byte, v int) []byte { return strconv.AppendInt(b, int64(v), 10) }

// --- tagged PDF ---

// markInfo says the document is tagged; lang is its natural language
// ("zh-CN"); structTree names the structure tree root.
func (c catalogW) markInfo() catalogW        { c.key("MarkInfo").raw(" <</Marked true>>"); return c }
func (c catalogW) lang(l string) catalogW    { c.text("Lang", l); return c }
func (c catalogW) structTree(r ref) catalogW { c.ref("StructTreeRoot", r); return c }
func (c catalogW) metadata(r ref) catalogW   { c.ref("Metadata", r); return c }
func (c catalogW) displayDocTitle() catalogW {
	c.key("ViewerPreferences").raw(" <</DisplayDocTitle true>>")
	return c
}

// structParents names the page's entry in the parent tree.
func (p pageW) structParents(key int) pageW { p.int("StructParents", key); return p }

// tabsByStructure (/Tabs /S) orders the annotations by the structure, as
// PDF/UA asks. The key is PDF 1.5: a PDF 1.4 file (PDF/A-1) leaves it out.
func (p pageW) tabsByStructure() pageW {
	if p.w.since("1.5") {
		p.name("Tabs", "S")
	}
	return p
}

// structParent names the annotation's entry in the parent tree; contents
// is its alternate description.
func (l linkW) structParent(key int, contents string) linkW {
	l.int("StructParent", key)
	if contents != "" {
		l.text("Contents", contents)
	}
	return l
}

// structTreeRootW writes the root of the structure tree.
type structTreeRootW struct{ dict }

func (w *pdfWriter) structTreeRoot(r, doc, parentTree ref, nextKey int) structTreeRootW {
	w.beginPacked(r)
	w.raw("<<")
	return structTreeRootW{dict{w}.name("Type", "StructTreeRoot").ref("K", doc).ref("ParentTree", parentTree).int("ParentTreeNextKey", nextKey)}
}

func (s structTreeRootW) end() { s.w.raw(">>").end() }

// structElemW writes a structure element.
type structElemW struct{ dict }

func (w *pdfWriter) structElem(r ref, typ string, parent ref) structElemW {
	w.beginPacked(r)
	w.raw("<<")
	// /Type /StructElem is optional, and left out: a binder has thousands.
	return structElemW{dict{w}.name("S", typ).ref("P", parent)}
}

// page names the page of the element's marked content given by MCID.
func (s structElemW) page(p ref) structElemW { s.ref("Pg", p); return s }

// tableAttrs writes the table attributes of a cell: rows spanned (more
// than one) and the scope of a header cell ("Row", "Column"; "" none).
func (s structElemW) tableAttrs(rowSpan int, scope string) structElemW {
	if rowSpan <= 1 && scope == "" {
		return s
	}
	w := s.key("A").raw(" <<")
	d := dict{w}.name("O", "Table")
	if rowSpan > 1 {
		d.int("RowSpan", rowSpan)
	}
	if scope != "" {
		d.name("Scope", scope)
	}
	w.raw(">>")
	return s
}

// kids opens the element's /K array; the kid methods add to it; endKids
// closes it.
func (s structElemW) kids() structElemW { s.key("K").raw(" ["); return s }

// kidElem adds a child element; kidMCID marked content on the element's
// page; kidMCR on another page; kidOBJR an annotation.
func (s structElemW) kidElem(r ref) structElemW { s.w.ref(r); return s }
func (s structElemW) kidMCID(mcid int) structElemW {
	s.w.raw(" ")
	s.w.b = appendInt(s.w.b, mcid)
	return s
}
func (s structElemW) kidMCR(p ref, mcid int) structElemW {
	s.w.raw(" <</Type /MCR /Pg")
	s.w.ref(p)
	s.w.raw(" /MCID ")
	s.w.b = appendInt(s.w.b, mcid)
	s.w.raw(">>")
	return s
}
func (s structElemW) kidOBJR(p, annot ref) structElemW {
	s.w.raw(" <</Type /OBJR /Pg")
	s.w.ref(p)
	s.w.raw(" /Obj")
	s.w.ref(annot)
	s.w.raw(">>")
	return s
}
func (s structElemW) endKids() structElemW { s.w.raw("]"); return s }
func (s structElemW) end()                 { s.w.raw(">>").end() }

// parentTreeW writes the parent tree: a number tree, flat, from each
// page's StructParents key to the elements of its MCIDs and from each
// annotation's StructParent key to its element.
type parentTreeW struct{ dict }

func (w *pdfWriter) parentTree(r ref) parentTreeW {
	w.beginPacked(r)
	w.raw("<<")
	d := parentTreeW{dict{w}}
	d.key("Nums").raw(" [")
	return d
}

func (p parentTreeW) page(key int, elems []ref) parentTreeW {
	p.w.int(key)
	p.w.raw(" [")
	for i, r := range elems {
		if i > 0 {
			p.w.raw(" ")
		}
		p.w.b = appendInt(p.w.b, int(r))
		p.w.raw(" 0 R")
	}
	p.w.raw("]")
	return p
}

func (p parentTreeW) annot(key int, elem ref) parentTreeW {
	p.w.int(key)
	p.w.ref(elem)
	return p
}

func (p parentTreeW) end() { p.w.raw("]>>").end() }

// metadata writes the XMP metadata stream, uncompressed (PDF/A-1 wants it
// readable without filters).
func (w *pdfWriter) metadata(r ref, xmp []byte) {
	s := w.stream(r, xmp, false)
	s.name("Type", "Metadata").name("Subtype", "XML")
	s.end()
}

// --- PDF/A ---

// outputIntent names the PDF/A output intent: the ICC profile icc, an
// RGB output condition.
func (c catalogW) outputIntent(icc ref, condition string) catalogW {
	w := c.key("OutputIntents").raw(" [<<")
	d := dict{w}.name("Type", "OutputIntent").name("S", "GTS_PDFA1").text("OutputConditionIdentifier", condition).
		text("Info", condition)
	d.ref("DestOutputProfile", icc)
	w.raw(">>]")
	return c
}

// embeddedFiles writes the /Names dictionary's EmbeddedFiles name tree,
// flat: names[k] is the file specification specs[k]; names are sorted.
func (c catalogW) embeddedFiles(names []string, specs []ref) catalogW {
	w := c.key("Names").raw(" <</EmbeddedFiles <</Names [")
	for k, n := range names {
		w.text(n)
		w.ref(specs[k])
	}
	w.raw("]>>>>")
	return c
}

// associatedFiles lists the document's associated files (/AF).
func (c catalogW) associatedFiles(specs []ref) catalogW { c.refs("AF", specs); return c }

// iccProfile writes an ICC profile stream of n components.
func (w *pdfWriter) iccProfile(r ref, profile []byte, n int) {
	s := w.stream(r, profile, true)
	s.int("N", n)
	s.end()
}

// fileSpecW writes a file specification of an embedded file.
type fileSpecW struct{ dict }

func (w *pdfWriter) fileSpec(r ref, name string) fileSpecW {
	w.beginPacked(r)
	w.raw("<<")
	return fileSpecW{dict{w}.name("Type", "Filespec").text("F", name).text("UF", name)}
}

func (f fileSpecW) description(s string) fileSpecW {
	if s != "" {
		f.text("Desc", s)
	}
	return f
}

// relationship is the /AFRelationship (Source, Data …).
func (f fileSpecW) relationship(rel string) fileSpecW { f.name("AFRelationship", rel); return f }

// file names the embedded file stream.
func (f fileSpecW) file(ef ref) fileSpecW {
	w := f.key("EF").raw(" <<")
	dict{w}.ref("F", ef).ref("UF", ef)
	w.raw(">>")
	return f
}

func (f fileSpecW) end() { f.w.raw(">>").end() }

// embeddedFile writes an embedded file stream: its media type, size and
// modification date.
func (w *pdfWriter) embeddedFile(r ref, data []byte, mime string, mod time.Time) {
	s := w.stream(r, data, true)
	s.name("Type", "EmbeddedFile").name("Subtype", mime)
	p := s.key("Params").raw(" <<")
	dict{p}.int("Size", len(data)).date("ModDate", mod)
	p.raw(">>")
	s.end()
}

// cidSet names the stream that lists the CIDs the subset holds.
func (d descriptorW) cidSet(r ref) descriptorW { d.ref("CIDSet", r); return d }

// trailerID writes the trailer's /ID, both halves id.
func trailerID(id []byte) func(d dict) {
	return func(d dict) {
		w := d.key("ID")
		const hex = "0123456789ABCDEF"
		w.raw(" [")
		for i := range 2 {
			if i > 0 {
				w.raw(" ")
			}
			w.raw("<")
			for _, c := range id {
				w.b = append(w.b, hex[c>>4], hex[c&15])
			}
			w.raw(">")
		}
		w.raw("]")
	}
}
