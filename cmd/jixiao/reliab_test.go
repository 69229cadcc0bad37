//go:build unix

package main

// Regression tests of issue #9: outputs that are not regular files,
// signals, umask, standard output errors.

import (
	"bufio"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/internal/output"
	"jixiao/internal/safetext"
	"jixiao/model"
	"jixiao/model/seedtext"
)

// mknodNull makes a null device (1,3) in a temporary directory: the tests
// never write to the machine's /dev/null.
func mknodNull(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod needs root: %v", err)
	}
	return p
}

func requireCharDevice(t *testing.T, p string) {
	t.Helper()
	st, err := os.Lstat(p)
	require.NoError(t, err)
	require.NotZero(t, st.Mode()&fs.ModeCharDevice, "%s was replaced: now %v", p, st.Mode())
}

func requireNoTemps(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestOutputToDevice(t *testing.T) {
	dir := t.TempDir()
	null := mknodNull(t, dir, "null")
	code, _, stderr := runCmd("binder", exampleBook, "-o", null)
	require.Equal(t, 0, code, stderr)
	requireCharDevice(t, null)
	code, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", null)
	require.Equal(t, 0, code, stderr)
	requireCharDevice(t, null)
	code, _, stderr = runCmd("import", seedFile, "-o", null)
	require.Equal(t, 0, code, stderr)
	requireCharDevice(t, null)
	requireNoTemps(t, dir)

	// A full device: the write error is reported (exit 2), the device stays.
	full := filepath.Join(dir, "full")
	require.NoError(t, syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7))
	code, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", full)
	require.Equal(t, 2, code, stderr)
	requireCharDevice(t, full)
	// … as a write to the output, not "cannot read" (the *fs.PathError of
	// the write told as if it were an input's).
	for _, args := range [][]string{{"render", exampleBook, "--form", "1"}, {"binder", exampleBook}} {
		code, _, stderr = runCmd(append(args, "-o", full)...)
		require.Equal(t, 2, code, stderr)
		require.Equal(t, "jixiao "+args[0]+": cannot write "+full+": the disk is full\n", stderr)
	}

	// A character device that is no terminal takes a PDF (-o -).
	f, err := os.OpenFile(full, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer f.Close()
	require.False(t, isTerminal(f), "a full device is no terminal")
	var errb strings.Builder
	code = run([]string{"render", exampleBook, "--form", "1", "-o", "-"}, strings.NewReader(""), f, &errb)
	require.Equal(t, 2, code)
	require.Equal(t, "jixiao render: cannot write to standard output: the disk is full\n", errb.String())
}

func TestOutputToFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	code, _, stderr := runCmd("render", exampleBook, "--form", "3", "-o", fifo)
	require.Equal(t, 0, code, stderr)
	st, err := os.Lstat(fifo)
	require.NoError(t, err)
	require.NotZero(t, st.Mode()&fs.ModeNamedPipe, "the FIFO was replaced")
	require.True(t, renderIsPDF(<-got), "the reader of the FIFO got no PDF")
}

func TestOutputThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "keep"), 0o755))
	target := filepath.Join(dir, "keep", "real.json")
	require.NoError(t, os.WriteFile(target, []byte("old"), 0o640))
	link := filepath.Join(dir, "book.json")
	require.NoError(t, os.Symlink("keep/real.json", link))
	code, _, stderr := runCmd("import", seedFile, "-o", link)
	require.Equal(t, 0, code, stderr)
	st, err := os.Lstat(link)
	require.NoError(t, err)
	require.NotZero(t, st.Mode()&fs.ModeSymlink, "the link was replaced by a file")
	want, _ := os.ReadFile("../../examples/jiangyin-2024.json")
	got, _ := os.ReadFile(target)
	require.Equal(t, string(want), string(got))
	st, _ = os.Stat(target)
	require.Equal(t, fs.FileMode(0o640), st.Mode().Perm(), "the replaced file keeps its mode")
	requireNoTemps(t, dir)
}

// A directory or a socket is refused before any work: nothing is laid out,
// nothing written.
func TestOutputRefused(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	defer l.Close()
	for _, args := range [][]string{
		{"binder", exampleBook, "-o", sock},
		{"binder", exampleBook, "-o", dir},
		{"render", exampleBook, "--form", "1", "-o", sock},
		{"import", seedFile, "-o", sock},
	} {
		code, _, stderr := runCmd(args...)
		require.Equal(t, 2, code, "%v: %s", args, stderr)
		require.Regexp(t, "it is a (socket|directory)", stderr)
		require.NotContains(t, stderr, "wrote")
	}
	st, _ := os.Lstat(sock)
	require.NotZero(t, st.Mode()&fs.ModeSocket)
}

// --out-dir entries follow the same rules: an entry that is a directory is
// refused before any file is written; one that is a device is written to.
func TestOutDirEntries(t *testing.T) {
	dir := t.TempDir()
	first := safetext.FileName("人社专职协理员工作经费") + ".pdf" // form 4
	require.NoError(t, os.Mkdir(filepath.Join(dir, first), 0o755))
	code, _, stderr := runCmd("render", exampleBook, "--out-dir", dir)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "it is a directory")
	require.Equal(t, []string{first}, renderDirNames(t, dir), "files written before the refusal")

	require.NoError(t, os.Remove(filepath.Join(dir, first)))
	mknodNull(t, dir, first)
	code, _, stderr = runCmd("render", exampleBook, "--out-dir", dir)
	require.Equal(t, 0, code, stderr)
	requireCharDevice(t, filepath.Join(dir, first))
	require.Len(t, renderDirNames(t, dir), 18)
	requireNoTemps(t, dir)
}

// Issue #9 (8): outputs are created 0666 less the umask.
func TestOutputUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	out := filepath.Join(dir, "book.json")
	code, _, stderr := runCmd("import", seedFile, "-o", out)
	require.Equal(t, 0, code, stderr)
	st, err := os.Stat(out)
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o600), st.Mode().Perm())
	syscall.Umask(0o002)
	out = filepath.Join(dir, "form.pdf")
	code, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", out)
	require.Equal(t, 0, code, stderr)
	st, err = os.Stat(out)
	require.NoError(t, err)
	require.Equal(t, fs.FileMode(0o664), st.Mode().Perm())
}

// Issue #9 (6): SIGINT, SIGTERM and SIGHUP remove the temporary file of an
// output being written and exit 128+signal. The test runs itself as a
// child that starts an output, says so and waits for the signal.
func TestSignalsRemoveTemps(t *testing.T) {
	if dir := os.Getenv("JIXIAO_SIGNAL_CHILD"); dir != "" {
		in := catchSignals()
		in.patient.Store(os.Getenv("JIXIAO_SIGNAL_PATIENT") != "")
		o, err := output.Create(filepath.Join(dir, "b.pdf"))
		if err != nil {
			os.Exit(5)
		}
		o.Write([]byte("%PDF-1.4 half"))
		os.Stdout.WriteString("ready\n")
		if in.patient.Load() {
			select {} // serve: only a second signal ends it
		}
		<-in.ctx.Done() // a command stops
		os.Exit(in.exit(0))
	}
	for _, c := range []struct {
		sig     syscall.Signal
		want    int
		patient bool
	}{{syscall.SIGINT, 130, false}, {syscall.SIGTERM, 143, false}, {syscall.SIGHUP, 129, false}, {syscall.SIGINT, 130, true}} {
		sig, want := c.sig, c.want
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestSignalsRemoveTemps$")
		cmd.Env = append(os.Environ(), "JIXIAO_SIGNAL_CHILD="+dir)
		if c.patient {
			cmd.Env = append(cmd.Env, "JIXIAO_SIGNAL_PATIENT=1")
		}
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		line, err := bufio.NewReader(stdout).ReadString('\n')
		require.NoError(t, err)
		require.Equal(t, "ready\n", line)
		entries, _ := os.ReadDir(dir)
		require.Len(t, entries, 1, "the child's temporary file")
		require.NoError(t, cmd.Process.Signal(sig))
		if c.patient { // the first signal leaves it running, the second ends it
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				t.Fatalf("patient: ended at the first signal: %v", err)
			case <-time.After(300 * time.Millisecond):
			}
			require.NoError(t, cmd.Process.Signal(sig))
			err = <-exited
		} else {
			err = cmd.Wait()
		}
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee)
		require.Equal(t, want, ee.ExitCode(), sig.String())
		entries, _ = os.ReadDir(dir)
		require.Empty(t, entries, "%v left %v", sig, entries)
	}
}

// Issue #9 (10): plain validate checks its writes to stdout, as --json
// does: a full device gives exit status 2.
func TestValidateFullStdout(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
		t.Skipf("mknod needs root: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"forms": [{"year": 1800}]}`), 0o644))
	for _, args := range [][]string{{"validate", bad}, {"validate", "--json", bad}, {"version"}} {
		f, err := os.OpenFile(full, os.O_WRONLY, 0)
		require.NoError(t, err)
		var stderr strings.Builder
		code := run(args, strings.NewReader(""), f, &stderr)
		f.Close()
		require.Equal(t, 2, code, "%v: %s", args, stderr.String())
		require.Contains(t, stderr.String(), "cannot write to standard output: the disk is full")
		require.NotContains(t, stderr.String(), "cannot read")
	}
}

// Issue #9 (3): import refuses a FIFO (which would block for ever) and a
// device (/dev/zero never ends) before reading, and an oversized file.
func TestImportRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "seed.fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		code, _, stderr = runCmd("import", fifo)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		// Unblock the open so that the test ends.
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		<-done
		t.Fatal("import waited on the FIFO")
	}
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "not a regular file")

	if err := syscall.Mknod(filepath.Join(dir, "zero"), syscall.S_IFCHR|0o666, 1<<8|5); err == nil {
		code, _, stderr = runCmd("import", filepath.Join(dir, "zero"))
		require.Equal(t, 2, code, stderr)
		require.Contains(t, stderr, "not a regular file")
	}

	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(seedtext.MaxSeedSize+1)) // sparse: no disk used
	f.Close()
	code, _, stderr = runCmd("import", big)
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "MiB an input may have")
}

// Issue #9 (9): --out-dir writes each form as soon as it is drawn, not all
// at the end. The first form's entry is a FIFO nobody reads yet: its writer
// waits, and meanwhile the other workers write the other forms.
func TestOutDirWritesAsFinished(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	all := make([]int, len(b.Forms))
	for i := range all {
		all[i] = i
	}
	names := uniqueNames(b, all)
	dir := t.TempDir()
	fifo := filepath.Join(dir, names[0])
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	type result struct {
		code   int
		stderr string
	}
	res := make(chan result, 1)
	go func() {
		code, _, stderr := runCmd("render", exampleBook, "--out-dir", dir)
		res <- result{code, stderr}
	}()
	last := filepath.Join(dir, names[len(names)-1])
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(last); err == nil {
			break
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, lastErr := os.Stat(last)
	select {
	case r := <-res:
		t.Fatalf("the command ended before the FIFO was read: exit %d: %s", r.code, r.stderr)
	default:
	}
	f, err := os.Open(fifo)
	require.NoError(t, err)
	data, _ := io.ReadAll(f)
	f.Close()
	r := <-res
	require.NoError(t, lastErr, "the last form was not written while the first waited")
	require.Equal(t, 0, r.code, r.stderr)
	require.True(t, renderIsPDF(data))
	st, err := os.Lstat(fifo)
	require.NoError(t, err)
	require.NotZero(t, st.Mode()&fs.ModeNamedPipe)
}
