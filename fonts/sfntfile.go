package fonts

import (
	"bytes"
	"encoding/binary"
	"jixiao/msg"
	"slices"
)

// Signatures of the first four bytes of a font file.
const (
	sigTrueType = 0x00010000
	sigApple    = 0x74727565 // "true": TrueType on old Apple systems
	sigOTTO     = 0x4f54544f // "OTTO": OpenType with CFF outlines
	sigTTC      = 0x74746366 // "ttcf": a collection of faces
	sigWOFF     = 0x774f4646 // "wOFF"
	sigWOFF2    = 0x774f4632 // "wOF2"
)

// ErrPostScript is returned for fonts whose glyphs are CFF (PostScript)
// outlines: OpenType .otf files and collections such as the Noto CJK .ttc.
// The PDF writer embeds only TrueType (glyf) outlines.
var ErrPostScript error = msg.New(msg.FontCFF)

// table is one table of an sfnt file: its tag and its bytes (a view into the
// source, not a copy).
type table struct {
	tag  [4]byte
	data []byte
}

// directory is the table directory of one face of an sfnt file.
type directory struct {
	version uint32
	tables  []table
	// canonical means the file can be used as it is: tags in ascending
	// order and every table on a 4-byte boundary, as x/image/font/sfnt
	// requires.
	canonical bool
}

func (d *directory) find(tag string) []byte {
	for _, t := range d.tables {
		if string(t.tag[:]) == tag {
			return t.data
		}
	}
	return nil
}

func (d *directory) has(tag string) bool {
	for _, t := range d.tables {
		if string(t.tag[:]) == tag {
			return true
		}
	}
	return false
}

// readDirectory reads the table directory that starts at off in src. Table
// offsets are relative to the start of src, as in both single fonts and
// collections.
func readDirectory(src []byte, off int) (*directory, error) {
	if off < 0 || off+12 > len(src) {
		return nil, msg.New(msg.FontDirectoryCut)
	}
	d := &directory{
		version:   binary.BigEndian.Uint32(src[off:]),
		canonical: true,
	}
	n := int(binary.BigEndian.Uint16(src[off+4:]))
	if n == 0 {
		return nil, msg.New(msg.FontNoTables)
	}
	recs := off + 12
	if recs+16*n > len(src) {
		return nil, msg.New(msg.FontDirectoryCut)
	}
	var prev uint32
	for i := range n {
		r := src[recs+16*i:]
		tag := binary.BigEndian.Uint32(r)
		o := int64(binary.BigEndian.Uint32(r[8:]))
		l := int64(binary.BigEndian.Uint32(r[12:]))
		if o+l > int64(len(src)) {
			return nil, msg.New(msg.FontTablePastEnd, string(r[:4]))
		}
		if i > 0 && tag <= prev {
			d.canonical = false
		}
		if o%4 != 0 {
			d.canonical = false
		}
		prev = tag
		var t table
		copy(t.tag[:], r[:4])
		t.data = src[o : o+l : o+l]
		d.tables = append(d.tables, t)
	}
	return d, nil
}

// collectionFaces returns the offsets of the faces' table directories in a
// TrueType collection.
func collectionFaces(src []byte) ([]int, error) {
	if len(src) < 12 {
		return nil, msg.New(msg.FontCollectionCut)
	}
	n := int(binary.BigEndian.Uint32(src[8:]))
	if n == 0 || 12+4*n > len(src) {
		return nil, msg.New(msg.FontCollectionBad)
	}
	offs := make([]int, n)
	for i := range offs {
		offs[i] = int(binary.BigEndian.Uint32(src[12+4*i:]))
	}
	return offs, nil
}

// checksum is the OpenType table checksum: the sum of the big-endian
// uint32 words of data, zero-padded to a multiple of 4 bytes.
func checksum(data []byte) uint32 {
	var sum uint32
	for len(data) >= 4 {
		sum += binary.BigEndian.Uint32(data)
		data = data[4:]
	}
	if len(data) > 0 {
		var last [4]byte
		copy(last[:], data)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// build writes a standalone sfnt file holding tables: tags sorted, each
// table on a 4-byte boundary and zero-padded, checksums recomputed and the
// head table's checkSumAdjustment set for the new file. A DSIG table is
// dropped, since the signature cannot survive the rewrite.
func build(version uint32, tables []table) []byte {
	ts := make([]table, 0, len(tables))
	for _, t := range tables {
		if string(t.tag[:]) != "DSIG" {
			ts = append(ts, t)
		}
	}
	// Byte order of the tags is the numeric order of their uint32 values.
	slices.SortFunc(ts, func(a, b table) int { return bytes.Compare(a.tag[:], b.tag[:]) })

	n := len(ts)
	pow := 1
	sel := 0
	for pow*2 <= n {
		pow *= 2
		sel++
	}
	size := 12 + 16*n
	for _, t := range ts {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, size)
	binary.BigEndian.PutUint32(out[0:], version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(pow*16))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-pow*16))

	off := 12 + 16*n
	head := -1
	for i, t := range ts {
		copy(out[off:], t.data)
		data := out[off : off+len(t.data)]
		if string(t.tag[:]) == "head" && len(data) >= 12 {
			// The head checksum is computed with checkSumAdjustment zeroed.
			binary.BigEndian.PutUint32(data[8:], 0)
			head = off
		}
		r := out[12+16*i:]
		copy(r, t.tag[:])
		binary.BigEndian.PutUint32(r[4:], checksum(data))
		binary.BigEndian.PutUint32(r[8:], uint32(off))
		binary.BigEndian.PutUint32(r[12:], uint32(len(t.data)))
		off += (len(t.data) + 3) &^ 3
	}
	if head >= 0 {
		binary.BigEndian.PutUint32(out[head+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}
