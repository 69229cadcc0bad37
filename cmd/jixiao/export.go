package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

// newExportCmd is jixiao export FILE... -o book.xlsx.
func (a *app) newExportCmd() *cobra.Command {
	t := a.p.T
	var out string
	c := &cobra.Command{
		Use:   "export FILE... -o book.xlsx",
		Short: t(msg.HelpExportShort),
		Long:  t(msg.HelpExportLong),
		Example: "  jixiao export examples/jiangyin-2024.json -o 2024.xlsx\n" +
			"  jixiao export forms/ -o - > book.xlsx",
		DisableFlagsInUseLine: true,
		Args:                  a.atLeastOne,
		RunE: func(c *cobra.Command, files []string) error {
			switch {
			case out == "":
				return usageProblem(msg.New(msg.ExportNeedOutput))
			case out != "-" && !strings.EqualFold(filepath.Ext(out), ".xlsx"):
				return usageProblem(msg.New(msg.ExportNotXLSX, out))
			}
			return exportCmd(files, out, a.stdin, a.p)
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "", t(msg.FlagExportOut))
	return c
}

// exportCmd writes the forms of files as one workbook to out.
func exportCmd(files []string, out string, stdin io.Reader, p *msg.Printer) error {
	if err := checkOutput(out, files); err != nil {
		return usageProblem(err)
	}
	inputs, err := readInputs(context.Background(), files, stdin, &pipeline.Job{Events: events(p, true)}, nil)
	if err != nil {
		return err
	}
	book := &model.Book{Year: inputs[0].Book.Year, Title: inputs[0].Book.Title}
	for _, in := range inputs {
		book.Forms = append(book.Forms, in.Book.Forms...)
	}
	defer p.Steps.Since(msg.StepWrite, time.Now())
	err = writeOutput(out, p.Out, func(w io.Writer) error { return xlsx.Export(w, book) })
	var ps model.Problems
	if errors.As(err, &ps) {
		// A text longer than a cell holds: named where it was read.
		for _, pr := range ps {
			p.Line(p.Err, pipeline.ProblemText(p.Lang, placeProblem(pr, inputs)))
		}
		return inputProblem(msg.New(msg.ExportCannotWrite, msg.Count{N: len(ps), Unit: msg.UnitText}))
	}
	if err != nil {
		return usageProblem(err)
	}
	return nil
}

// placeProblem places a problem whose path forms[k] counts the forms of
// all inputs together in the input, and at the forms[j] of it, where the
// form was read.
func placeProblem(p model.Problem, inputs []pipeline.Input) model.Problem {
	k, rest, ok := model.CutFormPath(p.Path)
	if !ok {
		return p
	}
	for _, in := range inputs {
		if k < len(in.Book.Forms) {
			p.Path = model.FormPath(k) + rest
			p.Loc, _ = in.Source.Location(p.Path)
			if p.Loc.File == "" {
				p.Loc.File = in.Path
			}
			return p
		}
		k -= len(in.Book.Forms)
	}
	return p
}

// importWorkbook implements jixiao import BOOK.xlsx: the workbook's forms,
// checked as jixiao validate checks them, written as a JSON book.
func importWorkbook(name, out string, p *msg.Printer) error {
	inputs, err := readInputs(context.Background(), []string{name}, nil, &pipeline.Job{Events: events(p, true)}, nil)
	if err != nil {
		return err
	}
	defer p.Steps.Since(msg.StepWrite, time.Now())
	if err := writeOutput(out, p.Out, func(w io.Writer) error { return model.EncodeJSON(w, inputs[0].Book) }); err != nil {
		return usageProblem(err)
	}
	return nil
}
