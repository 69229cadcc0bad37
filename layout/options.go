package layout

import (
	"errors"
	"fmt"
	"strings"
)

// Options are the page and type parameters of a layout. Every length is in
// 1/1000 pt. Start from DefaultOptions and change what differs.
type Options struct {
	Width, Height Length // paper size; A4 portrait by default

	// Margins. Binding is the inner edge where the sheets are bound: on the
	// left of recto pages (and of every page unless Mirror is set); Outer is
	// the opposite edge. The page footer is drawn inside Bottom.
	Top, Bottom, Binding, Outer Length

	BodySize   Length // body text (宋体 role), 10.5 pt
	TitleSize  Length // the form title (黑体 role), 18 pt
	FooterSize Length // page footers, 9 pt
	HeadSize   Length // the running head of continuation pages, 9 pt

	// LineSpacing is the distance between baselines as a multiple of the
	// font size, in 1/1000 (1500 = 1.5 × size).
	LineSpacing int

	PadX, PadY Length // cell padding: left and right, top and bottom

	// Mirror lays out duplex pages: a form's page i (0-based) with i odd is a
	// verso page (every form starting on a recto page), whose binding edge is
	// on the right, so its items are shifted left by Binding−Outer.
	Mirror bool

	// Signature adds the block of signatures (单位负责人（签字）… 单位（盖章）)
	// after the indicator table, kept on the page of the last indicator row.
	// A form that fills an entry of it (填报人, 联系电话, 填报日期) has it
	// without this option.
	Signature bool

	// Fit tightens a form whose last page would be nearly empty until it
	// ends a page earlier, if it can (see fitSteps); DefaultOptions sets it.
	Fit bool

	// ItemRoom is the spare capacity at the end of each page's Items, for
	// items the caller adds to the page (a binder's footer).
	ItemRoom int
}

// DefaultOptions returns the official layout: A4 portrait, a 28 mm binding
// margin on the left, 20 mm elsewhere, 10.5 pt body text, an 18 pt title and
// lines 1.5 × the size apart.
func DefaultOptions() Options {
	w, h, _ := PaperSize("A4")
	return Options{
		Width: w, Height: h,
		Top: 20 * MM, Bottom: 20 * MM, Binding: 28 * MM, Outer: 20 * MM,
		BodySize: 10500, TitleSize: 18 * Pt, FooterSize: 9 * Pt, HeadSize: 9 * Pt,
		LineSpacing: 1500,
		PadX:        4 * Pt, PadY: 2 * Pt,
		Fit: true,
	}
}

// PaperSize returns the width and height of a named paper size: "A4", "A3",
// "A4-landscape" (or "A4L"), "A3-landscape" (or "A3L"); case does not matter.
func PaperSize(name string) (w, h Length, err error) {
	n := strings.ToUpper(strings.TrimSpace(name))
	land := false
	for _, suf := range []string{"-LANDSCAPE", "L"} {
		if strings.HasSuffix(n, suf) && len(n) > len(suf) {
			n, land = strings.TrimSuffix(n, suf), true
			break
		}
	}
	switch n {
	case "A4":
		w, h = Millimetres(210), Millimetres(297)
	case "A3":
		w, h = Millimetres(297), Millimetres(420)
	default:
		return 0, 0, fmt.Errorf("layout: unknown paper size %q (want A4, A3, A4-landscape or A3-landscape)", name)
	}
	if land {
		w, h = h, w
	}
	return w, h, nil
}

// LineHeight is the distance between baselines of text at size.
func (o *Options) LineHeight(size Length) Length {
	return size * Length(o.LineSpacing) / 1000
}

// left returns the left edge of the content box of a page: the binding edge
// on recto pages, the outer one on mirrored verso pages.
func (o *Options) left(verso bool) Length {
	if verso && o.Mirror {
		return o.Outer
	}
	return o.Binding
}

// contentWidth is the width of the content box.
func (o *Options) contentWidth() Length { return o.Width - o.Binding - o.Outer }

// ContentBox returns the left and right edges of the content box of the
// page at index page of a document: with Mirror, a page of odd index is a
// verso page, bound on the right.
func (o *Options) ContentBox(page int) (x0, x1 Length) {
	x0 = o.left(page%2 == 1)
	return x0, x0 + o.contentWidth()
}

var errOptions = errors.New("layout: bad options")

// Check rejects options that cannot describe a page.
func (o *Options) Check() error {
	switch {
	case o.Width <= 0 || o.Height <= 0:
		return fmt.Errorf("%w: paper %v × %v", errOptions, o.Width, o.Height)
	case o.Top < 0 || o.Bottom < 0 || o.Binding < 0 || o.Outer < 0 || o.PadX < 0 || o.PadY < 0:
		return fmt.Errorf("%w: negative margin or padding", errOptions)
	case o.BodySize <= 0 || o.TitleSize <= 0 || o.FooterSize <= 0 || o.HeadSize <= 0:
		return fmt.Errorf("%w: font sizes must be positive", errOptions)
	case o.LineSpacing < 1000 || o.LineSpacing > 5000:
		return fmt.Errorf("%w: line spacing %d (want 1000…5000, in 1/1000 of the size)", errOptions, o.LineSpacing)
	case o.contentWidth() <= 0 || o.Height-o.Top-o.Bottom <= 0:
		return fmt.Errorf("%w: margins leave no room on the page", errOptions)
	case o.LineHeight(o.HeadSize)+headGap > o.Top:
		return fmt.Errorf("%w: the running head (%s) does not fit in the top margin (%s)", errOptions, fmtLen(o.LineHeight(o.HeadSize)+headGap), fmtLen(o.Top))
	}
	return nil
}
