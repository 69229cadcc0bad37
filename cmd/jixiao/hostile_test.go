package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// fullDisk is standard output on a full disk.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestHelpFullDisk: the help and the completion scripts, written to a full
// disk, end with an I/O error (exit 2) that says so (issue 20).
func TestHelpFullDisk(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"render", "--help"}, {"completion", "bash"},
		{"completion", "powershell"}, {"__complete", "render", ""}, {"--version"}, {"version"}} {
		var errb bytes.Buffer
		code := run(args, strings.NewReader(""), fullDisk{}, &errb)
		require.Equal(t, 2, code, "%v: %s", args, errb.String())
		require.Contains(t, errb.String(), "cannot write to standard output: the disk is full", "%v", args)
		// And to a disk with room, the same succeeds.
		var out bytes.Buffer
		errb.Reset()
		require.Equal(t, 0, run(args, strings.NewReader(""), &out, &errb), "%v: %s", args, errb.String())
		require.NotEmpty(t, out.String(), "%v", args)
	}
}

// TestSplitByUnitCase: units that differ only in case get files of
// different names, as --out-dir and the ZIP name forms: on Windows and
// macOS "X.pdf" and "x.pdf" are one file (issue 20).
func TestSplitByUnitCase(t *testing.T) {
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	b.Forms = b.Forms[:3]
	b.Forms[0].Unit, b.Forms[1].Unit, b.Forms[2].Unit = "Unit", "UNIT", "unit"
	dir := t.TempDir()
	in := filepath.Join(dir, "book.json")
	data, err := json.Marshal(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, data, 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out)
	require.Equal(t, 0, code, stderr)
	require.ElementsMatch(t, []string{"Unit.pdf", "UNIT-2.pdf", "unit-3.pdf"}, renderDirNames(t, out))
}
