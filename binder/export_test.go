package binder

import (
	"math"

	"jixiao/layout"
	"jixiao/model"
)

// PlanKept is Plan keeping the forms' pages of the planning pass whatever
// their number: the whole binder in memory, for the tests and benchmarks.
func PlanKept(b *model.Book, m layout.Measurer, opt Options) (*Binder, error) {
	return PlanKeeping(b, m, opt, math.MaxInt, keepPlain)
}

// PlanKeeping is Plan keeping the forms' pages when they come to at most
// pages (0: none), as they are when there are at most plain forms, else
// packed.
func PlanKeeping(b *model.Book, m layout.Measurer, opt Options, pages, plain int) (*Binder, error) {
	opt, lay, err := setup(m, opt)
	if err != nil {
		return nil, err
	}
	return plan(b, m, opt, lay, keepRule{pages: pages, plain: plain})
}
