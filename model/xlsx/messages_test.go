package xlsx

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestMessages: every code has an English and a Chinese text quoting the
// same number of values, and every code is used.
func TestMessages(t *testing.T) {
	src, err := os.ReadFile("messages.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^\t(Code\w+)\s+Code = "(xlsx-[a-z-]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(declared) != len(messages) {
		t.Errorf("%d codes declared, %d with texts", len(declared), len(messages))
	}
	var code strings.Builder
	for _, f := range []string{"read.go", "sheet.go", "xmlsheet.go", "write.go", "number.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	for _, d := range declared {
		m, ok := messages[Code(d[2])]
		switch {
		case !ok:
			t.Errorf("%s has no text", d[2])
		case m.en == "" || m.zh == "":
			t.Errorf("%s lacks a text", d[2])
		case strings.Count(m.en, "%s") != strings.Count(m.zh, "%s"):
			t.Errorf("%s: the texts quote %d and %d values", d[2], strings.Count(m.en, "%s"), strings.Count(m.zh, "%s"))
		}
		if !strings.Contains(code.String(), d[1]) {
			t.Errorf("%s (%s) is never used", d[1], d[2])
		}
	}
}
