package model

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/msg"
)

func validForm(t *testing.T) Form {
	t.Helper()
	b, _, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	return b.Forms[0]
}

func TestValidateAcceptsTheExampleForm(t *testing.T) {
	f := validForm(t)
	problems := Validate(&Book{Year: 2024, Forms: []Form{f}}, nil)
	require.Empty(t, problems)
}

// TestValidateRules breaks a valid form in one way per case and checks that
// exactly the expected problem is reported.
func TestValidateRules(t *testing.T) {
	cases := []struct {
		name   string
		code   string
		break_ func(f *Form)
		sev    Severity
		path   string
		msg    string
	}{
		{"missing unit", CodeRequiredMissing, func(f *Form) { f.Unit = " " }, Error, "forms[0].unit", "单位名称 is missing"},
		{"missing department", CodeRequiredMissing, func(f *Form) { f.Department = "" }, Error, "forms[0].department", "主管部门 is missing"},
		{"missing project", CodeRequiredMissing, func(f *Form) { f.Project = "" }, Error, "forms[0].project", "项目名称 is missing"},
		{"missing year", CodeRequiredMissing, func(f *Form) { f.Year = 0 }, Error, "forms[0].year", "年度 is missing"},
		{"implausible year", CodeYearImplausible, func(f *Form) { f.Year = 24 }, Error, "forms[0].year", "not a plausible year"},
		{"missing amount", CodeRequiredMissing, func(f *Form) { f.TotalAmount = "" }, Error, "forms[0].total_amount", "项目总金额（万元） is missing"},
		{"malformed amount", CodeAmountMalformed, func(f *Form) { f.YearAmount = "4,012.8" }, Error, "forms[0].year_amount", "is not an amount"},
		{"negative amount", CodeAmountMalformed, func(f *Form) { f.YearAmount = "-1" }, Error, "forms[0].year_amount", "is not an amount"},
		{"too many decimals", CodeAmountDecimals, func(f *Form) { f.YearAmount = "1.1234567" }, Error, "forms[0].year_amount", "7 decimal places"},
		{"amount typed in yuan", CodeAmountLooksLikeYuan, func(f *Form) { f.TotalAmount, f.YearAmount = "24690000", "2469" }, Warning, "forms[0].total_amount", "项目总金额（万元）: 24690000 is 2469 亿元; if it was typed in 元, write 2469 (万元)"},
		{"level1 abbreviated", CodeLevel1Unknown, func(f *Form) { setLevel1(f, "产出指标", "产出") }, Error, "forms[0].indicators[11].level1", "产出 is not a standard 一级指标 (did you mean 产出指标?)"},
		{"level1 abbreviated 满意度", CodeLevel1Unknown, func(f *Form) { setLevel1(f, "满意度指标", "满意度") }, Error, "forms[0].indicators[21].level1", "满意度 is not a standard 一级指标 (did you mean 满意度指标?)"},
		{"level2 abbreviated", CodeLevel2NotInLevel1, func(f *Form) { f.Indicators[11].Level2 = "数量" }, Error, "forms[0].indicators[11].level2", "数量 is not a 二级指标 of 产出指标 (did you mean 数量指标?)"},
		{"year above total", CodeYearAmountAbove, func(f *Form) { f.YearAmount = "4012.81" }, Error, "forms[0].year_amount", "本年度项目金额 4012.81 is more than 项目总金额 4012.8"},
		{"control character", CodeControlCharacter, func(f *Form) { f.Overview = "a\u0001b" }, Error, "forms[0].overview", "control character U+0001 at character 2"},
		{"line break in short field", CodeLineBreak, func(f *Form) { f.Project = "a\nb" }, Error, "forms[0].project", "a line break (U+000A) at character 2"},
		{"unknown level1", CodeLevel1Unknown, func(f *Form) { setLevel1(f, "决策", "决册") }, Error, "forms[0].indicators[0].level1", "决册 is not a standard 一级指标 (did you mean 决策?)"},
		{"misplaced level2", CodeLevel2NotInLevel1, func(f *Form) { f.Indicators[2].Level2 = "组织目标"; f.Indicators[3].Level2 = "组织目标" }, Error, "forms[0].indicators[2].level2", "组织目标 is not a 二级指标 of 决策 (did you mean 绩效目标?)"},
		{"level2 of another level1", CodeLevel2OtherLevel1, func(f *Form) { f.Indicators[11].Level2 = "社会效益" }, Error, "forms[0].indicators[11].level2", "社会效益 is not a 二级指标 of 产出指标 (it belongs to 效益指标)"},
		{"standard level3 misplaced", CodeLevel3WrongLevel2, func(f *Form) { f.Indicators[1].Level2 = "绩效目标" }, Error, "forms[0].indicators[1].level2", "立项程序规范性 belongs under 决策/项目立项, not 决策/绩效目标"},
		{"level1 split", CodeLevel1Split, func(f *Form) {
			f.Indicators = append(f.Indicators, Indicator{"决策", "项目立项", "另一个", "a", "b"})
		}, Error, "forms[0].indicators[22].level1", "一级指标 决策 is split"},
		{"level2 split", CodeLevel2Split, func(f *Form) { f.Indicators[13], f.Indicators[14] = f.Indicators[14], f.Indicators[13] }, Error, "forms[0].indicators[14].level2", "二级指标 质量指标 is split"},
		{"duplicate level3", CodeLevel3Duplicate, func(f *Form) { f.Indicators[13].Level3 = f.Indicators[12].Level3 }, Error, "forms[0].indicators[13].level3", "体检人员参与率 appears twice under 质量指标 (also at forms[0].indicators[12])"},
		{"level3 without values", CodeLevel3NoValues, func(f *Form) { f.Indicators[11].HalfYear, f.Indicators[11].FullYear = "", "" }, Error, "forms[0].indicators[11].half_year", "参与体检人数 has no values"},
		{"values without level3", CodeValuesWithoutLevel3, func(f *Form) { f.Indicators[15].FullYear = "1" }, Error, "forms[0].indicators[15].level3", "三级指标 is missing but the row has values"},
		{"empty row beside level3 rows", CodeEmptyRowBeside, func(f *Form) {
			f.Indicators = append(f.Indicators[:12], append([]Indicator{{"产出指标", "数量指标", "", "", ""}}, f.Indicators[12:]...)...)
		}, Error, "forms[0].indicators[12]", "an empty 数量指标 row beside rows"},
		{"empty level2", CodeLevel2Missing, func(f *Form) { f.Indicators[15].Level2 = "" }, Error, "forms[0].indicators[15].level2", "二级指标 is missing"},
		{"half value missing", CodeHalfYearMissing, func(f *Form) { f.Indicators[11].HalfYear = "" }, Warning, "forms[0].indicators[11].half_year", "has no 半年（程）指标值"},
		{"full value missing", CodeFullYearMissing, func(f *Form) { f.Indicators[11].FullYear = "" }, Warning, "forms[0].indicators[11].full_year", "has no 全年（程）指标值"},
		{"out of order", CodeOutOfOrder, func(f *Form) {
			f.Indicators[12], f.Indicators[13], f.Indicators[14] = f.Indicators[14], f.Indicators[12], f.Indicators[13]
		}, Warning, "forms[0].indicators[13]", "产出指标/质量指标 is out of the standard order"},
		{"missing category", CodeCategoryMissing, func(f *Form) { f.Indicators = append(f.Indicators[:16], f.Indicators[17:]...) }, Warning, "forms[0].indicators", "the standard category 效益指标/经济效益 is missing"},
		{"missing standard level3", CodeStandardLevel3Missing, func(f *Form) { f.Indicators = append(f.Indicators[:8], f.Indicators[9:]...) }, Warning, "forms[0].indicators", "the standard 三级指标 资金使用合规性 of 过程/资金管理 is missing"},
		{"two empty rows", CodeEmptyRowTwice, func(f *Form) {
			f.Indicators = append(f.Indicators[:16], append([]Indicator{{"产出指标", "成本指标", "", "", ""}}, f.Indicators[16:]...)...)
		}, Error, "forms[0].indicators[16]", "a second empty 成本指标 row"},
		{"no indicators", CodeNoIndicators, func(f *Form) { f.Indicators = nil }, Warning, "forms[0].indicators", "the form has no indicators"},
		{"year differs from book", CodeFormYearDiffers, func(f *Form) { f.Year = 2023 }, Warning, "forms[0].year", "the form is of 2023 but the book is of 2024"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := validForm(t)
			c.break_(&f)
			problems := Validate(&Book{Year: 2024, Forms: []Form{f}}, nil)
			found := false
			for _, p := range problems {
				if p.Path == c.path && p.Severity == c.sev && strings.Contains(english(p), c.msg) {
					found = true
					require.Equal(t, c.code, p.Code, p.String())
				}
				requireArgsQuoted(t, p)
			}
			require.True(t, found, "want %s %s: …%s…; got:\n%s", c.sev, c.path, c.msg, list(problems))
			// Nothing else is wrong with the form, so no other error may be
			// reported (a second row of the same mistake is the same error).
			for _, p := range problems {
				if p.Severity == Error && !strings.Contains(english(p), c.msg) {
					t.Errorf("unexpected error besides the one wanted: %s", p)
				}
			}
			if c.sev == Error {
				require.Error(t, Errors(problems))
			} else {
				require.NoError(t, Errors(problems), "a warning alone must not fail validation")
			}
		})
	}
}

func setLevel1(f *Form, from, to string) {
	for i := range f.Indicators {
		if f.Indicators[i].Level1 == from {
			f.Indicators[i].Level1 = to
		}
	}
}

func list(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintln(&b, line(p))
	}
	return b.String()
}

func TestValidateEmptyBook(t *testing.T) {
	problems := Validate(&Book{Year: 2024}, nil)
	require.Len(t, problems, 1)
	require.Equal(t, "forms", problems[0].Path)
}

func TestValidateProblemsCarryFilePositions(t *testing.T) {
	src := strings.Replace(string(readTestdata(t, "form.json")), `"level2": "绩效目标"`, `"level2": "组织目标"`, 2)
	b, s, err := Decode([]byte(src), "form.json", FormatAuto)
	require.NoError(t, err)
	problems := Validate(b, s)
	require.NotEmpty(t, problems)
	p := problems[0]
	require.Equal(t, "forms[0].indicators[2].level2", p.Path)
	require.Equal(t, "form.json", p.Loc.File)
	require.Contains(t, p.String(), fmt.Sprintf("form.json:%d:", p.Loc.Line))
	line := []rune(strings.Split(src, "\n")[p.Loc.Line-1])
	require.True(t, strings.HasPrefix(string(line[p.Loc.Column-1:]), `"组织目标"`), "the position points at the value")
}

func TestAmountParseAndSum(t *testing.T) {
	for _, ok := range []string{"0", "4012.8", "13645.49", "0.000001", "193.55"} {
		_, _, err := Amount(ok).Parse()
		require.NoError(t, err, ok)
	}
	for _, bad := range []string{"", ".5", "5.", "1e3", "-1", "+1", "1,000", "１２", "NaN", "1.2.3"} {
		_, _, err := Amount(bad).Parse()
		require.Error(t, err, bad)
	}
	sum, err := Sum([]Amount{"4012.8", "13645.49", "250", "0.01"})
	require.NoError(t, err)
	require.Equal(t, Amount("17908.30"), sum)
	sum, err = Sum([]Amount{"0.1", "0.2"})
	require.NoError(t, err)
	require.Equal(t, Amount("0.30"), sum, "exact decimal arithmetic, not floats")
	sum, err = Sum([]Amount{"1.000001", "2"})
	require.NoError(t, err)
	require.Equal(t, Amount("3.000001"), sum)
	_, err = Sum([]Amount{"1", "x"})
	require.Error(t, err)
}

// TestValidateSplitReportedOnce: rows of a category torn apart are one
// mistake, reported once, not once for every row after the tear.
func TestValidateSplitReportedOnce(t *testing.T) {
	f := validForm(t)
	rows := f.Indicators
	// move the 产出指标 质量指标 rows (12, 13) to the end
	moved := append(append(append([]Indicator{}, rows[:12]...), rows[14:]...), rows[12:14]...)
	f.Indicators = moved
	problems := Validate(&Book{Year: 2024, Forms: []Form{f}}, nil)
	var splits []string
	for _, p := range problems {
		if strings.Contains(english(p), "is split") {
			splits = append(splits, p.Path+": "+english(p))
		}
	}
	require.Equal(t, []string{"forms[0].indicators[20].level1: 一级指标 产出指标 is split: its rows must stand together"}, splits, list(problems))
}

// requireArgsQuoted checks that a problem has a code and that each of its
// Args (the user values a translated message quotes) stands in its English
// message.
func requireArgsQuoted(t *testing.T, p Problem) {
	t.Helper()
	require.NotEmpty(t, p.Code, p.String())
	for i, a := range p.Args {
		if p.Code == CodeSyntax && i == 0 {
			continue // the parser's code of the error, not a value
		}
		require.Contains(t, english(p), a, "%s: argument %q not in the message", p.Code, a)
	}
}

// TestLabelsTrimmedAndMisspeltStandard: spaces around labels (half- and
// full-width) are trimmed before matching; a misspelt standard 三级 is
// reported at its row and taken as the standard one, not reported missing.
func TestLabelsTrimmedAndMisspeltStandard(t *testing.T) {
	b, src, err := Decode(readTestdata(t, "form.json"), "form.json", FormatAuto)
	require.NoError(t, err)
	require.Empty(t, Validate(b, src), "the test form is clean")
	var buf bytes.Buffer
	b.Forms[0].Indicators[0].Level1 = "决策 "
	b.Forms[0].Indicators[1].Level1 = "\u3000决策\u3000"
	b.Forms[0].Indicators[2].Level2 = " 绩效目标\t"
	b.Forms[0].Indicators[0].Level3 = "立项依据充分"
	require.NoError(t, EncodeJSON(&buf, b))
	b2, src2, err := Decode(buf.Bytes(), "book.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, "决策", b2.Forms[0].Indicators[1].Level1)
	require.Equal(t, "绩效目标", b2.Forms[0].Indicators[2].Level2)
	ps := Validate(b2, src2)
	require.Len(t, ps, 1, "%v", ps)
	require.Equal(t, CodeLevel3Misspelt, ps[0].Code)
	require.Equal(t, Warning, ps[0].Severity)
	require.Equal(t, "forms[0].indicators[0].level3", ps[0].Path)
	require.Contains(t, english(ps[0]), "立项依据充分性")
	// Not when the standard name is given too: then it is another 三级.
	b2.Forms[0].Indicators = append(b2.Forms[0].Indicators[:1], append([]Indicator{{"决策", "项目立项", "立项依据充分性", "充分", "充分"}}, b2.Forms[0].Indicators[1:]...)...)
	for _, p := range Validate(b2, nil) {
		require.NotEqual(t, CodeLevel3Misspelt, p.Code, "%v", p)
	}
}

// english is p's message as the catalogue writes it in English (the
// problem stores no text of its own).
func english(p Problem) string { return msg.ProblemMessage(msg.English, p.Code, p.Args) }

// line is p as the command line shows it in English (pipeline.ProblemText):
// "book.json:3:5: warning: forms[0].year: message".
func line(p Problem) string {
	var b strings.Builder
	if loc := p.Loc.String(); loc != "" {
		b.WriteString(msg.Escape(loc) + ": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Path != "" {
		b.WriteString(msg.Escape(p.Path) + ": ")
	}
	b.WriteString(msg.ProblemMessage(msg.English, p.Code, p.Args))
	return b.String()
}

// lines is the English text of the problems of err (a DecodeError or
// Problems), one a line; err's own text for any other error.
func lines(err error) string {
	var ps Problems
	var de *DecodeError
	switch {
	case errors.As(err, &de):
		ps = de.Problems
	case errors.As(err, &ps):
	default:
		return err.Error()
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = line(p)
	}
	return strings.Join(out, "\n")
}

// TestValidateTooManyIndicators: a form made in Go (or by the seed-text
// importer: no decoder read it) of more rows than MaxIndicators is an
// error at its list, in the words the decoders use; at the limit it is
// not.
func TestValidateTooManyIndicators(t *testing.T) {
	f := validForm(t)
	rows := f.Indicators
	for len(f.Indicators) < MaxIndicators {
		// 三级 of their own, so that the rows are not also duplicates.
		for _, r := range rows {
			r.Level3 += strconv.Itoa(len(f.Indicators))
			f.Indicators = append(f.Indicators, r)
		}
	}
	f.Indicators = f.Indicators[:MaxIndicators]
	count := func(b *Book) (n int, p Problem) {
		for _, q := range Validate(b, nil) {
			if q.Code == CodeTooManyIndicators {
				n, p = n+1, q
			}
		}
		return n, p
	}
	n, _ := count(&Book{Forms: []Form{f}})
	require.Zero(t, n, "at the limit")

	f.Indicators = append(f.Indicators, f.Indicators[0])
	g := validForm(t)
	n, p := count(&Book{Forms: []Form{g, f}})
	require.Equal(t, 1, n)
	require.Equal(t, Error, p.Severity)
	require.Equal(t, "forms[1].indicators", p.Path)
	require.Equal(t, []string{strconv.Itoa(MaxIndicators + 1), strconv.Itoa(MaxIndicators)}, p.Args)
	require.Equal(t, "the form has 2001 indicator rows, more than the 2000 a form may have (a form has a few dozen): split it into several forms", english(p))
	require.Equal(t, "这张表有 2001 行指标，超过每张表 2000 行的上限（一张表通常只有几十行）：请拆分为几张表", msg.ProblemMessage(msg.Chinese, p.Code, p.Args))
	require.Error(t, Validate(&Book{Forms: []Form{f}}, nil).Err(), "the form cannot be printed")
}

// TestValidateRowsPastLimit: the rows of a form past MaxIndicators (a form
// made in Go or by the seed-text importer: no decoder refused it) are not
// checked: 100,000 bad rows are told as the too-many-indicators error and
// the problems of the first MaxIndicators rows, not 100,000 times over,
// and a category the form gives only past the limit is not told missing
// (the rows past it are not read at all).
func TestValidateRowsPastLimit(t *testing.T) {
	const n = 100_000
	bad := validForm(t)
	row := Indicator{Level1: "坏一级", Level2: "坏二级", Level3: "坏\x01三级", FullYear: "1"}
	bad.Indicators = make([]Indicator, n)
	for i := range bad.Indicators {
		bad.Indicators[i] = row
	}
	got := Validate(&Book{Forms: []Form{bad}}, nil)
	cut := bad
	cut.Indicators = bad.Indicators[:MaxIndicators]
	want := Validate(&Book{Forms: []Form{cut}}, nil)
	// The rows of the limit give their problems, several a row.
	require.Greater(t, len(want), 2*MaxIndicators)
	var rest Problems
	told := 0
	for _, p := range got {
		if p.Code == CodeTooManyIndicators {
			told++
			require.Equal(t, "forms[0].indicators", p.Path)
			require.Equal(t, []string{strconv.Itoa(n), strconv.Itoa(MaxIndicators)}, p.Args)
			continue
		}
		rest = append(rest, p)
	}
	require.Equal(t, 1, told)
	require.Equal(t, len(want), len(rest), "the problems of the first %d rows only", MaxIndicators)
	for i := range want {
		require.Equal(t, want[i].String(), rest[i].String(), "problem %d", i)
	}

	// Good rows, one category (满意度指标) given only past the limit, the
	// others before it, one 二级 of them made long enough: no
	// completeness warning is made of the rows checked.
	good := validForm(t)
	var head, tail []Indicator
	for _, r := range good.Indicators {
		if r.Level1 == "满意度指标" {
			tail = append(tail, r)
			continue
		}
		head = append(head, r)
		if len(head) == 1 {
			require.NotEmpty(t, r.Level3)
			for k := 0; len(head) < MaxIndicators; k++ {
				r := r
				r.Level3 += strconv.Itoa(k) // not duplicates
				head = append(head, r)
			}
		}
	}
	require.NotEmpty(t, tail)
	require.GreaterOrEqual(t, len(head), MaxIndicators)
	good.Indicators = append(head, tail...)
	var codes []string
	for _, p := range Validate(&Book{Forms: []Form{good}}, nil) {
		codes = append(codes, p.Code)
	}
	require.Equal(t, []string{CodeTooManyIndicators}, codes)
}
