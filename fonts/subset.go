package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"jixiao/msg"
	"slices"
	"sync"
	"sync/atomic"
)

// Why fonts cuts subsets itself: fpdf parses the whole font program every
// time a font is added to a document and again when it writes the subset;
// for the 14 MB Noto Serif SC that is about 35 ms per font per document, most
// of it spent building Go maps over every code point of the cmap. Instead, a
// font is indexed once per process (sfntIndex: table slices, the loca offsets
// and a BMP cmap array, kept inside the Font) and every document hands fpdf a
// small TrueType program that holds only the glyphs the document draws.
// fpdf's own parse and subsetting of that small program are cheap. The small
// program is also well-formed by construction, which keeps fpdf off the code
// paths where it prints diagnostics to standard output instead of returning
// errors.

// sfntIndex is the parsed, immutable index of one TrueType font program.
type sfntIndex struct {
	dir       *directory
	numGlyphs int
	loca      []uint32 // numGlyphs+1 offsets into glyf
	glyf      []byte   // the glyf table, found once: a subset reads it for every glyph
	nHMetrics int
	cmap      []uint16 // glyph index of each BMP code point; 0 when absent
	// supp gives the glyph index of a code point above U+FFFF, 0 when
	// absent; nil for none.
	supp   func(r rune) int
	psName string
}

// subsetIndex is the lazily built index of a Font; the zero value is ready.
type subsetIndex struct {
	once sync.Once
	idx  *sfntIndex
	err  error
}

// index returns the font's subsetting index, built on first use and then
// shared for the life of the Font.
func (f *Font) index() (*sfntIndex, error) {
	s := &f.sub
	s.once.Do(func() {
		defer func() {
			// A font the bounds checks missed must not leave a nil index
			// behind without an error.
			if r := recover(); r != nil {
				s.idx, s.err = nil, libFault(fmt.Errorf("%v", r), msg.FontMalformed)
			}
		}()
		s.idx, s.err = parseSFNT(f.data)
		if s.err == nil {
			// The glyphs that Advance measured, so that the subset draws
			// exactly what layout measured (one cmap reader, not two).
			s.idx.cmap = f.gid
			s.idx.supp = f.glyphIndex
		}
	})
	return s.idx, s.err
}

// Prefetch reads ahead what Subset will read for the characters of
// texts: it builds the font's index and touches the first page of the
// outline of each glyph that draws one of them (a composite glyph's
// parts are left to Subset). A font embedded in the program is read
// from its file as it is first touched, some 2.5 ms for the 400 glyphs of
// a form; called on another goroutine while the form is laid out and
// drawn, it takes that out of the subset cut after the last page. It
// changes nothing else, and gives up on a font it cannot index.
//
// It cannot panic on any text, so it recovers nothing: every read stays
// inside what index checked (a rune's glyph from the arrays Advance reads,
// below numGlyphs; its outline between loca offsets that index found
// increasing and inside glyf). A panic here would be a bug to see, not a
// hint to drop (TestPrefetchAnyText, FuzzFromFile).
func (f *Font) Prefetch(texts iter.Seq[string]) {
	idx, err := f.index()
	if err != nil {
		return
	}
	sum := byte(0)
	for s := range texts {
		for _, r := range s {
			if g := idx.glyphOf(r); g > 0 && g < idx.numGlyphs {
				if d := idx.glyph(g); len(d) > 0 {
					sum += d[0]
				}
			}
		}
	}
	prefetched.Add(uint32(sum)) // so that the reads are made
}

// prefetched keeps a sum of what Prefetch read.
var prefetched atomic.Uint32

// Subset returns a standalone TrueType program whose glyph i+1 draws
// runes[i] (a repeated rune keeps its first place; glyph 0 is .notdef,
// and the glyphs composite glyphs are made of follow), with the advance
// widths of the full font (so text measured with Advance stays right) and
// a format 4 cmap for the runes of the Basic Multilingual Plane. A PDF font
// draws rune i with the code i+1 (CIDToGIDMap /Identity). Its name table
// holds SubsetName only. Every rune must be one the font draws (Has), in
// any plane. The font is indexed on the first call (about 1 ms for Noto Serif
// SC) and each call after that costs a fraction of a millisecond. Safe for
// concurrent use.
func (f *Font) Subset(runes []rune) ([]byte, error) {
	idx, err := f.index()
	if err != nil {
		return nil, f.fault(err)
	}
	b, err := idx.subset(runes, f.subsetName(idx), false)
	if err != nil {
		return nil, f.fault(err)
	}
	return b, nil
}

// SubsetUnicode is Subset for readers that find a character's glyph
// through the font's own character map rather than by glyph index (an OFD
// reader given the text): when a rune is above U+FFFF, the cmap also has
// a Windows UCS-4 (3,10) format 12 subtable mapping every rune of the
// subset to its glyph. Otherwise the bytes are those of Subset.
func (f *Font) SubsetUnicode(runes []rune) ([]byte, error) {
	idx, err := f.index()
	if err != nil {
		return nil, f.fault(err)
	}
	b, err := idx.subset(runes, f.subsetName(idx), true)
	if err != nil {
		return nil, f.fault(err)
	}
	return b, nil
}

// SubsetName returns the PostScript name a subset carries: Name with the
// characters a PDF name cannot hold unescaped removed, else the name table's
// PostScript name, else "Font".
func (f *Font) SubsetName() string {
	idx, _ := f.index()
	return f.subsetName(idx)
}

func (f *Font) subsetName(idx *sfntIndex) string {
	if s := pdfNameSafe(f.name); s != "" {
		return s
	}
	if idx != nil && idx.psName != "" {
		return idx.psName
	}
	return "Font"
}

var errShort error = msg.New(msg.FontDataCut)

func u16(b []byte, off int) (int, error) {
	if off < 0 || off+2 > len(b) {
		return 0, errShort
	}
	return int(binary.BigEndian.Uint16(b[off:])), nil
}

func u32(b []byte, off int) (uint32, error) {
	if off < 0 || off+4 > len(b) {
		return 0, errShort
	}
	return binary.BigEndian.Uint32(b[off:]), nil
}

// parseSFNT indexes a TrueType (glyf-outline) font program.
func parseSFNT(data []byte) (*sfntIndex, error) {
	ver, err := u32(data, 0)
	if err != nil {
		return nil, err
	}
	switch ver {
	case sigTrueType, sigApple:
	case sigOTTO:
		return nil, ErrPostScript
	case sigTTC:
		// parse has made a collection's face a file of its own.
		return nil, errors.New("font collection given where a single font was expected")
	default:
		return nil, msg.New(msg.FontNotTrueType, fmt.Sprintf("%q", data[:4]))
	}
	// The one reader of table directories (sfntfile.go).
	d, err := readDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	x := &sfntIndex{dir: d}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "post"} {
		if !x.dir.has(t) {
			return nil, msg.New(msg.FontNoTable, t)
		}
	}
	head := x.dir.find("head")
	if len(head) < 54 {
		return nil, errShort
	}
	if g, _ := u16(head, 52); g != 0 {
		return nil, msg.New(msg.FontGlyphFormat)
	}
	if x.numGlyphs, err = u16(x.dir.find("maxp"), 4); err != nil {
		return nil, err
	}
	if x.nHMetrics, err = u16(x.dir.find("hhea"), 34); err != nil {
		return nil, err
	}
	if x.nHMetrics == 0 || x.nHMetrics > x.numGlyphs {
		// sfnt.Parse, which every Font has passed, refuses these.
		return nil, fmt.Errorf("bad hhea.numberOfHMetrics %d", x.nHMetrics)
	}
	// The long metrics must all be there. The left side bearings after
	// them may be left out, as some fonts do and sfnt allows
	// (golang/go#28379): a glyph without one takes its outline's xMin,
	// which is what the bearing is meant to be (subset).
	if len(x.dir.find("hmtx")) < 4*x.nHMetrics {
		return nil, msg.New(msg.FontTableCut, "hmtx")
	}
	if fs, err := u16(x.dir.find("OS/2"), 8); err == nil && (fs == 0x0002 || fs&0x0300 != 0) {
		// The same test fpdf applies; failing it here turns fpdf's printed
		// message into an error.
		return nil, msg.New(msg.FontLicence, fmt.Sprintf("0x%04X", fs))
	}
	locaFormat, _ := u16(head, 50)
	loca := x.dir.find("loca")
	x.glyf = x.dir.find("glyf")
	glyfLen := uint32(len(x.glyf))
	x.loca = make([]uint32, x.numGlyphs+1)
	for i := range x.loca {
		var v uint32
		switch locaFormat {
		case 0:
			w, err := u16(loca, 2*i)
			if err != nil {
				return nil, err
			}
			v = uint32(w) * 2
		case 1:
			if v, err = u32(loca, 4*i); err != nil {
				return nil, err
			}
		default:
			return nil, msg.New(msg.FontLocaFormat, locaFormat)
		}
		if v > glyfLen || (i > 0 && v < x.loca[i-1]) {
			return nil, msg.New(msg.FontLocaEntry, i)
		}
		x.loca[i] = v
	}
	x.psName = postScriptName(x.dir.find("name"))
	return x, nil
}

// postScriptName returns name ID 6 when it is printable ASCII, else "".
func postScriptName(name []byte) string {
	n, err := u16(name, 2)
	if err != nil {
		return ""
	}
	strOff, _ := u16(name, 4)
	for i := range n {
		r := 6 + 12*i
		pid, _ := u16(name, r)
		id, _ := u16(name, r+6)
		length, _ := u16(name, r+8)
		off, err := u16(name, r+10)
		if err != nil || id != 6 || strOff+off+length > len(name) {
			continue
		}
		s := name[strOff+off : strOff+off+length]
		var out []byte
		if pid == 3 || pid == 0 {
			for j := 0; j+1 < len(s); j += 2 {
				if s[j] == 0 {
					out = append(out, s[j+1])
				}
			}
		} else {
			out = s
		}
		if ok := pdfNameSafe(string(out)); ok != "" {
			return ok
		}
	}
	return ""
}

// pdfNameSafe keeps the characters that need no escaping in a PDF name.
func pdfNameSafe(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > 0x20 && c < 0x7F && !strchr("()<>[]{}/%#", c) {
			b = append(b, c)
		}
	}
	return string(b)
}

func strchr(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// glyphOf returns the glyph index of r, 0 when the font has none.
func (x *sfntIndex) glyphOf(r rune) int {
	switch {
	case r >= 0 && r < 0xFFFF && int(r) < len(x.cmap):
		return int(x.cmap[r])
	case r > 0xFFFF && x.supp != nil:
		return x.supp(r)
	}
	return 0
}

// glyph returns the glyf data of glyph gid.
func (x *sfntIndex) glyph(gid int) []byte {
	return x.glyf[x.loca[gid]:x.loca[gid+1]]
}

// components calls fn for the offset of each component glyph index in a
// composite glyph.
func components(g []byte, fn func(off int) error) error {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	p := 10
	for {
		flags, err := u16(g, p)
		if err != nil {
			return err
		}
		if _, err := u16(g, p+2); err != nil {
			return err
		}
		if err := fn(p + 2); err != nil {
			return err
		}
		p += 4
		if flags&0x0001 != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0:
			p += 2
		case flags&0x0040 != 0:
			p += 4
		case flags&0x0080 != 0:
			p += 8
		}
		if flags&0x0020 == 0 {
			return nil
		}
	}
}

// subset returns a TrueType program whose glyph i+1 draws runes[i] (a
// rune given again keeps its first place), glyph 0 is .notdef and the
// glyphs that composite glyphs are made of follow, renumbered. So a PDF can
// draw rune i with code i+1 and CIDToGIDMap /Identity. Glyphs keep their
// advance widths, so measurements made on the full font stay right. Two
// runes drawn by one glyph of the font get a copy each.
func (x *sfntIndex) subset(runes []rune, psName string, full bool) ([]byte, error) {
	glyphOfRune := make(map[rune]int, len(runes)) // new glyph of each rune
	old := []int{0}                               // old glyph index of each new glyph
	var cmapRunes []rune
	supp := false // a rune above U+FFFF is asked for
	for _, r := range runes {
		if glyphOfRune[r] != 0 {
			continue
		}
		g := x.glyphOf(r)
		if g == 0 {
			// A caller's mistake: the backends draw only the
			// characters the font has (Has).
			return nil, fmt.Errorf("font has no glyph for U+%04X", r)
		}
		glyphOfRune[r] = len(old)
		old = append(old, g)
		// A PDF draws the glyphs by index; the cmap (BMP characters only)
		// is for programs that read the font on its own.
		if r < 0xFFFF {
			cmapRunes = append(cmapRunes, r)
		} else {
			supp = true
		}
	}
	// Components, each once, numbered after the glyphs asked for.
	newID := make(map[int]int, len(old)) // old → new, for components
	for i, g := range old {
		if _, ok := newID[g]; !ok {
			newID[g] = i
		}
	}
	for k := 0; k < len(old); k++ {
		g := old[k]
		data := x.glyph(g)
		err := components(data, func(off int) error {
			c, _ := u16(data, off)
			if c >= x.numGlyphs {
				return msg.New(msg.FontComponent, g, c)
			}
			if _, ok := newID[c]; !ok {
				newID[c] = len(old)
				old = append(old, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(old) > 0xFFFF {
		return nil, msg.New(msg.FontTooManyGlyphs, len(old))
	}

	// Sized once: each glyph padded to 4 bytes, a long loca, 4 bytes of
	// metrics a glyph.
	size := 0
	for _, g := range old {
		size += (len(x.glyph(g)) + 3) &^ 3
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 0, 4*(len(old)+1))
	hmtx := make([]byte, 0, 4*len(old))
	hm := x.dir.find("hmtx")
	for _, g := range old {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, x.glyph(g)...)
		data := glyf[start:]
		_ = components(data, func(off int) error {
			c := int(binary.BigEndian.Uint16(data[off:]))
			binary.BigEndian.PutUint16(data[off:], uint16(newID[c]))
			return nil
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		if g < x.nHMetrics {
			hmtx = append(hmtx, hm[4*g:4*g+4]...)
		} else {
			last := 4 * (x.nHMetrics - 1)
			hmtx = append(hmtx, hm[last:last+2]...)
			if lsb := 4*x.nHMetrics + 2*(g-x.nHMetrics); lsb+2 <= len(hm) {
				hmtx = append(hmtx, hm[lsb:lsb+2]...)
			} else if len(data) >= 10 {
				hmtx = append(hmtx, data[2:4]...) // the glyph's xMin
			} else {
				hmtx = append(hmtx, 0, 0) // an empty glyph
			}
		}
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))

	head := slices.Clone(x.dir.find("head"))
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(x.dir.find("hhea"))
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	maxp := slices.Clone(x.dir.find("maxp"))
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	post := x.dir.find("post")
	if len(post) < 32 {
		return nil, errShort
	}
	post = slices.Clone(post[:32])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	slices.Sort(cmapRunes)
	gidOf := func(r rune) int { return glyphOfRune[r] }
	cmap := cmap4(cmapRunes, gidOf)
	if full && supp {
		all := make([]rune, 0, len(glyphOfRune))
		for r := range glyphOfRune {
			all = append(all, r)
		}
		slices.Sort(all)
		cmap = cmap4and12(cmapRunes, all, gidOf)
	}
	tables := map[string][]byte{
		"cmap": cmap,
		"glyf": glyf,
		"head": head,
		"hhea": hhea,
		"hmtx": hmtx,
		"loca": loca,
		"maxp": maxp,
		"name": nameTable(psName),
		"post": post,
	}
	for _, t := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b := x.dir.find(t); b != nil {
			tables[t] = b
		}
	}
	return assembleTables(tables), nil
}

// cmap4 builds a cmap table with one (3,1) format 4 subtable. Segments group
// runs of consecutive code points with consecutive glyph indices.
func cmap4(runes []rune, gid func(rune) int) []byte {
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, r := range runes {
		g := gid(r)
		if n := len(segs); n > 0 && int(r) == segs[n-1].end+1 && g-int(r) == segs[n-1].delta {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), g - int(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	var sub []byte
	p16 := func(v int) { sub = binary.BigEndian.AppendUint16(sub, uint16(v)) }
	search, sel := 1, 0
	for search*2 <= n {
		search *= 2
		sel++
	}
	p16(4)
	p16(16 + 8*n) // length
	p16(0)        // language
	p16(2 * n)
	p16(2 * search)
	p16(sel)
	p16(2*n - 2*search)
	for _, s := range segs {
		p16(s.end)
	}
	p16(0)
	for _, s := range segs {
		p16(s.start)
	}
	for _, s := range segs {
		p16(s.delta & 0xFFFF)
	}
	for range segs {
		p16(0)
	}
	out := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(out, sub...)
}

// cmap4and12 builds a cmap table with a (3,1) format 4 subtable of bmp and
// a (3,10) format 12 subtable of all (sorted). Groups join consecutive
// code points with consecutive glyph indices.
func cmap4and12(bmp, all []rune, gid func(rune) int) []byte {
	sub4 := cmap4(bmp, gid)[12:] // the subtable without its header
	type group struct{ start, end, gid int }
	var groups []group
	for _, r := range all {
		g := gid(r)
		if n := len(groups); n > 0 && int(r) == groups[n-1].end+1 && g-int(r) == groups[n-1].gid-groups[n-1].start {
			groups[n-1].end = int(r)
			continue
		}
		groups = append(groups, group{int(r), int(r), g})
	}
	var sub12 []byte
	p32 := func(v int) { sub12 = binary.BigEndian.AppendUint32(sub12, uint32(v)) }
	sub12 = append(sub12, 0, 12, 0, 0) // format 12, reserved
	p32(16 + 12*len(groups))           // length
	p32(0)                             // language
	p32(len(groups))
	for _, g := range groups {
		p32(g.start)
		p32(g.end)
		p32(g.gid)
	}
	const head = 4 + 2*8
	out := []byte{0, 0, 0, 2}
	out = append(out, 0, 3, 0, 1)
	out = binary.BigEndian.AppendUint32(out, head)
	out = append(out, 0, 3, 0, 10)
	out = binary.BigEndian.AppendUint32(out, uint32(head+len(sub4)))
	out = append(out, sub4...)
	return append(out, sub12...)
}

// nameTable builds a name table with the PostScript name only.
func nameTable(ps string) []byte {
	var s []byte
	for i := 0; i < len(ps); i++ {
		s = append(s, 0, ps[i])
	}
	var b []byte
	for _, v := range []int{0, 1, 18, 3, 1, 0x409, 6, len(s), 0} {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	return append(b, s...)
}

// assembleTables writes an sfnt file with the tables in tag order.
func assembleTables(tables map[string][]byte) []byte {
	ts := make([]table, 0, len(tables))
	for tg, b := range tables {
		var t table
		copy(t.tag[:], tg)
		t.data = b
		ts = append(ts, t)
	}
	// build sorts the tables by tag, so map order does not reach the output.
	return build(0x00010000, ts)
}
