package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/msg"
)

// multipartBody is a request body carrying f as the field "file".
func multipartBody(t testing.TB, f file) (body []byte, ctype string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, err := mw.CreateFormFile("file", f.name)
	require.NoError(t, err)
	w.Write(f.data)
	require.NoError(t, mw.Close())
	return b.Bytes(), mw.FormDataContentType()
}

// slowPost opens a connection to srv and sends a POST of body to path,
// its headers and the first sent bytes of the body; the rest is for the
// caller to send (or not).
func slowPost(t testing.TB, srv *httptest.Server, path string, body []byte, ctype string, sent int) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		path, srv.Listener.Addr(), ctype, len(body))
	_, err = conn.Write(body[:sent])
	require.NoError(t, err)
	return conn
}

// status reads the status code of the answer on conn, within d.
func status(t testing.TB, conn net.Conn, d time.Duration) int {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(d))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// Slow uploads (a byte now and then) take no render slot and no place
// that others wait for: with forty of them being sent, a request is
// served at once; a slow upload is answered 408 at its time limit, which
// it is told it took.
func TestSlowUploads(t *testing.T) {
	s := newTestServer(t, Options{Renders: 1, Timeout: time.Minute})
	srv := httptest.NewServer(s)
	defer srv.Close()
	book := readFile(t, exampleBook)
	body, ctype := multipartBody(t, book)
	var slow []net.Conn
	for range 40 {
		slow = append(slow, slowPost(t, srv, "/api/check", body, ctype, 1))
	}
	resp, err := http.Post(srv.URL+"/api/check", ctype, bytes.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, c := range slow {
		c.Close()
	}

	s = newTestServer(t, Options{Renders: 1, Timeout: 500 * time.Millisecond})
	srv2 := httptest.NewServer(s)
	defer srv2.Close()
	conn := slowPost(t, srv2, "/api/check", body, ctype, 10)
	defer conn.Close()
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	var got strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&got)
	resp.Body.Close()
	require.Less(t, time.Since(start), 5*time.Second)
	require.Equal(t, s.opt.UploadMemory, s.memory.available())
	// Told as what it is, the upload too slow for the time limit, not a
	// busy server: no Retry-After inviting the same failure.
	require.Equal(t, http.StatusRequestTimeout, resp.StatusCode, got.String())
	require.Contains(t, got.String(), string(codeUploadSlow))
	require.Contains(t, got.String(), "文件未能在 1 秒的时限内上传完")
	require.Empty(t, resp.Header.Get("Retry-After"))
	require.Contains(t, text(msg.English, codeUploadSlow, 8), "did not arrive within the time limit of 8 seconds")
}

// The uploads held together are bounded by UploadMemory, whatever the
// number of cores: past it a request is refused at once, saying the server
// is busy now; once the others are answered it is served.
func TestUploadMemory(t *testing.T) {
	book := readFile(t, exampleBook)
	body, ctype := multipartBody(t, book)
	s := newTestServer(t, Options{MaxUpload: int64(len(body)) + 1000, UploadMemory: int64(len(body)) + 2000})
	srv := httptest.NewServer(s)
	defer srv.Close()
	conn := slowPost(t, srv, "/api/check", body, ctype, len(body)-100) // most of it held
	defer conn.Close()
	require.Eventually(t, func() bool { return s.memory.available() < 3000 }, 5*time.Second, 10*time.Millisecond)
	resp, err := http.Post(srv.URL+"/api/check", ctype, bytes.NewReader(body))
	require.NoError(t, err)
	var got strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&got)
	resp.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	require.Contains(t, got.String(), string(codeBusyNow))
	require.Contains(t, got.String(), "服务器此刻正忙")

	_, err = conn.Write(body[len(body)-100:]) // the first upload ends: answered, its memory given back
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status(t, conn, time.Minute))
	resp, err = http.Post(srv.URL+"/api/check", ctype, bytes.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// A client that goes away stops its work within a page (or a file being
// read): over a real connection, the render slot of a binder of 3,000
// forms in 30 files (some seconds of work) is free soon after the client
// hangs up.
func TestClientGoneStopsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("a binder of 3,000 forms")
	}
	s := newTestServer(t, Options{Renders: 1, Timeout: 10 * time.Minute})
	srv := httptest.NewServer(s)
	defer srv.Close()
	one := bigBook(t, 100)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k := range 30 {
		w, err := mw.CreateFormFile("file", fmt.Sprintf("book%d.json", k+1))
		require.NoError(t, err)
		w.Write(one.data)
	}
	require.NoError(t, mw.Close())
	body, ctype := b.Bytes(), mw.FormDataContentType()
	conn := slowPost(t, srv, "/api/binder", body, ctype, len(body))
	require.Eventually(t, func() bool { return len(s.gate) == 1 }, 30*time.Second, 10*time.Millisecond, "the work starts")
	time.Sleep(500 * time.Millisecond)
	conn.Close()
	gone := time.Now()
	require.Eventually(t, func() bool { return len(s.gate) == 0 }, 30*time.Second, 10*time.Millisecond)
	t.Logf("work stopped %v after the client went away", time.Since(gone))
	require.Less(t, time.Since(gone), 3*time.Second)
}
