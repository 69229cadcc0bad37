package render

import (
	"crypto/md5"
	_ "embed"
	"fmt"
	"hash"
	"strings"

	"jixiao/layout"
)

// PDFA is the PDF/A level a document claims (ISO 19005), or none.
type PDFA uint8

const (
	NoPDFA PDFA = iota
	PDFA1B      // ISO 19005-1, level B (PDF 1.4)
	PDFA2B      // ISO 19005-2, level B
	PDFA3B      // ISO 19005-3, level B: PDF/A-2b that may carry other files (Options.Attachments)
)

// ParsePDFA reads a level as the command line and the web page write it:
// "1b", "2b", "3b" (case ignored); "" is NoPDFA.
func ParsePDFA(s string) (PDFA, error) {
	switch strings.ToLower(s) {
	case "":
		return NoPDFA, nil
	case "1b":
		return PDFA1B, nil
	case "2b":
		return PDFA2B, nil
	case "3b":
		return PDFA3B, nil
	}
	return NoPDFA, fmt.Errorf("render: PDF/A level %q: want 1b, 2b or 3b", s)
}

// String returns the level as ParsePDFA reads it, "" for NoPDFA.
func (p PDFA) String() string {
	switch p {
	case PDFA1B:
		return "1b"
	case PDFA2B:
		return "2b"
	case PDFA3B:
		return "3b"
	}
	return ""
}

// part is the ISO 19005 part of the level, 0 for none.
func (p PDFA) part() int { return int(p) }

// Attachment is a file carried inside the PDF as an associated file of
// the document (/AF): with PDF/A-3b, the form's data as JSON, so that a
// submitted PDF carries what it was printed from.
type Attachment struct {
	Name        string // file name, "form.json"
	MIME        string // media type, "application/json"
	Description string
	// Relationship says how the file relates to the document: "Source"
	// (the data the document was made from), "Data", "Alternative",
	// "Supplement" or "Unspecified".
	Relationship string
	Data         []byte
}

// sRGB is the output intent's ICC profile (icc/LICENSE says whence).
//
//go:embed icc/sRGB.icc
var sRGB []byte

// srgbName identifies the output condition of sRGB.
const srgbName = "sRGB IEC61966-2.1"

// checkPDFA rejects options PDF/A does not allow.
func checkPDFA(opt Options) error {
	if opt.PDFA > PDFA3B {
		return fmt.Errorf("render: PDF/A level %d unknown", opt.PDFA)
	}
	if len(opt.Attachments) > 0 && (opt.PDFA == PDFA1B || opt.PDFA == PDFA2B) {
		return fmt.Errorf("render: PDF/A-%s cannot carry attached files; PDF/A-3b can", opt.PDFA)
	}
	for _, a := range opt.Attachments {
		if a.Name == "" || a.MIME == "" {
			return fmt.Errorf("render: an attached file needs a name and a media type")
		}
		switch a.Relationship {
		case "Source", "Data", "Alternative", "Supplement", "Unspecified":
		default:
			return fmt.Errorf("render: attached file %q: relationship %q", a.Name, a.Relationship)
		}
	}
	return nil
}

// fileID returns the document's identifier (the trailer's /ID, both
// halves alike: the file is never updated): a digest of what the document
// holds, so that identical input gives identical bytes and different
// documents different identifiers. idStart begins it when drawing begins;
// the pages' compressed contents are added as they are made (draw), the
// fonts and attachments here.
func fileID(d *drawn, opt Options) []byte {
	h := d.id
	for _, u := range d.fonts {
		h.Write([]byte(u.Font.Name()))
		for _, r := range u.Runes {
			h.Write([]byte(string(r)))
		}
	}
	for _, a := range opt.Attachments {
		h.Write([]byte(a.Name))
		h.Write(a.Data)
	}
	return h.Sum(nil)
}

// idStart begins the digest of fileID with what the document says of
// itself.
func idStart(fr layout.Frame, opt Options) hash.Hash {
	h := md5.New()
	for _, s := range []string{fr.Meta.Title, fr.Meta.Author, fr.Meta.Subject, opt.Creator, opt.Version, opt.Date.String(), opt.PDFA.String()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h
}
