package render

import (
	"strconv"
	"strings"
	"testing"

	"jixiao/layout"
)

// TestContentOperators checks the operators written for each kind of item:
// y measured from the bottom, strings as two bytes a character with the
// bytes PDF strings reserve escaped, state set only when it changes, and
// text always drawn in black after a gray fill.
func TestContentOperators(t *testing.T) {
	var c contentStream
	c.reset(&layout.Page{Width: 200 * layout.Pt, Height: 100 * layout.Pt})
	c.setFill(230)
	c.rect(10*layout.Pt, 20*layout.Pt, 30*layout.Pt, 5*layout.Pt, "f")
	c.text("J0", 10500, 0, 12*layout.Pt, 40*layout.Pt, []byte("\x00(\\\x0fN\r\x00)"))
	c.text("J0", 10500, 250, 12*layout.Pt, 60*layout.Pt, []byte("\x00a"))
	c.setStroke(500)
	c.setStroke(500)
	c.line(0, 0, 200*layout.Pt, 100*layout.Pt)
	got := string(c.b)
	want := "2 J\n" +
		"0.902 g\n" +
		"10.00 80.00 30.00 -5.00 re f\n" +
		"0.000 g\n" +
		"BT /J0 10.50 Tf ET\n" +
		"BT 12.00 60.00 Td (\x00\\(\\\\\x0fN\\r\x00\\)) Tj ET\n" +
		"0.250 Tc\n" +
		"BT 12.00 40.00 Td (\x00a) Tj ET\n" +
		"0.50 w\n" +
		"0.00 100.00 m 200.00 0.00 l S\n"
	if got != want {
		t.Errorf("operators:\n%q\nwant\n%q", got, want)
	}
}

// TestEscapedText draws enough distinct characters that their codes (one
// after another from 1) pass the bytes PDF strings escape: CR (13), ( and
// ) (40, 41) and \ (92), then 0x0D28 … as two-byte codes; and reads them
// back.
func TestEscapedText(t *testing.T) {
	d := sample()
	var s []rune
	for r := rune(0x4E00); len(s) < 0x0E00; r++ {
		s = append(s, r)
	}
	d.Pages[0].Items[1].Text = "(小不)\\" + string(s)
	d.Pages[0].Items[1].Size = 100
	b, err := Bytes(d, defaultSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if txt := strings.Join(strings.Fields(pdftotext(t, b)), ""); !strings.Contains(txt, "(小不)\\"+string(s)) {
		t.Errorf("pdftotext: %q", txt)
	}
}

// appendPoints writes what strconv.AppendFloat(…, 'f', 2, 64) writes for
// every length of a page and beyond, and for every y measured from the
// top of the paper sizes' pages.
func TestAppendPoints(t *testing.T) {
	check := func(milli int64, v float64) {
		t.Helper()
		got := string(appendPoints(nil, milli, v))
		if want := strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Fatalf("appendPoints(%d, %v) = %q, want %q", milli, v, got, want)
		}
	}
	for l := layout.Length(-3000); l <= 1_300_000; l++ {
		check(int64(l), pt(l))
	}
	for _, name := range []string{"A4", "A3", "A4-landscape", "A3-landscape"} {
		_, h, err := layout.PaperSize(name)
		if err != nil {
			t.Fatal(err)
		}
		c := contentStream{}
		c.reset(&layout.Page{Height: h})
		for y := layout.Length(-2000); y <= h+2000; y++ {
			check(int64(c.pageH-y), c.height-pt(y))
		}
	}
	for _, l := range []layout.Length{1 << 40, 123456789015, -5, -15, 0} {
		check(int64(l), pt(l))
	}
}
