package pipeline

import (
	"jixiao/model"
	"jixiao/msg"
)

// ProblemText is p as a front end shows it, in l. In English it is
// p.String(): "book.json:212:21: forms[4].indicators[7].level2: message";
// in Chinese "book.json 第 212 行第 21 列：message（forms[4]…level2）", but
// without the field path when a workbook's sheet and cell say where
// ("book.xlsx 工作表“体检费”B4 单元格：“项目名称”未填写"): a clerk finds
// the cell, never the path.
func ProblemText(l msg.Lang, p model.Problem) string {
	if l == msg.English {
		return p.String() // user text escaped
	}
	text := ProblemMessage(l, p)
	if !msg.Has(msg.Code(p.Code)) {
		text = msg.Escape(text)
	}
	if p.Path != "" && (p.Loc.Sheet == "" || p.Loc.Cell == "") {
		text = l.Text(msg.ProblemPath, p.Path, msg.Raw(text))
	}
	if p.Severity == model.Warning {
		text = l.Text(msg.Warning, msg.Raw(text))
	}
	if loc := Location(l, p.Loc); loc != "" {
		text = l.Text(msg.ProblemAt, msg.Raw(loc), msg.Raw(text))
	}
	return text
}

// ProblemMessage is p's message in l: the catalogue's text of its code
// with its values (escaped), or (in English, or for a code without one)
// p.Message, model's English text, which the catalogue's English
// reproduces; it is not escaped (JSON escapes it; ProblemText does).
func ProblemMessage(l msg.Lang, p model.Problem) string {
	if l == msg.English || !msg.Has(msg.Code(p.Code)) {
		return p.Message
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		args[i] = a
	}
	switch p.Code {
	case model.CodeSyntax:
		// Args: the English text, the parser's code and its values.
		if len(p.Args) >= 2 {
			if text, ok := msg.SyntaxText(l, p.Args[1], p.Args[2:]); ok {
				return l.Text(msg.Code(p.Code), msg.Raw(text))
			}
		}
		if len(p.Args) > 0 { // a parser's text with no code
			args[0] = msg.Raw(l.Text(msg.Unforeseen, p.Args[0]))
		}
	case "xlsx-corrupt":
		// {1} is the workbook library's English reason.
		if len(args) > 0 {
			args[0] = msg.XLSXReason(l, p.Args[0])
		}
	case model.CodeNotObject, model.CodeNotList, model.CodeNotString, model.CodeUnquotedString,
		model.CodeNotWholeNumber, model.CodeNotAmount:
		// {1} is what was found, described in English ("the number 7").
		if len(args) > 0 {
			args[0] = msg.Thing(l, p.Args[0])
		}
	}
	return l.Text(msg.Code(p.Code), args...)
}

// Location is where a problem stands, in l's words: the sheet and cell of a
// workbook ("book.xlsx 工作表“体检费”C12 单元格", "book.xlsx: 体检费!C12"), the
// line and column of a text file; the file name escaped.
func Location(l msg.Lang, loc model.Location) string {
	switch {
	case loc.Sheet != "" && loc.Cell != "":
		return l.Text(msg.LocCell, loc.File, loc.Sheet, loc.Cell)
	case loc.Sheet != "":
		return l.Text(msg.LocSheet, loc.File, loc.Sheet)
	case loc.Line > 0 && loc.Column > 0:
		return l.Text(msg.LocLineCol, loc.File, loc.Line, loc.Column)
	case loc.Line > 0:
		return l.Text(msg.LocLine, loc.File, loc.Line)
	}
	return msg.Escape(loc.File)
}

// ProblemError is a problem as an error that tells itself in a language
// (msg.Localized).
func ProblemError(p model.Problem) error { return problemError{p} }

type problemError struct{ p model.Problem }

func (e problemError) Error() string        { return e.p.String() }
func (e problemError) In(l msg.Lang) string { return ProblemText(l, e.p) }
