package main

// What every printing command (jixiao render, jixiao binder) shares around
// the pipeline: reading the files given, the font and page flags, and
// printing what the pipeline reports with the exit status it stands for.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"jixiao/internal/msgs"
	"jixiao/internal/safetext"
	"os"
	"strconv"
	"strings"
	"syscall"

	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/pipeline"
	"jixiao/render"
)

// inputProblem and usageProblem are the failures the command reports
// itself, as the pipeline reports its own: exit status 1 when the input
// has problems, 2 for usage or I/O errors.
func inputProblem(lines ...string) error {
	return &pipeline.Error{Kind: pipeline.BadInput, Lines: lines}
}

func usageProblem(lines ...string) error {
	return &pipeline.Error{Kind: pipeline.BadUsage, Lines: lines}
}

// report prints err to stderr, each line prefixed with the command's name,
// and returns the exit status it stands for.
func report(stderr io.Writer, cmd string, err error) int {
	var e *pipeline.Error
	if !errors.As(err, &e) {
		fmt.Fprintf(stderr, "jixiao %s: %s\n", cmd, safetext.Lines(err.Error()))
		return 2
	}
	for _, l := range e.Lines {
		fmt.Fprintf(stderr, "jixiao %s: %s\n", cmd, safetext.Escape(l))
	}
	if e.Kind == pipeline.BadInput {
		return 1
	}
	return 2
}

// events prints what the pipeline finds to stderr as it finds it: the
// problems of the input as jixiao validate prints them (FILE:LINE:COL: …),
// warnings prefixed with the command's name.
func events(cmd string, stderr io.Writer) pipeline.Events {
	return pipeline.Events{
		Decode:  func(de *model.DecodeError) { fmt.Fprintln(stderr, de) },
		Problem: func(p model.Problem) { fmt.Fprintln(stderr, p) },
		Warning: func(msg string) { fmt.Fprintf(stderr, "jixiao %s: warning: %s\n", cmd, safetext.Escape(msg)) },
	}
}

// readInputs reads the files (a directory stands for its .json, .yaml and
// .yml files in name order) and validates each input (pipeline.Load),
// printing every problem to stderr. A file or directory that cannot be
// read is a usage error (exit status 2), listed before those the pipeline
// finds.
func readInputs(files []string, ev pipeline.Events) ([]pipeline.Input, error) {
	paths, unlisted := expandInputs(files)
	srcs := make([]pipeline.Source, len(paths))
	for i, p := range paths {
		srcs[i] = pipeline.Source{Name: p}
	}
	inputs, err := pipeline.Load(srcs, ev)
	if unlisted == nil {
		return inputs, err
	}
	var lines []string
	for _, e := range leafErrors(unlisted) {
		lines = append(lines, e.Error())
	}
	var pe *pipeline.Error
	if errors.As(err, &pe) && pe.Kind == pipeline.BadUsage {
		lines = append(lines, pe.Lines...)
	}
	return nil, usageProblem(lines...)
}

// leafErrors lists the errors joined in err (errors.Join, nested).
func leafErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// fontFlags are the font options of the printing commands.
type fontFlags struct {
	body, title string
	fallback    stringList
}

func (ff *fontFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&ff.body, "font-body", "", "TrueType font `PATH` for body text (宋体 role); FILE.ttc#N picks a face of a collection (default: embedded Noto Serif SC)")
	fs.StringVar(&ff.title, "font-title", "", "TrueType font `PATH` for titles (黑体 role) (default: embedded Noto Sans SC Bold)")
	fs.Var(&ff.fallback, "font-fallback", "TrueType font `PATH` tried for characters the role's font lacks (repeatable, in order)")
}

// set loads the fonts; a font that cannot be used is a usage error.
func (ff *fontFlags) set() (*fonts.Set, error) {
	s := &fonts.Set{}
	var err error
	if ff.body == "" {
		s.Body, err = fonts.DefaultBody()
	} else {
		s.Body, err = fonts.Load(ff.body)
	}
	if err != nil {
		return nil, usageProblem(fmt.Sprintf("--font-body: %v", err))
	}
	if ff.title == "" {
		s.Title, err = fonts.DefaultTitle()
	} else {
		s.Title, err = fonts.Load(ff.title)
	}
	if err != nil {
		return nil, usageProblem(fmt.Sprintf("--font-title: %v", err))
	}
	// The same file given twice (by another name, a link) is loaded once;
	// beyond maxFallbacks distinct fonts the list is refused: each font
	// may take tens of megabytes.
	seen := map[string]bool{}
	var specs []string
	for _, p := range ff.fallback {
		if k := fontIdentity(p); !seen[k] {
			seen[k] = true
			specs = append(specs, p)
		}
	}
	if len(specs) > maxFallbacks {
		return nil, usageProblem(msgs.TooManyFallbacks.Format(len(specs), maxFallbacks))
	}
	for _, p := range specs {
		f, err := fonts.Load(p)
		if err != nil {
			return nil, usageProblem(fmt.Sprintf("--font-fallback: %v", err))
		}
		s.Fallback = append(s.Fallback, f)
	}
	return s, nil
}

// maxFallbacks is how many distinct --font-fallback fonts may be given.
const maxFallbacks = 16

// fontIdentity names the face a font spec stands for by its file's device
// and inode (and the face number after '#'), so that one file named twice
// is known as one; a spec that names no file stands for itself.
func fontIdentity(spec string) string {
	path, face := spec, "0"
	if _, err := os.Stat(spec); err != nil {
		if i := strings.LastIndexByte(spec, '#'); i >= 0 {
			path, face = spec[:i], spec[i+1:]
			if n, err := strconv.Atoi(face); err == nil {
				face = strconv.Itoa(n)
			}
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return "spec " + spec
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("file %d:%d#%s", sys.Dev, sys.Ino, face)
	}
	return "spec " + spec
}

// layoutOptions are the page options of the printing commands.
type layoutOptions struct {
	paper     string
	duplex    bool
	signature bool
	fit       string
	draft     bool
	watermark string
	warn      warningFlags
}

func (lo *layoutOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&lo.paper, "paper", "A4", "paper `SIZE`: A4, A3, A4-landscape or A3-landscape")
	fs.BoolVar(&lo.duplex, "duplex", false, "mirror the margins for printing on both sides")
	fs.BoolVar(&lo.signature, "signature", false, "add the signature block after the indicator table")
	fs.StringVar(&lo.fit, "fit", "on", "`on`: tighten a form whose last page would be nearly empty so that it ends a page earlier; off: never")
	fs.BoolVar(&lo.draft, "draft", false, "draw a light diagonal 草稿 behind every page (a draft for review)")
	fs.StringVar(&lo.watermark, "watermark", "", "draw `TEXT` as a light diagonal watermark behind every page")
	lo.warn.register(fs)
}

func (lo *layoutOptions) options() (layout.Options, error) {
	o := layout.DefaultOptions()
	w, h, err := layout.PaperSize(lo.paper)
	if err != nil {
		return o, usageProblem("--paper: " + err.Error())
	}
	o.Width, o.Height = w, h
	o.Mirror = lo.duplex
	o.Signature = lo.signature
	switch lo.fit {
	case "on":
		o.Fit = true
	case "off":
		o.Fit = false
	default:
		return o, usageProblem(fmt.Sprintf("--fit: %q is neither on nor off (--fit 只能是 on 或 off)", lo.fit))
	}
	return o, nil
}

// watermarkText is the watermark to draw: --watermark's text (its runs of
// white space as one space), else 草稿 with --draft, else none.
func (lo *layoutOptions) watermarkText() string {
	if w := strings.Join(strings.Fields(lo.watermark), " "); w != "" {
		return w
	}
	if lo.draft {
		return render.DraftWatermark
	}
	return ""
}

// printOptions are the pipeline's options from the flags of a printing
// command: the page options, then the fonts (either failing as a usage
// error), its warnings printed to stderr.
func printOptions(ff *fontFlags, lo *layoutOptions, allowMissing bool, cmd string, stderr io.Writer) (pipeline.Options, error) {
	lopt, err := lo.options()
	if err != nil {
		return pipeline.Options{}, err
	}
	set, err := ff.set()
	if err != nil {
		return pipeline.Options{}, err
	}
	return pipeline.Options{Layout: lopt, Fonts: set, AllowMissing: allowMissing,
		Creator: "jixiao " + version, Watermark: lo.watermarkText(), Events: lo.warn.events(events(cmd, stderr))}, nil
}
