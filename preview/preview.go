// Package preview draws the pages of a layout.Document as images: a quick
// look without a PDF viewer, thumbnails, and tests that see what a reader
// sees. It draws what layout decided exactly as package render does — every
// text run at its baseline, character by character at the positions the PDF
// gives them, rules with projecting square caps, grey fills — in black on
// white, in pure Go. Glyph outlines come from package fonts (the same fonts
// the PDF embeds); they are rasterised with golang.org/x/image/vector.
package preview

import (
	"errors"
	"fmt"
	"image"
	"math"
	"unicode/utf8"

	"golang.org/x/image/vector"

	"jixiao/fonts"
	"jixiao/layout"
)

// DefaultDPI is the resolution used when Options.DPI is zero.
const DefaultDPI = 100

// MaxPixels bounds the size of one page image (width × height), so that a
// mistaken resolution cannot ask for gigabytes: A3 at 600 dpi is 70 million.
const MaxPixels = 100 << 20

// Options control how pages are drawn.
type Options struct {
	// DPI is the resolution in pixels per inch (72 points); 0 means
	// DefaultDPI.
	DPI float64
	// AllowMissing draws a box outline in place of each character that no
	// font of the set draws, as render.Options.AllowMissing does; without it
	// such a character is an error.
	AllowMissing bool
}

// Drawer draws the pages of one document. It keeps each glyph's outline and
// its rasterised coverage (per font, size and position within a pixel) from
// page to page, so the pages of a document after the first cost little more
// than copying. A Drawer is not safe for concurrent use; the font set is
// shared and may be used by many Drawers at once.
type Drawer struct {
	fs    *fonts.Set
	opt   Options
	scale float64 // pixels per layout.Length (1/1000 pt)

	ol       fonts.Outliner
	outlines map[glyphKey]*outline
	masks    map[maskKey]*mask
	frac     map[sizeKey]bool
	rast     vector.Rasterizer
	arena    []byte // backing store of the masks, allocated in chunks
}

// NewDrawer returns a Drawer for pages drawn with the fonts of fs.
func NewDrawer(fs *fonts.Set, opt Options) *Drawer {
	if opt.DPI == 0 {
		opt.DPI = DefaultDPI
	}
	return &Drawer{
		fs:       fs,
		opt:      opt,
		scale:    opt.DPI / 72000,
		outlines: map[glyphKey]*outline{},
		masks:    map[maskKey]*mask{},
		frac:     map[sizeKey]bool{},
	}
}

// Page draws one page with the fonts of fs; for several pages of a
// document, a Drawer is faster.
func Page(pg *layout.Page, fs *fonts.Set, opt Options) (*image.Gray, error) {
	return NewDrawer(fs, opt).Draw(pg)
}

// Size returns the size in pixels of the image of a page of the given size:
// each side rounded up to whole pixels, as pdftoppm sizes its images (an A4
// page at 100 dpi is 827 × 1170).
func (d *Drawer) Size(width, height layout.Length) (w, h int) {
	return int(math.Ceil(float64(width)*d.scale - 1e-6)), int(math.Ceil(float64(height)*d.scale - 1e-6))
}

// Draw draws pg: white paper, black text and rules, grey fills.
func (d *Drawer) Draw(pg *layout.Page) (*image.Gray, error) {
	if d.fs == nil {
		return nil, errors.New("preview: no font set")
	}
	if dpi := d.opt.DPI; !(dpi > 0) || math.IsInf(dpi, 0) {
		return nil, fmt.Errorf("preview: resolution %g dpi: expected a positive number", dpi)
	}
	if pg == nil || pg.Width <= 0 || pg.Height <= 0 {
		return nil, errors.New("preview: the page has no size")
	}
	w, h := d.Size(pg.Width, pg.Height)
	if w < 1 || h < 1 || float64(w)*float64(h) > MaxPixels {
		return nil, fmt.Errorf("preview: a page of %.0f × %.0f pt at %g dpi is %d × %d pixels; at most %d million are drawn",
			float64(pg.Width)/1000, float64(pg.Height)/1000, d.opt.DPI, w, h, MaxPixels>>20)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	// White paper, filled by doubling copies.
	if len(img.Pix) > 0 {
		img.Pix[0] = 0xFF
		for n := 1; n < len(img.Pix); n *= 2 {
			copy(img.Pix[n:], img.Pix[:n])
		}
	}
	for i := range pg.Items {
		it := &pg.Items[i]
		var err error
		switch it.Kind {
		case layout.Text:
			err = d.text(img, it)
		case layout.Rule:
			d.rule(img, it)
		case layout.Fill:
			if it.W > 0 && it.H > 0 {
				d.rect(img, it.X, it.Y, it.X+it.W, it.Y+it.H, it.Gray)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return img, nil
}

// text draws a text item the way render writes it to the PDF: the k-th
// character starts at X + (advances before it)×Size/1000 + k×Spacing, each
// advance as the PDF width array stores it, drawn with the font the set
// chooses for it.
func (d *Drawer) text(img *image.Gray, it *layout.Item) error {
	if it.Text == "" {
		return nil
	}
	if !utf8.ValidString(it.Text) {
		return fmt.Errorf("preview: text is not valid UTF-8: %q", it.Text)
	}
	if it.Size <= 0 {
		return fmt.Errorf("preview: text %q has no size", it.Text)
	}
	var em int64 // advance so far in 1/1000 em
	k := 0
	for _, r := range it.Text {
		x := it.X + layout.Length((em*int64(it.Size)+500)/1000) + layout.Length(k)*it.Spacing
		k++
		if fonts.Ignorable(r) {
			continue // invisible, zero width: never drawn
		}
		adv := d.fs.Advance(it.Role, r)
		em += int64(adv)
		face, ok := d.fs.Face(it.Role, r)
		var gid uint16
		if ok {
			gid, ok = face.GlyphIndex(r)
		}
		if !ok {
			if !d.opt.AllowMissing {
				return fmt.Errorf("preview: no font draws U+%04X %q", r, r)
			}
			d.box(img, x, it.Y, layout.Length((int64(adv)*int64(it.Size)+500)/1000), it.Size)
			continue
		}
		if err := d.glyph(img, face, gid, it.Size, x, it.Y); err != nil {
			return err
		}
	}
	return nil
}

// box draws the outline render draws for a character no font has: a
// rectangle inside its advance w, from 78% of the size above the baseline
// to 10% below.
func (d *Drawer) box(img *image.Gray, x, y, w, size layout.Length) {
	s := max(size/25, 100)
	x0, x1 := x+w/10, x+w/10+w*8/10
	y0, y1 := y-size*78/100, y-size*78/100+size*88/100
	d.rect(img, x0-s/2, y0-s/2, x1+s/2, y0+s/2, 0)
	d.rect(img, x0-s/2, y1-s/2, x1+s/2, y1+s/2, 0)
	d.rect(img, x0-s/2, y0-s/2, x0+s/2, y1+s/2, 0)
	d.rect(img, x1-s/2, y0-s/2, x1+s/2, y1+s/2, 0)
}

// rule draws a straight line Stroke wide with projecting square caps.
func (d *Drawer) rule(img *image.Gray, it *layout.Item) {
	w := it.Stroke
	if w < 0 {
		w = 0
	}
	switch {
	case it.Y == it.Y2:
		d.rect(img, min(it.X, it.X2)-w/2, it.Y-w/2, max(it.X, it.X2)+w-w/2, it.Y+w-w/2, 0)
	case it.X == it.X2:
		d.rect(img, it.X-w/2, min(it.Y, it.Y2)-w/2, it.X+w-w/2, max(it.Y, it.Y2)+w-w/2, 0)
	default:
		d.slanted(img, it.X, it.Y, it.X2, it.Y2, w)
	}
}

// rect fills the rectangle from (x0, y0) to (x1, y1) with gray. Its edges
// are moved to the nearest pixel boundaries, and a rectangle thinner than a
// pixel is drawn one pixel wide, as PDF viewers adjust thin strokes (and
// pdftoppm does by default): a table's hairlines stay sharp and none
// vanishes.
func (d *Drawer) rect(img *image.Gray, x0, y0, x1, y1 layout.Length, gray uint8) {
	px0, px1 := d.snap(x0, x1)
	py0, py1 := d.snap(y0, y1)
	r := image.Rect(px0, py0, px1, py1).Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride+r.Min.X : y*img.Stride+r.Max.X]
		for i := range row {
			row[i] = gray
		}
	}
}

// snap returns the pixel span [p0, p1) of the span [a, b] in layout units:
// its ends rounded to pixel boundaries; a span that rounds to nothing is the
// pixel after its rounded start (pdftoppm's rule, so that the two agree).
func (d *Drawer) snap(a, b layout.Length) (p0, p1 int) {
	fa, fb := float64(a)*d.scale, float64(b)*d.scale
	p0, p1 = int(math.Floor(fa+0.5)), int(math.Floor(fb+0.5))
	if p1 <= p0 {
		p1 = p0 + 1
	}
	return p0, p1
}

// slanted draws a line that is neither horizontal nor vertical (layout
// draws none today) as the polygon its stroke covers, antialiased.
func (d *Drawer) slanted(img *image.Gray, x1, y1, x2, y2, w layout.Length) {
	ax, ay := float64(x1)*d.scale, float64(y1)*d.scale
	bx, by := float64(x2)*d.scale, float64(y2)*d.scale
	hw := math.Max(float64(w)*d.scale, 1) / 2
	l := math.Hypot(bx-ax, by-ay)
	ux, uy := (bx-ax)/l*hw, (by-ay)/l*hw // along the line, half the width
	nx, ny := -uy, ux                    // across it
	pts := [4][2]float64{
		{ax - ux + nx, ay - uy + ny}, {bx + ux + nx, by + uy + ny},
		{bx + ux - nx, by + uy - ny}, {ax - ux - nx, ay - uy - ny},
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	r := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	if r.Intersect(img.Rect).Empty() || r.Dx()*r.Dy() > MaxPixels {
		return
	}
	m := &mask{dx: r.Min.X, dy: r.Min.Y, w: r.Dx(), h: r.Dy(), a: make([]byte, r.Dx()*r.Dy())}
	d.rast.Reset(m.w, m.h)
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	d.rast.MoveTo(float32(pts[0][0]-ox), float32(pts[0][1]-oy))
	for _, p := range pts[1:] {
		d.rast.LineTo(float32(p[0]-ox), float32(p[1]-oy))
	}
	d.rast.ClosePath()
	d.fillMask(m)
	blend(img, m, 0, 0)
}
