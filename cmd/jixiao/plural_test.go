package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The binder's summary counts in English as English counts: 1 form, not
// 1 forms (review 7, item 18).
func TestBinderSummaryPlural(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCmd("binder", exampleBook, "--form", "1", "-o", filepath.Join(dir, "one.pdf"), "--lang", "en")
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `: 1 form, \d+ pages, `, stderr)
	code, _, stderr = runCmd("binder", exampleBook, "--form", "2", "--split-by", "unit", "--out-dir", dir, "--lang", "en")
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `: 1 form, \d+ pages, `, stderr)
	code, _, stderr = runCmd("binder", exampleBook, "--form", "1", "-o", filepath.Join(dir, "one.pdf"), "--lang", "zh")
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, `：1 张表，\d+ 页，`, stderr)
}
