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

func TestValidateExampleBook(t *testing.T) {
	code, stdout, stderr := runCmd("validate", "../../examples/jiangyin-2024.json")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, stdout, "a valid book has no problems to list")
	require.Contains(t, stderr, "valid")
}

func TestValidateListsEveryProblem(t *testing.T) {
	src, err := os.ReadFile("../../model/testdata/form.json")
	require.NoError(t, err)
	bad := strings.Replace(string(src), `"level2": "绩效目标"`, `"level2": "组织目标"`, 2)
	bad = strings.Replace(bad, `"year_amount": "4012.8"`, `"year_amount": "5000"`, 1)
	path := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))

	code, stdout, _ := runCmd("validate", path)
	require.Equal(t, 1, code)
	require.Contains(t, stdout, path+":")
	require.Contains(t, stdout, "forms[0].indicators[2].level2: 组织目标 is not a 二级指标 of 决策 (did you mean 绩效目标?)")
	require.Contains(t, stdout, "forms[0].year_amount: 本年度项目金额 5000 is more than 项目总金额 4012.8")

	code, stdout, _ = runCmd("validate", "--json", path)
	require.Equal(t, 1, code)
	var problems []jsonProblem
	require.NoError(t, json.Unmarshal([]byte(stdout), &problems))
	require.Len(t, problems, 3, "problems in field order: year_amount, then both 组织目标 rows")
	require.Equal(t, "forms[0].year_amount", problems[0].Path)
	p := problems[1]
	require.Equal(t, path, p.File)
	require.Equal(t, "forms[0].indicators[2].level2", p.Path)
	require.Equal(t, "error", p.Severity)
	require.Equal(t, model.CodeLevel2NotInLevel1, p.Code)
	require.Equal(t, model.CodeYearAmountAbove, problems[0].Code)
	require.Positive(t, p.Line)
	require.Positive(t, p.Column)
}

func TestValidateDecodeErrorsAreProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.json")
	require.NoError(t, os.WriteFile(path, []byte("{\n  \"projct\": \"x\"\n}\n"), 0o644))
	code, stdout, _ := runCmd("validate", "--json", path)
	require.Equal(t, 1, code)
	var problems []jsonProblem
	require.NoError(t, json.Unmarshal([]byte(stdout), &problems))
	require.Len(t, problems, 1)
	require.Equal(t, jsonProblem{File: path, Line: 2, Column: 3, Path: "forms[0].projct", Severity: "error",
		Code: model.CodeUnknownKeySimilar, Message: problems[0].Message}, problems[0])
	require.Contains(t, problems[0].Message, "did you mean project?")
}

func TestValidateUsageAndIOErrors(t *testing.T) {
	code, _, _ := runCmd("validate")
	require.Equal(t, 2, code)
	code, _, stderr := runCmd("validate", filepath.Join(t.TempDir(), "missing.json"))
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "missing.json")
	code, _, _ = runCmd("validate", "--no-such-flag", "x.json")
	require.Equal(t, 2, code)
	code, stdout, _ := runCmd("validate", "-h")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "jixiao validate [--json] [--strict] [-q] FILE...")
}

func TestValidateDirectoryInNameOrder(t *testing.T) {
	src, err := os.ReadFile("../../model/testdata/form.json")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), []byte("{\"projct\": 1}"), 0o644))
	warn := strings.Replace(string(src), `"half_year": ">15万"`, `"half_year": ""`, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.json"), []byte(warn), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.json"), src, 0o644))

	code, stdout, _ := runCmd("validate", dir)
	require.Equal(t, 1, code)
	a := strings.Index(stdout, filepath.Join(dir, "a.json"))
	b := strings.Index(stdout, filepath.Join(dir, "b.json"))
	require.True(t, a >= 0 && b > a, "problems in name order:\n%s", stdout)

	require.NoError(t, os.Remove(filepath.Join(dir, "a.json")))
	code, _, stderr := runCmd("validate", dir)
	require.Equal(t, 0, code)
	require.Contains(t, stderr, "2 files valid")
}

// TestValidateJSONFields pins the field names and order of validate --json:
// code was added beside the fields scripts already read.
func TestValidateJSONFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "typo.json")
	require.NoError(t, os.WriteFile(path, []byte("{\n  \"projct\": \"x\"\n}\n"), 0o644))
	_, stdout, _ := runCmd("validate", "--json", path)
	var raw []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &raw))
	require.Len(t, raw, 1)
	keys := []string{}
	for k := range raw[0] {
		keys = append(keys, k)
	}
	require.ElementsMatch(t, []string{"file", "line", "column", "path", "severity", "code", "message"}, keys)
	i := strings.Index(stdout, `"severity"`)
	require.True(t, i > strings.Index(stdout, `"path"`) && strings.Index(stdout, `"code"`) > i && strings.Index(stdout, `"message"`) > strings.Index(stdout, `"code"`), stdout)
}
