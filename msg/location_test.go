package msg

import (
	"testing"
)

// The earlier form's place in duplicate-form is said as the language says
// a place, 第 10 行第 18 列 and 工作表“…”B4 单元格 in Chinese (review 7, item
// 16); the English keeps the compiler's layout.
func TestDuplicateFormLocation(t *testing.T) {
	for loc, zh := range map[string]string{
		"dup.json:10:18":      "dup.json 第 10 行第 18 列",
		"a:1.json:10:18":      "a:1.json 第 10 行第 18 列",
		"seed.txt:7":          "seed.txt 第 7 行",
		"dd/b3.xlsx: 体检费!B4":  "dd/b3.xlsx 工作表“体检费”B4 单元格",
		"d: 1/b.xlsx: 体检费!B4": "d: 1/b.xlsx 工作表“体检费”B4 单元格",
		"book.json":           "book.json",
		"x\x1by.json:1:2":     `x\u001by.json 第 1 行第 2 列`,
		"b.xlsx: 体检费":         "b.xlsx: 体检费",
		"<stdin>:10:18":       "标准输入 第 10 行第 18 列",
		"<stdin>: 体检费!B4":     "标准输入 工作表“体检费”B4 单元格",
		"<stdin>":             "标准输入",
		"<stdin>.json:1:2":    "<stdin>.json 第 1 行第 2 列",
	} {
		want := "项目“体检费”与第 1 张表（" + zh + "）重复，会打印两次"
		if got := ProblemMessage(Chinese, "duplicate-form", []string{"体检费", "1", loc}); got != want {
			t.Errorf("%q:\n got %s\nwant %s", loc, got, want)
		}
		if got, want := ProblemMessage(English, "duplicate-form", []string{"体检费", "1", loc}), "体检费 is also form 1 ("+Escape(loc)+"): it would be printed twice"; got != want {
			t.Errorf("%q:\n got %s\nwant %s", loc, got, want)
		}
	}
}

// Standard input is named as the language names it where a place is told,
// any other file by its name, escaped.
func TestFileText(t *testing.T) {
	for _, c := range []struct{ name, en, zh string }{
		{StdinName, "<stdin>", "标准输入"},
		{"book.xlsx", "book.xlsx", "book.xlsx"},
		{"<stdin>.xlsx", "<stdin>.xlsx", "<stdin>.xlsx"},
		{"a\x1bb.json", `a\u001bb.json`, `a\u001bb.json`},
	} {
		if got := FileText(English, c.name); got != c.en {
			t.Errorf("%q in English: %q, want %q", c.name, got, c.en)
		}
		if got := FileText(Chinese, c.name); got != c.zh {
			t.Errorf("%q in Chinese: %q, want %q", c.name, got, c.zh)
		}
		if got, want := Chinese.Text(LocCell, File(c.name), "体检费", "B4"), c.zh+" 工作表“体检费”B4 单元格"; got != want {
			t.Errorf("%q at a cell: %q, want %q", c.name, got, want)
		}
	}
}
