// Package golden compares test output with golden files kept under
// golden/testdata. Run the tests with -update to rewrite them; review every
// change to a golden file in the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// Update is the -update flag shared by every package's tests.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Dir returns the directory that holds the golden files.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

// Path returns the path of the golden file called name.
func Path(name string) string { return filepath.Join(Dir(), filepath.FromSlash(name)) }

// Assert compares got with the golden file called name (a slash-separated
// path below golden/testdata). With -update it writes got instead. On a
// mismatch it writes got to name.actual beside the golden so that the two can
// be compared with any diff tool, and fails the test.
func Assert(t testing.TB, name string, got []byte) {
	t.Helper()
	assertIn(t, Dir(), name, got)
}

func assertIn(t testing.TB, dir, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(path + ".actual")
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test with -update to create it)", name, err)
	}
	if bytes.Equal(got, want) {
		_ = os.Remove(path + ".actual")
		return
	}
	_ = os.WriteFile(path+".actual", got, 0o644)
	t.Errorf("golden %s differs: %s", name, firstDifference(want, got))
	t.Logf("wrote %s.actual; compare it with the golden, and run with -update if the change is right", path)
}

// firstDifference describes where two byte strings first differ, by line.
func firstDifference(want, got []byte) string {
	wl := bytes.Split(want, []byte("\n"))
	gl := bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + clip(w) + "\n  got:  " + clip(g)
		}
	}
	return "lengths differ"
}

func clip(b []byte) string {
	const max = 200
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
