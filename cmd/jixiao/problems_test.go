package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFormTooTallIsAProblem: a form that cannot fit on the page is reported
// as a problem of its field, in its own file with the line:column of the
// field, by render and by the binder (whose forms come from several files).
func TestFormTooTallIsAProblem(t *testing.T) {
	src, err := os.ReadFile("../../model/testdata/form.json")
	require.NoError(t, err)
	dir := t.TempDir()
	good := filepath.Join(dir, "a.json")
	require.NoError(t, os.WriteFile(good, src, 0o644))
	long := strings.Replace(string(src), `"title": "市级财政项目支出预算绩效目标表"`, `"title": "`+strings.Repeat("表", 4000)+`"`, 1)
	require.NotEqual(t, string(src), long)
	bad := filepath.Join(dir, "b.json")
	require.NoError(t, os.WriteFile(bad, []byte(long), 0o644))

	code, _, stderr := runCmd("render", bad, "-o", filepath.Join(dir, "b.pdf"))
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "jixiao render: "+bad+":2:12: forms[0].title: page too small for the title\n")
	require.NoFileExists(t, filepath.Join(dir, "b.pdf"))

	code, _, stderr = runCmd("binder", good, bad, "-o", filepath.Join(dir, "book.pdf"))
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "jixiao binder: "+bad+":2:12: forms[0].title: page too small for the title\n")
	require.NoFileExists(t, filepath.Join(dir, "book.pdf"))
}
