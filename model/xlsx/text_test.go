package xlsx

import (
	"errors"
	"strings"

	"jixiao/model"
	catalogue "jixiao/msg"
)

// line is p as the command line shows it in English (pipeline.ProblemText):
// "book.xlsx: Sheet!C5: warning: forms[0].year: message", the message the
// catalogue's.
func line(p model.Problem) string {
	var b strings.Builder
	if loc := p.Loc.String(); loc != "" {
		b.WriteString(catalogue.Escape(loc) + ": ")
	}
	if p.Severity == model.Warning {
		b.WriteString("warning: ")
	}
	if p.Path != "" {
		b.WriteString(catalogue.Escape(p.Path) + ": ")
	}
	b.WriteString(catalogue.ProblemMessage(catalogue.English, p.Code, p.Args))
	return b.String()
}

// lines is the English text of the problems of err (a DecodeError or
// Problems), one a line; err's own text for any other error.
func lines(err error) string {
	var ps model.Problems
	var de *model.DecodeError
	switch {
	case errors.As(err, &de):
		ps = de.Problems
	case errors.As(err, &ps):
	default:
		return err.Error()
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = line(p)
	}
	return strings.Join(out, "\n")
}
