package msg

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestListIn: a list is joined as each language writes one, its items
// escaped and, when asked, quoted.
func TestListIn(t *testing.T) {
	for _, c := range []struct {
		name   string
		list   List
		en, zh string
	}{
		{"none", Plain(), "", ""},
		{"one", Plain("render"), "render", "render"},
		{"two", Plain("render", "binder"), "render, binder", "render、binder"},
		{"three quoted", Quoted("体检费", "工伤医疗费", "见习补贴"),
			"“体检费”, “工伤医疗费”, “见习补贴”", "“体检费”、“工伤医疗费”、“见习补贴”"},
		{"one quoted", Quoted("江阴市就业管理中心"), "“江阴市就业管理中心”", "“江阴市就业管理中心”"},
		// An item holding a comma of its own: the items are told apart
		// by semicolons.
		{"comma in an item", Plain("a, b", "c"), "a, b; c", "a, b；c"},
		{"Chinese comma in an item", Quoted("培训，就业", "见习"), "“培训，就业”; “见习”", "“培训，就业”；“见习”"},
		{"enumeration comma in an item", Plain("决策：项目立项、绩效目标", "过程：资金管理、组织实施"),
			"决策：项目立项、绩效目标; 过程：资金管理、组织实施", "决策：项目立项、绩效目标；过程：资金管理、组织实施"},
		{"semicolon in an item", Plain("a; b", "c"), "a; b; c", "a; b；c"},
		// User text is escaped, inside the quotation marks.
		{"escaped", Quoted("x\x1b[31m", "a\u202Eb"), `“x\u001b[31m”, “aU+202Eb”`, `“x\u001b[31m”、“aU+202Eb”`},
		{"line break", Plain("一\n二", "三"), `一\u000a二, 三`, `一\u000a二、三`},
		// A Raw item is the program's, escaped already: kept as it is (an
		// escaped sequence is not escaped again); a message item is said in
		// the list's language.
		{"raw", List{Items: []any{Raw(`1 体检费 (a.json)`), Raw(`2 x\u001b (b.json)`)}},
			`1 体检费 (a.json), 2 x\u001b (b.json)`, `1 体检费 (a.json)、2 x\u001b (b.json)`},
		{"messages", List{Items: []any{New(FormNamed, 3, "就业见习补贴", New(LocSheet, "book.xlsx", "就业\x1b")), New(FormNumbered, 5, "a.json")}},
			`3 就业见习补贴 (book.xlsx: 就业\u001b), 5 (a.json)`, `3 就业见习补贴（book.xlsx 工作表“就业\u001b”）、5（a.json）`},
		{"counts", List{Items: []any{Count{N: 1, Unit: UnitForm}, Count{N: 2, Unit: UnitForm}}}, "1 form, 2 forms", "1 张表、2 张表"},
	} {
		require.Equal(t, c.en, c.list.In(English), c.name)
		require.Equal(t, c.zh, c.list.In(Chinese), c.name)
	}
}

// TestListArgument: a List put into a template is formatted in the
// template's language; Made items are not escaped, others are.
func TestListArgument(t *testing.T) {
	require.Equal(t, "did you mean render, binder?", English.Text(DidYouMean, Plain("render", "binder")))
	require.Equal(t, "是否应为 render、binder？", Chinese.Text(DidYouMean, Plain("render", "binder")))
	require.Equal(t, "最接近的项目名称：“体检费”、“a\\u0007b”", Chinese.Text(ProjectNearest, Quoted("体检费", "a\x07b")))
	e := New(UnitsNotPrinted, Quoted("甲单位", "乙单位"))
	require.Equal(t, "no binder for units whose forms all have errors: “甲单位”, “乙单位”", e.Error())
	require.Equal(t, "以下单位的表都有错误，未生成装订本：“甲单位”、“乙单位”", e.In(Chinese))
}

// TestProblemListTail: a problem's list is its values from the list's
// place on, one item each, joined by the catalogue in the language.
func TestProblemListTail(t *testing.T) {
	vals := []string{"产出", "决策", "过程", "产出指标", "效益指标", "满意度指标"}
	require.Equal(t, "产出 is not a standard 一级指标 (expected one of 决策, 过程, 产出指标, 效益指标, 满意度指标)",
		ProblemMessage(English, "level1-not-standard", vals))
	require.Equal(t, "“产出”不是标准的一级指标（应为 决策、过程、产出指标、效益指标、满意度指标 之一）",
		ProblemMessage(Chinese, "level1-not-standard", vals))
	// Items that hold 、 are told apart by semicolons.
	order := []string{"产出指标", "质量指标", "决策：项目立项、绩效目标、资金投入", "过程：资金管理、组织实施"}
	require.Equal(t, "产出指标/质量指标 is out of the standard order (决策：项目立项、绩效目标、资金投入; 过程：资金管理、组织实施)",
		ProblemMessage(English, "out-of-order", order))
	require.Equal(t, "“产出指标/质量指标”没有按标准顺序排列（标准顺序：决策：项目立项、绩效目标、资金投入；过程：资金管理、组织实施）",
		ProblemMessage(Chinese, "out-of-order", order))
	// A list of one item; the values are user text, escaped.
	require.Equal(t, "项目名称中有看不见或会打乱文字顺序的字符 U+202E：生成文件名时已去掉",
		ProblemMessage(Chinese, "invisible-in-name", []string{"U+202E"}))
	require.Equal(t, `工作簿中没有绩效目标表（工作表：“填表说明”、“a\u001bb”）：表格中应有印刷表上的标签（项目名称、一级指标 等）；可从空白模板开始填写（命令 jixiao template，或网页上的“下载空白模板”）`,
		ProblemMessage(Chinese, "xlsx-no-forms", []string{"填表说明", "a\x1bb"}))
	// The codes with a list are in the catalogue, and the list is the
	// last place of both templates.
	for _, lt := range listTails {
		c, at := lt.code, lt.listTail
		require.True(t, Has(c), c)
		require.Equal(t, at.place, places(English.Template(c)), c)
		require.Equal(t, at.place, places(Chinese.Template(c)), c)
	}
}

// The thing whose keys an unknown key's problem lists is said in the
// message's language, not in model's English word.
func TestUnknownKeyKind(t *testing.T) {
	for _, c := range []struct {
		l      Lang
		code   string
		values []string
		want   string
	}{
		{Chinese, "unknown-key", []string{"projekt", "form", "title", "year"}, "没有“projekt”这个字段；表的字段有：title、year"},
		{Chinese, "unknown-key", []string{"x", "book", "year", "forms"}, "没有“x”这个字段；册的字段有：year、forms"},
		{Chinese, "unknown-key-similar", []string{"levl1", "level1", "indicator", "level1", "level2"}, "没有“levl1”这个字段，是否应为“level1”？指标行的字段有：level1、level2"},
		{English, "unknown-key", []string{"x", "indicator", "level1", "level2"}, `unknown key "x"; an indicator row has the keys level1, level2`},
		{English, "unknown-key", []string{"x", "form", "title"}, `unknown key "x"; a form has the keys title`},
	} {
		require.Equal(t, c.want, ProblemMessage(c.l, c.code, c.values))
	}
}
