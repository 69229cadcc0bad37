package fonts

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// second is a font distinguishable from smallFont by name and widths.
func second() synth {
	s := smallFont()
	s.name = "SynthSerif"
	s.upm = 1000
	s.advances = []int{500, 250, 1000, 0, 0, 0, 0, 0, 0}
	return s
}

func TestSplitSpec(t *testing.T) {
	for _, c := range []struct {
		spec, path string
		face       int
		explicit   bool
	}{
		{"a.ttf", "a.ttf", 0, false},
		{"simsun.ttc#0", "simsun.ttc", 0, true},
		{"simsun.ttc#12", "simsun.ttc", 12, true},
		{"/x/simsun.ttc", "/x/simsun.ttc", 0, false},
		{"odd#name.ttf", "odd#name.ttf", 0, false},
		{"a.ttc#", "a.ttc#", 0, false},
		{"a.ttc#-1", "a.ttc#-1", 0, false},
		{"a.ttc#+1", "a.ttc#+1", 0, false},
	} {
		p, f, e := splitSpec(c.spec)
		assert.Equal(t, c.path, p, c.spec)
		assert.Equal(t, c.face, f, c.spec)
		assert.Equal(t, c.explicit, e, c.spec)
	}
}

func TestLoadTTF(t *testing.T) {
	p := writeFile(t, "synth.ttf", smallFont().ttf())
	f, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, "SynthSans", f.Name())
	w, ok := f.Advance('A')
	assert.True(t, ok)
	assert.Equal(t, 600, w)

	g, err := Load(p + "#0")
	require.NoError(t, err)
	assert.Equal(t, f.adv, g.adv)

	_, err = Load(p + "#1")
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "fonts: "+p+"#1: ")
		assert.Contains(t, err.Error(), "not a collection")
	}
}

// TestLoadHashInName: a file whose own name ends in "#N" is still found.
func TestLoadHashInName(t *testing.T) {
	p := writeFile(t, "font#2", smallFont().ttf())
	f, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, "SynthSans", f.Name())
}

// TestLoadUnsortedTTF: a single font whose tables are out of order and
// unaligned is rebuilt before x/image/font/sfnt sees it.
func TestLoadUnsortedTTF(t *testing.T) {
	good := smallFont().ttf()
	ttc := makeTTC([][]byte{good}, true)
	// Turn the one-face collection into a single font: the table directory
	// moves to the front, offsets stay (they are relative to the file start).
	d, err := readDirectory(ttc, 16)
	require.NoError(t, err)
	single := append([]byte(nil), ttc...)
	copy(single, ttc[16:16+12+16*len(d.tables)])
	// Swap the first two table records so the tags are out of order.
	rec := single[12:]
	var tmp [16]byte
	copy(tmp[:], rec[:16])
	copy(rec[:16], rec[16:32])
	copy(rec[16:32], tmp[:])
	nd, err := readDirectory(single, 0)
	require.NoError(t, err)
	require.False(t, nd.canonical)

	f, err := Load(writeFile(t, "unsorted.ttf", single))
	require.NoError(t, err)
	want, err := parse(good)
	require.NoError(t, err)
	assert.Equal(t, want.adv, f.adv)
	assert.Equal(t, uint32(0xB1B0AFBA), checksum(f.Bytes()))
}

func TestLoadCollection(t *testing.T) {
	a, b := smallFont().ttf(), second().ttf()
	wantA, err := parse(a)
	require.NoError(t, err)
	wantB, err := parse(b)
	require.NoError(t, err)

	for _, unaligned := range []bool{false, true} {
		p := writeFile(t, "pair.ttc", makeTTC([][]byte{a, b}, unaligned))
		for spec, want := range map[string]*Font{p: wantA, p + "#0": wantA, p + "#1": wantB} {
			f, err := Load(spec)
			require.NoError(t, err, "%s unaligned=%v", spec, unaligned)
			assert.Equal(t, want.name, f.Name(), spec)
			assert.Equal(t, want.upm, f.UnitsPerEm(), spec)
			assert.Equal(t, want.ascent, f.Ascent(), spec)
			assert.Equal(t, want.adv, f.adv, spec)

			d, err := readDirectory(f.Bytes(), 0)
			require.NoError(t, err)
			assert.True(t, d.canonical, "the extracted face is a clean single font")
			assert.Equal(t, uint32(sigTrueType), d.version)
			assert.Equal(t, uint32(0xB1B0AFBA), checksum(f.Bytes()))
		}
		_, err := Load(p + "#2")
		if assert.Error(t, err) {
			assert.Equal(t, "fonts: "+p+"#2: face 2 requested, but the collection has 2 faces (0…1)", err.Error())
		}
	}
}

// TestLoadCollectionOfDefaults packs the two embedded fonts into a
// collection and checks that each face comes back exactly.
func TestLoadCollectionOfDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 25 MB collection")
	}
	body, err := DefaultBody()
	require.NoError(t, err)
	title, err := DefaultTitle()
	require.NoError(t, err)
	for _, unaligned := range []bool{false, true} {
		p := writeFile(t, "noto.ttc", makeTTC([][]byte{serifRegular, sansBold}, unaligned))
		for i, want := range []*Font{body, title} {
			f, err := Load(p + "#" + string(rune('0'+i)))
			require.NoError(t, err)
			assert.Equal(t, want.Name(), f.Name())
			assert.Equal(t, want.Ascent(), f.Ascent())
			assert.Equal(t, want.Descent(), f.Descent())
			assert.Equal(t, want.CapHeight(), f.CapHeight())
			assert.True(t, equalAdv(want.adv, f.adv), "face %d widths", i)
			assert.Equal(t, uint32(0xB1B0AFBA), checksum(f.Bytes()))
		}
	}
}

func equalAdv(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLoadPostScript(t *testing.T) {
	_, err := Load("testdata/fake-cff.otf")
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrPostScript))
	assert.Contains(t, err.Error(), "fonts: testdata/fake-cff.otf: ")
	assert.Contains(t, err.Error(), "TrueType")
	assert.Contains(t, err.Error(), "embedded default fonts")

	// A collection of CFF faces, like NotoSansCJK.ttc.
	cff := smallFont()
	cff.version = sigOTTO
	cff.omit = []string{"glyf", "loca"}
	cff.extra = []table{{tag("CFF "), []byte{1, 0, 4, 1}}}
	p := writeFile(t, "cjk.ttc", makeTTC([][]byte{cff.ttf(), cff.ttf()}, false))
	_, err = Load(p + "#1")
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrPostScript))
	assert.Contains(t, err.Error(), "fonts: "+p+"#1: ")

	// CFF2 in an otherwise TrueType-looking face.
	cff2 := smallFont()
	cff2.extra = []table{{tag("CFF2"), []byte{2, 0, 5, 0, 0}}}
	_, err = Load(writeFile(t, "var.ttf", cff2.ttf()))
	assert.True(t, errors.Is(err, ErrPostScript))
}

func TestLoadErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.ttf")
	_, err := Load(missing)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "fonts: ")
		assert.Contains(t, err.Error(), missing)
		assert.True(t, errors.Is(err, os.ErrNotExist))
	}

	for name, data := range map[string][]byte{
		"empty.ttf":     {},
		"text.ttf":      []byte("hello, world"),
		"web.woff":      []byte("wOFF\x00\x01\x00\x00"),
		"short.ttc":     []byte("ttcf\x00\x01"),
		"truncated.ttf": smallFont().ttf()[:100],
	} {
		p := writeFile(t, name, data)
		_, err := Load(p)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), "fonts: "+p+": ", name)
		}
	}
}

func TestLoadRefusesDevicesAndZeroWidthFonts(t *testing.T) {
	_, err := Load(os.DevNull)
	require.Error(t, err)
	require.Contains(t, err.Error(), "not a regular file")

	s := smallFont()
	s.cmap = map[rune]int{'A': 3, '中': 2} // 'A' drawn with the zero-width glyph
	path := filepath.Join(t.TempDir(), "zero.ttf")
	require.NoError(t, os.WriteFile(path, s.ttf(), 0o644))
	_, err = Load(path)
	require.Error(t, err)
	require.Contains(t, err.Error(), "zero.ttf")
	require.Contains(t, err.Error(), "zero advance width")
}
