package xlsx

import (
	"strings"
	"testing"

	"jixiao/model"
	catalogue "jixiao/msg"
)

// validate reads a workbook and validates it, as the command and the page
// do; it returns the form read and its problems as printed.
func validate(t *testing.T, s sheetSpec) (*model.Book, []string) {
	t.Helper()
	b, src, err := Read(workbook(t, s), "book.xlsx")
	if err != nil {
		t.Fatalf("the workbook was not read: %v", err)
	}
	var out []string
	for _, p := range model.Validate(b, src) {
		out = append(out, line(p))
	}
	return b, out
}

// TestAllProblemsInOnePass: a sheet's problems found while reading and its
// form's problems are listed together, the form kept (issue 19, item 2);
// a mistake in a merged cell is told once (item 10).
func TestAllProblemsInOnePass(t *testing.T) {
	s := formCells(0, 1, "merged")
	delete(s.cells, "B5")                       // 项目名称 empty
	s.cells["D6"] = "1234.5万元"                  // not an amount
	s.cells["B11"] = "项目立x"                     // misspelt 二级, merged over B11:B12
	s.cells["A14"] = "产出"                       // abbreviated 一级, merged over A14:A16
	s.formula = map[string]string{"E13": "1/0"} // no cached value
	delete(s.cells, "E13")
	b, got := validate(t, s)
	if len(b.Forms) != 1 {
		t.Fatalf("%d forms", len(b.Forms))
	}
	want := []string{
		"book.xlsx: 体检费!B5: forms[0].project: 项目名称 is empty",
		"book.xlsx: 体检费!E13: forms[0]: the cell holds the formula =1/0 but no calculated value",
		`book.xlsx: 体检费!D6: forms[0].year_amount: 本年度项目金额（万元）: "1234.5万元" is not an amount`,
		"book.xlsx: 体检费!B11: forms[0].indicators[0].level2: 项目立x is not a 二级指标 of 决策 (did you mean 项目立项?)",
		"book.xlsx: 体检费!A14: forms[0].indicators[3].level1: 产出 is not a standard 一级指标 (did you mean 产出指标?)",
	}
	for _, w := range want {
		n := 0
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d times (want once):\n%s\nin\n%s", n, w, strings.Join(got, "\n"))
		}
	}
	for _, g := range got {
		if strings.Contains(g, "is missing") {
			t.Errorf("told twice: %s", g)
		}
	}
}

// TestMergedValueAppliesToBoth: D12:E12 merged holds both values (item 7).
func TestMergedValueAppliesToBoth(t *testing.T) {
	s := formCells(0, 1, "merged")
	delete(s.cells, "E12")
	s.merges = append(s.merges, [2]string{"D12", "E12"})
	b, got := validate(t, s)
	in := b.Forms[0].Indicators[1]
	if in.HalfYear != "规范" || in.FullYear != "规范" {
		t.Errorf("values %q %q", in.HalfYear, in.FullYear)
	}
	for _, g := range got {
		if strings.Contains(g, "全年") {
			t.Errorf("unexpected: %s", g)
		}
	}
}

// TestAmountsAsClerksType: thousands separators are read; yuan in a 万元
// field are warned of (item 8).
func TestAmountsAsClerksType(t *testing.T) {
	for _, c := range []struct{ total, year, want string }{
		{"1,234.5", "1，234.5", "1234.5"},
		{"12,345,678", "1,234", ""},
	} {
		s := formCells(0, 1, "merged")
		delete(s.formats, "B6")
		s.cells["B6"], s.cells["D6"] = c.total, c.year
		b, got := validate(t, s)
		f := b.Forms[0]
		if c.want != "" && (string(f.TotalAmount) != c.want || string(f.YearAmount) != c.want) {
			t.Errorf("%s %s: read %q %q", c.total, c.year, f.TotalAmount, f.YearAmount)
		}
		for _, g := range got {
			if strings.Contains(g, "amount") && !strings.Contains(g, "warning") {
				t.Errorf("%s: %s", c.total, g)
			}
		}
	}
	s := formCells(0, 1, "merged")
	s.cells["B6"], s.cells["D6"] = 24690000, 2469
	_, got := validate(t, s)
	want := "book.xlsx: 体检费!B6: warning: forms[0].total_amount: 项目总金额（万元）: 24690000 is 2469 亿元; if it was typed in 元, write 2469 (万元)"
	found := false
	for _, g := range got {
		found = found || g == want
	}
	if !found {
		t.Errorf("no warning\n%s\nin\n%s", want, strings.Join(got, "\n"))
	}
	// Groups of other than three digits are not separators.
	for _, v := range []string{"1,23", "12,34.5", ",123", "1.234,5"} {
		if groupedRE().MatchString(v) {
			t.Errorf("%q read as grouped", v)
		}
	}
}

// TestDuplicateNamesTheCell: a 三级 given twice names the other one's cell,
// not a field path, when read from a workbook.
// TestYuanWarningReadsWell: the warning of an amount typed in 元 names
// the unit once and the amount as a number, not as a cell formatted 0.0
// shows it (review 7, item 20).
func TestYuanWarningReadsWell(t *testing.T) {
	s := formCells(0, 1, "merged")
	s.cells["D6"] = 24690000
	s.formats["D6"] = "0.0"
	b, _ := validate(t, s)
	_, src, _ := Read(workbook(t, s), "book.xlsx")
	var zh []string
	for _, p := range model.Validate(b, src) {
		if p.Code == model.CodeAmountLooksLikeYuan {
			zh = append(zh, catalogue.ProblemMessage(catalogue.Chinese, p.Code, p.Args))
		}
	}
	want := "本年度项目金额（万元）填的是 24690000，即 2469 亿元，数额异常：如果填的是元，应改为 2469（以万元计）"
	if len(zh) != 1 || zh[0] != want {
		t.Errorf("got %q\nwant %q", zh, want)
	}
}

func TestDuplicateNamesTheCell(t *testing.T) {
	s := formCells(0, 1, "merged")
	s.cells["C12"] = "立项依据充分性" // as C11, both under 决策/项目立项
	_, got := validate(t, s)
	want := "book.xlsx: 体检费!C12: forms[0].indicators[1].level3: 三级指标 立项依据充分性 appears twice under 项目立项 (also at C11)"
	found := false
	for _, g := range got {
		found = found || g == want
	}
	if !found {
		t.Errorf("want\n%s\nin\n%s", want, strings.Join(got, "\n"))
	}
}
