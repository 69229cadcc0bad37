package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// newHTTPServer serves s on a port of the loopback until the test ends.
func newHTTPServer(t *testing.T, s *Server) *httptest.Server {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

// stalledClient is a ResponseWriter whose client reads nothing of the
// body until release is closed; with gone set, it has gone away by then.
type stalledClient struct {
	h       http.Header
	status  int
	body    bytes.Buffer
	sending chan struct{} // closed at the first Write: the answer is made
	once    sync.Once
	release chan struct{}
	gone    bool
}

func newStalledClient() *stalledClient {
	return &stalledClient{h: http.Header{}, sending: make(chan struct{}), release: make(chan struct{})}
}

// serveStalled serves r to a client that stops reading once the answer's
// first bytes are sent (gone: and then leaves); it returns once they are,
// with a channel closed when the handler has returned.
func serveStalled(s *Server, r *http.Request, gone bool) (*stalledClient, chan struct{}) {
	c := newStalledClient()
	c.gone = gone
	served := make(chan struct{})
	go func() { s.ServeHTTP(c, r); close(served) }()
	<-c.sending
	return c, served
}

func (c *stalledClient) Header() http.Header { return c.h }
func (c *stalledClient) WriteHeader(status int) {
	if c.status == 0 {
		c.status = status
	}
}

func (c *stalledClient) Write(p []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	c.once.Do(func() { close(c.sending) })
	<-c.release
	if c.gone {
		return 0, errors.New("the client went away")
	}
	return c.body.Write(p)
}

// keepSpoolNames leaves the spools' files in their folder until they are
// closed (spoolUnlink), so that a test sees them, and sets the folder
// for temporary files to a new one, returned.
func keepSpoolNames(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	unlink := spoolUnlink
	spoolUnlink = func(string) error { return errors.New("kept for the test") }
	t.Cleanup(func() { spoolUnlink = unlink })
	return dir
}

// spoolFiles are the names of the spools' files in dir.
func spoolFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "jixiao-serve-*"))
	require.NoError(t, err)
	return names
}

// liveHeap is the heap in use after a collection, in bytes.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC() // and what sync.Pools kept through the first
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// allocated is the bytes allocated on the heap since the program began.
func allocated() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// A made answer waits for a slow client in a temporary file, not in
// memory, and holds nothing of the budget; the file is removed once the
// answer is sent, once the client is gone, and when the answer fails to
// be made (which is then refused, never sent as a 200 cut short).
func TestAnswerWaitsInFile(t *testing.T) {
	dir := keepSpoolNames(t)
	book := readFile(t, exampleBook)
	s := newTestServer(t, Options{})
	require.Equal(t, http.StatusOK, do(s, post(t, "/api/zip", book)).Code) // the fonts' caches filled
	for _, gone := range []bool{false, true} {
		r := post(t, "/api/zip", book)
		r.Host = DefaultAddr
		before := liveHeap()
		c, served := serveStalled(s, r, gone)
		held := liveHeap() - before
		size := c.h.Get("Content-Length")
		t.Logf("a ZIP of %s bytes waits for its client; the heap holds %d bytes more", size, held)
		require.Len(t, spoolFiles(t, dir), 1)
		require.Equal(t, s.opt.UploadMemory, s.memory.available(), "neither the upload nor the answer is held")
		require.Less(t, held, int64(spoolMemory)/2)
		close(c.release)
		<-served
		require.Empty(t, spoolFiles(t, dir), "gone %v", gone)
		require.Zero(t, s.spools.len())
		require.Equal(t, s.opt.UploadMemory, s.memory.available())
		if !gone {
			require.Equal(t, http.StatusOK, c.status)
			require.Equal(t, size, fmt.Sprint(c.body.Len()))
			zr, err := zip.NewReader(bytes.NewReader(c.body.Bytes()), int64(c.body.Len()))
			require.NoError(t, err)
			forms, _ := examplePages(t)
			require.Len(t, zr.File, len(forms))
		}
	}

	// The file cannot be made, or fails while the ZIP is written in it:
	// refused as an internal error (the folder named in the log), no
	// file left behind.
	var logged strings.Builder
	s = newTestServer(t, Options{Log: func(f string, a ...any) { fmt.Fprintf(&logged, f+"\n", a...) }})
	temp := spoolTemp
	defer func() { spoolTemp = temp }()
	for _, makeFile := range []func() (*os.File, error){
		func() (*os.File, error) { return nil, errors.New("no space left on device") },
		func() (*os.File, error) {
			f, err := temp()
			if err == nil {
				f.Close() // every write fails
			}
			return f, err
		},
	} {
		spoolTemp = makeFile
		w := do(s, post(t, "/api/zip", book))
		refusedWith(t, w, http.StatusInternalServerError, codeInternal)
		require.Empty(t, spoolFiles(t, dir))
		require.Zero(t, s.spools.len())
		require.Equal(t, s.opt.UploadMemory, s.memory.available())
	}
	require.Contains(t, logged.String(), "temporary file in "+dir)
}

// A small answer (a form's PDF) waits in memory, held of the budget until
// it is sent; a large JSON answer goes to a file as a ZIP does.
func TestSmallAnswerHeld(t *testing.T) {
	dir := keepSpoolNames(t)
	book := readFile(t, exampleBook)
	s := newTestServer(t, Options{})
	r := post(t, "/api/render?form=1", book)
	r.Host = DefaultAddr
	c, served := serveStalled(s, r, false)
	require.Empty(t, spoolFiles(t, dir))
	held := s.opt.UploadMemory - s.memory.available()
	size := int64(0)
	fmt.Sscan(c.h.Get("Content-Length"), &size)
	require.GreaterOrEqual(t, held, size, "the PDF's blocks are held")
	require.Less(t, held, size+spoolBlock)
	close(c.release)
	<-served
	require.Equal(t, http.StatusOK, c.status)
	require.Equal(t, size, int64(c.body.Len()))
	require.Equal(t, s.opt.UploadMemory, s.memory.available())

	small := spoolMemory
	defer func() { spoolMemory = small }()
	spoolMemory = 1 << 10
	r = post(t, "/api/check", book)
	r.Host = DefaultAddr
	c, served = serveStalled(s, r, false)
	require.Len(t, spoolFiles(t, dir), 1, "a check's JSON larger than spoolMemory")
	close(c.release)
	<-served
	require.Equal(t, http.StatusOK, c.status)
	require.Contains(t, c.body.String(), `"forms":[`)
	require.Empty(t, spoolFiles(t, dir))
}

// An answer made in memory (a check's JSON) is held of the budget while
// it waits for its client, as a spooled one is; when the budget has no
// room left for it, it waits in a temporary file instead.
func TestMemoryAnswerHeld(t *testing.T) {
	dir := keepSpoolNames(t)
	book := readFile(t, exampleBook)
	s := newTestServer(t, Options{})
	r := post(t, "/api/check", book)
	r.Host = DefaultAddr
	c, served := serveStalled(s, r, false)
	require.Empty(t, spoolFiles(t, dir))
	size := int64(0)
	fmt.Sscan(c.h.Get("Content-Length"), &size)
	require.Positive(t, size)
	require.Equal(t, size, s.opt.UploadMemory-s.memory.available(), "the JSON is held, the upload given back")
	close(c.release)
	<-served
	require.Equal(t, http.StatusOK, c.status)
	require.Contains(t, c.body.String(), `"forms":[`)
	require.Equal(t, s.opt.UploadMemory, s.memory.available())

	// With one byte too few left in the budget, the same answer waits in a
	// file, holding nothing; with room for it, in memory, held.
	body := c.body.Bytes()
	other := s.memory.hold()
	defer other.release()
	for _, room := range []int64{int64(len(body)) - 1, int64(len(body))} {
		require.True(t, other.take(s.memory.available()-room))
		hold := s.memory.hold()
		cl := &call{hold: hold, spools: &s.spools}
		a := s.waiting(r, cl, answer{status: http.StatusOK, ctype: "application/json; charset=utf-8", body: body})
		if room < int64(len(body)) {
			require.NotNil(t, a.spooled)
			require.Nil(t, a.body)
			require.Len(t, spoolFiles(t, dir), 1)
			require.Zero(t, hold.held())
		} else {
			require.Nil(t, a.spooled)
			require.Empty(t, spoolFiles(t, dir))
			require.Equal(t, int64(len(body)), hold.held())
			require.Zero(t, s.memory.available())
		}
		w := httptest.NewRecorder()
		s.send(w, r, a)
		require.Equal(t, body, w.Body.Bytes())
		require.Equal(t, fmt.Sprint(len(body)), w.Header().Get("Content-Length"))
		for _, sp := range cl.made {
			sp.close()
		}
		hold.release()
		other.release()
		require.Empty(t, spoolFiles(t, dir))
		require.Equal(t, s.opt.UploadMemory, s.memory.available())
	}
}

// paddedBook is the example book followed by spaces, n bytes in all.
func paddedBook(t *testing.T, n int) file {
	book := readFile(t, exampleBook)
	return file{"padded.json", append(book.data, bytes.Repeat([]byte(" "), n-len(book.data))...)}
}

// An upload is read into memory allocated once, of the request's length
// (not grown by doubling, which allocated five times the file and held
// up to three at a peak); a body of unknown length into blocks: about
// its size in all.
func TestUploadReadOnce(t *testing.T) {
	const size = 8 << 20
	book := paddedBook(t, size)
	for _, chunked := range []bool{false, true} {
		s := newTestServer(t, Options{})
		r := post(t, "/api/check", book)
		if chunked {
			r.Body, r.ContentLength = io.NopCloser(io.MultiReader(r.Body)), -1
		}
		var alloc, live, held int64
		before := liveHeap()
		start := allocated()
		s.uploaded = func() {
			alloc = allocated() - start
			live = liveHeap() - before
			held = s.opt.UploadMemory - s.memory.available()
		}
		w := do(s, r)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		t.Logf("chunked %v: %d bytes uploaded, %d allocated, %d more in the heap, %d held of the budget", chunked, size, alloc, live, held)
		require.Less(t, alloc, int64(size)*5/4)
		require.Less(t, live, int64(size)*9/8)
		require.GreaterOrEqual(t, held, live-64<<10, "what the files hold is counted")
		require.Equal(t, s.opt.UploadMemory, s.memory.available())
	}
}

// A request's length is taken from the budget before it is read: with
// room for one upload, the first request in is served and a second one is
// told at once that the server is busy (both used to take the budget
// piece by piece until it ran dry under them, and both were refused). A
// request longer than --max-upload is refused before it is read.
func TestUploadReserved(t *testing.T) {
	book := readFile(t, exampleBook)
	body, ctype := multipartBody(t, book)
	s := newTestServer(t, Options{MaxUpload: int64(len(body)) + 1000, UploadMemory: int64(len(body)) * 3 / 2})
	srv := newHTTPServer(t, s)
	first := slowPost(t, srv, "/api/check", body, ctype, 100)
	defer first.Close()
	require.Eventually(t, func() bool { return s.memory.available() == s.opt.UploadMemory-int64(len(body)) },
		5*time.Second, 10*time.Millisecond, "the first request's length is held")
	second := slowPost(t, srv, "/api/check", body, ctype, 100)
	defer second.Close()
	require.Equal(t, http.StatusServiceUnavailable, status(t, second, 10*time.Second), "refused before its body is sent")
	_, err := first.Write(body[100:])
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status(t, first, time.Minute))
	require.Eventually(t, func() bool { return s.memory.available() == s.opt.UploadMemory }, 5*time.Second, 10*time.Millisecond)

	over, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer over.Close()
	fmt.Fprintf(over, "POST /api/check HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		srv.Listener.Addr(), ctype, s.opt.MaxUpload+1)
	require.Equal(t, http.StatusRequestEntityTooLarge, status(t, over, 10*time.Second), "refused before its body is sent")
	require.Equal(t, s.opt.UploadMemory, s.memory.available())
}

// At the end of Run, the files of the answers its clients have not read
// (past the time it waits for them) are removed.
func TestShutdownRemovesFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("a ZIP of 100 forms")
	}
	dir := keepSpoolNames(t)
	grace := shutdownGrace
	defer func() { shutdownGrace = grace }()
	shutdownGrace = func(time.Duration) time.Duration { return 200 * time.Millisecond }
	s := newTestServer(t, Options{Addr: "127.0.0.1:0", Timeout: 5 * time.Minute})
	ctx, stop := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	ran := make(chan error, 1)
	go func() { ran <- Run(ctx, s, func(a string) { addr <- a }) }()
	at := <-addr
	body, ctype := multipartBody(t, bigBook(t, 100)) // a ZIP of 8 MB, more than the sockets take
	conn, err := net.Dial("tcp", at)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.(*net.TCPConn).SetReadBuffer(4<<10))
	fmt.Fprintf(conn, "POST /api/zip HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", at, ctype, len(body))
	_, err = conn.Write(body)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return s.spools.len() == 1 && len(s.gate) == 0 }, 2*time.Minute, 10*time.Millisecond,
		"the ZIP is made and waits for its client")
	require.Len(t, spoolFiles(t, dir), 1)
	stop()
	require.Error(t, <-ran, "the client did not read its answer within the grace")
	require.Empty(t, spoolFiles(t, dir))
	require.Zero(t, s.spools.len())
}

// The server's shutdown removes the spools' files in whichever order it
// comes with a handler still working: a file made before it is removed
// at once, and none is made after it, so that nothing waits for the
// handler's end (where an open file cannot be removed, as on Windows,
// which keepSpoolNames plays).
func TestShutdownSpoolOrders(t *testing.T) {
	dir := keepSpoolNames(t)
	large := bytes.Repeat([]byte("x"), spoolMemory+1)
	b := newBudget(1 << 30)
	for _, order := range []string{"file, shutdown", "spool, shutdown, file", "shutdown, spool, file"} {
		var set spoolSet
		hold := b.hold()
		var sp *spool
		if order != "shutdown, spool, file" {
			sp = newSpool(hold, &set)
		}
		if order == "file, shutdown" {
			_, err := sp.Write(large)
			require.NoError(t, err)
			require.NoError(t, sp.done())
			require.Len(t, spoolFiles(t, dir), 1)
		}
		set.closeAll()
		require.Empty(t, spoolFiles(t, dir), order)
		if sp == nil {
			sp = newSpool(hold, &set)
		}
		_, err := sp.Write(large)
		require.ErrorIs(t, err, os.ErrClosed, order)
		require.Empty(t, spoolFiles(t, dir), order)
		require.Zero(t, set.len())
		sp.close() // the handler's own, at its end
		hold.release()
	}

	// A request whose work begins after the shutdown has closed the
	// spools makes no file at all, and is answered as failed.
	made := 0
	temp := spoolTemp
	defer func() { spoolTemp = temp }()
	spoolTemp = func() (*os.File, error) { made++; return temp() }
	s := newTestServer(t, Options{})
	s.uploaded = s.spools.closeAll
	w := do(s, post(t, "/api/zip", readFile(t, exampleBook)))
	refusedWith(t, w, http.StatusInternalServerError, codeInternal)
	require.Zero(t, made)
	require.Equal(t, s.opt.UploadMemory, s.memory.available())
}
