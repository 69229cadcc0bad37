// Package model holds the data of a 市级财政项目支出预算绩效目标表 (municipal budget
// performance target form): the form, the book of a year's forms, the form
// schema (Fields, Columns) that every reader and writer goes through, the
// standard indicator framework, the JSON/YAML codecs, validation, and
// Problem, the one value a problem with the user's input is.
// The seed-text importer is in model/seedtext.
package model

// DefaultTitle is the official title printed on every form.
const DefaultTitle = "市级财政项目支出预算绩效目标表"

// Form is one performance target form. Its fields are described, in
// order, by Fields: the schema every reader and writer goes through.
type Form struct {
	Title       string      `json:"title"`        // 表名; DefaultTitle when empty
	Year        int         `json:"year"`         // 年度
	Unit        string      `json:"unit"`         // 单位名称
	Department  string      `json:"department"`   // 主管部门
	Project     string      `json:"project"`      // 项目名称
	TotalAmount Amount      `json:"total_amount"` // 项目总金额（万元）
	YearAmount  Amount      `json:"year_amount"`  // 本年度项目金额（万元）
	Overview    string      `json:"overview"`     // 项目概述
	Feasibility string      `json:"feasibility"`  // 项目可行性说明
	Necessity   string      `json:"necessity"`    // 项目必要性说明
	AnnualGoal  string      `json:"annual_goal"`  // 年度绩效目标
	OverallGoal string      `json:"overall_goal"` // 项目总目标
	OtherNotes  string      `json:"other_notes"`  // 其他需要说明的问题
	Filler      string      `json:"filler"`       // 填报人 (signature block; optional)
	Phone       string      `json:"phone"`        // 联系电话 (signature block; optional)
	FillDate    string      `json:"fill_date"`    // 填报日期 (signature block; optional)
	Indicators  []Indicator `json:"indicators"`   // 绩效指标, in print order
}

// Indicator is one row of the indicator table. Every row carries its full
// Level1 and Level2; a 二级 category without 三级 is one row whose Level3 and
// values are empty.
type Indicator struct {
	Level1   string `json:"level1"`    // 一级指标
	Level2   string `json:"level2"`    // 二级指标
	Level3   string `json:"level3"`    // 三级指标
	HalfYear string `json:"half_year"` // 半年（程）指标值
	FullYear string `json:"full_year"` // 全年（程）指标值
}

// Book is a year's list of forms: what the binder prints.
type Book struct {
	Year  int    `json:"year"`  // 年度
	Title string `json:"title"` // binder title; DefaultTitle when empty
	// Sign holds the book-wide values of the signature fields (SignFields:
	// 填报人, 联系电话, 填报日期), keyed by field key; a form's own value wins.
	Sign  map[string]string `json:"-"`
	Forms []Form            `json:"forms"`
}

// WithSign returns f with each signature field it leaves empty taken from
// the book (Book.Sign).
func (b *Book) WithSign(f Form) Form {
	for _, fd := range SignFields() {
		if v := b.Sign[fd.Key]; v != "" && fd.Value(&f) == "" {
			_ = fd.Set(&f, v)
		}
	}
	return f
}

// Amount is a decimal amount in 万元 kept as written ("4012.8"), never a float.
type Amount string

// TitleOrDefault returns the form's title, DefaultTitle when it is empty.
func (f *Form) TitleOrDefault() string {
	if f.Title == "" {
		return DefaultTitle
	}
	return f.Title
}
