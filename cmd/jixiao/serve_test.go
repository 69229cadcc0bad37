package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// TestServeUsage: what jixiao serve refuses before it listens.
func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--addr", "no-port"},
		{"serve", "book.json"},
		{"serve", "--max-upload", "0"},
		{"serve", "--timeout", "-1s"},
		{"serve", "--upload-memory", "1"}, // below one upload of 64 MB
		{"serve", "--font-body", "/nonexistent/font.ttf"},
	} {
		code, _, stderr := runCmd(args...)
		require.Equal(t, 2, code, "%v: %s", args, stderr)
		require.NotEmpty(t, stderr, args)
	}
	// Too little memory for one upload says what it must be.
	code, _, stderr := runCmd("serve", "--upload-memory", "10", "--max-upload", "20")
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "--upload-memory 10: must be at least --max-upload (20 MB)")
	require.Equal(t, "127.0.0.1:8080", browserAddr("0.0.0.0:8080"))
	require.Equal(t, "127.0.0.1:8080", browserAddr("[::]:8080"))
	require.Equal(t, "192.168.1.5:80", browserAddr("192.168.1.5:80"))
}

// jixiao serve at Ctrl-C: the download in progress is finished and the
// server ends with status 0; at a second Ctrl-C it ends at once (130).
// The test runs itself as a child that serves.
func TestServeSignals(t *testing.T) {
	if os.Getenv("JIXIAO_SERVE_CHILD") != "" {
		in := catchSignals()
		os.Exit(in.exit(runSignals(in, []string{"serve", "--addr", "127.0.0.1:0", "--lang", "en"}, os.Stdin, os.Stdout, os.Stderr)))
	}
	if testing.Short() {
		t.Skip("serves a binder of 1000 forms")
	}
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	forms := b.Forms
	b.Forms = nil
	for i := 0; len(b.Forms) < 1000; i++ {
		f := forms[i%len(forms)]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i/len(forms)+1)
		b.Forms = append(b.Forms, f)
	}
	var book bytes.Buffer
	require.NoError(t, model.EncodeJSON(&book, b))
	for _, twice := range []bool{false, true} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeSignals$")
		cmd.Env = append(os.Environ(), "JIXIAO_SERVE_CHILD=1")
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = cmd.Stdout
		require.NoError(t, cmd.Start())
		lines := bufio.NewScanner(stdout)
		url := ""
		for url == "" && lines.Scan() {
			if i := strings.Index(lines.Text(), "http://"); i >= 0 {
				url = strings.Fields(lines.Text()[i:])[0]
			}
		}
		require.NotEmpty(t, url, "the server's address")
		go func() { // the rest of its output
			for lines.Scan() {
			}
		}()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		w, _ := mw.CreateFormFile("file", "big.json")
		w.Write(book.Bytes())
		mw.Close()
		type reply struct {
			status int
			pdf    []byte
			err    error
		}
		replied := make(chan reply, 1)
		// The upload (5 MB, more than the sockets buffer) is all sent only
		// once the server is reading it: from then on the request is in
		// progress, whatever the machine's load.
		sent := make(chan struct{})
		go func() {
			resp, err := http.Post(url+"api/binder", mw.FormDataContentType(), &eofReader{r: &body, eof: sent})
			if err != nil {
				replied <- reply{err: err}
				return
			}
			defer resp.Body.Close()
			pdf, err := io.ReadAll(resp.Body)
			replied <- reply{resp.StatusCode, pdf, err}
		}()
		<-sent
		time.Sleep(50 * time.Millisecond) // the binder is being made
		require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		if twice {
			time.Sleep(100 * time.Millisecond)
			require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		}
		err = cmd.Wait()
		r := <-replied
		if twice {
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee)
			require.Equal(t, 130, ee.ExitCode())
			require.True(t, r.err != nil || r.status != http.StatusOK, "the download ended with the server")
			continue
		}
		require.NoError(t, err, "the server's exit status")
		require.NoError(t, r.err)
		require.Equal(t, http.StatusOK, r.status, string(r.pdf))
		require.True(t, bytes.HasPrefix(r.pdf, []byte("%PDF-")) && bytes.Contains(r.pdf[len(r.pdf)-32:], []byte("%%EOF")))
	}
}

// eofReader closes eof when r is read to its end.
type eofReader struct {
	r    io.Reader
	eof  chan struct{}
	once bool
}

func (e *eofReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF && !e.once {
		e.once = true
		close(e.eof)
	}
	return n, err
}

// An address jixiao serve cannot listen on is the administrator's to
// fix, told as such in the catalogue's words (review 7, item 6), never as
// an internal error: a port taken (a jixiao already running), an address
// that is not HOST:PORT, a port past 65535, a port under 1024.
func TestServeAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	taken := ln.Addr().String()
	for _, c := range []struct{ addr, en, zh string }{
		{taken, "the port is already in use; jixiao may already be running", "端口已被占用。jixiao 可能已在运行"},
		{"nonsense", "--addr nonsense: expected HOST:PORT", "--addr nonsense 不对：应为“主机:端口”"},
		{"0.0.0.0:99999", "--addr 0.0.0.0:99999: expected HOST:PORT", "端口在 1 到 65535 之间"},
		{"127.0.0.1:http", "--addr 127.0.0.1:http: expected HOST:PORT", "应为“主机:端口”"},
	} {
		code, _, stderr := runCmd("serve", "--addr", c.addr, "--lang", "en")
		require.Equal(t, 2, code, stderr)
		require.Contains(t, stderr, c.en)
		code, _, stderr = runCmd("serve", "--addr", c.addr, "--lang", "zh")
		require.Equal(t, 2, code, stderr)
		require.Contains(t, stderr, c.zh)
		require.NotContains(t, stderr, "程序未预料到的错误")
	}
	// A privileged port, as the system refuses it to a user (root may
	// listen there, so the error is made).
	denied := &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", syscall.EACCES)}
	require.Equal(t, "--addr 127.0.0.1:81: no permission to listen on port 81; ports under 1024 need administrator rights: choose a port from 1024 up, such as 8080",
		listenProblem("127.0.0.1:81", denied).Error())
	require.Contains(t, msg.Describe(msg.Chinese, listenProblem("127.0.0.1:81", denied)), "没有权限使用端口 81。1024 以下的端口需要管理员权限")
	if os.Geteuid() != 0 {
		code, _, stderr := runCmd("serve", "--addr", "127.0.0.1:81", "--lang", "zh")
		if code == 2 && !strings.Contains(stderr, "已在运行") { // not allowed there (the system may allow it)
			require.Contains(t, stderr, "没有权限使用端口 81")
		}
	}
	// The failures of a server that listens are not the address's.
	require.Nil(t, listenProblem("127.0.0.1:80", errors.New("http: Server closed")))
}
