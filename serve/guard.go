package serve

// The server's defences, each a small piece the handlers are wrapped in:
// the Host header (no DNS rebinding), the Origin of every POST, the size of
// an upload, the number of renders at once, and a time limit per request.

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// hostAllowed reports whether a request's Host header names this server.
// A page of another site whose name was made to resolve to this server's
// address (DNS rebinding) sends that name as its Host, and is refused. On a
// loopback address only loopback names are accepted. On any other address
// an IP address (which a browser sends only when the user typed it), the
// names of this computer and the names given (--host) are accepted.
func hostAllowed(host string, loopback bool, names []string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	if loopback {
		return ip != nil && ip.IsLoopback()
	}
	if ip != nil {
		return true
	}
	for _, n := range names {
		if h != "" && strings.EqualFold(h, n) {
			return true
		}
	}
	return false
}

// originAllowed reports whether a POST may be served: a browser sends the
// page's origin, which must be this server's own (same scheme-less host);
// a request without Origin (curl, another office system) is not a
// browser's cross-site request and is allowed.
func originAllowed(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	if o == "null" {
		return false
	}
	rest, ok := strings.CutPrefix(o, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(o, "https://")
	}
	return ok && strings.EqualFold(rest, r.Host)
}

// upload is one file of a request, held in memory: nothing uploaded is
// written to disk, and nothing outlives the response.
type upload struct {
	Name string // the client's file name, for messages only, never a path
	Data []byte
}

// errTooLarge is returned when a request's body is over the limit.
var errTooLarge = errors.New("upload too large")

// errNoFiles is returned when a request carries no file field.
var errNoFiles = errors.New("no files")

// errTooManyFiles is returned when a request carries more than maxFiles.
var errTooManyFiles = errors.New("too many files")

// errBusyNow is returned when the uploads held would pass the memory budget.
var errBusyNow = errors.New("upload memory full")

// readUploads reads every part named "file" of a multipart/form-data body,
// at most max bytes in all, each byte read taken from hold's budget.
func readUploads(w http.ResponseWriter, r *http.Request, max int64, hold *holding) ([]upload, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, errNoFiles
	}
	body := &heldReader{r: http.MaxBytesReader(w, r.Body, max), hold: hold}
	mr := multipart.NewReader(body, params["boundary"])
	var out []upload
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe):
				return nil, errTooLarge
			case errors.Is(err, errBusyNow):
				return nil, errBusyNow
			}
			return nil, err
		}
		if p.FormName() != "file" {
			p.Close()
			continue
		}
		data, err := io.ReadAll(p)
		p.Close()
		if err != nil {
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe):
				return nil, errTooLarge
			case errors.Is(err, errBusyNow):
				return nil, errBusyNow
			}
			return nil, err
		}
		if len(out) == maxFiles {
			return nil, errTooManyFiles
		}
		out = append(out, upload{Name: uploadName(p.FileName(), len(out)), Data: data})
	}
	if len(out) == 0 {
		return nil, errNoFiles
	}
	return out, nil
}

// uploadName is the name of an upload for messages (and for its
// extension, which tells its format): the last element of what the client
// sent, under whichever system's separators, at most 200 bytes. It is never
// used as a path.
func uploadName(name string, k int) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if len(name) > 200 {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i >= 0 && len(name)-i <= 10 {
			ext = name[i:]
		}
		name = strings.ToValidUTF8(name[:200-len(ext)], "") + ext
	}
	if name == "" || name == "." || name == ".." {
		name = "file-" + strconv.Itoa(k+1)
	}
	return name
}

// gate bounds the renders running at once; a request waits its turn (a
// queue, not a refusal) until its own time limit runs out.
type gate chan struct{}

func newGate(n int) gate { return make(gate, n) }

// enter waits for a free slot; it fails when ctx ends first.
func (g gate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g gate) leave() { <-g }

// budget is the memory the uploads of all requests may hold together: a
// request takes the bytes it reads (about: a reader's buffer more) and
// gives them back once answered. Past the budget a request is refused at
// once (busy now) rather than queued: what it would wait for is memory.
type budget struct {
	mu   sync.Mutex
	free int64
}

func newBudget(n int64) *budget { return &budget{free: n} }

// holding is what one request holds of a budget.
type holding struct {
	b *budget
	n int64
}

func (b *budget) hold() *holding { return &holding{b: b} }

// available is the number of bytes not held.
func (b *budget) available() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.free
}

// take takes n more bytes, or fails leaving the budget as it was.
func (h *holding) take(n int64) bool {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	if n > h.b.free {
		return false
	}
	h.b.free -= n
	h.n += n
	return true
}

// release gives back every byte held.
func (h *holding) release() {
	h.b.mu.Lock()
	h.b.free += h.n
	h.b.mu.Unlock()
	h.n = 0
}

// heldReader takes from a holding every byte it reads.
type heldReader struct {
	r    io.Reader
	hold *holding
}

func (r *heldReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 && !r.hold.take(int64(n)) {
		return 0, errBusyNow
	}
	return n, err
}
