package model

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// minimalForm is a form of one indicator row: valid, with about two dozen
// completeness warnings (the standard categories and 三级 it leaves out).
func minimalForm(i int) Form {
	return Form{Year: 2024, Unit: "单位", Department: "部门", Project: fmt.Sprintf("项目%d", i),
		TotalAmount: "10", YearAmount: "10", Overview: "概述", AnnualGoal: "目标",
		Indicators: []Indicator{{Level1: "产出指标", Level2: "数量指标", Level3: "人数", HalfYear: "≥1人", FullYear: "≥2人"}}}
}

// TestValidateManyForms: the completeness warnings of each form depend on
// that form's own errors only (the count kept as problems are recorded,
// not a rescan of every problem so far, which made 10,000 forms take 9 s).
func TestValidateManyForms(t *testing.T) {
	b := &Book{Year: 2024}
	const n = 2000
	for i := range n {
		f := minimalForm(i)
		if i%2 == 1 {
			f.Indicators[0].Level1 = "不存在的一级" // an error: no completeness warnings
		}
		b.Forms = append(b.Forms, f)
	}
	ps := Validate(b, nil)
	perForm := map[string][2]int{} // forms[i] → errors, completeness warnings
	errs := 0
	for _, p := range ps {
		var i int
		if _, err := fmt.Sscanf(p.Path, "forms[%d]", &i); err != nil {
			t.Fatalf("%s: no form in the path", p)
		}
		k := fmt.Sprint(i)
		c := perForm[k]
		switch {
		case p.Severity == Error:
			c[0]++
			errs++
		case p.Code == CodeCategoryMissing || p.Code == CodeStandardLevel3Missing:
			c[1]++
		}
		perForm[k] = c
	}
	if errs != len(ps.Errors()) || errs == 0 {
		t.Fatalf("%d errors counted, %d listed", errs, len(ps.Errors()))
	}
	for i := range n {
		c := perForm[fmt.Sprint(i)]
		if i%2 == 1 && (c[0] == 0 || c[1] != 0) || i%2 == 0 && (c[0] != 0 || c[1] < 10) {
			t.Fatalf("forms[%d]: %d errors, %d completeness warnings", i, c[0], c[1])
		}
	}
}

// TestUTF16: a UTF-16 file (Notepad's "Unicode") is called so, with or
// without its byte order mark, not "maybe GBK".
func TestUTF16(t *testing.T) {
	text := "{\"forms\": [{\"project\": \"体检费\", \"unit\": \"一\"}]}\n"
	enc := func(be, bom bool) []byte {
		var out []byte
		if bom {
			out = append(out, 0xFF, 0xFE)
			if be {
				out[0], out[1] = 0xFE, 0xFF
			}
		}
		for _, u := range utf16.Encode([]rune(text)) {
			if be {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	for _, c := range []struct {
		be, bom bool
		want    string
	}{{false, true, "UTF-16LE"}, {true, true, "UTF-16BE"}, {false, false, "UTF-16LE"}, {true, false, "UTF-16BE"}} {
		_, _, err := Decode(enc(c.be, c.bom), "book.json", FormatAuto)
		ds := DecodeErrors(err)
		if len(ds) != 1 || len(ds[0].Problems) != 1 || ds[0].Problems[0].Code != CodeUTF16 || ds[0].Problems[0].Args[0] != c.want {
			t.Errorf("%s (BOM %v): %v", c.want, c.bom, err)
		}
	}
	// GBK is still told as before, and a binary file as binary.
	for src, code := range map[string]string{"{\"unit\": \"\xb5\xa5\"}": CodeNotUTF8, "%PDF-1.7\n\x00\x01\x02\x03\x00\x00\x05\x06": CodeNotText} {
		_, _, err := Decode([]byte(src), "book.json", FormatAuto)
		if ds := DecodeErrors(err); len(ds) != 1 || ds[0].Problems[0].Code != code {
			t.Errorf("%q: %v, want %s", src, err, code)
		}
	}
}

// TestTooManyIndicators: a form of more than MaxIndicators rows is refused
// as it is read, naming its list, in JSON and in YAML.
func TestTooManyIndicators(t *testing.T) {
	for _, n := range []int{MaxIndicators, MaxIndicators + 1} {
		var b strings.Builder
		b.WriteString(`{"forms": [{"project": "大表", "indicators": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"level1": "产出指标", "level2": "数量指标", "level3": "人数%d", "half_year": "1", "full_year": "2"}`, i)
		}
		b.WriteString("]}]}")
		book, _, err := Decode([]byte(b.String()), "big.json", FormatAuto)
		if n == MaxIndicators {
			if err != nil || len(book.Forms[0].Indicators) != n {
				t.Fatalf("%d rows: %v", n, err)
			}
			continue
		}
		ds := DecodeErrors(err)
		if len(ds) != 1 || ds[0].Problems[0].Code != CodeTooManyIndicators || ds[0].Problems[0].Path != "forms[0].indicators" {
			t.Fatalf("%d rows: %v", n, err)
		}
	}
}

// TestBinaryKinds: a file that is not text is told for what it is, by its
// first bytes, not as text in another encoding (review 7, item 7): an
// image, an archive, binary data; text in GBK keeps its hint.
func TestBinaryKinds(t *testing.T) {
	rnd := []byte("{\xa5\x9c\x01\x87\xf3\x12\xee\x05\x9a")
	for _, c := range []struct {
		src, code, arg string
	}{
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", CodeImageFile, "PNG"},
		{"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", CodeImageFile, "JPEG"},
		{"GIF89a\x10\x00\x10\x00\x80", CodeImageFile, "GIF"},
		{"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", CodeImageFile, "HEIC"},
		{"\x1F\x8B\x08\x00\x00\x00", CodeArchiveFile, "gzip"},
		{"Rar!\x1a\x07\x01\x00", CodeArchiveFile, "RAR"},
		{string(rnd), CodeBinaryFile, ""},
		{"{\"unit\": \"\xb5\xa5\xce\xbb\"}", CodeNotUTF8, "0xB5"},
		{"{\x00\x01\x02}", CodeNotText, "1"},
	} {
		for _, name := range []string{"a.json", "a.yaml", "a"} {
			_, _, err := Decode([]byte(c.src), name, FormatAuto)
			ds := DecodeErrors(err)
			if len(ds) != 1 || len(ds[0].Problems) != 1 || ds[0].Problems[0].Code != c.code {
				t.Errorf("%s %q: %v, want %s", name, c.src, err, c.code)
				continue
			}
			if p := ds[0].Problems[0]; c.arg != "" && (len(p.Args) != 1 || p.Args[0] != c.arg) {
				t.Errorf("%s %q: args %q, want %s", name, c.src, p.Args, c.arg)
			}
			// Read as it streams, as files and uploads are.
			_, _, err = DecodeReader(bytes.NewReader([]byte(c.src)), name, FormatAuto)
			if ds := DecodeErrors(err); len(ds) != 1 || ds[0].Problems[0].Code != c.code {
				t.Errorf("reader %s %q: %v, want %s", name, c.src, err, c.code)
			}
		}
	}
}
