package fonts

import (
	"bytes"
	"encoding/binary"
	"iter"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// compositeFont returns a font with glyphs for 'a' and 'b' cut from Go
// Regular and a composite glyph for 'c' made of the glyph of 'b' drawn
// twice. (None of the fonts at hand has composite glyphs.)
func compositeFont(t *testing.T) []byte {
	t.Helper()
	x, err := indexForTest(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := x.subset([]rune("ab"), "Composite", false)
	if err != nil {
		t.Fatal(err)
	}
	base, err := indexForTest(cut)
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

	glyf := slices.Clone(base.dir.find("glyf"))
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
	hmtx := slices.Clone(base.dir.find("hmtx")[:12])
	hmtx = append(hmtx, base.dir.find("hmtx")[4*b:4*b+4]...)
	head := slices.Clone(base.dir.find("head"))
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(base.dir.find("hhea"))
	binary.BigEndian.PutUint16(hhea[34:], 4)
	maxp := slices.Clone(base.dir.find("maxp"))
	binary.BigEndian.PutUint16(maxp[4:], 4)
	gids := map[rune]int{'a': int(base.cmap['a']), 'b': int(b), 'c': 3}
	tables := map[string][]byte{
		"cmap": cmap4([]rune("abc"), func(r rune) int { return gids[r] }),
		"glyf": glyf, "loca": loca, "hmtx": hmtx, "head": head, "hhea": hhea, "maxp": maxp,
		"name": base.dir.find("name"), "post": base.dir.find("post"), "OS/2": base.dir.find("OS/2"),
	}
	return assembleTables(tables)
}

// TestSubsetComposites cuts the composite glyph alone: its component must
// come along, renumbered.
func TestSubsetComposites(t *testing.T) {
	x, err := indexForTest(compositeFont(t))
	if err != nil {
		t.Fatal(err)
	}
	if x.numGlyphs != 4 || x.cmap['c'] != 3 {
		t.Fatalf("test font: %d glyphs, c → %d", x.numGlyphs, x.cmap['c'])
	}
	sub, err := x.subset([]rune("c"), "Composite", false)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := indexForTest(sub)
	if err != nil {
		t.Fatal(err)
	}
	// .notdef, c, and b (as a component, after the glyphs asked for).
	if cut.numGlyphs != 3 || cut.cmap['c'] != 1 || cut.cmap['b'] != 0 {
		t.Fatalf("subset: %d glyphs, c → %d, b → %d", cut.numGlyphs, cut.cmap['c'], cut.cmap['b'])
	}
	var comps []int
	g := cut.glyph(1)
	if err := components(g, func(off int) error {
		comps = append(comps, int(binary.BigEndian.Uint16(g[off:])))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(comps) != 2 || comps[0] != 2 || comps[1] != 2 {
		t.Errorf("components %v, want [2 2] (b renumbered)", comps)
	}
	if !bytes.Equal(cut.glyph(2), x.glyph(int(x.cmap['b']))) {
		t.Error("component glyph data changed")
	}
}

// restricted returns a small font whose licence bits forbid embedding.
func restricted(t *testing.T) []byte {
	t.Helper()
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := body.index()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := idx.subset([]rune("表"), "X", false)
	if err != nil {
		t.Fatal(err)
	}
	x, err := indexForTest(sub)
	if err != nil {
		t.Fatal(err)
	}
	os2 := x.dir.find("OS/2")
	off := bytes.Index(sub, os2[:16])
	binary.BigEndian.PutUint16(sub[off+8:], 0x0002)
	return sub
}

func TestRestrictedFontRejected(t *testing.T) {
	if _, err := parseSFNT(restricted(t)); err == nil || !strings.Contains(err.Error(), "fsType") {
		t.Errorf("restricted font: err = %v", err)
	}
}

// TestSubsetKeepsGlyphsAndWidths cuts the embedded fonts and reads the cut
// back: every rune must map to a glyph with the advance the full font has.
func TestSubsetKeepsGlyphsAndWidths(t *testing.T) {
	body, _ := DefaultBody()
	title, _ := DefaultTitle()
	runes := []rune("市级财政项目支出预算绩效目标表（万元）0123456789.%≥≤—…“”《》、，。；ABCxyz ")
	for _, f := range []*Font{body, title} {
		idx, err := f.index()
		if err != nil {
			t.Fatal(err)
		}
		sub, err := idx.subset(runes, "Test", false)
		if err != nil {
			t.Fatal(err)
		}
		cut, err := indexForTest(sub)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f.Name(), err)
		}
		if cut.psName != "Test" {
			t.Errorf("%s: PostScript name %q", f.Name(), cut.psName)
		}
		if cut.numGlyphs > len(runes)+1+20 {
			t.Errorf("%s: %d glyphs for %d runes", f.Name(), cut.numGlyphs, len(runes))
		}
		for _, r := range runes {
			g := int(cut.cmap[r])
			if g == 0 {
				t.Errorf("%s: U+%04X lost", f.Name(), r)
				continue
			}
			if got, want := advanceOf(cut, g), advanceOf(idx, int(idx.cmap[r])); got != want {
				t.Errorf("%s: U+%04X advance %d, full font %d", f.Name(), r, got, want)
			}
			// Simple glyphs are copied as they are (plus padding to 4 bytes).
			orig, got := idx.glyph(int(idx.cmap[r])), cut.glyph(g)
			if len(orig) >= 2 && int16(binary.BigEndian.Uint16(orig)) >= 0 && (!bytes.HasPrefix(got, orig) || len(got)-len(orig) > 3) {
				t.Errorf("%s: U+%04X glyph data changed", f.Name(), r)
			}
		}
		if _, err := idx.subset([]rune{0x20BB7}, "X", false); err == nil {
			t.Error("subset accepted a rune above U+FFFF")
		}
	}
}

func advanceOf(x *sfntIndex, g int) int {
	hm := x.dir.find("hmtx")
	if g >= x.nHMetrics {
		g = x.nHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(hm[4*g:]))
}

// TestCorruptFonts feeds the font indexer every prefix of a small font and
// some damaged copies: it must fail or succeed, never panic.
func TestCorruptFonts(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := body.index()
	if err != nil {
		t.Fatal(err)
	}
	good, err := idx.subset([]rune("表格ab"), "X", false)
	if err != nil {
		t.Fatal(err)
	}
	try := func(data []byte) {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic on %d bytes: %v", len(data), r)
			}
		}()
		if x, err := indexForTest(data); err == nil {
			_, _ = x.subset([]rune("表格ab"), "X", false)
		}
	}
	for n := 0; n < len(good); n += 7 {
		try(good[:n])
	}
	for i := 12; i < len(good); i += 13 {
		bad := bytes.Clone(good)
		bad[i] ^= 0xFF
		try(bad)
	}
}

// TestSubsetAPI cuts through the exported method: the result must embed in
// fpdf without a word on standard output and measure as the full font does,
// runes it cannot draw must be an error, and concurrent first calls must
// agree.
func TestSubsetAPI(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("绩效目标表（万元）≥95%，ABC")
	results := make([][]byte, 4)
	errs := make([]error, 4)
	done := make(chan int)
	for i := range results {
		go func() {
			results[i], errs[i] = body.Subset(runes)
			done <- i
		}()
	}
	for range results {
		<-done
	}
	for i := range results {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(results[i], results[0]) {
			t.Fatal("concurrent subsets differ")
		}
	}
	if got := body.SubsetName(); got != "NotoSerifSC-Regular" {
		t.Errorf("SubsetName = %q", got)
	}
	width := fpdfWidth(t, results[0])
	for _, r := range runes {
		want, _ := body.Advance(r)
		if got := width(r); got != want {
			t.Errorf("U+%04X: %d in the subset, %d in the font", r, got, want)
		}
	}
	for _, r := range []rune{0x20BB7, 0xE000, -1} {
		if _, err := body.Subset([]rune{r}); err == nil || !strings.HasPrefix(err.Error(), "fonts: ") {
			t.Errorf("U+%04X: err = %v", r, err)
		}
	}
	// Repeats keep their first place: the same program.
	again := append(slices.Clone(runes), runes...)
	if b, err := body.Subset(again); err != nil || !bytes.Equal(b, results[0]) {
		t.Errorf("duplicates change the subset (err %v)", err)
	}
	// Glyph i+1 draws runes[i], in the order given.
	cut, err := indexForTest(results[0])
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range runes {
		if g := int(cut.cmap[r]); g != i+1 {
			t.Errorf("U+%04X: glyph %d, want %d", r, g, i+1)
		}
	}
}

// TestSubsetSupplementary cuts characters beyond U+FFFF that Noto Serif SC
// has: their glyphs come in the order asked for, with the full font's
// glyph data and advances.
func TestSubsetSupplementary(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := body.index()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune{0x2C62C, '表', 0x21413, 0x20087} // 𬘬 表 𡐓 𠂇
	for _, r := range runes {
		if !body.Has(r) {
			t.Fatalf("U+%04X: not in the font", r)
		}
	}
	sub, err := body.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := indexForTest(sub)
	if err != nil {
		t.Fatal(err)
	}
	if cut.numGlyphs < len(runes)+1 {
		t.Fatalf("%d glyphs", cut.numGlyphs)
	}
	for i, r := range runes {
		orig := body.glyphIndex(r)
		if got, want := advanceOf(cut, i+1), advanceOf(idx, orig); got != want {
			t.Errorf("U+%04X: advance %d, full font %d", r, got, want)
		}
		if o, g := idx.glyph(orig), cut.glyph(i+1); !bytes.HasPrefix(g, o) || len(g)-len(o) > 3 {
			t.Errorf("U+%04X: glyph data changed", r)
		}
	}
}

// TestSubsetUnicode: with a character above U+FFFF, SubsetUnicode's
// character map finds every rune's glyph in any plane (read back through
// x/image/font/sfnt, which nobody here wrote); without one, its bytes are
// Subset's.
func TestSubsetUnicode(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune{0x2C62C, '表', 0x21413, 0x21414, 'a', 'b', 0x20087} // 𬘬 表 𡐓 … 𠂇
	runes = slices.DeleteFunc(runes, func(r rune) bool { return !body.Has(r) })
	sub, err := body.SubsetUnicode(runes)
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for i, r := range runes {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || int(g) != i+1 {
			t.Errorf("U+%04X: glyph %d (%v), want %d", r, g, err, i+1)
		}
	}
	bmp := []rune("项目a")
	a, err := body.SubsetUnicode(bmp)
	if err != nil {
		t.Fatal(err)
	}
	b, err := body.Subset(bmp)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("SubsetUnicode of BMP runes differs from Subset")
	}
}

// Prefetch indexes the font and reads the outlines of the glyphs of its
// texts, whatever they hold (characters the font lacks, above U+FFFF,
// none), and gives up quietly on a font it cannot index; the subset cut
// after it is the one cut without it.
func TestPrefetch(t *testing.T) {
	texts := func(ss ...string) iter.Seq[string] { return slices.Values(ss) }
	f, err := parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	if f.sub.idx != nil {
		t.Fatal("indexed before any use")
	}
	f.Prefetch(texts("abc", "绩效𠀀\x00", ""))
	if f.sub.idx == nil || f.sub.err != nil {
		t.Fatalf("not indexed by Prefetch: %v", f.sub.err)
	}
	g, err := parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Subset([]rune("abc"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.Subset([]rune("abc"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the subset differs after Prefetch")
	}

	bad := &Font{data: []byte("not a font")}
	bad.Prefetch(texts("abc"))
	if bad.sub.err == nil {
		t.Error("a font that cannot be indexed gave no error")
	}
}

// TestPrefetchAnyText: Prefetch reads the glyphs of any text without a
// panic (it recovers none): invalid UTF-8, encoded surrogates, the
// noncharacters at the end of the planes, runes above U+FFFF the font
// has and lacks, NUL, empty texts, and random bytes, on the embedded body
// font and on one with a single plane.
func TestPrefetchAnyText(t *testing.T) {
	body, err := DefaultBody()
	if err != nil {
		t.Fatal(err)
	}
	latin, err := parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"", "\x00", "\xff\xfe", "\xed\xa0\x80\xed\xbf\xbf", "\xf4\x90\x80\x80", "\uFFFD\uFFFE\uFFFF",
		"\U00010000\U0001FFFF\U0010FFFF", "𠀀𪚥绩效", "a\xe7\xbb", string([]byte{0xf0, 0x9f})}
	rng := rand.New(rand.NewSource(5))
	for range 2000 {
		b := make([]byte, rng.Intn(16))
		rng.Read(b)
		texts = append(texts, string(b))
	}
	for r := rune(0xFFF0); r <= 0x10FFFF; r += 0x7FF {
		texts = append(texts, string(r))
	}
	for _, f := range []*Font{body, latin} {
		f.Prefetch(slices.Values(texts))
		if f.sub.idx == nil {
			t.Fatalf("%s: not indexed by Prefetch: %v", f.Name(), f.sub.err)
		}
	}
}
