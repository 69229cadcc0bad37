package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"jixiao/binder"
	"jixiao/internal/output"
	"jixiao/internal/safetext"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

// binderFlags are the options of jixiao binder.
type binderFlags struct {
	out          string
	groupBy      string
	splitBy      string
	outDir       string
	date         string
	workers      int
	progress     bool
	allowMissing bool
	fonts        fontFlags
	layout       layoutOptions
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
			"  jixiao binder a.json b.yaml -o - > binder.pdf",
		DisableFlagsInUseLine: true,
		Args:                  a.atLeastOne,
		RunE: func(c *cobra.Command, files []string) error {
			switch {
			case bf.splitBy != "" && bf.splitBy != "unit":
				return usageProblem(msg.New(msg.SplitByUnit, bf.splitBy))
			case bf.splitBy != "" && (bf.outDir == "" || bf.out != ""):
				return usageProblem(msg.New(msg.SplitNeedsOutDir))
			case bf.splitBy == "" && bf.outDir != "":
				return usageProblem(msg.New(msg.OutDirNeedsSplit))
			case bf.out == "" && bf.splitBy == "":
				return usageProblem(msg.New(msg.NeedOutput))
			case bf.groupBy != "" && bf.groupBy != "unit":
				return usageProblem(msg.New(msg.GroupByUnit, bf.groupBy))
			case bf.date != "" && !binder.ValidDate(bf.date):
				return usageProblem(msg.New(msg.DateInvalid, bf.date))
			case bf.workers < 0:
				return usageProblem(msg.New(msg.WorkersNegative))
			}
			if err := a.checkPDFOut(bf.out); err != nil {
				return err
			}
			return binderCmd(files, &bf, a.stdin, a.p)
		},
	}
	f := c.Flags()
	f.StringVarP(&bf.out, "output", "o", "", t(msg.FlagOutputPDF))
	f.StringVar(&bf.groupBy, "group-by", "", t(msg.FlagGroupBy))
	f.StringVar(&bf.splitBy, "split-by", "", t(msg.FlagSplitBy))
	f.StringVar(&bf.outDir, "out-dir", "", t(msg.FlagBinderOutDir))
	f.StringVar(&bf.date, "date", "", t(msg.FlagDate))
	f.IntVar(&bf.workers, "workers", 0, t(msg.FlagWorkers))
	f.BoolVar(&bf.progress, "progress", false, t(msg.FlagProgress))
	f.BoolVar(&bf.allowMissing, "allow-missing", false, t(msg.FlagAllowMissing))
	bf.fonts.register(f, a.p.Lang)
	bf.layout.register(c, a.p.Lang)
	c.RegisterFlagCompletionFunc("group-by", fixedCompletions("unit"))
	c.RegisterFlagCompletionFunc("split-by", fixedCompletions("unit"))
	return c
}

// binderCmd prints the binder of files: it checks the output named,
// reads the inputs, has the pipeline lay out and draw the binder into the
// output file, and prints a summary.
func binderCmd(files []string, bf *binderFlags, stdin io.Reader, p *msg.Printer) error {
	start := time.Now() // for the summary on stderr only
	if err := checkOutput(bf.out, files); err != nil {
		return usageProblem(err)
	}
	opt, err := printOptions(&bf.fonts, &bf.layout, bf.allowMissing, p)
	if err != nil {
		return err
	}
	inputs, err := readInputs(files, stdin, opt.Events)
	if err != nil {
		return err
	}
	if err := bf.layout.warn.check(); err != nil {
		return err
	}
	// A directory given stands for its files: none of them may be the output.
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	if err := checkOutput(bf.out, paths); err != nil {
		return usageProblem(err)
	}

	bar := newProgressBar(p, bf.progress)
	if bar != nil {
		opt.Events.Progress = bar.update
		opt.Events.Planned = func(pages int) { bar.finish(p.T(msg.BinderWriting, pages)) }
	}
	bo := pipeline.BinderOptions{Options: opt, GroupByUnit: bf.groupBy == "unit", Workers: bf.workers, Date: strings.Join(strings.Fields(bf.date), " ")}
	if bf.splitBy == "unit" {
		bar.finish("")
		bo.Events.Progress, bo.Events.Planned = nil, nil // the bar is of one binder
		return splitBinders(inputs, bo, bf, p)
	}
	planned := time.Now()
	b, err := pipeline.PlanBinder(inputs, bo)
	if err != nil {
		bar.finish("") // ends the bar's line if planning failed
		return err
	}
	p.Steps.Since(msg.StepLayOut, planned)
	defer p.Steps.Since(msg.StepDrawWrite, time.Now())
	if err := bf.layout.warn.check(); err != nil { // a form of another year
		return err
	}
	var size int64
	if err := writeOutput(bf.out, p.Out, func(w io.Writer) error {
		if size, err = b.WriteTo(w); err != nil {
			return err
		}
		return bf.layout.warn.check() // a footer's character drawn as a box
	}); err != nil {
		return err
	}
	var name any = bf.out
	if bf.out == "-" {
		name = msg.Raw(p.T(msg.StandardOutput))
	}
	p.Info(msg.BinderWrote, name, b.Forms, b.Pages, msg.Raw(byteSize(size)), msg.Raw(fmt.Sprintf("%.2f", time.Since(start).Seconds())))
	return nil
}

// splitBinders writes one binder per 单位名称 into bf.outDir, named after
// the unit (safetext.FileName; repeated names numbered), each with its own cover,
// contents and numbering. Every binder is planned and checked before the
// first is written.
func splitBinders(inputs []pipeline.Input, bo pipeline.BinderOptions, bf *binderFlags, p *msg.Printer) error {
	if err := checkOutDir(bf.outDir); err != nil {
		return err
	}
	units := pipeline.Units(inputs)
	names := make([]string, len(units))
	used := map[string]bool{}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	for k, u := range units {
		base := safetext.FileName(u)
		if base == "" {
			base = "binder"
		}
		name := base + ".pdf"
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d.pdf", base, n)
		}
		used[name] = true
		names[k] = name
		if err := checkOutput(filepath.Join(bf.outDir, name), paths); err != nil {
			return usageProblem(err)
		}
	}
	binders := make([]*pipeline.Binder, len(units))
	for k, u := range units {
		o := bo
		o.Unit = u
		b, err := pipeline.PlanBinder(inputs, o)
		if err != nil {
			return err
		}
		binders[k] = b
	}
	if err := bf.layout.warn.check(); err != nil {
		return err
	}
	if err := os.MkdirAll(bf.outDir, 0o777); err != nil {
		return usageProblem(output.Failed(bf.outDir, err))
	}
	for k, b := range binders {
		path := filepath.Join(bf.outDir, names[k])
		var size int64
		if err := writeOutput(path, p.Out, func(w io.Writer) error {
			var err error
			if size, err = b.WriteTo(w); err != nil {
				return err
			}
			return bf.layout.warn.check()
		}); err != nil {
			return err
		}
		p.Info(msg.BinderWroteSplit, path, b.Forms, b.Pages, msg.Raw(byteSize(size)))
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
