package model

import "fmt"

// TextField is one printed text of a form with its path, for checks that
// must name where a character occurs (glyph coverage, control characters).
type TextField struct {
	Path string // e.g. forms[0].indicators[3].level3
	Text string
}

// TextFields lists every printed text of the form, in print order, with
// paths below prefix (e.g. "forms[0]"). Labels printed by the form itself
// (项目名称, 一级指标 …) are not included: they are fixed.
func (f *Form) TextFields(prefix string) []TextField {
	p := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	out := []TextField{
		{p("title"), f.TitleOrDefault()},
		{p("unit"), f.Unit},
		{p("department"), f.Department},
		{p("project"), f.Project},
		{p("total_amount"), string(f.TotalAmount)},
		{p("year_amount"), string(f.YearAmount)},
	}
	for _, lt := range LongTexts {
		out = append(out, TextField{p(lt.Key), f.Text(lt.Key)})
	}
	for i, in := range f.Indicators {
		ip := p(fmt.Sprintf("indicators[%d]", i))
		out = append(out,
			TextField{ip + ".level1", in.Level1},
			TextField{ip + ".level2", in.Level2},
			TextField{ip + ".level3", in.Level3},
			TextField{ip + ".half_year", in.HalfYear},
			TextField{ip + ".full_year", in.FullYear},
		)
	}
	return out
}
