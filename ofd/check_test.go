package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// element is a parsed XML element of a part.
type element struct {
	name  string // local name; every element is checked to be in Namespace
	attr  map[string]string
	text  string
	kids  []*element
	up    *element
	index int // order in the part
}

func (e *element) all(name string, fn func(*element)) {
	if e.name == name {
		fn(e)
	}
	for _, k := range e.kids {
		k.all(name, fn)
	}
}

func (e *element) first(name string) *element {
	var found *element
	e.all(name, func(x *element) {
		if found == nil {
			found = x
		}
	})
	return found
}

// parsePart parses one XML part: well formed, every element in the OFD
// namespace.
func parsePart(t testing.TB, name string, data []byte) *element {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root, cur *element
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well formed: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != Namespace {
				t.Fatalf("%s: element %s in namespace %q", name, tok.Name.Local, tok.Name.Space)
			}
			e := &element{name: tok.Name.Local, attr: map[string]string{}, up: cur, index: n}
			n++
			for _, a := range tok.Attr {
				if a.Name.Space == "" {
					e.attr[a.Name.Local] = a.Value
				}
			}
			if cur == nil {
				if root != nil {
					t.Fatalf("%s: two root elements", name)
				}
				root = e
			} else {
				cur.kids = append(cur.kids, e)
			}
			cur = e
		case xml.EndElement:
			cur = cur.up
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
			}
		}
	}
	if root == nil {
		t.Fatalf("%s: no root element", name)
	}
	return root
}

// glyphAt is one character of a text object as a reader places it.
type glyphAt struct {
	r    rune
	x, y float64 // baseline position on the page, mm
	size float64 // mm (wantGlyphs only)
	font string  // the Font ID
}

// pkg is an OFD package read back, checked for structure.
type pkg struct {
	files    map[string][]byte
	docInfo  *element
	document *element
	pages    []*element // Content.xml of each page, in page order
	pageIDs  []string
	glyphs   [][]glyphAt // per page, in order
	maxID    int
}

// readPackage checks the structure of an OFD package: every part well
// formed in the namespace, IDs unique and at most MaxUnitID (the standard:
// the largest ID of the document), every referenced part present, every
// font a TrueType font, every text object's font declared, every DeltaX
// one number per character after the first, every link to a page.
func readPackage(t testing.TB, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a ZIP: %v", err)
	}
	p := &pkg{files: map[string][]byte{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := p.files[f.Name]; dup {
			t.Fatalf("%s twice in the ZIP", f.Name)
		}
		p.files[f.Name] = b
	}
	parts := map[string]*element{}
	for name, b := range p.files {
		if strings.HasSuffix(name, ".xml") {
			parts[name] = parsePart(t, name, b)
		}
	}
	need := func(name string) []byte {
		t.Helper()
		b, ok := p.files[name]
		if !ok {
			t.Fatalf("%s is referenced but not in the package", name)
		}
		return b
	}
	root := parts["OFD.xml"]
	if root == nil || root.name != "OFD" || root.attr["DocType"] != "OFD" {
		t.Fatal("no OFD.xml with an OFD root")
	}
	p.docInfo = root.first("DocInfo")
	docPath := strings.TrimSpace(root.first("DocRoot").text)
	need(docPath)
	p.document = parts[docPath]
	dir := path.Dir(docPath)
	p.maxID, err = strconv.Atoi(strings.TrimSpace(p.document.first("MaxUnitID").text))
	if err != nil {
		t.Fatalf("MaxUnitID: %v", err)
	}

	// IDs over the whole document.
	ids := map[string]string{}
	for name, e := range parts {
		var walk func(*element)
		walk = func(x *element) {
			if id, ok := x.attr["ID"]; ok {
				n, err := strconv.Atoi(id)
				if err != nil || n <= 0 || n > p.maxID {
					t.Errorf("%s: %s ID %q not in 1…MaxUnitID %d", name, x.name, id, p.maxID)
				}
				if prev, dup := ids[id]; dup {
					t.Errorf("ID %s used twice: %s and %s %s", id, prev, name, x.name)
				}
				ids[id] = name + " " + x.name
			}
			for _, k := range x.kids {
				walk(k)
			}
		}
		walk(e)
	}

	// Fonts.
	fontIDs := map[string]bool{}
	p.document.all("PublicRes", func(e *element) {
		resPath := path.Join(dir, strings.TrimSpace(e.text))
		need(resPath)
		res := parts[resPath]
		base := path.Join(path.Dir(resPath), res.attr["BaseLoc"])
		res.all("Font", func(f *element) {
			fontIDs[f.attr["ID"]] = true
			file := path.Join(base, strings.TrimSpace(f.first("FontFile").text))
			if _, err := sfnt.Parse(need(file)); err != nil {
				t.Errorf("%s: not a font: %v", file, err)
			}
		})
	})

	// Pages.
	pageIDs := map[string]bool{}
	p.document.first("Pages").all("Page", func(e *element) {
		pageIDs[e.attr["ID"]] = true
		p.pageIDs = append(p.pageIDs, e.attr["ID"])
		name := path.Join(dir, e.attr["BaseLoc"])
		need(name)
		p.pages = append(p.pages, parts[name])
	})
	p.document.all("Dest", func(e *element) {
		if !pageIDs[e.attr["PageID"]] {
			t.Errorf("outline: destination page %q is no page", e.attr["PageID"])
		}
	})
	for i, pg := range p.pages {
		var glyphs []glyphAt
		pg.all("Dest", func(e *element) {
			if !pageIDs[e.attr["PageID"]] {
				t.Errorf("page %d: link to page %q, no page", i+1, e.attr["PageID"])
			}
		})
		pg.all("TextObject", func(e *element) {
			if !fontIDs[e.attr["Font"]] {
				t.Errorf("page %d: text object %s: font %q not in the resources", i+1, e.attr["ID"], e.attr["Font"])
			}
			box := floats(t, e.attr["Boundary"])
			for _, tc := range e.kids {
				if tc.name != "TextCode" {
					continue
				}
				runes := []rune(tc.text)
				x := box[0] + floats(t, tc.attr["X"])[0]
				y := box[1] + floats(t, tc.attr["Y"])[0]
				var dx []float64
				if v, ok := tc.attr["DeltaX"]; ok {
					dx = deltas(t, v)
				}
				if len(dx) != len(runes)-1 {
					t.Errorf("page %d: %q: %d DeltaX for %d characters", i+1, tc.text, len(dx), len(runes))
					continue
				}
				for k, r := range runes {
					if k > 0 {
						x += dx[k-1]
					}
					glyphs = append(glyphs, glyphAt{r: r, x: x, y: y, font: e.attr["Font"]})
				}
			}
		})
		p.glyphs = append(p.glyphs, glyphs)
	}
	return p
}

// deltas reads a DeltaX list: numbers, and "g N v" for N times v.
func deltas(t testing.TB, s string) []float64 {
	t.Helper()
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" {
			if i+2 >= len(f) {
				t.Fatalf("DeltaX %q: g without its count and value", s)
			}
			n, err := strconv.Atoi(f[i+1])
			if err != nil || n < 1 {
				t.Fatalf("DeltaX %q: bad count %q", s, f[i+1])
			}
			v := floats(t, f[i+2])
			for range n {
				out = append(out, v[0])
			}
			i += 2
			continue
		}
		out = append(out, floats(t, f[i])...)
	}
	return out
}

func floats(t testing.TB, s string) []float64 {
	t.Helper()
	var out []float64
	for f := range strings.FieldsSeq(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		out = append(out, v)
	}
	return out
}

func (g glyphAt) String() string { return fmt.Sprintf("%q at %.4f, %.4f", g.r, g.x, g.y) }
