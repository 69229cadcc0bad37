package msg

import (
	"strings"
	"testing"
)

// A problem of a workbook is told alike on the command line and on the
// web page: a text that sends the user to the page's link to the blank
// template names the command too (review 7, item 17), in each language.
func TestTemplateBothWays(t *testing.T) {
	n := 0
	for _, e := range xlsxCatalogue {
		if strings.Contains(e.zh, "下载空白模板") {
			n++
			if !strings.Contains(e.zh, "jixiao template") {
				t.Errorf("%s: the Chinese sends the user to the web page alone: %s", e.code, e.zh)
			}
		}
		if strings.Contains(e.en, "web page") && !strings.Contains(e.en, "jixiao template") {
			t.Errorf("%s: the English sends the user to the web page alone: %s", e.code, e.en)
		}
	}
	if n < 3 {
		t.Errorf("only %d texts point to the page's blank template", n)
	}
}
