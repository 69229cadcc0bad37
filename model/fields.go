package model

import "strconv"

// TextField is one printed text of a form with its path, for checks that
// must name where a character occurs (glyph coverage, control characters).
type TextField struct {
	Path string // e.g. forms[0].indicators[3].level3
	Text string
	Long bool // a long text (may hold line breaks)
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
	out := make([]TextField, 0, len(fields)+len(f.Indicators)*len(columns))
	for i := range fields {
		fd := &fields[i]
		switch fd.Kind {
		case YearKind:
			continue // not a text: printed as digits with 年度
		case AmountKind:
			out = append(out, TextField{Path: p(fd.Key), Text: fd.Value(f)})
		default:
			t := fd.Value(f)
			if t == "" {
				t = fd.Default
			}
			out = append(out, TextField{Path: p(fd.Key), Text: t, Long: fd.Long()})
		}
	}
	for i := range f.Indicators {
		ip := p(IndicatorsKey+"["+strconv.Itoa(i)+"]") + "."
		for j := range columns {
			out = append(out, TextField{Path: ip + columns[j].Key, Text: columns[j].Get(&f.Indicators[i])})
		}
	}
	return out
}
