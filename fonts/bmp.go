package fonts

import (
	"encoding/binary"
	"fmt"
	"jixiao/msg"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// advances returns the function that gives a glyph's advance in 1/1000 em
// (scaleWidth of what sfnt's GlyphAdvance gives at ppem = unitsPerEm),
// refusing one too wide for the PDF width array.
//
// sfnt.Parse has checked what reading hmtx directly needs: hhea is 36
// bytes, 1 ≤ numberOfHMetrics ≤ numGlyphs and hmtx holds that many
// records. Up to 16,384 units per em, GlyphAdvance's scaling hands back the
// stored advance itself (advance × upm + upm/2, divided by upm, fits in its
// 32 bits), so the width is read from hmtx: no call, no cache. A larger em
// goes through sfnt, each glyph once.
func advances(d *directory, sf *sfnt.Font, upm int) func(sfnt.GlyphIndex) (uint16, error) {
	check := func(gi sfnt.GlyphIndex, w int) (uint16, error) {
		if w >= noGlyph {
			return 0, msg.New(msg.FontGlyphWide, int(gi), w)
		}
		return uint16(w), nil
	}
	hhea, hmtx := d.find("hhea"), d.find("hmtx")
	if upm <= 16384 && len(hhea) == 36 {
		nh := int(binary.BigEndian.Uint16(hhea[34:]))
		if nh >= 1 && 4*nh <= len(hmtx) {
			return func(gi sfnt.GlyphIndex) (uint16, error) {
				return check(gi, scaleWidth(int(binary.BigEndian.Uint16(hmtx[4*min(int(gi), nh-1):])), upm))
			}
		}
	}
	var buf sfnt.Buffer
	glyphW := make([]int32, sf.NumGlyphs()) // widths are shared by many runes: each read once
	for i := range glyphW {
		glyphW[i] = -1
	}
	return func(gi sfnt.GlyphIndex) (uint16, error) {
		if w := glyphW[gi]; w >= 0 {
			return uint16(w), nil
		}
		a, err := sf.GlyphAdvance(&buf, gi, fixed.Int26_6(upm), font.HintingNone)
		if err != nil {
			return 0, libFault(err, msg.FontAdvanceUnreadable, int(gi))
		}
		w, err := check(gi, scaleWidth(int(a), upm))
		if err == nil {
			glyphW[gi] = int32(w)
		}
		return w, err
	}
}

// bmpFromGroups fills adv and gid (adv all noGlyph on entry) for the
// characters of the Basic Multilingual Plane by walking the groups of the
// character map sfnt reads, instead of asking sfnt for each of the 65,536
// code points (a binary search each). It gives what those calls give, and
// only where it can: when sfnt's chosen subtable is format 12 with its
// groups in order and apart. Otherwise it returns false, having written
// nothing, and parse asks sfnt code point by code point.
func bmpFromGroups(d *directory, numGlyphs int, adv, gid []uint16, width func(sfnt.GlyphIndex) (uint16, error)) (bool, error) {
	sub := chosenCmap12(d.find("cmap"))
	if sub == nil {
		return false, nil
	}
	n := int(binary.BigEndian.Uint32(sub[12:]))
	prevEnd := int64(-1)
	for i := range n {
		g := sub[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:])
		if start > end || int64(start) <= prevEnd {
			return false, nil // sfnt's binary search over such groups is another matter
		}
		prevEnd = int64(end)
	}
	for i := range n {
		g := sub[16+12*i:]
		start, end, delta := binary.BigEndian.Uint32(g), binary.BigEndian.Uint32(g[4:]), binary.BigEndian.Uint32(g[8:])
		if start > 0xFFFF {
			break
		}
		for c := start; c <= min(end, 0xFFFE); c++ { // fpdf skips U+FFFF
			if unicode.IsControl(rune(c)) {
				continue
			}
			gi := sfnt.GlyphIndex(c - start + delta) // 16 bits, as sfnt's lookup gives it
			if gi == 0 || int(gi) >= numGlyphs {
				continue
			}
			w, err := width(gi)
			if err != nil {
				return false, err
			}
			adv[c], gid[c] = w, uint16(gi)
		}
	}
	return true, nil
}

// bmpByLookup fills adv and gid as bmpFromGroups does, for any font sfnt
// reads, asking sfnt for each code point.
func bmpByLookup(sf *sfnt.Font, adv, gid []uint16, width func(sfnt.GlyphIndex) (uint16, error)) error {
	var buf sfnt.Buffer
	for r := range adv {
		// fpdf skips the characters 0 and U+FFFF; controls are never drawn.
		if r == 0xFFFF || unicode.IsControl(rune(r)) {
			continue
		}
		gi, err := sf.GlyphIndex(&buf, rune(r))
		if err != nil {
			return libFault(err, msg.FontCmapUnreadable, fmt.Sprintf("U+%04X", r))
		}
		if gi == 0 || int(gi) >= sf.NumGlyphs() {
			continue
		}
		w, err := width(gi)
		if err != nil {
			return err
		}
		adv[r], gid[r] = w, uint16(gi)
	}
	return nil
}

// chosenCmap12 returns the subtable of cmap that sfnt reads characters
// from, when it is format 12 and of a length and group count sfnt accepts;
// nil otherwise. sfnt takes the subtable of the widest encoding it
// supports, the first of equal width.
func chosenCmap12(cmap []byte) []byte {
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return nil
	}
	best, bestOff, bestFormat := 0, 0, uint16(0)
	for i := range n {
		r := cmap[4+8*i:]
		pid, psid := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		w := encodingWidth(pid, psid)
		if w <= best {
			continue
		}
		off := int64(binary.BigEndian.Uint32(r[4:]))
		if off > int64(len(cmap))-4 {
			return nil
		}
		switch format := binary.BigEndian.Uint16(cmap[off:]); {
		case format == 0 && pid == 1 && psid == 0, format == 4, format == 6, format == 12:
			best, bestOff, bestFormat = w, int(off), format
		}
	}
	if bestFormat != 12 || bestOff+16 > len(cmap) {
		return nil
	}
	sub := cmap[bestOff:]
	length := int64(binary.BigEndian.Uint32(sub[4:]))
	groups := int64(binary.BigEndian.Uint32(sub[12:]))
	if length > int64(len(sub)) || groups > 20000 || 16+12*groups != length {
		return nil
	}
	return sub[:length]
}

// encodingWidth is the width sfnt gives a cmap subtable's encoding (its
// platform and platform-specific IDs): 0 for one it does not read.
func encodingWidth(pid, psid uint16) int {
	switch {
	case pid == 1 && psid == 0:
		return 1
	case pid == 0 && psid == 3, pid == 3 && (psid == 0 || psid == 1):
		return 2
	case pid == 0 && psid == 4, pid == 3 && psid == 10:
		return 4
	}
	return 0
}
