package model

import (
	"strconv"
	"strings"
)

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
	out := make([]TextField, 0, len(fields)+len(f.Indicators)*len(columns))
	f.EachText(func(key string, row int, text string, long bool) {
		out = append(out, TextField{Path: TextPath(prefix, key, row), Text: text, Long: long})
	})
	return out
}

// EachText calls each with every printed text of the form as TextFields
// lists them: its key, its indicator row (-1 for a field of the form),
// the text and whether it is long. The path (TextPath) is left for the
// caller to write when a message needs it: most texts need none.
func (f *Form) EachText(each func(key string, row int, text string, long bool)) {
	for i := range fields {
		fd := &fields[i]
		switch fd.Kind {
		case YearKind:
			continue // not a text: printed as digits with 年度
		case AmountKind:
			each(fd.Key, -1, fd.Value(f), false)
		default:
			t := fd.Value(f)
			if t == "" {
				t = fd.Default
			}
			each(fd.Key, -1, t, fd.Long())
		}
	}
	for i := range f.Indicators {
		for j := range columns {
			each(columns[j].Key, i, columns[j].Get(&f.Indicators[i]), false)
		}
	}
}

// TextPath is the path below prefix of the text at key of indicator row
// row (-1: of the form).
func TextPath(prefix, key string, row int) string {
	b := make([]byte, 0, len(prefix)+len(key)+len(IndicatorsKey)+8)
	if prefix != "" {
		b = append(b, prefix...)
		b = append(b, '.')
	}
	if row >= 0 {
		b = appendRowPath(b, row)
		b = append(b, '.')
	}
	b = append(b, key...)
	return string(b)
}

// FormPath is the path of form i of a book: forms[3]. Every path of a
// form's field starts with it (TextPath's prefix), and FormIndex reads it
// back.
func FormPath(i int) string { return string(appendFormPath(nil, i)) }

func appendFormPath(b []byte, i int) []byte {
	b = append(b, formsPathStart...)
	b = strconv.AppendInt(b, int64(i), 10)
	return append(b, ']')
}

// formsPathStart begins the path of a form (FormPath).
const formsPathStart = "forms["

// CutFormPath reads the path of a form (FormPath) at the start of path: 3 and
// ".indicators[7].level2" for "forms[3].indicators[7].level2"; ok is
// false for a path of no form.
func CutFormPath(path string) (i int, rest string, ok bool) {
	after, found := strings.CutPrefix(path, formsPathStart)
	if !found {
		return 0, "", false
	}
	return cutIndex(after)
}

// RowPath is the path of indicator row row of a form: indicators[3].
func RowPath(row int) string { return string(appendRowPath(nil, row)) }

func appendRowPath(b []byte, row int) []byte {
	b = append(b, IndicatorsKey+"["...)
	b = strconv.AppendInt(b, int64(row), 10)
	return append(b, ']')
}
