package render

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jixiao/binder"
	"jixiao/golden"
	"jixiao/layout"
	"jixiao/model"
)

// pdfaDocs returns the documents PDF/A is checked on: a one-page form, a
// multi-page form, the form with characters above U+FFFF, and the binder.
func pdfaDocs(t *testing.T) map[string]*layout.Document {
	t.Helper()
	forms := exampleForms(t)
	docs := map[string]*layout.Document{
		"form-01": formDocument(t, forms, 0),
		"form-04": formDocument(t, forms, 3),
	}
	supp, err := model.ReadFile("../testdata/supplementary.json")
	if err != nil {
		t.Fatal(err)
	}
	docs["supplementary"] = formDocument(t, supp.Forms, 0)
	if testing.Short() {
		return docs
	}
	docs["binder"], _ = exampleBinder(t)
	return docs
}

// exampleBinder lays out the binder of the example book, grouped by unit;
// it returns the book too.
func exampleBinder(t *testing.T) (*layout.Document, *model.Book) {
	t.Helper()
	book, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	bl, err := binder.Plan(book, defaultSet(t), binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := bl.Document()
	if err != nil {
		t.Fatal(err)
	}
	return doc, book
}

// preflight runs Apache PDFBox Preflight's PDF/A-1b validator on file.
func preflight(t *testing.T, file string) string {
	t.Helper()
	java := golden.Tool(t, "java")
	var cp []string
	for _, j := range []struct{ jar, pkg string }{
		{"preflight.jar", "libpdfbox2-java"}, {"pdfbox2.jar", "libpdfbox2-java"}, {"fontbox2.jar", "libfontbox2-java"},
		{"xmpbox.jar", "libpdfbox2-java"}, {"commons-logging.jar", "libcommons-logging-java"},
		{"javax.activation.jar", "libactivation-java"}, {"jaxb-api.jar", "libjaxb-api-java"},
	} {
		cp = append(cp, golden.File(t, "/usr/share/java/"+j.jar, j.pkg))
	}
	out, _ := exec.Command(java, "-cp", strings.Join(cp, ":"), "org.apache.pdfbox.preflight.Validator_A1b", file).CombinedOutput()
	return string(out)
}

// TestPDFA1bPreflight: PDFBox Preflight finds no error in PDF/A-1b
// output, and pdfcpu's strict validation none either: it also holds the
// file to its version, PDF 1.4, whose pages have no /Tabs (PDF 1.5),
// which Preflight lets pass.
func TestPDFA1bPreflight(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	dir := t.TempDir()
	for name, doc := range pdfaDocs(t) {
		file := filepath.Join(dir, name+".pdf")
		b := mustBytes(t, doc, Options{Creator: "jixiao test", Version: "0.1.0", PDFA: PDFA1B})
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		// PDF 1.4 has no object streams: every key is in the bytes.
		if !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) || bytes.Contains(b, []byte("/Tabs")) {
			t.Errorf("%s: not PDF 1.4, or a page with /Tabs (PDF 1.5)", name)
		}
		if out := preflight(t, file); !strings.Contains(out, "is a valid PDF/A-1b file") {
			t.Errorf("%s: preflight:\n%s", name, out)
		}
		if out, err := exec.Command(golden.Tool(t, "pdfcpu"), "validate", "-m", "strict", file).CombinedOutput(); err != nil || !strings.Contains(string(out), "validation ok") {
			t.Errorf("%s: pdfcpu validate -m strict: %v\n%s", name, err, out)
		}
	}
}

// qpdfFile is a PDF as qpdf --json reads it: its objects by "obj:N 0 R"
// (a value, or a stream's dictionary and decoded data) and the trailer.
type qpdfFile struct {
	objs    map[string]qpdfObj
	trailer map[string]any
}

type qpdfObj struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"` // base64
	} `json:"stream"`
}

func readQPDF(t *testing.T, b []byte) qpdfFile {
	t.Helper()
	out := runTool(t, b, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", "PDF")
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil || len(j.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	f := qpdfFile{}
	if err := json.Unmarshal(j.QPDF[1], &f.objs); err != nil {
		t.Fatal(err)
	}
	var tr struct {
		Value map[string]any `json:"value"`
	}
	raw, _ := json.Marshal(f.objs["trailer"].Value)
	_ = json.Unmarshal(raw, &tr.Value)
	f.trailer = tr.Value
	delete(f.objs, "trailer")
	return f
}

// dict returns the dictionary of an object (a stream's dictionary for a
// stream), following a reference.
func (f qpdfFile) dict(v any) map[string]any {
	if r, ok := v.(string); ok && strings.HasSuffix(r, " R") {
		o := f.objs["obj:"+r]
		if o.Stream != nil {
			return o.Stream.Dict
		}
		v = o.Value
	}
	d, _ := v.(map[string]any)
	return d
}

// data returns the decoded data of the stream referenced by r.
func (f qpdfFile) data(t *testing.T, r any) []byte {
	s, _ := r.(string)
	o := f.objs["obj:"+s]
	if o.Stream == nil {
		t.Fatalf("%v is not a stream", r)
	}
	b, err := base64.StdEncoding.DecodeString(o.Stream.Data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// walk calls fn with every dictionary of the file, direct or not, and
// every other value.
func (f qpdfFile) walk(fn func(v any)) {
	var rec func(v any)
	rec = func(v any) {
		fn(v)
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				rec(e)
			}
		case []any:
			for _, e := range x {
				rec(e)
			}
		}
	}
	for _, o := range f.objs {
		if o.Stream != nil {
			rec(o.Stream.Dict)
		} else {
			rec(o.Value)
		}
	}
}

// checkPDFAClauses checks a file against the clauses of ISO 19005-2
// (PDF/A-2b) and, for level 3b, ISO 19005-3 that apply to files like ours
// (no images, forms, transparency or optional content), reading it with
// qpdf. It returns the failures, each naming its clause.
func pdfaProblems(t *testing.T, name string, b []byte, level PDFA) (problems []string) {
	t.Helper()
	fail := func(clause, format string, a ...any) {
		problems = append(problems, fmt.Sprintf("%s: ISO 19005-%d %s: %s", name, level.part(), clause, fmt.Sprintf(format, a...)))
	}
	// 6.1.2 File header: %PDF-1.n, then a comment of four bytes above 127.
	high := func(p []byte) bool { return len(p) == 4 && p[0] > 127 && p[1] > 127 && p[2] > 127 && p[3] > 127 }
	if !regexp.MustCompile(`^%PDF-1\.[0-7]\n%`).Match(b) || len(b) < 14 || !high(b[10:14]) {
		fail("6.1.2", "header %q", b[:min(len(b), 16)])
	}
	f := readQPDF(t, b)
	// 6.1.3 File trailer: an /ID of two strings, no /Encrypt.
	if id, _ := f.trailer["/ID"].([]any); len(id) != 2 {
		fail("6.1.3", "trailer /ID %v", f.trailer["/ID"])
	}
	if _, ok := f.trailer["/Encrypt"]; ok {
		fail("6.1.3", "encrypted")
	}
	cat := f.dict(f.trailer["/Root"])
	info := f.dict(f.trailer["/Info"])
	// 6.1.7 Streams: no external streams, no LZW.
	for k, o := range f.objs {
		if o.Stream == nil {
			continue
		}
		for _, key := range []string{"/F", "/FFilter", "/FDecodeParms"} {
			if _, ok := o.Stream.Dict[key]; ok {
				fail("6.1.7.1", "stream %s has %s", k, key)
			}
		}
		if fl := fmt.Sprint(o.Stream.Dict["/Filter"]); strings.Contains(fl, "LZW") {
			fail("6.1.7.2", "stream %s filter %s", k, fl)
		}
	}
	// 6.1.13 Implementation limits; 6.2.9–6.2.10 no transparency (none
	// wanted here); 6.5 no JavaScript or Launch actions, no additional
	// actions; 6.9 no optional content; 6.4 no forms.
	f.walk(func(v any) {
		switch x := v.(type) {
		case float64:
			if x > 2147483647 || x < -2147483648 {
				fail("6.1.13", "number %v", x)
			}
		case string:
			if len(x) > 32767 {
				fail("6.1.13", "string of %d bytes", len(x))
			}
		case map[string]any:
			for k, e := range x {
				if len(k) > 128 {
					fail("6.1.13", "name of %d bytes", len(k))
				}
				switch k {
				case "/SMask", "/Group", "/CA", "/ca", "/BM":
					fail("6.2.10", "transparency: %s", k)
				case "/AA", "/JS", "/JavaScript":
					fail("6.5", "%s", k)
				case "/OCProperties":
					fail("6.9", "optional content")
				case "/AcroForm", "/Perms":
					fail("6.4", "%s", k)
				case "/S":
					if e == "/JavaScript" || e == "/Launch" {
						fail("6.5.1", "action %v", e)
					}
				}
			}
		}
	})
	// 6.2.3 Output intent: one GTS_PDFA1 intent with an RGB profile of 3
	// components (the pages use DeviceGray only, which any intent allows,
	// 6.2.4.3).
	ois, _ := cat["/OutputIntents"].([]any)
	if len(ois) != 1 {
		fail("6.2.3", "%d output intents", len(ois))
	} else {
		oi := f.dict(ois[0])
		prof := oi["/DestOutputProfile"]
		if oi["/S"] != "/GTS_PDFA1" || f.dict(prof)["/N"] != 3.0 {
			fail("6.2.3", "output intent %v, profile %v", oi, f.dict(prof))
		} else if icc := f.data(t, prof); len(icc) < 128 || string(icc[16:20]) != "RGB " || string(icc[36:40]) != "acsp" || icc[8] > 4 {
			fail("6.2.3", "the profile is not an ICC RGB profile of version 4 or less")
		}
	}
	// 6.2.4.3 Colour: content streams set DeviceGray only.
	colour := regexp.MustCompile(`(?m)(^|\s)(rg|RG|k|K|cs|CS|sc|SC|scn|SCN|sh|Do)\s`)
	for k, o := range f.objs {
		if o.Stream == nil || o.Stream.Dict["/Type"] != nil || o.Stream.Dict["/Length1"] != nil || o.Stream.Dict["/N"] != nil {
			continue
		}
		if d := f.data(t, strings.TrimPrefix(k, "obj:")); bytes.Contains(d, []byte(" Td")) && colour.Match(d) {
			fail("6.2.4.3", "content stream %s uses a colour space other than DeviceGray: %q", k, colour.Find(d))
		}
	}
	// 6.2.11 Fonts: every font embedded, CIDFontType2 with an identity
	// CIDToGIDMap and, where given, a CIDSet listing every CID of /W.
	for k, o := range f.objs {
		d := f.dict(o.Value)
		if o.Stream != nil || d["/Type"] != "/Font" {
			continue
		}
		switch d["/Subtype"] {
		case "/Type0":
		case "/CIDFontType2":
			if d["/CIDToGIDMap"] != "/Identity" {
				fail("6.2.11.3.2", "%s: CIDToGIDMap %v", k, d["/CIDToGIDMap"])
			}
			fd := f.dict(d["/FontDescriptor"])
			if fd["/FontFile2"] == nil {
				fail("6.2.11.4.1", "%s: font program not embedded", k)
			}
			if set, ok := fd["/CIDSet"]; ok {
				w, _ := d["/W"].([]any)
				n := 0
				if len(w) == 2 {
					ws, _ := w[1].([]any)
					n = len(ws)
				}
				bits := f.data(t, set)
				for cid := 0; cid <= n; cid++ {
					if cid/8 >= len(bits) || bits[cid/8]&(0x80>>(cid%8)) == 0 {
						fail("6.2.11.4.2", "%s: CIDSet lacks CID %d", k, cid)
						break
					}
				}
			}
		default:
			fail("6.2.11", "%s: font of subtype %v", k, d["/Subtype"])
		}
	}
	// 6.3.2 Annotations: printable, not hidden, invisible or unviewable.
	for k, o := range f.objs {
		d := f.dict(o.Value)
		if o.Stream != nil || d["/Type"] != "/Annot" {
			continue
		}
		fl, _ := d["/F"].(float64)
		if int(fl)&4 == 0 || int(fl)&(1|2|32) != 0 {
			fail("6.3.2", "annotation %s flags %v", k, d["/F"])
		}
	}
	// 6.6 Metadata: an XMP stream naming the part and conformance, its
	// values those of the information dictionary.
	xmp := string(f.data(t, cat["/Metadata"]))
	if !strings.Contains(xmp, fmt.Sprintf("<pdfaid:part>%d</pdfaid:part>", level.part())) || !strings.Contains(xmp, "<pdfaid:conformance>B</pdfaid:conformance>") {
		fail("6.6.4", "XMP lacks the PDF/A identification:\n%s", xmp)
	}
	for key, tag := range map[string]string{"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description", "/Creator": "xmp:CreatorTool", "/Producer": "pdf:Producer"} {
		v, _ := info[key].(string)
		v = strings.TrimPrefix(v, "u:")
		if v != "" && !regexp.MustCompile("<"+tag+">(<rdf:[A-Za-z]+>(<rdf:li[^>]*>)?)?"+regexp.QuoteMeta(v)+"<").MatchString(xmp) {
			fail("6.6.2.3", "Info %s %q is not the XMP %s", key, v, tag)
		}
	}
	// 6.8 Embedded files: none at level 2b; at 3b each a file
	// specification with /F, /UF, /AFRelationship, an embedded file with
	// its media type and modification date, and listed in the catalog's
	// /AF (ISO 19005-3 6.8).
	names, _ := f.dict(cat["/Names"])["/EmbeddedFiles"].(map[string]any)
	if level != PDFA3B {
		if names != nil {
			fail("6.8", "embedded files at level %s", level)
		}
		return problems
	}
	list, _ := names["/Names"].([]any)
	af, _ := cat["/AF"].([]any)
	if len(list) == 0 || len(list)/2 != len(af) {
		fail("6.8", "%d embedded files, %d associated files", len(list)/2, len(af))
	}
	for i := 1; i < len(list); i += 2 {
		spec := f.dict(list[i])
		ef := f.dict(spec["/EF"])
		stream := f.dict(ef["/F"])
		params := f.dict(stream["/Params"])
		if spec["/F"] == nil || spec["/UF"] == nil || spec["/AFRelationship"] == nil || stream["/Subtype"] == nil || params["/ModDate"] == nil {
			fail("6.8", "file specification %v, stream %v", spec, stream)
		}
		if !strings.Contains(fmt.Sprint(af), fmt.Sprint(list[i])) {
			fail("6.8", "%v is not an associated file of the document", list[i])
		}
	}
	return problems
}

// TestPDFA2b3bClauses: PDF/A-2b and 3b output (3b with the form's data
// attached) meets the clauses checkPDFAClauses reads, passes pdfcpu (strict
// for 2b; relaxed for 3b, whose /AFRelationship pdfcpu takes for PDF 2.0)
// and converts with Ghostscript's PDF/A-2 output without a warning; a
// file without PDF/A fails the clauses (the test is not blind).
func TestPDFA2b3bClauses(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	data := []byte(`{"project": "企业退休人员体检费"}`)
	dir := t.TempDir()
	for name, doc := range pdfaDocs(t) {
		for _, level := range []PDFA{PDFA2B, PDFA3B} {
			opt := Options{Creator: "jixiao test", Version: "0.1.0", PDFA: level}
			if level == PDFA3B {
				opt.Attachments = []Attachment{{Name: "表1.json", MIME: "application/json", Relationship: "Source", Description: "the form's data", Data: data}}
			}
			b := mustBytes(t, doc, opt)
			for _, p := range pdfaProblems(t, name+"-"+level.String(), b, level) {
				t.Error(p)
			}
			file := filepath.Join(dir, name+"-"+level.String()+".pdf")
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
			mode := "strict"
			if level == PDFA3B {
				mode = "relaxed"
			}
			if out, err := exec.Command(golden.Tool(t, "pdfcpu"), "validate", "-m", mode, file).CombinedOutput(); err != nil || !strings.Contains(string(out), "validation ok") {
				t.Errorf("%s: pdfcpu -m %s: %v\n%s", file, mode, err, out)
			}
			out, err := exec.Command(golden.Tool(t, "gs"), "-dPDFA=2", "-dPDFACompatibilityPolicy=1", "-sColorConversionStrategy=RGB",
				"-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-o", filepath.Join(dir, "gs.pdf"), file).CombinedOutput()
			if low := strings.ToLower(string(out)); err != nil || strings.Contains(low, "warning") || strings.Contains(low, "error") || strings.Contains(string(out), "****") {
				t.Errorf("%s: gs -dPDFA=2: %v\n%s", name, err, out)
			}
		}
	}
	// Not blind: a plain document fails.
	plain := pdfaProblems(t, "plain", mustBytes(t, formDocument(t, exampleForms(t), 0), Options{}), PDFA2B)
	if len(plain) < 3 {
		t.Errorf("a file without PDF/A fails only %v", plain)
	}
}

// TestPDFAOptions: levels parse and print; attachments are refused at
// levels 1b and 2b, and without a name, media type or a known
// relationship; PDF/A output is deterministic and carries an /ID, plain
// output none.
func TestPDFAOptions(t *testing.T) {
	for _, s := range []string{"", "1b", "2B", "3b"} {
		l, err := ParsePDFA(s)
		if err != nil || l.String() != strings.ToLower(s) {
			t.Errorf("ParsePDFA(%q) = %v, %v", s, l, err)
		}
	}
	if _, err := ParsePDFA("2a"); err == nil {
		t.Error("2a accepted")
	}
	a := Attachment{Name: "f.json", MIME: "application/json", Relationship: "Source", Data: []byte("{}")}
	for name, opt := range map[string]Options{
		"1b":           {PDFA: PDFA1B, Attachments: []Attachment{a}},
		"2b":           {PDFA: PDFA2B, Attachments: []Attachment{a}},
		"no name":      {PDFA: PDFA3B, Attachments: []Attachment{{MIME: "a/b", Relationship: "Source"}}},
		"relationship": {PDFA: PDFA3B, Attachments: []Attachment{{Name: "x", MIME: "a/b", Relationship: "Own"}}},
	} {
		if _, err := Bytes(sample(), defaultSet(t), opt); err == nil || !strings.HasPrefix(err.Error(), "render: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	x := mustBytes(t, sample(), Options{PDFA: PDFA3B, Attachments: []Attachment{a}})
	y := mustBytes(t, sample(), Options{PDFA: PDFA3B, Attachments: []Attachment{a}})
	if !bytes.Equal(x, y) || !bytes.Contains(x, []byte("/ID [<")) {
		t.Error("PDF/A output differs run to run or has no /ID")
	}
	other := sample()
	other.Meta.Title = "另一个"
	if id := regexp.MustCompile(`/ID \[<[0-9A-F]+>`); bytes.Equal(id.Find(x), id.Find(mustBytes(t, other, Options{PDFA: PDFA3B, Attachments: []Attachment{a}}))) {
		t.Error("two documents have one /ID")
	}
}

// TestReadAttachments: the files attached are read back, with their
// media type; a PDF without one gives none; a damaged length is an error.
func TestReadAttachments(t *testing.T) {
	data := []byte(`{"forms": [{"project": "企业退休人员体检费"}]}`)
	b := mustBytes(t, sample(), Options{PDFA: PDFA3B, Attachments: []Attachment{{Name: "表.json", MIME: "application/json", Relationship: "Source", Data: data}}})
	got, err := ReadAttachments(b, 1<<20)
	if err != nil || len(got) != 1 || !bytes.Equal(got[0].Data, data) || got[0].MIME != "application/json" {
		t.Fatalf("ReadAttachments = %+v, %v", got, err)
	}
	if got, err := ReadAttachments(mustBytes(t, sample(), Options{}), 1<<20); err != nil || len(got) != 0 {
		t.Errorf("plain PDF: %+v, %v", got, err)
	}
	if _, err := ReadAttachments(b, 10); err == nil {
		t.Error("a file over the size limit was read")
	}
	bad := bytes.Replace(b, []byte("/Length "+strconv.Itoa(len(b))), nil, 1)
	i := bytes.Index(bad, []byte("/Type /EmbeddedFile "))
	j := i + bytes.Index(bad[i:], []byte("/Length ")) + len("/Length ")
	bad = append(append(bad[:j:j], "99999999"...), bad[j+bytes.IndexByte(bad[j:], '>'):]...)
	if _, err := ReadAttachments(bad, 1<<20); err == nil {
		t.Error("a length past the end was read")
	}
	if _, err := ReadAttachments([]byte("{}"), 1<<20); err == nil {
		t.Error("JSON read as a PDF")
	}
}
