package fonts

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
	"unsafe"

	"jixiao/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmbeddedTables derives the table files of the embedded fonts from
// the font files again, as parse reads them, and compares them with the
// ones the program embeds; -update rewrites them.
func TestEmbeddedTables(t *testing.T) {
	for _, c := range []struct {
		file string
		data []byte
		tab  string
	}{
		{"NotoSerifSC-Regular.tab", serifRegular, serifRegularTables},
		{"NotoSansSC-Bold.tab", sansBold, sansBoldTables},
	} {
		f, err := parse(c.data)
		require.NoError(t, err)
		want := f.appendTables(nil)
		if *golden.Update {
			require.NoError(t, os.WriteFile(c.file, want, 0o644))
			continue
		}
		if string(want) != c.tab {
			t.Errorf("%s does not match its font: run go test ./fonts -update, and review the change", c.file)
		}
	}
}

// TestFromTables makes the embedded fonts from their tables and compares
// them with the parsed fonts, whole (but for how each reads outlines), and
// the outlines they read.
func TestFromTables(t *testing.T) {
	for _, c := range []struct {
		data []byte
		tab  string
	}{{serifRegular, serifRegularTables}, {sansBold, sansBoldTables}} {
		want, err := parse(c.data)
		require.NoError(t, err)
		got, err := fromTables(c.data, c.tab)
		require.NoError(t, err)
		for _, r := range []rune{'中', 'A', 0x20BB7, 0x2A6D6, -1, 0x10FFFF} {
			wa, wok := want.Advance(r)
			ga, gok := got.Advance(r)
			assert.Equal(t, [2]any{wa, wok}, [2]any{ga, gok}, "U+%04X", r)
		}
		// Outlines: sfnt parses the font on first use.
		var o Outliner
		gid, ok := got.GlyphIndex('绩')
		require.True(t, ok)
		ws, err := o.Outline(want, gid, nil)
		require.NoError(t, err)
		gs, err := o.Outline(got, gid, nil)
		require.NoError(t, err)
		assert.Equal(t, ws, gs)
		assert.NotEmpty(t, gs)
		want.outlines, got.outlines = nil, nil
		assert.Equal(t, want, got)
		if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 {
			// Read in place: the table file is aligned where it is embedded.
			assert.Equal(t, unsafe.Pointer(unsafe.StringData(c.tab)), unsafe.Pointer(&got.adv[0]))
		}
	}
}

// TestFromTablesRefuses: a table file of another font, of the same font
// changed, or cut short, is not read (embedded then parses the font).
func TestFromTablesRefuses(t *testing.T) {
	_, err := fromTables(serifRegular, sansBoldTables)
	assert.ErrorIs(t, err, errTables)
	for _, n := range []int{0, 100, 2 * 2 * bmpSize, len(serifRegularTables) - 1} {
		_, err := fromTables(serifRegular, serifRegularTables[:n])
		assert.ErrorIs(t, err, errTables, "cut at %d", n)
	}
	_, err = fromTables(serifRegular, serifRegularTables+"\x00")
	assert.ErrorIs(t, err, errTables)
	// The same length, another file: its head.checkSumAdjustment differs.
	changed := bytes.Clone(serifRegular)
	changed[len(changed)-1] ^= 1
	d, err := readDirectory(changed, 0)
	require.NoError(t, err)
	head := d.find("head")
	binary.BigEndian.PutUint32(head[8:], binary.BigEndian.Uint32(head[8:])-1)
	_, err = fromTables(changed, serifRegularTables)
	assert.ErrorIs(t, err, errTables)
	// embedded falls back to parsing.
	f, err := embedded("x", serifRegular, sansBoldTables)
	require.NoError(t, err)
	assert.Equal(t, "NotoSerifSC-Regular", f.Name())
}

// TestUint16sCopies reads numbers out of place when they are not aligned.
func TestUint16sCopies(t *testing.T) {
	b := []byte{0, 1, 0, 2, 0, 0}
	odd := unsafe.String(&b[1], 4) // an odd address
	assert.Equal(t, []uint16{1, 2}, uint16s(odd))
	assert.Equal(t, []uint16{1, 2}, uint16s(string(b[1:5])))
	assert.Nil(t, uint16s(""))
}
