package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"jixiao/internal/output"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

func (a *app) newRenderCmd() *cobra.Command {
	t := a.p.T
	var (
		out, outDir string
		ff          fontFlags
	)
	c := &cobra.Command{
		Use:   "render FILE (-o OUT.pdf | --out-dir DIR) " + t(msg.HelpFlagsWord),
		Short: t(msg.HelpRenderShort),
		Long:  t(msg.HelpRenderLong),
		Example: "  jixiao render examples/jiangyin-2024.json --form 4 -o form4.pdf\n" +
			"  jixiao render book.json --project 人社专职协理员工作经费 -o form.pdf\n" +
			"  jixiao render book.json --out-dir pdf/\n" +
			"  cat book.json | jixiao render - --form 1 -o f.pdf",
		DisableFlagsInUseLine: true,
		Args:                  a.exactlyOne,
		RunE: func(c *cobra.Command, files []string) error {
			project, _ := c.Flags().GetString("project")
			switch {
			case (out == "") == (outDir == ""):
				return usageProblem(msg.New(msg.OutOrOutDir))
			case c.Flags().Changed("form") && project != "":
				return usageProblem(msg.New(msg.FormOrProject))
			}
			if err := a.checkPDFOut(out); err != nil {
				return err
			}
			if err := renderChecks(files[0], out, outDir); err != nil {
				return err
			}
			job, fl, err := a.job(c, &ff)
			if err != nil {
				return err
			}
			if err := formatFor(c, job, out); err != nil {
				return fl.first(err)
			}
			if err := checkFormatExt(c, job, out); err != nil {
				return fl.first(err)
			}
			left := printReady(job)
			if err := renderCmd(c.Context(), files[0], out, outDir, job, fl, a.stdin, a.p); err != nil {
				return err
			}
			return left()
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "output", "o", "", t(msg.FlagOutputPDF))
	f.StringVar(&outDir, "out-dir", "", t(msg.FlagOutDir))
	a.registerJob(c, append(append(pageOptions, pdfOptions...), "form", "project", "format")...)
	ff.register(f, a.p.Lang)
	return c
}

// renderCmd prints the forms the job picks from file: it reads the input,
// plans the documents through the pipeline (every form laid out and
// checked before the first is written), and writes the PDFs.
func renderCmd(ctx context.Context, file, out, outDir string, job *pipeline.Job, fl *fontLoad, stdin io.Reader, p *msg.Printer) error {
	inputs, err := readInputs(ctx, []string{file}, stdin, job, fl)
	if err != nil {
		return err
	}
	job.Forms.All = outDir != ""
	docs, err := pipeline.Plan(ctx, inputs, job)
	if err != nil {
		return err
	}
	backend := job.Backend()
	if outDir == "" {
		return pipeline.WriteEach(ctx, docs, backend, func(_ *pipeline.Doc, pdf []byte) error {
			defer p.Steps.Since(msg.StepWrite, time.Now())
			return writeOutput(out, p.Out, func(w io.Writer) error {
				_, err := w.Write(pdf)
				return err
			})
		}, nil)
	}
	// No PDF may replace the input: checked before the first is written.
	for _, d := range docs {
		if err := checkOutput(filepath.Join(outDir, d.Name+backend.Ext()), []string{file}); err != nil {
			return usageProblem(err)
		}
	}
	if err := os.MkdirAll(outDir, 0o777); err != nil {
		return usageProblem(output.Failed(outDir, err))
	}
	// Each form's PDF is written as soon as it is drawn: 10,000 forms are
	// never held in memory at once.
	path := func(d *pipeline.Doc) string { return filepath.Join(outDir, d.Name+backend.Ext()) }
	return pipeline.WriteEach(ctx, docs, backend,
		func(d *pipeline.Doc, pdf []byte) error {
			defer p.Steps.Since(msg.StepWrite, time.Now())
			return output.Write(path(d), func(w io.Writer) error {
				_, err := w.Write(pdf)
				return err
			})
		},
		func(d *pipeline.Doc) error {
			p.Info(msg.Wrote, path(d))
			return nil
		})
}

// renderChecks refuses, before any work, an output that would replace the
// input, an --out-dir that is not a directory, and a directory as input.
func renderChecks(file, out, outDir string) error {
	if err := checkOutput(out, []string{file}); err != nil {
		return usageProblem(err)
	}
	if err := checkOutDir(outDir); err != nil {
		return err
	}
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return usageProblem(msg.New(msg.InputIsDir, file))
	}
	return nil
}

// checkOutDir refuses an --out-dir that exists and is not a directory
// (before any work; the files in it are checked once they are named).
func checkOutDir(dir string) error {
	if dir == "" {
		return nil
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageProblem(msg.New(msg.OutDirNotDir, dir))
	}
	return nil
}
