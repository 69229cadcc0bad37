package pipeline

import (
	"errors"
	"strconv"

	"jixiao/msg"
)

// What Plan leaves out or refuses, as values a front end reads: the
// command prints each as the message it tells (msg.Describe), the web
// server answers with its numbers (X-Jixiao-Skipped, its own status
// codes). Each tells itself through the catalogue and unwraps to its
// message (*msg.Error), so that the message's code is found as any other's.

// Skipped names the forms Plan leaves out for their errors
// (Job.SkipErrors, issue 19: print what is ready). Some forms ready: a
// warning to Events.Warn (msg.FormsNotPrinted, naming each form); none:
// among the Errs of Plan's BadInput error (msg.NoFormReady).
type Skipped struct {
	// Forms are the numbers of the forms left out, from 1 over the forms
	// of all the inputs (as Selection.Numbers), in order.
	Forms []int
	m     *msg.Error
}

// msg is the message Plan made, naming each form; of a Skipped made
// elsewhere, the forms' numbers.
func (e *Skipped) msg() *msg.Error {
	if e.m != nil {
		return e.m
	}
	nums := make([]string, len(e.Forms))
	for i, n := range e.Forms {
		nums[i] = strconv.Itoa(n)
	}
	return msg.New(msg.FormsNotPrinted, msg.Count{N: len(e.Forms), Unit: msg.UnitForm}, msg.Plain(nums...))
}

func (e *Skipped) Error() string        { return e.msg().Error() }
func (e *Skipped) In(l msg.Lang) string { return e.msg().In(l) }
func (e *Skipped) Unwrap() error        { return e.msg() }

// NoSuchForm is a form number past the forms there are (--form 9 or
// ?forms=9 of a book of 3), a BadUsage error: msg.FormOutOfRange.
type NoSuchForm struct {
	Form  int // the number asked for, from 1
	Forms int // the number of forms
	// Given is the list Form was asked for in (--form 17-25), as the user
	// wrote it; "" when Form was asked for alone.
	Given string
}

func (e *NoSuchForm) msg() *msg.Error {
	if e.Given != "" && e.Given != strconv.Itoa(e.Form) {
		return msg.New(msg.FormsOutOfRange, e.Given, msg.Count{N: e.Forms, Unit: msg.UnitForm}, e.Form)
	}
	return msg.New(msg.FormOutOfRange, e.Form, msg.Count{N: e.Forms, Unit: msg.UnitForm})
}
func (e *NoSuchForm) Error() string        { return e.msg().Error() }
func (e *NoSuchForm) In(l msg.Lang) string { return e.msg().In(l) }
func (e *NoSuchForm) Unwrap() error        { return e.msg() }

// TooManyPages is a plan whose documents would take more pages together
// than Job.MaxPages, a BadInput error: msg.TooManyPages. A form takes a
// page at least, so that forms more than the limit are refused before any
// is laid out. (A single binder past its limit is binder's problem
// model.CodeBinderTooManyPages instead, found as its forms are laid out.)
type TooManyPages struct {
	Forms int // the number of forms planned
	Limit int // Job.MaxPages
}

func (e *TooManyPages) msg() *msg.Error {
	return msg.New(msg.TooManyPages, msg.Count{N: e.Forms, Unit: msg.UnitForm}, e.Limit)
}
func (e *TooManyPages) Error() string        { return e.msg().Error() }
func (e *TooManyPages) In(l msg.Lang) string { return e.msg().In(l) }
func (e *TooManyPages) Unwrap() error        { return e.msg() }

// PageLimit checks that forms forms taking pages pages keep within
// Job.MaxPages (any number when it is 0): nil, or the BadInput error of
// TooManyPages. Plan checks each plan by it, and PlanEach the sum of
// the forms it plans one at a time.
func (j *Job) PageLimit(forms, pages int) error {
	if j.MaxPages <= 0 || pages <= j.MaxPages {
		return nil
	}
	return inputError(&TooManyPages{Forms: forms, Limit: j.MaxPages})
}

// Find reports whether err, or one of the Errs of an *Error, is of
// target's type (errors.As), setting target to it: how a front end finds
// Skipped, NoSuchForm or TooManyPages in what Plan returns.
func Find(err error, target any) bool {
	var pe *Error
	if errors.As(err, &pe) {
		for _, e := range pe.Errs {
			if errors.As(e, target) {
				return true
			}
		}
		return false
	}
	return errors.As(err, target)
}
