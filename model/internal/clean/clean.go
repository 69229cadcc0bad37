package clean

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Text normalisation of what comes out of a lossy extraction (HTML editors,
// PDF-to-text, LaTeX-minded converters) into the plain text the forms print.
//
// Conventions, chosen once and applied everywhere:
//   - comparison operators ≥ and ≤ are the Unicode signs (never ">=", "\geq");
//     >, <, = and % are ASCII, so full-width ＞＜＝％ become ASCII;
//   - the punctuation , ; : ( ) ? ! next to a Chinese character is the
//     full-width form (，；：（）？！), as in the clean originals;
//   - a space between two Chinese characters (or Chinese punctuation) is an
//     extraction artefact and is removed; a space between two Latin words
//     or numbers is kept.
//
// Every function here is idempotent: applying it to its own result changes
// nothing. Each is written as one pass repeated until the text stops
// changing, which keeps the passes simple and makes idempotence hold by
// construction (the property tests and FuzzImportSeed check it).

// maxPasses bounds the repetition; every pass only removes markup or moves
// characters towards the normal form, so real inputs settle in two or three.
const maxPasses = 8

// NormalizeValue normalises an indicator value (指标值) while keeping its
// wording: "=100%", "≥80%", ">15万", "序时进度", "完成无锡指标" stay as
// written. ASCII ">=" and "<=" become ≥ and ≤; LaTeX such as "$\geq 95\%$"
// becomes "≥95%"; full-width ＞＜＝％ and digits become ASCII; spaces are
// removed except between two Latin words or numbers.
func NormalizeValue(s string) string {
	return fixpoint(s, valuePass)
}

// CleanText turns a long text (项目概述 and the like) into plain text: one
// paragraph or list item per line, separated by "\n", without HTML, entities
// or LaTeX, with the Chinese punctuation and spacing repaired. Lists whose
// <li> tags were lost become numbered lines "1. …" unless their items are
// numbered already (1、, 一、, （1）). A paragraph of the form "1、… 2、…"
// whose items were joined by spaces is split back into lines.
func CleanText(s string) string {
	return fixpoint(s, textPass)
}

// CleanLabel cleans a short one-line field (unit, project, 三级 name): the
// same markup, punctuation and space repair as CleanText, with line breaks
// folded into spaces.
func CleanLabel(s string) string {
	return fixpoint(s, labelPass)
}

func fixpoint(s string, pass func(string) string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for i := 0; i < maxPasses; i++ {
		t := pass(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

func valuePass(s string) string {
	s = stripTags(s, " ")
	s = html.UnescapeString(s)
	s = convertLaTeX(s)
	s = mapRunes(s, true)
	s = strings.ReplaceAll(s, ">=", "≥")
	s = strings.ReplaceAll(s, "<=", "≤")
	s = repairPunct(s)
	return squeezeSpaces(s, true)
}

func labelPass(s string) string {
	s = stripTags(s, " ")
	s = html.UnescapeString(s)
	s = convertLaTeX(s)
	s = mapRunes(s, false)
	s = repairPunct(s)
	return squeezeSpaces(s, false)
}

func textPass(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var out []string
	for _, line := range htmlLines(s) {
		line = html.UnescapeString(line)
		line = convertLaTeX(line)
		line = mapRunes(line, false)
		for _, l := range splitInlineList(strings.Join(strings.Fields(line), " ")) {
			if l = squeezeSpaces(repairPunct(l), false); l != "" {
				out = append(out, l)
			}
		}
	}
	return strings.Join(out, "\n")
}

// isHan reports whether r is a Chinese character (汉字).
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isWide reports whether r belongs to Chinese text: a Chinese character or
// Chinese (full-width) punctuation. Spaces between two wide runes are
// artefacts; ASCII punctuation next to one is converted.
func isWide(r rune) bool {
	switch {
	case isHan(r):
		return true
	case r >= 0x3001 && r <= 0x303F: // CJK symbols and punctuation (not U+3000)
		return true
	case r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFEE: // full-width forms
		return true
	}
	switch r {
	case '“', '”', '‘', '’', '—', '…', '·':
		return true
	}
	return false
}

// isLatin reports whether r is part of a Latin word or a number.
func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// mapRunes folds every kind of blank into ' ', drops invisible characters
// and, for values, maps full-width operators and digits to ASCII.
func mapRunes(s string, value bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200B', r == '\u200C', r == '\u200D', r == '\uFEFF', r == '\u00AD':
			return -1
		case unicode.IsSpace(r), r == '\u3000', r == '\u00A0':
			return ' '
		case r == '≧', r == '⩾':
			return '≥'
		case r == '≦', r == '⩽':
			return '≤'
		}
		if value {
			switch r {
			case '＞':
				return '>'
			case '＜':
				return '<'
			case '＝':
				return '='
			case '％':
				return '%'
			}
			return halfWidthDigit(r)
		}
		return r
	}, s)
}

// Digits returns s with the full-width digits ０…９ and the full-width point
// ． as ASCII, as an input method in its full-width mode types them
// (「１２３」, 「４０１２．８」, 「（２０２５年度）」): the readers of amounts and
// years read a number the way the clerk typed it. Other runes are kept.
func Digits(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Map(halfWidthDigit, s)
		}
	}
	return s // ASCII: the common case, without a copy
}

// halfWidthDigit maps a full-width digit or point to ASCII, and any other
// rune to itself.
func halfWidthDigit(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '．':
		return '.'
	}
	return r
}

// halfToFull maps the ASCII punctuation that is converted next to Chinese
// to its full-width form, and any other rune to 0.
func halfToFull(r rune) rune {
	switch r {
	case ',':
		return '，'
	case ';':
		return '；'
	case ':':
		return '：'
	case '?':
		return '？'
	case '!':
		return '！'
	case '(':
		return '（'
	case ')':
		return '）'
	}
	return 0
}

// repairPunct converts , ; : ? ! ( ) touching a wide rune to their full-width
// forms. Parentheses are converted by matched pair, so that "(年报)" after a
// Chinese word becomes "（年报）" as a whole. A converted mark is wide in
// turn: a run of marks ("局!!!", "!!!。") or a pair holding one converts
// whole, in one call, so that cleaning twice changes nothing (issue #9).
func repairPunct(s string) string {
	if !strings.ContainsAny(s, ",;:?!()") {
		return s
	}
	rs := []rune(s)
	convertible := func(i int) bool { return i >= 0 && i < len(rs) && halfToFull(rs[i]) != 0 }
	wideAt := func(i int) bool { return i >= 0 && i < len(rs) && isWide(rs[i]) }
	// The marks that convert together form one set (union-find): runs of
	// adjacent marks, and matched parentheses. A set converts when one of
	// its marks touches a wide rune.
	parent := make([]int, len(rs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) { parent[find(i)] = find(j) }
	var open []int
	for i, r := range rs {
		if !convertible(i) {
			continue
		}
		if convertible(i + 1) {
			union(i, i+1)
		}
		switch r {
		case '(':
			open = append(open, i)
		case ')':
			if n := len(open); n > 0 {
				union(i, open[n-1])
				open = open[:n-1]
			}
		}
	}
	hit := map[int]bool{}
	for i := range rs {
		if convertible(i) && (wideAt(i-1) || wideAt(i+1)) {
			hit[find(i)] = true
		}
	}
	if len(hit) == 0 {
		return s
	}
	for i := range rs {
		if convertible(i) && hit[find(i)] {
			rs[i] = halfToFull(rs[i])
		}
	}
	return string(rs)
}

// squeezeSpaces collapses space runs and trims. A space survives only between
// two Latin runes (values: keepLatinOnly) or, in text, when at least one side
// is not wide.
func squeezeSpaces(s string, keepLatinOnly bool) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		prev, next := rs[i-1], rs[j] // trimmed: both exist
		keep := !isWide(prev) || !isWide(next)
		if keepLatinOnly {
			keep = isLatin(prev) && isLatin(next)
		}
		if keep {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// tagRE matches an HTML tag of the kinds rich-text editors produce. The
// attributes may hold no Chinese: a "<" in text (a decoded "&lt;") followed
// by Chinese words is text, and no Chinese character is ever dropped.
// Compiled at its first use (most texts hold no "<": see hasAngle), not
// when a program that never cleans a text starts.
var tagRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)<(/?)(p|br|div|span|font|b|i|u|s|em|strong|sup|sub|small|big|a|img|ol|ul|li|table|thead|tbody|tr|td|th|h[1-6]|blockquote|pre|code|hr|o:p)(?:\s[^<>\p{Han}]*)?/?>`)
})

// hasAngle reports whether s may hold a tag: every match of tagRE starts
// with "<".
func hasAngle(s string) bool { return strings.IndexByte(s, '<') >= 0 }

// stripTags replaces every block tag (<p>, <br>, <li> …) by sep and drops
// inline ones (<b>, <span> …).
// HasTags reports whether s holds HTML markup that cleaning removes.
func HasTags(s string) bool { return hasAngle(s) && tagRE().MatchString(s) }

// StripTags removes HTML tags from s, block tags becoming sep.
func StripTags(s, sep string) string { return stripTags(s, sep) }

func stripTags(s, sep string) string {
	if !hasAngle(s) {
		return s
	}
	re := tagRE()
	return re.ReplaceAllStringFunc(s, func(tag string) string {
		m := re.FindStringSubmatch(tag)
		if blockTag(strings.ToLower(m[2])) {
			return sep
		}
		return ""
	})
}

// blockTag reports whether a tag (lower case) separates lines (or, in a
// label, words).
func blockTag(name string) bool {
	switch name {
	case "p", "div", "br", "li", "ol", "ul", "tr", "td", "th",
		"table", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// htmlLines splits s into its lines: paragraphs (<p>, <div>, <br>, "\n")
// and list items. It returns raw lines (entities still encoded).
func htmlLines(s string) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
	}
	type list struct {
		ordered bool
		hasLI   bool
		n       int
		body    strings.Builder
	}
	var lists []*list
	emitItem := func(l *list, item string) {
		item = strings.TrimSpace(item)
		if item == "" {
			return
		}
		l.n++
		if l.ordered && !numbered(item) {
			item = itoa(l.n) + ". " + item
		}
		lines = append(lines, item)
	}
	// closeList emits the items of a list that lost its <li> tags: items were
	// separated by blanks only.
	closeList := func(l *list) {
		if !l.hasLI {
			for _, it := range splitItems(l.body.String()) {
				emitItem(l, it)
			}
		} else {
			emitItem(l, l.body.String())
		}
	}
	text := func(t string) {
		if n := len(lists); n > 0 {
			lists[n-1].body.WriteString(t)
			return
		}
		parts := strings.Split(t, "\n")
		for i, p := range parts {
			if i > 0 {
				flush()
			}
			cur.WriteString(p)
		}
	}
	pos := 0
	var tags [][]int
	if hasAngle(s) {
		tags = tagRE().FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range tags {
		text(s[pos:m[0]])
		pos = m[1]
		closing := m[3] > m[2]
		name := strings.ToLower(s[m[4]:m[5]])
		switch name {
		case "ol", "ul":
			if !closing {
				if len(lists) == 0 {
					flush()
				} else {
					// a nested list ends what its parent holds so far
					l := lists[len(lists)-1]
					closeList(l)
					l.body.Reset()
				}
				lists = append(lists, &list{ordered: name == "ol"})
			} else if n := len(lists); n > 0 {
				closeList(lists[n-1])
				lists = lists[:n-1]
			}
		case "li":
			if n := len(lists); n > 0 {
				l := lists[n-1]
				if !l.hasLI {
					// text before the first <li> is an item of its own
					for _, it := range splitItems(l.body.String()) {
						emitItem(l, it)
					}
				} else {
					emitItem(l, l.body.String())
				}
				l.hasLI = true
				l.body.Reset()
			} else {
				flush()
			}
		case "p", "div", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote":
			if n := len(lists); n > 0 {
				lists[n-1].body.WriteString(" ")
			} else {
				flush()
			}
		default:
			// inline tags (span, b, font …) vanish without a trace
		}
	}
	text(s[pos:])
	for n := len(lists); n > 0; n = len(lists) {
		closeList(lists[n-1])
		lists = lists[:n-1]
	}
	flush()
	return lines
}

// splitItems splits the body of a list without <li> at its blanks, except
// blanks between two Latin words (which belong to one item).
func splitItems(body string) []string {
	rs := []rune(body)
	var items []string
	var cur []rune
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) && rs[i] != '\u00A0' && rs[i] != '\u3000' {
			cur = append(cur, rs[i])
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u00A0' || rs[j] == '\u3000') {
			j++
		}
		if len(cur) > 0 && j < len(rs) && isLatin(cur[len(cur)-1]) && isLatin(rs[j]) {
			cur = append(cur, ' ')
		} else if len(cur) > 0 {
			items = append(items, string(cur))
			cur = nil
		}
		i = j - 1
	}
	if len(cur) > 0 {
		items = append(items, string(cur))
	}
	return items
}

// numberRE matches an item that carries its own number: 1、 1. 一、 （1） (1).
// Compiled at its first use.
var numberRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:\d+\s*[、.．]|[一二三四五六七八九十]+、|[（(]\s*(?:\d+|[一二三四五六七八九十]+)\s*[）)])`)
})

func numbered(item string) bool { return numberRE().MatchString(item) }

func itoa(n int) string { return strconv.Itoa(n) }

// chineseNumerals are the item numbers 一 … 十 of "一、" lists.
var chineseNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// splitInlineList splits "1、… 2、… 3、…" (items of one paragraph joined by
// blanks) into lines. It only splits at a blank followed by the next number
// in sequence, so a stray "2、" inside a sentence is left alone.
func splitInlineList(line string) []string {
	marker := func(n int) []string {
		ms := []string{itoa(n) + "、", "（" + itoa(n) + "）", "(" + itoa(n) + ")"}
		if n <= len(chineseNumerals) {
			ms = append(ms, chineseNumerals[n-1]+"、", "（"+chineseNumerals[n-1]+"）", "("+chineseNumerals[n-1]+")")
		}
		return ms
	}
	style := -1
	for i, m := range marker(1) {
		if strings.HasPrefix(line, m) {
			style = i
		}
	}
	if style < 0 {
		return []string{line}
	}
	var out []string
	n := 2
	for {
		ms := marker(n)
		if style >= len(ms) {
			break
		}
		k := strings.Index(line, " "+ms[style])
		if k < 0 {
			break
		}
		out = append(out, line[:k])
		line = line[k+1:]
		n++
	}
	return append(out, line)
}

// latexCommand is the text of a LaTeX command met in extracted values
// (its name without the backslash), and whether it is one of those.
func latexCommand(name string) (string, bool) {
	switch name {
	case "geq", "ge", "geqslant":
		return "≥", true
	case "leq", "le", "leqslant":
		return "≤", true
	case "gt":
		return ">", true
	case "lt":
		return "<", true
	case "neq", "ne":
		return "≠", true
	case "times":
		return "×", true
	case "div":
		return "÷", true
	case "pm":
		return "±", true
	case "sim":
		return "~", true
	case "approx":
		return "≈", true
	case "%":
		return "%", true
	case ",", ";", ":", "!", " ", "quad", "qquad",
		"left", "right", "text", "mathrm", "textrm", "rm":
		return "", true
	}
	return "", false
}

// mathRE matches inline math $…$ (no "$" or line break inside); compiled
// at its first use.
var mathRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$([^$\n]*)\$`) })

// cmdRE matches a LaTeX command: a backslash and a word or one symbol;
// compiled at its first use.
var cmdRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\([A-Za-z]+|[%,;:! ])`) })

// convertLaTeX strips $…$ around math that holds no Chinese and replaces the
// known commands everywhere (\geq → ≥, \% → %). Inside math, unknown commands
// lose their backslash and braces disappear.
func convertLaTeX(s string) string {
	if !strings.ContainsAny(s, `$\`) {
		return s
	}
	cmd := cmdRE()
	s = mathRE().ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		if strings.TrimSpace(inner) == "" || strings.IndexFunc(inner, isHan) >= 0 && !strings.Contains(inner, `\`) {
			return m // "$" used as a dollar sign around words, not math
		}
		inner = cmd.ReplaceAllStringFunc(inner, func(c string) string {
			if t, ok := latexCommand(c[1:]); ok {
				return t
			}
			return c[1:]
		})
		inner = strings.NewReplacer("{", "", "}", "").Replace(inner) // rare: only inside $…$
		return squeezeSpaces(inner, true)
	})
	return cmd.ReplaceAllStringFunc(s, func(c string) string {
		switch c[1:] {
		case "geq", "ge", "geqslant", "leq", "le", "leqslant", "%", ",", ";", "!", "times":
			t, _ := latexCommand(c[1:])
			return t
		}
		return c
	})
}
