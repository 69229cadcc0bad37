// Package fonts loads the TrueType fonts jixiao draws with and answers the
// questions layout asks of them: advance widths, vertical metrics and glyph
// coverage. It is the only package that parses font files. Two fonts are
// embedded (Noto Serif SC Regular for body text, Noto Sans SC Bold for
// titles); Load reads others from disk.
//
// Widths are reported in 1/1000 em, and render writes the PDF's width
// array (/W) from these same numbers, so a line that layout measures is the
// line the PDF viewer draws. The rounding is the one fpdf v0.12.0 used when
// it still wrote the font objects (scaleWidth), kept so that the PDFs did
// not move when render took them over.
package fonts

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"jixiao/msg"
	"math"
	"slices"
	"strconv"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// noGlyph marks a rune absent from Font.adv.
const noGlyph = 0xFFFF

// Font is one parsed TrueType face. It is immutable once made and safe for
// concurrent use.
type Font struct {
	data      []byte
	name      string
	file      string // what Load read ("simsun.ttc#1"), "" for an embedded font
	upm       int
	ascent    int
	descent   int
	capHeight int
	desc      Descriptor
	// adv holds, for every rune of the Basic Multilingual Plane, its advance
	// in 1/1000 em, or noGlyph when the PDF writer cannot draw it with this
	// font. Layout asks for one width per character, so the lookup is a
	// single index.
	adv []uint16
	// gid holds the glyph index of every BMP rune that adv measures (0 for
	// the others): subsets draw these glyphs, so they match the widths.
	gid []uint16
	// supp holds the characters above U+FFFF the font draws, in rune order
	// (from its format 12 character map): 442 in Noto Serif SC, tens of
	// thousands in a font of CJK Extension B.
	supp []suppGlyph
	// sub is the index Subset cuts from, built on first use (subset.go).
	sub subsetIndex
	// outlines returns the sfnt font that reads glyph outlines
	// (outline.go): the one parse made, or, for a font made from its
	// tables (tables.go), one parsed on first use.
	outlines func() (*sfnt.Font, error)
}

// Bytes returns the font file to embed: a standalone TrueType file (for a
// face of a collection, the face rebuilt as a file of its own). The slice is
// shared; callers must not modify it.
func (f *Font) Bytes() []byte { return f.data }

// Name returns the PostScript name of the face (its family name if it has
// no PostScript name).
func (f *Font) Name() string { return f.name }

// UnitsPerEm returns the font's design units per em (head.unitsPerEm).
func (f *Font) UnitsPerEm() int { return f.upm }

// Ascent returns the typographic ascender in 1/1000 em, positive above the
// baseline (hhea.ascender, truncated toward zero as the PDF writer writes
// the font descriptor's /Ascent).
func (f *Font) Ascent() int { return f.ascent }

// Descent returns the typographic descender in 1/1000 em, negative below the
// baseline (hhea.descender, truncated toward zero as in /Descent).
func (f *Font) Descent() int { return f.descent }

// CapHeight returns the height of capital letters in 1/1000 em (OS/2
// sCapHeight, or measured from the glyph H for fonts whose OS/2 table
// predates that field), truncated toward zero.
func (f *Font) CapHeight() int { return f.capHeight }

// suppGlyph is a character above U+FFFF that a font draws.
type suppGlyph struct {
	r        rune
	gid, adv uint16
}

// Descriptor is what a PDF font descriptor says of a font besides its
// Ascent, Descent and CapHeight.
type Descriptor struct {
	// BBox is the font's bounding box (head xMin, yMin, xMax, yMax) in
	// 1/1000 em, truncated toward zero.
	BBox [4]int
	// ItalicAngle is post.italicAngle in degrees, truncated toward zero.
	ItalicAngle int
	// StemV estimates the vertical stem width from OS/2 usWeightClass:
	// 50 + (weight/65)², weight 500 without an OS/2 table.
	StemV int
	// Flags are the PDF font flags: symbolic (4) always, fixed pitch (1),
	// italic (64), bold (262144, weight 600 and more).
	Flags int
}

// Descriptor returns what a PDF font descriptor needs of the font.
func (f *Font) Descriptor() Descriptor { return f.desc }

// Advance returns the advance width of r in 1/1000 em and true, or 0 and
// false if the font has no glyph for r (see Has). A glyph of zero width
// reports 0 and true.
func (f *Font) Advance(r rune) (int, bool) {
	if uint32(r) < uint32(len(f.adv)) {
		w := f.adv[r]
		if w == noGlyph {
			return 0, false
		}
		return int(w), true
	}
	if g, ok := f.suppGlyph(r); ok {
		return int(g.adv), true
	}
	return 0, false
}

// suppGlyph finds r among the characters above U+FFFF.
func (f *Font) suppGlyph(r rune) (suppGlyph, bool) {
	i, ok := slices.BinarySearchFunc(f.supp, r, func(g suppGlyph, r rune) int { return cmp.Compare(g.r, r) })
	if !ok {
		return suppGlyph{}, false
	}
	return f.supp[i], true
}

// glyphIndex returns the glyph that draws r, the one Advance measures, or
// 0 when the font does not draw r.
func (f *Font) glyphIndex(r rune) int {
	if uint32(r) < uint32(len(f.gid)) {
		if f.adv[r] == noGlyph {
			return 0
		}
		return int(f.gid[r])
	}
	g, _ := f.suppGlyph(r)
	return int(g.gid)
}

// Has reports whether the font draws r: r is mapped to a glyph other than
// .notdef, in any plane, and is not a control character (those are never
// drawn).
func (f *Font) Has(r rune) bool {
	_, ok := f.Advance(r)
	return ok
}

// scaleWidth converts an advance in font units to 1/1000 em the way fpdf
// v0.12.0 fills its width array (utf8fontfile.go, parseHMTXTable): the scale
// 1000/unitsPerEm is computed first, then multiplied and rounded half away
// from zero with math.Round. An advance with the top bit set is read as 0.
// fpdf stores a zero width as the marker 65535 and treats it as 0 both in
// the /W array and when measuring, so 0 is returned for it here.
func scaleWidth(adv, upm int) int {
	if adv >= 1<<15 {
		adv = 0
	}
	scale := 1000.0 / float64(upm)
	return int(math.Round(scale * float64(adv)))
}

// scaleMetric converts a vertical metric in font units to 1/1000 em the way
// fpdf writes the font descriptor: int(v * (1000/unitsPerEm)), truncated.
func scaleMetric(v, upm int) int {
	scale := 1000.0 / float64(upm)
	return int(float64(v) * scale)
}

// parse makes a Font from a standalone TrueType file. The caller has
// already turned collections and non-canonical files into such a file.
func parse(data []byte) (*Font, error) {
	d, err := readDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	if err := checkOutlines(d); err != nil {
		return nil, err
	}
	if err := checkWriter(d); err != nil {
		return nil, err
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, libFault(err, msg.FontUnparsable)
	}
	var buf sfnt.Buffer
	f := &Font{data: data, upm: int(sf.UnitsPerEm())}
	f.outlines = func() (*sfnt.Font, error) { return sf, nil }

	f.name, err = sf.Name(&buf, sfnt.NameIDPostScript)
	if err != nil || f.name == "" {
		f.name, err = sf.Name(&buf, sfnt.NameIDFamily)
		if err != nil && !errors.Is(err, sfnt.ErrNotFound) {
			return nil, libFault(err, msg.FontNameUnreadable)
		}
	}

	// With ppem equal to unitsPerEm (as a raw 26.6 value) sfnt's scaling
	// divides exactly and hands back plain font units.
	ppem := fixed.Int26_6(f.upm)
	m, err := sf.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, libFault(err, msg.FontMetricsUnreadable)
	}
	f.ascent = scaleMetric(int(m.Ascent), f.upm)
	f.descent = scaleMetric(-int(m.Descent), f.upm)
	f.capHeight = scaleMetric(int(m.CapHeight), f.upm)
	f.desc = descriptor(d, f.upm)

	width := advances(d, sf, f.upm)
	f.adv = make([]uint16, 0x10000)
	f.gid = make([]uint16, 0x10000)
	for r := range f.adv {
		f.adv[r] = noGlyph
	}
	fast, err := bmpFromGroups(d, sf.NumGlyphs(), f.adv, f.gid, width)
	if err != nil {
		return nil, err
	}
	if !fast {
		if err := bmpByLookup(sf, f.adv, f.gid, width); err != nil {
			return nil, err
		}
	}
	// Characters above U+FFFF, from the format 12 character map.
	err = supplementary(d.find("cmap"), sf.NumGlyphs(), func(r rune, gi int) error {
		w, err := width(sfnt.GlyphIndex(gi))
		if err != nil {
			return err
		}
		f.supp = append(f.supp, suppGlyph{r: r, gid: uint16(gi), adv: w})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A text font whose letters, digits or ideographs take no room would lay
	// out every column as zero-width text: refuse it here, with the reason,
	// rather than fail later in layout with a message about the paper.
	for _, r := range []rune{'0', 'A', '一'} {
		if w, ok := f.Advance(r); ok && w == 0 {
			return nil, msg.New(msg.FontZeroWidth, strconv.QuoteRune(r))
		}
	}
	return f, nil
}

// descriptor reads the font descriptor's values from the head, post and
// OS/2 tables, whose lengths checkWriter has checked.
func descriptor(d *directory, upm int) Descriptor {
	var ds Descriptor
	head := d.find("head")
	for i := range ds.BBox {
		ds.BBox[i] = scaleMetric(int(int16(binary.BigEndian.Uint16(head[36+2*i:]))), upm)
	}
	post := d.find("post")
	ds.ItalicAngle = int(int16(binary.BigEndian.Uint16(post[4:])))
	weight := 500
	if os2 := d.find("OS/2"); os2 != nil {
		weight = int(binary.BigEndian.Uint16(os2[4:]))
	}
	ds.StemV = 50 + weight*weight/(65*65)
	ds.Flags = 4
	if binary.BigEndian.Uint32(post[12:]) != 0 {
		ds.Flags |= 1
	}
	if ds.ItalicAngle != 0 {
		ds.Flags |= 64
	}
	if weight >= 600 {
		ds.Flags |= 262144
	}
	return ds
}

// checkOutlines rejects faces without TrueType outlines.
func checkOutlines(d *directory) error {
	if d.version == sigOTTO || d.has("CFF ") || d.has("CFF2") {
		return ErrPostScript
	}
	if !d.has("glyf") || !d.has("loca") {
		return msg.New(msg.FontNoOutlines)
	}
	return nil
}

// checkWriter rejects what fpdf v0.12.0 would mishandle: it indexes missing
// tables through nil pointers, slices past short tables, and prints
// complaints to standard output (which may be carrying the PDF) for formats
// it does not know. Each test below mirrors a read in utf8fontfile.go.
func checkWriter(d *directory) error {
	for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if !d.has(tag) {
			return msg.New(msg.FontNoTable, tag)
		}
	}
	head := d.find("head")
	if len(head) < 54 {
		return msg.New(msg.FontTableShort, "head")
	}
	if upm := binary.BigEndian.Uint16(head[18:]); upm < 16 || upm > 16384 {
		return msg.New(msg.FontUnitsPerEm, int(upm))
	}
	if binary.BigEndian.Uint16(head[52:]) != 0 {
		return msg.New(msg.FontGlyphFormat)
	}
	hhea := d.find("hhea")
	if len(hhea) < 36 {
		return msg.New(msg.FontTableShort, "hhea")
	}
	if binary.BigEndian.Uint16(hhea[32:]) != 0 {
		return msg.New(msg.FontMetricFormat)
	}
	if binary.BigEndian.Uint16(hhea[34:]) == 0 {
		return msg.New(msg.FontNoMetrics)
	}
	if len(d.find("maxp")) < 6 {
		return msg.New(msg.FontTableShort, "maxp")
	}
	if len(d.find("post")) < 16 {
		return msg.New(msg.FontTableShort, "post")
	}
	if os2 := d.find("OS/2"); os2 != nil {
		if len(os2) < 72 || (binary.BigEndian.Uint16(os2) > 1 && len(os2) < 90) {
			return msg.New(msg.FontTableShort, "OS/2")
		}
		fsType := binary.BigEndian.Uint16(os2[8:])
		if fsType&0x000F == 0x0002 || fsType&0x0300 != 0 {
			return msg.New(msg.FontLicence, fmt.Sprintf("0x%04X", fsType))
		}
	}
	if err := checkName(d.find("name")); err != nil {
		return err
	}
	return checkCmap(d.find("cmap"))
}

// checkName mirrors fpdf's parseNAMETable.
func checkName(name []byte) error {
	if len(name) < 6 {
		return msg.New(msg.FontTableShort, "name")
	}
	if binary.BigEndian.Uint16(name) != 0 {
		return msg.New(msg.FontNameFormat)
	}
	count := int(binary.BigEndian.Uint16(name[2:]))
	strings := int(binary.BigEndian.Uint16(name[4:]))
	if 6+12*count > len(name) {
		return msg.New(msg.FontTableCut, "name")
	}
	for i := range count {
		r := name[6+12*i:]
		platform, encoding := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		lang, id := binary.BigEndian.Uint16(r[4:]), binary.BigEndian.Uint16(r[6:])
		size, off := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		switch id {
		case 1, 2, 3, 4, 6:
		default:
			continue
		}
		win := platform == 3 && encoding == 1 && lang == 0x409
		mac := platform == 1 && encoding == 0 && lang == 0
		if !win && !mac {
			continue
		}
		if strings+off+size > len(name) {
			return msg.New(msg.FontNameOutside, int(id))
		}
		if win && size%2 != 0 {
			return msg.New(msg.FontNameUTF16, int(id))
		}
	}
	return nil
}

// checkCmap mirrors fpdf's parseCMAPTable: it uses the first Windows Unicode
// (3,1) or Unicode-platform subtable of format 4.
func checkCmap(cmap []byte) error {
	if len(cmap) < 4 {
		return msg.New(msg.FontTableShort, "cmap")
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if 4+8*n > len(cmap) {
		return msg.New(msg.FontTableCut, "cmap")
	}
	for i := range n {
		r := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		off := int(binary.BigEndian.Uint32(r[4:]))
		if !(platform == 3 && encoding == 1) && platform != 0 {
			continue
		}
		if off+14 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		segs := int(binary.BigEndian.Uint16(cmap[off+6:])) / 2
		if off+16+8*segs > len(cmap) {
			return msg.New(msg.FontCmapCut, 4)
		}
		return nil
	}
	return msg.New(msg.FontNoCmap)
}

// supplementary calls fn, in rune order, for each character above U+FFFF
// that the font's format 12 character map (Windows UCS-4 (3,10), else
// Unicode full repertoire (0,4) or (0,6)) maps to a glyph other than
// .notdef. A character mapped twice keeps its first glyph; groups out of
// order are read in order.
func supplementary(cmap []byte, numGlyphs int, fn func(r rune, gid int) error) error {
	sub := cmap12(cmap)
	if sub == nil {
		return nil
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	if n > (len(sub)-16)/12 {
		return msg.New(msg.FontCmapCut, 12)
	}
	type group struct{ start, end, gid uint32 }
	groups := make([]group, 0, n)
	for i := range n {
		g := sub[16+12*i:]
		start, end, gid := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
		if end < 0x10000 || start > end || start > unicode.MaxRune {
			continue
		}
		groups = append(groups, group{start, min(end, unicode.MaxRune), gid})
	}
	slices.SortStableFunc(groups, func(a, b group) int { return cmp.Compare(a.start, b.start) })
	next := uint32(0x10000) // characters below next are done
	for _, g := range groups {
		for c := max(g.start, next); c <= g.end; c++ {
			gid := uint64(g.gid) + uint64(c-g.start)
			if gid == 0 || gid >= uint64(numGlyphs) {
				continue
			}
			if err := fn(rune(c), int(gid)); err != nil {
				return err
			}
		}
		next = max(next, g.end+1)
	}
	return nil
}

// cmap12 returns the format 12 subtable of a cmap table with the full
// Unicode repertoire, or nil.
func cmap12(cmap []byte) []byte {
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var best []byte
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			break
		}
		r := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		off := int64(binary.BigEndian.Uint32(r[4:]))
		if !(platform == 3 && encoding == 10) && !(platform == 0 && (encoding == 4 || encoding == 6)) {
			continue
		}
		if off+16 > int64(len(cmap)) || binary.BigEndian.Uint16(cmap[off:]) != 12 {
			continue
		}
		sub := cmap[off:]
		if l := int64(binary.BigEndian.Uint32(sub[4:])); l >= 16 && l <= int64(len(sub)) {
			sub = sub[:l]
		}
		if platform == 3 {
			return sub
		}
		if best == nil {
			best = sub
		}
	}
	return best
}
