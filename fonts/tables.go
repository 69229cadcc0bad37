package fonts

import (
	"encoding/binary"
	"errors"
	"sync"
	"unsafe"

	"jixiao/msg"

	"golang.org/x/image/font/sfnt"
)

// The embedded fonts' tables.
//
// What parse derives from a font file is the same in every run for the two
// embedded fonts, but deriving it is a tenth of printing one form: parsing
// with sfnt, reading the widths of 65,536 characters and filling two
// arrays of them in fresh memory (some 300 page faults in a new process).
// So it is derived once, when the fonts are chosen, and kept beside each
// font as a table file (NotoSerifSC-Regular.tab, NotoSansSC-Bold.tab), read
// in place at start-up: the widths and glyph numbers are the file's bytes,
// not copies. TestEmbeddedTables derives them again from the font files
// and fails when a table file differs; `go test ./fonts -update` rewrites
// them. sfnt parses the font only when an outline is asked for (preview).
//
// A table file, all numbers little-endian:
//
//	adv    [65536]uint16  Font.adv
//	gid    [65536]uint16  Font.gid
//	magic  "JXFT", version uint32 (2), font file length uint32,
//	       the font's head.checkSumAdjustment uint32 (fileKey)
//	upm, ascent, descent, capHeight, BBox[4], ItalicAngle, StemV, Flags  int32
//	name   uint32 length, bytes
//	supp   uint32 count, then per glyph: rune uint32, gid uint16, adv uint16
//
// The two arrays come first, so that they start at the file's start,
// which the linker aligns. The files are embedded as strings, in the
// program's read-only data: a write through a Font's arrays would fault,
// not change the widths of the process.

const (
	tablesMagic   = "JXFT"
	tablesVersion = 2
	bmpSize       = 0x10000
)

// appendTables appends the table file of f, whose file is f.data.
func (f *Font) appendTables(b []byte) []byte {
	le := binary.LittleEndian
	for _, a := range [][]uint16{f.adv, f.gid} {
		for _, v := range a {
			b = le.AppendUint16(b, v)
		}
	}
	b = append(b, tablesMagic...)
	b = le.AppendUint32(b, tablesVersion)
	b = le.AppendUint32(b, uint32(len(f.data)))
	b = le.AppendUint32(b, fileKey(f.data))
	d := f.desc
	for _, v := range []int{f.upm, f.ascent, f.descent, f.capHeight, d.BBox[0], d.BBox[1], d.BBox[2], d.BBox[3], d.ItalicAngle, d.StemV, d.Flags} {
		b = le.AppendUint32(b, uint32(int32(v)))
	}
	b = le.AppendUint32(b, uint32(len(f.name)))
	b = append(b, f.name...)
	b = le.AppendUint32(b, uint32(len(f.supp)))
	for _, g := range f.supp {
		b = le.AppendUint32(b, uint32(g.r))
		b = le.AppendUint16(b, g.gid)
		b = le.AppendUint16(b, g.adv)
	}
	return b
}

// errTables is a table file that is not its font's: embedded then parses
// the font, and TestEmbeddedTables says what to do.
var errTables = errors.New("fonts: table file does not match the font; run go test ./fonts -update")

// fileKey is what ties a table file to its font besides the font file's
// length: the font's head.checkSumAdjustment, which makes the whole file's
// checksum come out right, so that any change of the file changes it
// (0 when the file has no head table).
func fileKey(data []byte) uint32 {
	d, err := readDirectory(data, 0)
	if err != nil {
		return 0
	}
	if head := d.find("head"); len(head) >= 12 {
		return binary.BigEndian.Uint32(head[8:])
	}
	return 0
}

// fromTables makes the Font of file data from its table file tab (made by
// appendTables), without parsing data: both must be the program's own,
// unchanged for as long as the program runs.
func fromTables(data []byte, tab string) (*Font, error) {
	le := binary.LittleEndian
	const arrays = 2 * 2 * bmpSize
	head := 4 + 4 + 4 + 4 + 11*4 + 4
	if len(tab) < arrays+head || tab[arrays:arrays+4] != tablesMagic {
		return nil, errTables
	}
	p := []byte(tab[arrays+4:]) // a copy of the few kB after the arrays
	if le.Uint32(p) != tablesVersion || le.Uint32(p[4:]) != uint32(len(data)) || le.Uint32(p[8:]) != fileKey(data) {
		return nil, errTables
	}
	p = p[12:]
	num := func() int {
		v := int(int32(le.Uint32(p)))
		p = p[4:]
		return v
	}
	f := &Font{data: data}
	f.adv = uint16s(tab[:2*bmpSize])
	f.gid = uint16s(tab[2*bmpSize : arrays])
	f.upm, f.ascent, f.descent, f.capHeight = num(), num(), num(), num()
	d := &f.desc
	d.BBox = [4]int{num(), num(), num(), num()}
	d.ItalicAngle, d.StemV, d.Flags = num(), num(), num()
	n := int(le.Uint32(p))
	p = p[4:]
	if n > len(p) {
		return nil, errTables
	}
	f.name, p = string(p[:n]), p[n:]
	if len(p) < 4 {
		return nil, errTables
	}
	n = int(le.Uint32(p))
	p = p[4:]
	if n*8 != len(p) {
		return nil, errTables
	}
	f.supp = make([]suppGlyph, n)
	for i := range f.supp {
		f.supp[i] = suppGlyph{r: rune(le.Uint32(p)), gid: le.Uint16(p[4:]), adv: le.Uint16(p[6:])}
		p = p[8:]
	}
	f.outlines = sync.OnceValues(func() (*sfnt.Font, error) {
		sf, err := sfnt.Parse(data)
		if err != nil {
			return nil, libFault(err, msg.FontUnparsable)
		}
		return sf, nil
	})
	return f, nil
}

// uint16s returns the little-endian numbers of s: s itself, read in
// place, where the machine is little-endian and s is aligned for them (an
// embedded table file, in read-only memory), else a copy.
func uint16s(s string) []uint16 {
	if len(s) == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.StringData(s))
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 && uintptr(p)%unsafe.Alignof(uint16(0)) == 0 {
		return unsafe.Slice((*uint16)(p), len(s)/2)
	}
	out := make([]uint16, len(s)/2)
	for i := range out {
		out[i] = uint16(s[2*i]) | uint16(s[2*i+1])<<8
	}
	return out
}
