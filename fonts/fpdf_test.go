package fonts

// These tests hold the widths this package reports against the PDF writer
// itself. Only this test file imports fpdf; the package does not, so nothing
// that imports fonts links the PDF library.

import (
	"io"
	"os"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fpdfWidth loads data into fpdf and returns its measure of one rune in
// 1/1000 em (GetStringSymbolWidth, which reads the same width array fpdf
// writes to the PDF). It fails the test if fpdf prints anything to standard
// output while loading the font.
func fpdfWidth(t *testing.T, data []byte) func(rune) int {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	printed := captureStdout(t, func() {
		pdf.AddUTF8FontFromBytes("f", "", data)
		pdf.SetFont("f", "", 10)
	})
	require.NoError(t, pdf.Error())
	assert.Empty(t, printed, "fpdf printed to standard output")
	return func(r rune) int { return pdf.GetStringSymbolWidth(string(r)) }
}

func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	func() {
		// Restored even if fn fails the test and exits the goroutine.
		defer func() { os.Stdout = saved; w.Close() }()
		fn()
	}()
	return <-done
}

// agreeWithFpdf compares every rune of the Basic Multilingual Plane: a rune
// the font draws must measure the same in fpdf; a rune it does not draw
// must be one fpdf also lacks (fpdf then measures the .notdef width).
func agreeWithFpdf(t *testing.T, f *Font) {
	t.Helper()
	width := fpdfWidth(t, f.Bytes())
	notdef := width(0xFFFF) // fpdf never maps U+FFFF
	bad := 0
	for r := rune(0x20); r < 0xFFFF && bad < 10; r++ {
		if unicode.IsControl(r) {
			continue
		}
		w, ok := f.Advance(r)
		if !ok {
			w = notdef
		}
		if !assert.Equal(t, w, width(r), "%s U+%04X %q (drawable %v)", f.Name(), r, r, ok) {
			bad++
		}
	}
}

func TestWidthsAgreeWithFpdf(t *testing.T) {
	body, err := DefaultBody()
	require.NoError(t, err)
	title, err := DefaultTitle()
	require.NoError(t, err)
	small, err := parse(smallFont().ttf())
	require.NoError(t, err)
	other, err := parse(second().ttf())
	require.NoError(t, err)
	for _, f := range []*Font{body, title, small, other} {
		agreeWithFpdf(t, f)
	}
}

// TestSeedTextWidths: every character of the real forms is drawn by the
// default fonts with fpdf's width.
func TestSeedTextWidths(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed-jiangyin-2024.txt")
	require.NoError(t, err)
	set, err := DefaultSet()
	require.NoError(t, err)
	for _, f := range []*Font{set.Body, set.Title} {
		width := fpdfWidth(t, f.Bytes())
		seen := map[rune]bool{}
		for _, r := range string(seed) {
			if seen[r] || r == '\n' || r == '\t' || r == '\r' {
				continue
			}
			seen[r] = true
			w, ok := f.Advance(r)
			if assert.True(t, ok, "%s lacks U+%04X %q", f.Name(), r, r) {
				assert.Equal(t, width(r), w, "%s U+%04X %q", f.Name(), r, r)
			}
		}
		assert.Greater(t, len(seen), 500, "the seed text has many distinct characters")
	}
}

// TestExtractedFaceEmbeds: fpdf accepts a face rebuilt from an unaligned
// collection, measures it as we do, and writes a PDF with it.
func TestExtractedFaceEmbeds(t *testing.T) {
	p := writeFile(t, "pair.ttc", makeTTC([][]byte{smallFont().ttf(), second().ttf()}, true))
	f, err := Load(p + "#1")
	require.NoError(t, err)
	agreeWithFpdf(t, f)

	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", f.Bytes())
	pdf.SetFont("f", "", 10)
	pdf.AddPage()
	pdf.Text(10, 20, "AB中")
	out := captureStdout(t, func() { require.NoError(t, pdf.Output(io.Discard)) })
	assert.Empty(t, out)
}
