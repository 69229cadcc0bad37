package main

// Regression tests of issue #9 that need no Unix device, signal or umask
// (those are in reliab_test.go): user text in messages, fallback fonts,
// --out-dir names.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"

	"github.com/stretchr/testify/require"

	"jixiao/internal/safetext"
)

// Issue #9 (2): user text in messages cannot act on the terminal: control
// characters show as \u001b, bidi overrides as U+202E.
func TestMessagesEscapeUserText(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "evil.json")
	src := `{"year": 2024, "forms": [{"unit": "u", "department": "d", "project": "p\u202eevil", "year": 2024,
 "total_amount": "1", "year_amount": "1", "\u001b[31mkey": 1,
 "indicators": [{"level1": "产出\u001b]0;t\u0007", "level2": "\u001b]0;t\u0007", "level3": "x", "half_year": "1", "full_year": "1"}]}]}`
	require.NoError(t, os.WriteFile(bad, []byte(src), 0o644))
	check := func(what, s string) {
		t.Helper()
		require.NotContains(t, s, "\x1b", what)
		require.NotContains(t, s, "\a", what)
		require.NotContains(t, s, "\u202e", what)
	}
	code, stdout, stderr := runCmd("validate", bad)
	require.Equal(t, 1, code, stderr)
	check("validate", stdout+stderr)
	require.Contains(t, stdout, `\u001b[31mkey`)
	// Once the unknown key is gone, the 二级 is reported.
	src2 := strings.Replace(src, `"\u001b[31mkey": 1,`, "", 1)
	require.NoError(t, os.WriteFile(bad, []byte(src2), 0o644))
	code, stdout, stderr = runCmd("validate", bad)
	require.Equal(t, 1, code, stderr)
	check("validate", stdout+stderr)
	require.Contains(t, stdout, `\u001b]0;t\u0007`)
	code, stdout, stderr = runCmd("render", bad, "-o", filepath.Join(dir, "x.pdf"))
	require.Equal(t, 1, code)
	check("render", stdout+stderr)
	// A file name is user text too.
	odd := filepath.Join(dir, "a\x1b[2Jb\u202e.json")
	code, _, stderr = runCmd("render", odd, "-o", filepath.Join(dir, "y.pdf"))
	require.Equal(t, 2, code)
	check("render missing file", stderr)
	require.Contains(t, stderr, `a\u001b[2JbU+202E.json`)
	code, _, stderr = runCmd("import", odd)
	require.Equal(t, 2, code)
	check("import missing file", stderr)
}

// Issue #9: --font-fallback loads a file once however often and by
// whatever name it is given, and refuses more than maxFallbacks fonts.
func TestFontFallbackDeduplicated(t *testing.T) {
	dir := t.TempDir()
	font := filepath.Join(dir, "go.ttf")
	require.NoError(t, os.WriteFile(font, goregular.TTF, 0o644))
	link := filepath.Join(dir, "link.ttf")
	if err := os.Symlink("go.ttf", link); err != nil {
		t.Skipf("no symbolic link here (Windows without developer mode): %v", err)
	}
	var ff fontFlags
	for range 100 {
		ff.fallback = append(ff.fallback, font, link, dir+"/../"+filepath.Base(dir)+"/go.ttf", font+"#0")
	}
	set, err := ff.set()
	require.NoError(t, err)
	require.Len(t, set.Fallback, 1)

	ff.fallback = nil
	for i := range maxFallbacks + 1 {
		p := filepath.Join(dir, fmt.Sprintf("f%d.ttf", i))
		require.NoError(t, os.WriteFile(p, goregular.TTF, 0o644))
		ff.fallback = append(ff.fallback, p)
	}
	_, err = ff.set()
	require.ErrorContains(t, err, "at most 16 are used")
}

// Issue #9: invisible characters of a project name never reach an
// --out-dir file name.
func TestOutDirNameDropsInvisibles(t *testing.T) {
	require.Equal(t, "项目名称", safetext.FileName("项目\u202e名\u200b称\u2066"))
}
