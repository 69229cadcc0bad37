package fonts

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"
)

// FuzzFromFile: no input makes the loader or the subsets panic; whatever
// the loader accepts is a clean single font it can load again to the same
// widths, and a subset cut from it of the characters it has (up to 64)
// parses.
func FuzzFromFile(f *testing.F) {
	one := smallFont().ttf()
	two := second().ttf()
	f.Add(one, 0)
	f.Add(makeTTC([][]byte{one, two}, false), 1)
	f.Add(makeTTC([][]byte{one, two}, true), 0)
	f.Add([]byte("OTTO\x00\x01"), 0)
	f.Add(outlined(false), 0)
	f.Add(outlined(true), 0)
	f.Fuzz(func(t *testing.T, data []byte, face int) {
		if face < 0 || face > 4 {
			return
		}
		font, err := fromFile(data, face, true)
		if err != nil {
			return
		}
		again, err := fromFile(font.Bytes(), 0, false)
		if err != nil {
			t.Fatalf("accepted font does not load again: %v", err)
		}
		if !equalAdv(font.adv, again.adv) {
			t.Fatal("widths changed on reload")
		}
		var runes []rune
		for r := rune(0); r <= 0xFFFF && len(runes) < 64; r++ {
			if font.Has(r) {
				runes = append(runes, r)
			}
		}
		// Prefetch recovers no panic: it reads only what the index checked.
		font.Prefetch(slices.Values([]string{string(runes), "\xff\U0001F600\U0010FFFF", ""}))
		for _, cut := range []func([]rune) ([]byte, error){font.Subset, font.SubsetUnicode} {
			sub, err := cut(runes)
			if err != nil {
				continue // a fault found while cutting, told as such
			}
			if _, err := sfnt.Parse(sub); err != nil {
				t.Fatalf("a subset does not parse: %v", err)
			}
		}
	})
}

// outlined is smallFont with outlines in its glyf table (long loca): glyph
// 5 is cut short (5 bytes), 6 and 7 are simple with xMin −5, 8 a composite
// of 7; with shortHmtx its hmtx stops after the long metrics, so that 7
// and 8 take their bearings from their outlines.
func outlined(shortHmtx bool) []byte {
	s := smallFont()
	simple := []byte{0, 1, 0xFF, 0xFB, 0, 0, 0, 10, 0, 10, 0, 0}
	composite := []byte{0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 7, 1, 2}
	glyphs := map[int][]byte{5: {0, 1, 0, 7, 9}, 6: simple, 7: simple, 8: composite}
	var glyf, loca []byte
	for g := range len(s.advances) + 1 {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, glyphs[g]...)
	}
	var ts []table
	for _, t := range s.tables() {
		switch string(t.tag[:]) {
		case "head":
			t.data = append([]byte(nil), t.data...)
			binary.BigEndian.PutUint16(t.data[50:], 1) // long loca
		case "loca":
			t.data = loca
		case "glyf":
			t.data = glyf
		case "hmtx":
			if shortHmtx {
				t.data = t.data[:4*s.numHMetrics]
			}
		}
		ts = append(ts, t)
	}
	return build(sigTrueType, ts)
}

// TestOutlinedSeeds: the fuzz seeds with outlines load, and with the short
// hmtx a glyph past the long metrics takes its outline's xMin (−5) as its
// bearing, and the last long metric's advance.
func TestOutlinedSeeds(t *testing.T) {
	for _, short := range []bool{false, true} {
		font, err := fromFile(outlined(short), 0, true)
		require.NoError(t, err)
		sub, err := font.Subset([]rune("C")) // glyph 7
		require.NoError(t, err)
		d, err := readDirectory(sub, 0)
		require.NoError(t, err)
		hmtx := d.find("hmtx") // .notdef, then C
		require.Len(t, hmtx, 8)
		require.Equal(t, uint16(1126), binary.BigEndian.Uint16(hmtx[4:]), "the advance of the last long metric")
		want := uint16(0) // the bearing smallFont's hmtx gives
		if short {
			want = 0xFFFB
		}
		require.Equal(t, want, binary.BigEndian.Uint16(hmtx[6:]), "short %v", short)
	}
}
