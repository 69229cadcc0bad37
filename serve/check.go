package serve

import (
	"net/http"

	"jixiao/model"
	"jixiao/pipeline"
)

// jsonProblem is a problem as the API gives it: the message in the
// server's language, the location in words (file, sheet and cell, or line),
// and the parts of both for a machine.
type jsonProblem struct {
	Severity string   `json:"severity"` // "error" or "warning"
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Location string   `json:"location,omitempty"`
	Path     string   `json:"path,omitempty"` // field path, e.g. forms[3].indicators[7].level2
	File     string   `json:"file,omitempty"`
	Sheet    string   `json:"sheet,omitempty"`
	Cell     string   `json:"cell,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Args     []string `json:"args,omitempty"`
}

// problemsBody is the body of every refusal and of 422 answers.
type problemsBody struct {
	Problems []jsonProblem `json:"problems"`
}

// checkBody is the answer of /api/check.
type checkBody struct {
	Forms    []jsonForm    `json:"forms"`
	Problems []jsonProblem `json:"problems"` // of no one form: files that cannot be read
}

// jsonForm is one form found, numbered from 1 across the files in the
// order they were sent (the N of ?form=N).
type jsonForm struct {
	Form       int           `json:"form"`
	File       string        `json:"file"`
	Sheet      string        `json:"sheet,omitempty"`
	Unit       string        `json:"unit"`        // 单位名称
	Project    string        `json:"project"`     // 项目名称
	YearAmount string        `json:"year_amount"` // 本年度项目金额（万元）
	Pages      int           `json:"pages"`       // 0 when it cannot be laid out
	Printable  bool          `json:"printable"`   // no errors
	Problems   []jsonProblem `json:"problems"`
}

func (s *Server) jsonProblem(p model.Problem) jsonProblem {
	sev := "error"
	if p.Severity == model.Warning {
		sev = "warning"
	}
	return jsonProblem{
		Severity: sev, Code: p.Code, Message: problemMessage(s.opt.Lang, p), Location: pipeline.Location(s.opt.Lang, p.Loc),
		Path: p.Path, File: p.Loc.File, Sheet: p.Loc.Sheet, Cell: p.Loc.Cell, Line: p.Loc.Line, Column: p.Loc.Column,
		Args: p.Args,
	}
}

// check answers the forms of the files with their problems and numbers of
// pages: 200 when every file could be read, problems in the forms or not
// (finding them is its work); 422 when a file could not be read, with the
// forms of the others all the same.
func (s *Server) check(c *call) answer {
	job, bad := s.job(c)
	if bad != nil {
		return *bad
	}
	b, err := s.load(c.ctx, c.uploads, job)
	if err != nil {
		return s.drawFailure(err, "")
	}
	// Every form is laid out once, to count its pages and to find what
	// the fonts cannot draw (a problem of the form too), as it is planned
	// alone (pipeline.PlanEach: a plan a form, on every CPU), so that each
	// is told with its own problems and the others with their pages;
	// bounded as every plan is by Job.MaxPages: more forms than pages are
	// refused before any is laid out, and the pages are counted as they
	// are, the forms that fail counting none.
	body := checkBody{Forms: []jsonForm{}, Problems: []jsonProblem{}}
	for _, p := range b.problems {
		body.Problems = append(body.Problems, s.jsonProblem(p))
	}
	if len(b.forms) > 0 {
		each := *job
		each.Forms = pipeline.Selection{All: true}
		each.CountOnly = true // the pages are counted, never written
		err := pipeline.PlanEach(c.ctx, b.inputs, &each, func(r pipeline.FormRef, d *pipeline.Doc, err error) error {
			k := r.N - 1
			e := &b.forms[k]
			in := b.inputs[e.input]
			f := &in.Book.Forms[e.index]
			pages := 0
			if err == nil {
				pages = d.Frame.Pages
			} else {
				ps, ok := s.userProblems(err, in.Path)
				if !ok {
					return err // an internal error
				}
				e.problems = append(e.problems, ps...)
			}
			jf := jsonForm{
				Form: k + 1, File: in.Path, Sheet: formSheet(in, e.index), Unit: f.Unit, Project: f.Project,
				YearAmount: string(f.YearAmount), Pages: pages, Printable: !e.hasErrors(),
				Problems: []jsonProblem{},
			}
			for _, p := range e.problems {
				jf.Problems = append(jf.Problems, s.jsonProblem(p))
			}
			body.Forms = append(body.Forms, jf)
			return nil
		})
		if err != nil {
			return s.drawFailure(err, "")
		}
	}
	status := http.StatusOK
	if b.unread > 0 {
		status = http.StatusUnprocessableEntity
	}
	return jsonAnswer(status, body)
}

// formSheet is the sheet of a workbook form i was read from, "" for a
// text file.
func formSheet(in pipeline.Input, i int) string {
	if in.Source == nil {
		return ""
	}
	l, _ := in.Source.Location(model.FormPath(i))
	return l.Sheet
}
