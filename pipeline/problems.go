package pipeline

import (
	"strings"

	"jixiao/model"
	"jixiao/msg"
)

// ProblemText is p as a front end shows it, in l: its location, severity,
// field path and message, in English
// "book.json:212:21: forms[4].indicators[7].level2: message"; in Chinese
// "book.json 第 212 行第 21 列：message（forms[4]…level2）", but without the
// field path when a workbook's sheet and cell say where ("book.xlsx
// 工作表“体检费”B4 单元格：“项目名称”未填写"): a clerk finds the cell, never
// the path. The user's file names, paths and values are escaped.
func ProblemText(l msg.Lang, p model.Problem) string {
	text := ProblemMessage(l, p)
	if l == msg.English {
		// The compiler's layout of old, which scripts read.
		var b strings.Builder
		if loc := p.Loc.String(); loc != "" {
			b.WriteString(msg.Escape(loc))
			b.WriteString(": ")
		}
		if p.Severity == model.Warning {
			b.WriteString("warning: ")
		}
		if p.Path != "" {
			b.WriteString(msg.Escape(p.Path))
			b.WriteString(": ")
		}
		b.WriteString(text)
		return b.String()
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
// with its values, escaped (msg.ProblemMessage). A problem stores no text:
// the catalogue is the one place its words live, in every language.
func ProblemMessage(l msg.Lang, p model.Problem) string {
	return msg.ProblemMessage(l, p.Code, p.Args)
}

// Location is where a problem stands, in l's words: the sheet and cell of a
// workbook ("book.xlsx 工作表“体检费”C12 单元格", "book.xlsx: 体检费!C12"), the
// line and column of a text file; the file name escaped, standard input
// named as l names it (msg.FileText).
func Location(l msg.Lang, loc model.Location) string {
	if e, ok := locationArg(loc).(*msg.Error); ok {
		return e.In(l)
	}
	return msg.FileText(l, loc.File)
}

// locationArg is loc as an argument of a message, told in the message's
// language as Location tells it.
func locationArg(loc model.Location) any {
	file := msg.File(loc.File)
	switch {
	case loc.Sheet != "" && loc.Cell != "":
		return msg.New(msg.LocCell, file, loc.Sheet, loc.Cell)
	case loc.Sheet != "":
		return msg.New(msg.LocSheet, file, loc.Sheet)
	case loc.Line > 0 && loc.Column > 0:
		return msg.New(msg.LocLineCol, file, loc.Line, loc.Column)
	case loc.Line > 0:
		return msg.New(msg.LocLine, file, loc.Line)
	}
	return file
}

// ProblemError is a problem as an error that tells itself in a language
// (msg.Localized).
func ProblemError(p model.Problem) error { return problemError{p} }

type problemError struct{ p model.Problem }

func (e problemError) Error() string        { return ProblemText(msg.English, e.p) }
func (e problemError) In(l msg.Lang) string { return ProblemText(l, e.p) }
