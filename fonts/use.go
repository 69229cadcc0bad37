package fonts

import (
	"fmt"
	"jixiao/msg"
)

// MaxUseRunes is how many distinct characters a document draws with one
// font: a TrueType font holds at most 65,535 glyphs (numGlyphs is 16 bits)
// and glyph 0 of a subset is .notdef, so a subset whose glyph k draws the
// k-th character (Subset) has room for 65,534. The PDF's two-byte codes
// and the OFD's embedded subsets both stop there.
const MaxUseRunes = 0xFFFE

// Use gathers the characters a document draws with one font, in order of
// first use, for the subset cut once the last page is drawn: the k-th
// distinct character (from 1) is glyph k of Font.Subset(Runes) and of
// Font.SubsetUnicode(Runes). Both backends hand out the glyphs while the
// pages are drawn, so a page's contents are final as soon as it is done.
// The zero value with Font set is ready; a Use is not safe for concurrent
// use.
type Use struct {
	Font *Font
	// Runes are the characters in order of first use: Runes[k] is glyph
	// k+1. Read-only: Glyph appends to it.
	Runes []rune
	// The glyph of each character given one (0: none yet), in blocks of
	// 256 characters made as they are first used: looked up for every
	// character drawn, a block is an index where a map was a hash.
	blocks map[rune]*glyphBlock // by r>>8, outside the BMP
	bmp    [256]*glyphBlock     // by r>>8
}

// glyphBlock holds the glyphs of 256 consecutive characters.
type glyphBlock [256]uint16

// block returns the block of r, made when create is set (else nil if none).
func (u *Use) block(r rune, create bool) *glyphBlock {
	if 0 <= r && r < 0x10000 {
		b := u.bmp[r>>8]
		if b == nil && create {
			b = new(glyphBlock)
			u.bmp[r>>8] = b
		}
		return b
	}
	b := u.blocks[r>>8]
	if b == nil && create {
		if u.blocks == nil {
			u.blocks = map[rune]*glyphBlock{}
		}
		b = new(glyphBlock)
		u.blocks[r>>8] = b
	}
	return b
}

// Glyph returns the subset's glyph for r, giving r the next one if r is
// new; it fails, recording nothing, when r would be character
// MaxUseRunes+1.
func (u *Use) Glyph(r rune) (uint16, error) {
	if b := u.block(r, false); b != nil && b[r&0xFF] != 0 {
		return b[r&0xFF], nil
	}
	if len(u.Runes) >= MaxUseRunes {
		// Not a fault of the font: of the job, which needs more
		// characters than one subset holds.
		return 0, fmt.Errorf("fonts: %w", msg.New(msg.FontTooManyChars, u.Font.label(), MaxUseRunes))
	}
	u.Runes = append(u.Runes, r)
	g := uint16(len(u.Runes))
	u.block(r, true)[r&0xFF] = g
	return g, nil
}
