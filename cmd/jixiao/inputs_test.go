package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

func readModelTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "model", "testdata", name))
	require.NoError(t, err)
	return b
}

func TestReadFilesDirectoryInNameOrder(t *testing.T) {
	dir := t.TempDir()
	form := readModelTestdata(t, "form.json")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.json"), form, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), readModelTestdata(t, "form.yaml"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644))
	in, err := readFiles([]string{dir})
	require.NoError(t, err)
	require.Len(t, in, 2)
	require.Equal(t, filepath.Join(dir, "a.yaml"), in[0].Path)
	require.Equal(t, filepath.Join(dir, "b.json"), in[1].Path)

	_, err = readFiles([]string{filepath.Join(dir, "missing.json"), filepath.Join(dir, "b.json")})
	require.Error(t, err)
	require.False(t, model.IsContentError(err), "a missing file is an I/O error")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.json"), []byte("{"), 0o644))
	_, err = readFiles([]string{filepath.Join(dir, "c.json")})
	require.True(t, model.IsContentError(err))
}
