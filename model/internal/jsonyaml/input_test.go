package jsonyaml

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// withWindow runs f with WindowSize set to n.
func withWindow(t *testing.T, n int, f func()) {
	t.Helper()
	defer func(old int) { WindowSize = old }(WindowSize)
	WindowSize = n
	f()
}

// readAll reads in to its end through windows, as the parsers do.
func readAll(in *Input) string {
	var b strings.Builder
	for {
		win := in.Fill(nil)
		if len(win) == 0 {
			return b.String()
		}
		b.Write(win)
	}
}

// The text read through the window is the file's, less its byte order
// mark, whatever the window and however the reader cuts it; the first byte
// that is not text stops it and is placed by line and column (characters,
// the mark one of them).
func TestInputChecksAsWindowPasses(t *testing.T) {
	for _, w := range []int{1, 2, 3, 5, 64} {
		withWindow(t, w, func() {
			src := "\ufeffab\n中文😀\n x\x00yz"
			in := NewInput(iotest.OneByteReader(strings.NewReader(src)), 1<<20)
			if got := readAll(in); got != "ab\n中文😀\n x" {
				t.Fatalf("window %d: read %q", w, got)
			}
			in.Drain()
			b := in.Bad()
			if b == nil || b.Byte != 0 || b.Line != 3 || b.Col != 3 || b.Offset != int64(strings.IndexByte(src, 0)) || b.Truncated {
				t.Fatalf("window %d: bad %+v", w, b)
			}
			if in.Size() != int64(len(src)) || string(in.Head()) != src {
				t.Fatalf("window %d: size %d, head %q", w, in.Size(), in.Head())
			}

			// A character cut by the end of the file.
			in = NewInput(iotest.HalfReader(strings.NewReader("中\n文\xe4\xb8")), 1<<20)
			if got := readAll(in); got != "中\n文" {
				t.Fatalf("window %d: read %q", w, got)
			}
			if b := in.Bad(); b == nil || !b.Truncated || b.Line != 2 || b.Col != 2 || b.Offset != 7 {
				t.Fatalf("window %d: truncated: %+v", w, b)
			}

			// Spaces only, of any kind.
			in = NewInput(strings.NewReader(" \n\u3000\t"), 1<<20)
			readAll(in)
			if !in.AllSpace() || in.Bad() != nil {
				t.Fatalf("window %d: spaces only: %v %+v", w, in.AllSpace(), in.Bad())
			}
			in = NewInput(strings.NewReader("\ufeff "), 1<<20)
			readAll(in)
			if in.AllSpace() {
				t.Fatalf("window %d: a byte order mark is not a space", w)
			}

			// The limit: one byte more is read, no more.
			in = NewInput(strings.NewReader(strings.Repeat("x", 100)), 10)
			if got := readAll(in); got != strings.Repeat("x", 11) || in.Size() != 11 {
				t.Fatalf("window %d: limit: %q, %d", w, got, in.Size())
			}
		})
	}
}

// A form cut by the window anywhere (in a long text, within a character
// of several bytes, within an escape) is parsed as from the whole text,
// with the same positions after the cut.
func TestParseJSONInputAcrossWindows(t *testing.T) {
	long := strings.Repeat("绩效目标", 50)
	src := "{\"year\": 2024, \"forms\": [\n {\"a\": \"" + long + "\", \"b\": \"\\u4e2d\\ud83d\\ude00\\\"\\\\\",\n  \"c\": [1.5e3, true, null, \"𠮷😀\"]},\n {\"d\": \"x\"}],\n \"title\": \"t\"}"
	type item struct {
		line, col int
		text      string
	}
	walk := func(n *Node, out *[]item) {
		var rec func(n *Node)
		rec = func(n *Node) {
			*out = append(*out, item{n.Line, n.Col, n.Text})
			for i := range n.Keys {
				rec(n.Keys[i])
				rec(n.Vals[i])
			}
			for _, c := range n.Items {
				rec(c)
			}
		}
		rec(n)
	}
	var want []item
	root, err := ParseJSON([]byte(src), func(_ int, n *Node) { walk(n, &want) }, nil)
	if err != nil {
		t.Fatal(err)
	}
	walk(root, &want)
	// Some positions, by hand: after the long text and after the escapes.
	if want[3] != (item{2, 212, "b"}) || want[4].text != "中😀\"\\" || want[len(want)-1] != (item{5, 11, "t"}) {
		t.Fatalf("whole parse: %v %v %v", want[3], want[4], want[len(want)-1])
	}
	for w := 1; w <= 70; w++ {
		withWindow(t, w, func() {
			var got []item
			in := NewInput(iotest.OneByteReader(bytes.NewReader([]byte(src))), 1<<20)
			root, err := ParseJSONInput(in, func(_ int, n *Node) { walk(n, &got) }, nil)
			if err != nil {
				t.Fatalf("window %d: %v", w, err)
			}
			walk(root, &got)
			if len(got) != len(want) {
				t.Fatalf("window %d: %d values, want %d", w, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("window %d: value %d is %+v, want %+v", w, i, got[i], want[i])
				}
			}
		})
	}
}

// runeCount counts as utf8.RuneCount does on valid UTF-8: ASCII, Chinese,
// characters above U+FFFF, escapes and empty text.
func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "a", `"填报人"`, "≥95%", "𠀀𡃁x", `\u4e2d\n`, strings.Repeat("绩效 target ", 40)} {
		if got, want := runeCount([]byte(s)), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// plainRunes counts as runeCount does, at every length and alignment, and
// tells a control character wherever it stands in the text, and only
// then.
func TestPlainRunes(t *testing.T) {
	base := "绩效 target ≥95% 𠀀x" + strings.Repeat("年度", 9)
	for start := 0; start < len(base); start++ {
		if !utf8.RuneStart(base[start]) {
			continue
		}
		for end := start; end <= len(base); end++ {
			if end < len(base) && !utf8.RuneStart(base[end]) {
				continue
			}
			s := base[start:end]
			n, ok := plainRunes([]byte(s))
			if want := utf8.RuneCountInString(s); n != want || !ok {
				t.Fatalf("plainRunes(%q) = %d, %v, want %d, true", s, n, ok, want)
			}
			for at := 0; at <= len(s); at++ {
				if at < len(s) && !utf8.RuneStart(s[at]) {
					continue
				}
				for _, c := range []byte{0x00, 0x09, 0x1F} {
					bad := s[:at] + string(rune(c)) + s[at:]
					if _, ok := plainRunes([]byte(bad)); ok {
						t.Fatalf("plainRunes(%q) missed the control character at %d", bad, at)
					}
				}
			}
			if _, ok := plainRunes([]byte(s + " !~\x7f")); !ok {
				t.Fatalf("plainRunes(%q) saw a control character", s+" !~\x7f")
			}
		}
	}
}
