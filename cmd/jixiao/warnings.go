package main

import (
	"flag"
	"fmt"

	"jixiao/model"
	"jixiao/pipeline"
)

// warningFlags are how validate, render and binder treat warnings:
// --strict makes every warning an error (listed as one, exit status 1,
// nothing written); --warnings=false or -q hides the warnings (errors are
// always listed).
type warningFlags struct {
	strict bool
	show   bool
	quiet  bool
	warned int // warnings seen so far
}

func (w *warningFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&w.strict, "strict", false, "treat every warning as an error (exit status 1, nothing written)")
	fs.BoolVar(&w.show, "warnings", true, "list the warnings (--warnings=false hides them; errors are always listed)")
	fs.BoolVar(&w.quiet, "q", false, "quiet: hide the warnings, as --warnings=false")
}

// filter decides what becomes of a problem: promoted to an error with
// --strict, dropped (ok false) when warnings are hidden.
func (w *warningFlags) filter(p model.Problem) (model.Problem, bool) {
	if p.Severity != model.Warning {
		return p, true
	}
	w.warned++
	if w.strict {
		p.Severity = model.Error
		return p, true
	}
	return p, w.show && !w.quiet
}

// events wraps the pipeline's events with the filter. A warning message
// (a character drawn as a box) counts as a warning too.
func (w *warningFlags) events(ev pipeline.Events) pipeline.Events {
	problem, warning := ev.Problem, ev.Warning
	ev.Problem = func(p model.Problem) {
		if p, ok := w.filter(p); ok && problem != nil {
			problem(p)
		}
	}
	ev.Warning = func(msg string) {
		w.warned++
		if (w.strict || (w.show && !w.quiet)) && warning != nil {
			warning(msg)
		}
	}
	return ev
}

// check fails, with --strict, once any warning was seen.
func (w *warningFlags) check() error {
	if w.strict && w.warned > 0 {
		return inputProblem(fmt.Sprintf("%s with --strict: nothing written (--strict 时警告即错误，未写出文件)", plural(w.warned, "warning")))
	}
	return nil
}
