package msg

import (
	"strconv"
	"strings"
)

// The texts of the syntax errors of JSON and YAML files (the codes are
// model/internal/jsonyaml's, codes.go) and of the values the decoder
// describes ("got the number 7"). The English text is the one the parser
// writes; the Chinese says the same for a clerk.

var syntaxCatalogue = []item{
	{"json-no-value", "the file has no JSON value", "文件里没有 JSON 内容"},
	{"json-after-end", "unexpected {1} after the end of the JSON value", "JSON 内容已经结束，后面却还有{1}"},
	{"json-truncated", "unexpected end of file (the JSON is truncated)", "文件在这里意外结束（JSON 不完整）"},
	{"json-bad-number", "invalid number {1}", "数字 {1} 写法有误"},
	{"json-expected-value", "unexpected {1}: expected a JSON value", "这里应当是一个值（文字、数字、列表或一组字段），却是{1}"},
	{"json-bad-string", "invalid string", "这段文字的写法有误（多半是反斜杠 \\ 的用法不对）"},
	{"json-control-char", "control character {1} inside a string (write it as an escape, or \\n for a new paragraph)", "文字中有控制字符 {1}（请改用转义写法，换段请写 \\n）"},
	{"json-unterminated", "unterminated string (the JSON is truncated)", "文字缺少结尾的双引号（JSON 不完整）"},
	{"json-object-truncated", "unexpected end of file inside an object (the JSON is truncated)", "一组字段（{ … }）还没结束文件就结束了（JSON 不完整）"},
	{"json-expected-key", "unexpected {1}: expected a key in double quotes", "这里应当是加双引号的字段名，却是{1}"},
	{"json-expected-colon", "unexpected {1}: expected ':' after the key {2}", "字段名 {2} 后面应当是冒号“:”，却是{1}"},
	{"json-expected-comma-brace", "unexpected {1}: expected ',' or '}'", "这里应当是逗号“,”或右花括号“}”，却是{1}"},
	{"json-list-truncated", "unexpected end of file inside a list (the JSON is truncated)", "列表（[ … ]）还没结束文件就结束了（JSON 不完整）"},
	{"json-expected-comma-bracket", "unexpected {1}: expected ',' or ']'", "这里应当是逗号“,”或右方括号“]”，却是{1}"},

	{"yaml-no-document", "the file has no YAML document", "文件里没有 YAML 内容"},
	{"yaml-second-document", "a second YAML document (after ---): a file holds one form or one book", "“---”之后又开始了一份 YAML 文档：一个文件只能放一张表或一本册子"},
	{"yaml-invalid", "invalid YAML: {1}", "{1}"},
	{"yaml-too-big", "the YAML expands to too many values or too much text (aliases repeat what they name)", "YAML 展开后的内容太多（别名 * 会重复它所指的内容）"},
	{"yaml-unknown-alias", "unknown alias", "找不到这个别名（*）所指的内容"},
	{"yaml-key-not-string", "a key must be a plain string", "字段名只能是普通文字"},
	{"yaml-merge-key", "merge keys (<<) are not supported: write the keys out", "不支持合并写法（<<）：请把字段逐个写出"},
	{"yaml-empty", "empty YAML document", "YAML 文档是空的"},
	{"yaml-unsupported", "unsupported YAML value", "不支持这种 YAML 写法"},

	// What the YAML library found ({1} of yaml-invalid), in the other
	// language; a text not listed is said as yaml-other.
	{"yaml-tab", "a tab character", "用了制表符（Tab）：YAML 只能用空格缩进"},
	{"yaml-bad-char", "a character that cannot start any token", "这里有一个不能出现的字符（常见原因：用了制表符 Tab 缩进，YAML 只能用空格缩进）"},
	{"yaml-no-colon", "could not find expected ':'", "缺少冒号“:”（字段名后面要有冒号和空格）"},
	{"yaml-mapping-values", "mapping values are not allowed in this context", "这里不能有冒号“:”（多半是缩进不对，或文字中的冒号需要加引号）"},
	{"yaml-expected-key", "did not find expected key", "缩进不对：这里应当是一个字段名"},
	{"yaml-expected-dash", "did not find expected '-' indicator", "缩进不对：列表的每一项应当以“- ”开头"},
	{"yaml-node-content", "did not find expected node content", "这里缺少内容"},
	{"yaml-sequence", "block sequence entries are not allowed in this context", "这里不能开始列表（“- ”），多半是缩进不对"},
	{"yaml-end-of-stream", "found unexpected end of stream", "文件意外结束（多半是引号没有配对）"},
	{"yaml-control-chars", "control characters are not allowed", "文件中有控制字符"},
	{"yaml-utf8", "invalid UTF-8", "文件中有不是 UTF-8 编码的字节"},
	{"yaml-escape", "found unknown escape character", "双引号中的反斜杠 \\ 用法不对"},
	{"yaml-other", "invalid YAML", "YAML 写法有误，请检查这一行的缩进、冒号和引号"},

	// The values the decoder found where something else was expected.
	{"value-object", "an object", "一组字段（{ … }）"},
	{"value-list", "a list", "列表（[ … ]）"},
	{"value-number", "the number {1}", "数字 {1}"},
	{"value-boolean", "the boolean {1}", "逻辑值 {1}"},
	{"value-null", "null", "空值 null"},
	{"value-string", "a string", "文字"},
	{"end-of-file", "end of file", "文件末尾"},

	// What holds the keys of an unknown-key problem (model's kind).
	{"kind-form", "a form", "表"},
	{"kind-book", "a book", "册"},
	{"kind-indicator", "an indicator row", "指标行"},

	// Why a workbook cannot be read ({1} of xlsx-corrupt), in the other
	// languages.
	{"xlsx-reason-not-zip", "it is not a zip archive", "不是 zip 压缩格式的 .xlsx，可能只是改了扩展名"},
	{"xlsx-reason-damaged", "the workbook is damaged", "文件已损坏或不完整"},
	{"input-kinds", ".json, .yaml, .yml or .xlsx", ".json、.yaml、.yml 或 .xlsx"},
}

// The codes of this file the program names (the others are the parser's).
const (
	YAMLTab           Code = "yaml-tab"
	YAMLBadChar       Code = "yaml-bad-char"
	YAMLNoColon       Code = "yaml-no-colon"
	YAMLMappingValues Code = "yaml-mapping-values"
	YAMLExpectedKey   Code = "yaml-expected-key"
	YAMLExpectedDash  Code = "yaml-expected-dash"
	YAMLNodeContent   Code = "yaml-node-content"
	YAMLSequence      Code = "yaml-sequence"
	YAMLEndOfStream   Code = "yaml-end-of-stream"
	YAMLControlChars  Code = "yaml-control-chars"
	YAMLUTF8          Code = "yaml-utf8"
	YAMLEscape        Code = "yaml-escape"
	YAMLOther         Code = "yaml-other"
	ValueObject       Code = "value-object"
	ValueList         Code = "value-list"
	ValueNumber       Code = "value-number"
	ValueBoolean      Code = "value-boolean"
	ValueNull         Code = "value-null"
	ValueString       Code = "value-string"
	EndOfFile         Code = "end-of-file"
	XLSXNotZip        Code = "xlsx-reason-not-zip"
	XLSXDamaged       Code = "xlsx-reason-damaged"
	InputKinds        Code = "input-kinds"
	KindForm          Code = "kind-form"
	KindBook          Code = "kind-book"
	KindIndicator     Code = "kind-indicator"
)

// yamlLibrary: the YAML library's texts, by a piece of them, in the order
// tried.
var yamlLibrary = []struct {
	piece string
	code  Code
}{
	{"tab character", YAMLTab},
	{"cannot start any token", YAMLBadChar},
	{"could not find expected ':'", YAMLNoColon},
	{"mapping values are not allowed", YAMLMappingValues},
	{"did not find expected key", YAMLExpectedKey},
	{"did not find expected '-'", YAMLExpectedDash},
	{"did not find expected node content", YAMLNodeContent},
	{"block sequence entries are not allowed", YAMLSequence},
	{"unexpected end of stream", YAMLEndOfStream},
	{"control characters are not allowed", YAMLControlChars},
	{"UTF-8", YAMLUTF8},
	{"unknown escape character", YAMLEscape},
}

// Kind is, in l, what model names as "form", "book" or "indicator": the
// thing whose keys an unknown-key problem lists. Another word is said as
// it is, escaped.
func Kind(l Lang, kind string) Raw {
	if c, ok := map[string]Code{"form": KindForm, "book": KindBook, "indicator": KindIndicator}[kind]; ok {
		return Raw(l.Text(c))
	}
	return Raw(Escape(kind))
}

// Thing is, in l, what the decoder or parser found: its English
// description ("the number 7", "an object", "end of file", a quoted
// character or user value) said in l; a quoted value is escaped.
func Thing(l Lang, english string) Raw {
	simple := map[string]Code{"an object": ValueObject, "a list": ValueList, "null": ValueNull,
		"a string": ValueString, "end of file": EndOfFile}
	if c, ok := simple[english]; ok {
		return Raw(l.Text(c))
	}
	if v, ok := strings.CutPrefix(english, "the number "); ok {
		return Raw(l.Text(ValueNumber, v))
	}
	if v, ok := strings.CutPrefix(english, "the boolean "); ok {
		return Raw(l.Text(ValueBoolean, v))
	}
	if l == Chinese && english != "" && (english[0] == '\'' || english[0] == '"') {
		// A character or a value, quoted as Go quotes it ('}', "二〇二四"):
		// in Chinese marks, “}”, unless it holds what only the escaped
		// form shows (a control character, a lone quote's escape).
		if v, err := strconv.Unquote(english); err == nil && v != "" && Escape(v) == v {
			return Raw("“" + v + "”")
		}
	}
	return Raw(Escape(english))
}

// SyntaxText is a syntax error of the parser in l: code (a code of
// model/internal/jsonyaml) with its values; the characters found instead
// ({1} of the "unexpected" ones) are said with Thing and the YAML
// library's text with the code of yamlLibrary. ok is false for a code the
// catalogue does not hold.
func SyntaxText(l Lang, code string, args []string) (text string, ok bool) {
	if !Has(Code(code)) || !strings.HasPrefix(code, "json-") && !strings.HasPrefix(code, "yaml-") {
		return "", false
	}
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	switch {
	case code == "yaml-invalid" && len(args) == 1:
		c := YAMLOther
		for _, y := range yamlLibrary {
			if strings.Contains(args[0], y.piece) {
				c = y.code
				break
			}
		}
		if l != English {
			a[0] = Raw(l.Text(c))
		}
	case strings.HasPrefix(code, "json-") && len(args) > 0 && code != "json-bad-number" && code != "json-bad-string" && code != "json-control-char":
		a[0] = Thing(l, args[0])
	}
	return l.Text(Code(code), a...), true
}

// XLSXReason is, in l, why a workbook cannot be read ({1} of
// xlsx-corrupt): the library's English text as it is, in the other
// languages what it means for the user.
func XLSXReason(l Lang, english string) Raw {
	switch {
	case l == English:
		return Raw(Escape(english))
	case english == "it is not a zip archive":
		return Raw(l.Text(XLSXNotZip))
	}
	return Raw(l.Text(XLSXDamaged))
}
