package main

import (
	"os"
	"path/filepath"
	"testing"

	"jixiao/internal/errlist"

	"github.com/stretchr/testify/require"
)

func readModelTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "model", "testdata", name))
	require.NoError(t, err)
	return b
}

func TestExpandInputsDirectoryInNameOrder(t *testing.T) {
	dir := t.TempDir()
	form := readModelTestdata(t, "form.json")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.json"), form, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.yaml"), readModelTestdata(t, "form.yaml"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644))
	// A workbook is an input; the lock files of an open one are not.
	for _, n := range []string{"c.xlsx", "~$c.xlsx", ".~lock.c.xlsx#", "old.xls"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644))
	}
	files, err := expandInputs([]string{dir, filepath.Join(dir, "notes.txt")})
	require.NoError(t, err)
	require.Equal(t, []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.json"), filepath.Join(dir, "c.xlsx"), filepath.Join(dir, "notes.txt")}, files)

	// Paths that cannot be listed are reported together; the others are listed.
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	files, err = expandInputs([]string{filepath.Join(dir, "missing.json"), empty, filepath.Join(dir, "b.json")})
	require.Equal(t, []string{filepath.Join(dir, "b.json")}, files)
	require.ErrorContains(t, err, "missing.json")
	require.ErrorContains(t, err, "the directory holds no .json, .yaml, .yml or .xlsx file")
	require.Len(t, errlist.Leaves(err), 2)
}

// TestBinderSkipsNamedLockFile: Excel's lock file of an open workbook,
// named by a shell's *.xlsx beside the workbook, does not block the
// binder: it is left out with a warning saying what it is (review 7,
// item 5).
func TestBinderSkipsNamedLockFile(t *testing.T) {
	dir := t.TempDir()
	lock := filepath.Join(dir, "~$2024.xlsx")
	require.NoError(t, os.WriteFile(lock, append([]byte("\x04user"), make([]byte, 160)...), 0o644))
	out := filepath.Join(dir, "b.pdf")
	code, _, errs := runCmd("binder", filepath.Join("..", "..", "examples", "jiangyin-2024.json"), lock, "-o", out, "--lang", "zh")
	require.Equal(t, 0, code, errs)
	require.Contains(t, errs, "~$2024.xlsx：提醒：不是工作簿，而是 Excel 或 WPS 打开工作簿“2024.xlsx”时生成的锁定文件：已跳过")
	_, err := os.Stat(out)
	require.NoError(t, err)
}
