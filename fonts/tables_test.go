package fonts

import (
	"bytes"
	"os"
	"testing"

	"jixiao/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmbeddedTables derives the table files of the embedded fonts from
// the font files again, as parse reads them, and compares them with the
// ones the program embeds; -update rewrites them.
func TestEmbeddedTables(t *testing.T) {
	for _, c := range []struct {
		file      string
		data, tab []byte
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
		if !bytes.Equal(want, c.tab) {
			t.Errorf("%s does not match its font: run go test ./fonts -update, and review the change", c.file)
		}
	}
}

// TestFromTables makes the embedded fonts from their tables and compares
// every answer with the parsed font's.
func TestFromTables(t *testing.T) {
	for _, c := range []struct{ data, tab []byte }{{serifRegular, serifRegularTables}, {sansBold, sansBoldTables}} {
		want, err := parse(c.data)
		require.NoError(t, err)
		got, err := fromTables(c.data, c.tab)
		require.NoError(t, err)
		assert.Equal(t, want.Name(), got.Name())
		assert.Equal(t, want.UnitsPerEm(), got.UnitsPerEm())
		assert.Equal(t, want.Ascent(), got.Ascent())
		assert.Equal(t, want.Descent(), got.Descent())
		assert.Equal(t, want.CapHeight(), got.CapHeight())
		assert.Equal(t, want.Descriptor(), got.Descriptor())
		assert.Equal(t, want.adv, got.adv)
		assert.Equal(t, want.gid, got.gid)
		assert.Equal(t, want.supp, got.supp)
		assert.Equal(t, want.Bytes(), got.Bytes())
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
	}
}

// TestFromTablesRefuses: a table file of another font, or cut short, is
// not read (embedded then parses the font).
func TestFromTablesRefuses(t *testing.T) {
	_, err := fromTables(serifRegular, sansBoldTables)
	assert.ErrorIs(t, err, errTables)
	for _, n := range []int{0, 100, 2 * 2 * bmpSize, len(serifRegularTables) - 1} {
		_, err := fromTables(serifRegular, serifRegularTables[:n])
		assert.ErrorIs(t, err, errTables, "cut at %d", n)
	}
	long := append(bytes.Clone(serifRegularTables), 0)
	_, err = fromTables(serifRegular, long)
	assert.ErrorIs(t, err, errTables)
	// embedded falls back to parsing.
	f, err := embedded("x", serifRegular, sansBoldTables)
	require.NoError(t, err)
	assert.Equal(t, "NotoSerifSC-Regular", f.Name())
}

// TestUint16sCopies reads numbers out of place when they are not aligned.
func TestUint16sCopies(t *testing.T) {
	b := []byte{0, 1, 0, 2, 0}
	assert.Equal(t, []uint16{1, 2}, uint16s(b[1:5]))
	assert.Equal(t, []uint16{1, 2}, uint16s(append([]byte{}, b[1:5]...)))
	assert.Nil(t, uint16s(nil))
}
