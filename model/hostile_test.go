package model

import (
	"fmt"
	"testing"
)

// minimalForm is a form of one indicator row: valid, with about two dozen
// completeness warnings (the standard categories and 三级 it leaves out).
func minimalForm(i int) Form {
	return Form{Year: 2024, Unit: "单位", Department: "部门", Project: fmt.Sprintf("项目%d", i),
		TotalAmount: "10", YearAmount: "10", Overview: "概述", AnnualGoal: "目标",
		Indicators: []Indicator{{Level1: "产出指标", Level2: "数量指标", Level3: "人数", HalfYear: "≥1人", FullYear: "≥2人"}}}
}

// TestValidateManyForms: the completeness warnings of each form depend on
// that form's own errors only (the count kept as problems are recorded,
// not a rescan of every problem so far, which made 10,000 forms take 9 s).
func TestValidateManyForms(t *testing.T) {
	b := &Book{Year: 2024}
	const n = 2000
	for i := range n {
		f := minimalForm(i)
		if i%2 == 1 {
			f.Indicators[0].Level1 = "不存在的一级" // an error: no completeness warnings
		}
		b.Forms = append(b.Forms, f)
	}
	ps := Validate(b, nil)
	perForm := map[string][2]int{} // forms[i] → errors, completeness warnings
	errs := 0
	for _, p := range ps {
		var i int
		if _, err := fmt.Sscanf(p.Path, "forms[%d]", &i); err != nil {
			t.Fatalf("%s: no form in the path", p)
		}
		k := fmt.Sprint(i)
		c := perForm[k]
		switch {
		case p.Severity == Error:
			c[0]++
			errs++
		case p.Code == CodeCategoryMissing || p.Code == CodeStandardLevel3Missing:
			c[1]++
		}
		perForm[k] = c
	}
	if errs != len(ps.Errors()) || errs == 0 {
		t.Fatalf("%d errors counted, %d listed", errs, len(ps.Errors()))
	}
	for i := range n {
		c := perForm[fmt.Sprint(i)]
		if i%2 == 1 && (c[0] == 0 || c[1] != 0) || i%2 == 0 && (c[0] != 0 || c[1] < 10) {
			t.Fatalf("forms[%d]: %d errors, %d completeness warnings", i, c[0], c[1])
		}
	}
}
