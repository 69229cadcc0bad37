package serve

import (
	"archive/zip"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"jixiao/binder"
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
	"jixiao/render"
)

// filesRefused is the answer to a print when a file of the upload could
// not be read (or is wrong as a whole): every print is refused, as the
// command refuses it; nil when there is none.
func (s *Server) filesRefused(b *batch) *answer {
	if ps := b.blocking(nil); len(ps) > 0 {
		a := s.bookErrors(ps)
		return &a
	}
	return nil
}

// bookErrors is the 422 of the errors ps that stop a print.
func (s *Server) bookErrors(ps []model.Problem) answer {
	return s.problemsAnswer(codeBookErrors, []any{len(ps)}, ps)
}

// render answers one form as a PDF (an OFD with format=ofd), never one
// with errors: pipeline.Plan leaves a form with errors out (Job.SkipErrors,
// as for a binder or ZIP), and none is left. What Plan does not see is
// the server's own: a file of the request that could not be read (or a
// problem of a file as a whole) refuses the form too, before any work.
func (s *Server) render(c *call) answer {
	job, b, k, bad := s.loadForm(c)
	if bad != nil {
		return *bad
	}
	e := b.forms[k]
	in := b.inputs[e.input]
	refuse := func() answer { // with the batch's errors and the form's
		ps := b.blocking([]int{k})
		if name := in.Book.Forms[e.index].Project; name != "" {
			return s.problemsAnswer(codeFormErrors, []any{k + 1, name}, ps)
		}
		return s.problemsAnswer(msg.ServeFormErrorsNoName, []any{k + 1}, ps)
	}
	if a := s.filesRefused(b); a != nil { // another file's, not the form's
		return *a
	}
	job.SkipErrors = true
	docs, err := pipeline.Plan(c.ctx, b.inputs, job)
	if sk := (*pipeline.Skipped)(nil); pipeline.Find(err, &sk) {
		return refuse() // the form has errors
	}
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	backend := job.Backend()
	body, err := written(c, func(w io.Writer) error { return backend.Write(c.ctx, w, docs[0]) })
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	return answer{status: http.StatusOK, ctype: contentType(backend), spooled: body, name: docs[0].Name + backend.Ext()}
}

// plan plans what a binder (with binder) or ZIP prints: the forms the
// query picks (forms=1,3-5; all when not given) that have no errors,
// through pipeline.Plan, which leaves out those with errors
// (Job.SkipErrors: issue 19, print what is ready) and bounds the pages by
// the server's limit (Job.MaxPages), as it does for the command line. It returns
// the job, the batch, the documents and the numbers of the forms left out
// (pipeline.Skipped), or the answer when none can be printed, with the
// problems that stop them.
func (s *Server) plan(c *call, binder bool) (*pipeline.Job, *batch, []*pipeline.Doc, []int, *answer) {
	fail := func(a answer) (*pipeline.Job, *batch, []*pipeline.Doc, []int, *answer) { return nil, nil, nil, nil, &a }
	job, bad := s.job(c)
	if bad != nil {
		return fail(*bad)
	}
	b, err := s.load(c.ctx, c.uploads, job)
	if err != nil {
		return fail(s.drawFailure(err, ""))
	}
	if len(b.forms) == 0 && b.unread == 0 {
		return fail(s.refusal(http.StatusUnprocessableEntity, codeNoForms))
	}
	sel, bad := s.pickedForms(c)
	if bad != nil {
		return fail(*bad)
	}
	// A file that could not be read (or is wrong as a whole) refuses the
	// print, as the command refuses a binder of it: leaving it out
	// unnamed would print a binder or ZIP short of its forms.
	if a := s.filesRefused(b); a != nil {
		return fail(*a)
	}
	job.Forms, job.Binder, job.SkipErrors = sel, binder, true
	var skipped []int
	job.Events.Warn = func(w error) {
		var sk *pipeline.Skipped
		if errors.As(w, &sk) {
			skipped = sk.Forms
		}
	}
	docs, err := pipeline.Plan(c.ctx, b.inputs, job)
	var (
		ns *pipeline.NoSuchForm
		sk *pipeline.Skipped
	)
	switch {
	case err == nil:
		return job, b, docs, skipped, nil
	case pipeline.Find(err, &ns):
		return fail(s.refusal(http.StatusUnprocessableEntity, codeNoSuchForm, ns.Form, ns.Forms))
	case pipeline.Find(err, &sk): // none ready
		idx := make([]int, len(sk.Forms))
		for i, n := range sk.Forms {
			idx[i] = n - 1
		}
		return fail(s.bookErrors(b.blocking(idx)))
	}
	return fail(s.drawFailure(err, ""))
}

// zip answers every form as a PDF (OFD with format=ofd) of its own, in a
// ZIP archive, the files
// named as jixiao render --out-dir names them (pipeline.FileNames).
func (s *Server) zip(c *call) answer {
	job, b, docs, skipped, bad := s.plan(c, false)
	if bad != nil {
		return *bad
	}
	year := bookYear(b.inputs)
	date, err := s.date(year)
	if err != nil {
		return s.drawFailure(err, "")
	}
	body := c.spool()
	zw := zip.NewWriter(body)
	backend := job.Backend()
	var mu sync.Mutex
	pdfs := map[*pipeline.Doc][]byte{}
	err = pipeline.WriteEach(c.ctx, docs, backend,
		func(d *pipeline.Doc, pdf []byte) error {
			mu.Lock()
			defer mu.Unlock()
			pdfs[d] = pdf
			return nil
		},
		func(d *pipeline.Doc) error { // the entries in the forms' order
			mu.Lock()
			pdf := pdfs[d]
			delete(pdfs, d)
			mu.Unlock()
			// Stored, not compressed: a PDF's streams are compressed
			// already, and an OFD is a ZIP of compressed parts.
			w, err := zw.CreateHeader(&zip.FileHeader{Name: d.Name + backend.Ext(), Method: zip.Store, Modified: date})
			if err != nil {
				return err
			}
			_, err = w.Write(pdf)
			return err
		})
	if err != nil {
		return s.drawFailure(err, "")
	}
	if err := zw.Close(); err != nil {
		return s.drawFailure(err, "")
	}
	if err := body.done(); err != nil {
		return s.drawFailure(err, "")
	}
	return answer{status: http.StatusOK, ctype: "application/zip", spooled: body, name: zipName(year, backend), skipped: skipped}
}

// maxPages is the most pages one request may check or print.
func (s *Server) maxPages() int {
	if s.opt.MaxPages > 0 {
		return s.opt.MaxPages
	}
	return binder.UploadMaxPages
}

// binder answers the binder of every form: cover, contents, the forms
// numbered throughout. Query: the job's options (duplex=1, signature=1,
// group_by=unit, paper=A4 …).
func (s *Server) binder(c *call) answer {
	job, b, docs, skipped, bad := s.plan(c, true)
	if bad != nil {
		return *bad
	}
	backend := job.Backend()
	body, err := written(c, func(w io.Writer) error { return backend.Write(c.ctx, w, docs[0]) })
	if err != nil {
		return s.drawFailure(err, "")
	}
	return answer{status: http.StatusOK, ctype: contentType(backend), spooled: body, name: yearName(bookYear(b.inputs), "装订本"+backend.Ext()), skipped: skipped}
}

// written is the body that write writes, spooled (spool): in memory while
// small, else in a temporary file, and whole before any of it is sent,
// so that a failure half-way is answered as one, never as a 200 cut
// short.
func written(c *call, write func(io.Writer) error) (*spool, error) {
	body := c.spool()
	if err := write(body); err != nil {
		return nil, err
	}
	if err := body.done(); err != nil {
		return nil, err
	}
	return body, nil
}

// contentType is the media type of what backend writes.
func contentType(backend pipeline.Backend) string {
	if backend.Ext() == ".ofd" {
		return "application/ofd"
	}
	return "application/pdf"
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
