package pipeline

import (
	"strconv"
	"strings"

	"jixiao/binder"
	"jixiao/model"
)

// The problems of forms that only the inputs together show: a project
// given twice, a form of another year than the binder's. Both front ends
// tell them by these functions, the command line and the web page alike.

// Duplicates returns, by input, a warning for each form whose 单位名称 and
// 项目名称 an earlier form has (in any input), naming that form: the same
// project in two files is printed twice.
func Duplicates(inputs []Input) [][]model.Problem {
	out := make([][]model.Problem, len(inputs))
	var d DuplicateFinder
	for k, in := range inputs {
		out[k] = d.Add(in)
	}
	return out
}

// DuplicateFinder tells the duplicates of inputs given one at a time (as
// validate reads its files): Add returns for each input what Duplicates
// returns for it after the inputs added before. Each input is read once,
// and of each project only its first form's number and place are kept,
// not the inputs: the work and the memory grow with the forms, not with
// their square. The zero value is ready to use.
type DuplicateFinder struct {
	seen  map[string]firstForm // by 单位名称 and 项目名称, spaces folded
	forms int                  // the forms added so far
}

// firstForm is the first form of a project: its number among all the
// forms added, from 1, and where its 项目名称 stands.
type firstForm struct {
	n   int
	loc string
}

// Add returns the warnings of in's forms that repeat a form of in or of an
// input added before, in the order of in's forms.
func (d *DuplicateFinder) Add(in Input) []model.Problem {
	var out []model.Problem
	if d.seen == nil {
		d.seen = map[string]firstForm{}
	}
	for j := range in.Book.Forms {
		d.forms++
		f := &in.Book.Forms[j]
		project := strings.Join(strings.Fields(f.Project), " ")
		if project == "" {
			continue
		}
		key := strings.Join(strings.Fields(f.Unit), " ") + "\x00" + project
		path := model.TextPath(model.FormPath(j), "project", -1)
		loc, _ := in.Source.Location(path)
		if loc.File == "" {
			loc.File = in.Path
		}
		was, dup := d.seen[key]
		if !dup {
			d.seen[key] = firstForm{d.forms, loc.String()}
			continue
		}
		p := model.Problem{Severity: model.Warning, Code: model.CodeDuplicateForm, Path: path,
			Args: []string{project, strconv.Itoa(was.n), was.loc}, Loc: loc}
		out = append(out, p)
	}
	return out
}

// YearStrays returns, by input, the warnings a binder of the inputs gives
// for its forms of another year than its own (the first input's, see
// binder.Join), so that the web page's check tells them as the command's
// binder does.
func YearStrays(inputs []Input) [][]model.Problem {
	out := make([][]model.Problem, len(inputs))
	book, strays := binder.Join(inputBooks(inputs))
	for _, st := range strays {
		out[st.Book] = append(out[st.Book], strayProblem(st, inputs, book.Year))
	}
	return out
}
