// Package layout turns a model.Form into pages of positioned items. It decides
// every line break and every page break; a renderer only draws what it is
// given. Nothing here knows what a PDF is: text is measured through the small
// Measurer interface, and all lengths are integers.
package layout

import (
	"strings"
	"unicode"

	"jixiao/internal/safetext"
	"jixiao/role"
)

// Length is a distance in 1/1000 pt. The origin is the top-left corner of the
// page; y grows downwards.
type Length int64

// Common lengths.
const (
	Pt Length = 1000    // one PostScript point
	MM Length = 2835    // one millimetre, rounded (2834.6 exactly)
	In Length = 72 * Pt // one inch
)

// Millimetres converts a length given in millimetres, rounding to the
// nearest 1/1000 pt.
func Millimetres(mm float64) Length {
	v := mm * 72000 / 25.4
	if v < 0 {
		return Length(v - 0.5)
	}
	return Length(v + 0.5)
}

// Role is the typographic role of a run of text; the font set maps it to a
// face. It is declared in package role, which fonts shares, so that fonts
// implements Measurer without importing layout.
type Role = role.Role

const (
	Body  = role.Body  // 宋体 role: all body text
	Title = role.Title // 黑体 role: titles and headings
)

// Measurer answers advance widths. It is implemented by package fonts (with
// the embedded or user fonts) and by fixed-width fakes in tests.
type Measurer interface {
	// Advance returns the advance width of r as drawn for role, in 1/1000 em,
	// rounded as the PDF width array stores it (round(advance*1000/unitsPerEm)).
	// A rune that no font can draw is measured as the box drawn in its place.
	Advance(role Role, r rune) int
}

// Kind says what an Item is.
type Kind uint8

const (
	Text Kind = iota // a run of text on one baseline
	Rule             // a straight line
	Fill             // a filled rectangle
	Link             // a clickable area pointing to another page
)

// Item is one positioned element of a page's display list. Its one-byte
// fields come first, together, so that an Item takes 128 bytes, not 144:
// a binder keeps hundreds of thousands of them.
type Item struct {
	Kind Kind
	Role Role  // Text: font role
	Gray uint8 // Fill: 0 black … 255 white

	// Text: X, Y is the left end of the baseline, W the measured width.
	// Rule: from (X, Y) to (X2, Y2), a line Stroke wide centred on the
	// segment. Table frames are four rules meeting at the corners and inner
	// rules end on other rules: draw rules with projecting square caps (PDF
	// line cap 2) so that corners and junctions close.
	// Fill and Link: the rectangle with top-left (X, Y) and size W × H.
	X, Y, X2, Y2, W, H Length

	Size Length // Text: font size
	Text string // Text: the characters, drawn without re-wrapping

	// Spacing (Text) is extra space added after every character, in 1/1000
	// pt: the PDF character spacing Tc = Spacing/1000 (in points, before any
	// horizontal scaling). Layout uses it to justify a line to its cell; 0 for
	// unjustified text. The k-th character (0-based) starts at
	// X + (sum of the advances of the characters before it)×Size/1000 + k×Spacing,
	// and W already includes the spacing between the visible characters.
	Spacing Length

	// Field (Text) names what the text shows, for checks and dumps, never for
	// drawing: a form field path relative to the form ("overview",
	// "indicators[3].level3"), or "title", "year", "label", "signature", "footer".
	Field string

	Stroke Length // Rule: line width
	Target int    // Link: index of the destination page in Document.Pages

	// Elem is the structure element the item is content of (a Text, or a
	// Link's area); nil for an artifact (structure.go).
	Elem *Elem
}

// Page is one page: its size and its display list, drawn in order.
type Page struct {
	Width, Height Length
	Items         []Item
	Label         string // what the page is, for dumps and tests ("form 3 page 2/4", "toc 1")
	// Fit says how the form on this page was tightened to save its last
	// page ("2: cell padding 1 pt × 3 pt, leading 1.3"), for dumps; empty
	// when it is laid out with the options as given.
	Fit string
}

// Bookmark is an entry of the document outline (PDF bookmarks).
type Bookmark struct {
	Title string
	Page  int // index into Document.Pages
	Level int // 0 top level, 1 nested
}

// LabelStyle is the numbering style of a page-label range.
type LabelStyle uint8

const (
	Decimal    LabelStyle = iota // 1, 2, 3
	LowerRoman                   // i, ii, iii
	NoNumber                     // prefix only
)

// PageLabel starts a page-label range (the numbers a PDF viewer shows).
type PageLabel struct {
	Page   int // first page of the range, index into Document.Pages
	Style  LabelStyle
	Prefix string
	Start  int // number of the first page of the range
}

// Meta is the document information a renderer writes.
type Meta struct {
	Title   string // 项目名称, or the binder title
	Author  string // 单位名称
	Subject string // the form title and year
	Year    int    // the form's or book's year (renderers derive a fixed date from it)
}

// MetaText is s as a title, author or bookmark of a document: a viewer
// shows these in its title bar, properties and bookmark pane as plain
// text, where an invisible or reordering character (U+202E shows what
// follows backwards, U+200B hides a difference) would act instead of
// showing. Those and control characters are left out (a line break or tab
// becomes a space).
func MetaText(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || safetext.Invisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unicode.IsControl(r) || safetext.Invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Document is the output of layout: pages of positioned items, ready to draw.
type Document struct {
	Pages   []*Page
	Outline []Bookmark
	Labels  []PageLabel
	Meta    Meta
}
