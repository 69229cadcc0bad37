package render

import (
	"bytes"
	"fmt"
	"strconv"

	"jixiao/fonts"
)

// How the fonts are written (render/README.md has the history: fpdf, which
// wrote them before, drew with two-byte codes equal to the Unicode value
// and could not draw a character above U+FFFF at all). Here each
// font is a Type0 font with Identity-H encoding over a CIDFontType2 whose
// codes are glyph indexes of the document's own subset (CIDToGIDMap
// /Identity): code k draws the k-th distinct character the document drew
// with the font, whatever its plane, and the ToUnicode map gives back that
// character (as a UTF-16 surrogate pair above U+FFFF). Codes are handed out
// in order of first use while the pages are drawn, so a page's contents are
// final as soon as it is done; the subset is cut once the last page is
// drawn, in the same order (fonts.Font.Subset).

// fontUse is one font of the document and the characters drawn with it
// (fonts.Use: code k is glyph k of the subset).
type fontUse struct {
	fonts.Use
	res string // the font's name in the page resources, "J0", "J1" …
}

func newFontUse(f *fonts.Font, k int) *fontUse {
	return &fontUse{Use: fonts.Use{Font: f}, res: "J" + strconv.Itoa(k)}
}

// encode appends the two-byte codes of s to dst, giving new characters
// the next codes.
func (u *fontUse) encode(dst []byte, s string) ([]byte, error) {
	for _, r := range s {
		c, err := u.Glyph(r)
		if err != nil {
			return nil, err
		}
		dst = append(dst, byte(c>>8), byte(c))
	}
	return dst, nil
}

// fontStreams are the streams of a font, cut and compressed while the
// document is written (prepareFonts).
type fontStreams struct {
	progLen            int    // the font program's length, uncompressed
	prog, cmap, cidSet []byte // compressed; cidSet nil unless asked for
}

// fontsJob is the jobs that make the streams of a document's fonts, one
// per font.
type fontsJob struct {
	jobs  []job
	fonts []fontStreams
}

// prepareFonts starts cutting the subsets of the fonts us and compressing
// their programs, ToUnicode maps and, with cidSet, CID sets: the largest
// streams of a document, made by jobs of p, one per font, while the pages
// and the structure tree are written. A form's two fonts are so made on
// two cores at once (the body font's takes three times the title's); a
// closing pool drops the jobs not begun.
func prepareFonts(p *pool, us []*fontUse, cidSet bool) *fontsJob {
	fj := &fontsJob{jobs: make([]job, len(us)), fonts: make([]fontStreams, len(us))}
	for i, u := range us {
		fj.jobs[i].run = func(z *deflater) error { return prepareFont(z, u, cidSet, &fj.fonts[i]) }
		p.submit(&fj.jobs[i])
	}
	return fj
}

// wait waits until every font's streams are made and returns the first
// error.
func (fj *fontsJob) wait() error {
	var first error
	for i := range fj.jobs {
		if err := fj.jobs[i].wait(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// prepareFont makes the streams of font u into fs.
func prepareFont(z *deflater, u *fontUse, cidSet bool, fs *fontStreams) (err error) {
	defer func() {
		// The font code reads font files; no panic leaves render.
		if r := recover(); r != nil {
			err = fmt.Errorf("font %s: %v", u.Font.Name(), r)
		}
	}()
	sub, err := u.Font.Subset(u.Runes)
	if err != nil {
		return err
	}
	deflate := func(data []byte) []byte {
		c, zerr := z.deflate(data)
		if zerr != nil && err == nil {
			err = zerr
		}
		return bytes.Clone(c)
	}
	if cidSet {
		// PDF/A-1 wants the CIDs of a subset listed; the subset holds
		// CID 0 (.notdef) and 1…n.
		bits := make([]byte, (len(u.Runes)+1+7)/8)
		for cid := 0; cid <= len(u.Runes); cid++ {
			bits[cid/8] |= 0x80 >> (cid % 8)
		}
		fs.cidSet = deflate(bits)
	}
	fs.progLen = len(sub)
	fs.prog = deflate(sub)
	fs.cmap = deflate(toUnicode(u.Runes))
	return err
}

// writeFont writes the objects of font u: the Type0 font (object r), its
// CIDFontType2, the font descriptor, the font program and the ToUnicode
// map, whose streams fs has made. name is the font's name with its subset
// tag.
func writeFont(w *pdfWriter, u *fontUse, r ref, name string, fs *fontStreams) {
	f := u.Font
	d := f.Descriptor()
	cid, desc, prog, cmap := w.alloc(), w.alloc(), w.alloc(), w.alloc()
	w.type0(r, name).descendant(cid).toUnicode(cmap).end()
	ws := make([]int, len(u.Runes))
	for i, c := range u.Runes {
		adv, _ := f.Advance(c)
		ws[i] = adv
	}
	w.cidFont(cid, name).descriptor(desc).widths(1, ws).end()
	dw := w.descriptor(desc, name).flags(d.Flags).bbox(d.BBox).
		metrics(d.ItalicAngle, f.Ascent(), f.Descent(), f.CapHeight(), d.StemV).fontFile2(prog)
	var set ref
	if fs.cidSet != nil {
		set = w.alloc()
		dw.cidSet(set)
	}
	dw.end()
	if set != 0 {
		w.deflated(set, fs.cidSet).end()
	}
	s := w.deflated(prog, fs.prog)
	s.int("Length1", fs.progLen)
	s.end()
	w.deflated(cmap, fs.cmap).end()
}

// toUnicode returns the ToUnicode CMap of a font whose code k+1 draws
// runes[k]: each code maps to the character's UTF-16BE code units, a
// surrogate pair above U+FFFF.
func toUnicode(runes []rune) []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	const hex = "0123456789ABCDEF"
	hex16 := func(b []byte, v uint16) []byte {
		return append(b, hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15])
	}
	for start := 0; start < len(runes); start += 100 {
		block := runes[start:min(start+100, len(runes))]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfchar\n"...)
		for i, r := range block {
			b = append(b, '<')
			b = hex16(b, uint16(start+i+1))
			b = append(b, "> <"...)
			if r > 0xFFFF {
				r -= 0x10000
				b = hex16(hex16(b, uint16(0xD800+r>>10)), uint16(0xDC00+r&0x3FF))
			} else {
				b = hex16(b, uint16(r))
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n"...)
}

// subsetTag derives the six capital letters of a subset's name from the
// runes it holds, so equal subsets get equal names on every run.
func subsetTag(u *fontUse) string {
	var h uint64 = 14695981039346656037 // FNV-1a
	for _, c := range []byte(u.Font.Name()) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	for _, r := range u.Runes {
		for s := 0; s < 32; s += 8 {
			h = (h ^ uint64(byte(r>>s))) * 1099511628211
		}
	}
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(h%26)
		h /= 26
	}
	return string(tag[:])
}
