package msg

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The texts of the problems found in the user's input: the codes are
// model's (model/codes.go), and model.Problem holds a code and its values,
// never a text: the words, English and Chinese, are only here.

// ProblemMessage is the message of a problem of the input (a
// model.Problem's Code and Args) in l, its values escaped.
func ProblemMessage(l Lang, code string, values []string) string {
	args := make([]any, len(values))
	for i, a := range values {
		args[i] = a
	}
	if at, ok := listTailOf(Code(code)); ok && len(values) >= at.place-1 {
		// The values from the list's place on are its items, one a value.
		args = append(args[:at.place-1], List{Items: anys(values[at.place-1:]), Quote: at.quote})
	}
	switch code {
	case "syntax":
		// values: what the parser found wrong as a code, then its
		// values, which the catalogue says; an error without a code ("")
		// has its English text after it, introduced as unforeseen.
		if len(values) >= 1 {
			if text, ok := SyntaxText(l, values[0], values[1:]); ok {
				return l.Text(Code(code), Raw(text))
			}
			args = []any{Raw(l.Text(Unforeseen, strings.Join(values[1:], " ")))}
		}
	case "unknown-key", "unknown-key-similar":
		// The thing whose keys are listed, model's English word.
		if k := map[string]int{"unknown-key": 1, "unknown-key-similar": 2}[code]; len(values) > k {
			args[k] = Kind(l, values[k])
		}
	case "xlsx-corrupt":
		// {1} is the workbook library's English reason.
		if len(args) > 0 {
			args[0] = XLSXReason(l, values[0])
		}
	case "duplicate-form":
		// {3} is where the earlier form is, as model.Location writes it
		// (FILE:LINE:COL, FILE: SHEET!CELL): in l's words.
		if len(args) > 2 {
			args[2] = Raw(locationText(l, values[2]))
		}
	case "not-object", "not-list", "not-string", "unquoted-string", "not-whole-number", "not-amount":
		// {1} is what was found, described in English ("the number 7").
		if len(args) > 0 {
			args[0] = Thing(l, values[0])
		}
	}
	return l.Text(Code(code), args...)
}

// locationText is loc, a location as model.Location.String writes it
// ("book.json:10:18", "book.xlsx: 体检费!B4", "book.json:10", a file
// alone), in l's words and escaped: "book.json 第 10 行第 18 列",
// "book.xlsx 工作表“体检费”B4 单元格".
func locationText(l Lang, loc string) string {
	if l == English {
		return Escape(loc)
	}
	if m := lineColRE().FindStringSubmatch(loc); m != nil {
		line, _ := strconv.Atoi(m[2])
		if m[3] == "" {
			return l.Text(LocLine, File(m[1]), line)
		}
		col, _ := strconv.Atoi(m[3])
		return l.Text(LocLineCol, File(m[1]), line, col)
	}
	if m := sheetCellRE().FindStringSubmatch(loc); m != nil {
		return l.Text(LocCell, File(m[1]), m[2], m[3])
	}
	return FileText(l, loc)
}

// StdinName is the name standard input goes by where a file's name would
// stand (the name of its input, the file of a problem's location), as
// the compilers name it.
const StdinName = "<stdin>"

// File is a file's name as an argument of a message that tells a place
// (the loc-… templates, a form's file): standard input (StdinName) said
// in the message's language (stdin-location: <stdin>, 标准输入), any other
// name user text, escaped.
func File(name string) any {
	if name == StdinName {
		return New(StdinLocation)
	}
	return name
}

// FileText is File(name) as l says it.
func FileText(l Lang, name string) string { return argText(l, File(name)) }

// The locations model.Location.String writes, compiled at their first use.
var (
	lineColRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+?):([0-9]+)(?::([0-9]+))?$`) })
	// The file is all before the last ": " (a sheet's name holds no
	// colon; a file's may: d: 1/b.xlsx).
	sheetCellRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+): ([^:]+)!([A-Z]{1,3}[0-9]+)$`) })
)

// listTail is the place of a problem's list argument: the values of the
// problem from that place on are the items of one list ({place} in the
// template), joined as the language writes a list (see List).
type listTail struct {
	place int
	quote bool // each item in “…”
}

// listTails are the problems whose last argument is a list. model keeps
// the list's items as values of their own (data, not a text joined in one
// language), and the catalogue joins them here. (A slice: the compiler
// lays it out as data; a map literal is built when the program starts.)
var listTails = []struct {
	code Code
	listTail
}{
	{"unknown-key", listTail{place: 3}},
	{"unknown-key-similar", listTail{place: 4}},
	{"invisible-in-name", listTail{place: 1}},
	{"level1-not-standard", listTail{place: 2}},
	{"level2-not-standard", listTail{place: 3}},
	{"out-of-order", listTail{place: 3}},
	{"xlsx-no-forms", listTail{place: 1, quote: true}},
}

// listTailOf returns the place of code's list, if it has one.
func listTailOf(code Code) (listTail, bool) {
	for _, t := range listTails {
		if t.code == code {
			return t.listTail, true
		}
	}
	return listTail{}, false
}

var problemCatalogue = []item{
	// Reading a file.
	{"file-too-large", "the file is {1} bytes, more than the {2} MiB an input may have",
		"文件有 {1} 字节，超过了输入文件上限 {2} MiB"},
	{"stream-too-large", "the input is more than the {1} MiB an input may have",
		"输入超过了输入文件上限 {1} MiB"},
	{"file-empty", "the file is empty: expected a form or a book in JSON or YAML",
		"文件是空的：应当是 JSON 或 YAML 格式的表或册"},
	{"not-text", "not a text file (a NUL byte at byte offset {1}): expected a form or a book in JSON or YAML",
		"这不是文本文件（第 {1} 字节处是空字符）：应当是 JSON 或 YAML 格式的表或册"},
	{"truncated-utf8", "the file ends in the middle of a character (it is truncated)",
		"文件在一个字的中间断了（文件不完整）"},
	{"not-utf8", "byte {1} is not UTF-8: save the file as UTF-8 (it may be GBK)",
		"字节 {1} 不是 UTF-8 编码：请把文件另存为 UTF-8 编码（它可能是 GBK 编码）"},
	{"image-file", "this is a {1} image, not a form: jixiao reads forms typed into an .xlsx workbook or written in JSON or YAML, not photos or scans",
		"这是 {1} 图片，不是可读取的表：jixiao 读取填写好的 .xlsx 工作簿或 JSON、YAML 文件，不能识别照片或扫描件"},
	{"archive-file", "this is a {1} archive: unpack it and give the .xlsx, .json or .yaml files inside",
		"这是 {1} 压缩文件：请先解压，再使用其中的 .xlsx、.json 或 .yaml 文件"},
	{"binary-file", "this is binary data, not a text file: expected a form or a book in JSON or YAML, or an .xlsx workbook",
		"这不是文本文件，而是二进制数据：应当是 JSON 或 YAML 格式的表或册，或 .xlsx 工作簿"},
	{"utf16", "the file is {1} text: save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)",
		"文件是 {1} 编码的文本：请另存为 UTF-8 编码（记事本：“另存为”，编码选“UTF-8”）"},
	{"syntax", "{1}",
		"文件格式有误：{1}"},
	{"duplicate-key", "duplicate key \"{1}\"",
		"字段“{1}”重复出现"},
	{"too-many-indicators", "the form has {1} indicator rows, more than the {2} a form may have (a form has a few dozen): split it into several forms",
		"这张表有 {1} 行指标，超过每张表 {2} 行的上限（一张表通常只有几十行）：请拆分为几张表"},
	{"too-deep", "nested more than {1} levels deep",
		"嵌套超过 {1} 层"},
	{"too-many-problems", "{1} more problems not listed; stopping here",
		"还有 {1} 个问题未列出，到此为止"},
	{"too-many-problems-uncounted", "more problems not listed; stopping here",
		"还有更多问题未列出，到此为止"},
	{"unknown-key", "unknown key \"{1}\"; {2} has the keys {3}",
		"没有“{1}”这个字段；{2}的字段有：{3}"},
	{"unknown-key-similar", "unknown key \"{1}\" (did you mean {2}?); {3} has the keys {4}",
		"没有“{1}”这个字段，是否应为“{2}”？{3}的字段有：{4}"},
	{"not-object", "expected an object, got {1}",
		"这里应当是一组字段（{ … }），却是{1}"},
	{"not-list", "expected a list, got {1}",
		"这里应当是一个列表（[ … ]），却是{1}"},
	{"not-string", "expected a string, got {1}",
		"这里应当是文字，却是{1}"},
	{"unquoted-string", "expected a string, got {1} (write it in double quotes)",
		"这里应当是文字，却是{1}（请加上双引号）"},
	{"not-whole-number", "expected a whole number such as 2024, got {1}",
		"这里应当是整数（如 2024），却是{1}"},
	{"quoted-number", "expected a whole number such as 2024, got the text \"{1}\": write it without the quotation marks, as {1}",
		"这里应当是整数（如 2024），却是加了引号的文字“{1}”：请去掉引号，写成 {1}"},
	{"not-amount", "expected an amount in 万元 such as \"4012.8\", got {1}",
		"这里应当是以万元计的金额（如 \"4012.8\"），却是{1}"},
	{"text-too-long", "the text is {1} bytes long, more than the {2} KiB a field may hold",
		"这段文字有 {1} 字节，超过了一个栏目允许的 {2} KiB"},
	{"amount-too-long", "expected an amount in 万元 such as \"4012.8\", got a text of {1} bytes",
		"这里应当是以万元计的金额（如 \"4012.8\"），却是一段 {1} 字节的文字"},

	// Validating.
	{"no-forms", "the book has no forms",
		"这本册子里没有表"},
	{"required-missing", "{1} is missing",
		"没有填写{1}"},
	{"year-implausible", "{1} is not a plausible year (expected 1900–2200)",
		"年度 {1} 不对（应在 1900 到 2200 之间）"},
	{"amount-malformed", "{1}: \"{2}\" is not an amount: expected digits with an optional decimal point, such as 4012.8",
		"{1}“{2}”不是金额：应当只有数字和小数点，如 4012.8"},
	{"amount-decimals", "{1}: \"{2}\" has {3} decimal places; an amount in 万元 has at most 6",
		"{1}“{2}”有 {3} 位小数，以万元计的金额最多 6 位小数"},
	{"amount-too-large", "{1}: \"{2}\" is too large for an amount in 万元",
		"{1}“{2}”太大了，不像是以万元计的金额"},
	{"amount-looks-like-yuan", "{1}: {2} is {3} 亿元; if it was typed in 元, write {3} (万元)",
		"{1}填的是 {2}，即 {3} 亿元，数额异常：如果填的是元，应改为 {3}（以万元计）"},
	{"year-amount-above-total", "本年度项目金额 {1} is more than 项目总金额 {2}",
		"本年度项目金额 {1} 大于项目总金额 {2}"},
	{"line-break-not-allowed", "a line break (U+000A) at character {1}: only the long texts may contain line breaks",
		"第 {1} 个字处有换行：只有项目概述等长文字栏目可以换行"},
	{"control-character", "control character {1} at character {2}: only line breaks, and only in the long texts",
		"第 {2} 个字处有控制字符 {1}：除长文字栏目中的换行外，不能有控制字符"},
	{"form-year-differs", "the form is of {1} but the book is of {2}",
		"这张表是 {1} 年度的，而整册是 {2} 年度"},
	{"blank-lines-collapsed", "{1} runs of blank lines shortened to one blank line each",
		"有 {1} 处连续空行，已各缩成一个空行"},
	{"invisible-in-name", "the project name holds {1}, invisible or reordering characters: they are left out of file names",
		"项目名称中有看不见或会打乱文字顺序的字符 {1}：生成文件名时已去掉"},
	{"no-indicators", "the form has no indicators; the table will print the standard framework with empty values: every 一级 and 二级, and the standard 三级 of 决策 and 过程",
		"这张表没有绩效指标，指标表将印出标准框架，指标值空白：各一级、二级指标，以及决策、过程的标准三级指标"},
	{"level1-missing", "一级指标 is missing (every row carries its full 一级 and 二级)",
		"没有填写一级指标（每一行都要写全一级指标和二级指标）"},
	{"level1-unknown", "{1} is not a standard 一级指标 (did you mean {2}?)",
		"“{1}”不是标准的一级指标，是否应为“{2}”？"},
	{"level1-not-standard", "{1} is not a standard 一级指标 (expected one of {2})",
		"“{1}”不是标准的一级指标（应为 {2} 之一）"},
	{"level1-split", "一级指标 {1} is split: its rows must stand together",
		"一级指标“{1}”的各行被隔开了：同一个一级指标的行要排在一起"},
	{"level2-missing", "二级指标 is missing (every row carries its full 一级 and 二级)",
		"没有填写二级指标（每一行都要写全一级指标和二级指标）"},
	{"level2-not-in-level1", "{1} is not a 二级指标 of {2} (did you mean {3}?)",
		"二级指标“{1}”不属于一级指标“{2}”，是否应为“{3}”？"},
	{"level2-of-other-level1", "{1} is not a 二级指标 of {2} (it belongs to {3})",
		"二级指标“{1}”不属于一级指标“{2}”，它属于“{3}”"},
	{"level2-not-standard", "{1} is not a 二级指标 of {2} (expected one of {3})",
		"二级指标“{1}”不属于一级指标“{2}”（应为 {3} 之一）"},
	{"level2-split", "二级指标 {1} is split: its rows must stand together",
		"二级指标“{1}”的各行被隔开了：同一个二级指标的行要排在一起"},
	{"out-of-order", "{1}/{2} is out of the standard order ({3})",
		"“{1}/{2}”没有按标准顺序排列（标准顺序：{3}）"},
	{"values-without-level3", "三级指标 is missing but the row has values",
		"这一行填了指标值，却没有填三级指标"},
	{"empty-row-beside-level3", "an empty {1} row beside rows of {1} that have 三级指标: remove the empty row",
		"“{1}”已有填了三级指标的行，旁边这条空行是多余的：请删除空行"},
	{"empty-row-twice", "a second empty {1} row: an empty category is one row",
		"“{1}”有第二条空行：没有三级指标的类别只需一行"},
	{"level3-no-values", "三级指标 {1} has no values: 半年（程）指标值 and 全年（程）指标值 are both empty",
		"三级指标“{1}”没有指标值：半年（程）指标值和全年（程）指标值都是空的"},
	{"half-year-missing", "三级指标 {1} has no 半年（程）指标值",
		"三级指标“{1}”没有填半年（程）指标值"},
	{"full-year-missing", "三级指标 {1} has no 全年（程）指标值",
		"三级指标“{1}”没有填全年（程）指标值"},
	{"level3-duplicate", "三级指标 {1} appears twice under {2} (also at {3})",
		"三级指标“{1}”在“{2}”下出现了两次（另一处在 {3}）"},
	{"level3-wrong-level2", "三级指标 {1} belongs under {2}/{3}, not {4}/{5}",
		"三级指标“{1}”应归在“{2}/{3}”下，而不是“{4}/{5}”"},
	{"level3-misspelt", "{1} is taken as the standard 三级指标 {2} of {3}/{4}: write it as the standard name",
		"“{1}”按“{3}/{4}”下的标准三级指标“{2}”处理：请改写为标准名称"},
	{"category-missing", "the standard category {1}/{2} is missing; empty categories are still printed (add a row with an empty level3)",
		"缺少标准类别“{1}/{2}”；没有三级指标的类别也要印出来（请加一行，三级指标留空）"},
	{"standard-level3-missing", "the standard 三级指标 {1} of {2}/{3} is missing",
		"缺少“{2}/{3}”下的标准三级指标“{1}”"},

	// Laying out.
	{"title-too-tall", "page too small for the title",
		"纸张太小，连标题都放不下"},
	{"label-too-tall", "label needs {1}, more than a page holds ({2})",
		"这个指标名称需要 {1} 高，超过了一页能容纳的 {2}"},
	{"row-too-tall", "page too small: the row needs {1} (or its labels do), the page holds {2}",
		"纸张太小：这一行（或它的指标名称）需要 {1} 高，一页只能容纳 {2}"},
	{"page-too-narrow", "page too narrow: column {1} of the table would be {2} wide, less than one character",
		"纸张太窄：表格第 {1} 列只有 {2} 宽，连一个字都放不下"},
	{"signature-too-tall", "page too small for the signature block ({1})",
		"纸张太小，放不下签字栏（需要 {1} 高）"},
	{"stamp-too-tall", "page too small for the line 单位（盖章） ({1})",
		"纸张太小，放不下“单位（盖章）”一行（需要 {1} 高）"},
	{"footer-over-stamp", "the page footer of {1} lines would run into the line {2} in the bottom margin: widen the page or shorten the footer",
		"页脚有 {1} 行，会压到页边距中的“{2}”一行：请加宽纸张或缩短页脚"},

	// Importing a seed text.
	{"seed-too-large", "the file is larger than {1} bytes",
		"文件超过 {1} 字节"},
	{"seed-empty", "empty file: expected the title line {1}",
		"文件是空的：第一行应当是标题“{1}”"},
	{"seed-not-text", "not a UTF-8 text file (binary data)",
		"这不是 UTF-8 文本文件"},
	{"seed-no-content", "no content: expected the title line {1}",
		"文件没有内容：第一行应当是标题“{1}”"},
	{"seed-no-title", "expected the title line {1}, found \"{2}\"",
		"这里应当是标题“{1}”，却是“{2}”"},
	{"seed-year-differs", "form {1} is for {2}, the forms before it for {3}",
		"第 {1} 张表是 {2} 年度的，前面的表都是 {3} 年度"},
	{"seed-truncated", "form {1} (title at line {2}) is truncated",
		"第 {1} 张表（标题在第 {2} 行）不完整，后面的内容缺失"},
	{"seed-no-year-line", "form {1}: expected the year line (e.g. 2024年度) after the title, found \"{2}\"",
		"第 {1} 张表：标题后应当是年度行（如“2024年度”），却是“{2}”"},
	{"seed-duplicate-row", "form {1}: second {2} row (first at line {3})",
		"第 {1} 张表：“{2}”出现了两次（第一次在第 {3} 行）"},
	{"seed-unexpected-row", "form {1}: unexpected row \"{2}\" in the form header (expected 单位名称, 项目名称, 项目总金额（万元）, a long text or the 一级指标 header)",
		"第 {1} 张表：表头部分不应有“{2}”这一行（应为单位名称、项目名称、项目总金额（万元）、长文字栏目或一级指标表头）"},
	{"seed-missing-row", "form {1} (title at line {2}): missing the {3} row before the indicator table",
		"第 {1} 张表（标题在第 {2} 行）：指标表之前缺少“{3}”这一行"},
	{"seed-empty-project", "form {1}: empty 项目名称",
		"第 {1} 张表：项目名称是空的"},
	{"seed-not-number", "form {1}: {2} \"{3}\" is not a decimal number",
		"第 {1} 张表：{2}“{3}”不是数字"},
	{"seed-unreadable-row", "form {1}: cannot read indicator row \"{2}\": expected a 二级 label, or a 三级 with its two values",
		"第 {1} 张表：看不懂这一行指标“{2}”：应当是二级指标名称，或三级指标及其两个指标值"},
	{"seed-empty-value-cell", "form {1}: indicator row \"{2}\" seems to have an empty value cell: read from the right, its 三级 would be the category name {3}; expected 三级, 半年（程）指标值 and 全年（程）指标值 after the labels",
		"第 {1} 张表：这一行指标“{2}”好像有一格指标值空着：从右往左读，它的三级指标会成了类别名“{3}”；指标名称后应依次是三级指标、半年（程）指标值、全年（程）指标值"},
	{"seed-level3-without-level2", "form {1}: 三级 {2} has no 二级: expected 一级/二级 labels on the first indicator row",
		"第 {1} 张表：三级指标“{2}”前面没有二级指标：第一行指标应写明一级、二级指标"},

	// The binder.
	{"duplicate-form", "{1} is also form {2} ({3}): it would be printed twice",
		"项目“{1}”与第 {2} 张表（{3}）重复，会打印两次"},
	{"binder-year-differs", "the form is of {1} but the binder is of {2} (the year of the first input, {3}): the cover says {4}",
		"这张表是 {1} 年度的，而整册是 {2} 年度（取自第一个输入文件 {3}），封面印的是 {4} 年度"},
	{"binder-too-many-pages", "the binder of these {2} forms would have more than {1} pages, the most one request may print: print the forms in several binders, or with jixiao binder on the command line",
		"这 {2} 张表装订成册将超过 {1} 页，超出单次请求可打印的上限：请分成几册打印，或在命令行中用 jixiao binder 生成"},
}
