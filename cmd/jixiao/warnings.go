package main

import (
	"github.com/spf13/pflag"

	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

// warningFlags are how validate, render and binder treat warnings:
// --strict makes every warning an error (listed as one, exit status 1,
// nothing written); --warnings=false or -q (--quiet, errors only) hides
// the warnings (errors are always listed).
type warningFlags struct {
	strict bool
	show   bool
	quiet  bool // set from -q/--quiet when the command runs
	warned int  // warnings seen so far
}

func (w *warningFlags) register(fs *pflag.FlagSet, l msg.Lang) {
	fs.BoolVar(&w.strict, "strict", false, l.Text(msg.FlagStrict))
	fs.BoolVar(&w.show, "warnings", true, l.Text(msg.FlagWarnings))
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
	problem, warning, warn := ev.Problem, ev.Warning, ev.Warn
	ev.Problem = func(p model.Problem) {
		if p, ok := w.filter(p); ok && problem != nil {
			problem(p)
		}
	}
	shown := func() bool { return w.strict || (w.show && !w.quiet) }
	ev.Warning = func(m string) {
		w.warned++
		if shown() && warning != nil {
			warning(m)
		}
	}
	if warn != nil {
		ev.Warn = func(e error) {
			w.warned++
			if shown() {
				warn(e)
			}
		}
	}
	return ev
}

// check fails, with --strict, once any warning was seen.
func (w *warningFlags) check() error {
	if w.strict && w.warned > 0 {
		return inputProblem(msg.New(msg.StrictWarnings, msg.Count{N: w.warned, Unit: msg.UnitWarning}))
	}
	return nil
}
