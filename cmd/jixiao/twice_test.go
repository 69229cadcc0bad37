package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A file given twice (by the same name, by another, or within a
// directory given too) is refused in one line, not read twice with a
// warning for each of its forms (review 7, item 11).
func TestInputGivenTwice(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.json")
	data, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(book, data, 0o644))
	link := filepath.Join(t.TempDir(), "link.json")
	require.NoError(t, os.Symlink(book, link))
	out := filepath.Join(t.TempDir(), "out")
	for _, c := range []struct {
		args   []string
		en, zh string
	}{
		{[]string{"binder", book, book, "-o", out + ".pdf"},
			"jixiao binder: " + book + " is given twice: name each file once (its forms would be read twice)\n",
			book + " 给了两次：每个文件只能给一次（否则其中的表会读两遍）"},
		{[]string{"binder", dir, book, "-o", out + ".pdf"},
			"jixiao binder: " + book + " is given twice", "给了两次"},
		{[]string{"binder", book, filepath.Join(dir, ".", "book.json"), "-o", out + ".pdf"},
			" is given twice: name each file once", "给了两次"},
		{[]string{"binder", book, link, "-o", out + ".pdf"},
			"jixiao binder: " + book + " and " + link + " are the same file: name each file once",
			"是同一个文件：每个文件只能给一次"},
		{[]string{"export", book, book, "-o", out + ".xlsx"}, " is given twice", "给了两次"},
		{[]string{"validate", book, book}, "jixiao validate: " + book + " is given twice", "给了两次"},
	} {
		code, stdout, stderr := runCmd(append(c.args, "--lang", "en")...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Empty(t, stdout)
		require.Contains(t, stderr, c.en, c.args)
		require.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
		code, _, stderr = runCmd(append(c.args, "--lang", "zh")...)
		require.Equal(t, 2, code)
		require.Contains(t, stderr, c.zh, c.args)
		require.NoFileExists(t, out+".pdf")
		require.NoFileExists(t, out+".xlsx")
	}
	// Two files with the same forms are two files: printed, each project
	// warned of as given twice.
	copy2 := filepath.Join(dir, "copy.json")
	require.NoError(t, os.WriteFile(copy2, data, 0o644))
	code, _, stderr := runCmd("binder", book, copy2, "-o", out+".pdf")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "it would be printed twice")
}
