package fonts

import (
	"fmt"
	"jixiao/msg"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Glyph outlines, for drawers that rasterise text themselves (package
// preview) rather than hand it to a PDF viewer.

// SegmentOp says what a Segment draws.
type SegmentOp uint8

const (
	MoveTo SegmentOp = iota // start a contour at P[0]
	LineTo                  // a straight line to P[0]
	QuadTo                  // a quadratic Bézier curve, control P[0], to P[1]
	CubeTo                  // a cubic Bézier curve, controls P[0] and P[1], to P[2]
)

// Point is a point of an outline in font design units (UnitsPerEm to the
// em), relative to the glyph's origin on the baseline; Y grows downwards,
// as in layout.
type Point struct{ X, Y int32 }

// Segment is one piece of a glyph outline. A contour starts with MoveTo;
// contours are closed, and filled by the non-zero winding rule.
type Segment struct {
	Op SegmentOp
	P  [3]Point
}

// GlyphIndex returns the index of the glyph that draws r in f, whatever
// the plane of r, and true, or 0 and false when f does not draw r (see
// Has). It is the glyph the PDF shows for r: the one Advance measures and
// the subsets keep.
func (f *Font) GlyphIndex(r rune) (uint16, bool) {
	gi := f.glyphIndex(r)
	return uint16(gi), gi != 0
}

// Outliner reads glyph outlines. It keeps buffers from call to call, so it
// is not safe for concurrent use; use one per goroutine (fonts themselves
// are shared).
type Outliner struct {
	buf sfnt.Buffer
}

// Outline appends the outline of glyph gid of f to dst and returns the
// extended slice. A glyph without contours (a space) appends nothing.
func (o *Outliner) Outline(f *Font, gid uint16, dst []Segment) ([]Segment, error) {
	// With ppem equal to unitsPerEm (as a raw 26.6 value) sfnt's scaling
	// divides exactly and hands back plain font units.
	sf, err := f.outlines()
	if err != nil {
		return dst, f.fault(err)
	}
	segs, err := sf.LoadGlyph(&o.buf, sfnt.GlyphIndex(gid), fixed.Int26_6(f.upm), nil)
	if err != nil {
		return dst, f.fault(libFault(err, msg.FontGlyphUnreadable, int(gid)))
	}
	for _, s := range segs {
		var g Segment
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			g.Op = MoveTo
		case sfnt.SegmentOpLineTo:
			g.Op = LineTo
		case sfnt.SegmentOpQuadTo:
			g.Op = QuadTo
		case sfnt.SegmentOpCubeTo:
			g.Op = CubeTo
		default:
			// sfnt gives no other segments.
			return dst, fmt.Errorf("fonts: %s: glyph %d: unknown outline segment %d", f.name, gid, s.Op)
		}
		for i, p := range s.Args {
			g.P[i] = Point{int32(p.X), int32(p.Y)}
		}
		dst = append(dst, g)
	}
	return dst, nil
}
