package output

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
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
	// A link into a directory that is not there is refused by Check,
	// before any work (render --out-dir found it only when writing that
	// file, after others: the seventh session's review).
	nowhere := filepath.Join(dir, "nowhere.pdf")
	os.Symlink(filepath.Join(dir, "no", "such", "x.pdf"), nowhere)
	if err := Check(nowhere); err == nil || !strings.Contains(err.Error(), "nowhere.pdf") {
		t.Errorf("link into a missing directory: %v", err)
	}
	// A new path in a directory not made yet is not refused: --out-dir
	// makes its directory after the checks.
	if err := Check(filepath.Join(dir, "later", "x.pdf")); err != nil {
		t.Errorf("new file in a directory made later: %v", err)
	}
	// A loop is refused.
	os.Symlink("loop2", filepath.Join(dir, "loop1"))
	os.Symlink("loop1", filepath.Join(dir, "loop2"))
	var nw *NotWritableError
	if err := Check(filepath.Join(dir, "loop1")); !errors.As(err, &nw) {
		t.Errorf("loop: %v", err)
	}
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
