package fonts

import (
	"encoding/binary"
	"slices"
	"testing"
)

// cmap12Table builds a cmap table with one subtable of format 12 under
// (platform, encoding) holding groups of (start, end, first glyph).
func cmap12Table(platform, encoding uint16, groups [][3]uint32) []byte {
	b := binary.BigEndian.AppendUint16(nil, 0)
	b = binary.BigEndian.AppendUint16(b, 1)
	b = binary.BigEndian.AppendUint16(b, platform)
	b = binary.BigEndian.AppendUint16(b, encoding)
	b = binary.BigEndian.AppendUint32(b, 12)
	b = binary.BigEndian.AppendUint16(b, 12)
	b = binary.BigEndian.AppendUint16(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(16+12*len(groups)))
	b = binary.BigEndian.AppendUint32(b, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(groups)))
	for _, g := range groups {
		for _, v := range g {
			b = binary.BigEndian.AppendUint32(b, v)
		}
	}
	return b
}

// TestSupplementaryCmap reads the characters above U+FFFF of format 12
// subtables: in rune order whatever the order of the groups, a character
// mapped twice keeping its first glyph, BMP characters, .notdef, glyphs
// past the font and code points past U+10FFFF left out; other platforms
// and truncated tables give nothing or an error, never a panic.
func TestSupplementaryCmap(t *testing.T) {
	type hit struct {
		r   rune
		gid int
	}
	read := func(cmap []byte, numGlyphs int) ([]hit, error) {
		var out []hit
		err := supplementary(cmap, numGlyphs, func(r rune, gid int) error {
			out = append(out, hit{r, gid})
			return nil
		})
		return out, err
	}
	cmap := cmap12Table(3, 10, [][3]uint32{
		{0x20BB7, 0x20BB8, 5},     // 𠮷 → 5, U+20BB8 → 6
		{0xFFFE, 0x10001, 1},      // BMP part skipped: U+10000 → 3, U+10001 → 4
		{0x20BB8, 0x20BB9, 9},     // U+20BB8 again: keeps 6; U+20BB9 → 10 (past the font)
		{0x2A6D6, 0x2A6D6, 0},     // .notdef
		{0x10FFFF, 0xFFFFFFFF, 2}, // U+10FFFF → 2, the rest is not Unicode
		{0x110000, 0x120000, 1},   // not Unicode
		{0x30000, 0x2FFFF, 1},     // start after end
	})
	got, err := read(cmap, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []hit{{0x10000, 3}, {0x10001, 4}, {0x20BB7, 5}, {0x20BB8, 6}, {0x10FFFF, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A Unicode-platform subtable counts; a Macintosh one does not.
	if got, _ := read(cmap12Table(0, 4, [][3]uint32{{0x20000, 0x20000, 1}}), 2); len(got) != 1 {
		t.Errorf("(0,4): %v", got)
	}
	if got, _ := read(cmap12Table(1, 0, [][3]uint32{{0x20000, 0x20000, 1}}), 2); len(got) != 0 {
		t.Errorf("(1,0): %v", got)
	}
	// Every prefix: an error or fewer characters, never a panic.
	for n := range len(cmap) {
		if got, err := read(cmap[:n], 10); err == nil && len(got) > len(want) {
			t.Errorf("prefix %d: %v", n, got)
		}
	}
}
