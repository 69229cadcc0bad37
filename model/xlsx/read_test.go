package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// sheetSpec describes a hand-made sheet: cells by reference, merged ranges,
// and cells with a style (a number format code).
type sheetSpec struct {
	name    string
	cells   map[string]any    // "B4" → value (string, float64, int …)
	merges  [][2]string       // {"A13", "A15"}
	formats map[string]string // "C6" → number format code ("0.00", "0%", "yyyy/m/d")
	formula map[string]string // "C6" → formula (written without a cached value)
	hidden  bool
	rows    []int    // rows hidden (from 1)
	cols    []string // columns hidden ("D")
}

// workbook builds a workbook of the sheets, as a user's program would.
func workbook(t testing.TB, sheets ...sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for ref, v := range s.cells {
			if err := f.SetCellValue(s.name, ref, v); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for ref, code := range s.formats {
			code := code
			st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.name, ref, ref, st); err != nil {
				t.Fatal(err)
			}
		}
		for ref, fml := range s.formula {
			if err := f.SetCellFormula(s.name, ref, fml); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range s.rows {
			if err := f.SetRowVisible(s.name, r, false); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range s.cols {
			if err := f.SetColVisible(s.name, c, false); err != nil {
				t.Fatal(err)
			}
		}
		if s.hidden {
			if err := f.SetSheetVisible(s.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// formCells lays out a small form with its table starting at column c0
// (0 for A), row r0 (1-based), in the shape variant asks for:
// "merged" (一级/二级 merged over their rows), "first" (written on the
// first row of their group only) or "repeated" (on every row).
func formCells(c0, r0 int, variant string) sheetSpec {
	col := func(i int) string { return string(rune('A' + c0 + i)) }
	ref := func(i, r int) string { return fmt.Sprintf("%s%d", col(i), r) }
	s := sheetSpec{name: "体检费", cells: map[string]any{}, formats: map[string]string{}}
	put := func(i, r int, v any) { s.cells[ref(i, r)] = v }
	r := r0
	put(0, r, "市级财政项目支出预算绩效目标表")
	r++
	put(0, r, "（2024年度）")
	r++
	put(4, r, "单位：万元")
	r++
	put(0, r, "单位名称：")
	put(1, r, "江阴市人力资源和社会保障局（机关）")
	put(2, r, "主管部门")
	put(3, r, "江阴市人力资源和社会保障局")
	r++
	put(0, r, "项目名称：")
	put(1, r, "企业退休人员\n体检费")
	r++
	put(0, r, "项目总金额(万元)")
	put(1, r, 4012.8000000000002)
	s.formats[ref(1, r)] = "0.00"
	put(2, r, "本年度项目金额（万元）")
	put(3, r, 4012.8)
	r += 2 // a spacer row
	put(0, r, "项目概述")
	put(1, r, "第一段。\r\n\r\n第二段：\n1. 体检；\n2. 建档。")
	r++
	put(0, r, "年度绩效目标")
	put(1, r, "提升社会化管理水平。")
	r++
	put(0, r, "一级指标")
	put(1, r, "二级指标")
	put(2, r, "三级指标")
	put(3, r, "半年指标值")
	put(4, r, "全年（程）指标值")
	rows := [][5]any{
		{"决策", "项目立项", "立项依据充分性", "充分", "充分"},
		{"决策", "项目立项", "立项程序规范性", "规范", "规范"},
		{"决策", "资金投入", "预算编制科学性", "科学", "科学"},
		{"产出指标", "数量指标", "体检人数", ">=3万人", 0.95},
		{"产出指标", "数量指标", "覆盖率", "序时进度", 1.0},
		{"产出指标", "成本指标", "", "", ""},
	}
	start := r + 1
	for k, row := range rows {
		rr := start + k
		for i, v := range row {
			if v == "" {
				continue
			}
			if i < 2 && variant != "repeated" && k > 0 && rows[k-1][i] == v && (i == 1 || true) {
				continue // written on the first row of the group only
			}
			put(i, rr, v)
		}
	}
	s.formats[ref(4, start+3)] = "0%"
	s.formats[ref(4, start+4)] = "0.0%"
	if variant == "merged" {
		s.merges = [][2]string{{ref(0, start), ref(0, start+2)}, {ref(1, start), ref(1, start+1)}, {ref(0, start+3), ref(0, start+5)}, {ref(1, start+3), ref(1, start+4)}}
	}
	return s
}

// wantForm is what formCells holds.
var wantForm = model.Form{
	Title: model.DefaultTitle, Year: 2024,
	Unit: "江阴市人力资源和社会保障局（机关）", Department: "江阴市人力资源和社会保障局", Project: "企业退休人员体检费",
	TotalAmount: "4012.80", YearAmount: "4012.8",
	Overview:   "第一段。\n第二段：\n1. 体检；\n2. 建档。",
	AnnualGoal: "提升社会化管理水平。",
	Indicators: []model.Indicator{
		{Level1: "决策", Level2: "项目立项", Level3: "立项依据充分性", HalfYear: "充分", FullYear: "充分"},
		{Level1: "决策", Level2: "项目立项", Level3: "立项程序规范性", HalfYear: "规范", FullYear: "规范"},
		{Level1: "决策", Level2: "资金投入", Level3: "预算编制科学性", HalfYear: "科学", FullYear: "科学"},
		{Level1: "产出指标", Level2: "数量指标", Level3: "体检人数", HalfYear: "≥3万人", FullYear: "95%"},
		{Level1: "产出指标", Level2: "数量指标", Level3: "覆盖率", HalfYear: "序时进度", FullYear: "100.0%"},
		{Level1: "产出指标", Level2: "成本指标"},
	},
}

func readOne(t *testing.T, data []byte) (*model.Form, *model.Source) {
	t.Helper()
	b, src, err := Read(data, "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Forms) != 1 {
		t.Fatalf("want 1 form, got %d", len(b.Forms))
	}
	return &b.Forms[0], src
}

func sameForm(t *testing.T, want, got *model.Form) {
	t.Helper()
	diffBooks(t, &model.Book{Year: want.Year, Title: want.Title, Forms: []model.Form{*want}},
		&model.Book{Year: got.Year, Title: got.Title, Forms: []model.Form{*got}})
}

// TestReadVariants reads the same form laid out in the ways real sheets
// differ: anywhere on the sheet, 一级/二级 merged, first-row only or
// repeated, labels with colons and half-width parentheses, a 单位：万元 line
// and a spacer row, numbers stored as floats and shown with formats.
func TestReadVariants(t *testing.T) {
	for _, variant := range []string{"merged", "first", "repeated"} {
		for _, at := range [][2]int{{0, 1}, {1, 4}, {3, 2}} {
			t.Run(fmt.Sprintf("%s-%d-%d", variant, at[0], at[1]), func(t *testing.T) {
				got, _ := readOne(t, workbook(t, formCells(at[0], at[1], variant)))
				sameForm(t, &wantForm, got)
			})
		}
	}
}

func TestReadYearLines(t *testing.T) {
	for _, line := range []string{"2024年度", "（2024年度）", "(2024年度)", " （ 2024 年度 ） ", "2024年", "（２０２４年度）"} {
		s := formCells(0, 1, "merged")
		s.cells["A2"] = line
		got, _ := readOne(t, workbook(t, s))
		if got.Year != 2024 {
			t.Errorf("%q: year %d", line, got.Year)
		}
	}
	// A 年度 label with the year beside it, as a number.
	s := formCells(0, 1, "merged")
	delete(s.cells, "A2")
	s.cells["A3"], s.cells["B3"] = "年度", 2024
	if got, _ := readOne(t, workbook(t, s)); got.Year != 2024 {
		t.Errorf("年度 label: year %d", got.Year)
	}
}

// readErr reads a workbook that must fail and returns its message: the
// file's problems when it could not be read, else the errors found in the
// cells of the forms read (as Validate lists them first).
func readErr(t *testing.T, data []byte, name string) string {
	t.Helper()
	b, src, err := Read(data, name)
	if err == nil {
		errs := src.ReadProblems().Errors()
		if len(errs) == 0 {
			t.Fatalf("%s: read without error", name)
		}
		if len(b.Forms) == 0 {
			t.Fatalf("%s: problems without a form", name)
		}
		for i := range errs {
			errs[i].Path = "" // as a file that could not be read tells them
		}
		return lines(errs)
	}
	var de *model.DecodeError
	if !asDecode(err, &de) {
		t.Fatalf("%s: not a content problem: %v", name, err)
	}
	return lines(err)
}

func asDecode(err error, de **model.DecodeError) bool {
	ds := model.DecodeErrors(err)
	if len(ds) == 0 {
		return false
	}
	*de = ds[0]
	return true
}

func TestReadProblemsNameTheCell(t *testing.T) {
	cases := []struct {
		name string
		edit func(s *sheetSpec)
		want []string
	}{
		{"empty project", func(s *sheetSpec) { delete(s.cells, "B5") }, []string{"book.xlsx: 体检费!B5: 项目名称 is empty"}},
		{"missing label", func(s *sheetSpec) { delete(s.cells, "C4"); delete(s.cells, "D4") }, []string{"book.xlsx: 体检费: no cell labelled 主管部门"}},
		{"date amount", func(s *sheetSpec) { s.formats["B6"] = "yyyy/m/d" }, []string{"book.xlsx: 体检费!B6: the cell holds a date (19"}},
		{"percent amount", func(s *sheetSpec) { s.formats["D6"] = "0%" }, []string{"book.xlsx: 体检费!D6: the cell holds a percentage (401280%)"}},
		{"formula without value", func(s *sheetSpec) { delete(s.cells, "D6"); s.formula = map[string]string{"D6": "B6*1"} }, []string{"book.xlsx: 体检费!D6: the cell holds the formula =B6*1 but no calculated value"}},
		{"empty year", func(s *sheetSpec) { s.cells["A2"] = "（    年度）" }, []string{"book.xlsx: 体检费!A2: the year is empty"}},
		{"no year", func(s *sheetSpec) { delete(s.cells, "A2") }, []string{"book.xlsx: 体检费: no year line"}},
		{"two forms", func(s *sheetSpec) { s.cells["C5"] = "项目名称"; s.cells["D5"] = "x" }, []string{"book.xlsx: 体检费!C5: 项目名称 appears twice (also at A5)"}},
		{"second form below", func(s *sheetSpec) {
			s.cells["A20"] = "市级财政项目支出预算绩效目标表"
			s.cells["A23"] = "单位名称"
		}, []string{"book.xlsx: 体检费!A20: a second form starts here (市级财政项目支出预算绩效目标表) below the indicator table"}},
		{"header column missing", func(s *sheetSpec) { delete(s.cells, "D10") }, []string{"book.xlsx: 体检费!A10: the indicator table has no 半年（程）指标值 column"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := formCells(0, 1, "merged")
			c.edit(&s)
			msg := readErr(t, workbook(t, s), "book.xlsx")
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message\n%s\ndoes not contain\n%s", msg, w)
				}
			}
		})
	}
}

func TestTwoFormsOnASheetOrder(t *testing.T) {
	// Problems are listed sheet by sheet, cell by cell.
	a, b := formCells(0, 1, "merged"), formCells(0, 1, "merged")
	b.name = "Sheet 2"
	delete(a.cells, "B5")
	delete(b.cells, "B4")
	msg := readErr(t, workbook(t, a, b), "book.xlsx")
	want := "book.xlsx: 体检费!B5: 项目名称 is empty\nbook.xlsx: Sheet 2!B4: 单位名称 is empty"
	if msg != want {
		t.Errorf("got\n%s\nwant\n%s", msg, want)
	}
}

func TestFormulasUseCachedValues(t *testing.T) {
	// LibreOffice and Excel store a formula with its value; excelize writes
	// none, so the value is put in by hand here.
	s := formCells(0, 1, "merged")
	delete(s.cells, "D6")
	s.formula = map[string]string{"D6": "B6"}
	data := setCached(t, workbook(t, s), "D6", "4012.8")
	got, _ := readOne(t, data)
	if got.YearAmount != "4012.8" {
		t.Errorf("year_amount %q, want the formula's value 4012.8", got.YearAmount)
	}
}

// setCached gives the formula of cell ref (of the first sheet) a cached value.
func setCached(t *testing.T, data []byte, ref, value string) []byte {
	t.Helper()
	return rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		i := strings.Index(x, `<c r="`+ref+`"`)
		j := strings.Index(x[i:], "</c>") + i
		cell := x[i:j]
		if k := strings.Index(cell, "<v>"); k >= 0 {
			cell = cell[:k]
		}
		return x[:i] + cell + "<v>" + value + "</v>" + x[j:]
	})
}

func TestSkippedSheetsAreWarnings(t *testing.T) {
	notes := sheetSpec{name: "填表说明", cells: map[string]any{"A1": "请按说明填写"}}
	empty := sheetSpec{name: "空表", cells: map[string]any{}}
	hidden := formCells(0, 1, "merged")
	hidden.name, hidden.hidden = "旧表", true
	b, src, err := Read(workbook(t, notes, formCells(0, 1, "merged"), empty, hidden), "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Forms) != 1 {
		t.Fatalf("%d forms", len(b.Forms))
	}
	var got []string
	for _, p := range model.Validate(b, src) {
		if p.Severity == model.Warning && p.Path == "" {
			got = append(got, line(p))
		}
	}
	want := []string{
		"book.xlsx: 填表说明: warning: not a form (no 项目名称 and no 一级指标 label): skipped",
		"book.xlsx: 空表: warning: not a form (no 项目名称 and no 一级指标 label): skipped",
		"book.xlsx: 旧表: warning: a hidden sheet: skipped (unhide it to print it)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A workbook without any form is an error listing its sheets.
	msg := readErr(t, workbook(t, notes, empty), "book.xlsx")
	if !strings.Contains(msg, "no sheet of the workbook is a form (sheets: “填表说明”, “空表”)") {
		t.Error(msg)
	}
}

// TestValidationNamesSheetAndCell: every validation problem of a form read
// from a workbook names its sheet and cell.
func TestValidationNamesSheetAndCell(t *testing.T) {
	s := formCells(1, 4, "merged")
	s.cells["C16"] = "组织目标" // 二级 of the 资金投入 row (table from B4: header in row 13)
	b, src, err := Read(workbook(t, s), "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, p := range model.Validate(b, src) {
		if p.Loc.Sheet != "体检费" {
			t.Errorf("no sheet: %s", p)
		}
		if p.Severity == model.Error {
			errs = append(errs, line(p))
		}
	}
	want := "book.xlsx: 体检费!C16: forms[0].indicators[2].level2: 组织目标 is not a 二级指标 of 决策 (did you mean 绩效目标?)"
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("got %q\nwant %q", errs, want)
	}
}

func TestNumbers(t *testing.T) {
	cases := []struct {
		raw  string
		nf   numFormat
		want string
	}{
		{"4012.8000000000002", numFormat{}, "4012.8"},
		{"4012.7999999999997", numFormat{}, "4012.8"},
		{"4012.8", numFormat{decimals: 2}, "4012.80"},
		{"250", numFormat{}, "250"},
		{"0.95", numFormat{percent: true}, "95%"},
		{"0.9550000000000001", numFormat{percent: true, decimals: 1}, "95.5%"},
		{"1.1", numFormat{percent: true}, "110%"},
		{"1E-3", numFormat{}, "0.001"},
		{"1.5E+20", numFormat{}, "150000000000000000000"},
		{"13645.49", numFormat{}, "13645.49"},
		{"0.1", numFormat{}, "0.1"},
		{"-2.5", numFormat{}, "-2.5"},
		{"0", numFormat{decimals: 2}, "0.00"},
	}
	for _, c := range cases {
		if got, ok := displayNumber(c.raw, c.nf); !ok || got != c.want {
			t.Errorf("%s %+v: got %q, want %q", c.raw, c.nf, got, c.want)
		}
	}
	formats := map[string]numFormat{
		"0.00": {decimals: 2}, "#,##0.0": {decimals: 1}, "0%": {percent: true}, "0.00%": {percent: true, decimals: 2},
		"yyyy/m/d": {date: true}, `yyyy"年"m"月"d"日"`: {date: true}, "[h]:mm": {date: true}, "General": {},
		`[Red]0.00;-0.00`: {decimals: 2}, `0.00" 万元"`: {decimals: 2}, "@": {},
	}
	for code, want := range formats {
		if got := parseFormat(code); got != want {
			t.Errorf("%s: got %+v, want %+v", code, got, want)
		}
	}
}

// The line 单位（盖章）： (model.StampLabel) right under the indicators, as a
// printed form has it, ends the table: it is no indicator, written with
// full-width or ASCII brackets, in the values' column or the first.
func TestStampEndsTable(t *testing.T) {
	for _, c := range []struct{ ref, text string }{
		{"D17", model.StampLabel + "："},
		{"A17", "单位(盖章):"},
		{"E17", " 单位（盖章） "},
	} {
		s := formCells(0, 1, "merged")
		s.cells[c.ref] = c.text
		got, _ := readOne(t, workbook(t, s))
		sameForm(t, &wantForm, got)
	}
}

// TestReadFullWidthDigits: amounts, a year line and a year in the title
// typed in an input method's full-width mode are read as typed (review 7,
// item 8), with thousands separators as before.
func TestReadFullWidthDigits(t *testing.T) {
	s := formCells(0, 1, "merged")
	s.cells["B6"], s.cells["D6"] = "４０１２.８", "１，２３４．５"
	delete(s.formats, "B6")
	got, _ := readOne(t, workbook(t, s))
	if got.TotalAmount != "4012.8" || got.YearAmount != "1234.5" {
		t.Errorf("amounts %q %q", got.TotalAmount, got.YearAmount)
	}
	s = formCells(0, 1, "merged")
	delete(s.cells, "A2")
	s.cells["A1"] = "２０２４年度市级财政项目支出预算绩效目标表"
	got, _ = readOne(t, workbook(t, s))
	if got.Year != 2024 || got.Title != model.DefaultTitle {
		t.Errorf("title line: year %d, title %q", got.Year, got.Title)
	}
	s = formCells(0, 1, "merged")
	delete(s.cells, "A2")
	s.cells["A3"], s.cells["B3"] = "年度", "２０２４"
	if got, _ := readOne(t, workbook(t, s)); got.Year != 2024 {
		t.Errorf("年度 label: year %d", got.Year)
	}
}
