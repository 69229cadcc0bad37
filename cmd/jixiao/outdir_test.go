package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOutDirKeepsWatermark: render --out-dir --draft draws each form as
// render --form N --draft does, watermark included (it was dropped).
func TestOutDirKeepsWatermark(t *testing.T) {
	if testing.Short() {
		t.Skip("every form drawn: pipeline's TestSamePDFAloneAndEach covers it")
	}
	dir := t.TempDir()
	one := filepath.Join(dir, "one.pdf")
	code, _, stderr := runCmd("render", exampleBook, "--form", "1", "--draft", "-o", one)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = runCmd("render", exampleBook, "--draft", "--out-dir", filepath.Join(dir, "all"), "-q")
	require.Equal(t, 0, code, stderr)
	want, err := os.ReadFile(one)
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(dir, "all", "*.pdf"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	found := false
	for _, f := range files {
		got, err := os.ReadFile(f)
		require.NoError(t, err)
		found = found || bytes.Equal(got, want)
	}
	require.True(t, found, "no PDF of --out-dir --draft is form 1 of --form 1 --draft")
}
