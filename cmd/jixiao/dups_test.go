package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// dupFiles writes into dir books of the example form under the given
// projects, one file a list, and returns their paths in order.
func dupFiles(t *testing.T, dir string, files map[string][]string, order []string) []string {
	t.Helper()
	src, err := os.ReadFile("../../model/testdata/form.json")
	require.NoError(t, err)
	b, _, err := model.Decode(src, "form.json", model.FormatJSON)
	require.NoError(t, err)
	form := b.Forms[0]
	var paths []string
	for _, name := range order {
		book := &model.Book{Year: form.Year, Title: form.Title}
		for _, project := range files[name] {
			f := form
			f.Project = project
			book.Forms = append(book.Forms, f)
		}
		var buf bytes.Buffer
		require.NoError(t, model.EncodeJSON(&buf, book))
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		paths = append(paths, path)
	}
	return paths
}

// TestValidateDuplicatesAcrossFiles: projects given twice, in one file and
// across files, are each warned of at the later form, naming the first by
// its number among all the forms and its place; the lines are those
// validate printed when it rechecked every file seen for each new one
// (the build of main before the finder was incremental).
func TestValidateDuplicatesAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	paths := dupFiles(t, dir, map[string][]string{
		"a.json": {"甲", "乙", "甲"},
		"b.json": {"丙", "乙"},
		"c.json": {"丁"},
		"d.json": {"丙", "丁", "甲", "  丁 "},
	}, []string{"a.json", "b.json", "c.json", "d.json"})
	code, stdout, stderr := runCmd(append([]string{"validate"}, paths...)...)
	require.Equal(t, 0, code, stderr)
	want := `DIR/a.json:352:18: warning: forms[2].project: 甲 is also form 1 (DIR/a.json:10:18): it would be printed twice
DIR/b.json:181:18: warning: forms[1].project: 乙 is also form 2 (DIR/a.json:181:18): it would be printed twice
DIR/d.json:10:18: warning: forms[0].project: 丙 is also form 4 (DIR/b.json:10:18): it would be printed twice
DIR/d.json:181:18: warning: forms[1].project: 丁 is also form 6 (DIR/c.json:10:18): it would be printed twice
DIR/d.json:352:18: warning: forms[2].project: 甲 is also form 1 (DIR/a.json:10:18): it would be printed twice
DIR/d.json:523:18: warning: forms[3].project: 丁 is also form 6 (DIR/c.json:10:18): it would be printed twice
`
	require.Equal(t, want, strings.ReplaceAll(stdout, dir, "DIR"))
}

// TestValidateDuplicatesLinear: the duplicates of a file are found
// without going over the files checked before it again: checking the
// 400th file allocates no more than checking the 10th (each with a
// duplicate of every earlier file's project), where going over every file
// seen made it grow with their number.
func TestValidateDuplicatesLinear(t *testing.T) {
	dir := t.TempDir()
	path := dupFiles(t, dir, map[string][]string{"a.json": {"甲"}}, []string{"a.json"})[0]
	p := &msg.Printer{Lang: msg.English, Out: io.Discard, Err: io.Discard}
	v := &validation{warn: &warningFlags{show: true}, p: p, problems: []jsonProblem{}}
	check := func() float64 { return testing.AllocsPerRun(10, func() { v.file(path) }) }
	early := check()
	for range 400 {
		v.file(path)
	}
	late := check()
	require.Less(t, late, early*1.2, "allocations to check a file among the first 11: %.0f, among files 412 to 422: %.0f", early, late)
}
