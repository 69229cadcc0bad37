package xlsx

import (
	"os"
	"regexp"
	"strings"
	"testing"

	catalogue "jixiao/msg"
)

// TestMessages: every code has its texts in the catalogue (whose own test
// checks that both languages quote the same values), and every code is
// used.
func TestMessages(t *testing.T) {
	src, err := os.ReadFile("messages.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^\t(Code\w+)\s+Code = "(xlsx-[a-z-]+)"`).FindAllStringSubmatch(string(src), -1)
	var code strings.Builder
	for _, f := range []string{"read.go", "pkg.go", "sheet.go", "styles.go", "xmlsheet.go", "write.go", "number.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	for _, d := range declared {
		if !catalogue.Has(catalogue.Code(d[2])) {
			t.Errorf("%s has no text in the catalogue", d[2])
		}
		if !strings.Contains(code.String(), d[1]) {
			t.Errorf("%s (%s) is never used", d[1], d[2])
		}
	}
}
