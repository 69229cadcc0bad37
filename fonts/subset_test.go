package render

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// compositeFont returns a font with glyphs for 'a' and 'b' cut from Go
// Regular and a composite glyph for 'c' made of the glyph of 'b' drawn
// twice. (None of the fonts at hand has composite glyphs.)
func compositeFont(t *testing.T) []byte {
	t.Helper()
	x, err := parseSFNT(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := x.subset([]rune("ab"), "Composite")
	if err != nil {
		t.Fatal(err)
	}
	base, err := parseSFNT(cut)
	if err != nil {
		t.Fatal(err)
	}
	if base.numGlyphs != 3 || base.nHMetrics != 3 {
		t.Fatalf("base font has %d glyphs, %d metrics", base.numGlyphs, base.nHMetrics)
	}
	b := base.cmap['b']
	comp := binary.BigEndian.AppendUint16(nil, 0xFFFF)        // numberOfContours −1
	comp = append(comp, base.glyph(int(b))[2:10]...)          // bounding box of b
	comp = binary.BigEndian.AppendUint16(comp, 0x0002|0x0020) // XY values, more components
	comp = binary.BigEndian.AppendUint16(comp, uint16(b))
	comp = append(comp, 0, 0)
	comp = binary.BigEndian.AppendUint16(comp, 0x0002) // XY values, last
	comp = binary.BigEndian.AppendUint16(comp, uint16(b))
	comp = append(comp, 100, 0)

	glyf := slices.Clone(base.tables["glyf"])
	for len(glyf)%4 != 0 {
		glyf = append(glyf, 0)
	}
	start := len(glyf)
	glyf = append(glyf, comp...)
	var loca []byte
	for _, o := range base.loca[:base.numGlyphs] {
		loca = binary.BigEndian.AppendUint32(loca, o)
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(start))
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	hmtx := slices.Clone(base.tables["hmtx"][:12])
	hmtx = append(hmtx, base.tables["hmtx"][4*b:4*b+4]...)
	head := slices.Clone(base.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(base.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], 4)
	maxp := slices.Clone(base.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], 4)
	gids := map[rune]int{'a': int(base.cmap['a']), 'b': int(b), 'c': 3}
	tables := map[string][]byte{
		"cmap": cmap4([]rune("abc"), func(r rune) int { return gids[r] }),
		"glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp,
		"name": base.tables["name"], "post": base.tables["post"], "OS/2": base.tables["OS/2"],
	}
	return assemble(tables)
}

// TestSubsetComposites cuts the composite glyph alone: its component must
// come along, renumbered.
func TestSubsetComposites(t *testing.T) {
	x, err := parseSFNT(compositeFont(t))
	if err != nil {
		t.Fatal(err)
	}
	if x.numGlyphs != 4 || x.cmap['c'] != 3 {
		t.Fatalf("test font: %d glyphs, c → %d", x.numGlyphs, x.cmap['c'])
	}
	sub, err := x.subset([]rune("c"), "Composite")
	if err != nil {
		t.Fatal(err)
	}
	cut, err := parseSFNT(sub)
	if err != nil {
		t.Fatal(err)
	}
	// .notdef, b (as a component) and c.
	if cut.numGlyphs != 3 || cut.cmap['c'] != 2 || cut.cmap['b'] != 0 {
		t.Fatalf("subset: %d glyphs, c → %d, b → %d", cut.numGlyphs, cut.cmap['c'], cut.cmap['b'])
	}
	g := cut.glyph(2)
	var comps []int
	if err := components(g, func(off int) error {
		comps = append(comps, int(binary.BigEndian.Uint16(g[off:])))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(comps) != 2 || comps[0] != 1 || comps[1] != 1 {
		t.Errorf("components %v, want [1 1] (b renumbered)", comps)
	}
	if !bytes.Equal(cut.glyph(1), x.glyph(int(x.cmap['b']))) {
		t.Error("component glyph data changed")
	}
}
