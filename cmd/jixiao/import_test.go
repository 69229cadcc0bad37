package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

const seedFile = "../../testdata/seed-jiangyin-2024.txt"

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestImportStdout(t *testing.T) {
	code, out, errs := runCmd("import", seedFile)
	require.Equal(t, 0, code, errs)
	want, err := os.ReadFile("../../examples/jiangyin-2024.json")
	require.NoError(t, err)
	require.Equal(t, string(want), out, "examples/jiangyin-2024.json is stale: regenerate it with jixiao import")

	var book struct {
		Year  int `json:"year"`
		Forms []struct {
			Indicators []json.RawMessage `json:"indicators"`
		} `json:"forms"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &book))
	require.Equal(t, 2024, book.Year)
	require.Len(t, book.Forms, 18)

	// one repair a line, FILE:LINE: message, in line order
	lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
	require.Greater(t, len(lines), 50)
	for _, l := range lines {
		require.True(t, strings.HasPrefix(l, seedFile+":"), l)
	}
	require.Contains(t, errs, seedFile+":22: 一级 label 成果 replaced by 决策 (standard 三级 绩效指标明确性)\n")
	require.Contains(t, errs, seedFile+`:262: 三级: English " and " between Chinese words replaced by 和`+"\n")
}

func TestImportOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "book.json")
	// flags after the file (parseInterspersed)
	code, stdout, errs := runCmd("import", seedFile, "-o", out)
	require.Equal(t, 0, code, errs)
	require.Empty(t, stdout)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	want, err := os.ReadFile("../../examples/jiangyin-2024.json")
	require.NoError(t, err)
	require.Equal(t, want, got)

	// flags before the file give the same bytes
	out2 := filepath.Join(dir, "book2.json")
	code, _, _ = runCmd("import", "-o", out2, seedFile)
	require.Equal(t, 0, code)
	got2, err := os.ReadFile(out2)
	require.NoError(t, err)
	require.Equal(t, got, got2)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2, "temporary files left behind")
}

func TestImportStdin(t *testing.T) {
	seed, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	var out, errb bytes.Buffer
	code := run([]string{"import", "-"}, bytes.NewReader(seed), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	require.True(t, strings.HasPrefix(errb.String(), "-:19: "), errb.String())
	want, err := os.ReadFile("../../examples/jiangyin-2024.json")
	require.NoError(t, err)
	require.Equal(t, string(want), out.String())
}

func TestImportFailureLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("市级财政项目支出预算绩效目标表\n2024年度\n项目名称\t甲\n"), 0o644))
	out := filepath.Join(dir, "out.json")
	code, stdout, errs := runCmd("import", bad, "-o", out)
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Contains(t, errs, "jixiao import: "+bad+":3: form 1 (title at line 1) is truncated")
	_, err := os.Stat(out)
	require.True(t, os.IsNotExist(err), "output written for a failed import")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)

	// an existing output stays untouched
	require.NoError(t, os.WriteFile(out, []byte("old"), 0o644))
	code, _, _ = runCmd("import", bad, "-o", out)
	require.Equal(t, 1, code)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, "old", string(got))
}

func TestImportBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	binary := filepath.Join(dir, "bin.dat")
	require.NoError(t, os.WriteFile(binary, []byte{0x89, 'P', 'N', 'G', 0, 0, 0xff}, 0o644))
	code, stdout, errs := runCmd("import", empty)
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Contains(t, errs, empty+":1: empty file")
	code, _, errs = runCmd("import", binary)
	require.Equal(t, 1, code)
	require.Contains(t, errs, binary+":1: not a UTF-8 text file")
}

func TestImportUsage(t *testing.T) {
	code, stdout, errs := runCmd("import", "-h")
	require.Empty(t, errs)
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "jixiao import SEED.txt [-o book.json]")

	code, _, errs = runCmd("import")
	require.Equal(t, 2, code)
	require.Contains(t, errs, "expected exactly one input FILE")

	code, _, _ = runCmd("import", "a.txt", "b.txt")
	require.Equal(t, 2, code)

	code, _, errs = runCmd("import", "--bogus", seedFile)
	require.Equal(t, 2, code)
	require.Contains(t, errs, "jixiao import: unknown flag --bogus")

	code, _, errs = runCmd("import", filepath.Join(t.TempDir(), "missing.txt"))
	require.Equal(t, 2, code)
	require.Contains(t, errs, "no such file")

	code, _, errs = runCmd("import", seedFile, "-o", filepath.Join(t.TempDir(), "no", "dir", "out.json"))
	require.Equal(t, 2, code)
	require.Contains(t, errs, "cannot write")

	code, stdout, _ = runCmd("-h")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "import")
}

func TestImportRefusesAnInvalidBook(t *testing.T) {
	src, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	// 本年度项目金额 above 项目总金额 survives the extraction but not validation.
	bad := strings.Replace(string(src), "项目总金额（万元）\t4012.8\t本年度项目金额（万元）\t4012.8", "项目总金额（万元）\t4012.8\t本年度项目金额（万元）\t5000", 1)
	require.NotEqual(t, string(src), bad)
	dir := t.TempDir()
	in := filepath.Join(dir, "seed.txt")
	out := filepath.Join(dir, "book.json")
	require.NoError(t, os.WriteFile(in, []byte(bad), 0o644))
	code, stdout, stderr := runCmd("import", in, "-o", out)
	require.Equal(t, 1, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, in+":3: form 1: forms[0].year_amount: 本年度项目金额 5000 is more than 项目总金额 4012.8")
	require.NoFileExists(t, out)
}

// TestImportRefusesTooManyIndicators: a seed form of more indicator rows
// than a form may have (model.MaxIndicators) is refused as a JSON file of
// them is, in the same words, at the line where the form starts; the
// book is not written (it could not be read back).
func TestImportRefusesTooManyIndicators(t *testing.T) {
	src, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	// The first form, 2,000 rows added to its 质量指标 (line 33 on).
	lines := strings.SplitAfter(string(src), "\n")
	var b strings.Builder
	for _, l := range lines[:32] {
		b.WriteString(l)
	}
	for i := range model.MaxIndicators {
		fmt.Fprintf(&b, "\t\t体检项目%d\t>1\t>1\n", i)
	}
	for _, l := range lines[32:41] {
		b.WriteString(l)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "seed.txt")
	out := filepath.Join(dir, "book.json")
	require.NoError(t, os.WriteFile(in, []byte(b.String()), 0o644))
	code, stdout, stderr := runCmd("import", in, "-o", out)
	require.Equal(t, 1, code, stderr)
	require.Empty(t, stdout)
	require.Contains(t, stderr, in+":3: form 1: forms[0].indicators: the form has 2022 indicator rows, more than the 2000 a form may have (a form has a few dozen): split it into several forms\n")
	require.Equal(t, 1, strings.Count(stderr, "2022"), "told once:\n%s", stderr)
	require.NoFileExists(t, out)
	code, _, stderr = runCmd("import", "--lang", "zh", in, "-o", out)
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, in+":3：第 1 张表：这张表有 2022 行指标，超过每张表 2000 行的上限（一张表通常只有几十行）：请拆分为几张表（forms[0].indicators）\n")
	require.NoFileExists(t, out)
}

func TestImportRefusesToOverwriteItsInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "seed.txt")
	src, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(in, src, 0o644))
	code, _, stderr := runCmd("import", in, "-o", in)
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "it is the input file")
	after, err := os.ReadFile(in)
	require.NoError(t, err)
	require.Equal(t, src, after, "the input is untouched")

	code, _, stderr = runCmd("import", in, "-o", dir)
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "is a directory")
}
