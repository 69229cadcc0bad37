package layout

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
)

// Packed holds laid-out pages in about a third of the memory they take
// as Items, for a caller that keeps many pages before it reads them again
// (a binder of a thousand forms keeps each form's pages from its planning
// pass to its drawing, instead of laying every form out twice). Unpack
// gives back pages equal to those packed, field for field: the same
// strings and the same *Elem values, so the structure the pages belong to
// is kept whole.
//
// An Item takes 128 bytes; packed, it takes its one-byte fields, a bit
// mask of the fields that are not zero, each of those as a varint, and an
// index for each string and element: about 20 bytes, and 16 for the
// string header of each line of text. The strings themselves are not
// copied: the table holds the same strings the items did, each field's
// path once.
type Packed struct {
	data  []byte   // the pages, as varints
	strs  []string // the strings the items hold, by index
	elems []*Elem  // the elements the items belong to, by index; 0 is nil
	pages int
}

// The fields of an Item that are written only when they are not zero, by
// their bit in an item's mask.
const (
	packX = 1 << iota
	packY
	packX2
	packY2
	packW
	packH
	packSize
	packSpacing
	packStroke
	packTarget
	packText
	packField
	packElem
)

// Pack packs pages. The pages are not changed; a caller that keeps the
// result drops the pages.
func Pack(pages []*Page) *Packed {
	n, texts := 0, 0
	for _, p := range pages {
		n += len(p.Items)
		for i := range p.Items {
			if p.Items[i].Text != "" {
				texts++
			}
		}
	}
	pk := &Packed{data: make([]byte, 0, 24*n+16*len(pages)), pages: len(pages),
		strs: make([]string, 0, texts+2*len(pages)+64), elems: make([]*Elem, 1, texts/2+16)}
	var lastText string
	textIdx := -1
	fields := make(map[string]uint64, 64) // a form has a few dozen fields
	var lastElem *Elem
	elemIdx := 0
	str := func(s string) uint64 {
		pk.strs = append(pk.strs, s)
		return uint64(len(pk.strs) - 1)
	}
	for _, p := range pages {
		pk.data = binary.AppendVarint(pk.data, int64(p.Width))
		pk.data = binary.AppendVarint(pk.data, int64(p.Height))
		pk.data = binary.AppendUvarint(pk.data, str(p.Label))
		pk.data = binary.AppendUvarint(pk.data, str(p.Fit))
		pk.data = binary.AppendUvarint(pk.data, uint64(len(p.Items)))
		for i := range p.Items {
			it := &p.Items[i]
			var mask uint64
			nums := [...]Length{it.X, it.Y, it.X2, it.Y2, it.W, it.H, it.Size, it.Spacing, it.Stroke, Length(it.Target)}
			for k, v := range nums {
				if v != 0 {
					mask |= 1 << k
				}
			}
			if it.Text != "" {
				mask |= packText
			}
			if it.Field != "" {
				mask |= packField
			}
			if it.Elem != nil {
				mask |= packElem
			}
			pk.data = append(pk.data, byte(it.Kind), byte(it.Role), it.Gray)
			pk.data = binary.AppendUvarint(pk.data, mask)
			for k, v := range nums {
				if mask&(1<<k) != 0 {
					pk.data = binary.AppendVarint(pk.data, int64(v))
				}
			}
			if mask&packText != 0 {
				// Lines of a paragraph differ; a label repeated on the
				// items of one cell does not: kept once while it repeats.
				if textIdx < 0 || it.Text != lastText {
					lastText, textIdx = it.Text, int(str(it.Text))
				}
				pk.data = binary.AppendUvarint(pk.data, uint64(textIdx))
			}
			if mask&packField != 0 {
				k, ok := fields[it.Field]
				if !ok {
					k = str(it.Field)
					fields[it.Field] = k
				}
				pk.data = binary.AppendUvarint(pk.data, k)
			}
			if mask&packElem != 0 {
				if it.Elem != lastElem {
					lastElem, elemIdx = it.Elem, len(pk.elems)
					pk.elems = append(pk.elems, it.Elem)
				}
				pk.data = binary.AppendUvarint(pk.data, uint64(elemIdx))
			}
		}
	}
	// Kept for long: without the room the estimates left.
	pk.data = bytes.Clone(pk.data)
	if len(pk.strs) < cap(pk.strs)*3/4 {
		pk.strs = slices.Clone(pk.strs)
	}
	if len(pk.elems) < cap(pk.elems)*3/4 {
		pk.elems = slices.Clone(pk.elems)
	}
	return pk
}

// Pages is the number of pages packed.
func (pk *Packed) Pages() int { return pk.pages }

// Size is about the bytes the packed pages take (the strings they share
// with the form not counted).
func (pk *Packed) Size() int { return cap(pk.data) + 16*cap(pk.strs) + 8*cap(pk.elems) }

// errPacked is the error of packed data that does not read back: only a
// change to Pack without one to Unpack makes it.
var errPacked = errors.New("layout: packed pages do not read back")

// Unpack returns the pages packed, each with room in its Items for extra
// more (a binder's footer); a page without items and without room has nil
// Items.
func (pk *Packed) Unpack(extra int) ([]*Page, error) {
	r := unpacker{d: pk.data}
	str := func() string {
		i := r.uv()
		if i >= uint64(len(pk.strs)) {
			r.bad = true
			return ""
		}
		return pk.strs[i]
	}
	pages := make([]*Page, pk.pages)
	for pi := range pages {
		p := &Page{Width: r.sv(), Height: r.sv(), Label: str(), Fit: str()}
		n := r.uv()
		if r.bad || n > uint64(len(r.d)) {
			return nil, errPacked
		}
		if n+uint64(extra) > 0 {
			p.Items = make([]Item, n, int(n)+extra)
		}
		for i := range p.Items {
			if len(r.d) < 3 {
				return nil, errPacked
			}
			it := &p.Items[i]
			it.Kind, it.Role, it.Gray = Kind(r.d[0]), Role(r.d[1]), r.d[2]
			r.d = r.d[3:]
			mask := r.uv()
			for k, v := range [...]*Length{&it.X, &it.Y, &it.X2, &it.Y2, &it.W, &it.H, &it.Size, &it.Spacing, &it.Stroke} {
				if mask&(1<<k) != 0 {
					*v = r.sv()
				}
			}
			if mask&packTarget != 0 {
				it.Target = int(r.sv())
			}
			if mask&packText != 0 {
				it.Text = str()
			}
			if mask&packField != 0 {
				it.Field = str()
			}
			if mask&packElem != 0 {
				e := r.uv()
				if e == 0 || e >= uint64(len(pk.elems)) {
					return nil, errPacked
				}
				it.Elem = pk.elems[e]
			}
			if r.bad {
				return nil, errPacked
			}
		}
		pages[pi] = p
	}
	if len(r.d) != 0 {
		return nil, errPacked
	}
	return pages, nil
}

// unpacker reads the varints of packed pages; bad is set, and zeros read,
// once they run out.
type unpacker struct {
	d   []byte
	bad bool
}

func (r *unpacker) uv() uint64 {
	if len(r.d) > 0 && r.d[0] < 0x80 { // most are one byte
		v := uint64(r.d[0])
		r.d = r.d[1:]
		return v
	}
	v, n := binary.Uvarint(r.d)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.d = r.d[n:]
	return v
}

func (r *unpacker) sv() Length {
	u := r.uv()
	return Length(int64(u>>1) ^ -int64(u&1)) // zigzag, as binary.AppendVarint writes
}
