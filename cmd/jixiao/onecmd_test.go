package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
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
		)
	}
	run1 := func(args []string) string {
		var out, errb bytes.Buffer
		code := run(args, bytes.NewReader(nil), &out, &errb)
		_ = os.Remove(pdf)
		return out.String() + "\x00" + errb.String() + "\x00" + string(rune('0'+code))
	}
	for _, args := range lines {
		one := run1(args)
		oneCommand = false
		whole := run1(args)
		oneCommand = true
		assert.Equal(t, whole, one, "%q", args)
	}
}
