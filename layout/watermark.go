package layout

import (
	"math"
	"time"
)

// What every backend draws the same way around the laid-out items: the
// fixed date it writes and where a watermark goes. Kept here, beside the
// pages, so that the PDF and the OFD put them in the same place.

// DefaultDate returns the fixed date written into a document of the given
// year: 1 January of that year, 00:00 China Standard Time (UTC+8). Years
// outside 1000…9999 give 1 January 2000. The clock is never read.
func DefaultDate(year int) time.Time {
	if year < 1000 || year > 9999 {
		year = 2000
	}
	return time.Date(year, time.January, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// WatermarkPlace is where a one-line watermark goes on a page: along the
// page's diagonal from bottom left to top right, centred, as wide as half
// the diagonal (at most 200 pt high).
type WatermarkPlace struct {
	// Size is the font size, in points.
	Size float64
	// Cos and Sin give the direction of the baseline: it rises at the angle
	// whose cosine and sine they are (Sin > 0 goes up the page).
	Cos, Sin float64
	// X, Y is the start of the baseline, in points from the page's top
	// left corner, y down. The baseline is lowered by a third of the size
	// so that the glyphs' middle is on the diagonal.
	X, Y float64
}

// WatermarkGray is the fill of the watermark, 0 black … 255 white.
const WatermarkGray uint8 = 224

// WatermarkWidth returns the width of watermark text in the title role, as
// m measures it: the sum of its characters' advances, in 1/1000 em.
func WatermarkWidth(m Measurer, text string) int64 {
	var em int64
	for _, r := range text {
		em += int64(m.Advance(Title, r))
	}
	return em
}

// PlaceWatermark returns where a watermark em/1000 em wide
// (WatermarkWidth) goes on a page width × height; false when the text has
// no width.
func PlaceWatermark(width, height Length, em int64) (WatermarkPlace, bool) {
	if em <= 0 {
		return WatermarkPlace{}, false
	}
	w, h := float64(width)/1000, float64(height)/1000
	size := min(math.Hypot(w, h)/2*1000/float64(em), 200)
	a := math.Atan2(h, w)
	cos, sin := math.Cos(a), math.Sin(a)
	long := float64(em) * size / 1000
	// From the bottom left, y up: the baseline's start.
	x0 := w/2 - cos*long/2 + sin*size/3
	y0 := h/2 - sin*long/2 - cos*size/3
	return WatermarkPlace{Size: size, Cos: cos, Sin: sin, X: x0, Y: h - y0}, true
}
