package binder

import (
	"jixiao/layout"
	"jixiao/model"
)

// KeepForms is keepForms for the tests of package binder_test.
const KeepForms = keepForms

// PlanKept is Plan keeping the forms' pages of the planning pass whatever
// their number: the whole binder in memory, for the tests and benchmarks.
func PlanKept(b *model.Book, m layout.Measurer, opt Options) (*Binder, error) {
	opt, lay, err := setup(m, opt)
	if err != nil {
		return nil, err
	}
	return plan(b, m, opt, lay, true)
}
