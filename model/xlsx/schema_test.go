package xlsx

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// everyField returns example form 1 with every field of the schema set to
// a value of its own, so that a field written to or read from the wrong
// cell shows.
func everyField(t *testing.T) model.Form {
	t.Helper()
	fm := exampleBook(t).Forms[0]
	for i, fd := range model.Fields() {
		var v string
		switch {
		case fd.Key == "title":
			v = "江阴市" + model.DefaultTitle // the reader finds the title by 绩效目标表
		case fd.Kind == model.YearKind:
			v = "2031"
		case fd.Kind == model.AmountKind:
			v = fmt.Sprintf("%d.25", 100*(i+1))
		case fd.Long():
			v = "第一段：" + fd.Label + "\n第二段"
		default:
			v = fd.Label + "的值"
		}
		if err := fd.Set(&fm, v); err != nil {
			t.Fatal(err)
		}
	}
	return fm
}

// wantCell is the cell of a field's value, as the writer places it; ""
// for a field a workbook does not hold.
func wantCell(fd model.Field) string {
	if p, ok := placeOf(fd.Key); ok {
		return model.CellName(p.c0, p.row)
	}
	switch fd.Key {
	case "title":
		return model.CellName(1, rowTitle)
	case "year":
		return model.CellName(1, rowYear)
	}
	return ""
}

// checkRead checks that every field of want was read from its cell with
// its value. A field without a printed label that is neither the title
// nor the year has no cell in a workbook: export → read would lose it.
func checkRead(t *testing.T, sheet string, want, got *model.Form, src *model.Source) {
	t.Helper()
	for _, fd := range model.Fields() {
		c := wantCell(fd)
		if c == "" {
			t.Errorf("field %s (%s) has no printed label and is not the title or the year: a workbook does not hold it, export → read loses %q", fd.Key, fd.Label, fd.Value(want))
			continue
		}
		if w, g := fd.Value(want), fd.Value(got); w != g {
			t.Errorf("%s: wrote %q, read %q", fd.Key, w, g)
		}
		if loc, ok := src.Location("forms[0]." + fd.Key); !ok || loc.Sheet != sheet || loc.Cell != c {
			t.Errorf("%s: read from %s!%s, want %s!%s", fd.Key, loc.Sheet, loc.Cell, sheet, c)
		}
	}
}

// TestExportEveryField: for every field of the schema, the exported sheet
// has its printed label and its value in the cells the writer places them
// in, the reader finds the value there, and the round trip keeps it.
func TestExportEveryField(t *testing.T) {
	fm := everyField(t)
	data := exportBytes(t, &model.Book{Year: fm.Year, Title: fm.Title, Forms: []model.Form{fm}})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := SheetNames(&model.Book{Forms: []model.Form{fm}})[0]
	get := func(ref string) string {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, fd := range model.Fields() {
		p, ok := placeOf(fd.Key)
		if !ok {
			continue // the title and the year, below
		}
		if got := get(model.CellName(p.label, p.row)); got != printedLabel(fd) {
			t.Errorf("%s: label cell %s holds %q, want %q", fd.Key, model.CellName(p.label, p.row), got, printedLabel(fd))
		}
		if got := get(model.CellName(p.c0, p.row)); got != fd.Value(&fm) {
			t.Errorf("%s: value cell %s holds %q, want %q", fd.Key, model.CellName(p.c0, p.row), got, fd.Value(&fm))
		}
	}
	if got := get(wantCell(mustField(t, "title"))); got != fm.Title {
		t.Errorf("title cell holds %q", got)
	}
	if got, want := get(wantCell(mustField(t, "year"))), fmt.Sprintf("（%d年度）", fm.Year); got != want {
		t.Errorf("year cell holds %q, want %q", got, want)
	}
	if got := get(model.CellName(1, rowHeader())); got != model.Columns()[0].Label {
		t.Errorf("the indicator header's first cell holds %q", got)
	}
	if got, want := get(model.CellName(3, rowHeader()+1)), fm.Indicators[0].Level3; got != want {
		t.Errorf("the first indicator row's 三级 holds %q, want %q", got, want)
	}
	got, src := readOne(t, data)
	checkRead(t, sheet, &fm, got, src)
}

// TestTemplateEveryField: the template has every field's label in its
// place and the value cell beside it empty; filled in there, each value is
// read back from its cell.
func TestTemplateEveryField(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf, 0); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, fd := range model.Fields() {
		p, ok := placeOf(fd.Key)
		if !ok {
			continue // the title and the year (checkRead, below)
		}
		if got, _ := f.GetCellValue(TemplateSheet, model.CellName(p.label, p.row)); got != printedLabel(fd) {
			t.Errorf("%s: label cell holds %q, want %q", fd.Key, got, printedLabel(fd))
		}
		if got, _ := f.GetCellValue(TemplateSheet, model.CellName(p.c0, p.row)); got != "" {
			t.Errorf("%s: value cell holds %q", fd.Key, got)
		}
	}
	fm := everyField(t)
	fm.Title = model.DefaultTitle // the template's; the clerk leaves it
	got, src := readOne(t, fillTemplate(t, &fm))
	checkRead(t, TemplateSheet, &fm, got, src)
}

func mustField(t *testing.T, key string) model.Field {
	t.Helper()
	fd, ok := model.FieldByKey(key)
	if !ok {
		t.Fatalf("no field %s", key)
	}
	return fd
}

// TestBesideFields: a field printed beside another follows a field with a
// row of its own (layout and the writer pair two fields, no more), and
// both are printed with a label on one line's worth of row (not long).
func TestBesideFields(t *testing.T) {
	fields := model.Fields()
	for i, fd := range fields {
		if !fd.Beside {
			continue
		}
		if i == 0 || fd.Printed == "" || fd.Long() {
			t.Errorf("%s: beside, but first, without a printed label, or long", fd.Key)
			continue
		}
		prev := fields[i-1]
		if prev.Printed == "" || prev.Long() || prev.Beside {
			t.Errorf("%s: beside %s, which has no label, is long, or is itself beside another", fd.Key, prev.Key)
		}
	}
}

// TestLayoutFieldsVariant: the sheet's rows follow the schema. A schema
// with a 项目负责人 after 项目名称 and a 审核人 | 审核电话 pair at its end
// gets a row for 项目负责人 (the rows below it one lower) and one row for
// the pair, label | value | label | value, before the indicator header.
func TestLayoutFieldsVariant(t *testing.T) {
	var variant []model.Field
	for _, fd := range model.Fields() {
		variant = append(variant, fd)
		if fd.Key == "project" {
			variant = append(variant, model.Field{Key: "leader", Label: "项目负责人", Printed: "项目负责人"})
		}
	}
	variant = append(variant,
		model.Field{Key: "checker", Label: "审核人", Printed: "审核人"},
		model.Field{Key: "checker_phone", Label: "审核电话", Printed: "审核电话", Beside: true})
	got, header := layoutFields(variant)
	if header != rowHeader()+2 {
		t.Errorf("indicator header on row %d, want %d", header, rowHeader()+2)
	}
	proj, _ := placeOf("project")
	byKey := map[string]place{}
	for _, p := range got {
		byKey[p.field.Key] = p
	}
	for _, p := range places() {
		want := p
		if p.row > proj.row {
			want.row++
		}
		if g := byKey[p.field.Key]; g.row != want.row || g.label != want.label || g.c0 != want.c0 || g.c1 != want.c1 {
			t.Errorf("%s: placed %+v, want %+v", p.field.Key, g, want)
		}
	}
	if l := byKey["leader"]; l.row != proj.row+1 || l.label != 1 || l.c0 != 2 || l.c1 != 5 {
		t.Errorf("项目负责人 placed %+v", l)
	}
	f, ph := byKey["checker"], byKey["checker_phone"]
	if f.row != header-1 || ph.row != f.row || f.label != 1 || f.c0 != 2 || f.c1 != 2 || ph.label != 3 || ph.c0 != 4 || ph.c1 != 5 {
		t.Errorf("审核人 | 审核电话 placed %+v, %+v (header row %d)", f, ph, header)
	}
	// The real schema's signature fields (填报人, 联系电话, 填报日期, which
	// the form prints below its table) have a row each, labelled with
	// their Label, just above the indicator header.
	fl, _ := placeOf("filler")
	pn, _ := placeOf("phone")
	fd, _ := placeOf("fill_date")
	if pn.row != fl.row+1 || fd.row != pn.row+1 || fd.row != rowHeader()-1 || fl.label != 1 || fl.c0 != 2 || fl.c1 != 5 {
		t.Errorf("signature fields placed %+v, %+v, %+v (header row %d)", fl, pn, fd, rowHeader())
	}
	// And the real schema: 单位名称 | 主管部门 and the amounts share rows.
	u, d := byKey["unit"], byKey["department"]
	a, b := byKey["total_amount"], byKey["year_amount"]
	if u.row != rowFields || d.row != u.row || a.row != b.row || d.label != 3 || b.label != 3 {
		t.Errorf("pairs: %+v %+v %+v %+v", u, d, a, b)
	}
}
