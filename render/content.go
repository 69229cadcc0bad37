package render

import (
	"math"
	"strconv"

	"jixiao/fonts"
	"jixiao/layout"
)

// Why each page's contents are made and compressed as soon as the page is
// drawn: a binder of 10,000 forms would otherwise hold its drawing in
// memory until the file is written (about 300 MB when fpdf kept it). Only
// the compressed contents (about 2 kB a page) are kept; the object writer
// (document.go) copies them to the file as they are. Text is drawn with
// two-byte codes of render's own Type0 fonts (fontobj.go).

// contentStream builds the operators of one page. Coordinates are PDF
// points from the bottom left; layout's are from the top left.
type contentStream struct {
	b      []byte
	height float64       // page height, pt
	pageH  layout.Length // the same, as layout gives it
	font   string        // resource name and size of the current font, "" for none
	size   layout.Length
	stroke layout.Length // line width; -1 unknown
	fill   int           // fill gray 0…255; -1 unknown
	tc     layout.Length // character spacing (Tc)
}

func (c *contentStream) reset(pg *layout.Page) {
	// Projecting square caps, as layout's rules expect: the frame's corners
	// close, where butt caps would leave a notch of half the line width.
	c.b = append(c.b[:0], "2 J\n"...)
	c.height, c.pageH = pt(pg.Height), pg.Height
	c.font, c.size = "", -1
	c.stroke, c.fill = -1, 0 // a content stream starts with black fill
	c.tc = 0
}

// num appends v with prec decimals and a space.
func (c *contentStream) num(v float64, prec int) {
	c.b = strconv.AppendFloat(c.b, v, 'f', prec, 64)
	c.b = append(c.b, ' ')
}

// length appends l in points with two decimals and a space, as
// num(pt(l), 2) does: a length, or a PDF x. y appends layout's y as a PDF
// y, from the bottom, as num(c.height-pt(y), 2) does.
func (c *contentStream) length(l layout.Length) {
	c.b = appendPoints(c.b, int64(l), pt(l))
	c.b = append(c.b, ' ')
}

func (c *contentStream) y(y layout.Length) {
	c.b = appendPoints(c.b, int64(c.pageH-y), c.height-pt(y))
	c.b = append(c.b, ' ')
}

// appendPoints appends v, which is milli/1000 give or take a rounding of
// its last bit, with two decimals, as strconv.AppendFloat(dst, v, 'f', 2,
// 64) does: from the integer, which rounds alike wherever the third
// decimal is not 5 (v is then at least 0.001 from a halfway point, and
// its error is some 10⁻¹³). Otherwise, and below zero (where AppendFloat
// writes -0.00), AppendFloat itself. A page's contents are mostly these
// numbers; AppendFloat spent a tenth of the drawing on them.
func appendPoints(dst []byte, milli int64, v float64) []byte {
	if milli < 0 || milli%10 == 5 {
		return strconv.AppendFloat(dst, v, 'f', 2, 64)
	}
	h := (milli + 5) / 10 // hundredths of a point
	dst = strconv.AppendInt(dst, h/100, 10)
	f := h % 100
	return append(dst, '.', byte('0'+f/10), byte('0'+f%10))
}

func (c *contentStream) setStroke(w layout.Length) {
	if w != c.stroke {
		c.length(w)
		c.b = append(c.b, "w\n"...)
		c.stroke = w
	}
}

func (c *contentStream) setFill(gray int) {
	if gray != c.fill {
		c.num(float64(gray)/255, 3)
		c.b = append(c.b, "g\n"...)
		c.fill = gray
	}
}

// line strokes a straight line.
func (c *contentStream) line(x1, y1, x2, y2 layout.Length) {
	c.length(x1)
	c.y(y1)
	c.b = append(c.b, "m "...)
	c.length(x2)
	c.y(y2)
	c.b = append(c.b, "l S\n"...)
}

// rect fills (op "f") or strokes (op "S") a rectangle whose top left corner
// is at x, y.
func (c *contentStream) rect(x, y, w, h layout.Length, op string) {
	c.length(x)
	c.y(y)
	c.length(w)
	c.num(-pt(h), 2)
	c.b = append(c.b, "re "...)
	c.b = append(c.b, op...)
	c.b = append(c.b, '\n')
}

// setFont selects the font named res at size, unless it is selected
// already. Font and size are text state and outlive BT … ET.
func (c *contentStream) setFont(res string, size layout.Length) {
	if res != c.font || size != c.size {
		c.b = append(c.b, "BT /"...)
		c.b = append(c.b, res...)
		c.b = append(c.b, ' ')
		c.length(size)
		c.b = append(c.b, "Tf ET\n"...)
		c.font, c.size = res, size
	}
}

// text draws the two-byte codes of a Type0 font (fontobj.go) with the
// font named res at size, its baseline starting at x, y, with character
// spacing tc.
func (c *contentStream) text(res string, size layout.Length, tc layout.Length, x, y layout.Length, codes []byte) {
	c.setFill(0)
	c.setFont(res, size)
	if tc != c.tc {
		// Character spacing is text state and outlives BT … ET.
		c.num(pt(tc), 3)
		c.b = append(c.b, "Tc\n"...)
		c.tc = tc
	}
	c.b = append(c.b, "BT "...)
	c.length(x)
	c.y(y)
	c.b = append(c.b, "Td "...)
	c.b = appendLiteral(c.b, codes)
	c.b = append(c.b, " Tj ET\n"...)
}

// beginRotated saves the graphics state and turns the axes to the
// direction (cos, sin), the origin at x, y (PDF points from the bottom
// left), until restore. The fill set before stays current.
func (c *contentStream) beginRotated(cos, sin, x, y float64) {
	c.b = append(c.b, "q "...)
	for _, v := range []float64{cos, sin, -sin, cos} {
		c.num(v, 5)
	}
	c.num(x, 2)
	c.num(y, 2)
	c.b = append(c.b, "cm\n"...)
}

// beginScaled saves the graphics state and scales the axes by sx, sy,
// until restore.
func (c *contentStream) beginScaled(sx, sy float64) {
	c.b = append(c.b, "q "...)
	c.num(sx, 6)
	c.b = append(c.b, "0 0 "...)
	c.num(sy, 6)
	c.b = append(c.b, "0 0 cm\n"...)
}

// restore restores the graphics state saved by beginRotated or
// beginScaled.
func (c *contentStream) restore() {
	c.b = append(c.b, "Q\n"...)
}

// glyphPath fills a glyph outline (font units) moved right by dx, with
// the non-zero winding rule. Quadratic curves become cubic ones: the
// controls are two thirds of the way from each end to the quadratic
// control.
func (c *contentStream) glyphPath(segs []fonts.Segment, dx float64) {
	if len(segs) == 0 {
		return
	}
	var cx, cy float64 // the current point
	pt := func(p fonts.Point) (float64, float64) { return float64(p.X) + dx, float64(p.Y) }
	for _, s := range segs {
		switch s.Op {
		case fonts.MoveTo, fonts.LineTo:
			cx, cy = pt(s.P[0])
			c.unit(cx)
			c.unit(cy)
			if s.Op == fonts.MoveTo {
				c.b = append(c.b, "m\n"...)
			} else {
				c.b = append(c.b, "l\n"...)
			}
		case fonts.QuadTo:
			qx, qy := pt(s.P[0])
			ex, ey := pt(s.P[1])
			c.unit(cx + 2*(qx-cx)/3)
			c.unit(cy + 2*(qy-cy)/3)
			c.unit(ex + 2*(qx-ex)/3)
			c.unit(ey + 2*(qy-ey)/3)
			c.unit(ex)
			c.unit(ey)
			c.b = append(c.b, "c\n"...)
			cx, cy = ex, ey
		case fonts.CubeTo:
			for i := range 3 {
				x, y := pt(s.P[i])
				c.unit(x)
				c.unit(y)
			}
			cx, cy = pt(s.P[2])
			c.b = append(c.b, "c\n"...)
		}
	}
	c.b = append(c.b, "f\n"...)
}

// unit appends a length in font units, to a tenth, and a space.
func (c *contentStream) unit(v float64) {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // not -0
	}
	c.b = strconv.AppendFloat(c.b, v, 'f', -1, 64)
	c.b = append(c.b, ' ')
}

// appendLiteral appends s to dst as a PDF literal string: in parentheses,
// with \, ( and ) escaped, and CR too (a reader would turn a bare CR into
// LF). It is the one encoder of strings in render: text strings are these
// bytes after textString.
func appendLiteral(dst []byte, s []byte) []byte {
	dst = append(dst, '(')
	for _, by := range s {
		switch by {
		case '\\', '(', ')':
			dst = append(dst, '\\', by)
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, by)
		}
	}
	return append(dst, ')')
}
