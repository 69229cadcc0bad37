package main

// What every printing command (jixiao render, jixiao binder) shares around
// the pipeline: reading the files given, the font and page flags, and
// printing what the pipeline reports with the exit status it stands for.

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao/fonts"
	"jixiao/internal/errlist"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

// inputProblem and usageProblem are the failures the command reports
// itself, as the pipeline reports its own: exit status 1 when the input
// has problems, 2 for usage or I/O errors. Each error is one line, told in
// the user's language (msg.Describe).
func inputProblem(errs ...error) error { return pipeline.NewError(pipeline.BadInput, errs...) }
func usageProblem(errs ...error) error { return pipeline.NewError(pipeline.BadUsage, errs...) }

// events prints what the pipeline finds to stderr as it finds it: the
// problems of the input as jixiao validate prints them (FILE:LINE:COL: …),
// warnings prefixed with the command's name; with --quiet, or without
// show (--warnings=false), errors only.
func events(p *msg.Printer, show bool) pipeline.Events {
	return pipeline.Events{
		Step: p.Steps.Add,
		Decode: func(de *model.DecodeError) {
			for _, pr := range de.Problems {
				p.Line(p.Err, pipeline.ProblemText(p.Lang, pr))
			}
		},
		Problem: func(pr model.Problem) {
			if pr.Severity == model.Warning && (p.Quiet || !show) {
				return
			}
			p.Line(p.Err, pipeline.ProblemText(p.Lang, pr))
		},
		Warn: func(w error) {
			if !p.Quiet && show {
				p.Line(p.Err, p.T(msg.Prefix, msg.Raw("jixiao "+p.Cmd), msg.Raw(p.T(msg.Warning, msg.Raw(p.Describe(w))))))
			}
		},
	}
}

// readInputs reads the files (a directory stands for its .json, .yaml and
// .yml files in name order; - for standard input) and validates each input
// (pipeline.Load), printing every problem to stderr. A file or directory
// that cannot be read is a usage error (exit status 2), listed before those
// the pipeline finds.
//
// fl, when not nil, is the job's fonts being loaded meanwhile (a few
// milliseconds on another core): readInputs waits for them and sets
// job.Fonts. A font that cannot be used fails the command as it did when
// the fonts were loaded first: its error is returned, whatever the input
// holds, and no problem of the input is printed before it.
func readInputs(ctx context.Context, files []string, stdin io.Reader, job *pipeline.Job, fl *fontLoad) ([]pipeline.Input, error) {
	if fl == nil {
		return readFiles(ctx, files, stdin, job)
	}
	ev := job.Events
	job.Events = fl.gate(ev)
	job.FontsSoon = fl.soon
	inputs, err := readFiles(ctx, files, stdin, job)
	job.Events, job.FontsSoon = ev, nil
	set, ferr := fl.wait()
	if ferr != nil {
		return nil, ferr
	}
	job.Fonts = set
	return inputs, err
}

// readFiles is readInputs once the fonts are dealt with.
func readFiles(ctx context.Context, files []string, stdin io.Reader, job *pipeline.Job) ([]pipeline.Input, error) {
	if err := checkStdinOnce(files); err != nil {
		return nil, err
	}
	paths, unlisted := expandInputs(files)
	if err := checkTwice(paths); err != nil {
		return nil, err
	}
	srcs := make([]pipeline.Source, len(paths))
	for i, p := range paths {
		srcs[i] = pipeline.Source{Name: p}
		if p == "-" {
			r, err := stdinSource(stdin)
			if err != nil {
				return nil, err
			}
			srcs[i] = pipeline.Source{Name: stdinName, R: r}
		}
	}
	inputs, err := pipeline.Load(ctx, srcs, job)
	if unlisted == nil {
		return inputs, err
	}
	errs := errlist.Leaves(unlisted)
	var pe *pipeline.Error
	if errors.As(err, &pe) && pe.Kind == pipeline.BadUsage {
		errs = append(errs, pe.Errs...)
	}
	return nil, usageProblem(errs...)
}

// checkTwice refuses a file given twice (binder ex.json ex.json, a file
// and its directory, a link and its target): its forms would be read
// twice, and every one of them warned of as a project given twice.
func checkTwice(paths []string) error {
	var seen []os.FileInfo
	var names []string
	for _, p := range paths {
		if p == "-" {
			continue // checkStdinOnce
		}
		st, err := os.Stat(p)
		if err != nil {
			continue // told when it is read
		}
		for k, prev := range seen {
			if !os.SameFile(prev, st) {
				continue
			}
			if filepath.Clean(names[k]) == filepath.Clean(p) {
				return usageProblem(msg.New(msg.InputTwice, p))
			}
			return usageProblem(msg.New(msg.InputSameFile, names[k], p))
		}
		seen, names = append(seen, st), append(names, p)
	}
	return nil
}

// fontLoad is a command's fonts being loaded on a goroutine of their own
// (fontFlags.start) while its input is read.
type fontLoad struct {
	done  chan struct{}
	set   *fonts.Set
	err   error
	panic any // a panic of the loading, raised again by wait
}

// start loads the fonts (set) on another goroutine.
func (ff *fontFlags) start() *fontLoad {
	l := &fontLoad{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		defer func() { l.panic = recover() }()
		l.set, l.err = ff.set()
	}()
	return l
}

// wait returns the fonts, or the usage error of the first that cannot be
// used, once they are loaded. A panic of the loading is raised again here,
// on the command's goroutine, where it is reported as an internal error.
func (l *fontLoad) wait() (*fonts.Set, error) {
	<-l.done
	if l.panic != nil {
		panic(l.panic)
	}
	return l.set, l.err
}

// soon returns the fonts once they are loaded, nil when they cannot be
// used (pipeline.Job.FontsSoon: wait tells why, on the command's
// goroutine).
func (l *fontLoad) soon() *fonts.Set {
	<-l.done
	if l.panic != nil || l.err != nil {
		return nil
	}
	return l.set
}

// first returns the fonts' error when they cannot be used, else err: a
// command that fails before its input is read says first what it said
// when the fonts were loaded before anything else.
func (l *fontLoad) first(err error) error {
	if _, ferr := l.wait(); ferr != nil {
		return ferr
	}
	return err
}

// gate returns ev with what it prints held until the fonts are loaded,
// and dropped when they cannot be used (their error is the command's).
func (l *fontLoad) gate(ev pipeline.Events) pipeline.Events {
	ok := func() bool {
		_, err := l.wait()
		return err == nil
	}
	if f := ev.Decode; f != nil {
		ev.Decode = func(de *model.DecodeError) {
			if ok() {
				f(de)
			}
		}
	}
	if f := ev.Problem; f != nil {
		ev.Problem = func(p model.Problem) {
			if ok() {
				f(p)
			}
		}
	}
	if f := ev.Warn; f != nil {
		ev.Warn = func(w error) {
			if ok() {
				f(w)
			}
		}
	}
	return ev
}

// fontFlags are the font options of the printing commands.
type fontFlags struct {
	body, title string
	fallback    []string
}

// set loads the fonts; a font that cannot be used is a usage error.
func (ff *fontFlags) set() (*fonts.Set, error) {
	s := &fonts.Set{}
	var err error
	if ff.title == "" {
		// Parsed on another core while the body font is: each takes a
		// few milliseconds, a tenth of printing one form.
		go fonts.DefaultTitle() // the call below waits for it and has the result
	}
	if ff.body == "" {
		s.Body, err = fonts.DefaultBody()
	} else {
		s.Body, err = fonts.Load(ff.body)
	}
	if err != nil {
		return nil, usageProblem(msg.Wrap(err, msg.FontFlag, msg.Raw("--font-body"), err))
	}
	if ff.title == "" {
		s.Title, err = fonts.DefaultTitle()
	} else {
		s.Title, err = fonts.Load(ff.title)
	}
	if err != nil {
		return nil, usageProblem(msg.Wrap(err, msg.FontFlag, msg.Raw("--font-title"), err))
	}
	// The same file given twice (by another name, a link) is loaded once;
	// beyond maxFallbacks distinct fonts the list is refused: each font
	// may take tens of megabytes.
	var specs []string
	var seen []fontID
	for _, p := range ff.fallback {
		id := fontIdentity(p)
		dup := false
		for _, s := range seen {
			dup = dup || id.same(s)
		}
		if !dup {
			seen = append(seen, id)
			specs = append(specs, p)
		}
	}
	if len(specs) > maxFallbacks {
		return nil, usageProblem(msg.New(msg.TooManyFallbacks, len(specs), maxFallbacks))
	}
	for _, p := range specs {
		f, err := fonts.Load(p)
		if err != nil {
			return nil, usageProblem(msg.Wrap(err, msg.FontFlag, msg.Raw("--font-fallback"), err))
		}
		s.Fallback = append(s.Fallback, f)
	}
	return s, nil
}

// maxFallbacks is how many distinct --font-fallback fonts may be given.
const maxFallbacks = 16

// fontID is the face a font spec stands for: its file (compared with
// os.SameFile, so that one file named twice, or through a link, is known as
// one) and the face number after '#'; a spec that names no file stands for
// itself.
type fontID struct {
	spec string
	file os.FileInfo
	face string
}

func (a fontID) same(b fontID) bool {
	if a.file == nil || b.file == nil {
		return a.file == nil && b.file == nil && a.spec == b.spec
	}
	return a.face == b.face && os.SameFile(a.file, b.file)
}

func fontIdentity(spec string) fontID {
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
		return fontID{spec: spec}
	}
	return fontID{spec: spec, file: st, face: face}
}
