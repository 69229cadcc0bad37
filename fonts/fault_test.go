package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"regexp"
	"strings"
	"testing"

	"jixiao/msg"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"
)

// reason is the innermost code of err's chain: what is wrong with the
// font, under the messages that say which file and which face.
func reason(err error) msg.Code {
	var c msg.Code
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch v := e.(type) {
		case *msg.Error:
			c = v.Code
		case *msg.Detail:
			c = v.Code
		}
	}
	return c
}

// hasCode reports whether code is one of the messages of err's chain.
func hasCode(err error, code msg.Code) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if v, ok := e.(*msg.Error); ok && v.Code == code {
			return true
		}
	}
	return false
}

// latinWordRE finds words in ASCII letters; chineseNames are those a
// Chinese message of this package may hold.
var (
	latinWordRE  = regexp.MustCompile(`[A-Za-z][A-Za-z0-9/+-]*`)
	chineseNames = map[string]bool{"PDF": true, "TrueType": true, "Unicode": true, "ttf": true, "ttc": true, "CFF": true, "PostScript": true, "WOFF": true}
)

// englishLeft returns the words of English in the Chinese text of err,
// leaving out the file name, what is quoted (the names of a font's
// tables, the bytes a file starts with), characters and numbers.
func englishLeft(err error, file string) []string {
	s := msg.Describe(msg.Chinese, err)
	if file != "" {
		s = strings.ReplaceAll(s, file, " ")
	}
	s = regexp.MustCompile(`“[^”]*”|"[^"]*"|U\+[0-9A-F]{4,6}|0x[0-9A-F]+|'[^']{1,4}'`).ReplaceAllString(s, " ")
	var out []string
	for _, w := range latinWordRE.FindAllString(s, -1) {
		if !chineseNames[w] {
			out = append(out, w)
		}
	}
	return out
}

// withTable is s with its table name changed by change (left out for a
// nil change).
func withTable(s synth, name string, change func([]byte) []byte) []byte {
	var ts []table
	for _, t := range s.tables() {
		if string(t.tag[:]) == name {
			if change == nil {
				continue
			}
			t.data = change(append([]byte(nil), t.data...))
		}
		ts = append(ts, t)
	}
	return build(sigTrueType, ts)
}

func put16(off int, v uint16) func([]byte) []byte {
	return func(b []byte) []byte { binary.BigEndian.PutUint16(b[off:], v); return b }
}

func cut(n int) func([]byte) []byte { return func(b []byte) []byte { return b[:n] } }

// TestFaultsSayWhy: every fault of a font file Load refuses is a message
// of the catalogue with its own code (not the catch-all font-damaged),
// named by the file, and its Chinese holds no English.
func TestFaultsSayWhy(t *testing.T) {
	ok := smallFont()
	ttc := func(head string) []byte { return []byte(head) }
	zero := smallFont()
	zero.cmap = map[rune]int{'A': 3, '中': 2}
	wide := smallFont()
	wide.upm = 16
	wide.advances[2] = 0xFFFF >> 1
	cases := []struct {
		what string
		data []byte
		want msg.Code
	}{
		{"too short", []byte("\x00\x01"), msg.FontTooShort},
		{"text", []byte("hello, world"), msg.FontNotTrueType},
		{"web font", []byte("wOFF\x00\x01\x00\x00"), msg.FontWOFF},
		{"directory cut", ok.ttf()[:10], msg.FontDirectoryCut},
		{"records cut", ok.ttf()[:40], msg.FontDirectoryCut},
		{"no tables", []byte("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), msg.FontNoTables},
		{"file cut", ok.ttf()[:400], msg.FontTablePastEnd},
		{"collection header cut", ttc("ttcf\x00\x01"), msg.FontCollectionCut},
		{"collection of no faces", ttc("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), msg.FontCollectionBad},
		{"collection face past the end", ttc("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x64"), msg.FontDirectoryCut},
		{"no post", withTable(ok, "post", nil), msg.FontNoTable},
		{"short head", withTable(ok, "head", cut(40)), msg.FontTableShort},
		{"units per em", withTable(ok, "head", put16(18, 8)), msg.FontUnitsPerEm},
		{"glyph data format", withTable(ok, "head", put16(52, 1)), msg.FontGlyphFormat},
		{"short hhea", withTable(ok, "hhea", cut(30)), msg.FontTableShort},
		{"metric data format", withTable(ok, "hhea", put16(32, 1)), msg.FontMetricFormat},
		{"no metrics", withTable(ok, "hhea", put16(34, 0)), msg.FontNoMetrics},
		{"short maxp", withTable(ok, "maxp", cut(4)), msg.FontTableShort},
		{"short post", withTable(ok, "post", cut(10)), msg.FontTableShort},
		{"short OS/2", withTable(ok, "OS/2", cut(50)), msg.FontTableShort},
		{"licence", withTable(ok, "OS/2", put16(8, 2)), msg.FontLicence},
		{"short name", withTable(ok, "name", cut(4)), msg.FontTableShort},
		{"name format", withTable(ok, "name", put16(0, 1)), msg.FontNameFormat},
		{"name records cut", withTable(ok, "name", put16(2, 90)), msg.FontTableCut},
		{"name outside", withTable(ok, "name", put16(6+10, 900)), msg.FontNameOutside},
		{"name not UTF-16", withTable(ok, "name", put16(6+8, 3)), msg.FontNameUTF16},
		{"short cmap", withTable(ok, "cmap", cut(2)), msg.FontTableShort},
		{"cmap records cut", withTable(ok, "cmap", put16(2, 90)), msg.FontTableCut},
		{"cmap format 4 cut", withTable(ok, "cmap", put16(12+6, 0xFFF0)), msg.FontCmapCut},
		{"no Unicode cmap", withTable(ok, "cmap", put16(4, 7)), msg.FontNoCmap},
		{"no outlines", withTable(ok, "glyf", nil), msg.FontNoOutlines},
		{"hmtx sfnt refuses", withTable(ok, "hmtx", cut(30)), msg.FontUnparsable},
		{"zero-width letter", zero.ttf(), msg.FontZeroWidth},
		{"glyph too wide", wide.ttf(), msg.FontGlyphWide},
	}
	for _, c := range cases {
		p := writeFile(t, "bad.ttf", c.data)
		_, err := Load(p)
		if !assert.Error(t, err, c.what) {
			continue
		}
		assert.Equal(t, c.want, reason(err), "%s: %v", c.what, err)
		assert.True(t, hasCode(err, msg.FontFile), "%s: the file is named: %v", c.what, err)
		assert.Contains(t, msg.Describe(msg.Chinese, err), "字体文件 "+p+"：", c.what)
		assert.Empty(t, englishLeft(err, p), "%s: %s", c.what, msg.Describe(msg.Chinese, err))
	}
	// A face of a collection says which face.
	p := writeFile(t, "bad.ttc", ttc("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x64"))
	_, err := Load(p)
	require.Error(t, err)
	assert.True(t, hasCode(err, msg.FontFace), "%v", err)
	assert.Contains(t, msg.Describe(msg.Chinese, err), "第 0 号字体")
}

// TestFaultsOfTheSubsetAtLoad: what sfnt does not read at load but the
// subsets need (the loca entries) is refused by Load, not by the first PDF.
// An hmtx table of long metrics only is no fault (TestShortHmtx).
func TestFaultsOfTheSubsetAtLoad(t *testing.T) {
	ok := smallFont()
	for _, c := range []struct {
		what string
		data []byte
		want msg.Code
	}{
		{"loca entry past glyf", withTable(ok, "loca", put16(2, 5)), msg.FontLocaEntry},
	} {
		p := writeFile(t, "draw.ttf", c.data)
		_, err := sfnt.Parse(c.data)
		require.NoError(t, err, "%s: sfnt reads it", c.what)
		_, err = Load(p)
		if !assert.Error(t, err, c.what) {
			continue
		}
		assert.Equal(t, c.want, reason(err), "%s: %v", c.what, err)
		assert.True(t, strings.HasPrefix(err.Error(), "fonts: "+p+": "), "%s: %v", c.what, err)
		assert.Empty(t, englishLeft(err, p), "%s: %s", c.what, msg.Describe(msg.Chinese, err))
	}
}

// TestFaultsWhileDrawing: a fault found only when the subset is cut (a
// composite glyph made of a glyph the font lacks) names the font's file,
// with the reason, as Load names it.
func TestFaultsWhileDrawing(t *testing.T) {
	s := smallFont()
	// Glyph 1 ('A') is a composite of glyph 999: numberOfContours -1,
	// the bounding box, then flags 0 (byte offsets, the last
	// component), glyph 999 and two offsets.
	composite := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xE7, 0, 0}
	ts := s.tables()
	for i := range ts {
		switch string(ts[i].tag[:]) {
		case "glyf":
			ts[i].data = composite
		case "loca": // short offsets, in words: glyph 1 is all of glyf
			loca := make([]byte, len(ts[i].data))
			for g := 2; 2*g < len(loca); g++ {
				binary.BigEndian.PutUint16(loca[2*g:], uint16(len(composite)/2))
			}
			ts[i].data = loca
		}
	}
	p := writeFile(t, "composite.ttf", build(sigTrueType, ts))
	f, err := Load(p)
	require.NoError(t, err)
	for _, subset := range []func([]rune) ([]byte, error){f.Subset, f.SubsetUnicode} {
		_, err = subset([]rune{'A'})
		if !assert.Error(t, err) {
			continue
		}
		assert.Equal(t, msg.FontComponent, reason(err), "%v", err)
		assert.True(t, hasCode(err, msg.FontFile), "%v", err)
		assert.Equal(t, "fonts: "+p+": glyph 1: component 999 out of range", err.Error())
		assert.Equal(t, "字体文件 "+p+"：字体的第 1 号字形由不存在的第 999 号字形组成：文件已损坏，请换用其他 .ttf 字体",
			msg.Describe(msg.Chinese, err))
	}
}

// TestUseLimitSaysWhy: the character past MaxUseRunes is refused with a
// message that names the font by its file and says what to do.
func TestUseLimitSaysWhy(t *testing.T) {
	p := writeFile(t, "many.ttf", smallFont().ttf())
	f, err := Load(p)
	require.NoError(t, err)
	u := Use{Font: f}
	for r := rune(0x30000); len(u.Runes) < MaxUseRunes; r++ {
		_, err := u.Glyph(r)
		require.NoError(t, err)
	}
	_, err = u.Glyph('b')
	require.Error(t, err)
	assert.Equal(t, msg.FontTooManyChars, reason(err))
	// A fault of the job, not of the file: the font is named, not blamed.
	assert.Equal(t, "这次打印用到字体 "+p+" 中的字超过了 65534 种，一个字体容纳不下：请分几次打印，每次少印一些表", msg.Describe(msg.Chinese, err))
	assert.Empty(t, englishLeft(err, p), msg.Describe(msg.Chinese, err))
	assert.Equal(t, "fonts: more than 65534 distinct characters in one font ("+p+"): print the forms in smaller parts", err.Error())
}

// TestShortHmtx: a font whose hmtx leaves out the left side bearings after
// the long metrics (sfnt reads such fonts, golang/go#28379) loads, and a
// subset gives each glyph past the long metrics its outline's xMin as its
// bearing. Noto Serif SC's bearings are its xMins, so its subset from such
// a table is the subset from the whole table, byte for byte.
func TestShortHmtx(t *testing.T) {
	d, err := readDirectory(serifRegular, 0)
	require.NoError(t, err)
	nh := 0
	for _, tb := range d.tables {
		if string(tb.tag[:]) == "hhea" {
			nh = int(binary.BigEndian.Uint16(tb.data[34:]))
		}
	}
	var ts []table
	for _, tb := range d.tables {
		if string(tb.tag[:]) == "hmtx" {
			require.Greater(t, len(tb.data), 4*nh, "the font has bearings after its long metrics")
			tb.data = tb.data[:4*nh]
		}
		ts = append(ts, tb)
	}
	short, err := Load(writeFile(t, "short.ttf", build(sigTrueType, ts)))
	require.NoError(t, err)
	whole, err := Load(writeFile(t, "whole.ttf", build(sigTrueType, d.tables)))
	require.NoError(t, err)

	runes := []rune("市级财政项目支出预算绩效目标表江阴市人力资源和社会保障局，。（）1234ㄧ") // ㄧ lies past them
	past := 0
	for _, r := range runes {
		if g, ok := whole.GlyphIndex(r); ok && int(g) >= nh {
			past++
		}
	}
	require.NotZero(t, past, "some glyphs lie past the long metrics")
	a, err := short.Subset(runes)
	require.NoError(t, err)
	b, err := whole.Subset(runes)
	require.NoError(t, err)
	require.True(t, bytes.Equal(a, b), "the subsets differ")
	_, err = sfnt.Parse(a)
	require.NoError(t, err)
}
