package fonts

import (
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"jixiao/golden"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// bmpBySfnt is the reading bmpFromGroups replaces: every code point asked
// of sfnt, every width from GlyphAdvance.
func bmpBySfnt(data []byte) (adv, gid []uint16, err error) {
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	var buf sfnt.Buffer
	upm := int(sf.UnitsPerEm())
	adv, gid = make([]uint16, 0x10000), make([]uint16, 0x10000)
	for r := range adv {
		adv[r] = noGlyph
		if r == 0xFFFF || unicode.IsControl(rune(r)) {
			continue
		}
		gi, err := sf.GlyphIndex(&buf, rune(r))
		if err != nil {
			return nil, nil, err
		}
		if gi == 0 || int(gi) >= sf.NumGlyphs() {
			continue
		}
		a, err := sf.GlyphAdvance(&buf, gi, fixed.Int26_6(upm), font.HintingNone)
		if err != nil {
			return nil, nil, err
		}
		w := scaleWidth(int(a), upm)
		if w >= noGlyph {
			return nil, nil, fmt.Errorf("glyph %d is %d/1000 em wide, too wide for the PDF width array", gi, w)
		}
		adv[r], gid[r] = uint16(w), uint16(gi)
	}
	return adv, gid, nil
}

// groupsFont is s (smallFont when nil) with a second subtable in its
// character map, of format 12, after its (3,1) format 4 one (which the
// PDF writer needs).
func groupsFont(s *synth, platform, encoding uint16, groups [][3]uint32) []byte {
	if s == nil {
		f := smallFont()
		s = &f
	}
	var cmap4 []byte
	for _, t := range s.tables() {
		if t.tag == tag("cmap") {
			cmap4 = t.data
		}
	}
	sub4 := cmap4[12:] // after the header and its one record
	sub12 := cmap12Table(platform, encoding, groups)[12:]
	cmap := binary.BigEndian.AppendUint16(nil, 0)
	cmap = binary.BigEndian.AppendUint16(cmap, 2)
	for _, r := range [][3]uint32{{3, 1, 20}, {uint32(platform), uint32(encoding), uint32(20 + len(sub4))}} {
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(r[0]))
		cmap = binary.BigEndian.AppendUint16(cmap, uint16(r[1]))
		cmap = binary.BigEndian.AppendUint32(cmap, r[2])
	}
	cmap = append(append(cmap, sub4...), sub12...)
	c := *s
	c.omit = []string{"cmap"}
	c.extra = []table{{tag("cmap"), cmap}}
	return c.ttf()
}

// A font's BMP characters read by walking its format 12 groups are those
// sfnt gives code point by code point, widths included, for the embedded
// fonts (which must take the walk), Hanazono, the system's fonts and
// made-up maps: controls, U+FFFF, glyph 0, glyphs past the font, glyph
// numbers past 16 bits, a group across U+FFFF, the widths' rounding
// rules. Groups out of order or overlapping, other subtables and other
// encodings are left to sfnt, with the same result.
func TestBMPFromGroupsAsSfnt(t *testing.T) {
	type face struct {
		name   string
		data   []byte
		walk   bool // must be read by walking the groups
		system bool // a font of the system's, which parse may refuse
	}
	faces := []face{
		{name: "NotoSerifSC-Regular", data: serifRegular, walk: true},
		{name: "NotoSansSC-Bold", data: sansBold, walk: true},
		{name: "groups", data: groupsFont(nil, 3, 10, [][3]uint32{
			{0x9, 0xA, 1}, {0x41, 0x41, 1}, {0x42, 0x44, 6}, {0x200B, 0x200B, 3}, {0x4E2D, 0x4E2D, 2},
			{0x5000, 0x5001, 0xFFFF}, {0x6000, 0x6000, 0x10004}, {0xFFFC, 0x10003, 1},
		}), walk: true},
		{name: "unicode platform", data: groupsFont(nil, 0, 4, [][3]uint32{{0x41, 0x48, 1}}), walk: true},
		{name: "groups out of order", data: groupsFont(nil, 3, 10, [][3]uint32{{0x4E2D, 0x4E2D, 2}, {0x41, 0x48, 1}})},
		{name: "groups overlapping", data: groupsFont(nil, 3, 10, [][3]uint32{{0x41, 0x48, 1}, {0x45, 0x50, 2}})},
		{name: "format 4", data: smallFont().ttf()},
	}
	for _, p := range []string{"/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"} {
		data, err := os.ReadFile(golden.File(t, p, "fonts-hanazono"))
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, face{name: filepath.Base(p), data: data, walk: true})
	}
	// Every TrueType file of the system's, faces of collections included.
	_ = filepath.WalkDir("/usr/share/fonts", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".ttf":
			faces = append(faces, face{name: p, data: data, system: true})
		case ".ttc":
			for k := 0; k < 8; k++ {
				if one, err := fromFile(data, k, false); err == nil {
					faces = append(faces, face{name: fmt.Sprintf("%s#%d", p, k), data: one.Bytes(), system: true})
				}
			}
		}
		return nil
	})
	walked := 0
	for _, fc := range faces {
		wantAdv, wantGid, wantErr := bmpBySfnt(fc.data)
		f, err := parse(fc.data)
		if wantErr != nil {
			t.Fatalf("%s: sfnt: %v", fc.name, wantErr)
		}
		if err != nil {
			if !fc.system {
				t.Errorf("%s: %v", fc.name, err)
			}
			continue
		}
		d, err := readDirectory(fc.data, 0)
		if err != nil {
			t.Fatal(err)
		}
		walk := chosenCmap12(d.find("cmap")) != nil
		if fc.walk && !walk {
			t.Errorf("%s: not read by its groups", fc.name)
		}
		if walk {
			walked++
		}
		if !slices.Equal(f.adv, wantAdv) || !slices.Equal(f.gid, wantGid) {
			for r := range wantAdv {
				if f.adv[r] != wantAdv[r] || f.gid[r] != wantGid[r] {
					t.Errorf("%s (groups walked: %v): U+%04X is glyph %d, %d wide; sfnt: glyph %d, %d wide",
						fc.name, walk, r, f.gid[r], f.adv[r], wantGid[r], wantAdv[r])
					break
				}
			}
		}
	}
	t.Logf("%d faces, %d read by their groups", len(faces), walked)
}

// A glyph too wide for the width array is refused with the same message
// both ways.
func TestBMPFromGroupsTooWide(t *testing.T) {
	for _, walk := range []bool{true, false} {
		s := smallFont()
		s.upm = 16
		s.advances[2] = 0xFFFF >> 1
		data := s.ttf()
		if walk {
			data = groupsFont(&s, 3, 10, [][3]uint32{{0x41, 0x41, 1}, {0x4E2D, 0x4E2D, 2}})
		}
		_, _, want := bmpBySfnt(data)
		_, err := parse(data)
		if want == nil || err == nil || err.Error() != want.Error() {
			t.Errorf("walk %v: parse: %v; sfnt: %v", walk, err, want)
		}
	}
}

// FuzzBMPFromGroups: for any font parse accepts, the BMP characters it
// reads are those sfnt gives code point by code point.
func FuzzBMPFromGroups(f *testing.F) {
	f.Add(groupsFont(nil, 3, 10, [][3]uint32{{0x9, 0xA, 1}, {0x41, 0x44, 5}, {0x4E2D, 0x4E2D, 2}, {0xFFFC, 0x10003, 1}}))
	f.Add(groupsFont(nil, 0, 4, [][3]uint32{{0x41, 0x48, 1}}))
	f.Add(groupsFont(nil, 3, 10, [][3]uint32{{0x4E2D, 0x4E2D, 2}, {0x41, 0x48, 1}}))
	f.Add(smallFont().ttf())
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := parse(data)
		if err != nil {
			return
		}
		adv, gid, err := bmpBySfnt(data)
		if err != nil {
			t.Fatalf("parse accepted what sfnt refuses: %v", err)
		}
		if !slices.Equal(font.adv, adv) || !slices.Equal(font.gid, gid) {
			t.Fatal("the BMP read differs from sfnt's")
		}
	})
}
