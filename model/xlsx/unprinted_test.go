package xlsx

import (
	"strings"
	"testing"
)

// readWarnings reads a workbook of one form and returns what it tells
// while reading, a line each.
func readWarnings(t *testing.T, data []byte) []string {
	t.Helper()
	readOne(t, data)
	_, src, err := Read(data, "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range src.ReadProblems() {
		out = append(out, line(p))
	}
	return out
}

// TestHiddenRowWarned: a hidden row of the form is printed, as its data,
// with a warning naming its sheet and row, whether Excel (hidden="1") or
// LibreOffice (hidden="true") hid it; a hidden row that holds nothing, or
// one below the table, is no news (review 7, item 4).
func TestHiddenRowWarned(t *testing.T) {
	want := "book.xlsx: 体检费!A14: warning: row 14 is hidden in the workbook but is printed with the form"
	s := formCells(0, 1, "repeated")
	s.rows = []int{14, 7, 30} // 7 is the empty spacer row, 30 below the table
	s.cells["A30"] = "填报人：张三"
	s.cells["A31"] = "隐藏的备注"
	data := workbook(t, s)
	got := readWarnings(t, data)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("Excel's hidden row:\n%s\nwant one line\n%s", strings.Join(got, "\n"), want)
	}
	f, _ := readOne(t, data)
	if len(f.Indicators) != len(wantForm.Indicators) || f.Indicators[3].Level3 != "体检人数" {
		t.Errorf("the hidden row is not read: %+v", f.Indicators)
	}
	// LibreOffice writes hidden="true", and hidden="false" on every row.
	lo := rewritePart(t, workbook(t, formCells(0, 1, "repeated")), "xl/worksheets/sheet1.xml", func(x string) string {
		x = strings.ReplaceAll(x, "<row r=\"", "<row hidden=\"false\" r=\"")
		return strings.Replace(x, "<row hidden=\"false\" r=\"14\"", "<row hidden=\"true\" r=\"14\"", 1)
	})
	got = readWarnings(t, lo)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("LibreOffice's hidden row:\n%s\nwant one line\n%s", strings.Join(got, "\n"), want)
	}
}

// TestHiddenColumnWarned: a hidden column of the table that holds text is
// printed with a warning, once, at its first cell with text, whether Excel
// (hidden="1") or LibreOffice (hidden="true") hid it; an empty hidden
// column, or one whose only text is in a merged range that reaches a
// shown column (shown there), is no news.
func TestHiddenColumnWarned(t *testing.T) {
	want := "book.xlsx: 体检费!D4: warning: column D is hidden in the workbook but what it holds is printed with the form"
	s := formCells(0, 1, "merged")
	s.cols = []string{"D", "F"} // F: right of the table, empty
	data := workbook(t, s)
	got := readWarnings(t, data)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("Excel's hidden column:\n%s\nwant one line\n%s", strings.Join(got, "\n"), want)
	}
	f, _ := readOne(t, data)
	if f.Department != wantForm.Department || f.Indicators[0].HalfYear != "充分" {
		t.Errorf("the hidden column is not read: %q %+v", f.Department, f.Indicators[0])
	}
	lo := rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.ReplaceAll(x, `hidden="1"`, `hidden="true"`)
	})
	got = readWarnings(t, lo)
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("LibreOffice's hidden column:\n%s\nwant one line\n%s", strings.Join(got, "\n"), want)
	}
	// Column A left of the table (which starts at B), hidden, its only
	// text merged over A7:B7: shown in B.
	s = formCells(1, 1, "merged")
	s.cells["A7"] = "内部备注"
	s.merges = append(s.merges, [2]string{"A7", "B7"})
	s.cols = []string{"A"}
	for _, w := range readWarnings(t, workbook(t, s)) {
		if strings.Contains(w, "is hidden") {
			t.Errorf("a merged range shown in a shown column: %s", w)
		}
	}
}

// TestTextRightOfTableWarned: text right of the table is not printed and
// is told at its cell; the 单位：万元 line there is not (review 7, item 4).
func TestTextRightOfTableWarned(t *testing.T) {
	s := formCells(0, 1, "merged")
	s.cells["F12"] = "备注：待定"
	s.cells["F3"] = "单位：万元"
	s.cells["G5"] = "项目负责人李四，电话 86001234，请于月底前补充材料并送审核"
	got := readWarnings(t, workbook(t, s))
	want := []string{
		"book.xlsx: 体检费!G5: warning: the text “项目负责人李四，电话 86001234，请于月底前补充材料并…” stands right of the form's table (beyond column E) and is not printed",
		"book.xlsx: 体检费!F12: warning: the text “备注：待定” stands right of the form's table (beyond column E) and is not printed: move it into the form (其他需要说明的问题, or the cell it belongs to) or delete it",
	}
	if len(got) != len(want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got\n%s\nwant\n%s", got[i], want[i])
		}
	}
	// The field to move a note into is named as the schema labels it.
	_, src, err := Read(workbook(t, s), "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range src.ReadProblems() {
		if p.Code == string(CodeBeyondTable) && (len(p.Args) != 3 || p.Args[2] != fieldLabel("other_notes")) {
			t.Errorf("%s: args %q, want the label of other_notes last", p.Loc, p.Args)
		}
	}
	// A table that starts in column B ends in column F: F is its own.
	s = formCells(1, 1, "merged")
	if got := readWarnings(t, workbook(t, s)); len(got) != 0 {
		t.Errorf("a table in B:F: %s", strings.Join(got, "\n"))
	}
}
