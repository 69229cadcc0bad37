package xlsx

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// FillTemplate fills the template with a form as a clerk would: the top of
// the form, the long texts, the values of the standard rows, and each 三级
// in one of the rows left for it (at most three a 二级). It is the test's
// stand-in for typing in Excel.
func fillTemplate(t testing.TB, fm *model.Form) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Template(&buf, fm.Year); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := TemplateSheet
	set := func(ref string, v any) {
		if err := f.SetCellValue(s, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	// The fields in the cells the template leaves for them, an amount
	// typed as a number.
	for _, p := range places() {
		v := p.field.Value(fm)
		if p.field.Kind != model.AmountKind || v == "" {
			set(model.CellName(p.c0, p.row), v)
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		set(model.CellName(p.c0, p.row), n)
	}
	// The template's rows: the 11 standard ones, then three a 二级.
	row := rowHeader() + 1
	next := map[string]int{}
	for _, c := range model.Framework() {
		for _, l2 := range c.Level2 {
			n := len(standardLevel3(c.Name, l2))
			if n == 0 {
				n = 3
			}
			next[c.Name+"/"+l2] = row
			row += n
		}
	}
	for _, in := range fm.Indicators {
		k := in.Level1 + "/" + in.Level2
		r := next[k]
		next[k]++
		if in.Level3 == "" {
			continue
		}
		set(model.CellName(3, r), in.Level3)
		set(model.CellName(4, r), in.HalfYear)
		set(model.CellName(5, r), in.FullYear)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestTemplateFilledIsTheForm: the template filled with example form 1
// reads as form 1.
func TestTemplateFilledIsTheForm(t *testing.T) {
	want := exampleBook(t).Forms[0]
	data := fillTemplate(t, &want)
	got, src := readOne(t, data)
	sameForm(t, &want, got)
	b := &model.Book{Year: got.Year, Title: got.Title, Forms: []model.Form{*got}}
	for _, p := range model.Validate(b, src) {
		if p.Loc.Sheet != "" && p.Severity == model.Error {
			t.Error(p)
		}
		// The template's own 填表说明 is no "not a form" warning: a filled
		// template passes --strict.
		if p.Code == string(CodeNotForm) {
			t.Error(p)
		}
	}
}

func TestTemplateDropDownsAndPrint(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf, 0); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != TemplateSheet || got[1] != NotesSheet {
		t.Fatalf("sheets %q", got)
	}
	dvs, err := f.GetDataValidations(TemplateSheet)
	if err != nil || len(dvs) != 2 {
		t.Fatalf("%d drop-down lists, %v", len(dvs), err)
	}
	if dvs[0].Formula1 != `"决策,过程,产出指标,效益指标,满意度指标"` {
		t.Errorf("一级 list %s", dvs[0].Formula1)
	}
	pl, err := f.GetPageLayout(TemplateSheet)
	if err != nil || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	merged, _ := f.GetMergeCells(TemplateSheet)
	if len(merged) < 20 {
		t.Errorf("%d merged ranges", len(merged))
	}
	if c := model.CellName(1, rowHeader()+1); true {
		if v, _ := f.GetCellValue(TemplateSheet, c); v != "决策" {
			t.Errorf("%s %q", c, v)
		}
	}
	if v, _ := f.GetCellValue(NotesSheet, "A1"); v != "填表说明" {
		t.Errorf("notes A1 %q", v)
	}
}

func TestSheetNames(t *testing.T) {
	b := &model.Book{}
	for _, p := range []string{"体检费", "体检费", "a/b:c?d*e[f]g\\h", "", "'quoted'", "这是一个非常非常非常非常非常非常非常非常非常长的项目名称超过三十一个字", "这是一个非常非常非常非常非常非常非常非常非常长的项目名称超过三十一个字", "HISTORY", "Sheet"} {
		b.Forms = append(b.Forms, model.Form{Project: p})
	}
	got := SheetNames(b)
	want := []string{"体检费", "体检费(2)", "abcdefgh", "表4", "quoted", "这是一个非常非常非常非常非常非常非常非常非常长的项目名称超过三", "这是一个非常非常非常非常非常非常非常非常非常长的项目名称(2)", "HISTORY(2)", "Sheet"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i], want[i])
		}
	}
	// And excelize (Excel's rules) takes them all.
	if _, _, err := Read(exportBytes(t, withProjects(b)), "names.xlsx"); err != nil && len(model.DecodeErrors(err)) == 0 {
		t.Fatal(err)
	}
}

func withProjects(b *model.Book) *model.Book {
	ex := &model.Book{}
	for _, f := range b.Forms {
		ex.Forms = append(ex.Forms, model.Form{Project: f.Project, Year: 2024})
	}
	return ex
}

// TestNotesAreChinese: the 填表说明 a clerk reads quotes no English message
// and no command (issue 19, item 12).
func TestNotesAreChinese(t *testing.T) {
	english := regexp.MustCompile(`\b(is|the|empty|jixiao|render|binder|validate)\b|-o `)
	for _, line := range notesText() {
		if m := english.FindString(line); m != "" {
			t.Errorf("%q in %s", m, line)
		}
	}
}
