package msg

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"组织目标":                    "组织目标",
		"\x1b]0;t\x07":            `\u001b]0;t\u0007`,
		"a\u202Eb":                "aU+202Eb",
		"\u2066x\u2069":           "U+2066xU+2069",
		"line\nbreak\ttab":        `line\u000abreak\u0009tab`,
		"\u009b31m":               `\u009b31m`,
		"bad\xffutf8":             `bad\xffutf8`,
		"≥95%, “引号” and 'quotes'": "≥95%, “引号” and 'quotes'",
	} {
		require.Equal(t, want, Escape(in), "%q", in)
		// Escaping twice changes nothing more: the result is printable.
		require.Equal(t, want, Escape(Escape(in)), "%q", in)
	}
}

func TestText(t *testing.T) {
	require.Equal(t, "no such file: nonexist.json", English.Text(NoSuchFile, "nonexist.json"))
	require.Equal(t, "找不到文件 nonexist.json", Chinese.Text(NoSuchFile, "nonexist.json"))
	// User values are escaped; Raw and numbers are not touched.
	require.Equal(t, `找不到文件 a\u001b[31m`, Chinese.Text(NoSuchFile, "a\x1b[31m"))
	require.Equal(t, "--form 9: the book has 3 forms", English.Text(FormOutOfRange, 9, Raw("3 forms")))
	// A missing argument leaves its place visible rather than panicking.
	require.Equal(t, "no such file: {1}", English.Text(NoSuchFile))
	require.Equal(t, "no-such-code x", English.Text("no-such-code", "x"))
	require.Equal(t, "{1}", fill(English, "{{1}", []any{"x"}))
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"zh": Chinese, "zh_CN.UTF-8": Chinese, "zh-TW": Chinese, "ZH_cn.gbk": Chinese,
		"中文": Chinese, "en": English, "en_US.UTF-8": English, "C": English, "POSIX": English, "C.UTF-8": English} {
		l, ok := ParseLang(in)
		require.True(t, ok, in)
		require.Equal(t, want, l, in)
	}
	for _, in := range []string{"", "de_DE.UTF-8", "fr", "zhx"} {
		_, ok := ParseLang(in)
		require.False(t, ok, in)
	}
}

func TestDetect(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		flag string
		env  []string
		want Lang
		bad  bool
	}{
		{"", nil, English, false},
		{"zh", nil, Chinese, false},
		{"en", []string{"JIXIAO_LANG", "zh", "LANG", "zh_CN.UTF-8"}, English, false},
		{"", []string{"JIXIAO_LANG", "zh", "LANG", "en_US.UTF-8"}, Chinese, false},
		{"", []string{"LANG", "zh_CN.UTF-8"}, Chinese, false},
		{"", []string{"LC_MESSAGES", "zh_CN.UTF-8", "LANG", "en_US.UTF-8"}, Chinese, false},
		{"", []string{"LC_ALL", "C", "LC_MESSAGES", "zh_CN.UTF-8"}, English, false},
		{"", []string{"LANG", "de_DE.UTF-8"}, English, false},
		{"klingon", []string{"LANG", "zh_CN.UTF-8"}, Chinese, true},
		{"klingon", []string{"JIXIAO_LANG", "zh"}, Chinese, true},
		{"", []string{"JIXIAO_LANG", "xx", "LANG", "zh_CN"}, Chinese, true},
	}
	for _, c := range cases {
		l, err := Detect(c.flag, env(c.env...))
		require.Equal(t, c.want, l, "%+v", c)
		require.Equal(t, c.bad, err != nil, "%+v: %v", c, err)
	}
}

func TestDescribe(t *testing.T) {
	err := fmt.Errorf("model: %w", &fs.PathError{Op: "stat", Path: "nonexist.json", Err: fs.ErrNotExist})
	require.Equal(t, "找不到文件 nonexist.json", Describe(Chinese, err))
	require.Equal(t, "no such file: nonexist.json", Describe(English, err))
	err = fmt.Errorf("fonts: %w", &fs.PathError{Op: "open", Path: "simsun.ttc", Err: fs.ErrPermission})
	require.Equal(t, "没有权限打开 simsun.ttc", Describe(Chinese, err))
	require.Equal(t, "a\nwrote b", Describe(English, errors.Join(errors.New("model: a"), New(Wrote, Raw("b")))))
	require.Equal(t, `x \u001b`, Describe(English, errors.New("layout: render: x \x1b")))
	require.Equal(t, "--paper：不认识的纸张 B5（可选 A4、A3、A4-landscape 或 A3-landscape）", Describe(Chinese, Wrap(errors.New("x"), PaperUnknown, "B5")))
}

// TestCatalogueOnce: no code is given texts twice (a map literal refused
// that at compile time; the tables are slices).
func TestCatalogueOnce(t *testing.T) {
	seen := map[Code]bool{}
	for _, table := range tables() {
		for _, it := range table {
			require.False(t, seen[it.code], "%s has texts twice", it.code)
			seen[it.code] = true
		}
	}
}

// TestCatalogueTexts: every code has both texts, and both use the same
// places {1} … {N}, each of them.
func TestCatalogueTexts(t *testing.T) {
	for _, e := range catalogue() {
		c := e.code
		require.NotEmpty(t, e.en, c)
		require.NotEmpty(t, e.zh, c)
		n := places(e.en)
		require.Equal(t, n, places(e.zh), "%s: the English and Chinese texts take different arguments", c)
		for i := 1; i <= n; i++ {
			p := fmt.Sprintf("{%d}", i)
			require.True(t, strings.Contains(e.en, p) && strings.Contains(e.zh, p), "%s: %s not in both texts", c, p)
		}
		require.NotEqual(t, e.en, e.zh, "%s: the Chinese text is the English one", c)
	}
}
