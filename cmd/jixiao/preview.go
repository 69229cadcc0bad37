package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"jixiao/internal/output"
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
		out, pages string
		dpi        float64
		binder     bool
		ff         fontFlags
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
			project, _ := c.Flags().GetString("project")
			groupBy, _ := c.Flags().GetString("group-by")
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
			if st, err := os.Stat(out); err == nil && !st.IsDir() {
				return usageProblem(msg.New(msg.PreviewOutNotDir, out))
			}
			job, fl, err := a.job(c, &ff)
			if err != nil {
				return err
			}
			if job.Watermark != "" {
				// The watermark is drawn into PDFs only.
				return fl.first(usageProblem(msg.New(msg.PreviewNoWatermark)))
			}
			pc := &previewCmd{out: out, sel: sel, pagesArg: pages, stdin: a.stdin, p: a.p,
				job: job, fonts: fl, backend: pipeline.NewPNG(job, dpi)}
			left := printReady(job) // as render and binder

			if binder {
				job.Binder = true
				err = pc.binder(c.Context(), files)
			} else {
				err = pc.forms(c.Context(), files[0])
			}
			if err != nil {
				return err
			}
			return left()
		},
	}
	f := c.Flags()
	f.StringVarP(&out, "output", "o", "", t(msg.FlagPreviewOut))
	f.Float64Var(&dpi, "dpi", preview.DefaultDPI, t(msg.FlagDPI))
	f.StringVar(&pages, "pages", "", t(msg.FlagPages))
	f.BoolVar(&binder, "binder", false, t(msg.FlagBinder))
	a.registerJob(c, append(pageOptions, "form", "project", "group-by")...)
	f.Lookup("group-by").Usage = t(msg.FlagPreviewGroupBy)
	ff.register(f, a.p.Lang)
	return c
}

// previewCmd is one run of jixiao preview.
type previewCmd struct {
	out      string
	sel      pageSet
	pagesArg string
	stdin    io.Reader
	p        *msg.Printer
	job      *pipeline.Job
	fonts    *fontLoad // the job's fonts being loaded (readInputs)
	backend  pipeline.Backend
}

// forms draws the pages of the forms picked from file.
func (pc *previewCmd) forms(ctx context.Context, file string) error {
	if st, err := os.Stat(file); err == nil && st.IsDir() {
		return pc.fonts.first(usageProblem(msg.New(msg.PreviewDir, file)))
	}
	inputs, err := readInputs(ctx, []string{file}, pc.stdin, pc.job, pc.fonts)
	if err != nil {
		return err
	}
	// Every form laid out and its characters checked before the first
	// image is drawn.
	pc.job.Forms.All = true
	docs, err := pipeline.Plan(ctx, inputs, pc.job)
	if err != nil {
		return err
	}
	var paths []string
	any := false
	for _, d := range docs {
		n := d.Frame.Pages
		first := len(paths)
		for p := 1; p <= n; p++ {
			if pc.sel.has(p) {
				paths = append(paths, filepath.Join(pc.out, pageFileName(d.Name, p, n)))
			}
		}
		// Of a single form, pages it lacks are an error; of a whole book,
		// the forms without them are passed over.
		if len(paths) == first && len(docs) == 1 {
			in := inputs[0]
			return usageProblem(msg.New(msg.PreviewNoPages, pc.pagesArg, in.Book.Forms[d.Form-1].Project, n))
		}
		any = any || len(paths) > first
	}
	if !any {
		return usageProblem(msg.New(msg.PreviewNoPagesBook, pc.pagesArg))
	}
	// No image may replace an input: checked before the first is drawn.
	for _, path := range paths {
		if err := checkOutput(path, []string{file}); err != nil {
			return usageProblem(err)
		}
	}
	return pc.draw(ctx, docs, []string{file})
}

// binder draws the pages of the binder of files, as jixiao binder prints it.
func (pc *previewCmd) binder(ctx context.Context, files []string) error {
	inputs, err := readInputs(ctx, files, pc.stdin, pc.job, pc.fonts)
	if err != nil {
		return err
	}
	paths := make([]string, len(inputs))
	for i, in := range inputs {
		paths[i] = in.Path
	}
	docs, err := pipeline.Plan(ctx, inputs, pc.job)
	if err != nil {
		return err
	}
	n := docs[0].Frame.Pages
	selected := false
	for p := 1; p <= n && !selected; p++ {
		selected = pc.sel.has(p)
	}
	if !selected {
		return usageProblem(msg.New(msg.PreviewNoPagesBinder, pc.pagesArg, n))
	}
	return pc.draw(ctx, docs, paths)
}

// draw draws the selected pages of docs (pipeline.EachPage, on every
// CPU), each into the file named after its document and page number
// (written to a temporary file and renamed; none may be one of the
// inputs). The first error stops the work and is returned; the files
// already written stay, each complete. What was written is said on stderr
// once all are.
func (pc *previewCmd) draw(ctx context.Context, docs []*pipeline.Doc, inputs []string) error {
	if err := os.MkdirAll(pc.out, 0o755); err != nil {
		return usageProblem(output.Failed(pc.out, err))
	}
	var written []string
	defer pc.p.Steps.Since(msg.StepDrawWrite, time.Now())
	for _, d := range docs {
		var done []int
		keep := func(i int) bool { return pc.sel.has(i + 1) }
		path := func(i int) string { return filepath.Join(pc.out, pageFileName(d.Name, i+1, d.Frame.Pages)) }
		err := pipeline.EachPage(ctx, d, keep, pc.backend, func(i int, png []byte) error {
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
			done = append(done, i)
			return nil
		})
		if err != nil {
			return err
		}
		slices.Sort(done)
		for _, i := range done {
			written = append(written, path(i))
		}
	}
	if len(written) == 1 {
		pc.p.Info(msg.Wrote, written[0])
	} else if len(written) > 1 {
		pc.p.Info(msg.PreviewWroteMany, len(written), written[0], written[len(written)-1])
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
