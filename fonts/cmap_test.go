package fonts

// The tests read back the character maps of the subsets they cut; the
// package itself takes its glyph indexes from Font (read through sfnt when
// the font is parsed), so this reader lives with the tests.

import (
	"encoding/binary"
	"errors"
)

// indexForTest indexes a font program and reads its Unicode cmap.
func indexForTest(data []byte) (*sfntIndex, error) {
	x, err := parseSFNT(data)
	if err != nil {
		return nil, err
	}
	if err := x.parseCmap(); err != nil {
		return nil, err
	}
	return x, nil
}

// parseCmap fills x.cmap from a Unicode subtable: format 12 when present
// (it covers the BMP too), else format 4.
func (x *sfntIndex) parseCmap() error {
	cm := x.dir.find("cmap")
	n, err := u16(cm, 2)
	if err != nil {
		return err
	}
	var f4, f12 int = -1, -1
	for i := range n {
		pid, _ := u16(cm, 4+8*i)
		eid, _ := u16(cm, 6+8*i)
		off, err := u32(cm, 8+8*i)
		if err != nil {
			return err
		}
		if !(pid == 0 || (pid == 3 && (eid == 1 || eid == 10))) {
			continue
		}
		format, err := u16(cm, int(off))
		if err != nil {
			return err
		}
		switch {
		case format == 12 && f12 < 0:
			f12 = int(off)
		case format == 4 && f4 < 0:
			f4 = int(off)
		}
	}
	x.cmap = make([]uint16, 0x10000)
	switch {
	case f12 >= 0:
		groups, err := u32(cm, f12+12)
		if err != nil {
			return err
		}
		if uint64(f12)+16+12*uint64(groups) > uint64(len(cm)) {
			return errShort
		}
		for g := range int(groups) {
			p := f12 + 16 + 12*g
			start, end, gid := binary.BigEndian.Uint32(cm[p:]), binary.BigEndian.Uint32(cm[p+4:]), binary.BigEndian.Uint32(cm[p+8:])
			for c := start; c <= end && c < 0xFFFF; c++ {
				if v := gid + (c - start); v < uint32(x.numGlyphs) {
					x.cmap[c] = uint16(v)
				}
			}
		}
	case f4 >= 0:
		segX2, err := u16(cm, f4+6)
		if err != nil {
			return err
		}
		ends := f4 + 14
		starts := ends + segX2 + 2
		deltas := starts + segX2
		ranges := deltas + segX2
		if ranges+segX2 > len(cm) {
			return errShort
		}
		for s := 0; s < segX2; s += 2 {
			end, _ := u16(cm, ends+s)
			start, _ := u16(cm, starts+s)
			delta, _ := u16(cm, deltas+s)
			ro, _ := u16(cm, ranges+s)
			for c := start; c <= end && c < 0xFFFF; c++ {
				var gid int
				if ro == 0 {
					gid = (c + delta) & 0xFFFF
				} else {
					g, err := u16(cm, ranges+s+ro+2*(c-start))
					if err != nil {
						return err
					}
					if g != 0 {
						gid = (g + delta) & 0xFFFF
					}
				}
				if gid < x.numGlyphs {
					x.cmap[c] = uint16(gid)
				}
			}
		}
	default:
		return errors.New("no Unicode cmap (format 4 or 12)")
	}
	return nil
}
