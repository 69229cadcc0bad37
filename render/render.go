// Package render draws a layout.Document as a PDF, with its own object
// writer (pdf.go, objects.go): no PDF library is involved. It draws exactly
// what layout decided — every text run at its baseline, never re-wrapped —
// and adds what a reader of the file needs: embedded font subsets with
// ToUnicode maps, bookmarks, internal links, page labels and the document
// information. The output depends only on its inputs: identical input gives
// byte-identical files.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"jixiao/fonts"
	"jixiao/layout"
)

// Layout measures with the set render draws with.
var _ layout.Measurer = (*fonts.Set)(nil)

// Producer is written as the PDF Producer, followed by Options.Version.
const Producer = "jixiao"

// Options control what Write adds besides the drawing.
type Options struct {
	// Creator is written as the PDF Creator, e.g. "jixiao 0.1.0".
	Creator string
	// Version is jixiao's version, written after Producer ("jixiao
	// 0.1.0"); empty, the Producer is "jixiao" alone.
	Version string
	// Date is written as the creation and modification date. The zero
	// value means layout.DefaultDate(doc.Meta.Year); the clock is never read.
	Date time.Time
	// AllowMissing draws a box outline in place of each character that no
	// font of the set can draw. Without it such a character is an error.
	AllowMissing bool
	// Watermark, when not empty, is drawn behind every page (「草稿」 for a
	// draft): one line in the title role, light gray, along the page's
	// diagonal from bottom left to top right, centred, half the diagonal
	// long (at most 200 pt high). It is drawn before the page's items and
	// changes nothing of the layout.
	Watermark string
	// PDFA, when set, makes the document conform to a PDF/A level: an
	// output intent with an sRGB profile, XMP identification, a file
	// identifier, complete font subsets' CID sets (pdfa.go).
	PDFA PDFA
	// Attachments are files carried as associated files of the document
	// (/AF); with PDF/A only at level 3b.
	Attachments []Attachment
	// Stop, when set, is asked between pages once every page is drawn,
	// while the document is written (a binder of thousands of pages takes
	// seconds there): its error ends the writing, and w then holds part
	// of the document, as after an error of w itself (the callers write
	// to a temporary file or a buffer). Drawing stops through the page
	// sequence's own error.
	Stop func() error
}

// DraftWatermark is the watermark of --draft.
const DraftWatermark = "草稿"

// DateFromEnv returns the date to write: the time given by the environment
// variable SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC, see
// reproducible-builds.org) when it is set, else layout.DefaultDate(year).
func DateFromEnv(year int) (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return layout.DefaultDate(year), nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	// PDF dates have four-digit years.
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("render: SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970-01-01 up to the year 9999", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// Write draws doc with the fonts of fs and writes the PDF to w.
func Write(w io.Writer, doc *layout.Document, fs *fonts.Set, opt Options) error {
	if doc == nil || len(doc.Pages) == 0 {
		return fmt.Errorf("render: document has no pages")
	}
	return WritePages(w, doc.Frame(), doc.Seq(), fs, opt)
}

// Bytes draws doc with the fonts of fs and returns the PDF.
func Bytes(doc *layout.Document, fs *fonts.Set, opt Options) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, doc, fs, opt); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePages is Write for a document whose pages are made as they are
// read, so that they need not all be in memory at once: it reads pages
// once, in order, and keeps only each page's compressed contents. Nothing
// is written to w unless every page was drawn. An error of pages is
// returned as it is.
func WritePages(w io.Writer, fr layout.Frame, pages layout.PageSeq, fs *fonts.Set, opt Options) (err error) {
	if err := checkFrame(fr, fs); err != nil {
		return err
	}
	if err := checkPDFA(opt); err != nil {
		return err
	}
	if opt.Date.IsZero() {
		opt.Date = layout.DefaultDate(fr.Meta.Year)
	}
	defer func() {
		// The font code reads font files; no panic leaves this package.
		if r := recover(); r != nil {
			err = fmt.Errorf("render: PDF writer failed: %v", r)
		}
	}()
	d, err := draw(fr, pages, fs, opt)
	if err != nil {
		return err
	}
	defer func() {
		// The spills' files go on every path; failing to remove one is
		// an error too.
		if cerr := d.close(); err == nil && cerr != nil {
			err = fmt.Errorf("render: %w", cerr)
		}
	}()
	if err := writeDocument(w, d, fr, opt); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}

// checkFrame rejects frames that cannot be written (layout.Frame.Check).
func checkFrame(fr layout.Frame, fs *fonts.Set) error {
	if err := fr.Check(); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if fs == nil {
		return fmt.Errorf("render: no font set")
	}
	return nil
}

// split returns the runs of text item it on page pi (0-based), by
// fonts.Splitter, the one place that decides which face draws each rune
// and where it starts (the OFD backend uses it too). The result is valid
// until the next call.
func (dr *drawer) split(it *layout.Item, pi int) ([]fonts.Run, error) {
	runs, err := dr.sp.Split(it.Role, it.Text, int64(it.Size), int64(it.Spacing))
	if err != nil {
		return nil, fmt.Errorf("render: page %d: %w", pi+1, err)
	}
	return runs, nil
}

func pt(l layout.Length) float64 { return float64(l) / 1000 }

// drawn is a document drawn: what writeDocument needs of its pages, the
// fonts they use and the structure tree, kept small: per page its size,
// the length of its compressed contents (the bytes wait in a spill) and
// its links.
type drawn struct {
	pages    []pageInfo
	links    []linkRec  // every page's links, in order
	contents *spill     // the pages' compressed contents, in order
	fonts    []*fontUse // in order of first use
	tags     *tagger    // the structure tree
	id       hash.Hash  // with PDF/A: the digest of the file identifier so far (fileID)
}

// pageInfo is a page drawn: its size, the length of its compressed
// contents (content.go) and the index of its first link in drawn.links.
type pageInfo struct {
	width, height layout.Length
	size          int32
	firstLink     int32
}

// linkRec is a link of a page: its area and the page it goes to.
type linkRec struct {
	x, y, w, h layout.Length
	target     int32
}

// pageLinks returns the links of page i.
func (d *drawn) pageLinks(i int) []linkRec {
	end := len(d.links)
	if i+1 < len(d.pages) {
		end = int(d.pages[i+1].firstLink)
	}
	return d.links[d.pages[i].firstLink:end]
}

// close removes what the document spilled to files.
func (d *drawn) close() error {
	return errors.Join(d.contents.close(), d.tags.release())
}

// drawer draws the pages of one document, each with a contentStream.
// Each kind of item has its method.
type drawer struct {
	fr     layout.Frame
	opt    Options
	d      *drawn
	cs     contentStream
	sp     fonts.Splitter
	byFont map[*fonts.Font]*fontUse
	codes  []byte // the codes of a run, reused
	// outliner and segs read the watermark's glyph outlines.
	outliner fonts.Outliner
	segs     []fonts.Segment
	pens     []float64 // the watermark's pens (watermarkPens)
	sq       *squeezer
}

// draw reads the pages and draws them. On error nothing is left behind;
// else the caller closes the result.
func draw(fr layout.Frame, pages layout.PageSeq, fs *fonts.Set, opt Options) (_ *drawn, err error) {
	d := &drawn{pages: make([]pageInfo, 0, fr.Pages), contents: newSpill(), tags: newTagger()}
	if opt.PDFA != NoPDFA {
		d.id = idStart(fr, opt)
	}
	ok := false
	defer func() {
		if !ok {
			d.close()
		}
	}()
	dr := &drawer{
		fr:     fr,
		opt:    opt,
		d:      d,
		sp:     fonts.Splitter{Set: fs, AllowMissing: opt.AllowMissing},
		byFont: map[*fonts.Font]*fontUse{},
	}
	// The compressed contents go to the spill in page order (and to the
	// file identifier's digest).
	var sizes []int32
	dr.sq = newSqueezer(fr.Pages, func(c []byte) error {
		sizes = append(sizes, int32(len(c)))
		if d.id != nil {
			d.id.Write(c)
		}
		_, err := d.contents.Write(c)
		return err
	})
	defer dr.sq.wait() // the workers end on every path, before the spill closes
	if err = pages(dr.page); err != nil {
		dr.sq.abort() // the pages drawn are not written: not compressed either
		return nil, err
	}
	if err := dr.sq.wait(); err != nil {
		return nil, err
	}
	if len(d.pages) != fr.Pages {
		return nil, fmt.Errorf("render: %d pages read, %d expected", len(d.pages), fr.Pages)
	}
	if err := d.contents.done(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := d.tags.finish(); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for i := range d.pages {
		d.pages[i].size = sizes[i]
	}
	ok = true
	return d, nil
}

// page draws page pi.
func (dr *drawer) page(pi int, pg *layout.Page) error {
	d := dr.d
	if pi != len(d.pages) || pi >= dr.fr.Pages {
		return fmt.Errorf("render: page index %d read as page %d of %d", pi, len(d.pages)+1, dr.fr.Pages)
	}
	if err := layout.CheckPage(pg, pi, dr.fr.Pages); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	dp := pageInfo{width: pg.Width, height: pg.Height, firstLink: int32(len(d.links))}
	dr.cs.reset(pg)
	tags := d.tags
	tags.beginPage()
	if dr.opt.Watermark != "" {
		tags.mark(&dr.cs, nil)
		if err := dr.watermark(pg, pi); err != nil {
			return err
		}
	}
	for i := range pg.Items {
		it := &pg.Items[i]
		switch it.Kind {
		case layout.Text:
			tags.mark(&dr.cs, it.Elem)
			if err := dr.text(it, pi); err != nil {
				return err
			}
		case layout.Rule:
			tags.mark(&dr.cs, nil)
			dr.rule(it)
		case layout.Fill:
			tags.mark(&dr.cs, nil)
			dr.fill(it)
		case layout.Link:
			tags.annot(it.Elem)
			d.links = append(d.links, linkRec{x: it.X, y: it.Y, w: it.W, h: it.H, target: int32(it.Target)})
		}
	}
	tags.close(&dr.cs)
	// Compressed on another goroutine, then kept in the spill.
	if err := dr.sq.add(pi, dr.cs.b); err != nil {
		return err
	}
	d.pages = append(d.pages, dp)
	return nil
}

// text draws a text item: each run with the font that draws it, boxes for
// the characters no font draws.
func (dr *drawer) text(it *layout.Item, pi int) error {
	runs, err := dr.split(it, pi)
	if err != nil {
		return err
	}
	for _, r := range runs {
		x := it.X + layout.Length(r.Pos[0])
		if r.Face == nil {
			for k, w := range r.Box {
				bx, by, bw, bh, stroke := fonts.BoxRect(int64(it.X)+r.Pos[k], int64(it.Y), w, int64(it.Size))
				dr.cs.setStroke(layout.Length(stroke))
				dr.cs.rect(layout.Length(bx), layout.Length(by), layout.Length(bw), layout.Length(bh), "S")
			}
			continue
		}
		u, err := dr.use(r, pi)
		if err != nil {
			return err
		}
		dr.cs.text(u.res, it.Size, it.Spacing, x, it.Y, dr.codes)
	}
	return nil
}

// use returns the font of run r, recording it, with the run's codes in
// dr.codes.
func (dr *drawer) use(r fonts.Run, pi int) (*fontUse, error) {
	u := dr.byFont[r.Face]
	if u == nil {
		u = newFontUse(r.Face, len(dr.d.fonts))
		dr.byFont[r.Face] = u
		dr.d.fonts = append(dr.d.fonts, u)
	}
	var err error
	dr.codes, err = u.encode(dr.codes[:0], r.Text)
	if err != nil {
		return nil, fmt.Errorf("render: page %d: font %s: %w", pi+1, r.Face.Name(), err)
	}
	return u, nil
}

// watermark draws Options.Watermark behind page pg (index pi): in the
// title role, light gray, rotated to the page's diagonal and centred on the
// page, as wide as half the diagonal (at most 200 pt high). A character no
// font draws is an error, as for any text, or with AllowMissing left out
// (no box: the watermark is not the form's text). The glyphs are drawn as
// filled outlines, not text: a reader prints them but never extracts them
// with the form's text, and no font is embedded for them.
func (dr *drawer) watermark(pg *layout.Page, pi int) error {
	text := dr.opt.Watermark
	place, ok := layout.PlaceWatermark(pg.Width, pg.Height, layout.WatermarkWidth(dr.sp.Set, text))
	if !ok {
		return nil
	}
	size := place.Size
	it := layout.Item{Kind: layout.Text, Role: layout.Title, Size: layout.Length(size * 1000), Text: text}
	runs, err := dr.split(&it, pi)
	if err != nil {
		return err
	}
	// In PDF coordinates (y up): layout.PlaceWatermark gives the baseline's
	// start from the top.
	cos, sin := place.Cos, place.Sin
	x0, y0 := place.X, pt(pg.Height)-place.Y
	dr.cs.setFill(int(layout.WatermarkGray))
	dr.cs.beginRotated(cos, sin, x0, y0)
	for _, r := range runs {
		if r.Face == nil {
			continue
		}
		// Outlines are in font units, y down: scale them to the size.
		upm := float64(r.Face.UnitsPerEm())
		dr.cs.beginScaled(size/upm, -size/upm)
		dr.pens = watermarkPens(dr.pens[:0], r, size)
		k := 0
		for _, c := range r.Text {
			gid, ok := r.Face.GlyphIndex(c)
			if ok {
				dr.segs, err = dr.outliner.Outline(r.Face, gid, dr.segs[:0])
				if err != nil {
					return fmt.Errorf("render: page %d: watermark: %w", pi+1, err)
				}
				dr.cs.glyphPath(dr.segs, dr.pens[k])
			}
			k++
		}
		dr.cs.restore()
	}
	dr.cs.restore()
	return nil
}

// watermarkPens appends where each rune of run r of the watermark starts
// as the PDF draws it at size (points): in the font units of r's face,
// from the run's start, advanced by the face's own advances.
//
// The OFD (ofd/content.go) starts each glyph at its Splitter position
// (r.Pos) instead. The two differ by less than 1/1000 pt per glyph: Pos is
// rounded to 1/1000 pt, at the size cut to 1/1000 pt, while this pen sums
// unrounded advances at the exact size. The PDF's path coordinates are
// written to 1/10 font unit, so for the draft watermark 「草稿」 both
// give the same bytes (TestWatermarkPens), but for some texts with
// proportional characters (「内部资料 DRAFT」) a coordinate's last digit
// would change; the PDF keeps its pen so that its bytes stay as they were.
func watermarkPens(dst []float64, r fonts.Run, size float64) []float64 {
	upm := float64(r.Face.UnitsPerEm())
	pen := pt(layout.Length(r.Pos[0])) / size * upm
	for _, c := range r.Text {
		dst = append(dst, pen)
		adv, _ := r.Face.Advance(c)
		pen += float64(adv) * upm / 1000
	}
	return dst
}

// rule draws a straight line.
func (dr *drawer) rule(it *layout.Item) {
	dr.cs.setStroke(it.Stroke)
	dr.cs.line(it.X, it.Y, it.X2, it.Y2)
}

// fill paints a rectangle gray.
func (dr *drawer) fill(it *layout.Item) {
	dr.cs.setFill(int(it.Gray))
	dr.cs.rect(it.X, it.Y, it.W, it.H, "f")
}
