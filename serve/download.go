package serve

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jixiao/internal/safetext"
	"jixiao/layout"
	"jixiao/msg"
	"jixiao/pipeline"
	"jixiao/render"
)

func layoutDefaults() layout.Options { return layout.DefaultOptions() }

// pageOptions reads the options of the printed page from the query:
// paper=A4|A3|A4-landscape|A3-landscape, signature=1, duplex=1.
func (s *Server) pageOptions(c *call) (layout.Options, *answer) {
	o := layout.DefaultOptions()
	if p := c.query.Get("paper"); p != "" {
		w, h, err := layout.PaperSize(p)
		if err != nil {
			a := s.refusal(http.StatusBadRequest, codeBadPaper, p)
			return o, &a
		}
		o.Width, o.Height = w, h
	}
	o.Signature = yes(c.query.Get("signature"))
	o.Mirror = yes(c.query.Get("duplex"))
	return o, nil
}

// yes reads a yes/no query value: 1, true, on, yes.
func yes(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}

// render answers one form as a PDF, never one with errors.
func (s *Server) render(c *call) answer {
	o, bad := s.pageOptions(c)
	if bad != nil {
		return *bad
	}
	b, k, bad := s.loadForm(c)
	if bad != nil {
		return *bad
	}
	e := b.forms[k]
	in := b.inputs[e.input]
	if ps := b.blocking([]int{k}); len(ps) > 0 {
		if name := in.Book.Forms[e.index].Project; name != "" {
			return s.problemsAnswer(codeFormErrors, []any{k + 1, name}, ps)
		}
		return s.problemsAnswer(msg.ServeFormErrorsNoName, []any{k + 1}, ps)
	}
	opt := s.options()
	opt.Layout = o
	pdfs, err := pipeline.Forms(in, []int{e.index}, opt)
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	return answer{status: http.StatusOK, ctype: "application/pdf", body: pdfs[0],
		name: fileNames([]string{in.Book.Forms[e.index].Project}, ".pdf")[0]}
}

// printable answers the problems that keep the batch from being printed
// whole (nil when there are none).
func (s *Server) printable(b *batch) *answer {
	if len(b.forms) == 0 && b.unread == 0 {
		a := s.refusal(http.StatusUnprocessableEntity, codeNoForms)
		return &a
	}
	all := make([]int, len(b.forms))
	for k := range all {
		all[k] = k
	}
	if ps := b.blocking(all); len(ps) > 0 {
		a := s.problemsAnswer(codeBookErrors, []any{len(ps)}, ps)
		return &a
	}
	return nil
}

// zip answers every form as a PDF of its own, in a ZIP archive, the PDFs
// named after their projects.
func (s *Server) zip(c *call) answer {
	o, bad := s.pageOptions(c)
	if bad != nil {
		return *bad
	}
	b, err := s.load(c.uploads)
	if err != nil {
		return s.drawFailure(err, "")
	}
	if bad := s.printable(b); bad != nil {
		return *bad
	}
	opt := s.options()
	opt.Layout = o
	var projects []string
	var pdfs [][]byte
	for _, in := range b.inputs {
		picked := make([]int, len(in.Book.Forms))
		for i := range picked {
			picked[i] = i
			projects = append(projects, in.Book.Forms[i].Project)
		}
		ps, err := pipeline.Forms(in, picked, opt)
		if err != nil {
			return s.drawFailure(err, in.Path)
		}
		pdfs = append(pdfs, ps...)
		if c.ctx.Err() != nil {
			return s.refusal(http.StatusServiceUnavailable, codeBusy, int(s.opt.Timeout.Seconds()))
		}
	}
	year := bookYear(b.inputs)
	date, err := s.date(year)
	if err != nil {
		return s.drawFailure(err, "")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for k, name := range fileNames(projects, ".pdf") {
		// Stored, not compressed: a PDF's streams are compressed already.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: date})
		if err != nil {
			return s.drawFailure(err, "")
		}
		if _, err := w.Write(pdfs[k]); err != nil {
			return s.drawFailure(err, "")
		}
	}
	if err := zw.Close(); err != nil {
		return s.drawFailure(err, "")
	}
	return answer{status: http.StatusOK, ctype: "application/zip", body: buf.Bytes(), name: yearName(year, ".zip")}
}

// binder answers the binder of every form: cover, contents, the forms
// numbered throughout. Query: duplex=1, signature=1, group_by=unit,
// paper=A4 (A3, A4-landscape, A3-landscape).
func (s *Server) binder(c *call) answer {
	o, bad := s.pageOptions(c)
	if bad != nil {
		return *bad
	}
	g := c.query.Get("group_by")
	if g != "" && g != "unit" {
		return s.refusal(http.StatusBadRequest, codeBadGroup, g)
	}
	b, err := s.load(c.uploads)
	if err != nil {
		return s.drawFailure(err, "")
	}
	if bad := s.printable(b); bad != nil {
		return *bad
	}
	opt := pipeline.BinderOptions{Options: s.options(), GroupByUnit: g == "unit"}
	opt.Layout = o
	bd, err := pipeline.PlanBinder(b.inputs, opt)
	if err != nil {
		return s.drawFailure(err, "")
	}
	if c.ctx.Err() != nil {
		return s.refusal(http.StatusServiceUnavailable, codeBusy, int(s.opt.Timeout.Seconds()))
	}
	var buf bytes.Buffer
	if _, err := bd.WriteTo(&buf); err != nil {
		return s.drawFailure(err, "")
	}
	return answer{status: http.StatusOK, ctype: "application/pdf", body: buf.Bytes(), name: yearName(bookYear(b.inputs), "装订本.pdf")}
}

func (s *Server) date(year int) (time.Time, error) {
	if s.opt.Date != nil {
		return s.opt.Date(year)
	}
	return render.DateFromEnv(year)
}

// bookYear is the year of the first input (its book's, else its first
// form's), as the binder's.
func bookYear(inputs []pipeline.Input) int {
	if len(inputs) == 0 {
		return 0
	}
	b := inputs[0].Book
	if b.Year == 0 && len(b.Forms) > 0 {
		return b.Forms[0].Year
	}
	return b.Year
}

// yearName names a download of a year's forms: 2024年绩效目标表.zip.
func yearName(year int, suffix string) string {
	name := "绩效目标表" + suffix
	if year > 0 {
		name = strconv.Itoa(year) + "年" + name
	}
	return name
}

// fileNames names a file per project, made safe for any file system and
// unique (compared without regard to case): a repeated name gets -2, -3 …
func fileNames(projects []string, ext string) []string {
	out := make([]string, len(projects))
	used := map[string]bool{}
	for k, p := range projects {
		base := safetext.FileName(p)
		if base == "" {
			base = "表" + strconv.Itoa(k+1)
		}
		name := base + ext
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = base + "-" + strconv.Itoa(n) + ext
		}
		used[strings.ToLower(name)] = true
		out[k] = name
	}
	return out
}
