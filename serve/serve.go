// Package serve is jixiao's web page and the HTTP API under it (jixiao
// serve): a finance clerk drops a workbook in, sees what needs fixing, looks
// at the pages and downloads the PDFs. Every action of the page is one API
// call that another office system can make too.
//
// The handlers keep requests, responses and status codes; reading, checking,
// laying out and drawing are package pipeline's, as for the command line.
// Nothing uploaded is written to disk or kept after its response is sent;
// a large answer waits for its client in a temporary file (spool).
package serve

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"jixiao/fonts"
	"jixiao/msg"
)

//go:embed web
var webFS embed.FS

// Defaults of Options.
const (
	DefaultAddr      = "127.0.0.1:8080"
	DefaultMaxUpload = 64 << 20 // bytes a request may carry
	DefaultTimeout   = 2 * time.Minute
	maxFiles         = 1000 // files a request may carry
)

// Options configure a Server. The zero value of each field means its
// default.
type Options struct {
	// Addr is the address to listen on (host:port); DefaultAddr when empty.
	// Only a loopback address is reachable from this computer alone.
	Addr string
	// Hosts are the names, besides the IP addresses, localhost and this
	// computer's own name, by which browsers may reach the server (the Host
	// header is checked against them: no DNS rebinding).
	Hosts []string
	// MaxUpload is the most bytes one request may carry; DefaultMaxUpload
	// when 0.
	MaxUpload int64
	// UploadMemory is the most bytes the uploads of all requests may hold
	// together, being read or waiting their turn; 4 × MaxUpload when 0,
	// whatever the number of cores. A request that would pass it is told at
	// once that the server is busy.
	UploadMemory int64
	// Timeout is the time limit of a request: waiting for its turn and
	// working; DefaultTimeout when 0.
	Timeout time.Duration
	// MaxPages is the most pages one request may check or print (a
	// binder's forms, the forms of a check or a ZIP, a form alone; more
	// are refused with a problem; pipeline.Job.MaxPages);
	// binder.UploadMaxPages when 0.
	MaxPages int
	// Renders is the number of requests worked on at once (the others
	// wait in a queue); runtime.GOMAXPROCS(0) when 0.
	Renders int
	// Fonts draw the forms; the embedded defaults when nil.
	Fonts *fonts.Set
	// Creator is written as the PDF Creator, e.g. "jixiao 0.1.0".
	Creator string
	// Date returns the date written into the PDFs of a year's forms; nil
	// means SOURCE_DATE_EPOCH, else a date fixed by the year (as the
	// command).
	Date func(year int) (time.Time, error)
	// Lang is the language of the page and of its messages: msg.Chinese
	// for the clerks (jixiao serve gives English only when asked).
	Lang msg.Lang
	// Log receives one line per refused or failed request (nil: none).
	Log func(format string, args ...any)
}

// Server is the page and its API, an http.Handler.
type Server struct {
	opt      Options
	loopback bool
	gate     gate     // the requests working, at most Renders
	memory   *budget  // the bytes of the uploads held: read, waiting or working; and of answers in memory
	spools   spoolSet // the answers made and not yet sent
	// uploaded, if not nil, is called once a request's files are read
	// (for tests).
	uploaded func()
	page     *template.Template
	static   http.Handler
	mux      *http.ServeMux
}

// New returns the server of opt.
func New(opt Options) (*Server, error) {
	if opt.Addr == "" {
		opt.Addr = DefaultAddr
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.UploadMemory <= 0 {
		opt.UploadMemory = 4 * opt.MaxUpload
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Renders <= 0 {
		opt.Renders = runtime.GOMAXPROCS(0)
	}
	if opt.Fonts == nil {
		set, err := fonts.DefaultSet()
		if err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
		opt.Fonts = set
	}
	host, _, err := net.SplitHostPort(opt.Addr)
	if err != nil {
		return nil, fmt.Errorf("serve: address %q: %w", opt.Addr, err)
	}
	s := &Server{opt: opt, loopback: isLoopback(host), gate: newGate(opt.Renders), memory: newBudget(opt.UploadMemory), mux: http.NewServeMux()}
	if !s.loopback {
		// The names a browser on another computer may use: this one's.
		if name, err := os.Hostname(); err == nil && name != "" {
			s.opt.Hosts = append(s.opt.Hosts, name)
			if short, _, ok := strings.Cut(name, "."); ok {
				s.opt.Hosts = append(s.opt.Hosts, short)
			}
		}
	}
	if s.page, err = pageTemplate(opt.Lang); err != nil {
		return nil, err
	}
	static, err := fs.Sub(webFS, "web")
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(static))
	s.routes()
	return s, nil
}

// isLoopback reports whether a listening host is reachable from this
// computer only.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /static/{file}", s.file)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /api/template", s.template)
	s.mux.HandleFunc("POST /api/check", s.api(s.check))
	s.mux.HandleFunc("POST /api/render", s.api(s.render))
	s.mux.HandleFunc("POST /api/zip", s.api(s.zip))
	s.mux.HandleFunc("POST /api/binder", s.api(s.binder))
	s.mux.HandleFunc("POST /api/preview", s.api(s.preview))
}

// ServeHTTP checks the Host header of every request, then serves it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Every answer, a refusal too (403 for a foreign Host, 404, 405).
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	if !hostAllowed(r.Host, s.loopback, s.opt.Hosts) {
		s.refuse(w, r, http.StatusForbidden, codeBadHost, r.Host)
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		// Not found, or a method the path does not take: in words, not
		// the mux's English line.
		if s.pathKnown(r) {
			s.refuse(w, r, http.StatusMethodNotAllowed, codeBadMethod, r.Method)
			return
		}
		s.refuse(w, r, http.StatusNotFound, codeNotFound, r.URL.Path)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// pathKnown reports whether some method serves r's path.
func (s *Server) pathKnown(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		rr := r.Clone(r.Context())
		rr.Method = m
		if _, p := s.mux.Handler(rr); p != "" {
			return true
		}
	}
	return false
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("file") {
	case "app.js", "style.css":
	default:
		s.refuse(w, r, http.StatusNotFound, codeNotFound, r.URL.Path)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	s.static.ServeHTTP(w, r)
}

func (s *Server) logf(format string, args ...any) {
	if s.opt.Log != nil {
		s.opt.Log(format, args...)
	}
}

// Run serves on opt.Addr until ctx ends (Ctrl-C), then stops taking
// requests and waits up to the request time limit for those in progress
// (downloads included) before it returns. ready, if not nil, is called
// with the address once the server listens (the port chosen when Addr
// asks for port 0).
func Run(ctx context.Context, s *Server, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.opt.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opt.Timeout,
		// Reading the upload, waiting and working, then sending.
		WriteTimeout: 2*s.opt.Timeout + time.Minute,
		IdleTimeout:  time.Minute,
		BaseContext:  func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace(s.opt.Timeout))
	defer cancel()
	err = srv.Shutdown(grace)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	if err != nil {
		// Past the grace: the downloads still going are cut, and the
		// temporary files of their answers removed, whether or not their
		// handlers have ended by the time the program does.
		srv.Close()
		s.spools.closeAll()
	}
	return err
}

// shutdownGrace is how long Run waits at its end for the requests in
// progress, of the time limit of one: that limit and ten seconds. A
// variable, for tests.
var shutdownGrace = func(timeout time.Duration) time.Duration { return timeout + 10*time.Second }
