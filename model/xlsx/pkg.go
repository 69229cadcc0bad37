package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// A workbook is read part by part from its zip archive: only the parts a
// form needs (the workbook, its relationships, the shared strings, the
// styles and the form sheets) are ever unpacked, each streamed once into an
// XML tokenizer, and every token and byte counts against one budget. What a hostile
// file declares (a million merged ranges, 200 MiB of empty strings, ten
// thousand sheet entries) costs at most that budget, not what it declares.

// Limits on the work of reading one workbook, so that a few kilobytes
// cannot keep a core busy for minutes or take gigabytes.
const (
	// MaxTokens is the most XML tokens (tags and texts) all parts read
	// together may hold: a form's sheet takes a few thousand, a binder of
	// 1,000 forms about 5 million (tokenizing 32 million takes 2–3 s).
	MaxTokens = 24 << 20
	// MaxXML is the most bytes all parts read together may unpack to
	// (a binder of 1,000 forms reads about 30 MiB; tokenizing 64 MiB of
	// long texts takes about 1.5 s).
	MaxXML = 64 << 20
	// MaxCells is the most cells a sheet may list, empty or not (a form has
	// a few hundred; MaxRows rows of maxCols columns are 320,000).
	MaxCells = 1 << 19
	// MaxSharedStrings is the most entries the shared string table may
	// hold (a binder of 1,000 forms has about 300,000).
	MaxSharedStrings = 1 << 20
	// MaxMerges is the most merged ranges a sheet may list (a form has a
	// few dozen).
	MaxMerges = 1 << 15
	// MaxFormatCode is the longest number format code, in characters:
	// Excel's own limit.
	MaxFormatCode = 255
)

// maxParts is the most parts (files) a workbook's archive may hold: a
// binder of 1,000 forms has about 1,000; a zip of far more is not a
// workbook, and listing it costs memory for each.
const maxParts = 100000

// errBudget is the tokens of a workbook's parts passing MaxTokens, or
// their bytes MaxXML.
var errBudget = errors.New("too many XML tokens")

// pkg is a workbook's zip archive.
type pkg struct {
	parts  map[string]*zip.File // by name, as parts name each other
	tokens int                  // read so far
	limit  int                  // of tokens: MaxTokens (less in tests)
	bytes  int64                // unpacked so far
	xml    int64                // limit of bytes: MaxXML (less in tests)
}

// openPackage opens the archive, refusing one whose parts unpack to more
// than MaxUnpacked (a zip bomb) before anything is unpacked. The sizes are
// those the archive declares; archive/zip fails on a part that unpacks to
// more.
func openPackage(data []byte) (*pkg, *msg) {
	return openPackageAt(bytes.NewReader(data), int64(len(data)))
}

// openPackageAt is openPackage of the archive of size bytes in r.
func openPackageAt(r io.ReaderAt, size int64) (*pkg, *msg) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ptr(message(CodeCorrupt, err))
	}
	if len(zr.File) > maxParts {
		return nil, ptr(message(CodeTooManyParts, len(zr.File), maxParts))
	}
	p := &pkg{parts: make(map[string]*zip.File, len(zr.File)), limit: MaxTokens, xml: MaxXML}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxUnpacked {
			return nil, ptr(message(CodeTooLarge, MaxUnpacked>>20))
		}
		// Parts are named without a leading slash, with forward slashes
		// (some writers use backslashes).
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")
		if _, dup := p.parts[name]; !dup {
			p.parts[name] = f
		}
	}
	if p.parts["xl/workbook.xml"] == nil {
		switch {
		case p.parts["word/document.xml"] != nil:
			return nil, ptr(message(CodeWord))
		case p.parts["[Content_Types].xml"] == nil:
			// Not an Office file at all: files packed together.
			return nil, ptr(message(CodeZip))
		}
		return nil, ptr(message(CodeCorrupt, "it has no xl/workbook.xml part"))
	}
	return p, nil
}

// decoder is a tokenizer over one part, counting its tokens against the
// package's budget.
type decoder struct {
	d  *xml.Decoder
	rc io.ReadCloser
	p  *pkg
}

// open returns a tokenizer over a part; nil (and no error) when the
// archive has no such part.
func (p *pkg) open(name string) (*decoder, error) {
	f := p.parts[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &decoder{d: xml.NewDecoder(bufio.NewReaderSize(&counted{rc, p}, 64<<10)), rc: rc, p: p}, nil
}

// counted is a part's bytes as they are unpacked, counted against the
// package's budget: a few long texts are few tokens but many bytes.
type counted struct {
	r io.Reader
	p *pkg
}

func (c *counted) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.bytes += int64(n)
	if c.p.bytes > c.p.xml {
		return n, errBudget
	}
	return n, err
}

// over reports whether the budget has been passed.
func (p *pkg) over() bool { return p.tokens > p.limit || p.bytes > p.xml }

// token returns the next token (its bytes valid until the next call), io.EOF
// at the end of the part, errBudget past MaxTokens.
func (d *decoder) token() (xml.Token, error) {
	d.p.tokens++
	if d.p.tokens > d.p.limit {
		return nil, errBudget
	}
	return d.d.RawToken()
}

func (d *decoder) close() { d.rc.Close() }
