package fonts

import (
	"encoding/binary"
	"os"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScaleWidth(t *testing.T) {
	for _, c := range []struct{ adv, upm, want int }{
		{1000, 1000, 1000},
		{1024, 2048, 500},
		{1229, 2048, 600}, // 600.098
		{1, 2048, 0},      // 0.488: rounds to nothing, drawn as zero width
		{3, 2000, 2},      // 1.5: half away from zero
		{5, 2000, 3},      // 2.5: not to even
		{127, 256, 496},   // 496.09
		{0x7FFF, 1000, 32767},
		{0x8000, 1000, 0}, // fpdf reads an advance with the top bit set as 0
		{0xFFFF, 2048, 0},
	} {
		assert.Equal(t, c.want, scaleWidth(c.adv, c.upm), "advance %d at %d units per em", c.adv, c.upm)
	}
}

func TestDefaults(t *testing.T) {
	body, err := DefaultBody()
	require.NoError(t, err)
	title, err := DefaultTitle()
	require.NoError(t, err)
	again, err := DefaultBody()
	require.NoError(t, err)
	assert.Same(t, body, again, "parsed once per process")

	assert.Equal(t, "NotoSerifSC-Regular", body.Name())
	assert.Equal(t, "NotoSansSC-Bold", title.Name())
	assert.Equal(t, serifRegular, body.Bytes())
	assert.Equal(t, sansBold, title.Bytes())
	for _, f := range []*Font{body, title} {
		assert.Equal(t, 1000, f.UnitsPerEm())
		assert.Greater(t, f.Ascent(), f.CapHeight())
		assert.Greater(t, f.CapHeight(), 0)
		assert.Less(t, f.Descent(), 0)

		for _, r := range "中华人民共和国预算绩效目标表，。、（）《》％" {
			w, ok := f.Advance(r)
			assert.True(t, ok, "%q", r)
			assert.Equal(t, 1000, w, "%q is set on a full em", r)
		}
		for _, r := range "0123456789" {
			w, ok := f.Advance(r)
			assert.True(t, ok)
			assert.Greater(t, w, 300)
			assert.Less(t, w, 700)
		}
		for _, r := range []rune{0, '\n', '\t', 0x7F, 0x85, 0xFFFF, 0x10000, 0x20BB7, 0xF0000, -1, 0x110000} {
			assert.False(t, f.Has(r), "U+%04X", r)
			w, ok := f.Advance(r)
			assert.Zero(t, w)
			assert.False(t, ok)
		}
	}
}

// TestDefaultMetricsFromTables reads the vertical metrics straight from the
// tables and applies fpdf's descriptor formula, independently of sfnt.
func TestDefaultMetricsFromTables(t *testing.T) {
	for _, data := range [][]byte{serifRegular, sansBold} {
		d, err := readDirectory(data, 0)
		require.NoError(t, err)
		upm := float64(binary.BigEndian.Uint16(d.find("head")[18:]))
		hhea := d.find("hhea")
		os2 := d.find("OS/2")
		asc := int(float64(int16(binary.BigEndian.Uint16(hhea[4:]))) * (1000 / upm))
		desc := int(float64(int16(binary.BigEndian.Uint16(hhea[6:]))) * (1000 / upm))
		capH := int(float64(int16(binary.BigEndian.Uint16(os2[88:]))) * (1000 / upm))

		f, err := parse(data)
		require.NoError(t, err)
		assert.Equal(t, asc, f.Ascent())
		assert.Equal(t, desc, f.Descent())
		assert.Equal(t, capH, f.CapHeight())
	}
}

func TestSynthWidths(t *testing.T) {
	f, err := parse(smallFont().ttf())
	require.NoError(t, err)
	assert.Equal(t, "SynthSans", f.Name())
	assert.Equal(t, 2048, f.UnitsPerEm())
	assert.Equal(t, 905, f.Ascent())   // 1854/2.048 = 905.27
	assert.Equal(t, -211, f.Descent()) // -434/2.048 = -211.9, truncated
	assert.Equal(t, 700, f.CapHeight())

	for _, c := range []struct {
		r    rune
		w    int
		has  bool
		what string
	}{
		{'A', 600, true, "1229 units"},
		{'中', 1000, true, "a full em"},
		{0x200B, 0, true, "a zero-width glyph is drawable and has no width"},
		{'X', 0, true, "an advance with the top bit set counts as 0"},
		{'i', 0, true, "1 unit rounds to 0"},
		{'B', 550, true, "the last long metric: 1126 units = 549.8"},
		{'C', 550, true, "beyond numberOfHMetrics: the last long metric's advance"},
		{'D', 550, true, "beyond numberOfHMetrics"},
		{0xFFFE, 1000, true, "a noncharacter the font maps"},
		{'Z', 0, false, "mapped to .notdef"},
		{'\t', 0, false, "a control character, though mapped"},
		{'Q', 0, false, "not mapped"},
	} {
		w, ok := f.Advance(c.r)
		assert.Equal(t, c.has, ok, "%q: %s", c.r, c.what)
		assert.Equal(t, c.w, w, "%q: %s", c.r, c.what)
		assert.Equal(t, c.has, f.Has(c.r), "%q", c.r)
	}
}

func TestParseRejects(t *testing.T) {
	ok := smallFont()
	_, err := parse(ok.ttf())
	require.NoError(t, err, "the base font must be acceptable for the cases below to mean anything")

	for _, c := range []struct {
		what   string
		change func(*synth)
		want   string
	}{
		{"restricted licence", func(s *synth) { s.fsType = 0x0002 }, "licence"},
		{"no subsetting", func(s *synth) { s.fsType = 0x0100 }, "licence"},
		{"bitmap embedding only", func(s *synth) { s.fsType = 0x0200 }, "licence"},
		{"no post table", func(s *synth) { s.omit = []string{"post"} }, `no "post" table`},
		{"no name table", func(s *synth) { s.omit = []string{"name"} }, `no "name" table`},
		{"no cmap table", func(s *synth) { s.omit = []string{"cmap"} }, `no "cmap" table`},
		{"no glyf", func(s *synth) { s.omit = []string{"glyf"} }, "no TrueType outlines"},
		{"name format 1", func(s *synth) { s.nameFormat = 1 }, "name table"},
		{"CFF table", func(s *synth) { s.extra = []table{{tag("CFF "), []byte{1, 0, 4, 1}}} }, "CFF"},
	} {
		s := smallFont()
		c.change(&s)
		_, err := parse(s.ttf())
		if assert.Error(t, err, c.what) {
			assert.Contains(t, err.Error(), c.want, c.what)
		}
	}
	// Fonts that may be embedded are accepted.
	for _, fs := range []uint16{0x0000, 0x0004, 0x0008} {
		s := smallFont()
		s.fsType = fs
		_, err := parse(s.ttf())
		assert.NoError(t, err, "fsType 0x%04X", fs)
	}
}

func TestBuildChecksums(t *testing.T) {
	data := smallFont().ttf()
	d, err := readDirectory(data, 0)
	require.NoError(t, err)
	assert.True(t, d.canonical)
	assert.Equal(t, uint32(0xB1B0AFBA), checksum(data), "whole-file checksum with checkSumAdjustment")
	n := int(binary.BigEndian.Uint16(data[4:]))
	assert.Equal(t, 8*16, int(binary.BigEndian.Uint16(data[6:])), "searchRange for %d tables", n)
	for i := range n {
		r := data[12+16*i:]
		off := binary.BigEndian.Uint32(r[8:])
		l := binary.BigEndian.Uint32(r[12:])
		assert.Zero(t, off%4, "%s is aligned", r[:4])
		tbl := append([]byte(nil), data[off:off+l]...)
		if string(r[:4]) == "head" {
			binary.BigEndian.PutUint32(tbl[8:], 0)
		}
		assert.Equal(t, binary.BigEndian.Uint32(r[4:]), checksum(tbl), "%s checksum", r[:4])
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for i := range sums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := DefaultBody()
			if err != nil {
				return
			}
			for r := rune(0); r < 0x10000; r++ {
				w, _ := f.Advance(r)
				sums[i] += w
			}
		}()
	}
	wg.Wait()
	for _, s := range sums[1:] {
		assert.Equal(t, sums[0], s)
	}
	assert.NotZero(t, sums[0])
}

// TestControlsNeverDrawn guards the rule for every control character, not
// just the ones a font happens to map.
func TestControlsNeverDrawn(t *testing.T) {
	f, err := DefaultBody()
	require.NoError(t, err)
	for r := rune(0); r < 0x10000; r++ {
		if unicode.IsControl(r) {
			assert.False(t, f.Has(r), "U+%04X", r)
		}
	}
}

func TestFakeCFFFile(t *testing.T) {
	data, err := os.ReadFile("testdata/fake-cff.otf")
	require.NoError(t, err)
	assert.Equal(t, "OTTO", string(data[:4]))
}
