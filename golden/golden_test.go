package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAssertWritesActualOnMismatch(t *testing.T) {
	if *Update {
		t.Skip("comparison test; nothing to update")
	}
	dir := t.TempDir()
	name := "selftest/mismatch.txt"
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	ft := &fakeT{}
	assertIn(ft, dir, name, []byte("a\nc\n"))
	if !ft.failed {
		t.Fatal("Assert accepted different content")
	}
	if b, err := os.ReadFile(path + ".actual"); err != nil || string(b) != "a\nc\n" {
		t.Fatalf("actual file: %q, %v", b, err)
	}
	ft = &fakeT{}
	assertIn(ft, dir, name, []byte("a\nb\n"))
	if ft.failed {
		t.Fatal("Assert rejected identical content")
	}
	if _, err := os.Stat(path + ".actual"); !os.IsNotExist(err) {
		t.Fatal("a match must remove the stale .actual file")
	}
}

type fakeT struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeT) Skipf(string, ...any) { f.skipped = true }

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Fatal(...any)          { f.failed = true }
func (f *fakeT) Logf(string, ...any)   {}

func TestToolRequiredOrSkipped(t *testing.T) {
	t.Setenv(RequireToolsEnv, "1")
	ft := &fakeT{}
	Tool(ft, "jixiao-no-such-tool")
	if !ft.failed {
		t.Fatal("a missing tool must fail the test when tools are required")
	}
	t.Setenv(RequireToolsEnv, "")
	ft = &fakeT{}
	Tool(ft, "jixiao-no-such-tool")
	if ft.failed || !ft.skipped {
		t.Fatal("a missing tool must skip the test when tools are not required")
	}
	if p := Tool(t, "go"); p == "" {
		t.Fatal("go is on PATH in any test run")
	}
}
