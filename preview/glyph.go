package preview

import (
	"image"
	"image/draw"
	"math"

	"jixiao/fonts"
	"jixiao/layout"
)

// phases is the number of positions within a pixel, across, at which a
// glyph's coverage is computed and kept. As in pdftoppm's renderer (whose
// images the tests compare with), a glyph's origin is moved left to the
// quarter pixel and up to the pixel boundary, and large text (a font whose
// glyph box is more than wholePixels high at that size) to whole pixels:
// each glyph of each size is rasterised at most four times per document,
// and a line of text sits on whole pixels.
const (
	phases      = 4
	wholePixels = 47
)

// glyphKey names a glyph of a font.
type glyphKey struct {
	font *fonts.Font
	gid  uint16
}

// outline is a glyph's outline in font units, with its bounding box.
type outline struct {
	segs           []fonts.Segment
	x0, y0, x1, y1 int32
}

// maskKey names a glyph rasterised at a size and a position within a
// pixel (fx/phases of a pixel right of the pixel grid).
type maskKey struct {
	glyphKey
	size layout.Length
	fx   uint8
}

// mask is a coverage image: w × h bytes, 0 clear to 255 covered, its top
// left corner dx, dy pixels from the pixel where the glyph's origin is.
type mask struct {
	dx, dy, w, h int
	a            []byte
}

// glyph draws glyph gid of f at size with its origin at (x, y).
func (d *Drawer) glyph(img *image.Gray, f *fonts.Font, gid uint16, size, x, y layout.Length) error {
	px := float64(x) * d.scale
	ix := math.Floor(px)
	fx := uint8(0)
	if d.fractional(f, size) {
		fx = min(uint8(math.Floor((px-ix)*phases)), phases-1)
	}
	iy := math.Floor(float64(y) * d.scale)
	m, err := d.mask(maskKey{glyphKey{f, gid}, size, fx})
	if err != nil {
		return err
	}
	blend(img, m, int(ix), int(iy))
	return nil
}

// fractional reports whether text of font f at size is placed at quarter
// pixels rather than whole ones.
func (d *Drawer) fractional(f *fonts.Font, size layout.Length) bool {
	k := sizeKey{f, size}
	frac, ok := d.frac[k]
	if !ok {
		bb := f.Descriptor().BBox // 1/1000 em
		frac = float64(bb[3]-bb[1])*float64(size)*d.scale/1000 <= wholePixels
		d.frac[k] = frac
	}
	return frac
}

// sizeKey names a font at a size.
type sizeKey struct {
	font *fonts.Font
	size layout.Length
}

// mask returns the coverage of a glyph at a size and phase, rasterising it
// the first time.
func (d *Drawer) mask(k maskKey) (*mask, error) {
	if m, ok := d.masks[k]; ok {
		return m, nil
	}
	o, err := d.outline(k.glyphKey)
	if err != nil {
		return nil, err
	}
	m := &mask{}
	if len(o.segs) > 0 {
		s := float64(k.size) * d.scale / float64(k.font.UnitsPerEm()) // pixels per font unit
		ox, oy := float64(k.fx)/phases, 0.0
		x0 := int(math.Floor(float64(o.x0)*s + ox))
		y0 := int(math.Floor(float64(o.y0)*s + oy))
		x1 := int(math.Ceil(float64(o.x1)*s + ox))
		y1 := int(math.Ceil(float64(o.y1)*s + oy))
		m.dx, m.dy, m.w, m.h = x0, y0, x1-x0, y1-y0
		if m.w > 0 && m.h > 0 && m.w*m.h <= MaxPixels {
			m.a = d.alloc(m.w * m.h)
			d.rast.Reset(m.w, m.h)
			// Font units to pixels of the mask.
			tx, ty := ox-float64(x0), oy-float64(y0)
			pt := func(p fonts.Point) (float32, float32) {
				return float32(float64(p.X)*s + tx), float32(float64(p.Y)*s + ty)
			}
			open := false
			for _, g := range o.segs {
				switch g.Op {
				case fonts.MoveTo:
					if open {
						d.rast.ClosePath()
					}
					d.rast.MoveTo(pt(g.P[0]))
					open = true
				case fonts.LineTo:
					d.rast.LineTo(pt(g.P[0]))
				case fonts.QuadTo:
					bx, by := pt(g.P[0])
					cx, cy := pt(g.P[1])
					d.rast.QuadTo(bx, by, cx, cy)
				case fonts.CubeTo:
					bx, by := pt(g.P[0])
					cx, cy := pt(g.P[1])
					ex, ey := pt(g.P[2])
					d.rast.CubeTo(bx, by, cx, cy, ex, ey)
				}
			}
			if open {
				d.rast.ClosePath()
			}
			d.fillMask(m)
		} else {
			m.w, m.h = 0, 0
		}
	}
	d.masks[k] = m
	return m, nil
}

// outline returns a glyph's outline, reading it from the font the first
// time.
func (d *Drawer) outline(k glyphKey) (*outline, error) {
	if o, ok := d.outlines[k]; ok {
		return o, nil
	}
	segs, err := d.ol.Outline(k.font, k.gid, nil)
	if err != nil {
		return nil, err
	}
	o := &outline{segs: segs}
	for i, g := range segs {
		n := 1
		switch g.Op {
		case fonts.QuadTo:
			n = 2
		case fonts.CubeTo:
			n = 3
		}
		// A Bézier curve lies within its control points.
		for j, p := range g.P[:n] {
			if i == 0 && j == 0 {
				o.x0, o.y0, o.x1, o.y1 = p.X, p.Y, p.X, p.Y
				continue
			}
			o.x0, o.y0 = min(o.x0, p.X), min(o.y0, p.Y)
			o.x1, o.y1 = max(o.x1, p.X), max(o.y1, p.Y)
		}
	}
	d.outlines[k] = o
	return o, nil
}

// fillMask rasterises the rasteriser's path into m.
func (d *Drawer) fillMask(m *mask) {
	dst := &image.Alpha{Pix: m.a, Stride: m.w, Rect: image.Rect(0, 0, m.w, m.h)}
	d.rast.DrawOp = draw.Src
	d.rast.Draw(dst, dst.Rect, image.Opaque, image.Point{})
}

// alloc returns n bytes for a mask, cut from chunks of 64 kB so that a
// document's glyphs do not cost an allocation each.
func (d *Drawer) alloc(n int) []byte {
	if cap(d.arena)-len(d.arena) < n {
		d.arena = make([]byte, 0, max(64<<10, n))
	}
	l := len(d.arena)
	d.arena = d.arena[:l+n]
	return d.arena[l : l+n : l+n]
}

// blend darkens img by m (black ink of coverage m) with m's origin at
// pixel (x, y).
func blend(img *image.Gray, m *mask, x, y int) {
	r := image.Rect(x+m.dx, y+m.dy, x+m.dx+m.w, y+m.dy+m.h)
	c := r.Intersect(img.Rect)
	if c.Empty() {
		return
	}
	for py := c.Min.Y; py < c.Max.Y; py++ {
		src := m.a[(py-r.Min.Y)*m.w+c.Min.X-r.Min.X:]
		dst := img.Pix[py*img.Stride+c.Min.X : py*img.Stride+c.Max.X]
		for i, a := range src[:len(dst)] {
			if a == 0 {
				continue
			}
			dst[i] = uint8((uint32(dst[i])*(255-uint32(a)) + 127) / 255)
		}
	}
}
