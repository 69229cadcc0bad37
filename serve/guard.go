package serve

// The server's defences, each a small piece the handlers are wrapped in:
// the Host header (no DNS rebinding), the Origin of every POST, the size of
// an upload, the number of renders at once, and a time limit per request.

import (
	"bytes"
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

	"jixiao/pipeline"
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
	Name string   // the client's file name, for messages only, never a path
	Data [][]byte // its bytes, in one block or more, read where they are (pipeline.Source.Data)
}

// errTooLarge is returned when a request's body is over the limit.
var errTooLarge = errors.New("upload too large")

// errNoFiles is returned when a request carries no file field.
var errNoFiles = errors.New("no files")

// errTooManyFiles is returned when a request carries more than maxFiles.
var errTooManyFiles = errors.New("too many files")

// errBusyNow is returned when the uploads held would pass the memory budget.
var errBusyNow = errors.New("upload memory full")

// readUploads reads every part named "file" of a multipart/form-data body
// of at most max bytes into memory held of hold's budget, and counts
// there what it holds. A body of a known length (Content-Length: every
// browser's, curl's) is refused before any of it is read when it is over
// max (errTooLarge) or when the budget cannot hold it (errBusyNow): the
// requests that came first are served, and a later one is told at once
// rather than when the budget has run dry under all of them. Its length
// is taken from the budget in full and its files are read into one buffer
// of that size, one after the other: every file is shorter than the body
// (which is read no further than its length), so none is ever copied to
// grow. A body of unknown length (chunked)
// is read into blocks that double up to chunkedBlock, each taken from the
// budget as it is made; a file is read in its blocks, where they are
// (pipeline.Source.Data), never joined into a copy the budget would not
// count.
func readUploads(w http.ResponseWriter, r *http.Request, max int64, hold *holding) ([]upload, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, errNoFiles
	}
	st := &uploadStore{hold: hold}
	limit := max
	if n := r.ContentLength; n >= 0 {
		if n > max {
			return nil, errTooLarge
		}
		if !hold.take(n) {
			return nil, errBusyNow
		}
		st.buf = make([]byte, 0, n)
		st.sized = true
		// net/http ends the body at its length already; a handler
		// called with a body longer than it says (by a test, or a
		// program of its own) is refused as too large, never read past
		// the buffer.
		limit = n
	}
	mr := multipart.NewReader(http.MaxBytesReader(w, r.Body, limit), params["boundary"])
	var out []upload
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, uploadError(err)
		}
		if p.FormName() != "file" {
			p.Close()
			continue
		}
		data, err := st.read(p)
		p.Close()
		if err != nil {
			return nil, uploadError(err)
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

// uploadError is the error of readUploads for an error of reading.
func uploadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge
	}
	return err
}

// chunkedBlock is the largest block a file of a body of unknown length is
// read into.
const chunkedBlock = 1 << 20

// uploadStore holds the files of one request as they are read.
type uploadStore struct {
	hold  *holding
	sized bool   // the body's length is known: buf holds every file
	buf   []byte // of the body's length, taken from hold in full
}

// read reads the part p whole.
func (st *uploadStore) read(p io.Reader) ([][]byte, error) {
	if st.sized {
		// The part ends (io.EOF) before buf is full: it is a piece of a
		// body read no further than buf's size, with a boundary before
		// it. The bound only keeps a bug from spinning on a full buf.
		start := len(st.buf)
		for len(st.buf) < cap(st.buf) {
			n, err := p.Read(st.buf[len(st.buf):cap(st.buf)])
			st.buf = st.buf[:len(st.buf)+n]
			if err == io.EOF {
				return [][]byte{st.buf[start:len(st.buf):len(st.buf)]}, nil
			}
			if err != nil {
				return nil, err
			}
		}
		return nil, errTooLarge
	}
	var blocks [][]byte
	size, taken, read := 0, int64(0), int64(0)
	for {
		size = min(max(2*size, 4<<10), chunkedBlock)
		if !st.hold.take(int64(size)) {
			return nil, errBusyNow
		}
		taken += int64(size)
		b := make([]byte, size)
		n, err := io.ReadFull(p, b)
		if n > 0 {
			blocks = append(blocks, b[:n:n])
			read += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(blocks) == 0 {
		// An empty file is content too, none: never "no content given",
		// which pipeline.Source would read as a file of the server's
		// named as the client named its file.
		return [][]byte{{}}, nil
	}
	if len(blocks) < 2 || !pipeline.NeedsOneSlice(blocks[0]) {
		return blocks, nil // read where the blocks are
	}
	// A PDF is read from one slice: joined here and counted once, its
	// blocks given back first, so that a PDF the budget holds once is
	// never refused for holding it twice while it is joined (the blocks
	// are dropped as soon as it is).
	st.hold.give(taken)
	if !st.hold.take(read) {
		return nil, errBusyNow
	}
	return [][]byte{bytes.Join(blocks, nil)}, nil
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

// budget is the memory the uploads of all requests may hold together,
// and the answers waiting for their clients in memory: a request takes
// what it allocates for its files (readUploads) before it reads them, and
// gives it back once its work is done; the memory of its answer (spool)
// from then until it is sent. Past the budget a request is refused at
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

// give gives back n of the bytes held (at most those held).
func (h *holding) give(n int64) {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	n = min(n, h.n)
	h.b.free += n
	h.n -= n
}

// held is the number of bytes held.
func (h *holding) held() int64 {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	return h.n
}

// release gives back every byte held.
func (h *holding) release() {
	h.b.mu.Lock()
	defer h.b.mu.Unlock()
	h.b.free += h.n
	h.n = 0
}
