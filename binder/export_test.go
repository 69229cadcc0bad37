package binder

import (
	"math"

	"jixiao/layout"
	"jixiao/model"
)

// PlanKept is Plan keeping the forms' pages of the planning pass whatever
// their number: the whole binder in memory, for the tests and benchmarks.
func PlanKept(b *model.Book, m layout.Measurer, opt Options) (*Binder, error) {
	return PlanKeeping(b, m, opt, math.MaxInt)
}

// PlanKeeping is Plan keeping the forms' pages when they come to at most
// pages (0: none).
func PlanKeeping(b *model.Book, m layout.Measurer, opt Options, pages int) (*Binder, error) {
	opt, lay, err := setup(m, opt)
	if err != nil {
		return nil, err
	}
	return plan(b, m, opt, lay, pages)
}
