package serve

// The API: each handler reads the uploaded files, waits for its turn (a
// bounded number of requests work at once), asks package pipeline for the
// work, and answers. Problems the user caused answer 422 with the same JSON
// problems /api/check gives; nothing is ever drawn of a form with errors.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

// call is one API request once its files are read. ctx ends when the
// client goes away or the request's time limit runs out: the work stops
// within a page.
type call struct {
	ctx     context.Context
	query   url.Values
	uploads []upload
	hold    *holding  // the request's part of the upload budget
	spools  *spoolSet // the server's, for its shutdown
	made    []*spool  // the spools of this call, closed once it is answered
}

// spool returns an empty body for the call's answer (spool), closed once
// the answer is sent or dropped.
func (c *call) spool() *spool {
	sp := newSpool(c.hold, c.spools)
	c.made = append(c.made, sp)
	return sp
}

// answer is what a handler sends. The handler runs apart from the
// request's goroutine (so that its time limit holds even while it works),
// so it builds the answer and never touches the ResponseWriter.
type answer struct {
	status  int
	ctype   string
	name    string // the download's file name, "" for none
	body    []byte
	spooled *spool // the body instead, when it was written as made (a PDF, a ZIP, a PNG)
	skipped []int  // the forms left out of a binder or ZIP for their errors (X-Jixiao-Skipped)
}

// jsonAnswer encodes v as the answer's body.
func jsonAnswer(status int, v any) answer {
	body, err := json.Marshal(v)
	if err != nil {
		panic(err) // the answers are plain structs: a bug
	}
	return answer{status: status, ctype: "application/json; charset=utf-8", body: append(body, '\n')}
}

// refusal is an answer of one problem the server found with the request.
func (s *Server) refusal(status int, code msg.Code, args ...any) answer {
	return jsonAnswer(status, problemsBody{Problems: []jsonProblem{{
		Severity: "error", Code: string(code), Message: text(s.opt.Lang, code, args...),
	}}})
}

// api wraps a handler: the Origin check, the uploads read into memory, the
// time limit, the queue, and no panic reaching the user.
func (s *Server) api(h func(*call) answer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !originAllowed(r) {
			s.refuse(w, r, http.StatusForbidden, codeBadOrigin, r.Header.Get("Origin"))
			return
		}
		// The request's time limit runs from its arrival: reading its
		// upload, waiting its turn and working. Its upload holds memory of
		// the server's budget until its work is done, its answer what it
		// keeps in memory until it is sent; it waits for a render slot
		// only once read, so that slow uploads take no slot.
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		if deadline, ok := ctx.Deadline(); ok {
			// Not supported by a recorder in tests: the limit then holds
			// from the upload's end.
			_ = http.NewResponseController(w).SetReadDeadline(deadline)
		}
		hold := s.memory.hold()
		defer hold.release()
		ups, err := readUploads(w, r, s.opt.MaxUpload, hold)
		switch {
		case badNameHeader(err):
			// A file name with a control byte: the part's header does
			// not read. Sending it again cannot help.
			s.refuse(w, r, http.StatusBadRequest, codeBadFileName, nameInHeader(err))
			return
		case errors.Is(err, errBusyNow):
			// The rest of the body is not read: close the connection.
			w.Header().Set("Connection", "close")
			s.busyNow(w, r)
			return
		case errors.Is(err, errTooLarge):
			// The rest of the body is not read: close the connection.
			w.Header().Set("Connection", "close")
			s.refuse(w, r, http.StatusRequestEntityTooLarge, codeTooLarge, int(s.opt.MaxUpload>>20))
			return
		case isTimeout(err) || err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && r.Context().Err() == nil:
			// The upload itself took longer than the time limit (the
			// server's read timeout, which also ends the request's
			// context, or the request's own): the client's connection,
			// not the server, is too slow for it, and trying again soon
			// would fail the same way.
			w.Header().Set("Connection", "close")
			s.refuse(w, r, http.StatusRequestTimeout, codeUploadSlow, s.timeoutSeconds())
			return
		case err != nil && ctx.Err() != nil:
			w.Header().Set("Connection", "close")
			s.stopped(w, r, ctx) // the client went away while sending
			return
		case errors.Is(err, errNoFiles):
			s.refuse(w, r, http.StatusBadRequest, codeNoFiles)
			return
		case errors.Is(err, errTooManyFiles):
			s.refuse(w, r, http.StatusBadRequest, codeTooManyFiles, maxFiles)
			return
		case err != nil:
			s.logf("%s %s: reading the upload: %v", r.Method, r.URL.Path, err)
			s.refuse(w, r, http.StatusBadRequest, codeBadUpload)
			return
		}
		for _, u := range ups {
			if strings.ContainsFunc(u.Name, model.Control) {
				// The same name as a header of its own would not read
				// (filename*=, RFC 2231, lets one through): refused alike.
				s.refuse(w, r, http.StatusBadRequest, codeBadFileName, u.Name)
				return
			}
		}
		if s.uploaded != nil {
			s.uploaded()
		}
		if err := s.gate.enter(ctx); err != nil {
			s.stopped(w, r, ctx)
			return
		}
		upload := hold.held() // what the files hold, until the work is done
		c := &call{ctx: ctx, query: r.URL.Query(), uploads: ups, hold: hold, spools: &s.spools}
		defer func() {
			for _, sp := range c.made {
				sp.close()
			}
		}()
		done := make(chan answer, 1)
		go func() {
			a := s.work(r, h, c)
			c.uploads = nil
			s.gate.leave() // before the answer: the work is done once answered
			done <- a
		}()
		var a answer
		select {
		case a = <-done:
		case <-ctx.Done():
			// The work stops within a page; the request holds its
			// upload's memory until it has.
			<-done
		}
		// The files are no longer needed: only the answer waits for its
		// client, counted as it is held (spool, waiting).
		hold.give(upload)
		if ctx.Err() != nil {
			s.stopped(w, r, ctx)
			return
		}
		s.send(w, r, s.waiting(r, c, a))
	}
}

// waiting readies an answer to wait for its client, its memory counted
// until it is sent (the request's holding is released then): a body made
// in memory (the JSON of a check) is taken from the budget while it is
// small (spoolMemory) and the budget has room for it; else it is moved to
// a spool (a temporary file, the budget being full or the body large), so
// that it does not wait in memory for a slow client uncounted. A spooled
// answer counts its own.
func (s *Server) waiting(r *http.Request, c *call, a answer) answer {
	if a.spooled != nil || len(a.body) <= spoolMemory && c.hold.take(int64(len(a.body))) {
		return a
	}
	sp := c.spool()
	_, err := sp.Write(a.body)
	if err == nil {
		err = sp.done()
	}
	if err != nil {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		return s.refusal(http.StatusInternalServerError, codeInternal)
	}
	a.body, a.spooled = nil, sp
	return a
}

// work runs h; a panic is an internal error, logged with its stack.
func (s *Server) work(r *http.Request, h func(*call) answer, c *call) (a answer) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("%s %s: internal error: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			a = s.refusal(http.StatusInternalServerError, codeInternal)
		}
	}()
	return h(c)
}

// stopped answers a request whose context ended: 503, try again. At its
// time limit the server was too busy for it; a client that went away
// before it (the request's own context ended: net/http ends it when the
// connection closes, or a read of it fails) is only logged as gone, not
// as a server too busy to answer it, its work stopped, and the answer is
// sent all the same, for nobody, so that the request has one whatever the
// client. The time tells them apart: a read past the deadline ends the
// request's context too, at the moment ctx's timer ends ctx.
func (s *Server) stopped(w http.ResponseWriter, r *http.Request, ctx context.Context) {
	if deadline, ok := ctx.Deadline(); ok && r.Context().Err() != nil && time.Now().Before(deadline) {
		s.logf("%s %s: the client went away before the answer; its work stopped", r.Method, r.URL.Path)
	} else {
		s.logf("%s %s: %d %s", r.Method, r.URL.Path, http.StatusServiceUnavailable, codeBusy)
	}
	w.Header().Set("Retry-After", "30")
	s.send(w, r, s.refusal(http.StatusServiceUnavailable, codeBusy, s.timeoutSeconds()))
}

// badNameHeader reports whether err is a part's header that does not read
// for its file name: a control byte in it (the only way a name breaks the
// header's syntax).
func badNameHeader(err error) bool {
	var pe textproto.ProtocolError
	return errors.As(err, &pe) && strings.Contains(strings.ToLower(string(pe)), "filename")
}

// nameInHeader is the file name a header line that does not read gives,
// as sent (escaped where it is told): filename="…", or filename*= with
// its charset and language.
func nameInHeader(err error) string {
	var pe textproto.ProtocolError
	if !errors.As(err, &pe) {
		return ""
	}
	line := string(pe)
	// net/textproto quotes the line: malformed MIME header line: "…".
	if i := strings.IndexByte(line, '"'); i >= 0 {
		if u, err := strconv.Unquote(line[i:]); err == nil {
			line = u
		}
	}
	i := strings.Index(strings.ToLower(line), "filename")
	if i < 0 {
		return ""
	}
	v := line[i+len("filename"):]
	if _, after, ok := strings.Cut(v, "="); ok {
		v = after
	}
	if q, ok := strings.CutPrefix(v, `"`); ok {
		v, _, _ = strings.Cut(q, `"`)
	} else {
		if _, after, ok := strings.Cut(v, "''"); ok { // UTF-8 and a language, each closed by a quote
			v = after
		}
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
	}
	return uploadName(v, 0)
}

// busyNow answers a request refused at once: the uploads held fill the
// memory kept for them.
func (s *Server) busyNow(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "10")
	s.refuse(w, r, http.StatusServiceUnavailable, codeBusyNow)
}

// minSendRate is the slowest client, in bytes a second, that a large
// answer waits for (an office's worst link is some ten times faster).
const minSendRate = 16 << 10

// isTimeout reports whether err is a read past the request's deadline.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// refuse answers one problem with the request.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, code msg.Code, args ...any) {
	s.logf("%s %s: %d %s", r.Method, r.URL.Path, status, code)
	s.send(w, r, s.refusal(status, code, args...))
}

// fail answers an internal error without its details, which go to the log.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	s.send(w, r, s.refusal(http.StatusInternalServerError, codeInternal))
}

func (s *Server) send(w http.ResponseWriter, r *http.Request, a answer) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	size := int64(len(a.body))
	if a.spooled != nil {
		size = a.spooled.size()
	}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "no-store")
	if a.name != "" {
		h.Set("Content-Disposition", contentDisposition(a.name))
	}
	if len(a.skipped) > 0 {
		list := make([]string, len(a.skipped))
		for i, n := range a.skipped {
			list[i] = strconv.Itoa(n)
		}
		h.Set("X-Jixiao-Skipped", strings.Join(list, ","))
	}
	w.WriteHeader(a.status)
	if r.Method == http.MethodHead {
		return
	}
	if a.spooled != nil {
		// The server's write timeout counts from the request's start and
		// would cut a large answer to a slow client short after its 200:
		// the body gets time of its own, the time limit and a second for
		// each minSendRate bytes (a recorder in tests cannot, and need
		// not, take a deadline).
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.Timeout + time.Duration(size/minSendRate+1)*time.Second))
		// An error is the client's going away, or a file of the system's
		// folder for temporary files failing to be read back: the
		// status is sent, and the body cut short of its Content-Length
		// tells the client.
		if err := a.spooled.sendTo(w); err != nil {
			s.logf("%s %s: sending the answer: %v", r.Method, r.URL.Path, err)
		}
		return
	}
	w.Write(a.body)
}

// contentDisposition names a download: an ASCII name for old clients and
// the real one (Chinese, mostly) in RFC 5987 form.
func contentDisposition(name string) string {
	keep := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x20 || r >= 0x7f || strings.ContainsRune(`"\;%`, r) {
				return -1
			}
			return r
		}, s)
	}
	base, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, ext = name[:i], name[i:]
	}
	ascii := keep(base)
	if strings.Trim(ascii, "._- ") == "" {
		ascii = "jixiao"
	}
	return fmt.Sprintf(`attachment; filename="%s%s"; filename*=UTF-8''%s`, ascii, keep(ext), attrEscape(name))
}

// zipName names a ZIP of a year's forms: 2024年绩效目标表.zip of PDFs,
// 2024年绩效目标表（OFD）.zip of OFDs, so that the one saved after the other
// does not take its name (review 7, item 12). Chinese in either language
// of the page, as the forms' own names and the binder's are.
func zipName(year int, backend pipeline.Backend) string {
	if backend.Ext() == ".ofd" {
		return yearName(year, "（OFD）.zip")
	}
	return yearName(year, ".zip")
}

// attrEscape percent-encodes s as an RFC 8187 value: every byte but
// letters, digits and !#$&+-.^_`|~.
func attrEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// ---- the forms of a request ----

// batch is what a request's files hold: the inputs that decode, every form
// numbered across them in upload order, and every problem found.
type batch struct {
	inputs []pipeline.Input
	forms  []formEntry
	// problems are those of no one form: a file that does not decode or
	// cannot be read, a problem of a book as a whole.
	problems []model.Problem
	unread   int // files that do not decode
}

// formEntry is one form of a batch.
type formEntry struct {
	input    int // index into inputs
	index    int // index into the input's Book.Forms
	problems []model.Problem
}

func (e *formEntry) hasErrors() bool { return hasErrors(e.problems) }

func hasErrors(ps []model.Problem) bool {
	for _, p := range ps {
		if p.Severity == model.Error {
			return true
		}
	}
	return false
}

// load reads and validates every file of a request (pipeline.Read): the
// files that do not decode become problems of the batch, the problems of
// the others go with their forms, warnings as errors with Job.Strict. The
// inputs keep their problems so (pipeline.Input.Problems, the forms'
// with those the files show together), as pipeline.Load keeps them:
// pipeline.Plan leaves out the forms with errors by them (Job.SkipErrors).
func (s *Server) load(ctx context.Context, ups []upload, job *pipeline.Job) (*batch, error) {
	b := &batch{}
	for _, u := range ups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// Read where it is, in its blocks (one of a sized upload, several
		// of a chunked one), counted in the upload memory: never copied.
		data := u.Data
		if data == nil {
			// Never a nil Data: pipeline.Source reads the file named Name
			// then, and the name is the client's.
			data = [][]byte{{}}
		}
		in, err := pipeline.Read(pipeline.Source{Name: u.Name, Data: data})
		if err != nil {
			ps, ok := s.userProblems(err, u.Name)
			if !ok {
				return nil, err
			}
			b.problems = append(b.problems, ps...)
			b.unread++
			continue
		}
		if job.Strict {
			in.Problems = pipeline.Strict(in.Problems)
		}
		k := len(b.inputs)
		b.inputs = append(b.inputs, in)
		first := len(b.forms)
		for i := range in.Book.Forms {
			b.forms = append(b.forms, formEntry{input: k, index: i})
		}
		for _, p := range in.Problems {
			if i, ok := model.FormIndex(p.Path); ok && i < len(in.Book.Forms) {
				b.forms[first+i].problems = append(b.forms[first+i].problems, p)
			} else {
				b.problems = append(b.problems, p)
			}
		}
	}
	// What the files show together, told as the command line tells it: a
	// project given twice, a form of another year than the binder's (the
	// first file's) (issue 19, items 5, 6).
	first := make([]int, len(b.inputs))
	for k := 1; k < len(b.inputs); k++ {
		first[k] = first[k-1] + len(b.inputs[k-1].Book.Forms)
	}
	for _, across := range [][][]model.Problem{pipeline.Duplicates(b.inputs), pipeline.YearStrays(b.inputs)} {
		for k, ps := range across {
			for _, p := range ps {
				if job.Strict {
					p.Severity = model.Error
				}
				if i, ok := model.FormIndex(p.Path); ok && i < len(b.inputs[k].Book.Forms) {
					b.forms[first[k]+i].problems = append(b.forms[first[k]+i].problems, p)
					b.inputs[k].Problems = append(b.inputs[k].Problems, p)
				}
			}
		}
	}
	return b, nil
}

// userProblems returns the problems of the user's input that err stands
// for, with file as their file when they name none; ok is false for an
// internal error.
func (s *Server) userProblems(err error, file string) (ps []model.Problem, ok bool) {
	if des := model.DecodeErrors(err); len(des) > 0 {
		for _, de := range des {
			ps = append(ps, de.Problems...)
		}
	}
	var perr *pipeline.Error
	var mps model.Problems
	var mp model.Problem
	switch {
	case len(ps) > 0:
	case errors.As(err, &mps):
		ps = append(ps, mps...)
	case errors.As(err, &mp):
		ps = append(ps, mp)
	case errors.As(err, &perr) && len(perr.Problems()) > 0:
		ps = append(ps, perr.Problems()...)
	case errors.As(err, &perr):
		// Told as the pipeline tells them (a character no font has), in
		// the server's language: the message is the one argument of
		// codeCannotDraw.
		// The command line's advice (--font-fallback, --allow-missing)
		// means nothing on the page: it is told as the page's own.
		for _, e := range perr.Errs {
			var me *msg.Error
			if errors.As(e, &me) && me.Code == msg.GlyphCannotDraw {
				e = msg.New(msg.ServeGlyphAdvice, me.Args...)
			}
			for _, t := range strings.Split(msg.Describe(s.opt.Lang, e), "\n") {
				ps = append(ps, model.Problem{Severity: model.Error, Code: string(codeCannotDraw), Args: []string{t}})
			}
		}
	default:
		return nil, false
	}
	for i := range ps {
		if ps[i].Loc.File == "" {
			ps[i].Loc.File = file
		}
	}
	return ps, true
}

// blocking returns the problems that keep the forms of a batch from being
// printed: every error of the batch, the server's own (a file that could
// not be read, a problem of a file as a whole: pipeline.Plan sees neither),
// and those of the forms picked (for which Plan leaves them out,
// Job.SkipErrors).
func (b *batch) blocking(picked []int) []model.Problem {
	var out []model.Problem
	for _, p := range b.problems {
		if p.Severity == model.Error {
			out = append(out, p)
		}
	}
	for _, k := range picked {
		for _, p := range b.forms[k].problems {
			if p.Severity == model.Error {
				out = append(out, p)
			}
		}
	}
	return out
}

// webOption reports whether name is a job option (pipeline.OptionNames)
// that a query may give, with "_" for "-": paper=A4, signature=1,
// duplex=1, fit=off, draft=1, watermark=TEXT, strict=1, allow_missing=1,
// date=2025-03-01, group_by=unit, form=N, format=ofd (pdf by default),
// pdfa=2b (1b, 3b), attach_data=1.
func webOption(name string) bool {
	switch name {
	case "paper", "signature", "duplex", "fit", "draft",
		"watermark", "strict", "allow-missing", "date", "group-by", "form",
		"format", "pdfa", "attach-data":
		return true
	}
	return false
}

// pickedForms is the query's forms=1,3-5 (or form=N), the forms a binder
// or ZIP holds: a selection of every form when not given, or the answer
// that refuses a list that does not read. pipeline.Plan refuses a number
// past the forms (pipeline.NoSuchForm).
func (s *Server) pickedForms(c *call) (pipeline.Selection, *answer) {
	key := "forms"
	if !c.query.Has(key) && c.query.Has("form") {
		key = "form" // form=N: that form alone
	}
	if !c.query.Has(key) {
		return pipeline.Selection{All: true}, nil
	}
	v := c.query.Get(key)
	list, ok := pipeline.ParseNumbers(v)
	if !ok {
		// forms= is a list (1,3-5); form= names one form (a list there
		// is refused by job, told as a number wanted).
		code := codeBadFormList
		if key == "form" {
			code = codeBadNumber
		}
		a := s.refusal(http.StatusBadRequest, code, key, v)
		return pipeline.Selection{}, &a
	}
	return pipeline.Selection{Numbers: list}, nil
}

// job is the pipeline's job of a request: the server's fonts, creator,
// dates and page limit (Options.MaxPages: every plan is bounded by it),
// and the options its query gives, read by pipeline.Job.SetFrom,
// the parser of the command line's flags too. A value it refuses is the
// answer.
func (s *Server) job(c *call) (*pipeline.Job, *answer) {
	job := pipeline.NewJob(s.opt.Fonts)
	job.Creator, job.PDFDate, job.MaxPages = s.opt.Creator, s.opt.Date, s.maxPages()
	err := job.SetFrom(func(name string) (string, bool) {
		key := strings.ReplaceAll(name, "-", "_")
		if !webOption(name) || !c.query.Has(key) {
			return "", false
		}
		return c.query.Get(key), true
	})
	if err == nil {
		// A watermark the fonts cannot draw is the query's, for every
		// form alike: refused once, as its parameter, before the files
		// are read (the command line tells it among the forms').
		err = job.CheckWatermark()
	}
	var oe *pipeline.OptionError
	if errors.As(err, &oe) {
		a := s.optionRefusal(oe)
		return nil, &a
	}
	if err != nil { // webOption names an option Job.Set lacks: a bug
		s.logf("internal error: %v", err)
		a := s.refusal(http.StatusInternalServerError, codeInternal)
		return nil, &a
	}
	return job, nil
}

// optionRefusal answers a value of a query's option that the job refused
// (Job.Set, Job.CheckWatermark), naming the parameter as the query gives
// it (allow_missing, not allow-missing). A refusal of a kind several
// options share (OptionError.Want) is told what that kind expects,
// whichever option it is; any other by what its option names (a paper, a
// date, fit, a group, a format, a PDF/A level, a watermark).
func (s *Server) optionRefusal(oe *pipeline.OptionError) answer {
	param := strings.ReplaceAll(oe.Option, "-", "_")
	switch oe.Want {
	case msg.WantBool: // a yes or no
		return s.refusal(http.StatusBadRequest, codeBadSwitch, param, oe.Value)
	case msg.WantFormList: // form=x: one form's number here (a binder's forms= is read by pickedForms)
		return s.refusal(http.StatusBadRequest, codeBadNumber, param, oe.Value)
	case msg.WantFontChars: // characters no font of the server has
		return s.refusal(http.StatusBadRequest, codeBadChars, param,
			msg.Count{N: len(oe.Chars), Unit: msg.UnitCharacter}, charList(oe.Chars))
	}
	switch oe.Option {
	case "date":
		return s.refusal(http.StatusBadRequest, codeBadDate, oe.Value)
	case "fit":
		return s.refusal(http.StatusBadRequest, codeBadFit, oe.Value)
	case "watermark": // a control character
		if len(oe.Chars) > 0 {
			return s.refusal(http.StatusBadRequest, codeBadWatermark, fmt.Sprintf("U+%04X", oe.Chars[0]))
		}
	case "paper":
		return s.refusal(http.StatusBadRequest, codeBadPaper, oe.Value)
	case "group-by":
		return s.refusal(http.StatusBadRequest, codeBadGroup, oe.Value)
	case "format":
		return s.refusal(http.StatusBadRequest, codeBadFormat, oe.Value)
	case "pdfa", "attach-data":
		if oe.With == "format" { // with format=ofd
			return s.refusal(http.StatusBadRequest, codePDFANotOFD)
		}
		// pdfa=4z, or attach_data=1 (beside pdfa=1b).
		return s.refusal(http.StatusBadRequest, codeBadPDFA, param+"="+oe.Value)
	}
	// An option whose refusal the server does not know: a bug.
	s.logf("internal error: no answer for %v", oe)
	return s.refusal(http.StatusInternalServerError, codeInternal)
}

// maxChars is the most characters a refusal names; the number says how
// many there are.
const maxChars = 20

// charList lists characters as the messages of the fonts name them, each
// quoted with its code point ('\ue000' (U+E000)), the first maxChars.
func charList(chars []rune) msg.List {
	var l msg.List
	for k, r := range chars {
		if k == maxChars {
			l.Items = append(l.Items, msg.Raw("…"))
			break
		}
		l.Items = append(l.Items, msg.New(msg.ServeChar, strconv.QuoteRune(r), fmt.Sprintf("U+%04X", r)))
	}
	return l
}

// pick returns the form the job selects (?form=N, counted over all the
// files from 1, as pipeline.Select counts it): its index in the batch, or
// the answer that refuses the request.
func (s *Server) pick(job *pipeline.Job, b *batch) (int, *answer) {
	n := job.Forms.Form
	if !job.Forms.FormGiven || n < 1 {
		a := s.refusal(http.StatusBadRequest, codeBadNumber, "form", strconv.Itoa(n))
		if !job.Forms.FormGiven { // none, or a list (form=1,3) where one is wanted
			a = s.refusal(http.StatusBadRequest, codeBadNumber, "form", job.Forms.FormText)
		}
		return 0, &a
	}
	refs, err := pipeline.Select(b.inputs, job.Forms)
	var ns *pipeline.NoSuchForm
	switch {
	case pipeline.Find(err, &ns):
		a := s.refusal(http.StatusUnprocessableEntity, codeNoSuchForm, ns.Form, ns.Forms)
		return 0, &a
	case err != nil: // no form at all: none of that number
		a := s.refusal(http.StatusUnprocessableEntity, codeNoSuchForm, n, 0)
		return 0, &a
	}
	return refs[0].N - 1, nil
}

// loadForm reads the request's files and picks the form its query names:
// the job, the batch and the form's index in it, or the answer that
// refuses the request.
func (s *Server) loadForm(c *call) (*pipeline.Job, *batch, int, *answer) {
	job, bad := s.job(c)
	if bad != nil {
		return nil, nil, 0, bad
	}
	b, err := s.load(c.ctx, c.uploads, job)
	if err != nil {
		a := s.drawFailure(err, "")
		return nil, nil, 0, &a
	}
	k, bad := s.pick(job, b)
	if bad != nil {
		return nil, nil, 0, bad
	}
	return job, b, k, nil
}

// timeoutSeconds is the time a request may take, in whole seconds as the
// busy message says it, rounded up: 1.5 s is "2", never "1".
func (s *Server) timeoutSeconds() int {
	return int(math.Ceil(s.opt.Timeout.Seconds()))
}

// problemsAnswer is a 422 of the problems that stop the work, after the
// line that says why.
func (s *Server) problemsAnswer(lead msg.Code, args []any, ps []model.Problem) answer {
	body := problemsBody{Problems: []jsonProblem{{Severity: "error", Code: string(lead), Message: text(s.opt.Lang, lead, args...)}}}
	for _, p := range ps {
		body.Problems = append(body.Problems, s.jsonProblem(p))
	}
	return jsonAnswer(http.StatusUnprocessableEntity, body)
}

// drawFailure answers an error of the pipeline: the user's problems as
// 422 (more pages than the server prints at once with its own message),
// anything else as an internal error.
func (s *Server) drawFailure(err error, file string) answer {
	// (A request stopped, its context ended, is answered by stopped, in
	// api, whatever the work returned: its context is the only one.)
	var tm *pipeline.TooManyPages
	if pipeline.Find(err, &tm) {
		if tm.Forms == 1 { // splitting the upload would not help
			return s.refusal(http.StatusUnprocessableEntity, codeFormTooManyPages, tm.Limit)
		}
		return s.refusal(http.StatusUnprocessableEntity, codeTooManyPages, tm.Forms, tm.Limit)
	}
	ps, ok := s.userProblems(err, file)
	if !ok {
		s.logf("internal error: %v", err)
		return s.refusal(http.StatusInternalServerError, codeInternal)
	}
	body := problemsBody{}
	for _, p := range ps {
		body.Problems = append(body.Problems, s.jsonProblem(p))
	}
	return jsonAnswer(http.StatusUnprocessableEntity, body)
}
