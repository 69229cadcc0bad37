package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"jixiao/model"
	"jixiao/model/seedtext"
	"jixiao/model/xlsx"
	"jixiao/msg"
	"jixiao/pipeline"

	"github.com/spf13/cobra"
)

func (a *app) newImportCmd() *cobra.Command {
	t := a.p.T
	out := "-"
	c := &cobra.Command{
		Use:   "import SEED.txt [-o book.json]",
		Short: t(msg.HelpImportShort),
		Long:  t(msg.HelpImportLong),
		Example: "  jixiao import testdata/seed-jiangyin-2024.txt -o book.json\n" +
			"  pdftotext -layout forms.pdf - | jixiao import - > book.json",
		DisableFlagsInUseLine: true,
		Args:                  a.exactlyOne,
		RunE: func(c *cobra.Command, files []string) error {
			if code := runImport(files[0], out, a.stdin, a.p); code != 0 {
				return exitStatus(code)
			}
			return nil
		},
	}
	c.Flags().StringVarP(&out, "output", "o", "-", t(msg.FlagOutputJSON))
	return c
}

// runImport implements jixiao import FILE [-o OUT]: the book goes to OUT
// (atomically) or standard output, every repair to standard error.
func runImport(name, out string, stdin io.Reader, p *msg.Printer) int {
	if err := checkOutput(out, []string{name}); err != nil {
		p.Fail(err)
		return 2
	}
	if err := checkOutputExt(out, ".json", msg.KindJSON); err != nil {
		p.Fail(err)
		return 2
	}
	// A workbook, or a PDF carrying its forms (--attach-data), is read as
	// every command reads it.
	if xlsx.Handles(name) || pipeline.IsPDFName(name) {
		return (&app{p: p}).status(importWorkbook(name, out, p))
	}
	if model.FormatOfName(name) != model.FormatAuto {
		p.Fail(msg.New(msg.ImportIsBook, name))
		return 2
	}
	var in io.Reader = stdin
	if name != "-" {
		// A FIFO would block the open and a device never end (/dev/zero):
		// only a regular file of at most MaxSeedSize bytes is read, checked
		// before the open and again on the file opened.
		if err := checkSeedFile(name, os.Stat); err != nil {
			p.Fail(err)
			return 2
		}
		f, err := os.Open(name)
		if err != nil {
			p.Fail(err)
			return 2
		}
		defer f.Close()
		if err := checkSeedFile(name, func(string) (os.FileInfo, error) { return f.Stat() }); err != nil {
			p.Fail(err)
			return 2
		}
		in = f
	}
	// A book in JSON given by another name (or on standard input) is
	// told as one, not as a seed whose title line is "{".
	br := bufio.NewReader(in)
	if isJSONText(br) {
		var where any = name
		if name == "-" {
			where = msg.New(msg.StandardInput)
		}
		p.Fail(msg.New(msg.ImportIsBook, where))
		return 2
	}
	in = br
	// The text is kept so that problems found after the import can be
	// pointed at the line where their form starts.
	var text bytes.Buffer
	read := time.Now()
	book, repairs, err := seedtext.Import(io.TeeReader(in, &text), name)
	for _, r := range repairs {
		if !p.Quiet {
			p.Line(p.Err, repairLine(p.Lang, r))
		}
	}
	if err != nil {
		var se *seedtext.SeedError
		if errors.As(err, &se) {
			p.Fail(pipeline.ProblemError(se.Problem()))
		} else {
			p.Fail(err)
		}
		if errors.Is(err, seedtext.ErrSeed) {
			return 1
		}
		return 2
	}
	// The extraction may have lost what no repair can restore (a missing
	// 主管部门, an amount): such a book is not written.
	problems := model.Validate(book, nil)
	p.Steps.Since(msg.StepRead, read)
	starts := seedtext.TitleLines(text.Bytes())
	for _, pr := range problems {
		where := name
		i, ok := model.FormIndex(pr.Path)
		if ok && i < len(starts) {
			where = fmt.Sprintf("%s:%d", name, starts[i])
		}
		p.Line(p.Err, p.T(msg.ImportFormLine, where, i+1, msg.Raw(pipeline.ProblemText(p.Lang, pr))))
	}
	if model.Errors(problems) != nil {
		p.Error(msg.ImportHasErrors, name)
		return 1
	}
	defer p.Steps.Since(msg.StepWrite, time.Now())
	if err := writeOutput(out, p.Out, func(w io.Writer) error { return model.EncodeJSON(w, book) }); err != nil {
		p.Fail(err)
		return 2
	}
	return 0
}

// isJSONText reports whether the text r begins with is JSON's (an object
// or an array), as the decoder tells it: a seed begins with its title.
func isJSONText(r *bufio.Reader) bool {
	head, _ := r.Peek(512)
	return model.ContentFormat(head) == model.FormatJSON
}

// checkSeedFile returns why the file name cannot be imported (stat tells
// what it is), nil when it can.
func checkSeedFile(name string, stat func(string) (os.FileInfo, error)) error {
	st, err := stat(name)
	switch {
	case err != nil:
		return err
	case !st.Mode().IsRegular():
		return msg.New(msg.NotRegular, name)
	case st.Size() > seedtext.MaxSeedSize:
		return msg.New(msg.InputTooLarge, name, msg.Raw(strconv.FormatInt(st.Size(), 10)), seedtext.MaxSeedSize>>20)
	}
	return nil
}

// repairLine is a repair of the seed as l writes it, in the catalogue's
// words: "seed.txt:12: …" in English, "seed.txt 第 12 行：…" in Chinese.
func repairLine(l msg.Lang, r seedtext.Repair) string {
	text, ok := msg.RepairText(l, r.Code, r.Args)
	if !ok { // a code the catalogue lacks (a bug a test catches)
		text = msg.Escape(r.Code + " " + strings.Join(r.Args, " "))
	}
	if l == msg.English {
		return msg.Escape(r.Name+":"+strconv.Itoa(r.Line)) + ": " + text
	}
	return l.Text(msg.ProblemAt, msg.Raw(l.Text(msg.LocLine, r.Name, r.Line)), msg.Raw(text))
}
