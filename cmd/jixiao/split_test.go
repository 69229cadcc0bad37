package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// TestBinderSplitByUnit: --split-by unit --out-dir DIR writes one binder
// per 单位名称, named after it, each with its own cover (the unit's count and
// sums), contents and numbering from 第 1 页; -o with it, or --out-dir
// without it, is a usage error.
func TestBinderSplitByUnit(t *testing.T) {
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	for _, i := range []int{2, 5, 9} {
		b.Forms[i].Unit = "江阴市就业管理中心"
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "book.json")
	data, err := json.Marshal(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, data, 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out)
	require.Equal(t, 0, code, stderr)
	names := renderDirNames(t, out)
	require.Equal(t, []string{"江阴市人力资源和社会保障局（机关）.pdf", "江阴市就业管理中心.pdf"}, names)
	pages, toc := readBinder(t, filepath.Join(out, "江阴市就业管理中心.pdf"))
	require.Len(t, toc, 3)
	require.Equal(t, []string{b.Forms[2].Project, b.Forms[5].Project, b.Forms[9].Project}, []string{toc[0].project, toc[1].project, toc[2].project})
	require.Equal(t, 1, toc[0].folio, "numbering starts again")
	require.Contains(t, pages[0], "3 个")
	require.Contains(t, pages[0], "江阴市就业管理中心")
	_, toc = readBinder(t, filepath.Join(out, "江阴市人力资源和社会保障局（机关）.pdf"))
	require.Len(t, toc, 15)

	for _, args := range [][]string{
		{"binder", in, "--split-by", "unit", "-o", filepath.Join(dir, "x.pdf")},
		{"binder", in, "--split-by", "unit"},
		{"binder", in, "--out-dir", out, "-o", filepath.Join(dir, "x.pdf")},
		{"binder", in, "--split-by", "project", "--out-dir", out},
	} {
		code, _, stderr := renderRun(t, args...)
		require.Equal(t, 2, code, "%v: %s", args, stderr)
		require.True(t, strings.Contains(stderr, "--split-by") || strings.Contains(stderr, "--out-dir"), stderr)
	}
}

// splitBook writes the example book with the forms at idx moved to unit,
// the forms at bad given an amount that is no number, and returns its
// path.
func splitBook(t *testing.T, dir, unit string, idx []int, bad ...int) string {
	t.Helper()
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	for _, i := range idx {
		b.Forms[i].Unit = unit
	}
	for _, i := range bad {
		b.Forms[i].YearAmount = "12.5.1"
	}
	in := filepath.Join(dir, "book.json")
	data, err := json.Marshal(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, data, 0o644))
	return in
}

// What is ready is printed with --split-by unit too: a unit whose forms
// all have errors gets no binder and is named, with its forms, in the
// warnings; the other units' binders are written, and the command ends
// with status 1 as for any form left out.
func TestBinderSplitLeavesOutUnit(t *testing.T) {
	dir := t.TempDir()
	in := splitBook(t, dir, "江阴市就业管理中心", []int{2, 5, 9}, 0, 2, 5, 9)
	out := filepath.Join(dir, "out")
	code, _, stderr := renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out)
	require.Equal(t, 1, code, stderr)
	require.Equal(t, []string{"江阴市人力资源和社会保障局（机关）.pdf"}, renderDirNames(t, out))
	require.Contains(t, stderr, "forms[2].year_amount")
	require.Contains(t, stderr, "jixiao binder: warning: not printed, 4 forms with errors: 1 ")
	require.Contains(t, stderr, "jixiao binder: warning: no binder for units whose forms all have errors: “江阴市就业管理中心”")
	require.Contains(t, stderr, ": 14 forms")
	pdf, err := os.ReadFile(filepath.Join(out, "江阴市人力资源和社会保障局（机关）.pdf"))
	require.NoError(t, err)

	// In Chinese.
	t.Setenv("JIXIAO_LANG", "zh")
	require.NoError(t, os.RemoveAll(out))
	code, _, stderr = renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "4 张表有错误，未打印：1 ")
	// The forms not printed are a list in Chinese: each named with its
	// file in （）, the names joined with 、.
	require.Contains(t, stderr, "1 企业退休人员体检费（"+in+"）、3 就业见习补贴（"+in+"）、6 ")
	require.Contains(t, stderr, "以下单位的表都有错误，未生成装订本：“江阴市就业管理中心”")
	t.Setenv("JIXIAO_LANG", "en")

	// --strict still refuses the whole job.
	require.NoError(t, os.RemoveAll(out))
	code, _, _ = renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out, "--strict")
	require.Equal(t, 1, code)
	require.NoDirExists(t, out)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.pdf"), pdf, 0o644))
	_, toc := readBinder(t, filepath.Join(dir, "a.pdf")) // needs pdftotext
	require.Len(t, toc, 14)
}

// A unit named "binder" beside forms without a unit: the forms without a
// unit have that error and are left out, named; the unit's binder is
// binder.pdf.
func TestBinderSplitUnitNamedBinder(t *testing.T) {
	dir := t.TempDir()
	in := splitBook(t, dir, "binder", []int{0, 1, 2})
	b, err := model.ReadFile(in)
	require.NoError(t, err)
	b.Forms[3].Unit, b.Forms[4].Unit = "", ""
	data, err := json.Marshal(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, data, 0o644))
	out := filepath.Join(dir, "out")
	code, _, stderr := renderRun(t, "binder", in, "--split-by", "unit", "--out-dir", out)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "forms[3].unit")
	require.Contains(t, stderr, "not printed, 2 forms with errors: 4 ")
	require.NotContains(t, stderr, "no binder for units")
	require.Equal(t, []string{"binder.pdf", "江阴市人力资源和社会保障局（机关）.pdf"}, renderDirNames(t, out))
	require.Contains(t, stderr, "binder.pdf: 3 forms")
}
