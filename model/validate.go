package model

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode"
)

// Severity says whether a problem stops printing.
type Severity uint8

const (
	Error   Severity = iota // the form cannot be printed as it is
	Warning                 // printable, but probably not what was meant
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one finding of Validate.
type Problem struct {
	Path     string   // field path, e.g. forms[4].indicators[7].level2
	Severity Severity //
	Message  string   // what is wrong and what was expected
	Pos      Position // where the field was read, when known
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Pos.File != "" {
		b.WriteString(p.Pos.String())
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Path)
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

func (p Problem) Error() string { return p.String() }

// Errors joins the problems of severity Error into one error (nil if none).
func Errors(problems []Problem) error {
	var errs []error
	for _, p := range problems {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	return errors.Join(errs...)
}

// Validate checks a book and returns every problem at once, in the order of
// the fields. src, when not nil, gives the problems their file positions.
//
// Errors: a missing unit, department, project, year or amount; a year
// outside 1900–2200; a malformed amount; year_amount above total_amount;
// control characters; an unknown 一级, or a 二级 that is not one of its 一级;
// a standard 三级 of 决策/过程 under the wrong 二级; a category split in two
// places; a duplicate 三级 in one 二级; a 三级 without values, or values
// without a 三级; an empty-category row beside rows of the same 二级.
//
// Warnings (completeness ones only when the rows have no errors):
// categories out of the framework's order; a standard category or
// standard 三级 missing; a 三级 with only one of its two values; a form whose
// year differs from the book's; a form without indicators.
func Validate(b *Book, src *Source) []Problem {
	v := &validator{src: src}
	for i := range b.Forms {
		f := &b.Forms[i]
		prefix := fmt.Sprintf("forms[%d]", i)
		v.form(f, prefix)
		if b.Year != 0 && f.Year != 0 && f.Year != b.Year {
			v.warn(prefix+".year", "the form is of %d but the book is of %d", f.Year, b.Year)
		}
	}
	if len(b.Forms) == 0 {
		v.add("forms", Error, "the book has no forms")
	}
	return v.problems
}

type validator struct {
	src      *Source
	problems []Problem
}

func (v *validator) add(path string, sev Severity, format string, args ...any) {
	p := Problem{Path: path, Severity: sev, Message: fmt.Sprintf(format, args...)}
	if pos, ok := v.src.Position(path); ok {
		p.Pos = pos
	}
	v.problems = append(v.problems, p)
}

func (v *validator) errorf(path, format string, args ...any) { v.add(path, Error, format, args...) }
func (v *validator) warn(path, format string, args ...any)   { v.add(path, Warning, format, args...) }

func (v *validator) form(f *Form, prefix string) {
	p := func(k string) string { return prefix + "." + k }
	required := []struct{ key, label, val string }{
		{"unit", "单位名称", f.Unit},
		{"department", "主管部门", f.Department},
		{"project", "项目名称", f.Project},
	}
	for _, r := range required {
		if strings.TrimSpace(r.val) == "" {
			v.errorf(p(r.key), "%s is missing", r.label)
		}
	}
	switch {
	case f.Year == 0:
		v.errorf(p("year"), "年度 is missing")
	case f.Year < 1900 || f.Year > 2200:
		v.errorf(p("year"), "%d is not a plausible year (expected 1900–2200)", f.Year)
	}
	total := v.amount(f.TotalAmount, p("total_amount"), "项目总金额（万元）")
	year := v.amount(f.YearAmount, p("year_amount"), "本年度项目金额（万元）")
	if total != nil && year != nil && year.Cmp(total) > 0 {
		v.errorf(p("year_amount"), "本年度项目金额 %s is more than 项目总金额 %s", f.YearAmount, f.TotalAmount)
	}
	for _, tf := range f.TextFields(prefix) {
		v.control(tf, isLongText(tf.Path, prefix))
	}
	v.indicators(f.Indicators, p("indicators"))
}

func isLongText(path, prefix string) bool {
	for _, lt := range LongTexts {
		if path == prefix+"."+lt.Key {
			return true
		}
	}
	return false
}

func (v *validator) amount(a Amount, path, label string) *big.Rat {
	if a == "" {
		v.errorf(path, "%s is missing", label)
		return nil
	}
	r, _, err := a.Parse()
	if err != nil {
		v.errorf(path, "%s: %v", label, err)
		return nil
	}
	return r
}

// control reports control characters: none is allowed but the line feed
// that separates paragraphs of a long text.
func (v *validator) control(tf TextField, long bool) {
	i := 0
	for _, r := range tf.Text {
		i++
		if r == '\n' && long {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			if r == '\n' {
				v.errorf(tf.Path, "a line break (U+000A) at character %d: only the long texts may contain line breaks", i)
			} else {
				v.errorf(tf.Path, "control character %U at character %d: only line breaks, and only in the long texts", r, i)
			}
			return
		}
	}
}

func (v *validator) indicators(rows []Indicator, path string) {
	if len(rows) == 0 {
		v.warn(path, "the form has no indicators; the table will print the header only")
		return
	}
	type key struct{ l1, l2 string }
	closed1 := map[string]bool{}
	closed2 := map[key]bool{}
	split1, split2 := map[string]bool{}, map[key]bool{}
	level3s := map[key]map[string]int{}
	hasLevel3 := map[key]bool{}
	for _, r := range rows {
		if strings.TrimSpace(r.Level3) != "" {
			hasLevel3[key{r.Level1, r.Level2}] = true
		}
	}
	errorsBefore := v.count(Error)
	lastCat, lastSub := -1, -1
	outOfOrder := false
	for i, r := range rows {
		rp := fmt.Sprintf("%s[%d]", path, i)
		k := key{r.Level1, r.Level2}
		if i > 0 {
			prev := rows[i-1]
			if prev.Level1 != r.Level1 {
				closed1[prev.Level1] = true
			}
			if prev.Level1 != r.Level1 || prev.Level2 != r.Level2 {
				closed2[key{prev.Level1, prev.Level2}] = true
			}
		}
		cat := CategoryIndex(r.Level1)
		switch {
		case strings.TrimSpace(r.Level1) == "":
			v.errorf(rp+".level1", "一级指标 is missing (every row carries its full 一级 and 二级)")
		case cat < 0:
			msg := fmt.Sprintf("%s is not a standard 一级指标", r.Level1)
			if s := suggest(r.Level1, level1Names()); s != "" {
				msg += " (did you mean " + s + "?)"
			} else {
				msg += " (expected one of " + strings.Join(level1Names(), ", ") + ")"
			}
			v.errorf(rp+".level1", "%s", msg)
		case closed1[r.Level1] && !split1[r.Level1]:
			split1[r.Level1] = true // once: the rows after it say the same
			v.errorf(rp+".level1", "一级指标 %s is split: its rows must stand together", r.Level1)
		}
		sub := -1
		if cat >= 0 {
			sub = indexOf(Framework[cat].Level2, r.Level2)
			switch {
			case strings.TrimSpace(r.Level2) == "":
				v.errorf(rp+".level2", "二级指标 is missing (every row carries its full 一级 and 二级)")
			case sub < 0:
				msg := fmt.Sprintf("%s is not a 二级指标 of %s", r.Level2, r.Level1)
				if owner, ok := ParentOf(r.Level2); ok {
					msg += " (it belongs to " + owner + ")"
				} else if s := suggest(r.Level2, Framework[cat].Level2); s != "" {
					msg += " (did you mean " + s + "?)"
				} else {
					msg += " (expected one of " + strings.Join(Framework[cat].Level2, ", ") + ")"
				}
				v.errorf(rp+".level2", "%s", msg)
			case closed2[k] && !closed1[r.Level1] && !split2[k]:
				split2[k] = true
				v.errorf(rp+".level2", "二级指标 %s is split: its rows must stand together", r.Level2)
			}
		}
		if cat >= 0 && !outOfOrder {
			if cat < lastCat || (cat == lastCat && sub >= 0 && sub < lastSub) {
				v.warn(rp, "%s/%s is out of the standard order (%s)", r.Level1, r.Level2, frameworkOrder())
				outOfOrder = true
			}
			if cat != lastCat {
				lastSub = -1
			}
			lastCat = cat
			if sub >= 0 {
				lastSub = sub
			}
		}
		l3 := strings.TrimSpace(r.Level3)
		half, full := strings.TrimSpace(r.HalfYear), strings.TrimSpace(r.FullYear)
		switch {
		case l3 == "" && (half != "" || full != ""):
			v.errorf(rp+".level3", "三级指标 is missing but the row has values")
		case l3 == "" && hasLevel3[k]:
			v.errorf(rp, "an empty %s row beside rows of %s that have 三级指标: remove the empty row", r.Level2, r.Level2)
		case l3 == "" && i > 0 && rows[i-1].Level1 == r.Level1 && rows[i-1].Level2 == r.Level2:
			v.errorf(rp, "a second empty %s row: an empty category is one row", r.Level2)
		case l3 != "" && half == "" && full == "":
			v.errorf(rp, "三级指标 %s has no values: 半年（程）指标值 and 全年（程）指标值 are both empty", l3)
		case l3 != "" && half == "":
			v.warn(rp+".half_year", "三级指标 %s has no 半年（程）指标值", l3)
		case l3 != "" && full == "":
			v.warn(rp+".full_year", "三级指标 %s has no 全年（程）指标值", l3)
		}
		if l3 != "" {
			if level3s[k] == nil {
				level3s[k] = map[string]int{}
			}
			if j, dup := level3s[k][l3]; dup {
				v.errorf(rp+".level3", "三级指标 %s appears twice under %s (also at %s[%d])", l3, r.Level2, path, j)
			} else {
				level3s[k][l3] = i
			}
			if std, ok := StandardLevel3[l3]; ok && (std[0] != r.Level1 || std[1] != r.Level2) && cat >= 0 && sub >= 0 {
				v.errorf(rp+".level2", "三级指标 %s belongs under %s/%s, not %s/%s", l3, std[0], std[1], r.Level1, r.Level2)
			}
		}
	}
	// Standard categories and 三级 that the form leaves out. Not while the
	// rows have errors: a misspelt 二级 would also show up as a missing
	// category, which only buries the real message.
	if v.count(Error) > errorsBefore {
		return
	}
	present := map[key]bool{}
	for _, r := range rows {
		present[key{r.Level1, r.Level2}] = true
	}
	for _, c := range Framework {
		for _, l2 := range c.Level2 {
			if !present[key{c.Name, l2}] {
				v.warn(path, "the standard category %s/%s is missing; empty categories are still printed (add a row with an empty level3)", c.Name, l2)
			}
		}
	}
	var missing []string
	for l3, std := range StandardLevel3 {
		if _, ok := level3s[key{std[0], std[1]}][l3]; !ok {
			missing = append(missing, l3)
		}
	}
	sort.Strings(missing)
	for _, l3 := range missing {
		std := StandardLevel3[l3]
		v.warn(path, "the standard 三级指标 %s of %s/%s is missing", l3, std[0], std[1])
	}
}

func (v *validator) count(sev Severity) int {
	n := 0
	for _, p := range v.problems {
		if p.Severity == sev {
			n++
		}
	}
	return n
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func level1Names() []string {
	out := make([]string, len(Framework))
	for i, c := range Framework {
		out[i] = c.Name
	}
	return out
}

func frameworkOrder() string {
	var parts []string
	for _, c := range Framework {
		parts = append(parts, c.Name+": "+strings.Join(c.Level2, "、"))
	}
	return strings.Join(parts, "; ")
}
