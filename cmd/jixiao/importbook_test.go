package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// import of a book that is already JSON (or YAML) says so and what import
// reads, by the name or, named otherwise or on standard input, by the
// text; not that line 1 should be the title (review 7, item 10).
func TestImportBook(t *testing.T) {
	book, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	txt := filepath.Join(t.TempDir(), "book.txt")
	require.NoError(t, os.WriteFile(txt, append([]byte("\ufeff\n  "), book...), 0o644))
	for _, c := range []struct {
		args  []string
		stdin []byte
		name  string
	}{
		{[]string{"import", exampleBook}, nil, exampleBook},
		{[]string{"import", "forms.YAML"}, nil, "forms.YAML"}, // by its name alone
		{[]string{"import", txt}, nil, txt},
		{[]string{"import", "-"}, book, "standard input"},
	} {
		var out, errb bytes.Buffer
		code := run(append(c.args, "--lang", "en"), bytes.NewReader(c.stdin), &out, &errb)
		require.Equal(t, 2, code, "%v: %s", c.args, errb.String())
		require.Empty(t, out.String())
		require.Equal(t, "jixiao import: "+c.name+" is already a jixiao book (JSON or YAML): every command reads it as it is (jixiao validate, render, binder); import reads the text of the forms (SEED.txt), an .xlsx workbook or a PDF written with --attach-data\n", errb.String())
		errb.Reset()
		code = run(append(c.args, "--lang", "zh"), bytes.NewReader(c.stdin), &out, &errb)
		require.Equal(t, 2, code)
		require.Contains(t, errb.String(), "已经是 jixiao 的表册（JSON 或 YAML），各命令可以直接读取")
	}
	// A seed on standard input is imported as before.
	seed, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"import", "-", "-q"}, bytes.NewReader(seed), &out, &errb), errb.String())
	require.True(t, strings.HasPrefix(out.String(), "{"))
}
