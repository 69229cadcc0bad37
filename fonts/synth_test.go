package fonts

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf16"
)

// synth describes a small TrueType font made in the test, so that every
// width rule can be exercised with chosen numbers. Its glyphs have no
// outlines; only metrics and the character map matter here.
type synth struct {
	version     uint32 // sfnt version; 0 means TrueType
	upm         int
	advances    []int // advance of every glyph, glyph 0 first
	numHMetrics int   // long metrics in hmtx; 0 means len(advances)
	cmap        map[rune]int
	name        string
	fsType      uint16
	os2Version  uint16 // 0 means 4
	ascender    int16
	descender   int16
	capHeight   int16
	nameFormat  uint16
	omit        []string // tables left out
	extra       []table  // tables added
}

func be16(b *bytes.Buffer, vs ...int) {
	for _, v := range vs {
		_ = binary.Write(b, binary.BigEndian, uint16(v))
	}
}

func be32(b *bytes.Buffer, vs ...uint32) {
	for _, v := range vs {
		_ = binary.Write(b, binary.BigEndian, v)
	}
}

func tag(s string) (t [4]byte) {
	copy(t[:], s)
	return t
}

func (s synth) tables() []table {
	n := len(s.advances)
	nh := s.numHMetrics
	if nh == 0 {
		nh = n
	}
	var ts []table
	add := func(name string, b *bytes.Buffer) {
		if !slices.Contains(s.omit, name) {
			ts = append(ts, table{tag(name), b.Bytes()})
		}
	}

	var head bytes.Buffer
	be32(&head, 0x00010000, 0x00010000, 0, 0x5F0F3CF5)
	be16(&head, 0, s.upm)
	be32(&head, 0, 0, 0, 0)         // created, modified
	be16(&head, 0, -200, 1000, 900) // bounding box
	be16(&head, 0, 8, 2, 0 /*short loca*/, 0)
	add("head", &head)

	var hhea bytes.Buffer
	be32(&hhea, 0x00010000)
	be16(&hhea, int(s.ascender), int(s.descender), 0, slices.Max(s.advances), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, nh)
	add("hhea", &hhea)

	var maxp bytes.Buffer
	be32(&maxp, 0x00010000)
	be16(&maxp, n, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
	add("maxp", &maxp)

	var hmtx bytes.Buffer
	for g, a := range s.advances {
		if g < nh {
			be16(&hmtx, a)
		}
		be16(&hmtx, 0)
	}
	add("hmtx", &hmtx)

	var loca bytes.Buffer
	for range n + 1 {
		be16(&loca, 0)
	}
	add("loca", &loca)
	add("glyf", &bytes.Buffer{})

	// One segment per character, then the closing 0xFFFF segment.
	runes := make([]rune, 0, len(s.cmap))
	for r := range s.cmap {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	seg := len(runes) + 1
	pow, sel := 1, 0
	for pow*2 <= seg {
		pow *= 2
		sel++
	}
	var sub bytes.Buffer
	be16(&sub, 4, 16+8*seg, 0, 2*seg, 2*pow, sel, 2*seg-2*pow)
	for _, r := range runes {
		be16(&sub, int(r))
	}
	be16(&sub, 0xFFFF, 0)
	for _, r := range runes {
		be16(&sub, int(r))
	}
	be16(&sub, 0xFFFF)
	for _, r := range runes {
		be16(&sub, (s.cmap[r]-int(r))&0xFFFF)
	}
	be16(&sub, 1)
	for range seg {
		be16(&sub, 0)
	}
	var cmap bytes.Buffer
	be16(&cmap, 0, 1, 3, 1)
	be32(&cmap, 12)
	cmap.Write(sub.Bytes())
	add("cmap", &cmap)

	var name bytes.Buffer
	str := utf16.Encode([]rune(s.name))
	be16(&name, int(s.nameFormat), 2, 6+2*12)
	be16(&name, 3, 1, 0x409, 1, 2*len(str), 0)
	be16(&name, 3, 1, 0x409, 6, 2*len(str), 0)
	for _, c := range str {
		be16(&name, int(c))
	}
	add("name", &name)

	var post bytes.Buffer
	be32(&post, 0x00030000, 0, 0, 0, 0, 0, 0, 0)
	add("post", &post)

	v := s.os2Version
	if v == 0 {
		v = 4
	}
	var os2 bytes.Buffer
	be16(&os2, int(v), 500, 400, 5, int(s.fsType))
	for os2.Len() < 68 {
		be16(&os2, 0)
	}
	be16(&os2, int(s.ascender), int(s.descender))
	for os2.Len() < 88 {
		be16(&os2, 0)
	}
	be16(&os2, int(s.capHeight))
	for os2.Len() < 96 {
		be16(&os2, 0)
	}
	add("OS/2", &os2)

	return append(ts, s.extra...)
}

func (s synth) ttf() []byte {
	v := s.version
	if v == 0 {
		v = sigTrueType
	}
	return build(v, s.tables())
}

// smallFont is a font with upm 2048 whose widths hit every rounding rule.
func smallFont() synth {
	return synth{
		upm: 2048,
		// glyph: 0 .notdef, 1 narrow, 2 wide, 3 zero width, 4 top bit set,
		// 5 rounds down, 6 the last long metric, 7–8 share it.
		advances:    []int{1024, 1229, 2048, 0, 0x8000, 1, 1126, 0, 0},
		numHMetrics: 7,
		cmap: map[rune]int{
			'A': 1, '中': 2, 0x200B: 3, 'X': 4, 'i': 5, 'B': 6, 'C': 7, 'D': 8,
			'Z': 0, '\t': 1, 0xFFFE: 2,
		},
		name:      "SynthSans",
		ascender:  1854,
		descender: -434,
		capHeight: 1434,
	}
}

// makeTTC packs faces (standalone fonts) into a TrueType collection. Tables
// with equal bytes are stored once and shared, as real collections do. With
// unaligned, every table starts one byte past a 4-byte boundary.
func makeTTC(faces [][]byte, unaligned bool) []byte {
	dirs := make([]*directory, len(faces))
	size := 12 + 4*len(faces)
	for i, f := range faces {
		d, err := readDirectory(f, 0)
		if err != nil {
			panic(err)
		}
		dirs[i] = d
		size += 12 + 16*len(d.tables)
	}
	var data bytes.Buffer
	var stored [][]byte
	var storedAt []int
	offsets := make([][]int, len(faces))
	for i, d := range dirs {
		for _, t := range d.tables {
			at := -1
			for j, s := range stored {
				if bytes.Equal(s, t.data) {
					at = storedAt[j]
				}
			}
			if at < 0 {
				for (size+data.Len())%4 != 0 {
					data.WriteByte(0)
				}
				if unaligned {
					data.WriteByte(0)
				}
				at = size + data.Len()
				data.Write(t.data)
				stored = append(stored, t.data)
				storedAt = append(storedAt, at)
			}
			offsets[i] = append(offsets[i], at)
		}
	}
	var out bytes.Buffer
	be32(&out, sigTTC, 0x00010000, uint32(len(faces)))
	at := 12 + 4*len(faces)
	for _, d := range dirs {
		be32(&out, uint32(at))
		at += 12 + 16*len(d.tables)
	}
	for i, d := range dirs {
		be32(&out, d.version)
		be16(&out, len(d.tables), 0, 0, 0)
		for j, t := range d.tables {
			out.Write(t.tag[:])
			be32(&out, checksum(t.data), uint32(offsets[i][j]), uint32(len(t.data)))
		}
	}
	out.Write(data.Bytes())
	return out.Bytes()
}
