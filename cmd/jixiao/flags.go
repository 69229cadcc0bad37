package main

import (
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"jixiao/msg"
)

// exactlyOne accepts one input FILE.
func (a *app) exactlyOne(c *cobra.Command, args []string) error {
	if len(args) != 1 {
		a.p.Cmd = c.Name()
		return usageProblem(msg.New(msg.ArgsExactlyOne), msg.New(msg.SeeHelp, msg.Raw(c.CommandPath())))
	}
	return nil
}

// noArgs accepts no argument.
func (a *app) noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		a.p.Cmd = c.Name()
		return usageProblem(msg.New(msg.ArgsNone, args[0]), msg.New(msg.SeeHelp, msg.Raw(c.CommandPath())))
	}
	return nil
}

// atLeastOne accepts one or more input FILEs.
func (a *app) atLeastOne(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		a.p.Cmd = c.Name()
		return usageProblem(msg.New(msg.ArgsAtLeastOne), msg.New(msg.SeeHelp, msg.Raw(c.CommandPath())))
	}
	return nil
}

// checkPDFOut refuses -o - when standard output is a terminal: a PDF
// there is a screenful of garbage (and may upset the terminal).
func (a *app) checkPDFOut(out string) error {
	if out == "-" && isTerminal(a.p.Out) {
		return usageProblem(msg.New(msg.PDFToTerminal))
	}
	return nil
}

// isTerminal reports whether w is a terminal (a character device that is
// not /dev/null).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	// Other character devices (/dev/full, a null device of a container's
	// own) are no terminal either, where the system can tell.
	if tty, ok := ttyKnown(f); ok {
		return tty
	}
	return true
}

// register adds the font options to a command's flags.
func (ff *fontFlags) register(fs *pflag.FlagSet, l msg.Lang) {
	fs.StringVar(&ff.body, "font-body", "", l.Text(msg.FlagFontBody))
	fs.StringVar(&ff.title, "font-title", "", l.Text(msg.FlagFontTitle))
	fs.StringArrayVar(&ff.fallback, "font-fallback", nil, l.Text(msg.FlagFontFallback))
}
