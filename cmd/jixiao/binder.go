package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jixiao/internal/meter"
	"jixiao/internal/output"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

// binderFlags are the options of jixiao binder that are not the job's.
type binderFlags struct {
	out      string
	outDir   string
	workers  int
	progress bool
	fonts    fontFlags
}

func (a *app) newBinderCmd() *cobra.Command {
	t := a.p.T
	var bf binderFlags
	c := &cobra.Command{
		Use:   "binder FILE... -o binder.pdf " + t(msg.HelpFlagsWord),
		Short: t(msg.HelpBinderShort),
		Long:  t(msg.HelpBinderLong),
		Example: "  jixiao binder examples/jiangyin-2024.json -o binder.pdf\n" +
			"  jixiao binder forms/ --group-by unit --duplex --signature -o 2024.pdf\n" +
			"  jixiao binder 2024.xlsx --form 1,3-5 -o part.pdf\n" +
			"  jixiao binder a.json b.yaml -o - > binder.pdf",
		DisableFlagsInUseLine: true,
		Args:                  a.atLeastOne,
		RunE: func(c *cobra.Command, files []string) error {
			splitBy, _ := c.Flags().GetString("split-by")
			switch {
			case splitBy != "" && splitBy != "unit":
				return usageProblem(msg.New(msg.SplitByUnit, splitBy))
			case splitBy != "" && (bf.outDir == "" || bf.out != ""):
				return usageProblem(msg.New(msg.SplitNeedsOutDir))
			case splitBy == "" && bf.outDir != "":
				return usageProblem(msg.New(msg.OutDirNeedsSplit))
			case bf.out == "" && splitBy == "":
				return usageProblem(msg.New(msg.NeedOutput))
			case bf.workers < 0:
				return usageProblem(msg.New(msg.WorkersNegative))
			}
			if err := a.checkPDFOut(bf.out); err != nil {
				return err
			}
			// The files of a directory given too, so that an output among
			// them is told as such before its name's extension is.
			listed, _ := expandInputs(files)
			if err := checkOutput(bf.out, append(listed, files...)); err != nil {
				return usageProblem(err)
			}
			if err := checkOutDir(bf.outDir); err != nil {
				return err
			}
			job, fl, err := a.job(c, &bf.fonts)
			if err != nil {
				return err
			}
			job.Binder, job.Workers = true, bf.workers
			if err := formatFor(c, job, bf.out); err != nil {
				return fl.first(err)
			}
			if err := checkFormatExt(c, job, bf.out); err != nil {
				return fl.first(err)
			}
			left := printReady(job)
			if err := binderCmd(c.Context(), files, job, fl, &bf, a.stdin, a.p); err != nil {
				return err
			}
			return left()
		},
	}
	f := c.Flags()
	f.StringVarP(&bf.out, "output", "o", "", t(msg.FlagOutputPDF))
	f.StringVar(&bf.outDir, "out-dir", "", t(msg.FlagBinderOutDir))
	f.IntVar(&bf.workers, "workers", 0, t(msg.FlagWorkers))
	f.BoolVar(&bf.progress, "progress", false, t(msg.FlagProgress))
	a.registerJob(c, append(append(pageOptions, pdfOptions...), "date", "group-by", "split-by", "format", "form", "project", "unit")...)
	bf.fonts.register(f, a.p.Lang)
	return c
}

// binderCmd prints the binder of files (with --split-by unit, one per
// unit into --out-dir): it reads the inputs, has the pipeline plan and
// check every binder, then draws each into its output file, and prints a
// summary.
func binderCmd(ctx context.Context, files []string, job *pipeline.Job, fl *fontLoad, bf *binderFlags, stdin io.Reader, p *msg.Printer) error {
	start := time.Now() // for the summary on stderr only
	inputs, err := readInputs(ctx, files, stdin, job, fl)
	if err != nil {
		return err
	}
	// A directory given stands for its files: none of them may be an output.
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	if err := checkOutput(bf.out, paths); err != nil {
		return usageProblem(err)
	}
	var bar *progressBar
	if !job.SplitByUnit { // the bar is of one binder
		bar = newProgressBar(p, bf.progress)
	}
	if bar != nil {
		job.Events.Progress = bar.update
	}
	docs, err := pipeline.Plan(ctx, inputs, job)
	if err != nil {
		bar.finish("") // ends the bar's line if planning failed
		return err
	}
	backend := job.Backend()
	outs := []string{bf.out}
	if job.SplitByUnit {
		outs = make([]string, len(docs))
		for k, d := range docs {
			outs[k] = filepath.Join(bf.outDir, d.Name+backend.Ext())
			if err := checkOutput(outs[k], paths); err != nil {
				return usageProblem(err)
			}
		}
		if err := os.MkdirAll(bf.outDir, 0o777); err != nil {
			return usageProblem(output.Failed(bf.outDir, err))
		}
	}
	bar.finish(p.T(msg.BinderWriting, msg.Count{N: docs[0].Frame.Pages, Unit: msg.UnitPage}))
	defer p.Steps.Since(msg.StepDrawWrite, time.Now())
	for k, d := range docs {
		var size int64
		if err := writeOutput(outs[k], p.Out, func(w io.Writer) error {
			cw := &meter.Writer{W: w}
			err := backend.Write(ctx, cw, d)
			size = cw.N
			return err
		}); err != nil {
			return err
		}
		if job.SplitByUnit {
			p.Info(msg.BinderWroteSplit, outs[k], msg.Count{N: d.Forms, Unit: msg.UnitForm}, msg.Count{N: d.Frame.Pages, Unit: msg.UnitPage}, msg.Raw(byteSize(size)))
			continue
		}
		var name any = bf.out
		if bf.out == "-" {
			name = msg.Raw(p.T(msg.StandardOutput))
		}
		p.Info(msg.BinderWrote, name, msg.Count{N: d.Forms, Unit: msg.UnitForm}, msg.Count{N: d.Frame.Pages, Unit: msg.UnitPage}, msg.Raw(byteSize(size)), msg.Raw(fmt.Sprintf("%.2f", time.Since(start).Seconds())))
	}
	return nil
}

// byteSize formats a file size for people: 812 B, 1.4 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// progressBar draws the forms laid out so far on one line of stderr.
type progressBar struct {
	p    *msg.Printer
	last int // last width drawn, in 1/40 of the total
	done bool
}

// newProgressBar returns a bar drawing to stderr if it is a terminal or if
// forced, else nil (whose methods do nothing).
func newProgressBar(p *msg.Printer, force bool) *progressBar {
	if p.Quiet || !force && !isTerminal(p.Err) {
		return nil
	}
	return &progressBar{p: p, last: -1}
}

const barWidth = 40

func (p *progressBar) update(done, total int) {
	if p == nil || total == 0 {
		return
	}
	n := done * barWidth / total
	if n == p.last && done != total {
		return // redraw only when the bar grows, so a long binder writes little
	}
	p.last = n
	p.done = true
	p.p.Progress("\r" + p.p.T(msg.Prefix, msg.Raw("jixiao binder"), msg.Raw(p.p.T(msg.BinderProgress, msg.Raw(strings.Repeat("#", n)+strings.Repeat(" ", barWidth-n)), done, total))))
}

// finish ends the bar's line with note, once: the PDF is written after
// the forms are laid out, and that takes as long again.
func (p *progressBar) finish(note string) {
	if p == nil || !p.done {
		return
	}
	p.done = false
	p.p.Progress(note + "\n")
}
