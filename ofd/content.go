package ofd

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"jixiao/fonts"
	"jixiao/layout"
)

// content builds one page's Content.xml. Coordinates are millimetres from
// the page's top left, y down, as layout's.
type content struct {
	b     []byte
	links []byte // the page's actions (links), written after its content
	// The text object being gathered: consecutive runs of one font and
	// size share one object (one TextCode each), written by flushText.
	font  *fontUse
	size  unit
	codes []textCode
	du    []unit  // the characters' positions of codes
	box   [4]unit // left, top, right, bottom of the codes
	// The path object of rules being gathered (flushRules).
	lines   [][4]unit // x1, y1, x2, y2
	width   unit
	lineBox [4]unit
}

// textCode is a run of text waiting in the text object being gathered.
type textCode struct {
	text     string
	from, to int  // its characters' positions: du[from:to]
	base     unit // its baseline
}

// draw writes page pi into d.c.
func (d *drawer) draw(pi int, pg *layout.Page) error {
	c := &d.c
	c.b = append(c.b[:0], xmlHead+`<ofd:Page xmlns:ofd="`+Namespace+`">`+"\n"...)
	c.links = c.links[:0]
	c.font, c.codes, c.du, c.lines = nil, c.codes[:0], c.du[:0], c.lines[:0]
	w, h := mm(pg.Width), mm(pg.Height)
	if pi > 0 && (w != d.pages[0].width || h != d.pages[0].hgt) {
		c.b = append(c.b, "<ofd:Area><ofd:PhysicalBox>"...)
		c.b = appendUnits(c.b, 0, 0, w, h)
		c.b = append(c.b, "</ofd:PhysicalBox></ofd:Area>\n"...)
	}
	c.b = append(c.b, `<ofd:Content>`+"\n"+`<ofd:Layer ID="`...)
	c.b = appendID(c.b, d.newID())
	c.b = append(c.b, "\">\n"...)
	if d.opt.Watermark != "" {
		if err := d.watermark(pi, pg); err != nil {
			return err
		}
	}
	for i := range pg.Items {
		it := &pg.Items[i]
		var err error
		switch it.Kind {
		case layout.Text:
			d.flushRules()
			err = d.text(pi, it)
		case layout.Rule:
			d.flushText()
			d.rule(it)
		case layout.Fill:
			d.flushText()
			d.flushRules()
			d.fill(it)
		case layout.Link:
			d.link(it)
		}
		if err != nil {
			return err
		}
	}
	d.flushText()
	d.flushRules()
	c.b = append(c.b, "</ofd:Layer>\n</ofd:Content>\n"...)
	if len(c.links) > 0 {
		c.b = append(c.b, "<ofd:Actions>\n"...)
		c.b = append(c.b, c.links...)
		c.b = append(c.b, "</ofd:Actions>\n"...)
	}
	c.b = append(c.b, "</ofd:Page>\n"...)
	return nil
}

// object opens an object element: its name, ID and boundary.
func (d *drawer) object(name string, x, y, w, h unit) {
	c := &d.c
	c.b = append(c.b, "<ofd:"+name+` ID="`...)
	c.b = appendID(c.b, d.newID())
	c.b = append(c.b, `" Boundary="`...)
	c.b = appendUnits(c.b, x, y, w, h)
	c.b = append(c.b, '"')
}

// text draws a text item: one text object per run of one face, every
// character placed where the PDF places it (X of the first, then DeltaX),
// and a stroked box for each character no font draws.
func (d *drawer) text(pi int, it *layout.Item) error {
	if it.Text == "" {
		return nil
	}
	runs, err := d.sp.Split(it.Role, it.Text, int64(it.Size), int64(it.Spacing))
	if err != nil {
		var nf *fonts.NoFaceError
		var bad *fonts.InvalidTextError
		if errors.As(err, &nf) || errors.As(err, &bad) {
			return fmt.Errorf("ofd: page %d: %w", pi+1, err)
		}
		return err
	}
	c := &d.c
	size := mm(it.Size)
	base := mm(it.Y)
	for _, r := range runs {
		if r.Face == nil {
			d.flushText()
			for k, bw := range r.Box {
				x, y, w, h, sw := fonts.BoxRect(int64(it.X)+r.Pos[k], int64(it.Y), bw, int64(it.Size))
				d.rect(layout.Length(x), layout.Length(y), layout.Length(w), layout.Length(h), layout.Length(sw), false, 0)
			}
			continue
		}
		u := d.use(r.Face)
		for _, ch := range r.Text {
			if _, err := u.Glyph(ch); err != nil {
				return fmt.Errorf("ofd: page %d: font %s: %w", pi+1, r.Face.Name(), err)
			}
		}
		if u != c.font || size != c.size {
			d.flushText()
			c.font, c.size = u, size
		}
		from := len(c.du)
		for _, p := range r.Pos {
			c.du = append(c.du, mm(it.X+layout.Length(p)))
		}
		// The object's boundary holds its runs with room around them (a
		// reader may clip to it): half a size to the left, the size and a
		// bit above the baseline, the glyphs' descent below, an em and a
		// half past the last character's start.
		box := [4]unit{c.du[from] - size/2, base - size*6/5, c.du[len(c.du)-1] + size*3/2, base + size*2/5}
		if len(c.codes) == 0 {
			c.box = box
		} else {
			c.box = [4]unit{min(c.box[0], box[0]), min(c.box[1], box[1]), max(c.box[2], box[2]), max(c.box[3], box[3])}
		}
		c.codes = append(c.codes, textCode{text: r.Text, from: from, to: len(c.du), base: base})
	}
	return nil
}

// flushText writes the text object gathered, if any.
func (d *drawer) flushText() {
	c := &d.c
	if len(c.codes) == 0 {
		return
	}
	left, top := c.box[0], c.box[1]
	d.object("TextObject", left, top, c.box[2]-left, c.box[3]-top)
	c.b = append(c.b, ` Font="`...)
	c.b = appendID(c.b, c.font.id)
	c.b = append(c.b, `" Size="`...)
	c.b = appendUnit(c.b, c.size)
	c.b = append(c.b, "\">\n"...)
	for _, tc := range c.codes {
		// A character above U+FFFF gets a TextCode of its own: readers
		// count DeltaX in UTF-16 code units (ofd.js, Java's strings) or in
		// characters (the standard), and with no DeltaX across such a
		// character both place every character alike. Its glyph is found
		// through the subset's format 12 character map
		// (fonts.SubsetUnicode).
		du := c.du[tc.from:tc.to]
		start, k, i := 0, 0, 0 // byte and rune where the current TextCode starts; rune
		for j, ch := range tc.text {
			if ch > 0xFFFF {
				if j > start {
					c.code(tc.text[start:j], du[k:i], left, tc.base-top)
				}
				n := utf8.RuneLen(ch)
				c.code(tc.text[j:j+n], du[i:i+1], left, tc.base-top)
				start, k = j+n, i+1
			}
			i++
		}
		if start < len(tc.text) {
			c.code(tc.text[start:], du[k:], left, tc.base-top)
		}
	}
	c.b = append(c.b, "</ofd:TextObject>\n"...)
	c.font, c.codes, c.du = nil, c.codes[:0], c.du[:0]
}

// code writes a TextCode: text whose characters start at xs (page
// positions), on a baseline y below the boundary's top, left of the
// boundary at left.
func (c *content) code(text string, xs []unit, left, y unit) {
	c.b = append(c.b, `<ofd:TextCode X="`...)
	c.b = appendUnit(c.b, xs[0]-left)
	c.b = append(c.b, `" Y="`...)
	c.b = appendUnit(c.b, y)
	if len(xs) > 1 {
		// A run of equal steps (CJK text, full-width, unjustified or
		// evenly justified) is written "g N step", as the standard allows.
		c.b = append(c.b, `" DeltaX="`...)
		for i := 1; i < len(xs); {
			d := xs[i] - xs[i-1]
			n := 1
			for i+n < len(xs) && xs[i+n]-xs[i+n-1] == d {
				n++
			}
			if i > 1 {
				c.b = append(c.b, ' ')
			}
			if n > 1 {
				c.b = append(c.b, "g "...)
				c.b = strconv.AppendInt(c.b, int64(n), 10)
				c.b = append(c.b, ' ')
			}
			c.b = appendUnit(c.b, d)
			i += n
		}
	}
	c.b = append(c.b, `">`...)
	c.b = appendText(c.b, text)
	c.b = append(c.b, "</ofd:TextCode>\n"...)
}

// rule strokes a straight line with projecting square caps, as layout
// expects (the frame's corners close). Consecutive rules of one width
// share one path object (layout draws a page's borders one after another),
// written by flushRules.
func (d *drawer) rule(it *layout.Item) {
	c := &d.c
	sw := mm(it.Stroke)
	if len(c.lines) > 0 && sw != c.width {
		d.flushRules()
	}
	c.width = sw
	x1, y1, x2, y2 := mm(it.X), mm(it.Y), mm(it.X2), mm(it.Y2)
	box := [4]unit{min(x1, x2) - sw, min(y1, y2) - sw, max(x1, x2) + sw, max(y1, y2) + sw}
	if len(c.lines) == 0 {
		c.lineBox = box
	} else {
		c.lineBox = [4]unit{min(c.lineBox[0], box[0]), min(c.lineBox[1], box[1]), max(c.lineBox[2], box[2]), max(c.lineBox[3], box[3])}
	}
	c.lines = append(c.lines, [4]unit{x1, y1, x2, y2})
}

// flushRules writes the rules gathered, if any, as one path object.
func (d *drawer) flushRules() {
	c := &d.c
	if len(c.lines) == 0 {
		return
	}
	left, top := c.lineBox[0], c.lineBox[1]
	d.object("PathObject", left, top, c.lineBox[2]-left, c.lineBox[3]-top)
	c.b = append(c.b, ` LineWidth="`...)
	c.b = appendUnit(c.b, c.width)
	c.b = append(c.b, `" Cap="Square">`+"\n<ofd:AbbreviatedData>"...)
	for i, l := range c.lines {
		if i > 0 {
			c.b = append(c.b, ' ')
		}
		c.b = append(c.b, "M "...)
		c.b = appendUnits(c.b, l[0]-left, l[1]-top)
		c.b = append(c.b, " L "...)
		c.b = appendUnits(c.b, l[2]-left, l[3]-top)
	}
	c.b = append(c.b, "</ofd:AbbreviatedData>\n</ofd:PathObject>\n"...)
	c.lines = c.lines[:0]
}

// fill paints a rectangle gray.
func (d *drawer) fill(it *layout.Item) {
	d.rect(it.X, it.Y, it.W, it.H, 0, true, it.Gray)
}

// rect fills (fill) or strokes a rectangle whose top left corner is at x, y.
func (d *drawer) rect(x, y, w, h, stroke layout.Length, fill bool, gray uint8) {
	// Corners converted as absolute positions, so that adjacent
	// rectangles meet exactly.
	x0, y0, x1, y1 := mm(x), mm(y), mm(x+w), mm(y+h)
	sw := mm(stroke)
	d.object("PathObject", x0-sw, y0-sw, x1-x0+2*sw, y1-y0+2*sw)
	c := &d.c
	if fill {
		c.b = append(c.b, ` Stroke="false" Fill="true">`+"\n"+`<ofd:FillColor Value="`...)
		c.b = appendGray(c.b, gray)
		c.b = append(c.b, "\"/>\n"...)
	} else {
		c.b = append(c.b, ` LineWidth="`...)
		c.b = appendUnit(c.b, sw)
		c.b = append(c.b, "\">\n"...)
	}
	c.b = append(c.b, "<ofd:AbbreviatedData>M "...)
	c.b = appendUnits(c.b, sw, sw)
	c.b = append(c.b, " L "...)
	c.b = appendUnits(c.b, x1-x0+sw, sw)
	c.b = append(c.b, " L "...)
	c.b = appendUnits(c.b, x1-x0+sw, y1-y0+sw)
	c.b = append(c.b, " L "...)
	c.b = appendUnits(c.b, sw, y1-y0+sw)
	c.b = append(c.b, " C</ofd:AbbreviatedData>\n</ofd:PathObject>\n"...)
}

// appendGray appends an RGB colour value of gray level g.
func appendGray(b []byte, g uint8) []byte {
	for i := range 3 {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(g), 10)
	}
	return b
}

// link makes a rectangle of the page a link to another page: an action of
// the page, clicked in that region, going to the page's top.
func (d *drawer) link(it *layout.Item) {
	x0, y0, x1, y1 := mm(it.X), mm(it.Y), mm(it.X+it.W), mm(it.Y+it.H)
	b := append(d.c.links, `<ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="`...)
	b = appendID(b, it.Target+1)
	b = append(b, `" Left="0" Top="0"/></ofd:Goto><ofd:Region><ofd:Area Start="`...)
	b = appendUnits(b, x0, y0)
	b = append(b, `">`...)
	for _, p := range [][2]unit{{x1, y0}, {x1, y1}, {x0, y1}} {
		b = append(b, `<ofd:Line Point1="`...)
		b = appendUnits(b, p[0], p[1])
		b = append(b, `"/>`...)
	}
	b = append(b, "<ofd:Close/></ofd:Area></ofd:Region></ofd:Action>\n"...)
	d.c.links = b
}

// watermark draws Options.Watermark behind page pg where the PDF draws
// it (layout.PlaceWatermark): one path object of the glyphs' outlines,
// filled light gray, turned to the page's diagonal by its CTM. A character
// no font draws is an error, as for any text, or with AllowMissing left
// out (no box: the watermark is not the form's text).
func (d *drawer) watermark(pi int, pg *layout.Page) error {
	text := d.opt.Watermark
	place, ok := layout.PlaceWatermark(pg.Width, pg.Height, layout.WatermarkWidth(d.fs, text))
	if !ok {
		return nil
	}
	size := layout.Length(place.Size * 1000)
	runs, err := d.sp.Split(layout.Title, text, int64(size), 0)
	if err != nil {
		return fmt.Errorf("ofd: page %d: watermark: %w", pi+1, err)
	}
	c := &d.c
	var path []byte
	for _, r := range runs {
		if r.Face == nil {
			continue
		}
		// Outlines are in font units, y down as in OFD; each run's are
		// scaled to 1000 units per em, so that one CTM serves all.
		scale := 1000 / float64(r.Face.UnitsPerEm())
		k := 0
		for _, ch := range r.Text {
			gid, ok := r.Face.GlyphIndex(ch)
			pen := float64(r.Pos[k]) / float64(size) * 1000 // in 1/1000 em
			k++
			if !ok {
				continue
			}
			d.segs, err = d.outliner.Outline(r.Face, gid, d.segs[:0])
			if err != nil {
				return fmt.Errorf("ofd: page %d: watermark: %w", pi+1, err)
			}
			path = appendOutline(path, d.segs, pen, scale)
		}
	}
	if len(path) == 0 {
		return nil
	}
	// The CTM maps 1/1000 em, y down, to millimetres on the page: scaled
	// to the size, turned so that the baseline rises at the diagonal's
	// angle, moved to the baseline's start.
	s := place.Size * 25.4 / 72 / 1000 // mm per 1/1000 em
	d.object("PathObject", 0, 0, mm(pg.Width), mm(pg.Height))
	c.b = append(c.b, ` CTM="`...)
	for i, v := range []float64{s * place.Cos, -s * place.Sin, s * place.Sin, s * place.Cos, place.X * 25.4 / 72, place.Y * 25.4 / 72} {
		if i > 0 {
			c.b = append(c.b, ' ')
		}
		c.b = strconv.AppendFloat(c.b, round(v, 6), 'f', -1, 64)
	}
	c.b = append(c.b, `" Stroke="false" Fill="true">`+"\n"+`<ofd:FillColor Value="`...)
	c.b = appendGray(c.b, layout.WatermarkGray)
	c.b = append(c.b, "\"/>\n<ofd:AbbreviatedData>"...)
	c.b = append(c.b, path...)
	c.b = append(c.b, "</ofd:AbbreviatedData>\n</ofd:PathObject>\n"...)
	return nil
}

// appendOutline appends a glyph outline as OFD path data: font units
// scaled by scale and moved right by dx, to a tenth. Each contour is
// closed.
func appendOutline(b []byte, segs []fonts.Segment, dx, scale float64) []byte {
	pt := func(b []byte, p fonts.Point) []byte {
		b = append(b, ' ')
		b = strconv.AppendFloat(b, round(float64(p.X)*scale+dx, 1), 'f', -1, 64)
		b = append(b, ' ')
		return strconv.AppendFloat(b, round(float64(p.Y)*scale, 1), 'f', -1, 64)
	}
	open := false
	for _, s := range segs {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		switch s.Op {
		case fonts.MoveTo:
			if open {
				b = append(b, "C "...)
			}
			b = pt(append(b, 'M'), s.P[0])
			open = true
		case fonts.LineTo:
			b = pt(append(b, 'L'), s.P[0])
		case fonts.QuadTo:
			b = pt(pt(append(b, 'Q'), s.P[0]), s.P[1])
		case fonts.CubeTo:
			b = pt(pt(pt(append(b, 'B'), s.P[0]), s.P[1]), s.P[2])
		}
	}
	if open {
		b = append(b, " C"...)
	}
	return b
}

// round rounds v to prec decimals, without "-0".
func round(v float64, prec int) float64 {
	p := math.Pow10(prec)
	v = math.Round(v*p) / p
	if v == 0 {
		return 0
	}
	return v
}
