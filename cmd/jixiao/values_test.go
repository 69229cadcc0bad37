package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A flag's value refused says what is expected, in either language
// (review 7, item 12), and a list of forms past the book is told as given
// (--form 17-25, not --form 19).
func TestFlagValueExpected(t *testing.T) {
	for _, c := range []struct {
		args   []string
		en, zh string
	}{
		{[]string{"render", exampleBook, "--form", "abc", "-o", "x.pdf"},
			"invalid value abc for --form: expected the number of one form, counted from 1, such as 4",
			"--form 的值 abc 不对，应为：一张表的序号（从 1 数起），如 4"},
		{[]string{"render", exampleBook, "--form", "1,3", "-o", "x.pdf"},
			"invalid value 1,3 for --form: expected the number of one form, counted from 1, such as 4 (jixiao binder --form 1,3-5 prints several)",
			"要打印几张表，请用 jixiao binder --form 1,3-5"},
		{[]string{"binder", exampleBook, "--form", "3-1", "-o", "x.pdf"},
			"invalid value 3-1 for --form: expected form numbers counted from 1: one (4), several (1,3) or a range, the smaller number first (3-5)",
			"--form 的值 3-1 不对，应为：从 1 数起的表序号"},
		{[]string{"binder", exampleBook, "--form", "abc", "-o", "x.pdf"},
			"expected form numbers counted from 1", "小号在前（3-5）"},
		{[]string{"template", "--year", "abc", "-o", "t.xlsx"},
			"invalid value abc for --year: expected a year such as 2025", "--year 的值 abc 不对，应为：年份，如 2025"},
		{[]string{"serve", "--max-upload", "0"},
			"invalid value 0 for --max-upload: expected a number of MB from 1, such as 64", "应为：从 1 起的整数（单位 MB），如 64"},
		{[]string{"serve", "--timeout", "0"},
			"for --timeout: expected a time longer than 0, such as 90s, 2m or 1h30m", "应为：大于 0 的时长"},
		{[]string{"serve", "--timeout", "soon"},
			"invalid value soon for --timeout: expected a time longer than 0", "--timeout 的值 soon 不对"},
		{[]string{"serve", "--upload-memory", "-1"},
			"invalid value -1 for --upload-memory: expected a number of MB", "应为：整数（单位 MB）"},
		{[]string{"binder", exampleBook, "--workers", "x", "-o", "x.pdf"},
			"invalid value x for --workers: expected a number of forms laid out at once", "应为：同时排版的表数"},
		{[]string{"preview", exampleBook, "--dpi", "x", "-o", "pv"},
			"invalid value x for --dpi: expected a resolution in dots per inch", "应为：分辨率"},
		{[]string{"render", exampleBook, "--form", "1", "--strict=maybe", "-o", "x.pdf"},
			"invalid value maybe for --strict: expected true or false", "应为：true 或 false"},
		{[]string{"binder", exampleBook, "--form", "17-25", "-o", "x.pdf"},
			"--form 17-25: the book has 18 forms, so there is no form 19", "--form 17-25：本册只有 18 张表，没有第 19 张"},
		{[]string{"binder", exampleBook, "--form", "19", "-o", "x.pdf"},
			"--form 19: the book has 18 forms\n", "--form 19：本册只有 18 张表\n"},
	} {
		code, _, stderr := runCmd(append(c.args, "--lang", "en")...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.en, c.args)
		code, _, stderr = runCmd(append(c.args, "--lang", "zh")...)
		require.Equal(t, 2, code, "%v: %s", c.args, stderr)
		require.Contains(t, stderr, c.zh, c.args)
	}
}

// A character of --watermark no font has names the option as it is
// written, --watermark, not the bare word (review 7, item 20).
func TestWatermarkGlyphNamed(t *testing.T) {
	code, _, stderr := runCmd("render", exampleBook, "--form", "1", "-o", t.TempDir()+"/w.pdf", "--watermark", "a\ue000b", "--lang", "zh")
	require.Equal(t, 1, code, stderr)
	require.Contains(t, stderr, "jixiao render：--watermark：所用字体里没有 '\\ue000' 这个字（U+E000）")
	// A control character is refused as one, before the book is read.
	code, _, stderr = runCmd("render", exampleBook, "--form", "1", "-o", t.TempDir()+"/w.pdf", "--watermark", "a\x1bb", "--lang", "zh")
	require.Equal(t, 2, code, stderr)
	require.Contains(t, stderr, "jixiao render：--watermark：控制字符 U+001B 无法打印")
}
