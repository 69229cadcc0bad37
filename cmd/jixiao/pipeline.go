package main

// What every printing command (jixiao render, jixiao binder) shares around
// the pipeline: reading the files given, the font and page flags, and
// printing what the pipeline reports with the exit status it stands for.

import (
	"context"
	"errors"
	"io"
	"os"
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
func readInputs(ctx context.Context, files []string, stdin io.Reader, job *pipeline.Job) ([]pipeline.Input, error) {
	if err := checkStdinOnce(files); err != nil {
		return nil, err
	}
	paths, unlisted := expandInputs(files)
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
