package model

import "testing"

// A form's path is spelt by FormPath and read back by CutFormPath (and
// FormIndex), the one pair every package uses.
func TestFormPath(t *testing.T) {
	if got := FormPath(12); got != "forms[12]" {
		t.Errorf("FormPath(12) = %q", got)
	}
	if got := TextPath(FormPath(3), "level2", 7); got != "forms[3].indicators[7].level2" {
		t.Errorf("TextPath = %q", got)
	}
	for _, c := range []struct {
		path string
		i    int
		rest string
		ok   bool
	}{
		{"forms[3].indicators[7].level2", 3, ".indicators[7].level2", true},
		{FormPath(0), 0, "", true},
		{"forms[x].title", 0, "", false},
		{"forms[", 0, "", false},
		{"title", 0, "", false},
	} {
		i, rest, ok := CutFormPath(c.path)
		if i != c.i || rest != c.rest || ok != c.ok {
			t.Errorf("CutFormPath(%q) = %d, %q, %v", c.path, i, rest, ok)
		}
		if j, ok := FormIndex(c.path); j != c.i || ok != c.ok {
			t.Errorf("FormIndex(%q) = %d, %v", c.path, j, ok)
		}
	}
}
