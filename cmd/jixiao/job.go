package main

// The options a printing command shares with the web page are those of a
// pipeline.Job: registered here as flags of their names, and read into the
// job by Job.SetFrom, the parser the page's query goes through too.

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"jixiao/msg"
	"jixiao/pipeline"
	"jixiao/render"
)

// jobFlagHelp is the help of each job option's flag.
var jobFlagHelp = map[string]msg.Code{
	"paper": msg.FlagPaper, "signature": msg.FlagSignature, "duplex": msg.FlagDuplex, "fit": msg.FlagFit,
	"draft": msg.FlagDraft, "watermark": msg.FlagWatermark, "strict": msg.FlagStrict,
	"allow-missing": msg.FlagAllowMissing, "date": msg.FlagDate, "group-by": msg.FlagGroupBy,
	"split-by": msg.FlagSplitBy, "form": msg.FlagForm, "project": msg.FlagProject, "unit": msg.FlagUnit,
	"format": msg.FlagFormat, "pdfa": msg.FlagPDFA, "attach-data": msg.FlagAttachData,
}

// jobBools are the job options that are switches.
var jobBools = map[string]bool{"signature": true, "duplex": true, "draft": true, "strict": true, "allow-missing": true, "attach-data": true}

// pageOptions are the job options of every printing command: the page
// and how its problems are treated.
var pageOptions = []string{"paper", "duplex", "signature", "fit", "draft", "watermark", "strict", "allow-missing"}

// formatFor sets the job's format from the output's name (-o x.ofd) when
// --format is not given.
// PDF/A and attached data are PDFs' (Job.Set checks an explicit --format).
func formatFor(c *cobra.Command, job *pipeline.Job, out string) error {
	if f := c.Flags().Lookup("format"); f != nil && !f.Changed && strings.EqualFold(filepath.Ext(out), ".ofd") {
		job.Format = "ofd"
		if job.PDFA != render.NoPDFA || job.AttachData {
			return usageProblem(msg.New(msg.PDFANotOFD))
		}
	}
	return nil
}

// checkFormatExt refuses, before any work, an output named for another
// kind of file than the job writes: --format ofd -o form.pdf, -o b.xlsx
// (checkOutputExt). When the name is the other format's, dropping
// --format is the way out too: the name chooses it.
func checkFormatExt(c *cobra.Command, job *pipeline.Job, out string) error {
	b := job.Backend()
	kind := msg.KindPDF
	if b.Ext() == ".ofd" {
		kind = msg.KindOFD
	}
	err := checkOutputExt(out, b.Ext(), kind)
	if err == nil {
		return nil
	}
	errs := []error{err}
	if f := c.Flags().Lookup("format"); f != nil && f.Changed {
		if e := strings.ToLower(filepath.Ext(out)); e == ".pdf" || e == ".ofd" {
			errs = append(errs, msg.New(msg.OutputFormatHint, f.Value.String()))
		}
	}
	return usageProblem(errs...)
}

// pdfOptions are the job options of the commands that write PDFs: the
// archival format.
var pdfOptions = []string{"pdfa", "attach-data"}

// registerJob adds a flag for each of the job options named (of
// pipeline.OptionNames) to c, and --warnings with --strict.
func (a *app) registerJob(c *cobra.Command, names ...string) {
	fs := c.Flags()
	t := a.p.T
	for _, name := range names {
		switch {
		case jobBools[name]:
			fs.Bool(name, false, t(jobFlagHelp[name]))
		case name == "form" && c.Name() == "binder":
			fs.String(name, "", t(msg.FlagBinderForm)) // a list: 1,3-5
		case name == "project" && c.Name() == "binder":
			fs.String(name, "", t(msg.FlagBinderProject))
		case name == "form":
			fs.Int(name, 0, t(jobFlagHelp[name]))
		case name == "fit":
			fs.String(name, "on", t(jobFlagHelp[name]))
		case name == "pdfa":
			fs.String(name, "", t(jobFlagHelp[name]))
			fs.Lookup(name).NoOptDefVal = "2b" // --pdfa alone
		default:
			fs.String(name, "", t(jobFlagHelp[name]))
		}
		if name == "strict" {
			fs.Bool("warnings", true, t(msg.FlagWarnings))
		}
	}
	c.RegisterFlagCompletionFunc("fit", fixedCompletions("on", "off"))
	c.RegisterFlagCompletionFunc("paper", fixedCompletions("A4", "A3", "A4-landscape", "A3-landscape"))
	c.RegisterFlagCompletionFunc("group-by", fixedCompletions("unit"))
	c.RegisterFlagCompletionFunc("split-by", fixedCompletions("unit"))
	c.RegisterFlagCompletionFunc("format", fixedCompletions("pdf", "ofd"))
	c.RegisterFlagCompletionFunc("pdfa", fixedCompletions("1b", "2b", "3b"))
}

// job is the pipeline's job of command c: the options of the flags
// given (pipeline.Job.SetFrom; failing as a usage error) and the events
// that print what the pipeline finds. Its fonts are loaded meanwhile
// (fontLoad): readInputs sets job.Fonts, and a command that fails before
// it reads says the fonts' error first (fontLoad.first).
func (a *app) job(c *cobra.Command, ff *fontFlags) (*pipeline.Job, *fontLoad, error) {
	job := pipeline.NewJob(nil)
	err := job.SetFrom(func(name string) (string, bool) {
		f := c.Flags().Lookup(name)
		if f == nil || !f.Changed {
			return "", false
		}
		return f.Value.String(), true
	})
	var oe *pipeline.OptionError
	if errors.As(err, &oe) {
		return nil, nil, usageProblem(oe.Err)
	}
	if err != nil {
		return nil, nil, err
	}
	fl := ff.start()
	job.Creator = "jixiao " + version
	show := true
	if f := c.Flags().Lookup("warnings"); f != nil {
		show, _ = c.Flags().GetBool("warnings")
	}
	job.Events = events(a.p, show)
	return job, fl, nil
}

// printReady sets the job to print what is ready (issue 19: a form with
// errors stops only itself, named; --strict refuses instead), watches it
// for forms left out, and returns what the command ends with once its
// output is written: status 1 when any was left out, since the input has
// errors and a script running jixiao must see it; nil otherwise. The
// output holds every form that is ready, complete.
func printReady(job *pipeline.Job) func() error {
	job.SkipErrors = !job.Strict
	left := false
	warn := job.Events.Warn
	job.Events.Warn = func(w error) {
		var sk *pipeline.Skipped
		if errors.As(w, &sk) {
			left = true
		}
		if warn != nil {
			warn(w)
		}
	}
	return func() error {
		if left {
			return exitStatus(1)
		}
		return nil
	}
}
