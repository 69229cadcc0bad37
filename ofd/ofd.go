// Package ofd writes laid-out pages as an OFD document (GB/T 33190-2016,
// 《电子文件存储与交换格式 版式文档》): the same pages the PDF backend
// draws, from the same layout, in the format Chinese e-government systems
// and archives take. It never lays out and imports no PDF library.
//
// The package is a ZIP holding OFD.xml (the document information),
// Doc_0/Document.xml (page area, pages, outline), Doc_0/PublicRes.xml (the
// fonts, embedded as TrueType subsets under Doc_0/Res) and one
// Doc_0/Pages/Page_N/Content.xml per page: text objects that place every
// character where the PDF places it, path objects for rules, fills, the
// boxes of undrawable characters and the watermark, and link areas. The
// output depends only on its inputs: identical input gives identical bytes.
package ofd

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"time"

	"jixiao/fonts"
	"jixiao/layout"
)

// Namespace is the namespace of every XML part of an OFD package.
const Namespace = "http://www.ofdspec.org/2016"

// Options control what Write adds besides the drawing; they mean what
// render.Options mean for a PDF.
type Options struct {
	// Creator is written as DocInfo's Creator, e.g. "jixiao 0.1.0".
	Creator string
	// Date is written as the creation and modification date and as the time
	// of every ZIP entry. The zero value means
	// layout.DefaultDate(Meta.Year); the clock is never read.
	Date time.Time
	// AllowMissing draws a box outline in place of each character no font
	// of the set draws. Without it such a character is an error.
	AllowMissing bool
	// Watermark, when not empty, is drawn behind every page as the PDF
	// draws it (layout.PlaceWatermark): filled glyph outlines in light
	// gray, not text, so it is printed but never extracted.
	Watermark string
}

// Write writes doc, drawn with the fonts of fs, as an OFD package to w.
func Write(w io.Writer, doc *layout.Document, fs *fonts.Set, opt Options) error {
	if doc == nil || len(doc.Pages) == 0 {
		return errors.New("ofd: document has no pages")
	}
	return WritePages(w, doc.Frame(), doc.Seq(), fs, opt)
}

// Bytes is Write to a byte slice.
func Bytes(doc *layout.Document, fs *fonts.Set, opt Options) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, doc, fs, opt); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WritePages is Write for a document whose pages are made as they are
// read: it reads the pages once, in order, and keeps only each page's
// compressed Content.xml. Nothing is written to w unless every page was
// drawn. An error of pages is returned as it is. The frame and the pages
// are checked as the PDF's are (layout.Frame.Check, layout.CheckPage);
// the frame's page labels are not written: OFD has none.
func WritePages(w io.Writer, fr layout.Frame, pages layout.PageSeq, fs *fonts.Set, opt Options) (err error) {
	if err := checkFrame(fr, fs); err != nil {
		return err
	}
	if opt.Date.IsZero() {
		opt.Date = layout.DefaultDate(fr.Meta.Year)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("ofd: writer failed: %v", r)
		}
	}()
	d := newDrawer(fr, fs, opt)
	defer d.z.Close()
	if err := pages(d.page); err != nil {
		return err
	}
	if len(d.pages) != fr.Pages {
		return fmt.Errorf("ofd: %d pages read, %d expected", len(d.pages), fr.Pages)
	}
	return d.finish(w)
}

// checkFrame rejects a frame that cannot be written (layout.Frame.Check).
func checkFrame(fr layout.Frame, fs *fonts.Set) error {
	if err := fr.Check(); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	if fs == nil {
		return errors.New("ofd: no font set")
	}
	return nil
}

// packedPage is a page drawn: its Content.xml, deflated, and what the ZIP
// entry needs to hold it.
type packedPage struct {
	data       []byte
	crc        uint32
	size       uint64
	width, hgt unit // the page's size
}

// fontUse is one font of the document and the characters drawn with it
// (fonts.Use: glyph k of the subset draws the k-th, as in the PDF).
type fontUse struct {
	fonts.Use
	id int
}

// drawer draws the pages of one document. IDs: page k has ID k+1; layers,
// objects and fonts take the IDs after, in the order they are drawn.
type drawer struct {
	fr     layout.Frame
	fs     *fonts.Set
	opt    Options
	sp     fonts.Splitter
	pages  []packedPage
	fonts  []*fontUse
	byFont map[*fonts.Font]*fontUse
	nextID int
	c      content
	zbuf   bytes.Buffer
	z      *flate.Writer
	// outliner and segs read the watermark's glyph outlines.
	outliner fonts.Outliner
	segs     []fonts.Segment
}

func newDrawer(fr layout.Frame, fs *fonts.Set, opt Options) *drawer {
	d := &drawer{
		fr:     fr,
		fs:     fs,
		opt:    opt,
		sp:     fonts.Splitter{Set: fs, AllowMissing: opt.AllowMissing},
		pages:  make([]packedPage, 0, fr.Pages),
		byFont: map[*fonts.Font]*fontUse{},
		nextID: fr.Pages + 1,
	}
	// Level 4, as render compresses PDF streams.
	d.z, _ = flate.NewWriter(&d.zbuf, 4)
	return d
}

func (d *drawer) newID() int {
	id := d.nextID
	d.nextID++
	return id
}

// use returns the font use of f, recording it.
func (d *drawer) use(f *fonts.Font) *fontUse {
	u := d.byFont[f]
	if u == nil {
		u = &fontUse{Use: fonts.Use{Font: f}, id: d.newID()}
		d.byFont[f] = u
		d.fonts = append(d.fonts, u)
	}
	return u
}

// page draws page pi and keeps its compressed contents.
func (d *drawer) page(pi int, pg *layout.Page) error {
	if pi != len(d.pages) || pi >= d.fr.Pages {
		return fmt.Errorf("ofd: page index %d read as page %d of %d", pi, len(d.pages)+1, d.fr.Pages)
	}
	if err := layout.CheckPage(pg, pi, d.fr.Pages); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	if err := d.draw(pi, pg); err != nil {
		return err
	}
	p, err := d.pack(d.c.b)
	if err != nil {
		return fmt.Errorf("ofd: page %d: %w", pi+1, err)
	}
	p.width, p.hgt = mm(pg.Width), mm(pg.Height)
	d.pages = append(d.pages, p)
	return nil
}

// pack deflates one part of the package.
func (d *drawer) pack(data []byte) (packedPage, error) {
	d.zbuf.Reset()
	d.z.Reset(&d.zbuf)
	if _, err := d.z.Write(data); err != nil {
		return packedPage{}, err
	}
	if err := d.z.Close(); err != nil {
		return packedPage{}, err
	}
	return packedPage{data: bytes.Clone(d.zbuf.Bytes()), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}, nil
}

// Paths of the parts.
const (
	rootPath     = "OFD.xml"
	docDir       = "Doc_0/"
	documentPath = docDir + "Document.xml"
	publicRes    = "PublicRes.xml"
	resDir       = "Res"
)

func pagePath(i int) string { return "Pages/Page_" + strconv.Itoa(i) + "/Content.xml" }
func fontFile(u *fontUse) string {
	return "font_" + strconv.Itoa(u.id) + ".ttf"
}

// finish writes the package: the document parts, the fonts, the pages.
func (d *drawer) finish(w io.Writer) error {
	// Fonts are cut first: a failure must leave w untouched.
	subsets := make([][]byte, len(d.fonts))
	for i, u := range d.fonts {
		sub, err := u.Font.SubsetUnicode(u.Runes)
		if err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
		subsets[i] = sub
	}
	maxID := d.nextID - 1
	type entry struct {
		name string
		p    packedPage
	}
	var entries []entry
	add := func(name string, data []byte) error {
		p, err := d.pack(data)
		entries = append(entries, entry{name, p})
		return err
	}
	if err := errors.Join(
		add(rootPath, d.root()),
		add(documentPath, d.document(maxID)),
		add(docDir+publicRes, d.publicRes()),
	); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	for i, u := range d.fonts {
		if err := add(docDir+resDir+"/"+fontFile(u), subsets[i]); err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
	}
	for i, p := range d.pages {
		entries = append(entries, entry{docDir + pagePath(i), p})
	}
	date, clock := dosTime(d.opt.Date)
	zw := zip.NewWriter(w)
	for _, e := range entries {
		fh := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			CreatorVersion:     20,
			ReaderVersion:      20,
			CRC32:              e.p.crc,
			CompressedSize64:   uint64(len(e.p.data)),
			UncompressedSize64: e.p.size,
		}
		// Modified would add an extended timestamp in UTC; the MS-DOS
		// fields alone keep the document's own wall clock.
		fh.ModifiedDate, fh.ModifiedTime = date, clock //lint:ignore SA1019 see above
		f, err := zw.CreateRaw(fh)
		if err == nil {
			_, err = f.Write(e.p.data)
		}
		if err != nil {
			return fmt.Errorf("ofd: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ofd: %w", err)
	}
	return nil
}

// dosTime returns the MS-DOS date and time of every entry: the document's
// date as its own wall clock shows it, or 1980-01-01 00:00 when that falls
// outside what a ZIP can hold.
func dosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 || t.Year() > 2107 {
		return 1<<5 | 1, 0
	}
	date = uint16((t.Year()-1980)<<9 | int(t.Month())<<5 | t.Day())
	clock = uint16(t.Hour()<<11 | t.Minute()<<5 | t.Second()/2)
	return date, clock
}

// xmlHead starts every part.
const xmlHead = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// root returns OFD.xml: the document information and where the document is.
func (d *drawer) root() []byte {
	m := d.fr.Meta
	b := []byte(xmlHead + `<ofd:OFD xmlns:ofd="` + Namespace + `" Version="1.0" DocType="OFD">` + "\n<ofd:DocBody>\n<ofd:DocInfo>\n")
	el := func(name, v string) {
		if v == "" {
			return
		}
		b = append(b, "<ofd:"+name+">"...)
		b = appendText(b, v)
		b = append(b, "</ofd:"+name+">\n"...)
	}
	el("DocID", d.docID())
	el("Title", m.Title)
	el("Author", m.Author)
	el("Subject", m.Subject)
	date := d.opt.Date.Format(time.DateOnly)
	el("CreationDate", date)
	el("ModDate", date)
	el("Creator", d.opt.Creator)
	b = append(b, "</ofd:DocInfo>\n<ofd:DocRoot>"+documentPath+"</ofd:DocRoot>\n</ofd:DocBody>\n</ofd:OFD>\n"...)
	return b
}

// docID returns the document's identifier, 32 hexadecimal digits derived
// from what the document information says (a UUID would need randomness).
func (d *drawer) docID() string {
	h := sha256.New()
	m := d.fr.Meta
	for _, s := range []string{m.Title, m.Author, m.Subject, d.opt.Date.Format(time.RFC3339), d.opt.Creator, strconv.Itoa(d.fr.Pages)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// document returns Doc_0/Document.xml: the common data (the largest ID,
// the page area of the first page, the public resources), the pages and
// the outline.
func (d *drawer) document(maxID int) []byte {
	b := []byte(xmlHead + `<ofd:Document xmlns:ofd="` + Namespace + `">` + "\n<ofd:CommonData>\n<ofd:MaxUnitID>")
	b = appendID(b, maxID)
	b = append(b, "</ofd:MaxUnitID>\n<ofd:PageArea>\n<ofd:PhysicalBox>"...)
	first := d.pages[0]
	b = appendUnits(b, 0, 0, first.width, first.hgt)
	b = append(b, "</ofd:PhysicalBox>\n</ofd:PageArea>\n<ofd:PublicRes>"+publicRes+"</ofd:PublicRes>\n</ofd:CommonData>\n<ofd:Pages>\n"...)
	for i := range d.pages {
		b = append(b, `<ofd:Page ID="`...)
		b = appendID(b, i+1)
		b = append(b, `" BaseLoc="`+pagePath(i)+`"/>`+"\n"...)
	}
	b = append(b, "</ofd:Pages>\n"...)
	if len(d.fr.Outline) > 0 {
		b = append(b, "<ofd:Outlines>\n"...)
		level := -1
		for _, o := range d.fr.Outline {
			for ; level >= o.Level; level-- {
				b = append(b, "</ofd:OutlineElem>\n"...)
			}
			level = o.Level
			b = append(b, `<ofd:OutlineElem Title="`...)
			b = appendText(b, o.Title)
			b = append(b, `">`+"\n"+`<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="`...)
			b = appendID(b, o.Page+1)
			b = append(b, `" Left="0" Top="0"/></ofd:Goto></ofd:Action></ofd:Actions>`+"\n"...)
		}
		for ; level >= 0; level-- {
			b = append(b, "</ofd:OutlineElem>\n"...)
		}
		b = append(b, "</ofd:Outlines>\n"...)
	}
	return append(b, "</ofd:Document>\n"...)
}

// publicRes returns Doc_0/PublicRes.xml: the fonts, each an embedded
// subset (glyph k+1 draws the k-th character drawn with it, as in the PDF).
func (d *drawer) publicRes() []byte {
	b := []byte(xmlHead + `<ofd:Res xmlns:ofd="` + Namespace + `" BaseLoc="` + resDir + `">` + "\n")
	if len(d.fonts) > 0 {
		b = append(b, "<ofd:Fonts>\n"...)
		for _, u := range d.fonts {
			b = append(b, `<ofd:Font ID="`...)
			b = appendID(b, u.id)
			b = append(b, `" FontName="`...)
			b = appendText(b, u.Font.SubsetName())
			b = append(b, `"><ofd:FontFile>`+fontFile(u)+"</ofd:FontFile></ofd:Font>\n"...)
		}
		b = append(b, "</ofd:Fonts>\n"...)
	}
	return append(b, "</ofd:Res>\n"...)
}
