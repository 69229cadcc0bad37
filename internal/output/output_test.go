package output

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(path, text string) error {
	return Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestNewAndRegular(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	if err := write(p, "one"); err != nil {
		t.Fatal(err)
	}
	if err := write(p, "two"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("got %q", b)
	}
	noTemps(t, dir)
	// A failed write leaves the old file.
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("boom")
	})
	if err == nil {
		t.Fatal("error lost")
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("after a failure: %q", b)
	}
	noTemps(t, dir)
}

// Issue #9 (8): a new file has 0666 less the umask, a replaced one keeps
// its mode.
func TestModes(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	p := filepath.Join(dir, "new.pdf")
	if err := write(p, "x"); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o640 {
		t.Errorf("new file: mode %v, want 0640 (0666 &^ umask 027)", st.Mode().Perm())
	}
	if err := os.Chmod(p, 0o604); err != nil {
		t.Fatal(err)
	}
	if err := write(p, "y"); err != nil {
		t.Fatal(err)
	}
	st, _ = os.Stat(p)
	if st.Mode().Perm() != 0o604 {
		t.Errorf("replaced file: mode %v, want its old 0604", st.Mode().Perm())
	}
}

// Issue #9 (1): a symbolic link is followed and its target replaced in the
// target's directory; the link stays.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	target := filepath.Join(other, "real.pdf")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink("other/real.pdf", link); err != nil {
		t.Fatal(err)
	}
	link2 := filepath.Join(dir, "link2.pdf") // a chain
	os.Symlink("link.pdf", link2)
	if err := write(link2, "new"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, link2} {
		if st, err := os.Lstat(l); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", l)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q", b)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v, want 0600 kept", st.Mode().Perm())
	}
	noTemps(t, dir)
	noTemps(t, other)
	// A dangling link: its target is created.
	dangling := filepath.Join(dir, "dangling.pdf")
	os.Symlink("other/made.pdf", dangling)
	if err := write(dangling, "made"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "made.pdf")); string(b) != "made" {
		t.Errorf("dangling link's target holds %q", b)
	}
	// A loop is refused.
	os.Symlink("loop2", filepath.Join(dir, "loop1"))
	os.Symlink("loop1", filepath.Join(dir, "loop2"))
	var nw *NotWritableError
	if err := Check(filepath.Join(dir, "loop1")); !errors.As(err, &nw) {
		t.Errorf("loop: %v", err)
	}
}

// Issue #9 (1): a character device is written to, never replaced. The test
// makes its own null device (never the machine's /dev/null).
func TestCharDevice(t *testing.T) {
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(1<<8|3)); err != nil {
		t.Skipf("mknod (needs root): %v", err)
	}
	if err := write(null, "pdf"); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(null)
	if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the device was replaced: %v %v", st.Mode(), err)
	}
	noTemps(t, dir)
	// /dev/full: the write error is reported, the device stays.
	full := filepath.Join(dir, "full")
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, int(1<<8|7)); err != nil {
		t.Fatal(err)
	}
	if err := write(full, "pdf"); err == nil {
		t.Error("writing to a full device succeeded")
	}
	if st, _ := os.Lstat(full); st.Mode()&fs.ModeCharDevice == 0 {
		t.Error("the full device was replaced")
	}
}

func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := write(fifo, "through the pipe"); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	noTemps(t, dir)
}

// Issue #9 (1): a directory or a socket is refused before any work.
func TestRefused(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	link := filepath.Join(dir, "tosock")
	os.Symlink("s.sock", link)
	for _, p := range []string{dir, sock, link} {
		var nw *NotWritableError
		if err := Check(p); !errors.As(err, &nw) {
			t.Errorf("Check(%s) = %v", p, err)
		}
		called := false
		err := Write(p, func(io.Writer) error { called = true; return nil })
		if err == nil || called {
			t.Errorf("Write(%s): err %v, called %v", p, err, called)
		}
	}
	if st, _ := os.Lstat(sock); st.Mode()&fs.ModeSocket == 0 {
		t.Error("the socket was replaced")
	}
	noTemps(t, dir)
}

// Issue #9 (6): RemoveTemps removes the temporary files of outputs under
// way and refuses new ones.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	o, err := Create(filepath.Join(dir, "b.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	o.Write([]byte("part"))
	RemoveTemps()
	defer func() { temps.Lock(); temps.closed = false; temps.Unlock() }()
	noTemps(t, dir)
	if err := o.Commit(); err == nil {
		t.Error("commit after RemoveTemps succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "b.pdf")); err == nil {
		t.Error("output written after RemoveTemps")
	}
	if _, err := Create(filepath.Join(dir, "c.pdf")); err == nil {
		t.Error("Create after RemoveTemps succeeded")
	}
	noTemps(t, dir)
}

// Issue 20: a regular file the user may not write to is refused, as the
// shell's > refuses it, though replacing it needs only the directory's
// permission; root may write any file (as with >). As root the test runs
// itself again as nobody.
func TestReadOnly(t *testing.T) {
	dir := os.Getenv("JIXIAO_READONLY_DIR")
	if dir == "" {
		// A directory of its own, open to nobody (t.TempDir's parent is not).
		var err error
		if dir, err = os.MkdirTemp("", "jixiao-readonly"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "ro.pdf")
		if err := os.WriteFile(p, []byte("keep"), 0o444); err != nil {
			t.Fatal(err)
		}
		if os.Getuid() == 0 {
			if err := write(p, "root"); err != nil {
				t.Errorf("root, as with >: %v", err)
			}
			os.WriteFile(p, []byte("keep"), 0o444)
			os.Chmod(p, 0o444)
			// The test binary, where nobody may run it.
			bin, err := os.ReadFile(os.Args[0])
			if err != nil {
				t.Fatal(err)
			}
			self := filepath.Join(dir, "output.test")
			if err := os.WriteFile(self, bin, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(self, "-test.run=^TestReadOnly$", "-test.v")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "JIXIAO_READONLY_DIR="+dir)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestReadOnly") {
				t.Fatalf("as nobody: %v\n%s", err, out)
			}
			return
		}
	}
	p := filepath.Join(dir, "ro.pdf")
	for _, check := range []func() error{func() error { return Check(p) }, func() error { return write(p, "new") }} {
		err := check()
		if err == nil || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("a read-only file: %v, want permission denied", err)
		}
	}
	if b, _ := os.ReadFile(p); string(b) != "keep" {
		t.Errorf("the file is now %q", b)
	}
	noTemps(t, dir)
	// A file the user may write is replaced as before.
	w := filepath.Join(dir, "rw.pdf")
	if err := write(w, "one"); err != nil {
		t.Fatal(err)
	}
	if err := write(w, "two"); err != nil {
		t.Fatal(err)
	}
}
