package xlsx

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jixiao/model"
)

// The hostile workbooks of issue 20: a few kilobytes each that declared
// far more than a form holds. Each is built here from the small form of
// formCells; TestHostileWrite writes them (at the full sizes) for
// measuring the command line with /usr/bin/time -v.

// hostileMerges is the form with n merged ranges F1:XFD1048576 (all the
// same, overlapping) and a cell at row 5000, which made the sheet's used
// area 5000 rows: each range was expanded cell by cell.
func hostileMerges(t testing.TB, n int) []byte {
	data := workbook(t, formCells(0, 1, "merged"))
	merges := strings.Repeat(`<mergeCell ref="F1:XFD1048576"/>`, n)
	return rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		x = strings.Replace(x, "</sheetData>", `<row r="5000"><c r="H5000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, 1)
		return regexp.MustCompile(`<mergeCells count="\d+">`).ReplaceAllStringFunc(x, func(m string) string { return m + merges })
	})
}

// hostileStrings is the form with its shared string table padded with n
// empty entries (<si/>, 5 bytes each).
func hostileStrings(t testing.TB, n int) []byte {
	data := workbook(t, formCells(0, 1, "merged"))
	return rewritePart(t, data, "xl/sharedStrings.xml", func(x string) string {
		return strings.Replace(x, "</sst>", strings.Repeat("<si/>", n)+"</sst>", 1)
	})
}

// hostileEmptyCells is the form with its year amount (D6) formatted as a
// date, and n empty cells past column 64 on a row below the form: excelize
// decoded the whole sheet to format the date.
func hostileEmptyCells(t testing.TB, n int) []byte {
	s := formCells(0, 1, "merged")
	s.formats["D6"] = "yyyy/m/d"
	data := workbook(t, s)
	return rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.Replace(x, "</sheetData>", `<row r="60">`+strings.Repeat(`<c r="CA60"/>`, n)+`</row></sheetData>`, 1)
	})
}

// hostileFormat is the form with the number format of its total amount
// (B6, 0.00) replaced by a code of n characters.
func hostileFormat(t testing.TB, n int) []byte {
	data := workbook(t, formCells(0, 1, "merged"))
	code := "0.00" + strings.Repeat("0", n-4)
	return rewritePart(t, data, "xl/styles.xml", func(x string) string {
		if !strings.Contains(x, `formatCode="0.00"`) {
			t.Fatal("no format 0.00 in styles.xml")
		}
		return strings.Replace(x, `formatCode="0.00"`, `formatCode="`+code+`"`, 1)
	})
}

// hostileSheets is the form's workbook with n sheet entries, all naming the
// one sheet part.
func hostileSheets(t testing.TB, n int) []byte {
	data := workbook(t, formCells(0, 1, "merged"))
	return rewritePart(t, data, "xl/workbook.xml", func(x string) string {
		m := regexp.MustCompile(`<sheet [^>]*r:id="(rId\d+)"[^>]*(/>|></sheet>)`).FindStringSubmatch(x)
		if m == nil {
			t.Fatalf("no sheet entry in %s", x)
		}
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<sheet name="表%d" sheetId="%d" r:id="%s"/>`, i+1, i+1, m[1])
		}
		return strings.Replace(x, m[0], b.String(), 1)
	})
}

// readCode reads a workbook and returns the codes of its problems (none
// when it reads) and the tokens read.
func readCodes(t *testing.T, data []byte) (codes []string, book *model.Book, tokens int) {
	return readCodesLimit(t, data, MaxTokens)
}

// readCodesLimit is readCodes with a budget of limit tokens.
func readCodesLimit(t *testing.T, data []byte, limit int) (codes []string, book *model.Book, tokens int) {
	t.Helper()
	p, m := openPackage(data)
	if m != nil {
		return []string{string(m.code)}, nil, 0
	}
	p.limit = limit
	r := &reader{pkg: p, file: "hostile.xlsx", src: model.NewSheetSource("hostile.xlsx"), formats: map[int]numFormat{}}
	defer r.close()
	b, _, err := r.read()
	// A form read with problems is kept, its problems recorded in its
	// source (issue 19); only errors count here, as a refused sheet's do.
	for _, p := range r.src.ReadProblems() {
		if p.Severity == model.Error {
			codes = append(codes, p.Code)
		}
	}
	if err != nil {
		ds := model.DecodeErrors(err)
		if len(ds) == 0 {
			t.Fatalf("not a content problem: %v", err)
		}
		for _, d := range ds {
			for _, p := range d.Problems {
				codes = append(codes, p.Code)
			}
		}
	}
	return codes, b, p.tokens
}

func TestHostileMerges(t *testing.T) {
	data := hostileMerges(t, 1000)
	codes, book, _ := readCodes(t, data)
	if len(codes) > 0 || len(book.Forms) != 1 {
		t.Fatalf("problems %v, want the form", codes)
	}
	sameForm(t, &wantForm, &book.Forms[0])
	// Clipped to the used area (rows 1–5000, columns A–H) and the
	// overlapping ones dropped: the first range and the form's own four.
	p, _ := openPackage(data)
	r := &reader{pkg: p, file: "hostile.xlsx", src: model.NewSheetSource("hostile.xlsx"), formats: map[int]numFormat{}}
	info, _, err := sheetParts(p)
	if err != nil {
		t.Fatal(err)
	}
	g, err := r.grid(info.sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(g.merges) != 5 || g.width != 8 {
		t.Errorf("%d ranges indexed over %d columns, want 5 over 8: %v", len(g.merges), g.width, g.merges)
	}
	if sp := g.span(7, 4999); sp != (rect{5, 0, 7, 4999}) {
		t.Errorf("H5000 is in %v, want F1:H5000", sp)
	}
	// Past MaxMerges the sheet is refused.
	codes, _, _ = readCodes(t, hostileMerges(t, MaxMerges+1))
	if !contains(codes, string(CodeTooManyMerges)) {
		t.Errorf("%d ranges: %v", MaxMerges+1, codes)
	}
}

func TestHostileStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("reads workbooks the size of the limits")
	}
	codes, book, _ := readCodes(t, hostileStrings(t, MaxSharedStrings-100))
	if len(codes) > 0 || len(book.Forms) != 1 {
		t.Fatalf("problems %v, want the form", codes)
	}
	codes, _, tokens := readCodes(t, hostileStrings(t, MaxSharedStrings))
	if !contains(codes, string(CodeTooManyStrings)) {
		t.Errorf("got %v, want %s", codes, CodeTooManyStrings)
	}
	if tokens > 2*MaxSharedStrings+1000 { // <si/> is a start and an end
		t.Errorf("%d tokens read, want at most the table's entries", tokens)
	}
}

func TestHostileEmptyCells(t *testing.T) {
	if testing.Short() {
		t.Skip("reads workbooks the size of the limits")
	}
	// Below MaxCells the sheet is read (its empty cells are not kept) and
	// the date where an amount belongs is shown as the sheet shows it.
	codes, _, _ := readCodes(t, hostileEmptyCells(t, 100000))
	if len(codes) != 1 || codes[0] != string(CodeDateAmount) {
		t.Fatalf("got %v, want %s", codes, CodeDateAmount)
	}
	msg := readErr(t, hostileEmptyCells(t, 10), "date.xlsx")
	if !strings.Contains(msg, "(1910/12/25)") {
		t.Errorf("the date is not shown as the sheet shows it: %s", msg)
	}
	codes, _, tokens := readCodes(t, hostileEmptyCells(t, 2*MaxCells))
	if len(codes) != 1 || codes[0] != string(CodeTooManyCells) {
		t.Fatalf("got %v, want %s", codes, CodeTooManyCells)
	}
	if tokens > 2*MaxCells+10000 {
		t.Errorf("%d tokens read: the sheet was not stopped at its limit", tokens)
	}
}

func TestHostileFormat(t *testing.T) {
	codes, book, _ := readCodes(t, hostileFormat(t, MaxFormatCode))
	if len(codes) > 0 || len(book.Forms) != 1 {
		t.Fatalf("a code of %d characters: problems %v, want the form", MaxFormatCode, codes)
	}
	msg := readErr(t, hostileFormat(t, 100000), "format.xlsx")
	if !strings.Contains(msg, "is 100000 characters long, more than the 255 Excel allows") {
		t.Errorf("got %s", msg)
	}
}

func TestHostileSheets(t *testing.T) {
	msg := readErr(t, hostileSheets(t, 10000), "sheets.xlsx")
	if !strings.Contains(msg, "the sheets 表1 and 表2 are one and the same part of the workbook (xl/worksheets/sheet1.xml)") {
		t.Errorf("got %s", msg)
	}
}

// TestHostileBudget: a workbook whose parts hold more than MaxTokens
// tokens is refused once, whatever part holds them.
func TestHostileBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("reads workbooks the size of the limits")
	}
	second := formCells(0, 1, "first")
	second.name = "第二张"
	data := workbook(t, formCells(0, 1, "merged"), second)
	_, book, used := readCodes(t, data)
	if len(book.Forms) != 2 {
		t.Fatalf("%d forms", len(book.Forms))
	}
	const limit = 100000
	for _, part := range []string{"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml"} {
		junk := rewritePart(t, data, part, func(x string) string {
			i := strings.LastIndex(x, "</")
			return x[:i] + strings.Repeat("<x/>", limit) + x[i:]
		})
		codes, _, tokens := readCodesLimit(t, junk, limit)
		if len(codes) != 1 || codes[0] != string(CodeTooComplex) {
			t.Errorf("%s: got %v, want one %s", part, codes, CodeTooComplex)
		}
		if tokens != limit+1 {
			t.Errorf("%s: %d tokens read, want %d", part, tokens, limit+1)
		}
		// The same junk within the budget is read.
		if codes, _, _ := readCodesLimit(t, junk, 2*limit+used); len(codes) != 0 {
			t.Errorf("%s: within the budget: %v", part, codes)
		}
	}
	// A few long texts are few tokens but many bytes: 12 MiB in 60 cells.
	long := hostileText(t, 60, 200<<10)
	p, _ := openPackage(long)
	p.xml = 4 << 20
	r := &reader{pkg: p, file: "hostile.xlsx", src: model.NewSheetSource("hostile.xlsx"), formats: map[int]numFormat{}}
	_, _, err := r.read()
	if ds := model.DecodeErrors(err); len(ds) != 1 || ds[0].Problems[0].Code != string(CodeTooComplex) {
		t.Errorf("12 MiB of text past a budget of 4 MiB: %v", err)
	}
	if p.bytes > p.xml+128<<10 {
		t.Errorf("%d bytes unpacked past a budget of %d", p.bytes, p.xml)
	}
	if codes, book, _ := readCodes(t, long); len(codes) != 0 || len(book.Forms) != 1 {
		t.Errorf("12 MiB of text within the budget: %v", codes)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHostileWrite writes the hostile workbooks at the sizes to
// $JIXIAO_HOSTILE_DIR, for measuring the command line:
//
//	JIXIAO_HOSTILE_DIR=/tmp/hostile go test ./model/xlsx -run TestHostileWrite
//	/usr/bin/time -v jixiao validate /tmp/hostile/merges.xlsx
func TestHostileWrite(t *testing.T) {
	dir := os.Getenv("JIXIAO_HOSTILE_DIR")
	if dir == "" {
		t.Skip("JIXIAO_HOSTILE_DIR is not set")
	}
	files := map[string][]byte{
		"merges.xlsx":      hostileMerges(t, 1000),
		"strings.xlsx":     hostileStrings(t, 200<<20/5),
		"empty-cells.xlsx": hostileEmptyCells(t, 40<<20/len(`<c r="CA60"/>`)),
		"format.xlsx":      hostileFormat(t, 100000),
		"sheets.xlsx":      hostileSheets(t, 10000),
		"text.xlsx":        hostileText(t, 1200, 200<<10),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
	}
}

// TestNonFinite: a number cell holding NaN or an infinity (a program, not
// Excel, wrote it) is named as such, wherever it stands.
func TestNonFinite(t *testing.T) {
	for raw, want := range map[string]string{"NaN": "NaN", "Inf": "Inf", "-Infinity": "-Inf", "1e400": "Inf", "+inf": "Inf"} {
		for _, ref := range []string{"B6", "E14"} { // the total amount, a 全年 value
			data := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
				i := strings.Index(x, `<c r="`+ref+`"`)
				j := strings.Index(x[i:], "</c>")
				return x[:i] + `<c r="` + ref + `"><v>` + raw + `</v></c>` + x[i+j+len("</c>"):]
			})
			msg := readErr(t, data, "nan.xlsx")
			if !strings.Contains(msg, "!"+ref+": the cell holds "+want+", which is not a number") {
				t.Errorf("%s in %s: %s", raw, ref, msg)
			}
		}
	}
}

// hostileText is the form with n cells of a text of size bytes each on
// rows below it (column Z).
func hostileText(t testing.TB, n, size int) []byte {
	data := workbook(t, formCells(0, 1, "merged"))
	text := strings.Repeat("长", size/3)
	return rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<row r="%d"><c r="Z%d" t="inlineStr"><is><t>%s</t></is></c></row>`, 100+i, 100+i, text)
		}
		return strings.Replace(x, "</sheetData>", b.String()+"</sheetData>", 1)
	})
}

// TestDateTextManyFormats: dates in many different formats are each shown
// in their own, and the scratch book that formats them never holds more
// than scratchFormats formats (excelize compares a new style with every
// one it has).
func TestDateTextManyFormats(t *testing.T) {
	st := &styles{codes: map[int]string{}}
	for i := range 300 {
		st.codes[164+i] = fmt.Sprintf(`yyyy"年"m"月"d"日 %d"`, i)
		st.xfs = append(st.xfs, 164+i)
	}
	st.xfs = append(st.xfs, 14) // a built-in date format
	r := &reader{styles: st, formats: map[int]numFormat{}}
	defer r.close()
	for i := range 300 {
		if got, want := r.dateText("45473", i), fmt.Sprintf("2024年6月30日 %d", i); got != want {
			t.Fatalf("format %d: %q, want %q", i, got, want)
		}
		if len(r.scratchStyles) > scratchFormats {
			t.Fatalf("%d formats in the scratch book", len(r.scratchStyles))
		}
	}
	if got := r.dateText("45473", 300); got != "06-30-24" {
		t.Errorf("built-in 14: %q", got)
	}
}

// TestTooManyIndicators: an indicator table of more rows than a form may
// have (model.MaxIndicators) is a problem at its header, as in JSON.
func TestTooManyIndicators(t *testing.T) {
	for _, extra := range []int{model.MaxIndicators - 6, model.MaxIndicators - 5} { // the form has 6 rows
		data := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
			var b strings.Builder
			for i := range extra {
				r := 17 + i
				fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>产出指标</t></is></c><c r="B%d" t="inlineStr"><is><t>质量指标</t></is></c><c r="C%d" t="inlineStr"><is><t>行%d</t></is></c><c r="D%d" t="inlineStr"><is><t>1</t></is></c><c r="E%d" t="inlineStr"><is><t>2</t></is></c></row>`, r, r, r, r, i, r, r)
			}
			return strings.Replace(x, "</sheetData>", b.String()+"</sheetData>", 1)
		})
		codes, book, _ := readCodes(t, data)
		if extra+6 <= model.MaxIndicators {
			if len(codes) != 0 || len(book.Forms[0].Indicators) != extra+6 {
				t.Fatalf("%d rows: %v", extra+6, codes)
			}
			continue
		}
		if len(codes) != 1 || codes[0] != string(CodeTooManyIndicators) {
			t.Fatalf("%d rows: %v", extra+6, codes)
		}
		// Validate, which keeps the limit for every input, does not tell
		// it a second time.
		book, src, err := Read(data, "hostile.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		var told []string
		for _, p := range model.Validate(book, src) {
			if p.Code == model.CodeTooManyIndicators || p.Code == string(CodeTooManyIndicators) {
				told = append(told, p.Code+" "+p.Path+" "+p.Loc.String())
			}
		}
		if want := []string{"xlsx-too-many-indicators forms[0].indicators hostile.xlsx: 体检费!A10"}; !slices.Equal(told, want) {
			t.Errorf("told %q, want %q", told, want)
		}
	}
}
