package pipeline

import (
	"fmt"
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
	type first struct{ n, input, form int }
	seen := map[string]first{}
	n := 0
	for k, in := range inputs {
		for j := range in.Book.Forms {
			n++
			f := &in.Book.Forms[j]
			project := strings.Join(strings.Fields(f.Project), " ")
			if project == "" {
				continue
			}
			key := strings.Join(strings.Fields(f.Unit), " ") + "\x00" + project
			was, dup := seen[key]
			if !dup {
				seen[key] = first{n, k, j}
				continue
			}
			prev := inputs[was.input]
			loc, _ := prev.Source.Location(fmt.Sprintf("forms[%d].project", was.form))
			if loc.File == "" {
				loc.File = prev.Path
			}
			args := []string{project, strconv.Itoa(was.n), loc.String()}
			p := model.Problem{Severity: model.Warning, Code: model.CodeDuplicateForm, Path: fmt.Sprintf("forms[%d].project", j),
				Args: args}
			p.Loc, _ = in.Source.Location(p.Path)
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			out[k] = append(out[k], p)
		}
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
