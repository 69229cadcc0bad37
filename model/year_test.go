package model

import (
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/msg"
)

// A year's problems say what to do (review 7, item 14): "2024" in quotation
// marks is told to lose them, 2024.5 is a number (not a text), and a year
// out of range is one error, not also a form of another year.
func TestYearMessages(t *testing.T) {
	decode := func(year string) []Problem {
		t.Helper()
		src := `{"year": 2024, "forms": [{"year": ` + year + `}]}`
		book, s, err := Decode([]byte(src), "y.json", FormatJSON)
		var out []Problem
		for _, de := range DecodeErrors(err) {
			out = append(out, de.Problems...)
		}
		if err == nil {
			for _, p := range Validate(book, s) {
				if p.Path == "forms[0].year" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	ps := decode(`"2024"`)
	require.Len(t, ps, 1)
	require.Equal(t, CodeQuotedNumber, ps[0].Code)
	require.Equal(t, `expected a whole number such as 2024, got the text "2024": write it without the quotation marks, as 2024`, english(ps[0]))
	require.Equal(t, "这里应当是整数（如 2024），却是加了引号的文字“2024”：请去掉引号，写成 2024", msg.ProblemMessage(msg.Chinese, ps[0].Code, ps[0].Args))

	ps = decode(`2024.5`)
	require.Len(t, ps, 1)
	require.Equal(t, "expected a whole number such as 2024, got the number 2024.5", english(ps[0]))
	require.Equal(t, "这里应当是整数（如 2024），却是数字 2024.5", msg.ProblemMessage(msg.Chinese, ps[0].Code, ps[0].Args))

	ps = decode(`"二〇二四"`)
	require.Len(t, ps, 1)
	require.Equal(t, CodeNotWholeNumber, ps[0].Code)

	ps = decode(`-1`)
	require.Len(t, ps, 1, "%v", ps)
	require.Equal(t, CodeYearImplausible, ps[0].Code)
	ps = decode(`2023`)
	require.Len(t, ps, 1)
	require.Equal(t, CodeFormYearDiffers, ps[0].Code)
}
