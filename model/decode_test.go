package model

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestDecodeFormJSONAndYAMLAgree(t *testing.T) {
	j, _, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	y, _, err := Decode(readTestdata(t, "form.yaml"), "form.yaml", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, j, y)
	require.Len(t, j.Forms, 1)
	f := j.Forms[0]
	require.Equal(t, 2024, j.Year)
	require.Equal(t, "企业退休人员体检费", f.Project)
	require.Equal(t, Amount("4012.8"), f.TotalAmount)
	require.Len(t, f.Indicators, 22)
	require.Equal(t, Indicator{"产出指标", "成本指标", "", "", ""}, f.Indicators[15])
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	b, _, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, EncodeJSON(&buf, b))
	again, _, err := Decode(buf.Bytes(), "book.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, b, again)
	var buf2 bytes.Buffer
	require.NoError(t, EncodeJSON(&buf2, again))
	require.Equal(t, buf.String(), buf2.String(), "encoding is stable")
}

func TestEncodeEmptyIndicatorsAsList(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, EncodeJSON(&buf, &Book{Year: 2024, Forms: []Form{{Project: "x"}}}))
	require.Contains(t, buf.String(), `"indicators": []`)
	require.Contains(t, buf.String(), `"forms": [`)
}

// decodeErr decodes src and returns the error text, failing if it decoded.
func decodeErr(t *testing.T, name, src string) string {
	t.Helper()
	_, _, err := Decode([]byte(src), name, FormatAuto)
	require.Error(t, err, "input must be rejected:\n%s", src)
	require.NotEmpty(t, DecodeErrors(err), "a content problem must be a DecodeError")
	return lines(err)
}

func TestDecodeErrorsNameFileLineAndPath(t *testing.T) {
	cases := []struct {
		name, file, src string
		want            []string
	}{
		{"empty", "a.json", "", []string{"a.json:1:1:", "empty"}},
		{"blank", "a.yaml", "  \n\n", []string{"a.yaml:1:1:", "empty"}},
		{"binary", "a.json", "{\x00\x01\x02}", []string{"a.json:1:2:", "not a text file"}},
		{"invalid utf8", "a.json", "{\n  \"unit\": \"\xb5\xa5\"}", []string{"a.json:2:12: byte 0xB5 is not UTF-8", "GBK"}},
		{"cut in a character", "a.json", "{\"unit\": \"江\xe9\x98", []string{"a.json:1:12: the file ends in the middle of a character"}},
		{"second yaml document", "a.yaml", "unit: x\n---\nunit: y\n", []string{"a.yaml:2:1: a second YAML document"}},
		{"alias bytes", "a.yaml", "a: &r " + strings.Repeat("x", 1<<20) + "\nb: [" + strings.Repeat("*r, ", 300) + "*r]\n", []string{"expands to too many values"}},
		{"long amount", "a.json", "{\"total_amount\": \"" + strings.Repeat("9", 100) + "\"}", []string{"forms[0].total_amount: expected an amount", "a text of 100 bytes"}},
		{"json content, other name", "book.txt", "{\"year\": \"2024\"}", []string{"book.txt:1:10: forms[0].year: expected a whole number"}},
		{"truncated", "a.json", "{\"forms\": [{\"unit\": \"x\"", []string{"a.json:1:", "truncated"}},
		{"trailing", "a.json", "{} {}", []string{"a.json:1:4:", "after the end"}},
		{"unknown key", "a.json", "{\n  \"forms\": [\n    {\"projct\": \"x\"}\n  ]\n}", []string{"a.json:3:6: forms[0].projct: unknown key \"projct\" (did you mean project?)"}},
		{"misspelt forms", "a.json", "{\"year\": 2024, \"froms\": []}", []string{"a.json:1:16: froms: unknown key \"froms\" (did you mean forms?)"}},
		{"unknown book key", "a.json", "{\"forms\": [], \"yaer\": 2024}", []string{"a.json:1:15: yaer: unknown key", "did you mean year?"}},
		{"unknown indicator key", "a.yaml", "forms:\n  - indicators:\n      - level4: x\n", []string{"a.yaml:3:9: forms[0].indicators[0].level4: unknown key"}},
		{"wrong type year", "a.json", "{\"year\": \"2024\"}", []string{"a.json:1:10: forms[0].year: expected a whole number"}},
		{"wrong type text", "a.json", "{\"unit\": 12}", []string{"forms[0].unit: expected a string, got the number 12"}},
		{"wrong type list", "a.json", "{\"indicators\": {}}", []string{"forms[0].indicators: expected a list, got an object"}},
		{"amount bool", "a.json", "{\"total_amount\": true}", []string{"forms[0].total_amount: expected an amount"}},
		{"not an object", "a.json", "[1, 2]", []string{"a.json:1:1: expected an object"}},
		{"duplicate key", "a.json", "{\"unit\": \"a\", \"unit\": \"b\"}", []string{"a.json:1:15: forms[0].unit: duplicate key \"unit\""}},
		{"duplicate empty key", "a.json", "{\"forms\": [{\"\": 1, \"\": 2}]}", []string{"forms[0].: duplicate key \"\""}},
		{"nested duplicate key", "a.json", "{\"forms\": [{}, {\"indicators\": [{\"level3\": \"a\",\n \"level3\": \"b\"}]}]}", []string{"a.json:2:2: forms[1].indicators[0].level3: duplicate key \"level3\""}},
		{"yaml duplicate key", "a.yaml", "forms:\n  - unit: a\n  - indicators:\n      - level1: x\n        level1: y\n", []string{"a.yaml:5:9: forms[1].indicators[0].level1: duplicate key \"level1\""}},
		{"control char", "a.json", "{\"unit\": \"a\u0007b\"}", []string{"control character U+0007"}},
		{"bad yaml", "a.yaml", "unit: [unclosed\n", []string{"a.yaml:", "invalid YAML"}},
		{"deep", "a.json", strings.Repeat("[", 100) + strings.Repeat("]", 100), []string{"nested more than 64 levels"}},
		{"yaml merge", "a.yaml", "base: &b {unit: x}\n<<: *b\n", []string{"merge keys"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := decodeErr(t, c.file, c.src)
			for _, w := range c.want {
				require.Contains(t, got, w)
			}
		})
	}
}

func TestDuplicateKeyInLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "\"k%d\": 1, ", i)
	}
	b.WriteString("\"k3\": 2}")
	got := decodeErr(t, "a.json", b.String())
	require.Contains(t, got, `duplicate key "k3"`)
}

func TestDecodeReportsAllProblemsAtOnce(t *testing.T) {
	got := decodeErr(t, "a.json", `{"forms": [{"unit": 1, "projct": "x"}, {"year": "x"}]}`)
	require.Contains(t, got, "forms[0].unit")
	require.Contains(t, got, "forms[0].projct")
	require.Contains(t, got, "forms[1].year")
}

func TestDecodeProblemsInFileOrderAndCut(t *testing.T) {
	var b strings.Builder
	b.WriteString("{\"year\": \"x\",\n\"forms\": [\n")
	for i := 0; i < 30; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"unit": 1}`)
	}
	b.WriteString("]}")
	got := decodeErr(t, "a.json", b.String())
	lines := strings.Split(got, "\n")
	require.Len(t, lines, maxErrors+1)
	require.Contains(t, lines[0], "a.json:1:10: year: expected a whole number", "the book's own key first, as in the file")
	require.Contains(t, lines[1], "a.json:3:10: forms[0].unit")
	require.Contains(t, lines[maxErrors], "11 more problems not listed")
}

func TestDecodeHugeTextField(t *testing.T) {
	big := strings.Repeat("长", MaxTextBytes/3+10)
	got := decodeErr(t, "a.json", `{"overview": "`+big+`"}`)
	require.Contains(t, got, "forms[0].overview: the text is")
	require.Contains(t, got, "more than the 1024 KiB")
}

func TestDecodeAmountNumberKeptAsWritten(t *testing.T) {
	b, _, err := Decode([]byte(`{"total_amount": 13645.49, "year_amount": "0.50"}`), "a.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, Amount("13645.49"), b.Forms[0].TotalAmount)
	require.Equal(t, Amount("0.50"), b.Forms[0].YearAmount)
}

func TestYAMLUnquotedScalarsAreText(t *testing.T) {
	b, _, err := Decode([]byte("year: 2024\nunit: 江阴\nindicators:\n  - {level1: 决策, level2: 项目立项, level3: x, half_year: 100, full_year: 100%}\n"), "a.yml", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "100", b.Forms[0].Indicators[0].HalfYear)
}

func TestDecodeNormalisesValues(t *testing.T) {
	b, _, err := Decode([]byte(`{"indicators": [{"level1": "决策", "level2": "项目立项", "level3": "x", "half_year": ">= 95 %", "full_year": "$\\leq 5\\%$"}]}`), "a.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "≥95%", b.Forms[0].Indicators[0].HalfYear)
	require.Equal(t, "≤5%", b.Forms[0].Indicators[0].FullYear)
}

func TestSourcePositions(t *testing.T) {
	_, src, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	at := func(path string) string {
		p, ok := src.Location(path)
		require.True(t, ok, path)
		return p.String()
	}
	require.Equal(t, "form.json:67:17", at("forms[0].indicators[7].level2"))
	require.Equal(t, "form.json:65:5", at("forms[0].indicators[7]"))
	require.Equal(t, "form.json:15:17", at("forms[0].indicators"))
	require.Equal(t, "form.json:6:14", at("forms[0].project"))
	require.Equal(t, "form.json:1:1", at("forms[0]"))
	// paths that name nothing fall back to the closest value that exists
	require.Equal(t, "form.json:67:17", at("forms[0].indicators[7].level2.x"))
	require.Equal(t, "form.json:15:17", at("forms[0].indicators[99].level1"))
	require.Equal(t, "form.json:1:1", at("forms[0].nosuchkey"))
	require.Equal(t, "form.json:1:1", at("forms[5]"))

	book := `{"year": 2024,
 "forms": [
  {"unit": "a"},
  {"unit": "b"}]}`
	_, src, err = Decode([]byte(book), "book.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "book.json:1:10", at("year"))
	require.Equal(t, "book.json:4:12", at("forms[1].unit"))
	require.Equal(t, "book.json:4:3", at("forms[1].project"))
	var nilSource *Source
	_, ok := nilSource.Location("forms[0]")
	require.False(t, ok)
}

func TestReadFileRefusesDevices(t *testing.T) {
	_, err := ReadFile(os.DevNull)
	require.Error(t, err)
	require.Contains(t, err.Error(), "not a regular file")
}

func TestSingleFormProblemsHavePositions(t *testing.T) {
	src := strings.Replace(string(readTestdata(t, "form.json")), `"unit": "江阴市人力资源和社会保障局（机关）",`, `"unit": "",`, 1)
	b, s, err := Decode([]byte(src), "form.json", FormatAuto)
	require.NoError(t, err)
	problems := Validate(b, s)
	require.Len(t, problems, 1)
	require.Equal(t, "form.json:4:11: forms[0].unit: 单位名称 is missing", line(problems[0]))
	// a field that is absent falls back to the form itself
	src = strings.Replace(src, `"unit": "",`, ``, 1)
	b, s, err = Decode([]byte(src), "form.json", FormatAuto)
	require.NoError(t, err)
	problems = Validate(b, s)
	require.Equal(t, "form.json:1:1: forms[0].unit: 单位名称 is missing", line(problems[0]))
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"forms": [{"unit": "x", "indicators": [{"level1": "决策"}]}]}`), true)
	f.Add([]byte("year: 2024\nforms:\n  - unit: x\n"), false)
	f.Add([]byte(`{"a": [1, 2, {"b": null}], "c": "\u4e2d"}`), true)
	f.Add([]byte("a: &x [*x]\n"), false)
	f.Fuzz(func(t *testing.T, src []byte, json bool) {
		format := FormatYAML
		if json {
			format = FormatJSON
		}
		b, _, err := Decode(src, "fuzz", format)
		if err == nil {
			_ = Validate(b, nil)
			var buf bytes.Buffer
			if err := EncodeJSON(&buf, b); err != nil {
				t.Fatal(err)
			}
			// What was decoded survives a round trip through the encoder.
			again, _, err := Decode(buf.Bytes(), "fuzz.json", FormatJSON)
			if err != nil {
				t.Fatalf("re-decoding the encoded book: %v\n%s", err, buf.Bytes())
			}
			var buf2 bytes.Buffer
			if err := EncodeJSON(&buf2, again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
				t.Fatalf("round trip changed the book:\n%s\n%s", buf.Bytes(), buf2.Bytes())
			}
		}
	})
}

func BenchmarkDecodeExampleBook(b *testing.B) {
	src, err := os.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := Decode(src, "jiangyin-2024.json", FormatJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSignFields: 填报人, 联系电话 and 填报日期 are optional keys of a form
// and of a book (JSON and YAML); a form's own value wins over the book's;
// they are written back only when given, and a book without them encodes
// as before.
func TestSignFields(t *testing.T) {
	src := `{"year": 2024, "filler": "李四", "phone": "0510-86000000", "forms": [
  {"year": 2024, "unit": "u", "department": "d", "project": "p", "total_amount": "1", "year_amount": "1",
   "filler": "张三", "fill_date": "2024年3月1日", "indicators": []},
  {"year": 2024, "unit": "u", "department": "d", "project": "q", "total_amount": "1", "year_amount": "1", "indicators": []}]}`
	b, _, err := Decode([]byte(src), "book.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"filler": "李四", "phone": "0510-86000000"}, b.Sign)
	f0, f1 := b.WithSign(b.Forms[0]), b.WithSign(b.Forms[1])
	require.Equal(t, []string{"张三", "0510-86000000", "2024年3月1日"}, []string{f0.Filler, f0.Phone, f0.FillDate})
	require.Equal(t, []string{"李四", "0510-86000000", ""}, []string{f1.Filler, f1.Phone, f1.FillDate})
	require.Equal(t, "", b.Forms[1].Filler, "WithSign returns a copy")

	yml := "year: 2024\nfill_date: 2024-03-01\nforms:\n  - {year: 2024, unit: u, department: d, project: p, total_amount: '1', year_amount: '1', phone: '123'}\n"
	b2, _, err := Decode([]byte(yml), "book.yaml", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "2024-03-01", b2.Sign["fill_date"])
	require.Equal(t, "123", b2.Forms[0].Phone)

	var buf bytes.Buffer
	require.NoError(t, EncodeJSON(&buf, b))
	again, _, err := Decode(buf.Bytes(), "again.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, b, again)
	require.Equal(t, 1, strings.Count(buf.String(), `"phone"`), "only the book's phone is written:\n%s", buf.String())

	plain, _, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	buf.Reset()
	require.NoError(t, EncodeJSON(&buf, plain))
	for _, k := range []string{"filler", "phone", "fill_date"} {
		require.NotContains(t, buf.String(), `"`+k+`"`)
	}
}

// TestSignFieldsValidated: a control character in a book-wide or a form's
// signature value is an error at its key.
func TestSignFieldsValidated(t *testing.T) {
	src := "{\"year\": 2024, \"filler\": \"李\\u0007四\", \"forms\": [{\"year\": 2024, \"unit\": \"u\", \"department\": \"d\", \"project\": \"p\", \"total_amount\": \"1\", \"year_amount\": \"1\", \"phone\": \"1\\u00072\"}]}"
	b, src2, err := Decode([]byte(src), "book.json", FormatAuto)
	require.NoError(t, err)
	var paths []string
	for _, p := range Validate(b, src2) {
		if p.Severity == Error {
			paths = append(paths, p.Path)
		}
	}
	require.Contains(t, paths, "filler")
	require.Contains(t, paths, "forms[0].phone")
}

// TestDecodeFullWidthDigits: amounts (JSON and YAML) and a YAML year typed
// in an input method's full-width mode are read as typed (review 7, item 8).
func TestDecodeFullWidthDigits(t *testing.T) {
	b, _, err := Decode([]byte(`{"year": 2024, "total_amount": "４０１２.８", "year_amount": "１２３"}`), "a.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, Amount("4012.8"), b.Forms[0].TotalAmount)
	require.Equal(t, Amount("123"), b.Forms[0].YearAmount)
	b, _, err = Decode([]byte("year: ２０２４\ntotal_amount: ４０１２．８\nyear_amount: １２３\n"), "a.yaml", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, 2024, b.Forms[0].Year)
	require.Equal(t, Amount("4012.8"), b.Forms[0].TotalAmount)
	require.Equal(t, Amount("123"), b.Forms[0].YearAmount)
}
