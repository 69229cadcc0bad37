package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"jixiao/internal/output"
	"jixiao/internal/safetext"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

// renderFlags are the options of jixiao render.
type renderFlags struct {
	out, outDir, project string
	form                 int
	allowMissing         bool
	fonts                fontFlags
	layout               layoutOptions
}

func (a *app) newRenderCmd() *cobra.Command {
	t := a.p.T
	var rf renderFlags
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
			formGiven := c.Flags().Changed("form")
			switch {
			case (rf.out == "") == (rf.outDir == ""):
				return usageProblem(msg.New(msg.OutOrOutDir))
			case formGiven && rf.project != "":
				return usageProblem(msg.New(msg.FormOrProject))
			}
			if err := a.checkPDFOut(rf.out); err != nil {
				return err
			}
			pick := formPick{project: rf.project}
			if formGiven {
				pick.form = &rf.form
			}
			return renderCmd(files[0], rf.out, rf.outDir, pick, rf.allowMissing, &rf.fonts, &rf.layout, a.stdin, a.p)
		},
	}
	f := c.Flags()
	f.StringVarP(&rf.out, "output", "o", "", t(msg.FlagOutputPDF))
	f.StringVar(&rf.outDir, "out-dir", "", t(msg.FlagOutDir))
	f.IntVar(&rf.form, "form", 0, t(msg.FlagForm))
	f.StringVar(&rf.project, "project", "", t(msg.FlagProject))
	f.BoolVar(&rf.allowMissing, "allow-missing", false, t(msg.FlagAllowMissing))
	rf.fonts.register(f, a.p.Lang)
	rf.layout.register(c, a.p.Lang)
	return c
}

// renderCmd prints the forms picked from file: it checks the outputs
// named, reads the input, lays out and draws through the pipeline, and
// writes the PDFs.
func renderCmd(file, out, outDir string, pick formPick, allowMissing bool,
	ff *fontFlags, lo *layoutOptions, stdin io.Reader, p *msg.Printer) error {
	if err := renderChecks(file, out, outDir); err != nil {
		return err
	}
	opt, err := printOptions(ff, lo, allowMissing, p)
	if err != nil {
		return err
	}
	inputs, err := readInputs([]string{file}, stdin, opt.Events)
	if err != nil {
		return err
	}
	if err := lo.warn.check(); err != nil {
		return err
	}
	in := inputs[0]
	picked, err := pickForms(in.Book, pick, outDir != "")
	if err != nil {
		return err
	}
	var names []string
	if outDir != "" {
		names = uniqueNames(in.Book, picked)
		for _, name := range names {
			if err := checkOutput(filepath.Join(outDir, name), []string{file}); err != nil {
				return usageProblem(err)
			}
		}
	}
	if outDir == "" {
		pdfs, err := pipeline.Forms(in, picked, opt)
		if err != nil {
			return err
		}
		if err := lo.warn.check(); err != nil { // characters drawn as boxes
			return err
		}
		defer p.Steps.Since(msg.StepWrite, time.Now())
		return writeOutput(out, p.Out, func(w io.Writer) error {
			_, err := w.Write(pdfs[0])
			return err
		})
	}
	// Each form's PDF is written as soon as it is drawn: 10,000 forms are
	// never held in memory at once.
	if err := os.MkdirAll(outDir, 0o777); err != nil {
		return usageProblem(output.Failed(outDir, err))
	}
	return pipeline.EachForm(in, picked, opt,
		func(k int, pdf []byte) error {
			if err := lo.warn.check(); err != nil { // characters drawn as boxes
				return err
			}
			defer p.Steps.Since(msg.StepWrite, time.Now())
			return output.Write(filepath.Join(outDir, names[k]), func(w io.Writer) error {
				_, err := w.Write(pdf)
				return err
			})
		},
		func(k int) { p.Info(msg.Wrote, filepath.Join(outDir, names[k])) })
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

// formPick is the form chosen on the command line: form is --form N (nil
// when not given), project --project NAME ("" when not given).
type formPick struct {
	form    *int
	project string
}

// pickForms returns the indices of the forms to print.
func pickForms(book *model.Book, pick formPick, all bool) ([]int, error) {
	n := len(book.Forms)
	project := pick.project
	switch {
	case n == 0:
		return nil, inputProblem(msg.New(msg.BookNoForms))
	case pick.form != nil:
		formN := *pick.form
		switch {
		case formN < 1:
			return nil, usageProblem(msg.New(msg.FormCountsFrom1, formN, msg.Count{N: n, Unit: msg.UnitForm}))
		case formN > n:
			return nil, usageProblem(msg.New(msg.FormOutOfRange, formN, msg.Count{N: n, Unit: msg.UnitForm}))
		}
		return []int{formN - 1}, nil
	case project != "":
		var hits []int
		for i := range book.Forms {
			if book.Forms[i].Project == project {
				hits = append(hits, i)
			}
		}
		switch len(hits) {
		case 0:
			return nil, projectNotFound(book, project)
		case 1:
			return hits, nil
		}
		return nil, usageProblem(msg.New(msg.ProjectTwice, project, len(hits)))
	case all:
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx, nil
	case n > 1:
		return nil, usageProblem(msg.New(msg.PickForm, n))
	}
	return []int{0}, nil
}

// uniqueNames returns a file name per picked form: its project name made
// safe for file systems (compared without regard to case), the first form
// of each name keeping it. Repeats get -2, -3 …, skipping the names any
// form has as it is: a project named "X-2" is written to X-2.pdf even when
// two forms are named "X".
func uniqueNames(book *model.Book, picked []int) []string {
	bases := make([]string, len(picked))
	names := make([]string, len(picked))
	used := map[string]bool{}
	for k, i := range picked {
		base := safetext.FileName(book.Forms[i].Project)
		if base == "" {
			base = "form-" + strconv.Itoa(i+1)
		}
		bases[k] = base
		if key := strings.ToLower(base + ".pdf"); !used[key] {
			used[key] = true
			names[k] = base + ".pdf"
		}
	}
	for k, base := range bases {
		if names[k] != "" {
			continue
		}
		name := base + ".pdf"
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n) + ".pdf"
		}
		used[strings.ToLower(name)] = true
		names[k] = name
	}
	return names
}

// plural formats n things: "1 form", "18 forms".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// projectNotFound is the error of a --project that names no form, with the
// nearest project names of the book when some are close.
func projectNotFound(book *model.Book, project string) error {
	names := make([]string, len(book.Forms))
	for i := range book.Forms {
		names[i] = book.Forms[i].Project
	}
	errs := []error{msg.New(msg.ProjectNotFound, project)}
	if near := nearest(project, names, 3); len(near) > 0 {
		quoted := make([]string, len(near))
		for i, n := range near {
			quoted[i] = "“" + msg.Escape(n) + "”"
		}
		errs = append(errs, msg.New(msg.ProjectNearest, msg.Raw(strings.Join(quoted, ", "))))
	}
	return usageProblem(errs...)
}
