package main

import (
	"errors"
	"strconv"
	"strings"

	"jixiao/model"
)

// layoutFailure is what the command reports when laying out fails: the
// problems of a form that does not fit on the page, each placed in the
// file it was read from (exit status 1), or the error itself.
func layoutFailure(err error, inputs []input) error {
	var ps model.Problems
	if !errors.As(err, &ps) {
		return inputProblem(err.Error())
	}
	var lines []string
	for _, p := range locate(ps, inputs) {
		lines = append(lines, p.String())
	}
	return inputProblem(lines...)
}

// formFailure is layoutFailure for form i of the first input, whose
// problems name fields relative to the form.
func formFailure(err error, i int, inputs []input) error {
	var ps model.Problems
	if errors.As(err, &ps) {
		err = ps.Under("forms[" + strconv.Itoa(i) + "]")
	}
	return layoutFailure(err, inputs)
}

// locate maps each path forms[k] of the inputs' forms taken together to
// the file and the forms[j] of it where the form was read, with its
// line:column there.
func locate(ps model.Problems, inputs []input) model.Problems {
	out := make(model.Problems, len(ps))
	for i, p := range ps {
		out[i] = p
		k, ok := model.FormIndex(p.Path)
		if !ok {
			continue
		}
		rest := strings.TrimPrefix(p.Path, "forms["+strconv.Itoa(k)+"]")
		for _, in := range inputs {
			if k < len(in.Book.Forms) {
				out[i].Path = "forms[" + strconv.Itoa(k) + "]" + rest
				out[i].Loc, _ = in.Source.Location(out[i].Path)
				if out[i].Loc.File == "" {
					out[i].Loc.File = in.Path
				}
				break
			}
			k -= len(in.Book.Forms)
		}
	}
	return out
}
