package safetext

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"项目名称 plain":           "项目名称 plain",
		"\x1b]0;t\x07":         `\u001b]0;t\u0007`,
		"\x1b[31mkey":          `\u001b[31mkey`,
		"abc\u202edef":         "abcU+202Edef",
		"零\u200b宽":             "零U+200B宽",
		"tab\tnl\ndel\x7f":     `tab\u0009nl\u000adel\u007f`,
		"c1\u009b":             `c1\u009b`,
		"bad\xffbyte":          `bad\xffbyte`,
		"bom\ufeff":            "bomU+FEFF",
		"isolate\u2066x\u2069": "isolateU+2066xU+2069",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Lines("a\x1b\nb\u202e"); got != "a\\u001b\nbU+202E" {
		t.Errorf("Lines: %q", got)
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("\x1b[31m\u202e项目")
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if !clean(e) {
			t.Fatalf("Escape(%q) = %q still unsafe", s, e)
		}
		if Escape(e) != e {
			t.Fatalf("Escape not idempotent on %q", s)
		}
	})
}

func TestFileNameWindowsReserved(t *testing.T) {
	for in, want := range map[string]string{
		"CON": "CON_", "con": "con_", "Prn.txt": "Prn_.txt", "aux.tar.gz": "aux_.tar.gz",
		"NUL": "NUL_", "COM1": "COM1_", "lpt9": "lpt9_", "COM0": "COM0", "COM10": "COM10",
		"CONSOLE": "CONSOLE", "con.": "con_._", "项目.": "项目._", "项目 ": "项目",
		"项目\u202e名\u200b称": "项目名称", "a/b:c": "abc", "..x": "x", "普通项目": "普通项目",
		"COM¹": "COM¹_", "lpt³.pdf": "lpt³_.pdf", "COM²x": "COM²x", "COM⁴": "COM⁴", "CONIN$": "CONIN$_",
		"conout$.pdf": "conout$_.pdf", "CONIN": "CONIN", "CONOUT$$": "CONOUT$$",
	} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}
