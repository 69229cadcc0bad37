package main

import (
	"bytes"
	"jixiao/internal/editdist"
	"jixiao/msg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHelpOnStdout: jixiao help, jixiao help CMD, jixiao CMD --help and -h
// print the help on stdout and exit 0; each command's help has examples.
func TestHelpOnStdout(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, stdout, stderr := runCmd(args...)
		require.Equal(t, 0, code, "%v", args)
		require.Empty(t, stderr, "%v", args)
		for _, c := range []string{"render", "binder", "validate", "import", "preview", "template", "export", "completion"} {
			require.Contains(t, stdout, "\n  "+c+" ", "%v", args)
		}
	}
	for _, c := range []string{"render", "binder", "validate", "import", "preview", "template", "export"} {
		for _, args := range [][]string{{"help", c}, {c, "--help"}, {c, "-h"}} {
			code, stdout, stderr := runCmd(args...)
			require.Equal(t, 0, code, "%v", args)
			require.Empty(t, stderr, "%v", args)
			require.Contains(t, stdout, "Usage:\n  jixiao "+c, "%v", args)
			require.Contains(t, stdout, "Examples:\n  jixiao "+c, "%v", args)
		}
	}
	// In Chinese, headings and texts alike.
	code, stdout, _ := runCmd("help", "render", "--lang", "zh")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "用法：")
	require.Contains(t, stdout, "示例：")
	require.Contains(t, stdout, "打印册中第 N 张表")
	require.NotContains(t, stdout, "Usage:")
	// jixiao alone, at a prompt: the help on stderr, a usage error.
	code, stdout, stderr := runCmd()
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, "Usage:")
}

func TestDidYouMean(t *testing.T) {
	code, stdout, stderr := runCmd("rendr", "book.json", "-o", "x.pdf")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Equal(t, "jixiao: unknown command rendr\njixiao: did you mean render?\njixiao: run jixiao --help for the usage\n", stderr)
	_, _, stderr = runCmd("--lang", "zh", "valdate")
	require.Contains(t, stderr, "jixiao：没有 valdate 这个命令\njixiao：是否应为 validate？")
	// Nothing near: no suggestion.
	_, _, stderr = runCmd("frobnicate")
	require.NotContains(t, stderr, "did you mean")
	// A hostile name is escaped.
	_, _, stderr = runCmd("\x1b]0;x\x07")
	require.Contains(t, stderr, `unknown command \u001b]0;x\u0007`)
	// A shell completion has no script for is a usage error, not the help
	// with success.
	code, stdout, stderr = runCmd("completion", "tcsh")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Equal(t, "jixiao completion: unknown command tcsh\njixiao completion: run jixiao completion --help for the usage\n", stderr)
	code, stdout, _ = runCmd("completion")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "jixiao completion [command]")
}

func TestFlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"render", exampleBook, "--nope", "-o", "x.pdf"}, "jixiao render: unknown flag --nope\n"},
		{[]string{"render", exampleBook, "-form", "2", "-o", "x.pdf"}, "jixiao render: unknown flag -form\njixiao render: did you mean --form?\n"},
		{[]string{"binder", exampleBook, "--worker", "2", "-o", "x.pdf"}, "jixiao binder: unknown flag --worker\njixiao binder: did you mean --workers?\n"},
		{[]string{"render", exampleBook, "--form", "1", "--form", "2", "-o", "x.pdf"}, "jixiao render: --form is given more than once (it takes one value)\n"},
		{[]string{"render", exampleBook, "-o", "a.pdf", "-o", "b.pdf"}, "jixiao render: --output is given more than once"},
		{[]string{"render", exampleBook, "--form", "two", "-o", "x.pdf"}, "jixiao render: invalid value two for --form: expected the number of one form"},
		{[]string{"render", exampleBook, "-o"}, "jixiao render: flag --output needs a value\n"},
		{[]string{"validate"}, "jixiao validate: expected at least one input FILE\n"},
		{[]string{"render", "a.json", "b.json", "-o", "x.pdf"}, "jixiao render: expected exactly one input FILE\n"},
		{[]string{"validate", exampleBook, "-q", "-v"}, "give at most one of --quiet and --verbose"},
		{[]string{"render", exampleBook, "--lang", "xx", "-o", "x.pdf"}, "--lang xx: unknown language"},
	} {
		code, stdout, stderr := runCmd(c.args...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Empty(t, stdout, "%v", c.args)
		require.Contains(t, stderr, c.want, "%v", c.args)
	}
	// Repeatable flags stay repeatable.
	dir := t.TempDir()
	code, _, stderr := runCmd("render", exampleBook, "--form", "1", "--font-fallback", "/nonexistent/a.ttf", "--font-fallback", "/nonexistent/b.ttf", "-o", filepath.Join(dir, "x.pdf"))
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "--font-fallback: no such file: /nonexistent/a.ttf")
}

func TestVersionEverywhere(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}, {"render", "--version"}, {"binder", "--version"}, {"validate", "--version"}, {"import", "--version"}} {
		code, stdout, stderr := runCmd(args...)
		require.Equal(t, 0, code, "%v: %s", args, stderr)
		require.Equal(t, "jixiao "+version+"\n", stdout, "%v", args)
	}
	defer func(c, d string) { commit, date = c, d }(commit, date)
	commit, date = "0123456789ab", "2026-11-30T21:25:23Z"
	_, stdout, _ := runCmd("render", "--version")
	require.Equal(t, "jixiao "+version+" (commit 0123456789ab, built 2026-11-30T21:25:23Z)\n", stdout)
	_, stdout, _ = runCmd("--version", "--lang", "zh")
	require.Equal(t, "jixiao "+version+"（提交 0123456789ab，构建于 2026-11-30T21:25:23Z）\n", stdout)
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		code, stdout, stderr := runCmd("completion", sh)
		require.Equal(t, 0, code, "%s: %s", sh, stderr)
		require.Contains(t, stdout, "jixiao", sh)
		require.Greater(t, len(stdout), 1000, sh)
	}
	code, stdout, _ := runCmd("__complete", "render", "--paper", "")
	require.Equal(t, 0, code)
	require.Contains(t, stdout, "A4-landscape\n")
	_, stdout, _ = runCmd("__complete", "re")
	require.Contains(t, stdout, "render")
}

func TestProjectSuggestsNames(t *testing.T) {
	code, stdout, stderr := runCmd("render", exampleBook, "--project", "人社专职协理员经费", "-o", "-")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Equal(t, "jixiao render: --project 人社专职协理员经费: no form has this project name\n"+
		"jixiao render: the nearest project names: “人社专职协理员工作经费”\n", stderr)
	_, _, stderr = runCmd("render", exampleBook, "--project", "zzzzzzzzzzzzzzzzzzzzzz", "-o", "-")
	require.NotContains(t, stderr, "nearest")
}

// TestChineseList: a list in a Chinese message is written as Chinese
// writes one (“…”、“…”), in English with commas, from one List.
func TestChineseList(t *testing.T) {
	t.Setenv("JIXIAO_LANG", "zh")
	code, stdout, stderr := runCmd("render", exampleBook, "--project", "大楼物业费", "-o", "-")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Equal(t, "jixiao render：--project 大楼物业费：没有哪张表的项目名称是这个\n"+
		"jixiao render：最接近的项目名称：“大楼餐饮物业费”、“人力资源大楼物业费”\n", stderr)
	t.Setenv("JIXIAO_LANG", "en")
	_, _, stderr = runCmd("render", exampleBook, "--project", "大楼物业费", "-o", "-")
	require.Contains(t, stderr, "jixiao render: the nearest project names: “大楼餐饮物业费”, “人力资源大楼物业费”\n")
}

func TestChineseMessages(t *testing.T) {
	t.Setenv("JIXIAO_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	code, _, stderr := runCmd("validate", "nonexist.json")
	require.Equal(t, 2, code)
	require.Equal(t, "jixiao validate：找不到文件 nonexist.json\n", stderr)
	// --lang wins over the locale.
	_, _, stderr = runCmd("validate", "nonexist.json", "--lang", "en")
	require.Equal(t, "jixiao validate: no such file: nonexist.json\n", stderr)
	t.Setenv("JIXIAO_LANG", "en")
	_, _, stderr = runCmd("validate", "nonexist.json")
	require.Equal(t, "jixiao validate: no such file: nonexist.json\n", stderr)
}

// TestQuietVerbose: -q leaves errors only; -v adds timings.
func TestQuietVerbose(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.pdf")
	code, _, stderr := runCmd("binder", exampleBook, "-o", out, "-q")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, stderr)
	code, _, stderr = runCmd("binder", exampleBook, "-o", out, "--verbose")
	require.Equal(t, 0, code, stderr)
	require.Contains(t, stderr, "jixiao binder: wrote ")
	require.Regexp(t, `jixiao binder: done in [\d.]+(ms|s)\n`, stderr)
	code, _, stderr = runCmd("binder", "-q", exampleBook, "-o", filepath.Join(dir, "no", "x.pdf"))
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "cannot write")
}

func TestIsTerminal(t *testing.T) {
	require.False(t, isTerminal(&strings.Builder{}))
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	require.False(t, isTerminal(null), "/dev/null is a character device but no terminal")
}

func TestNearest(t *testing.T) {
	names := []string{"人社专职协理员工作经费", "就业专项资金", "就业补助资金", "render"}
	require.Equal(t, []string{"人社专职协理员工作经费"}, editdist.Nearest("人社专职协理员经费", names, 3))
	require.Equal(t, []string{"就业专项资金", "就业补助资金"}, editdist.Nearest("就业", names, 3))
	require.Equal(t, []string{"render"}, editdist.Nearest("RENDR", names, 3))
	require.Empty(t, editdist.Nearest("x", names, 3))
}

// TestDoubleClick: started by a double click (Windows, a console of its
// own) without a serve command, jixiao shows the help and waits for Enter.
func TestDoubleClick(t *testing.T) {
	var out, errb bytes.Buffer
	a := &app{p: &msg.Printer{Out: &out, Err: &errb}, stdin: strings.NewReader("\n")}
	root := a.newRoot(nil)
	if serve, _, err := root.Find([]string{"serve"}); err == nil && serve != root {
		t.Skip("with a serve command a double click runs jixiao serve --open")
	}
	require.NoError(t, a.doubleClick(root))
	require.Contains(t, out.String(), "Usage:")
	require.True(t, strings.HasSuffix(out.String(), "Press Enter to close this window."), out.String())
	require.Empty(t, errb.String())
}

// TestNoInternalNames: what cannot be written is named as the user named
// it, with the reason, never the temporary file or a package prefix.
func TestNoInternalNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "no", "x.pdf")
	code, _, stderr := runCmd("render", exampleBook, "--form", "1", "-o", out)
	require.Equal(t, 2, code)
	require.Equal(t, "jixiao render: cannot write "+out+": the directory does not exist\n", stderr)
	_, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", out, "--lang", "zh")
	require.Equal(t, "jixiao render：无法写入 "+out+"：文件夹不存在\n", stderr)
	_, _, stderr = runCmd("render", "nonexist.json", "-o", out)
	require.Equal(t, "jixiao render: no such file: nonexist.json\n", stderr)
	_, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", out, "--font-body", "simsun.ttc")
	require.Equal(t, "jixiao render: --font-body: no such file: simsun.ttc\n", stderr)
	_, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", out, "--paper", "B5", "--lang", "zh")
	require.Equal(t, "jixiao render：--paper：不认识的纸张 B5（可选 A4、A3、A4-landscape 或 A3-landscape）\n", stderr)
}

func TestHelpUnknownTopic(t *testing.T) {
	code, stdout, stderr := runCmd("help", "rendr")
	require.Equal(t, 2, code)
	require.Empty(t, stdout)
	require.Contains(t, stderr, "jixiao help: unknown command rendr\njixiao help: did you mean render?\n")
}

// TestStdin: - reads the book from standard input, for every command that
// reads one: JSON, YAML or a workbook, told apart by the content.
func TestStdin(t *testing.T) {
	src, err := os.ReadFile(exampleBook)
	require.NoError(t, err)
	dir := t.TempDir()
	stdinRun := func(in []byte, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(args, bytes.NewReader(in), &out, &errb)
		return code, out.String(), errb.String()
	}
	out := filepath.Join(dir, "f.pdf")
	code, _, stderr := stdinRun(src, "render", "-", "--form", "1", "-o", out)
	require.Equal(t, 0, code, stderr)
	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(pdf, []byte("%PDF-")))

	code, _, stderr = stdinRun(src, "binder", "-", "-o", filepath.Join(dir, "b.pdf"), "-q")
	require.Equal(t, 0, code, stderr)
	require.Empty(t, stderr)

	code, stdout, stderr := stdinRun(src, "validate", "-")
	require.Equal(t, 0, code, stderr+stdout)

	code, _, stderr = stdinRun(src, "export", "-", "-o", filepath.Join(dir, "b.xlsx"))
	require.Equal(t, 0, code, stderr)

	code, _, stderr = stdinRun(src, "preview", "-", "--form", "1", "--pages", "1", "--dpi", "20", "-o", filepath.Join(dir, "png"))
	require.Equal(t, 0, code, stderr)

	// YAML.
	yaml := []byte("year: 2024\nforms:\n  - projct: x\n")
	code, stdout, _ = stdinRun(yaml, "validate", "-")
	require.Equal(t, 1, code)
	require.Contains(t, stdout, "<stdin>:3:5: forms[0].projct: unknown key")
	// Chinese names standard input in its words where a problem stands.
	code, stdout, _ = stdinRun(yaml, "--lang", "zh", "validate", "-")
	require.Equal(t, 1, code)
	require.Contains(t, stdout, "标准输入 第 3 行第 5 列：")
	require.NotContains(t, stdout, "<stdin>")
	code, stdout, _ = stdinRun([]byte("PK\x03\x04junk"), "--lang", "zh", "validate", "-")
	require.Equal(t, 1, code)
	require.True(t, strings.HasPrefix(stdout, "标准输入：不是可读取的 .xlsx 工作簿"), stdout)

	// A workbook.
	wb, err := os.ReadFile(filepath.Join(dir, "b.xlsx"))
	require.NoError(t, err)
	code, _, stderr = stdinRun(wb, "render", "-", "--form", "3", "-o", out)
	require.Equal(t, 0, code, stderr)

	code, _, stderr = stdinRun(src, "validate", "-", "-")
	require.Equal(t, 2, code)
	require.Contains(t, stderr, "- (standard input) is given more than once")
}
