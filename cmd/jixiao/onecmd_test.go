package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"jixiao/msg"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOneCommandTree: a command line that names a command is run with a
// tree of that command alone; what it prints and its exit status are
// those of the whole tree, in both languages, for help, flag errors,
// usage errors, completion and a run.
func TestOneCommandTree(t *testing.T) {
	if testing.Short() {
		t.Skip("runs each command line twice")
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "x.pdf")
	book := filepath.Join("..", "..", "examples", "jiangyin-2024.json")
	var lines [][]string
	for _, lang := range []string{"en", "zh"} {
		for _, c := range []string{"render", "binder", "serve", "validate", "import", "preview", "template", "export", "version"} {
			lines = append(lines,
				[]string{"--lang", lang, c, "--help"},
				[]string{c, "-h", "--lang=" + lang},
				[]string{"--lang", lang, c, "--no-such-flag"},
				[]string{"--lang", lang, "-q", "-v", c},
				[]string{"--lang", lang, c, "a", "b", "c"},
			)
		}
		lines = append(lines,
			[]string{"--lang", lang, "version"},
			[]string{"--lang", lang, "render", book, "--form", "99", "-o", pdf},
			[]string{"--lang", lang, "validate", book},
			[]string{"--lang", lang, "--", "render"},
			[]string{"--lang", lang, "rendr"},
			[]string{"--lang", lang, "help", "render"},
			[]string{"--lang", lang, "__complete", "render", "--fo"},
			[]string{"--lang", lang, "__complete", "binder", "--group-by", ""},
			// A flag before the command's name: cobra takes the name for
			// its value.
			[]string{"--lang", lang, "--draft", "binder", book, "-o", pdf},
			[]string{"--lang", lang, "--strict", "validate", book},
			[]string{"--lang", lang, "--bogus", "render", "version"},
			[]string{"--lang", lang, "-x", "render", "version"},
			[]string{"--lang", lang, "--form", "render", "validate", book},
		)
	}
	run1 := func(args []string) string {
		var out, errb bytes.Buffer
		code := run(args, bytes.NewReader(nil), &out, &errb)
		_ = os.Remove(pdf)
		return out.String() + "\x00" + errb.String() + "\x00" + string(rune('0'+code))
	}
	ones := 0
	for _, args := range lines {
		a := &app{p: &msg.Printer{Out: io.Discard, Err: io.Discard}, args: args}
		if len(a.newRoot(args).Commands()) == 1 {
			ones++
		}
		one := run1(args)
		oneCommand = false
		whole := run1(args)
		oneCommand = true
		assert.Equal(t, whole, one, "%q", args)
	}
	// Every line naming a command before any flag cobra does not know
	// has the tree of that command alone: all but help, completion,
	// a mistyped name, "-- render" and the flags before the name.
	assert.Equal(t, len(lines)-2*10, ones, "command lines run with one command's tree")
}

// TestFlagBeforeCommand: a command's flag written before its name (cobra
// takes the name for the flag's value) is told as that, not as an
// unknown command that the message then suggests (review 8a, item 1).
func TestFlagBeforeCommand(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "jixiao: unknown flag --draft\njixiao: a command's flags go after its name: jixiao binder --draft …\n",
		"zh": "jixiao：没有 --draft 这个选项\njixiao：命令的选项要写在命令名之后：jixiao binder --draft …\n",
	} {
		var out, errb bytes.Buffer
		code := run([]string{"--lang", lang, "--draft", "binder", "book.json", "-o", "x.pdf"}, bytes.NewReader(nil), &out, &errb)
		assert.Equal(t, 2, code)
		assert.Equal(t, want, errb.String())
	}
	// A mistyped name after a flag is still a mistyped name.
	var out, errb bytes.Buffer
	assert.Equal(t, 2, run([]string{"--nope", "rendr"}, bytes.NewReader(nil), &out, &errb))
	assert.Contains(t, errb.String(), "unknown command rendr")
}

// TestCompletionAfterLang: completing a command line that gives --lang
// before the command lists the command's flags (cobra parses the line
// twice; a flag given once must not be told as given twice), and a flag
// given twice with two values is still refused.
func TestCompletionAfterLang(t *testing.T) {
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"--lang", "en", "__complete", "render", "--fo"}, bytes.NewReader(nil), &out, &errb))
	assert.Contains(t, out.String(), "--form\t")
	assert.NotContains(t, errb.String(), "more than once")
	errb.Reset()
	assert.Equal(t, 2, run([]string{"render", "--form", "1", "--form", "2", "book.json", "-o", "x.pdf"}, bytes.NewReader(nil), &out, &errb))
	assert.Contains(t, errb.String(), "--form is given more than once")
}
