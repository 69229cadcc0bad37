package msg

import "strings"

// The texts of the repairs the seed importer (jixiao import) makes: the
// codes are seedtext's (model/seedtext/repairs.go); a seedtext.Repair holds
// a code and its values, and its words, English and Chinese, are only here.

var repairCatalogue = []item{
	{"seed-rule-line-dropped", "rule line {1} dropped",
		"表格线 {1} 已去掉"},
	{"seed-and-replaced", "{1}: English \" and \" between Chinese words replaced by 和",
		"{1}：汉字之间的英文“ and ”已改为“和”"},
	{"seed-label-cleaned", "{1} {2} cleaned to {3}",
		"{1} {2} 已整理为 {3}"},
	{"seed-text-cleaned", "{1} cleaned to plain text ({2})",
		"“{1}”已整理为纯文字（{2}）"},
	{"seed-header-standard", "indicator header {1} read as the standard five columns",
		"指标表头 {1} 按标准的五栏读取"},
	{"seed-header-column", "indicator header {1} read as {2}",
		"指标表头“{1}”按“{2}”读取"},
	{"seed-l3-level1-replaced", "一级 label {1} replaced by {2} (standard 三级 {3})",
		"一级指标“{1}”已改为“{2}”（标准三级指标“{3}”）"},
	{"seed-l3-level2-replaced", "二级 label {1} replaced by {2} (standard 三级 {3})",
		"二级指标“{1}”已改为“{2}”（标准三级指标“{3}”）"},
	{"seed-l3-moved", "standard 三级 {1} put under {2}/{3}, not under {4} above it (its label is on another line)",
		"标准三级指标“{1}”已放到“{2}/{3}”下，而不是上方的“{4}”下（它的指标名称在另一行）"},
	{"seed-l3-twice", "standard 三级 {1} occurs twice in form {2} (first at line {3})",
		"标准三级指标“{1}”在第 {2} 张表中出现了两次（第一次在第 {3} 行）"},
	{"seed-labels-unknown", "labels {1} not recognised; 三级 {2} kept under {3} above it",
		"认不出指标名称 {1}；三级指标“{2}”仍放在上方的“{3}”下"},
	{"seed-l3-shifted", "三级 {1} found in the 一级 column (shifted cells); kept under {2} above it",
		"三级指标“{1}”出现在一级指标栏（单元格错位）；仍放在上方的“{2}”下"},
	{"seed-value-normalised", "{1} value {2} normalised to {3}",
		"{1}指标值 {2} 已规范为 {3}"},
	{"seed-level2-read", "二级 label {1} read as {2}",
		"二级指标“{1}”按“{2}”读取"},
	{"seed-level1-replaced", "一级 label {1} replaced by {2} (二级 {3})",
		"一级指标“{1}”已改为“{2}”（二级指标“{3}”）"},
	{"seed-label-ignored", "label {1} ignored (二级 {2})",
		"指标名称“{1}”未采用（二级指标“{2}”）"},
	{"seed-level1-read", "一级 label {1} read as {2}",
		"一级指标“{1}”按“{2}”读取"},
	{"seed-only-level1-dropped", "row {1} names only the 一级 {2}; dropped",
		"{1} 这一行只写了一级指标“{2}”，已去掉"},
	{"seed-level2-guessed", "row names only the 一级 {1}; 二级 guessed as {2}",
		"这一行只写了一级指标“{1}”；二级指标推定为“{2}”"},
	{"seed-level2-order", "二级 {1} comes after {2}; rows put back in framework order",
		"二级指标“{1}”排在“{2}”之后；已按指标体系的顺序排好"},
	{"seed-fragment-dropped", "stray fragment naming 二级 {1} dropped (its 三级 rows are elsewhere)",
		"只写了二级指标“{1}”的零散内容已去掉（它的三级指标在别处）"},
	{"seed-second-empty-dropped", "second row for the empty 二级 {1} dropped",
		"空的二级指标“{1}”的第二行已去掉"},
	{"seed-no-level2-row", "form {1} ({2}) has no row for 二级 {3}/{4}; none added",
		"第 {1} 张表（{2}）没有二级指标“{3}/{4}”的行；没有补上"},
	{"seed-no-standard-l3", "form {1} ({2}) lacks the standard 三级 {3}",
		"第 {1} 张表（{2}）缺少标准三级指标“{3}”"},

	{"seed-kind-html-markup", "HTML markup", "网页标记（HTML）"},
	{"seed-kind-html-entities", "HTML entities", "网页转义字符（HTML）"},
	{"seed-kind-latex", "LaTeX", "公式标记（LaTeX）"},
	{"seed-kind-punctuation", "half-width punctuation", "半角标点"},
	{"seed-kind-spacing", "spacing and line breaks", "空格和换行"},
	{"seed-kind-lines", "{1} lines", "分为 {1} 行"},
}

// RepairText is a repair of jixiao import in l: the catalogue's text of
// code with args; for seed-text-cleaned the kinds of {2} (codes, ","
// separated, seed-kind-lines:N) are each put in l. ok is false for a code
// the catalogue does not hold.
func RepairText(l Lang, code string, args []string) (text string, ok bool) {
	if !Has(Code(code)) {
		return "", false
	}
	a := make([]any, len(args))
	for i, s := range args {
		a[i] = s
	}
	if code == "seed-text-cleaned" && len(args) == 2 {
		var kinds []any
		for _, k := range strings.Split(args[1], ",") {
			c, n, _ := strings.Cut(k, ":")
			if !Has(Code(c)) {
				return "", false
			}
			kinds = append(kinds, New(Code(c), n))
		}
		a[1] = List{Items: kinds}
	}
	return l.Text(Code(code), a...), true
}
