package layout

import (
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao/model"
)

// em is the size used by the line tests: 1 pt, so a CJK character of the
// fixed measurer is 1000 wide and a width of n*em holds n of them.
const em = Pt

// join rebuilds the input of BreakLines from its lines.
func join(lines []Line) string {
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l.Text)
		if l.End && i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func lineTexts(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

func TestNoLineStartsWithClosingMark(t *testing.T) {
	full := []rune("。，、；：？！”’）］〕】》〉」』〗｝·—～")
	half := []rune(".,;:?!)]}")
	for _, c := range append(full, half...) {
		// Greedy filling would put c first on line 2.
		text := "一二三四" + string(c) + "五六七"
		lines := BreakLines(text, Body, em, 4*em, fixed{})
		if join(lines) != text {
			t.Fatalf("%q: lines %q lose characters", c, lineTexts(lines))
		}
		for i, l := range lines {
			if i > 0 && firstRune(l.Text) == c {
				t.Errorf("%q starts line %d: %q", c, i+1, lineTexts(lines))
			}
		}
		if lines[0].Text != "一二三" {
			t.Errorf("%q: first line %q, want the last character pushed down with the mark", c, lines[0].Text)
		}
	}
}

func TestNoLineEndsWithOpeningMark(t *testing.T) {
	for _, o := range "“‘（［〔【《〈「『〖｛([{" {
		text := "一二三" + string(o) + "四五六七"
		lines := BreakLines(text, Body, em, 4*em, fixed{})
		if join(lines) != text {
			t.Fatalf("%q: lines %q lose characters", o, lineTexts(lines))
		}
		for i, l := range lines {
			if i < len(lines)-1 && lastRune(l.Text) == o {
				t.Errorf("%q ends line %d: %q", o, i+1, lineTexts(lines))
			}
		}
	}
}

func TestDoubledMarksNeverSplit(t *testing.T) {
	for _, m := range []string{"——", "……"} {
		for pre := 0; pre < 6; pre++ {
			text := strings.Repeat("字", pre) + m + "后文后文后文"
			lines := BreakLines(text, Body, em, 4*em, fixed{})
			if join(lines) != text {
				t.Fatalf("lines %q lose characters", lineTexts(lines))
			}
			found := false
			for _, l := range lines {
				if strings.Contains(l.Text, m) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q split: %q", m, lineTexts(lines))
			}
		}
	}
}

func TestLatinAndNumberRunsKeptWhole(t *testing.T) {
	for _, run := range []string{"2024", "4012.8", "SYB", "15", "≥80%", "2015", "13645.49", "GYB", "100%"} {
		for pre := 0; pre < 8; pre++ {
			text := strings.Repeat("字", pre) + run + "万元与规〔2015〕10号"
			lines := BreakLines(text, Body, em, 6*em, fixed{})
			if join(lines) != text {
				t.Fatalf("lines %q lose characters", lineTexts(lines))
			}
			found := false
			for _, l := range lines {
				if strings.Contains(l.Text, run) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q broken inside: %q", run, lineTexts(lines))
			}
			if all := strings.Join(lineTexts(lines), "|"); !strings.Contains(all, "2015") || !strings.Contains(all, "10") {
				t.Errorf("digits of 〔2015〕10号 broken: %q", lineTexts(lines))
			}
		}
	}
}

// Review 7, item 4: a word longer than a line is broken anyway, so it does
// not leave the line before it nearly empty: it fills that line first.
func TestLongLatinWordFillsTheLine(t *testing.T) {
	word := strings.Repeat("abcdefghij", 30) // 300 letters
	text := "项目" + word + "结束"
	width := 20 * em
	lines := BreakLines(text, Body, em, width, fixed{})
	if join(lines) != text {
		t.Fatalf("lines lose characters")
	}
	if want := "项目" + word[:36]; lines[0].Text != want {
		t.Errorf("first line %q, want %q: the word fills it", lines[0].Text, want)
	}
	for _, l := range lines {
		if l.Width > width {
			t.Errorf("line %q is %d wide, more than %d", l.Text, l.Width, width)
		}
	}
	if len(lines) < 300*500/20000 {
		t.Errorf("only %d lines", len(lines))
	}
}

// Review 7, item 4: an address longer than a line fills the line it starts
// on (「详见」 is not left alone) and breaks after its separators
// (/ - _ . ? & =), not inside a word, wherever a line holds one.
func TestLongAddressBreaksAfterSeparators(t *testing.T) {
	url := "https://www.jiangyin.gov.cn/rsj/zfxxgk/fdzdgknr/zcwj/art/2024/art_8f3a9c2e1b7d4e6f9a0b1c2d3e4f5a6b.html"
	cell := "https://example.org/very/long/path/without/any/spaces/at/all/indicator-definition-document-2024.pdf"
	for _, c := range []struct {
		text  string
		width Length
		first string
	}{
		{"详见" + url + "及附件。", 30 * em, "详见https://www.jiangyin.gov.cn/rsj/zfxxgk/fdzdgknr/zcwj/"},
		{"详见" + url + "及附件。", 21 * em, "详见https://www.jiangyin.gov.cn/rsj/"},
		{cell, 10 * em, "https://example.org/"},
		{"指标定义见" + cell, 12 * em, "指标定义见https://"},
	} {
		lines := BreakLines(c.text, Body, em, c.width, fixed{})
		if join(lines) != c.text {
			t.Fatalf("lines %q lose characters", lineTexts(lines))
		}
		if lines[0].Text != c.first {
			t.Errorf("width %d: first line %q, want %q", c.width, lines[0].Text, c.first)
		}
		for k, l := range lines[:len(lines)-1] {
			a, b := lastRune(l.Text), firstRune(lines[k+1].Text)
			if !softAfter(a) && !canBreak(a, classify(a), b, classify(b)) {
				t.Errorf("width %d: line %q ends inside a word; lines %q", c.width, l.Text, lineTexts(lines))
			}
			if l.Width > c.width {
				t.Errorf("line %q wider than %d", l.Text, c.width)
			}
		}
		checkBreaks(t, c.text, em, c.width, fixed{})
	}
	// A word that fits on a line of its own still goes there whole.
	lines := BreakLines("详见JYRSJ-2024-XLY-000001。", Body, em, 14*em, fixed{})
	if got := lineTexts(lines); len(got) != 2 || got[0] != "详见" {
		t.Errorf("a word shorter than a line was broken: %q", got)
	}
}

func TestForcedBreaksTerminate(t *testing.T) {
	cases := []struct {
		text  string
		width Length
	}{
		{strings.Repeat("。", 40), 3 * em},               // a line of only punctuation
		{strings.Repeat("（", 40), 3 * em},               // only opening marks
		{"一二三四五六七八九十", em / 2},                          // a column narrower than a character
		{"一二三", 0},                                      // no width at all
		{strings.Repeat("——", 20), 3 * em},              // dashes longer than a line
		{strings.Repeat("a", 50) + "。" + "（", 2 * em},   // word, mark, opening mark
		{"\n\n\n", 3 * em},                              // empty paragraphs
		{"", 3 * em},                                    // nothing
		{strings.Repeat(" ", 30) + "字", 2 * em},         // spaces wider than the line
		{"e\u0301e\u0301e\u0301e\u0301e\u0301", em / 2}, // combining marks
	}
	for _, c := range cases {
		lines := BreakLines(c.text, Body, em, c.width, fixed{})
		if got := join(lines); got != c.text {
			t.Errorf("%q at %d: rebuilt %q", c.text, c.width, got)
		}
		if len(lines) == 0 {
			t.Errorf("%q: no lines", c.text)
		}
		for _, l := range lines[:len(lines)-1] {
			if l.Text == "" && !l.End {
				t.Errorf("%q: empty line inside a paragraph", c.text)
			}
		}
	}
}

func TestParagraphsAndHangingIndent(t *testing.T) {
	text := "概述如下：\n1. 第一项内容比较长需要换行才能放下的内容\n一、第二项内容比较长需要换行才能放下\n（1）第三项内容比较长需要换行才能放下\n2、第四项内容比较长需要换行才能放下\n4012.8万元是一个数字而不是一个编号的开头"
	lines := BreakLines(text, Body, em, 10*em, fixed{})
	if join(lines) != text {
		t.Fatalf("rebuilt %q", join(lines))
	}
	want := map[string]Length{
		"1. ":  TextWidth("1. ", Body, em, fixed{}),
		"一、":   2 * em,
		"（1）":  TextWidth("（1）", Body, em, fixed{}),
		"2、":   TextWidth("2、", Body, em, fixed{}),
		"4012": 0,
	}
	var head string
	for _, l := range lines {
		if l.Start == 0 || text[l.Start-1] == '\n' {
			head = l.Text
			if l.Indent != 0 {
				t.Errorf("first line %q indented", l.Text)
			}
			continue
		}
		for p, ind := range want {
			if strings.HasPrefix(head, p) && l.Indent != ind {
				t.Errorf("continuation %q of %q: indent %d, want %d", l.Text, head, l.Indent, ind)
			}
		}
		if l.Indent+l.Width > 10*em {
			t.Errorf("line %q overflows with its indent", l.Text)
		}
	}
	paras := 0
	for _, l := range lines {
		if l.End {
			paras++
		}
	}
	if paras != 6 {
		t.Errorf("%d paragraphs, want 6", paras)
	}
}

func TestListNumber(t *testing.T) {
	for in, want := range map[string]string{
		"1. 内容": "1. ", "12、内容": "12、", "一、内容": "一、", "十二、内容": "十二、",
		"（1）内容": "（1）", "(2)内容": "(2)", "（三）内容": "（三）", "①内容": "①", "3）内容": "3）",
		"4012.8万元": "", "2024年": "", "1.": "", "一些内容": "", "（内容）": "", "": "",
	} {
		if got := in[:listNumber(in)]; got != want {
			t.Errorf("listNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJustification(t *testing.T) {
	text := strings.Repeat("字", 25) + "ab"
	width := 10*em + 300
	lines := BreakLines(text, Body, em, width, fixed{})
	for _, l := range lines {
		sp := l.Spacing(width, em)
		if l.End {
			if sp != 0 {
				t.Errorf("last line %q justified", l.Text)
			}
			continue
		}
		got := l.Width + Length(l.Runes-1)*sp
		if got > width || width-got >= Length(l.Runes-1) {
			t.Errorf("line %q justified to %d, want %d (within %d)", l.Text, got, width, l.Runes-1)
		}
	}
}

// checkBreaks verifies the line breaking of one text: exact text, widths as
// measured, every break legal unless forced, and lines filled greedily.
func checkBreaks(t *testing.T, text string, size, width Length, m Measurer) {
	t.Helper()
	lines := BreakLines(text, Body, size, width, m)
	if got := join(lines); got != text {
		t.Fatalf("width %d: rebuilt text differs\n got %q\nwant %q", width, got, text)
	}
	for i, l := range lines {
		if text[l.Start:l.Start+len(l.Text)] != l.Text {
			t.Fatalf("line %d: Start %d does not match", i, l.Start)
		}
		vis := strings.TrimRight(l.Text, " \t\u00a0")
		if w := TextWidth(vis, Body, size, m); w != l.Width {
			t.Errorf("line %q: Width %d, measured %d", l.Text, l.Width, w)
		}
		if l.Indent+l.Width > width && utf8.RuneCountInString(vis) > 1 {
			t.Errorf("line %q: %d+%d wider than %d", l.Text, l.Indent, l.Width, width)
		}
		if l.End || i == len(lines)-1 {
			continue
		}
		ps := strings.LastIndexByte(text[:l.Start], '\n') + 1
		pe := len(text)
		if k := strings.IndexByte(text[l.Start:], '\n'); k >= 0 {
			pe = l.Start + k
		}
		if itemAt(text, ps, pe, l.Start) > 0 && l.Indent != 0 {
			t.Errorf("line %q starts an item but is indented %d", l.Text, l.Indent)
		}
		next := lines[i+1]
		a, _ := utf8.DecodeLastRuneInString(l.Text)
		b, _ := utf8.DecodeRuneInString(next.Text)
		legal := canBreak(a, classify(a), b, classify(b))
		if !legal && hasOpportunity(l.Text) && !fillsWithLongRun(text, ps, pe, l, next, size, width, m) {
			t.Errorf("illegal break %q|%q although %q could break elsewhere", l.Text, next.Text, l.Text)
		}
		if legal && insideItemNumber(text, ps, pe, next.Start) && hasItemFreeOpportunity(text, ps, pe, l.Start, next.Start) {
			t.Errorf("break %q|%q after a list number although %q could break elsewhere", l.Text, next.Text, l.Text)
		}
		// Greedy: the next break opportunity after this one would overflow,
		// except that a paragraph's last line of one character takes one
		// more from the line before.
		if legal && !l.Forced {
			ext := nextChunkIn(text, ps, pe, next.Start)
			both := strings.TrimRight(l.Text+ext, " \t\u00a0")
			pulled := (next.End || next.Forced) && utf8.RuneCountInString(ext) == 1 && lonely(next.Text[len(ext):])
			if l.Indent+TextWidth(both, Body, size, m) <= width && ext != "" && ext != next.Text && !pulled {
				t.Errorf("line %q could also hold %q (width %d)", l.Text, ext, width)
			}
		}
	}
	checkLastLines(t, text, lines, size, width, m)
}

// checkLastLines verifies that a paragraph of several lines ends with a
// line of one character only when taking a character from the line before
// would break where no line may break, leave that line less than two
// characters, or not fit.
func checkLastLines(t *testing.T, text string, lines []Line, size, width Length, m Measurer) {
	t.Helper()
	for i := 1; i < len(lines); i++ {
		l, prev := lines[i], lines[i-1]
		if !(l.End || l.Forced) || prev.End || prev.Forced || !lonely(l.Text) {
			continue
		}
		r, sz := utf8.DecodeLastRuneInString(prev.Text)
		cut := prev.Start + len(prev.Text) - sz
		a, _ := utf8.DecodeLastRuneInString(text[prev.Start:cut])
		ps := strings.LastIndexByte(text[:l.Start], '\n') + 1
		pe := l.Start + len(l.Text)
		blocked := !canBreak(a, classify(a), r, classify(r)) || classify(a) == clSpace || classify(r) == clSpace ||
			utf8.RuneCountInString(strings.TrimRight(prev.Text, " \t\u00a0")) < 3 ||
			insideItemNumber(text, ps, pe, cut) ||
			l.Indent+TextWidth(strings.TrimRight(text[cut:pe], " \t\u00a0"), Body, size, m) > width
		if !blocked {
			t.Errorf("width %d: last line %q alone although %q could give it %q", width, l.Text, prev.Text, string(r))
		}
	}
}

// fillsWithLongRun reports whether the break between l and next, inside
// the paragraph text[ps:pe], is one inside a run that is wider than a line
// (a URL), which fills l before it is broken: after a separator, or between
// two letters or digits.
func fillsWithLongRun(text string, ps, pe int, l, next Line, size, width Length, m Measurer) bool {
	a, _ := utf8.DecodeLastRuneInString(l.Text)
	b, _ := utf8.DecodeRuneInString(next.Text)
	if classify(b) != clWord || !(softAfter(a) && !softAfter(b) || classify(a) == clWord) {
		return false
	}
	from := l.Start // the run starts at l's last break opportunity
	var prev rune
	for i, r := range l.Text {
		if i > 0 && canBreak(prev, classify(prev), r, classify(r)) {
			from = l.Start + i
		}
		prev = r
	}
	run := strings.TrimRight(nextChunkIn(text, ps, pe, from), " \t\u00a0")
	room := width - next.Indent
	if itemAt(text, ps, pe, from) > 0 {
		room = width
	}
	return TextWidth(run, Body, size, m) > room
}

// hasItemFreeOpportunity reports whether the paragraph text[ps:pe] has a
// legal break strictly between from and to that is not after a list number.
func hasItemFreeOpportunity(text string, ps, pe, from, to int) bool {
	var prev rune
	for i, r := range text[from:to] {
		if i > 0 && canBreak(prev, classify(prev), r, classify(r)) && !insideItemNumber(text, ps, pe, from+i) {
			return true
		}
		prev = r
	}
	return false
}

// nextChunkIn returns the paragraph text[ps:pe] from byte from up to its
// first legal break that does not follow a list number.
func nextChunkIn(text string, ps, pe, from int) string {
	var prev rune
	for i, r := range text[from:pe] {
		if i > 0 && canBreak(prev, classify(prev), r, classify(r)) && !insideItemNumber(text, ps, pe, from+i) {
			return text[from : from+i]
		}
		prev = r
	}
	return text[from:pe]
}

// hasOpportunity reports whether s has a legal break inside.
func hasOpportunity(s string) bool {
	var prev rune
	for i, r := range s {
		if i > 0 && canBreak(prev, classify(prev), r, classify(r)) {
			return true
		}
		prev = r
	}
	return false
}

func TestBreakLinesRandom(t *testing.T) {
	alphabet := []rune("项目资金绩效目标管理的和是一二三2024012.8ABCxyz%≥。，、；：？！”’）》」“‘（《「——……· \n.,;:?!()[]{}～①")
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 3000; n++ {
		k := rng.Intn(80)
		r := make([]rune, k)
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		width := Length(rng.Intn(12000))
		m := Measurer(fixed{})
		if n%2 == 1 {
			m = varied{}
		}
		checkBreaks(t, string(r), em, width, m)
	}
}

func TestBreakLinesRealTexts(t *testing.T) {
	b := exampleBook(t)
	for _, f := range b.Forms {
		for _, lt := range model.LongTexts() {
			for _, w := range []Length{5 * em, 12 * em, 35 * em} {
				checkBreaks(t, lt.Value(&f), em, w, fixed{})
				checkBreaks(t, lt.Value(&f), 10500, w*10, varied{})
			}
		}
	}
}

func TestMixedWidths(t *testing.T) {
	text := "２０２４年ＡＢＣ全角与2024半角混排，(half)（full）ＳＹＢ创业培训360人以上；GYB创业培训1200人以上。"
	for w := em; w < 30*em; w += 777 {
		checkBreaks(t, text, em, w, fixed{})
		checkBreaks(t, text, em, w, varied{})
	}
}

// TestLaterItemsStartAtLeftEdge: a list number inside a paragraph that
// starts a line (「三、」 after 「。」) starts it at the left edge, and only
// the lines after it hang, by the width of that number.
func TestLaterItemsStartAtLeftEdge(t *testing.T) {
	// 10 em: 「一、」 and 8 characters; then 7 and 「。」 on the hanging line;
	// then 「二、」 begins line 3.
	text := "一、" + repeat("甲", 15) + "。" + "2、" + repeat("乙", 12) + "。"
	lines := BreakLines(text, Body, em, 10*em, fixed{})
	if join(lines) != text {
		t.Fatalf("rebuilt %q", join(lines))
	}
	want := []struct {
		prefix string
		indent Length
	}{
		{"一、", 0},
		{"甲", 2 * em},
		{"2、", 0},
		{"乙", TextWidth("2、", Body, em, fixed{})},
	}
	if len(lines) != len(want) {
		t.Fatalf("lines %q, want %d", lineTexts(lines), len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i].Text, w.prefix) || lines[i].Indent != w.indent {
			t.Errorf("line %d %q indent %d, want %q… indent %d", i+1, lines[i].Text, lines[i].Indent, w.prefix, w.indent)
		}
	}
}

// TestListNumberStaysWithItsText: a line does not end with the number of
// the item that follows (「……活动。2、」), and a number after a mark that
// ends no clause (「第1、2、3项」) is no item.
func TestListNumberStaysWithItsText(t *testing.T) {
	// Greedy filling would end line 1 with 「2、」.
	text := repeat("甲", 7) + "。2、" + repeat("乙", 9)
	lines := BreakLines(text, Body, em, 10*em, fixed{})
	if got := lineTexts(lines); len(got) < 2 || got[0] != repeat("甲", 7)+"。" || !strings.HasPrefix(got[1], "2、") {
		t.Errorf("lines %q, want 「2、」 to start line 2", got)
	}
	if lines[1].Indent != 0 {
		t.Errorf("item line %q indented %d", lines[1].Text, lines[1].Indent)
	}
	// Line 3 starts with 「2、3项」.
	text = "一、" + repeat("甲", 8) + repeat("乙", 5) + "第1、2、3项" + repeat("丙", 9)
	lines = BreakLines(text, Body, em, 10*em, fixed{})
	if len(lines) < 3 || !strings.HasPrefix(lines[2].Text, "2、3项") {
		t.Fatalf("lines %q, want line 3 to start with 2、3项", lineTexts(lines))
	}
	for _, l := range lines[1:] {
		if l.Indent != 2*em {
			t.Errorf("line %q indented %d, want %d: 「2、」 after 「、」 is no item", l.Text, l.Indent, 2*em)
		}
	}
	// A number too long for the line: the break falls inside it rather
	// than before a closing mark.
	lines = BreakLines("一二三四、五六七", Body, em, 4*em, fixed{})
	for _, l := range lines[1:] {
		if classify(firstRune(l.Text)) == clClose {
			t.Errorf("lines %q: a closing mark starts a line", lineTexts(lines))
		}
	}
}

// TestItemsInExampleForm2: in form 2 every numbered item of 年度绩效目标,
// 项目总目标 and 项目可行性说明 starts a line where the paragraph's first
// line starts (「……的支撑。二、城镇新增就业」, 「……人就业。3、扶持创业」), and
// every other line hangs after a number.
func TestItemsInExampleForm2(t *testing.T) {
	b := exampleBook(t)
	d, _ := layoutChecked(t, &b.Forms[1], fixed{}, DefaultOptions())
	want := map[string][]string{
		"annual_goal":  {"二、城镇新增就业", "三、全年完成"},
		"overall_goal": {"二、城镇新增就业", "三、职业技能"},
		"feasibility":  {"1、落实积极", "2、优化就业服务", "3、扶持创业", "二、全年开展"},
	}
	for field, starts := range want {
		var first *Item
		seen := map[string]bool{}
		for _, p := range d.Pages {
			for k := range p.Items {
				it := &p.Items[k]
				if it.Kind != Text || it.Field != field {
					continue
				}
				if first == nil {
					first = it
					continue
				}
				if listNumber(it.Text) > 0 {
					for _, s := range starts {
						if strings.HasPrefix(it.Text, s) {
							seen[s] = true
						}
					}
					if it.X != first.X {
						t.Errorf("%s: %q at x %d, the first line at %d", field, it.Text, it.X, first.X)
					}
				} else if it.X <= first.X {
					t.Errorf("%s: continuation %q at x %d, not hanging (first line at %d)", field, it.Text, it.X, first.X)
				}
			}
		}
		for _, s := range starts {
			if !seen[s] {
				t.Errorf("%s: no line starts with %s", field, s)
			}
		}
	}
}

// TestItemSequenceRule: an item inside a paragraph starts a line when the
// number before or after it in its style is an item too; a lone number
// after 「：」 does not, nor a number after 「、」.
func TestItemSequenceRule(t *testing.T) {
	cases := []struct {
		text string
		want []string // the prefixes of the lines, at a width that holds the whole text
	}{
		{"一、甲。二、乙。三、丙", []string{"一、甲。", "二、乙。", "三、丙"}},
		{"总体：1、甲；2、乙。3、丙", []string{"总体：", "1、甲；", "2、乙。", "3、丙"}},
		{"总体：1. 甲。2. 乙", []string{"总体：", "1. 甲。", "2. 乙"}},
		{"甲：（一）乙；（二）丙", []string{"甲：", "（一）乙；", "（二）丙"}},
		{"甲：(1)乙；(2)丙", []string{"甲：", "(1)乙；", "(2)丙"}},
		{"甲：①乙；②丙", []string{"甲：", "①乙；", "②丙"}},
		{"十、甲。十一、乙", []string{"十、甲。", "十一、乙"}},
		// styles do not mix: 一、 and 2、 are no sequence
		{"一、甲。2、乙", []string{"一、甲。2、乙"}},
		// a lone number, numbers after 、, and a gap in the sequence
		{"甲：3、乙", []string{"甲：3、乙"}},
		{"第1、2、3项", []string{"第1、2、3项"}},
		{"甲。1、乙。3、丙", []string{"甲。1、乙。3、丙"}},
		// the sequence continues across paragraphs
		{"1、甲\n乙。2、丙", []string{"1、甲", "乙。", "2、丙"}},
	}
	for _, c := range cases {
		lines := BreakLines(c.text, Body, em, 40*em, fixed{})
		if got := lineTexts(lines); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: lines %q, want %q", c.text, got, c.want)
		}
		if join(lines) != c.text {
			t.Errorf("%q: rebuilt %q", c.text, join(lines))
		}
		for _, l := range lines[:len(lines)-1] {
			if !l.End && !l.Forced {
				t.Errorf("%q: line %q neither ends a paragraph nor is forced", c.text, l.Text)
			}
			if l.Spacing(40*em, em) != 0 {
				t.Errorf("%q: line %q before an item is justified", c.text, l.Text)
			}
		}
	}
}

// itemOracle finds, independently of itemBreaks, the byte offsets where a
// numbered item of a sequence begins inside a paragraph: a number after
// 。；：！？ whose predecessor or successor in the same style also begins an
// item (at a paragraph start or after such a mark).
var itemOracle = regexp.MustCompile(`(^|\n|[。；：！？])[ 　]*(([0-9]{1,3})、|([0-9]{1,3})[.．] |([0-9]{1,3})[.．]([^0-9])|([一二三四五六七八九十]{1,3})、|（([一二三四五六七八九十]{1,3})）|（([0-9]{1,3})）)`)

func oracleBreaks(text string) []int {
	type c struct {
		at    int
		style int
		value string
		mid   bool
	}
	var cs []c
	for _, m := range itemOracle.FindAllStringSubmatchIndex(text, -1) {
		for g := 3; g <= 9; g++ {
			if m[2*g] >= 0 && g != 6 {
				st := g
				if g == 5 {
					st = 4
				}
				mark := text[m[2]:m[3]]
				cs = append(cs, c{at: m[4], style: st, value: text[m[2*g]:m[2*g+1]], mid: mark != "" && mark != "\n"})
				break
			}
		}
	}
	num := func(s string) int {
		if v, err := strconv.Atoi(s); err == nil {
			return v
		}
		return chineseValue(s)
	}
	var out []int
	for i, a := range cs {
		if !a.mid {
			continue
		}
		for j, b := range cs {
			if b.style == a.style && ((j < i && num(b.value) == num(a.value)-1) || (j > i && num(b.value) == num(a.value)+1)) {
				out = append(out, a.at)
				break
			}
		}
	}
	return out
}

// TestNumberedItemsAllForms: in all 18 example forms, at the width of the
// long-text cell and of a narrow cell, every numbered item of a sequence
// inside a paragraph starts a line.
func TestNumberedItemsAllForms(t *testing.T) {
	b := exampleBook(t)
	total := 0
	for fi, f := range b.Forms {
		for _, lt := range model.LongTexts() {
			text := lt.Value(&f)
			want := oracleBreaks(text)
			total += len(want)
			for _, w := range []Length{12 * em, 35 * em} {
				starts := map[int]bool{}
				for _, l := range BreakLines(text, Body, em, w, fixed{}) {
					starts[l.Start] = true
				}
				for _, at := range want {
					if !starts[at] {
						t.Errorf("form %d %s width %d: item %q does not start a line", fi+1, lt.Key, w, text[at:min(at+12, len(text))])
					}
				}
			}
		}
	}
	if total < 10 {
		t.Fatalf("only %d items inside paragraphs found in the 18 forms", total)
	}
}

// TestNoLonelyLastLine: a paragraph does not end with a line of one
// character (perhaps followed by closing marks) when the line before can
// give it one more character; every character is still drawn exactly once.
func TestNoLonelyLastLine(t *testing.T) {
	cases := []struct {
		text  string
		width Length
		want  []string
	}{
		// form 2's indicator value in a 7-character cell
		{"完成国民经济目标", 7 * em, []string{"完成国民经济", "目标"}},
		{"评选大学生优秀创业项目数", 11 * em, []string{"评选大学生优秀创业项", "目数"}},
		// one character and its closing mark
		{"达到95%以上。", 6 * em, []string{"达到95%", "以上。"}},
		// the hanging indent of the last line is kept
		{"一、" + repeat("甲", 8) + repeat("乙", 9), 10 * em, []string{"一、" + repeat("甲", 8), repeat("乙", 7), "乙乙"}},
		// each paragraph on its own
		{"一二三四五六七\n一二三四五六七", 6 * em, []string{"一二三四五", "六七", "一二三四五", "六七"}},
		// the line before would keep one character: left alone
		{"一二三四五", 2 * em, []string{"一二", "三四", "五"}},
		// moving 「，」 down would start a line with it: left alone
		{"一二三四五，六", 6 * em, []string{"一二三四五，", "六"}},
		// moving 「“」's partner down would end a line with 「“」: left alone
		{"一二三四“五六", 6 * em, []string{"一二三四“五", "六"}},
		// a Latin word is not split to feed the last line, nor a space moved
		{"一二三四abcd五", 6 * em, []string{"一二三四abcd", "五"}},
		{"一二三四 ab 五", 6 * em, []string{"一二三四 ab ", "五"}},
	}
	for _, c := range cases {
		lines := BreakLines(c.text, Body, em, c.width, fixed{})
		if join(lines) != c.text {
			t.Fatalf("%q: rebuilt %q", c.text, join(lines))
		}
		got := lineTexts(lines)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q at %d em: lines %q, want %q", c.text, c.width/em, got, c.want)
		}
		checkBreaks(t, c.text, em, c.width, fixed{})
	}
	lines := BreakLines("一、"+repeat("甲", 8)+repeat("乙", 9), Body, em, 10*em, fixed{})
	if last := lines[len(lines)-1]; last.Indent != 2*em || last.Width != 2*em || last.Runes != 2 || !last.End {
		t.Errorf("last line %+v, want indent 2 em, width 2 em, 2 runes, End", last)
	}
	if prev := lines[len(lines)-2]; prev.Width != 7*em || prev.Runes != 7 || prev.End {
		t.Errorf("line before the last %+v, want width 7 em, 7 runes", prev)
	}
}

// TestNoLonelyLastLineInExampleForms: no cell of the 18 example forms ends
// a text of several lines with one character when it could be avoided.
func TestNoLonelyLastLineInExampleForms(t *testing.T) {
	b := exampleBook(t)
	for i := range b.Forms {
		f := &b.Forms[i]
		for _, lt := range model.LongTexts() {
			checkBreaks(t, lt.Value(f), 10500, 348676, fixed{})
		}
		for _, in := range f.Indicators {
			for _, s := range []string{in.Level3, in.HalfYear, in.FullYear} {
				for _, w := range []Length{63000, 73500, 105000, 115500} {
					checkBreaks(t, s, 10500, w, fixed{})
				}
			}
		}
	}
}

// TestSupplementaryIdeographs: ideographs of CJK Extensions B–H (above
// U+FFFF) break like any ideograph, and 避头尾 holds around them.
func TestSupplementaryIdeographs(t *testing.T) {
	for _, r := range []rune{0x20000, 0x20BB7, 0x2A6DF, 0x2A700, 0x2B740, 0x2B820, 0x2CEB0, 0x2EBF0, 0x2F800, 0x30000, 0x31350, 0x323AF} {
		if c := classify(r); c != clIdeo {
			t.Errorf("U+%04X: class %d, want an ideograph", r, c)
		}
	}
	// Ten ideographs to a line of ten ems, whatever their plane; 。, the
	// eleventh, never starts a line, so the tenth goes down with it.
	text := "𠮷𡐓𬘬吉祥𠂇村社区𫟦。桥𬍛"
	lines := BreakLines(text, Body, 10*Pt, 100*Pt, fixed{})
	var got []string
	for _, l := range lines {
		got = append(got, l.Text)
	}
	want := []string{"𠮷𡐓𬘬吉祥𠂇村社区", "𫟦。桥𬍛"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
	if lines[0].Width != 90*Pt || lines[0].Runes != 9 {
		t.Errorf("first line: width %d, %d runes", lines[0].Width, lines[0].Runes)
	}
}

// BenchmarkManyItems: a text of 100,000 numbered items inside one
// paragraph is broken in linear time.
func BenchmarkManyItems(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 100000; i++ {
		sb.WriteString("甲。")
		sb.WriteString(strconv.Itoa(i%50 + 1))
		sb.WriteString("、乙")
	}
	text := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		BreakLines(text, Body, em, 30*em, fixed{})
	}
}

// Review 7, item 6: blank lines ending a long text take no room, and a text
// of only blank lines prints as an empty cell — the page is the same as
// without them.
func TestBlankTailTakesNoRoom(t *testing.T) {
	opt := DefaultOptions()
	plain := sampleForm()
	plain.Necessity = ""
	_, want := layoutChecked(t, plain, fixed{}, opt)
	f := sampleForm()
	f.Overview += "\n\n"
	f.Necessity = "\n\n\n"
	f.AnnualGoal += "\n \u3000\n\t"
	_, got := layoutChecked(t, f, fixed{}, opt)
	if got != want {
		t.Errorf("blank lines at the end of a text change the page:\n%s", firstDiff(want, got))
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "want " + al[i] + "\n got " + bl[i]
		}
	}
	return "lengths " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl))
}
