package model

import (
	"strconv"
	"sync"
)

// FieldKind is the type of a form field's value.
type FieldKind uint8

const (
	TextKind   FieldKind = iota // a line of text
	LongKind                    // a long text: paragraphs separated by "\n"
	YearKind                    // a whole number (年度)
	AmountKind                  // a decimal amount in 万元 (Amount)
)

// StampLabel (单位（盖章）) is the entry where the office stamps a form: the
// last of the signature block (--signature) and, on a form printed without
// the block, a line of its own after the table. No field fills it. The
// binder's cover has 编报单位（盖章）, the unit that files the binder; the
// workbook reader ends a form's indicator table at it.
const StampLabel = "单位（盖章）"

// Field describes one field of a form: the single table that the decoders,
// the encoder, the validator, the importers and layout's labels read.
// Adding a field to the form is adding a row to fields (and a member to
// Form).
type Field struct {
	Key      string    // JSON/YAML key, e.g. "project"
	Label    string    // Chinese label, e.g. 项目名称
	Printed  string    // the label as printed on the form, "|" where it may break; "" when the form prints none
	Beside   bool      // printed to the right of the field before it, on its row (主管部门 beside 单位名称), on the page and in a workbook; the field before it has no other beside it
	Kind     FieldKind //
	Required bool      // validation reports it when empty
	Default  string    // what is printed when the field is empty ("" for nothing)
	// Sign is the entry of the signature block (--signature) the field
	// fills, e.g. 填报人; "" for none. Such a field is optional, printed
	// only in that block, written to a file only when not empty, and may
	// also be given once for the whole book (Book.Sign).
	Sign string

	text   func(*Form) *string // TextKind, LongKind
	year   func(*Form) *int    // YearKind
	amount func(*Form) *Amount // AmountKind
}

// Long reports whether the field is a long text (may hold line breaks,
// printed across the table in a row of its own).
func (fd *Field) Long() bool { return fd.Kind == LongKind }

// Value returns the field of f as text: a year as its digits ("" for 0),
// an amount as written. The title is returned as stored (see TitleOrDefault).
func (fd *Field) Value(f *Form) string {
	switch fd.Kind {
	case YearKind:
		if y := *fd.year(f); y != 0 {
			return strconv.Itoa(y)
		}
		return ""
	case AmountKind:
		return string(*fd.amount(f))
	}
	return *fd.text(f)
}

// Set stores s as the field of f. A year must be a whole number (or empty
// for none); texts and amounts are stored as given.
func (fd *Field) Set(f *Form, s string) error {
	switch fd.Kind {
	case YearKind:
		if s == "" {
			*fd.year(f) = 0
			return nil
		}
		y, err := strconv.Atoi(s)
		if err != nil {
			return err
		}
		*fd.year(f) = y
	case AmountKind:
		*fd.amount(f) = Amount(s)
	default:
		*fd.text(f) = s
	}
	return nil
}

// empty reports whether the field of f holds nothing (white space counts
// as nothing for texts).
func (fd *Field) empty(f *Form) bool {
	switch fd.Kind {
	case YearKind:
		return *fd.year(f) == 0
	case AmountKind:
		return *fd.amount(f) == ""
	}
	return isBlank(*fd.text(f))
}

// fields is the form schema, in the order of the file and of the page.
var fields = [...]Field{
	{Key: "title", Label: "表名", Kind: TextKind, Default: DefaultTitle, text: func(f *Form) *string { return &f.Title }},
	{Key: "year", Label: "年度", Kind: YearKind, Required: true, year: func(f *Form) *int { return &f.Year }},
	{Key: "unit", Label: "单位名称", Printed: "单位名称", Kind: TextKind, Required: true, text: func(f *Form) *string { return &f.Unit }},
	{Key: "department", Label: "主管部门", Printed: "主管部门", Kind: TextKind, Required: true, Beside: true, text: func(f *Form) *string { return &f.Department }},
	{Key: "project", Label: "项目名称", Printed: "项目名称", Kind: TextKind, Required: true, text: func(f *Form) *string { return &f.Project }},
	{Key: "total_amount", Label: "项目总金额（万元）", Printed: "项目总金额|（万元）", Kind: AmountKind, Required: true, amount: func(f *Form) *Amount { return &f.TotalAmount }},
	{Key: "year_amount", Label: "本年度项目金额（万元）", Printed: "本年度项目金额|（万元）", Kind: AmountKind, Required: true, Beside: true, amount: func(f *Form) *Amount { return &f.YearAmount }},
	{Key: "overview", Label: "项目概述", Printed: "项目概述", Kind: LongKind, text: func(f *Form) *string { return &f.Overview }},
	{Key: "feasibility", Label: "项目可行性说明", Printed: "项目可行性说明", Kind: LongKind, text: func(f *Form) *string { return &f.Feasibility }},
	{Key: "necessity", Label: "项目必要性说明", Printed: "项目必要性说明", Kind: LongKind, text: func(f *Form) *string { return &f.Necessity }},
	{Key: "annual_goal", Label: "年度绩效目标", Printed: "年度绩效目标", Kind: LongKind, text: func(f *Form) *string { return &f.AnnualGoal }},
	{Key: "overall_goal", Label: "项目总目标", Printed: "项目总目标", Kind: LongKind, text: func(f *Form) *string { return &f.OverallGoal }},
	{Key: "other_notes", Label: "其他需要说明的问题", Printed: "其他需要|说明的问题", Kind: LongKind, text: func(f *Form) *string { return &f.OtherNotes }},
	{Key: "filler", Label: "填报人", Sign: "填报人", Kind: TextKind, text: func(f *Form) *string { return &f.Filler }},
	{Key: "phone", Label: "联系电话", Sign: "联系电话", Kind: TextKind, text: func(f *Form) *string { return &f.Phone }},
	{Key: "fill_date", Label: "填报日期", Sign: "填报日期", Kind: TextKind, text: func(f *Form) *string { return &f.FillDate }},
}

// IndicatorsKey is the key of a form's indicator rows, after its fields.
const IndicatorsKey = "indicators"

// Fields returns the fields of a form in order (the order of the keys in a
// file and of the fields on the page). The slice is a copy.
func Fields() []Field { return append([]Field(nil), fields[:]...) }

// FieldByKey returns the field with the given key.
func FieldByKey(key string) (Field, bool) {
	if i := fieldIndex(key); i >= 0 {
		return fields[i], true
	}
	return Field{}, false
}

func fieldIndex(key string) int {
	for i := range fields {
		if fields[i].Key == key {
			return i
		}
	}
	return -1
}

// Column describes one column of the indicator table.
type Column struct {
	Key     string // JSON/YAML key, e.g. "level2"
	Label   string // Chinese label, e.g. 二级指标
	Printed string // the header as printed, "|" where it may break
	Value   bool   // an indicator value (指标值): normalised as read (>= becomes ≥ …)

	get func(*Indicator) *string
}

// Get returns the column's text of a row.
func (c *Column) Get(in *Indicator) string { return *c.get(in) }

// Set stores s as the column's text of a row, as given.
func (c *Column) Set(in *Indicator, s string) { *c.get(in) = s }

var columns = [...]Column{
	{Key: "level1", Label: "一级指标", Printed: "一级指标", get: func(in *Indicator) *string { return &in.Level1 }},
	{Key: "level2", Label: "二级指标", Printed: "二级指标", get: func(in *Indicator) *string { return &in.Level2 }},
	{Key: "level3", Label: "三级指标", Printed: "三级指标", get: func(in *Indicator) *string { return &in.Level3 }},
	{Key: "half_year", Label: "半年（程）指标值", Printed: "半年（程）|指标值", Value: true, get: func(in *Indicator) *string { return &in.HalfYear }},
	{Key: "full_year", Label: "全年（程）指标值", Printed: "全年（程）|指标值", Value: true, get: func(in *Indicator) *string { return &in.FullYear }},
}

// Columns returns the columns of the indicator table in order. The slice
// is a copy.
func Columns() []Column { return append([]Column(nil), columns[:]...) }

// Book keys, in order: the year, the title, the book-wide values of the
// signature fields (SignFields), the forms. The lists of keys are made at
// the first decode, not when a command that decodes nothing starts.
var bookKeys = sync.OnceValue(func() []string {
	keys := []string{"year", "title"}
	for _, fd := range SignFields() {
		keys = append(keys, fd.Key)
	}
	return append(keys, "forms")
})

// SignFields returns the fields printed in the signature block (Field.Sign),
// in order.
func SignFields() []Field {
	var out []Field
	for _, f := range fields {
		if f.Sign != "" {
			out = append(out, f)
		}
	}
	return out
}

// formKeys and indicatorKeys are the keys of the tables, for the decoder.
var (
	formKeys = sync.OnceValue(func() []string {
		var fk []string
		for _, f := range fields {
			fk = append(fk, f.Key)
		}
		return append(fk, IndicatorsKey)
	})
	indicatorKeys = sync.OnceValue(func() []string {
		var ik []string
		for _, c := range columns {
			ik = append(ik, c.Key)
		}
		return ik
	})
)

// LongTexts returns the long texts among Fields, in order.
func LongTexts() []Field {
	var out []Field
	for _, f := range fields {
		if f.Long() {
			out = append(out, f)
		}
	}
	return out
}
