package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// Binder filters that pick no form together are told so, with the forms
// the name is on; neither is blamed alone for a name that exists (review
// 7, item 9).
func TestBinderFiltersTogether(t *testing.T) {
	dir := t.TempDir()
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	f := book.Forms[0]
	f.Unit = "另一个单位"
	data, err := json.Marshal(f)
	require.NoError(t, err)
	other := filepath.Join(dir, "other.json")
	require.NoError(t, os.WriteFile(other, data, 0o644))
	out := filepath.Join(dir, "b.pdf")
	for _, c := range []struct {
		args   []string
		en, zh string
	}{
		{[]string{exampleBook, other, "--unit", "另一个单位", "--form", "1"},
			"--unit 另一个单位 and --form 1 together pick no form (forms of this 单位名称: 19)",
			"--unit 另一个单位 与 --form 1 合在一起选不出表：这个单位的表是第 19 张"},
		{[]string{exampleBook, "--project", book.Forms[2].Project, "--form", "1,2"},
			"--project " + book.Forms[2].Project + " and --form 1,2 together pick no form (forms of this project name: 3)",
			"这个项目名称的表是第 3 张"},
		{[]string{exampleBook, other, "--project", book.Forms[2].Project, "--unit", "另一个单位"},
			"and --unit 另一个单位 together pick no form (forms of this project name: 3)", "合在一起选不出表"},
		// A name no form has is still told as such.
		{[]string{exampleBook, "--project", "没有这个项目", "--form", "1"},
			"--project 没有这个项目: no form has this project name", "没有哪张表的项目名称是这个"},
		{[]string{exampleBook, other, "--unit", "没有这个单位", "--form", "1"},
			"--unit 没有这个单位: no form has this 单位名称", "没有哪张表的单位名称是这个"},
	} {
		args := append([]string{"binder", "-o", out}, c.args...)
		code, _, stderr := runCmd(append(args, "--lang", "en")...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.en, c.args)
		code, _, stderr = runCmd(append(args, "--lang", "zh")...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.zh, c.args)
		require.NoFileExists(t, out)
	}
}
