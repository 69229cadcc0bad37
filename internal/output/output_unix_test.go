//go:build unix

package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

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
