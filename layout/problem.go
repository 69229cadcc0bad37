package layout

import "jixiao/model"

// formProblem is a problem of the form being laid out: it does not fit on
// the page as it is. path is relative to the form ("title",
// "indicators[3].level1", "" for the form as a whole); the caller, who knows
// which form of which file it is, places it (model.Problems.Under). args are
// the values its message quotes.
func formProblem(code, path string, args ...string) error {
	return model.Problems{{Severity: model.Error, Code: code, Path: path, Args: args}}
}
