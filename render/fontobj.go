package render

import (
	"fmt"
	"strconv"

	"jixiao/fonts"
)

// Why render writes the font objects itself (render/README.md has the
// measurements): fpdf draws with two-byte codes equal to the Unicode value
// and keeps a 65,536-entry width table, so it cannot draw a character above
// U+FFFF at all (it panics); it also spent about 6 ms per font and document
// JSON-encoding that table and compressing a 128 KB CIDToGIDMap. Here each
// font is a Type0 font with Identity-H encoding over a CIDFontType2 whose
// codes are glyph indexes of the document's own subset (CIDToGIDMap
// /Identity): code k draws the k-th distinct character the document drew
// with the font, whatever its plane, and the ToUnicode map gives back that
// character (as a UTF-16 surrogate pair above U+FFFF). Codes are handed out
// in order of first use while the pages are drawn, so a page's contents are
// final as soon as it is done; the subset is cut once the last page is
// drawn, in the same order (fonts.Font.Subset).

// fontUse is one font of the document and the characters drawn with it.
type fontUse struct {
	font  *fonts.Font
	res   string // the font's name in the page resources, "J0", "J1" …
	runes []rune // in order of first use: runes[k] has code k+1
	code  map[rune]uint16
}

func newFontUse(f *fonts.Font, k int) *fontUse {
	return &fontUse{font: f, res: "J" + strconv.Itoa(k), code: map[rune]uint16{}}
}

// encode appends the two-byte codes of s to dst, giving new characters
// the next codes.
func (u *fontUse) encode(dst []byte, s string) ([]byte, error) {
	for _, r := range s {
		c, ok := u.code[r]
		if !ok {
			if len(u.runes) >= 0xFFFE {
				return nil, fmt.Errorf("more than %d distinct characters in one font", 0xFFFE)
			}
			u.runes = append(u.runes, r)
			c = uint16(len(u.runes))
			u.code[r] = c
		}
		dst = append(dst, byte(c>>8), byte(c))
	}
	return dst, nil
}

// fontObjects returns the objects of font u numbered from num: the Type0
// font (num), its CIDFontType2, the font descriptor, the font program and
// the ToUnicode map. name is the font's name with its subset tag.
func fontObjects(u *fontUse, num int, name string, z *deflater) ([]pdfObj, error) {
	sub, err := u.font.Subset(u.runes)
	if err != nil {
		return nil, err
	}
	f := u.font
	d := f.Descriptor()
	obj := func(k int, body []byte) pdfObj {
		b := strconv.AppendInt(nil, int64(num+k), 10)
		b = append(b, " 0 obj\n"...)
		b = append(b, body...)
		return pdfObj{num: num + k, body: append(b, "\nendobj\n"...)}
	}
	stream := func(k int, data []byte, extra string) (pdfObj, error) {
		c, err := z.deflate(data)
		if err != nil {
			return pdfObj{}, err
		}
		b := fmt.Appendf(nil, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", len(c), extra)
		b = append(b, c...)
		return obj(k, append(b, "\nendstream"...)), nil
	}

	objs := make([]pdfObj, 0, 5)
	objs = append(objs, obj(0, fmt.Appendf(nil,
		"<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>",
		name, num+1, num+4)))

	w := fmt.Appendf(nil, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [1 [", name, num+2)
	for i, r := range u.runes {
		if i > 0 {
			w = append(w, ' ')
		}
		adv, _ := f.Advance(r)
		w = strconv.AppendInt(w, int64(adv), 10)
	}
	objs = append(objs, obj(1, append(w, "]]>>"...)))

	objs = append(objs, obj(2, fmt.Appendf(nil,
		"<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>",
		name, d.Flags, d.BBox[0], d.BBox[1], d.BBox[2], d.BBox[3], d.ItalicAngle, f.Ascent(), f.Descent(), f.CapHeight(), d.StemV, num+3)))

	prog, err := stream(3, sub, " /Length1 "+strconv.Itoa(len(sub)))
	if err != nil {
		return nil, err
	}
	objs = append(objs, prog)
	cmap, err := stream(4, toUnicode(u.runes), "")
	if err != nil {
		return nil, err
	}
	return append(objs, cmap), nil
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
