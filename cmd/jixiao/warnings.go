package main

import (
	"github.com/spf13/pflag"

	"jixiao/msg"
)

// warningFlags are validate's --strict (every warning an error: listed as
// one, exit status 1) and --warnings=false (the warnings hidden, as with
// -q; errors are always listed). The printing commands have them as job
// options (registerJob).
type warningFlags struct {
	strict bool
	show   bool
}

func (w *warningFlags) register(fs *pflag.FlagSet, l msg.Lang) {
	fs.BoolVar(&w.strict, "strict", false, l.Text(msg.FlagStrict))
	fs.BoolVar(&w.show, "warnings", true, l.Text(msg.FlagWarnings))
}
