package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao/internal/output"
	"jixiao/layout"
	"jixiao/msg"
	"jixiao/pipeline"
	"jixiao/preview"

	"github.com/spf13/cobra"
)

// The resolutions jixiao preview accepts: from a thumbnail to a print.
const (
	previewMinDPI = 10
	previewMaxDPI = 600
)

func (a *app) newPreviewCmd() *cobra.Command {
	t := a.p.T
	var (
		out, pages, project, groupBy string
		dpi                          float64
		formN                        int
		binder, allowMissing         bool
		ff                           fontFlags
		lo                           layoutOptions
	)
	c := &cobra.Command{
		Use:   "preview FILE -o DIR " + t(msg.HelpFlagsWord) + "\n  jixiao preview --binder FILE... -o DIR " + t(msg.HelpFlagsWord),
		Short: t(msg.HelpPreviewShort),
		Long:  t(msg.HelpPreviewLong),
		Example: "  jixiao preview examples/jiangyin-2024.json --form 2 -o previews/\n" +
			"  jixiao preview book.json --pages 1 --dpi 72 -o thumbs/\n" +
			"  jixiao preview --binder examples/jiangyin-2024.json --pages 1-2 -o binder/",
		DisableFlagsInUseLine: true,
		Args:                  a.atLeastOne,
		RunE: func(c *cobra.Command, files []string) error {
			formGiven := c.Flags().Changed("form")
			switch {
			case len(files) > 1 && !binder:
				return usageProblem(msg.New(msg.PreviewFiles), msg.New(msg.SeeHelp, msg.Raw(c.CommandPath())))
			case out == "" || out == "-":
				return usageProblem(msg.New(msg.PreviewOut))
			case formGiven && project != "":
				return usageProblem(msg.New(msg.FormOrProject))
			case binder && (formGiven || project != ""):
				return usageProblem(msg.New(msg.PreviewBinderPick))
			case !(dpi >= previewMinDPI && dpi <= previewMaxDPI):
				return usageProblem(msg.New(msg.PreviewDPI, msg.Raw(strconv.FormatFloat(dpi, 'g', -1, 64)), previewMinDPI, previewMaxDPI))
			case groupBy != "" && groupBy != "unit":
				return usageProblem(msg.New(msg.GroupByUnit, groupBy))
			case groupBy != "" && !binder:
				return usageProblem(msg.New(msg.PreviewGroupByBinder))
			}
			sel, err := parsePages(pages)
			if err != nil {
				return usageProblem(msg.New(msg.PreviewPages, pages))
			}
			pc := &previewCmd{out: out, sel: sel, pagesArg: pages, allowMissing: allowMissing, dpi: dpi, stdin: a.stdin, p: a.p}
			if binder {
				return pc.binder(files, &ff, &lo, groupBy == "unit")
			}
			pick := formPick{project: project}
			if formGiven {
				pick.form = &formN
			}
			return pc.forms(files[0], pick, &ff, &lo)
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "output", "o", "", t(msg.FlagPreviewOut))
	f.Float64Var(&dpi, "dpi", preview.DefaultDPI, t(msg.FlagDPI))
	f.StringVar(&pages, "pages", "", t(msg.FlagPages))
	f.IntVar(&formN, "form", 0, t(msg.FlagForm))
	f.StringVar(&project, "project", "", t(msg.FlagProject))
	f.BoolVar(&binder, "binder", false, t(msg.FlagBinder))
	f.StringVar(&groupBy, "group-by", "", t(msg.FlagPreviewGroupBy))
	f.BoolVar(&allowMissing, "allow-missing", false, t(msg.FlagAllowMissing))
	ff.register(f, a.p.Lang)
	lo.register(c, a.p.Lang)
	c.RegisterFlagCompletionFunc("group-by", fixedCompletions("unit"))
	return c
}

// previewCmd is one run of jixiao preview.
type previewCmd struct {
	out          string
	sel          pageSet
	pagesArg     string
	allowMissing bool
	dpi          float64
	stdin        io.Reader
	p            *msg.Printer
}

// options checks the output directory and returns the pipeline's options.
func (pc *previewCmd) options(ff *fontFlags, lo *layoutOptions) (pipeline.Options, error) {
	if st, err := os.Stat(pc.out); err == nil && !st.IsDir() {
		return pipeline.Options{}, usageProblem(msg.New(msg.PreviewOutNotDir, pc.out))
	}
	if lo.watermarkText() != "" {
		// The watermark is drawn by render, into PDFs only.
		return pipeline.Options{}, usageProblem(msg.New(msg.PreviewNoWatermark))
	}
	return printOptions(ff, lo, pc.allowMissing, pc.p)
}

// forms draws the pages of the forms picked from file.
func (pc *previewCmd) forms(file string, pick formPick, ff *fontFlags, lo *layoutOptions) error {
	opt, err := pc.options(ff, lo)
	if err != nil {
		return err
	}
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return usageProblem(msg.New(msg.PreviewDir, file))
	}
	inputs, err := readInputs([]string{file}, pc.stdin, opt.Events)
	if err != nil {
		return err
	}
	in := inputs[0]
	picked, err := pickForms(in.Book, pick, true)
	if err != nil {
		return err
	}
	// Every form laid out and its characters checked before the first
	// image is drawn.
	laid := time.Now()
	docs, err := pipeline.LayOut(in, picked, opt)
	if err != nil {
		return err
	}
	pc.p.Steps.Since(msg.StepLayOut, laid)
	names := uniqueNames(in.Book, picked)
	var pages []*layout.Page
	var paths []string
	for k, doc := range docs {
		base := strings.TrimSuffix(names[k], ".pdf")
		n := len(doc.Pages)
		first := len(pages)
		for p, pg := range doc.Pages {
			if pc.sel.has(p + 1) {
				pages = append(pages, pg)
				paths = append(paths, filepath.Join(pc.out, pageFileName(base, p+1, n)))
			}
		}
		// Of a single form, pages it lacks are an error; of a whole book,
		// the forms without them are passed over.
		if len(pages) == first && len(docs) == 1 {
			return usageProblem(msg.New(msg.PreviewNoPages, pc.pagesArg, in.Book.Forms[picked[k]].Project, n))
		}
	}
	if len(pages) == 0 {
		return usageProblem(msg.New(msg.PreviewNoPagesBook, pc.pagesArg))
	}
	// No image may replace an input: checked before the first is drawn.
	for _, path := range paths {
		if err := checkOutput(path, []string{file}); err != nil {
			return usageProblem(err)
		}
	}
	seq := func(yield func(int, *layout.Page) error) error {
		for i, p := range pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
	return pc.draw(seq, opt, func(i int) string { return paths[i] }, []string{file})
}

// binder draws the pages of the binder of files, as jixiao binder prints it.
func (pc *previewCmd) binder(files []string, ff *fontFlags, lo *layoutOptions, group bool) error {
	opt, err := pc.options(ff, lo)
	if err != nil {
		return err
	}
	inputs, err := readInputs(files, pc.stdin, opt.Events)
	if err != nil {
		return err
	}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	planned := time.Now()
	b, err := pipeline.PlanBinder(inputs, pipeline.BinderOptions{Options: opt, GroupByUnit: group})
	if err != nil {
		return err
	}
	pc.p.Steps.Since(msg.StepLayOut, planned)
	n := b.Pages
	selected := false
	for p := 1; p <= n && !selected; p++ {
		selected = pc.sel.has(p)
	}
	if !selected {
		return usageProblem(msg.New(msg.PreviewNoPagesBinder, pc.pagesArg, n))
	}
	seq := func(yield func(int, *layout.Page) error) error {
		return b.EachPage(func(i int, p *layout.Page) error {
			if !pc.sel.has(i + 1) {
				return nil
			}
			return yield(i, p)
		})
	}
	return pc.draw(seq, opt, func(i int) string { return filepath.Join(pc.out, pageFileName("binder", i+1, n)) }, paths)
}

// draw draws the pages of seq (pipeline.Previews, on every CPU), each into
// the file path names (written to a temporary file and renamed; none may
// be one of the inputs). The first error stops the work and is returned;
// the files already written stay, each complete. What was written is said
// on stderr once all are.
func (pc *previewCmd) draw(seq func(func(int, *layout.Page) error) error, opt pipeline.Options, path func(int) string, inputs []string) error {
	if err := os.MkdirAll(pc.out, 0o755); err != nil {
		return usageProblem(output.Failed(pc.out, err))
	}
	var written []int
	defer pc.p.Steps.Since(msg.StepDrawWrite, time.Now())
	err := pipeline.Previews(seq, opt, pc.dpi, func(i int, png []byte) error {
		p := path(i)
		if err := checkOutput(p, inputs); err != nil {
			return usageProblem(err)
		}
		if err := writeOutput(p, pc.p.Out, func(w io.Writer) error {
			_, err := w.Write(png)
			return err
		}); err != nil {
			return err
		}
		written = append(written, i)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(written)
	if len(written) == 1 {
		pc.p.Info(msg.Wrote, path(written[0]))
	} else {
		pc.p.Info(msg.PreviewWroteMany, len(written), path(written[0]), path(written[len(written)-1]))
	}
	return nil
}

// pageFileName names the image of page p of n of a document: base-p01.png,
// the number with as many digits as n has, and at least two.
func pageFileName(base string, p, n int) string {
	return fmt.Sprintf("%s-p%0*d.png", base, max(2, len(strconv.Itoa(n))), p)
}

// pageSet is the --pages selection: ranges of page numbers counted from 1,
// hi 0 meaning to the end; empty means every page.
type pageSet []struct{ lo, hi int }

func (s pageSet) has(p int) bool {
	if len(s) == 0 {
		return true
	}
	for _, r := range s {
		if p >= r.lo && (r.hi == 0 || p <= r.hi) {
			return true
		}
	}
	return false
}

// parsePages reads "1-3", "2", "1,4-" (to the end), "-3" (from the first).
func parsePages(arg string) (pageSet, error) {
	if arg == "" {
		return nil, nil
	}
	var s pageSet
	num := func(v string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || strings.ContainsAny(v, "+-") {
			return 0, msg.New(msg.PreviewPages, arg)
		}
		return n, nil
	}
	for _, part := range strings.Split(arg, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		var r struct{ lo, hi int }
		var err error
		switch {
		case !isRange:
			r.lo, err = num(lo)
			r.hi = r.lo
		default:
			r.lo = 1
			if strings.TrimSpace(lo) != "" {
				r.lo, err = num(lo)
			}
			if err == nil && strings.TrimSpace(hi) != "" {
				r.hi, err = num(hi)
			}
			if err == nil && r.hi != 0 && r.hi < r.lo || strings.TrimSpace(lo) == "" && strings.TrimSpace(hi) == "" {
				err = msg.New(msg.PreviewPages, arg)
			}
		}
		if err != nil {
			return nil, err
		}
		s = append(s, r)
	}
	return s, nil
}
