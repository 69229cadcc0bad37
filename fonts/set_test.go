package fonts

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"jixiao/role"
)

// testSet: body is smallFont (A, 中, B…), title is second (same map, other
// widths), and a fallback that adds 'Q'.
func testSet(t *testing.T) (*Set, *Font, *Font, *Font) {
	t.Helper()
	body, err := parse(smallFont().ttf())
	require.NoError(t, err)
	title, err := parse(second().ttf())
	require.NoError(t, err)
	fb := smallFont()
	fb.name = "Fallback"
	fb.cmap = map[rune]int{'Q': 1, 'A': 2}
	fall, err := parse(fb.ttf())
	require.NoError(t, err)
	return &Set{Body: body, Title: title, Fallback: []*Font{nil, fall}}, body, title, fall
}

func TestSetFace(t *testing.T) {
	s, body, title, fall := testSet(t)

	f, ok := s.Face(role.Body, 'A')
	assert.True(t, ok)
	assert.Same(t, body, f)
	f, ok = s.Face(role.Title, 'A')
	assert.True(t, ok)
	assert.Same(t, title, f, "the role's font comes before the fallbacks")
	f, ok = s.Face(role.Title, 'Q')
	assert.True(t, ok)
	assert.Same(t, fall, f)

	for _, r := range []rune{'W', '\t', '\n', 0x20BB7, 0x10000} {
		f, ok = s.Face(role.Body, r)
		assert.False(t, ok, "U+%04X", r)
		assert.Nil(t, f)
	}

	assert.Equal(t, 600, s.Advance(role.Body, 'A'))
	assert.Equal(t, 250, s.Advance(role.Title, 'A'))
	assert.Equal(t, 600, s.Advance(role.Title, 'Q'), "measured in the fallback")
	assert.Equal(t, 0, s.Advance(role.Body, 0x200B))
	assert.Equal(t, 500, s.Advance(role.Body, 'W'), "narrow box")
	assert.Equal(t, 1000, s.Advance(role.Body, '国'), "wide box")
	assert.Equal(t, 1000, s.Advance(role.Body, 0x20BB7), "wide box beyond the BMP")

	empty := &Set{}
	_, ok = empty.Face(role.Body, 'A')
	assert.False(t, ok)
	assert.Equal(t, 500, empty.Advance(role.Title, 'A'))
}

// TestDefaultSetSupplementary: every character beyond U+FFFF that the
// embedded body font maps (442 of them) is drawable, with the advance sfnt
// reads for its glyph.
func TestDefaultSetSupplementary(t *testing.T) {
	s, err := DefaultSet()
	require.NoError(t, err)
	sf, err := sfnt.Parse(serifRegular)
	require.NoError(t, err)
	var buf sfnt.Buffer
	inFont := 0
	for r := rune(0x10000); r <= 0x10FFFF; r++ {
		gi, err := sf.GlyphIndex(&buf, r)
		require.NoError(t, err)
		_, ok := s.Face(role.Body, r)
		if gi == 0 {
			assert.False(t, ok, "U+%04X", r)
			continue
		}
		inFont++
		f, ok := s.Face(role.Body, r)
		if !assert.True(t, ok, "U+%04X", r) {
			continue
		}
		a, err := sf.GlyphAdvance(&buf, gi, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
		require.NoError(t, err)
		assert.Equal(t, scaleWidth(int(a), f.UnitsPerEm()), s.Advance(role.Body, r), "U+%04X", r)
		assert.Equal(t, int(gi), f.glyphIndex(r), "U+%04X", r)
	}
	assert.Equal(t, 442, inFont, "Noto Serif SC's characters beyond U+FFFF")
	var m interface{ Advance(role.Role, rune) int } = s // as layout.Measurer
	assert.Equal(t, 1000, m.Advance(role.Body, '绩'))
	assert.Equal(t, 1000, m.Advance(role.Body, 0x21413), "𡐓, in the font")
}

func TestBoxWidth(t *testing.T) {
	for r, w := range map[rune]int{
		'a': 500, '1': 500, ' ': 500, 'é': 500, 'Ж': 500, '—': 500, '€': 500,
		'中': 1000, '、': 1000, 'あ': 1000, '한': 1000, '（': 1000, '％': 1000,
		'｡': 500, 0x3400: 1000, 0x20BB7: 1000, 0x1F600: 1000, 0x10FFFF: 500,
	} {
		assert.Equal(t, w, BoxWidth(r), "U+%04X %q", r, r)
	}
}

func TestCheck(t *testing.T) {
	s, _, _, _ := testSet(t)
	got := s.Check([]Field{
		{Path: "forms[0].name", Text: "AB中", Role: role.Title},
		{Path: "forms[0].overview", Text: "A𠮷W\nW𠮷Q", Role: role.Body},
		{Path: "forms[1].overview", Text: "W", Role: role.Body},
		{Path: "forms[0].overview", Text: "W\t", Role: role.Body},
	})
	assert.Equal(t, []Missing{
		{"forms[0].overview", 0x20BB7},
		{"forms[0].overview", 'W'},
		{"forms[1].overview", 'W'},
		{"forms[0].overview", '\t'},
	}, got)
	assert.Nil(t, s.Check([]Field{{Path: "x", Text: "AB\n"}}))
	assert.Nil(t, s.Check(nil))
}

func TestMissingString(t *testing.T) {
	assert.Equal(t,
		"forms[0].overview: U+20BB7 '𠮷'",
		Missing{"forms[0].overview", 0x20BB7}.String())
	assert.Equal(t, "forms[2].name: U+2FF0 '⿰'", Missing{"forms[2].name", 0x2FF0}.String())
	assert.Equal(t, `a: U+0009 '\t'`, Missing{"a", '\t'}.String())
	assert.Equal(t, "a: U+0041 'A'", Missing{"a", 'A'}.String())
}

// TestCheckSeed: the default fonts draw every character of the real forms.
func TestCheckSeed(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed-jiangyin-2024.txt")
	require.NoError(t, err)
	s, err := DefaultSet()
	require.NoError(t, err)
	text := strings.NewReplacer("\t", " ", "\r", "").Replace(string(seed))
	assert.Empty(t, s.Check([]Field{
		{Path: "seed", Text: text, Role: role.Body},
		{Path: "seed", Text: text, Role: role.Title},
	}))
}
