package clean

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNormalizeValue(t *testing.T) {
	cases := []struct{ in, want string }{
		{"=100%", "=100%"},
		{"≥80%", "≥80%"},
		{">15万", ">15万"},
		{"序时进度", "序时进度"},
		{"完成无锡指标", "完成无锡指标"},
		{" 充分 ", "充分"},
		{">=90%", "≥90%"},
		{"<= 5 %", "≤5%"},
		{`$\geq 95\%$`, "≥95%"},
		{`$\leq 5\%$`, "≤5%"},
		{`$>90\%$`, ">90%"},
		{`$\ge 1.2\,万$`, "≥1.2万"},
		{`$\geqslant 60\%$`, "≥60%"},
		{"＞＝９０％", "≥90%"},
		{"＜5％", "<5%"},
		{"＝100％", "=100%"},
		{"≧80%", "≥80%"},
		{"完成 无锡 指标", "完成无锡指标"},
		{"= 100 %", "=100%"},
		{"SYB GYB", "SYB GYB"},
		{"1 000人", "1 000人"},
		{"同半年值,不超2/3", "同半年值，不超2/3"},
		{"≥1.2万", "≥1.2万"},
		{"&gt;80%", ">80%"},
		{"", ""},
	}
	for _, c := range cases {
		got := NormalizeValue(c.in)
		require.Equal(t, c.want, got, "NormalizeValue(%q)", c.in)
		require.Equal(t, got, NormalizeValue(got), "not idempotent on %q", c.in)
	}
}

func TestCleanLabel(t *testing.T) {
	cases := []struct{ in, want string }{
		{"江阴市人力资源和社会保障局 (机关)", "江阴市人力资源和社会保障局（机关）"},
		{"服务对象 满意度", "服务对象满意度"},
		{"离校未就业高校毕业生年末就业率(年报)", "离校未就业高校毕业生年末就业率（年报）"},
		{"项目总金额(万元)", "项目总金额（万元）"},
		{"  补贴覆盖镇、街道数 ", "补贴覆盖镇、街道数"},
		{"SYB 创业培训", "SYB 创业培训"},
		{"Hello, world (test)", "Hello, world (test)"},
		{"两行\n标签", "两行标签"},
		{"A&amp;B<b>粗</b>", "A&B粗"},
		{"新建标准化“家门口” 就业服务站数", "新建标准化“家门口”就业服务站数"},
	}
	for _, c := range cases {
		got := CleanLabel(c.in)
		require.Equal(t, c.want, got, "CleanLabel(%q)", c.in)
		require.Equal(t, got, CleanLabel(got), "not idempotent on %q", c.in)
	}
}

func TestCleanText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"paragraphs", "<p>第一段。</p> <p>第二段。</p>", "第一段。\n第二段。"},
		{"br and entities", "甲&nbsp;乙<br>丙&amp;丁 &lt;5%", "甲乙\n丙&丁 <5%"},
		{"ol without li (seed line 147)",
			`<ol style="list-style-type: none"> 做好业务的宣传工作 完成本辖区业务工作的实施 预防化解劳资矛盾、促进本辖区社会稳定 `,
			"1. 做好业务的宣传工作\n2. 完成本辖区业务工作的实施\n3. 预防化解劳资矛盾、促进本辖区社会稳定"},
		{"ol already numbered (seed line 484)",
			`<ol style="list-style-type: none"> 1、及时更新数据库。 2、按时、准确地发放保障金。 `,
			"1、及时更新数据库。\n2、按时、准确地发放保障金。"},
		{"ol with li", "<ol><li>甲</li><li>（2）乙</li><li>SYB 培训</li></ol>", "1. 甲\n（2）乙\n3. SYB 培训"},
		{"ul with li", "前言<ul><li>甲</li><li>乙</li></ul>后记", "前言\n甲\n乙\n后记"},
		{"inline numbered list (seed line 446)",
			"1、及时准确核定退休待遇 2、按时、足额发放待遇 3、每月申请补助资金。",
			"1、及时准确核定退休待遇\n2、按时、足额发放待遇\n3、每月申请补助资金。"},
		{"number out of sequence stays", "1、甲 3、乙", "1、甲 3、乙"},
		{"half-width punctuation (seed form 3)", "提升职业技能,促进未就业高校毕业生就业;达90%以上:完成(机关)?是!",
			"提升职业技能，促进未就业高校毕业生就业；达90%以上：完成（机关）？是！"},
		{"Latin punctuation kept", "see e.g. foo(bar), baz: 1,000", "see e.g. foo(bar), baz: 1,000"},
		{"LaTeX", `满意度达到$\geq 95\%$以上`, "满意度达到≥95%以上"},
		{"stray spaces", "  甲 乙  \n\n   丙　丁 \r\n SYB 创业 ", "甲乙\n丙丁\nSYB 创业"},
		{"other tags dropped", `<span style="x">甲</span><b>乙</b>`, "甲乙"},
		{"empty", "<p></p>", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CleanText(c.in)
			require.Equal(t, c.want, got)
			require.Equal(t, got, CleanText(got), "not idempotent")
		})
	}
}

// markupTokens are the pieces random texts are built from: Chinese, Latin,
// blanks, punctuation of both widths, markup, entities and LaTeX.
var markupTokens = []string{
	"甲", "乙", "丙", "就业", "满意度", "（", "）", "，", "。", "、", "《", "》", "“", "”",
	"SYB", "and", "e.g.", "1", "2.5", "100%", "万",
	" ", "  ", "\t", "\n", "\u3000", "\u00a0",
	",", ";", ":", "(", ")", "?", "!", ".", "-", "<", ">", "=", ">=", "<=", "＞", "＝", "％",
	"<p>", "</p>", "<br>", "<br/>", `<ol style="list-style-type: none">`, "</ol>", "<ul>", "<li>", "</li>", "<span>", "</b>",
	"&nbsp;", "&amp;", "&lt;", "&gt;", "&amp;lt;", "&#65;",
	"$", `\geq`, `\%`, `\,`, `$\leq 5\%$`, `$\geq 95\%$`, "{", "}",
	"1、", "2、", "3、", "一、", "二、", "（1）", "（2）", "1. ",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	n := r.IntN(30)
	for i := 0; i < n; i++ {
		b.WriteString(markupTokens[r.IntN(len(markupTokens))])
	}
	return b.String()
}

// hanOf returns the Chinese characters of s in order.
func hanOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isHan(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestNormalizeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	funcs := []struct {
		name string
		f    func(string) string
	}{{"CleanText", CleanText}, {"CleanLabel", CleanLabel}, {"NormalizeValue", NormalizeValue}}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		in := randomText(r)
		for _, fn := range funcs {
			out := fn.f(in)
			require.Equal(t, out, fn.f(out), "%s not idempotent on %q", fn.name, in)
			// Markup tokens hold no Chinese, so every Chinese character of
			// the input must survive, in order.
			require.Equal(t, hanOf(in), hanOf(out), "%s lost Chinese characters of %q", fn.name, in)
			require.Equal(t, strings.TrimSpace(out), out, "%s left outer blanks in %q", fn.name, in)
			if fn.name != "CleanText" {
				require.NotContains(t, out, "\n", "%s left a line break in %q", fn.name, in)
			}
			for _, line := range strings.Split(out, "\n") {
				if fn.name == "CleanText" && out != "" {
					require.NotEmpty(t, line, "CleanText left an empty line in %q", in)
				}
			}
		}
	}
}

// FuzzClean checks the normalisation functions on arbitrary strings: no
// panic, idempotent, no Chinese character lost outside markup and entities.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"<p>甲,乙</p>", `$\geq 95\%$`, "1、甲 2、乙", "局 (机关)", "&lt;p&gt;甲"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) string{CleanText, CleanLabel, NormalizeValue} {
			out := fn(s)
			if fn(out) != out {
				t.Fatalf("not idempotent on %q: %q then %q", s, out, fn(out))
			}
		}
	})
}

func TestDigits(t *testing.T) {
	cases := []struct{ in, want string }{
		{"１２３", "123"},
		{"４０１２.８", "4012.8"},
		{"４０１２．８", "4012.8"},
		{"（２０２５年度）", "（2025年度）"},
		{"4012.8", "4012.8"},
		{"１，２３４", "1，234"}, // separators are the reader's to judge
		{"一二三", "一二三"},
		{"", ""},
	}
	for _, c := range cases {
		got := Digits(c.in)
		require.Equal(t, c.want, got, "Digits(%q)", c.in)
		require.Equal(t, got, Digits(got), "not idempotent on %q", c.in)
	}
}
