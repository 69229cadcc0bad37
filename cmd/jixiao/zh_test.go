package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"jixiao/model"
	"jixiao/msg"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wordRE finds words in ASCII letters.
var wordRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]`)

// allowedWords are the names a Chinese message may hold as they are: file
// formats, tools, units.
var allowedWords = map[string]bool{
	"JSON": true, "YAML": true, "XLSX": true, "PDF": true, "PNG": true, "HTML": true, "LaTeX": true,
	"UTF-8": true, "GBK": true, "Tab": true, "MiB": true, "KiB": true, "TTF": true, "TTC": true,
	"OTF": true, "CFF": true, "PostScript": true, "Unicode": true, "ttcf": true, "OpenType": true, "TrueType": true, "Excel": true, "WPS": true,
	"jixiao": true, "WOFF": true, "zip": true, "LibreOffice": true,
	// commands and flag values, as the user types them
	"render": true, "binder": true, "validate": true, "preview": true, "import": true, "export": true,
	"on": true, "off": true, "unit": true, "null": true, "true": true, "false": true, "pt": true, "mm": true, "A4": true,
}

// englishWords returns the words in ASCII letters in a Chinese message s
// that are not part of an allowed value (a user value, a file name, a flag
// name: given), of "quoted" user text, a field path, a flag (--x) or
// allowedWords: the English left in it.
func englishWords(s string, allowed ...string) []string {
	sort.Slice(allowed, func(i, j int) bool { return len(allowed[i]) > len(allowed[j]) })
	for _, a := range allowed {
		if len(a) > 2 { // not "1" of --form 1: it may stand in a number
			s = strings.ReplaceAll(s, a, " ")
		}
	}
	s = quotedRE.ReplaceAllString(s, " ")
	var out []string
	for _, w := range wordRE.FindAllString(s, -1) {
		if !allowedWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// quotedRE: user text in quotes, field paths (forms[0].year), flags
// (--form), file names with an extension.
var quotedRE = regexp.MustCompile(`\d+(?:\.\d+)?(?:ms|µs|s)\b|'[^']{1,4}'|\.(?:json|yaml|yml|xlsx|txt|pdf|png|ttf|ttc|otf)\b|U\+[0-9A-F]{4,6}|\\[a-z]|"(?:[^"\\]|\\.)*"|“[^”]*”|[a-z_0-9]+(?:\[\d+\])?(?:\.[a-z_0-9]+(?:\[\d+\])?)*\[\d+\](?:\.[a-z_0-9]+)*|--?[a-z][a-z-]*|[\w./-]+\.(?:json|yaml|yml|xlsx|txt|pdf|png|ttf|ttc|otf)\b`)

// TestVerboseSteps: -v tells how long each step took, then the total, in
// the language chosen.
func TestVerboseSteps(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		lang  string
		steps []string
		total string
	}{
		{"en", []string{"read and check: ", "lay out (all workers together): ", "draw (all workers together): ", "write: "}, "done in "},
		{"zh", []string{"读取和检查：用时 ", "排版（各线程合计）：用时 ", "绘制（各线程合计）：用时 ", "写出文件：用时 "}, "完成，用时 "},
	} {
		code, _, stderr := runCmd("render", exampleBook, "--form", "1", "-o", filepath.Join(dir, "x.pdf"), "-v", "--lang", c.lang)
		require.Equal(t, 0, code, stderr)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		require.Len(t, lines, len(c.steps)+1, stderr)
		for i, s := range c.steps {
			require.Regexp(t, regexp.QuoteMeta(s)+`[\d.]+(µs|ms|s)$`, lines[i])
		}
		require.Contains(t, lines[len(c.steps)], c.total)
		code, _, stderr = runCmd("binder", exampleBook, "-o", filepath.Join(dir, "b.pdf"), "-v", "--lang", c.lang)
		require.Equal(t, 0, code, stderr)
		require.Contains(t, stderr, c.steps[1])
	}
}

// TestChineseThroughout runs the command as a clerk would on bad inputs,
// in Chinese, and checks that no English is left in what it prints:
// every word in ASCII letters must be a file name, a flag, a field path,
// quoted user text or a name such as JSON (allowedWords).
func TestChineseThroughout(t *testing.T) {
	t.Setenv("JIXIAO_LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	dir := t.TempDir()
	file := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	ttc := make([]byte, 16)
	copy(ttc, "ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x64")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.ttc"), ttc, 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "fontdir.ttf"), 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	font := func(f string) []string {
		return []string{"render", exampleBook, "--form", "1", "--font-body", f, "-o", filepath.Join(dir, "x.pdf")}
	}
	seed, err := os.ReadFile(seedFile)
	require.NoError(t, err)
	runs := [][]string{
		{"validate", file("comma.json", `{"forms": [ {"project": 7,, }`)},
		{"validate", file("colon.json", `{"a" 1}`)},
		{"validate", file("cut.json", `{"forms": [1, 2`)},
		{"validate", file("ctl.json", "{\"project\": \"a\tb\"}")},
		{"validate", file("after.json", `{} x`)},
		{"validate", file("num.json", `{"year": 20x4}`)},
		{"validate", file("tab.yaml", "forms:\n\t- project: x\n")},
		{"validate", file("colon.yaml", "project: a: b\n")},
		{"validate", file("dash.yaml", "forms:\n  - a: 1\n - b: 2\n")},
		{"validate", file("types.json", `{"forms":[{"project":7,"year":"x","indicators":{},"unit":true,"department":null,"total_amount":[]}]}`)},
		{"validate", file("text.xlsx", "hello")},
		{"validate", filepath.Join(dir, "empty")},
		{"validate", filepath.Join(dir, "x.txt", "y.json")},
		font(file("f.txt", "hello")),
		font(filepath.Join(dir, "fontdir.ttf")),
		font(filepath.Join(dir, "bad.ttc")),
		font(filepath.Join(dir, "bad.ttc") + "#3"),
		font("../../fonts/NotoSerifSC-Regular.ttf#2"),
		font(file("w.woff", "wOFF0000000000000000")),
		font(file("cff.otf", "OTTO0000000000000000")),
		{"import", file("seed.txt", string(seed)), "-o", filepath.Join(dir, "seed.json")},
		{"import", file("half.txt", string(seed[:3000])), "-o", filepath.Join(dir, "seed.json")},
		{"import", file("junk.txt", "hello\nworld\n"), "-o", filepath.Join(dir, "seed.json")},
		{"render", exampleBook, "--form", "1", "--fit", "maybe", "-o", filepath.Join(dir, "x.pdf")},
		{"binder", exampleBook, "--split-by", "year", "-o", filepath.Join(dir, "x.pdf")},
		{"preview", exampleBook, "--form", "1", "--draft", "-o", filepath.Join(dir, "png")},
		{"render", exampleBook, "--form", "1", "-o", filepath.Join(dir, "x.pdf"), "-v"},
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.txt"), nil, 0o644))
	for _, args := range runs {
		_, stdout, stderr := runCmd(args...)
		for _, line := range strings.Split(stdout+stderr, "\n") {
			if line == "" || strings.HasPrefix(line, "%PDF") {
				continue
			}
			assert.Empty(t, englishWords(line, append(args, dir)...), "jixiao %s:\n%s", strings.Join(args, " "), line)
		}
	}
}

// TestChineseTemplates: no Chinese text of the messages that say what a
// library, the parser or the system found (the codes with these prefixes)
// holds an English word but names (allowedWords) and quoted values.
func TestChineseTemplates(t *testing.T) {
	prefixes := []string{"seed-", "json-", "yaml-", "value-", "font-", "reason-", "xlsx-reason-", "step-", "timing", "input-kinds", "unforeseen", "end-of-file"}
	n := 0
	for _, c := range msg.Codes() {
		for _, p := range prefixes {
			if strings.HasPrefix(string(c), p) {
				zh := msg.Chinese.Template(c)
				assert.Empty(t, englishWords(zh, "#N，N 从"), "%s: %s", c, zh)
				n++
				break
			}
		}
	}
	require.Greater(t, n, 80)
}

// notoWith is the embedded body font's file with its table name changed in
// place by change (nil: the file as it is).
func notoWith(t *testing.T, name string, change func(table []byte)) []byte {
	t.Helper()
	data, err := os.ReadFile("../../fonts/NotoSerifSC-Regular.ttf")
	require.NoError(t, err)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		r := data[12+16*i:]
		if string(r[:4]) == name {
			off, l := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
			change(data[off : off+l])
			return data
		}
	}
	t.Fatalf("the font has no %s table", name)
	return nil
}

// TestFontFaultsSaid: a font file that cannot be used is refused with
// what is wrong with it, in the user's language: in Chinese with no
// English left, also for the faults only the PDF's subsets would meet;
// and no PDF is left behind.
func TestFontFaultsSaid(t *testing.T) {
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	noto := notoWith(t, "head", func([]byte) {})
	ttc := []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x64")
	for _, c := range []struct {
		what, flag, font string
		en, zh           string
	}{
		{"cut short", "--font-body", file("cut.ttf", noto[:200000]),
			`table "glyf" extends past the end of the file`, "“glyf” 表超出了文件末尾"},
		{"units per em", "--font-title", file("upm.ttf", notoWith(t, "head", func(b []byte) { binary.BigEndian.PutUint16(b[18:], 8) })),
			"unitsPerEm 8 is outside 16…16384", "每个字宽分 8 个单位"},
		{"no widths", "--font-fallback", file("nowidth.ttf", notoWith(t, "hhea", func(b []byte) { binary.BigEndian.PutUint16(b[34:], 0) })),
			"declares no horizontal metrics", "没有声明任何字宽"},
		{"a face past the end", "--font-body", file("face.ttc", ttc),
			"face 0: truncated table directory", "字体集中的第 0 号字体：文件不完整（字体的表目录被截断）"},
		{"a face not there", "--font-body", filepath.Join(dir, "face.ttc") + "#3",
			"face 3 requested, but the collection has 1 faces", "这个字体集只有 1 个字体"},
		{"not a font", "--font-body", file("text.ttf", []byte("hello, world")),
			"not a TrueType font", "不是 TrueType 字体"},
		// sfnt reads no loca entry at load: fonts reads them for the
		// subsets, before anything is laid out.
		{"loca entry", "--font-body", file("loca.ttf", notoWith(t, "loca", func(b []byte) { binary.BigEndian.PutUint32(b[4*5:], 0x0FFFFFF0) })),
			"--font-body: " + filepath.Join(dir, "loca.ttf") + ": bad loca entry 5", "字形位置表（“loca” 表）第 5 项有误"},
	} {
		for _, lang := range []string{"en", "zh"} {
			out := filepath.Join(dir, "x.pdf")
			args := []string{"render", exampleBook, "--form", "1", c.flag, c.font, "-o", out, "--lang", lang}
			code, stdout, stderr := runCmd(args...)
			assert.Equal(t, 2, code, "%s %s: %s", c.what, lang, stderr)
			assert.Empty(t, stdout, c.what)
			assert.NoFileExists(t, out, c.what)
			want := map[string]string{"en": c.en, "zh": c.zh}[lang]
			assert.Contains(t, stderr, want, "%s %s", c.what, lang)
			assert.Contains(t, stderr, filepath.Base(strings.TrimSuffix(c.font, "#3")), c.what)
			if lang == "zh" {
				for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
					assert.Empty(t, englishWords(line, append(args, dir)...), "%s:\n%s", c.what, line)
				}
			}
		}
	}
	// A font that lacks a character of the form: a problem of the form,
	// said where the character stands (no font's fault, and said in
	// Chinese before this test too).
	form := renderFormFile(t, func(f *model.Form) { f.Overview = "吉野家𠮷" + f.Overview })
	args := []string{"render", form, "--font-body", file("body.ttf", noto), "-o", filepath.Join(dir, "x.pdf"), "--lang", "zh"}
	code, _, stderr := runCmd(args...)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, "所用字体里没有 '𠮷' 这个字")
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		assert.Empty(t, englishWords(line, append(args, dir)...), line)
	}
}

// TestChineseHelpDefaults: a flag's default in the Chinese help is said
// as the other Chinese texts say one, （默认：on）, right after the text,
// its value without ASCII quotes; the English keeps pflag's form.
func TestChineseHelpDefaults(t *testing.T) {
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"--lang", "zh", "render", "--help"}, strings.NewReader(""), &out, &errb), errb.String())
	help := out.String()
	assert.Contains(t, help, "不收紧（默认：on）")
	assert.NotContains(t, help, "（默认 \"")
	assert.NotContains(t, help, " （默认")
	out.Reset()
	require.Equal(t, 0, run([]string{"--lang", "en", "render", "--help"}, strings.NewReader(""), &out, &errb), errb.String())
	assert.Contains(t, out.String(), "never (default \"on\")")
}
