package layout

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line is one line of text broken by BreakLines.
type Line struct {
	// Text is the line's characters exactly as in the input: spaces at a
	// break stay at the end of the line they follow (they hang into the
	// margin and are not counted in Width); the "\n" ending a paragraph
	// belongs to no line.
	Text string
	// Start is the byte offset of Text in the input.
	Start int
	// Indent is the line's offset from the left edge, in 1/1000 pt: the
	// hanging indent of the continuation lines of a numbered paragraph.
	Indent Length
	// Width is the width of Text without its trailing spaces, in 1/1000 pt:
	// Σ advance × size / 1000.
	Width Length
	// Runes counts the characters of Text up to its last non-space one; a
	// justified line has Runes−1 gaps.
	Runes int
	// End marks the last line of a paragraph: it is never justified.
	End bool
	// Forced marks a line ended before a numbered item of a sequence that
	// must start a line (「……支撑。」 before 「二、城镇……」): like the last
	// line of a paragraph it is never justified, but no "\n" follows it.
	Forced bool
}

// Spacing returns the extra space after each character (Item.Spacing) that
// justifies l to width, in 1/1000 pt: 0 for the last line of a paragraph, a
// line of one character, a line that already fills the width, or a line so
// short that the gaps would exceed one em of size.
func (l Line) Spacing(width, size Length) Length {
	if l.End || l.Forced || l.Runes < 2 {
		return 0
	}
	slack := width - l.Indent - l.Width
	if slack <= 0 {
		return 0
	}
	sp := slack / Length(l.Runes-1)
	if sp > size {
		return 0
	}
	return sp
}

// BreakLines breaks text into lines at most width wide (1/1000 pt), set in
// role at size (1/1000 pt) as measured by m.
//
// Rules: "\n" ends a paragraph (an empty paragraph gives one empty line).
// Within a paragraph lines break between CJK characters, after spaces, and
// around runs of Latin letters, digits and their punctuation, except where
// GB/T 15834 forbids it (避头尾): closing punctuation (。，、；：？！ ”’）］〕】》〉」』〗｝
// ·—～ and . , ; : ? ! ) ] }) never starts a line, opening punctuation
// (“‘（［〔【《〈「『〖｛ ( [ {) never ends one, and —— and …… are never
// split. Lines are filled greedily; a break that cannot be avoided (a run of
// punctuation or a Latin word longer than the line) is made before the
// character that does not fit, and a character wider than the line gets a
// line of its own, so BreakLines always terminates.
//
// A Latin run wider than a line of its own (a URL, a long code) is broken
// anyway, so it does not go to a new line and leave 「详见」 alone on the
// line before: it fills the line it starts on, broken after its last
// separator there (/ - _ . ? & =, not before another one: 「https://」 stays
// whole), or when the line holds none, before the letter that does not fit;
// never between a bracket or mark and the letter next to it (「〔|2010〕」):
// then the run starts the next line, as before.
//
// A list number ("1. ", "1、", "一、", "（1）", "①") at the start of a
// paragraph, or after 。；：！？ (「……支撑。三、……」), begins an item. A line
// that starts with an item starts at the left edge, and the lines after it
// hang: they start after that number (unless it takes more than half the
// width), until another item starts a line. No line ends between an item's
// number and its text unless it has no other break. An item inside a
// paragraph that belongs to a sequence always starts a line (the line before
// it ends there, Forced, unjustified): see itemBreaks for the sequence rule.
//
// A paragraph's last line of one character (perhaps followed by closing
// marks: 「标」, 「上。」) takes the last character of the line before when
// the break before that character is allowed, that line keeps at least two
// characters and the two fit; so the line before is then not filled
// greedily.
//
// Joining the lines' Text, with "\n" after every line whose End is set
// except the last, gives back text exactly.
func BreakLines(text string, role Role, size, width Length, m Measurer) []Line {
	return appendLines(nil, text, role, size, width, m)
}

// appendLines is BreakLines appending to dst.
func appendLines(dst []Line, text string, role Role, size, width Length, m Measurer) []Line {
	if dst == nil && width > 0 && size > 0 {
		// Room for the lines of CJK text (3 bytes a character), so that
		// long texts do not grow the slice step by step.
		n := Length(len(text))/3*size/width + 1
		dst = make([]Line, 0, min(n, Length(len(text))+1))
	}
	breaks := itemBreaks(text)
	start := 0
	for {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		for len(breaks) > 0 && breaks[0] <= start {
			breaks = breaks[1:]
		}
		dst = appendParagraph(dst, text, start, end, breaks, role, size, width, m)
		if end >= len(text) {
			return dst
		}
		start = end + 1
	}
}

// scale converts a sum of advances (1/1000 em) to a length at size.
func scale(adv int64, size Length) Length { return Length(adv) * size / 1000 }

// appendParagraph breaks text[start:end], which holds no "\n". breaks are
// the byte offsets, in increasing order, where an item must start a line
// (those past end are ignored).
func appendParagraph(dst []Line, text string, start, end int, breaks []int, role Role, size, width Length, m Measurer) []Line {
	if start == end {
		return append(dst, Line{Start: start, End: true})
	}
	first := len(dst)
	var hang Length // indent of the continuation lines of the current item
	pos := start
	for pos < end {
		for len(breaks) > 0 && breaks[0] <= pos {
			breaks = breaks[1:]
		}
		forced := -1 // the next item that must start a line, if on this paragraph
		if len(breaks) > 0 && breaks[0] < end {
			forced = breaks[0]
		}
		indent := hang
		// A list number starting the line starts an item: the line begins
		// at the left edge, and the item's continuation lines hang after
		// the number.
		item, itemEnd := -1, -1
		if n := itemAt(text, start, end, pos); n > 0 {
			indent, hang = 0, scale(measure(text[pos:pos+n], role, m), size)
			if hang*2 > width {
				hang = 0
			}
			item, itemEnd = pos, pos+n
		}
		f := measureLine(text, start, pos, end, forced, item, itemEnd, false, role, size, width-indent, m)
		cut, cutAdv, cutRunes := f.stop, f.adv, f.runes
		if f.over {
			// The run that does not fit starts at the last break
			// opportunity. It goes whole to the next line, unless it is
			// longer than a line (a URL) and must be broken anyway: then
			// it fills this line first, broken after a separator
			// (/ - _ . ? & =) when it has one here, or else between two
			// letters — never between a bracket or mark and its word
			// (「〔|2010〕」).
			run := mark{at: pos}
			if f.brk.at > pos {
				run = f.brk
			} else if f.gbrk.at > pos {
				run = f.gbrk
			}
			switch {
			case run.at > pos && (f.soft.at <= run.at && !f.midWord ||
				runFits(text, run.at, end, role, size, nextRoom(text, start, end, run.at, hang, width), m)):
				cut, cutAdv, cutRunes = run.at, run.adv, run.runes
			case f.soft.at > run.at:
				cut, cutAdv, cutRunes = f.soft.at, f.soft.adv, f.soft.runes
			}
		}
		hard := f.forced
		dst = append(dst, Line{
			Text:   text[pos:cut],
			Start:  pos,
			Indent: indent,
			Width:  scale(cutAdv, size),
			Runes:  cutRunes,
			End:    cut == end,
			Forced: hard,
		})
		if hard {
			// The item before the break ends like a paragraph.
			if len(dst)-first >= 2 {
				balanceLast(dst[len(dst)-2:], text, start, cut, role, size, width, m)
			}
			first = len(dst)
		}
		pos = cut
	}
	if len(dst)-first >= 2 {
		balanceLast(dst[len(dst)-2:], text, start, end, role, size, width, m)
	}
	return dst
}

// softAfter reports whether a run of Latin letters and digits longer than
// a line, which must be broken anyway, is best broken after r: the
// separators of addresses, file names and codes (/ - _ . ? & =), as in
// 「…/zcwj/|art/2024/|art_|8f3a…」.
func softAfter(r rune) bool {
	switch r {
	case '/', '-', '_', '.', '?', '&', '=':
		return true
	}
	return false
}

// nextRoom is the width a line starting at byte i of the paragraph
// text[start:end] has: all of width when an item begins there, otherwise
// width less the hanging indent.
func nextRoom(text string, start, end, i int, hang, width Length) Length {
	if itemAt(text, start, end, i) > 0 {
		return width
	}
	return width - hang
}

// runFits reports whether the run of text[from:end] up to its first break
// opportunity (a Latin word, a number, a character with the marks that
// cling to it) fits in room, its trailing spaces not counted. It stops
// measuring as soon as the run is too wide, so a run of any length costs
// at most a line.
func runFits(text string, from, end int, role Role, size, room Length, m Measurer) bool {
	return !measureLine(text, from, from, end, -1, -1, -1, true, role, size, room, m).over
}

// mark is a place where a line may end: the byte offset, and the advances
// (1/1000 em) and the characters before it, trailing spaces not counted.
type mark struct {
	at    int
	adv   int64
	runes int
}

// fill is what measureLine found on a line.
type fill struct {
	stop    int   // where measuring stopped: end, forced, or the character that does not fit
	adv     int64 // advances (1/1000 em) before stop, up to the last non-space character
	runes   int   // characters before stop, up to the last non-space one
	over    bool  // the character at stop does not fit
	forced  bool  // stop is the item that must start a line
	midWord bool  // the character at stop and the one before it are Latin letters or digits
	brk     mark  // the last break opportunity after the line's start (at −1: none)
	gbrk    mark  // the last break opportunity inside or right after a list number
	soft    mark  // the last place after / - _ . ? & = inside a word
}

// measureLine measures the characters of the paragraph text[start:end] from
// pos, as a line avail wide (1/1000 pt), until one does not fit, the item
// at forced (−1: none) that must start a line, or end. It is the one
// measuring loop of line breaking: appendParagraph fills its lines with it,
// and runFits asks it (run set) whether one run fits.
//
// A list number that begins an item stays with the text it numbers: a
// break inside or right after it (item < i ≤ itemEnd, for the item the line
// starts with and any one found after 。；：！？) goes to gbrk, not brk. A
// line takes its first character whatever its width, so that every line
// holds one.
//
// With run set, measuring stops at the first break opportunity after pos,
// which ends the run (over false), and the first character counts like any
// other. That break may be the one right after a list number: runFits does
// not group the number with its text as a line does, so an item whose first
// word does not fit still starts the next line at the left edge, rather
// than its number ending this line with the first letters of that word.
func measureLine(text string, start, pos, end, forced, item, itemEnd int, run bool, role Role, size, avail Length, m Measurer) fill {
	f := fill{stop: end, brk: mark{at: -1}, gbrk: mark{at: -1}, soft: mark{at: -1}}
	var (
		adv       int64 // advances up to the last non-space character
		spaces    int64 // advances of the trailing spaces
		runes     int   // characters up to the last non-space one
		n         int   // characters so far
		prev      rune
		prevClass class
		lastMark  rune // the last non-space character
	)
	for i := pos; i < end; {
		if i == forced {
			f.stop, f.forced = i, true
			break
		}
		r, sz := utf8.DecodeRuneInString(text[i:])
		c := classify(r)
		if i > pos && endsClause(lastMark) && i > itemEnd {
			if k := itemAt(text, start, end, i); k > 0 {
				item, itemEnd = i, i+k
			}
		}
		if i > pos && canBreak(prev, prevClass, r, c) {
			if run {
				f.stop = i
				break
			}
			if i <= item || i > itemEnd {
				f.brk = mark{i, adv, runes}
			} else {
				f.gbrk = mark{i, adv, runes}
			}
		}
		a := int64(m.Advance(role, r))
		if c == clSpace {
			spaces += a
			n++
			prev, prevClass = r, c
			i += sz
			continue
		}
		if i > pos && spaces == 0 && softAfter(prev) && c == clWord && !softAfter(r) {
			f.soft = mark{i, adv, runes}
		}
		if (i > pos || run) && scale(adv+spaces+a, size) > avail {
			f.stop, f.over = i, true
			f.midWord = prevClass == clWord && c == clWord
			break
		}
		adv += spaces + a
		spaces = 0
		n++
		runes = n
		prev, prevClass, lastMark = r, c, r
		i += sz
	}
	f.adv, f.runes = adv, runes
	return f
}

// itemBreaks returns the byte offsets in text, in increasing order, of the
// numbered items inside a paragraph (not at its start) that must start a
// line. The sequence rule: a list number that begins an item (after
// 。；：！？, see itemAt) starts a line when the text holds, also at the
// beginning of an item, the number before it or the number after it in the
// same style — 一、二、三、, 1、2、3、, 1. 2. 3., 1）2）, （一）（二）, （1）（2）,
// ①②. So 「……支撑。二、城镇……」 breaks before 二、 when 一、 or 三、 is an
// item too, while 「……：3、5」 alone does not.
func itemBreaks(text string) []int {
	type cand struct {
		at, value int
		style     byte
		mid       bool // inside a paragraph, not at its start
	}
	var cands []cand
	start := 0
	for start <= len(text) {
		end := start + strings.IndexByte(text[start:], '\n')
		if end < start {
			end = len(text)
		}
		var prev rune
		for i := start; i < end; {
			r, sz := utf8.DecodeRuneInString(text[i:])
			if i == start || endsClause(prev) {
				j := i
				for j < end && (text[j] == ' ' || strings.HasPrefix(text[j:], "\u3000")) {
					if text[j] == ' ' {
						j++
					} else {
						j += len("\u3000")
					}
				}
				if n := itemAt(text, start, end, j); n > 0 {
					if st, v := listValue(text[j : j+n]); v > 0 {
						cands = append(cands, cand{at: j, value: v, style: st, mid: j > start})
					}
				}
			}
			prev = r
			i += sz
		}
		start = end + 1
	}
	// The first and last candidate of each style and value, so that the
	// rule costs one pass however many items a text holds.
	type sv struct {
		style byte
		value int
	}
	first, last := map[sv]int{}, map[sv]int{}
	for k, c := range cands {
		key := sv{c.style, c.value}
		if _, ok := first[key]; !ok {
			first[key] = k
		}
		last[key] = k
	}
	var out []int
	for k, c := range cands {
		if !c.mid {
			continue
		}
		before, ok1 := first[sv{c.style, c.value - 1}]
		after, ok2 := last[sv{c.style, c.value + 1}]
		if (ok1 && before < k) || (ok2 && after > k) {
			out = append(out, c.at)
		}
	}
	return out
}

// listValue returns the style and value of a list number found by
// listNumber ("二、" → 'C', 2; "（3）" → 'p', 3); value 0 if it has none.
// Styles: 'a' 1、, 'd' 1. or 1．, 'r' 1) or 1）, 'p' (1), 'C' 一、,
// 'P' (一), 'o' ①.
func listValue(num string) (byte, int) {
	num = strings.TrimRight(num, " \u3000")
	r, _ := utf8.DecodeRuneInString(num)
	last, _ := utf8.DecodeLastRuneInString(num)
	switch {
	case r >= 0x2460 && r <= 0x249b:
		return 'o', int(r-0x2460) + 1
	case r >= '0' && r <= '9':
		v := 0
		for _, c := range num {
			if c < '0' || c > '9' {
				break
			}
			v = v*10 + int(c-'0')
		}
		switch last {
		case '、':
			return 'a', v
		case ')', '）':
			return 'r', v
		}
		return 'd', v
	case r == '(' || r == '（':
		inner := strings.TrimRight(strings.TrimLeft(num, "(（"), ")）")
		if d, _ := utf8.DecodeRuneInString(inner); d >= '0' && d <= '9' {
			v, _ := strconv.Atoi(inner)
			return 'p', v
		}
		return 'P', chineseValue(inner)
	}
	return 'C', chineseValue(strings.TrimRight(num, "、．"))
}

// chineseValue reads a Chinese numeral up to 九十九 (一 1, 十 10, 十二 12,
// 二十 20, 二十三 23); 0 if it is not one.
func chineseValue(s string) int {
	digit := func(r rune) int {
		return strings.IndexRune("零一二三四五六七八九", r) / len("一")
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return max(digit(rs[0]), 0)
	case len(rs) == 2 && rs[0] == '十':
		return 10 + max(digit(rs[1]), 0)
	case len(rs) == 2 && rs[1] == '十':
		return 10 * max(digit(rs[0]), 0)
	case len(rs) == 3 && rs[1] == '十':
		if a, b := digit(rs[0]), digit(rs[2]); a > 0 && b > 0 {
			return 10*a + b
		}
	}
	return 0
}

// balanceLast avoids a paragraph's last line of a single character (「标」,
// 「上。」) by moving the last character of the line before it down, when
// the break before that character is allowed, the line before keeps at
// least two characters, and the two characters fit. lines are the last two
// lines of the paragraph text[start:end].
func balanceLast(lines []Line, text string, start, end int, role Role, size, width Length, m Measurer) {
	prev, last := &lines[0], &lines[1]
	if !lonely(last.Text) || prev.Runes < 3 {
		return
	}
	r, sz := utf8.DecodeLastRuneInString(prev.Text)
	cut := prev.Start + len(prev.Text) - sz
	a, _ := utf8.DecodeLastRuneInString(text[prev.Start:cut])
	ca, cr := classify(a), classify(r)
	if ca == clSpace || cr == clSpace || !canBreak(a, ca, r, cr) || insideItemNumber(text, start, end, cut) {
		return
	}
	indent := last.Indent
	if itemAt(text, start, end, cut) > 0 {
		indent = 0
	}
	w := TextWidth(strings.TrimRight(text[cut:end], " \t\u00a0"), role, size, m)
	if indent+w > width {
		return
	}
	prev.Text = text[prev.Start:cut]
	prev.Width = TextWidth(prev.Text, role, size, m)
	prev.Runes--
	last.Text, last.Start, last.Indent, last.Width = text[cut:end], cut, indent, w
	last.Runes++
}

// lonely reports whether the visible part of s is one character, perhaps
// followed by closing marks.
func lonely(s string) bool {
	base := 0
	for _, r := range strings.TrimRight(s, " \t\u00a0") {
		switch classify(r) {
		case clClose, clCloseW, clCombine:
			continue
		}
		if base++; base > 1 {
			return false
		}
	}
	return base == 1
}

// itemAt returns the byte length of the list number (see listNumber) that
// begins an item at byte i of the paragraph text[start:end]: at the start
// of the paragraph, or after a mark that ends a sentence or clause, so that
// 「三、」 in 「……支撑。三、城镇……」 begins an item but 「2、」 in 「第1、2、3项」
// does not. It returns 0 if no item begins at i.
func itemAt(text string, start, end, i int) int {
	j := i
	for j > start {
		r, sz := utf8.DecodeLastRuneInString(text[start:j])
		if r != ' ' && r != '\u3000' {
			break
		}
		j -= sz
	}
	if j > start {
		if r, _ := utf8.DecodeLastRuneInString(text[start:j]); !endsClause(r) {
			return 0
		}
	}
	return listNumber(text[i:end])
}

// insideItemNumber reports whether byte i of the paragraph text[start:end]
// lies inside a list number that begins an item or right after it, where
// no line may break.
func insideItemNumber(text string, start, end, i int) bool {
	// List numbers are short: 「十二、」, 「（12）」 and their spaces.
	for j := i - 1; j >= start && j >= i-24; j-- {
		if !utf8.RuneStart(text[j]) {
			continue
		}
		if n := itemAt(text, start, end, j); n > 0 && j+n >= i {
			return true
		}
	}
	return false
}

// endsClause reports whether r ends a sentence or clause, after which a
// list number begins a new item.
func endsClause(r rune) bool {
	switch r {
	case '。', '；', '：', '！', '？', ';', ':', '!', '?':
		return true
	}
	return false
}

// measure sums the advances of s in 1/1000 em.
func measure(s string, role Role, m Measurer) int64 {
	var sum int64
	for _, r := range s {
		sum += int64(m.Advance(role, r))
	}
	return sum
}

// TextWidth is the width of s set on one line in role at size, in 1/1000 pt.
func TextWidth(s string, role Role, size Length, m Measurer) Length {
	return scale(measure(s, role, m), size)
}

// class is the line-breaking class of a character.
type class uint8

const (
	clIdeo    class = iota // CJK and everything else: breaks on both sides
	clWord                 // Latin letters, digits and their punctuation: kept together
	clSpace                // breaks after, hangs at the end of a line
	clClose                // never starts a line (避头)
	clOpen                 // never ends a line (避尾)
	clCloseW               // a half-width closing mark: clClose inside words
	clOpenW                // a half-width opening mark: clOpen inside words
	clCombine              // combining marks and joiners: never separated
)

// classify returns the class of r.
func classify(r rune) class {
	switch r {
	case ' ', '\t', '\u00a0':
		return clSpace
	case '.', ',', ';', ':', '?', '!', ')', ']', '}', '%':
		return clCloseW
	case '(', '[', '{':
		return clOpenW
	case '。', '，', '、', '；', '：', '？', '！', '”', '’', '）', '］', '〕', '】', '》', '〉', '」', '』', '〗', '｝',
		'·', '—', '～', '…', '‥', '．', '｡', '､', '〞', '〟', '％', '‰', '℃', '°', '・', '‧', '―', '⸺', '々', '〃',
		'ー', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ':
		return clClose
	case '“', '‘', '（', '［', '〔', '【', '《', '〈', '「', '『', '〖', '｛', '〝', '￥', '＄', '＃', '№':
		return clOpen
	case '\u200d', '\u2060', '\ufeff':
		return clCombine
	}
	if r < 0x80 {
		if r < 0x20 || r == 0x7f {
			return clIdeo
		}
		return clWord
	}
	if r >= 0x4e00 && r <= 0x9fff { // CJK unified ideographs, the common case
		return clIdeo
	}
	if supplementaryIdeograph(r) {
		return clIdeo
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || (r >= 0xfe00 && r <= 0xfe0f) {
		return clCombine
	}
	// Latin, Greek, Cyrillic letters and symbols such as ≥ ± × stay with
	// the word they touch; general punctuation (dashes, quotes) does not.
	if r < 0x2e80 && !(r >= 0x2000 && r <= 0x206f) && !(r >= 0x2460 && r <= 0x24ff) && !(r >= 0x2500 && r <= 0x27bf) {
		return clWord
	}
	return clIdeo
}

// supplementaryIdeograph reports whether r is a CJK ideograph above U+FFFF:
// Extensions B to I (U+20000–U+2FFFF: B … F, I and the compatibility
// supplement) and G, H (U+30000–U+323AF). Names of people, villages and
// enterprises hold them (𠮷, 𡐓, 𬘬); they break like any ideograph.
func supplementaryIdeograph(r rune) bool {
	return r >= 0x20000 && r <= 0x2FFFD || r >= 0x30000 && r <= 0x323AF
}

// inseparable lists the marks that are written doubled and never split:
// —— and …….
func inseparable(r rune) bool {
	return r == '—' || r == '…' || r == '‥' || r == '⸺' || r == '―'
}

// canBreak reports whether a line may break between a and b.
func canBreak(a rune, ca class, b rune, cb class) bool {
	switch {
	case cb == clClose || cb == clCloseW || cb == clCombine || ca == clCombine:
		return false
	case ca == clOpen || ca == clOpenW:
		return false
	case cb == clSpace:
		return false // spaces stay with the line they end
	case ca == clSpace:
		return true
	case a == b && inseparable(a):
		return false
	case (ca == clWord || ca == clCloseW) && (cb == clWord || cb == clOpenW):
		return false
	}
	return true
}

// listNumber returns the byte length of a list number that begins p
// ("1. ", "12、", "一、", "（1）", "(一)", "①"), following spaces included;
// 0 if p does not begin with one.
func listNumber(p string) int {
	i := 0
	next := func() (rune, int) {
		if i >= len(p) {
			return 0, 0
		}
		return utf8.DecodeRuneInString(p[i:])
	}
	r, sz := next()
	switch {
	case r >= '0' && r <= '9':
		n := 0
		for r >= '0' && r <= '9' && n < 3 {
			i += sz
			n++
			r, sz = next()
		}
		switch r {
		case '.', '．':
			i += sz
			if r2, _ := next(); r2 >= '0' && r2 <= '9' {
				return 0 // 4012.8 is a number, not a list item
			}
		case '、', ')', '）':
			i += sz
		default:
			return 0
		}
	case chineseNumeral(r):
		n := 0
		for chineseNumeral(r) && n < 4 {
			i += sz
			n++
			r, sz = next()
		}
		if r != '、' && r != '．' {
			return 0
		}
		i += sz
	case r == '（' || r == '(':
		i += sz
		r, sz = next()
		n := 0
		for ((r >= '0' && r <= '9') || chineseNumeral(r)) && n < 3 {
			i += sz
			n++
			r, sz = next()
		}
		if n == 0 || (r != '）' && r != ')') {
			return 0
		}
		i += sz
	case r >= 0x2460 && r <= 0x249b:
		i += sz
	default:
		return 0
	}
	for {
		r, sz := next()
		if r != ' ' && r != '\u3000' {
			break
		}
		i += sz
	}
	if i >= len(p) {
		return 0 // a bare number has nothing to hang
	}
	return i
}

func chineseNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇':
		return true
	}
	return false
}
