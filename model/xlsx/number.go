package xlsx

import (
	"math"
	"strconv"
	"strings"
)

// A number cell holds a binary float (4012.8 is stored as
// 4012.8000000000002 or 4012.7999999999997 by some programs). What the user
// sees, in the cell and in the formula bar, is that float to at most 15
// significant digits: that decimal is what is read, never the float's
// longer expansion, and never through float arithmetic (95% is 0.95 moved
// two places, not 0.95 × 100).

// numFormat is what matters of a cell's number format.
type numFormat struct {
	date     bool // a date or time format: the number is a day count
	percent  bool // shown ×100 with a % sign
	decimals int  // decimal places always shown (0.00 → 2)
}

// builtinFormats are the number formats of the built-in ids that are not
// plain General (ECMA-376 18.8.30, with the ids the Chinese editions use
// for dates).
func builtinFormat(id int) numFormat {
	switch {
	case id == 2 || id == 4 || id == 11 || id == 39 || id == 40:
		return numFormat{decimals: 2}
	case id == 9:
		return numFormat{percent: true}
	case id == 10:
		return numFormat{percent: true, decimals: 2}
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return numFormat{date: true}
	}
	return numFormat{}
}

// parseFormat reads a custom number format code: its first section decides.
func parseFormat(code string) numFormat {
	var nf numFormat
	// The first section, without quoted text, escaped characters and
	// [colour]/[locale] brackets (but [h] [mm] [ss] are elapsed times).
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
				continue
			}
			i += j + 1
			continue
		case '\\', '_', '*':
			i++ // the next character is literal (or padding)
			continue
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				continue
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if strings.Trim(inner, "hms") == "" {
				nf.date = true
			}
			i += j
			continue
		}
		b.WriteByte(c)
	}
	s := strings.ToLower(b.String())
	if s == "general" || s == "@" {
		return numFormat{}
	}
	if strings.ContainsAny(s, "ymdhs") || strings.Contains(s, "am/pm") || strings.Contains(s, "上午/下午") {
		nf.date = true
		return nf
	}
	nf.percent = strings.Contains(s, "%")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		for _, c := range s[i+1:] {
			if c != '0' {
				break
			}
			nf.decimals++
		}
	}
	return nf
}

// nonFinite names a number cell's value that is NaN or an infinity (which
// Excel never stores, but a program writing the file may): "NaN", "Inf"
// or "-Inf"; ok is false for any other value.
func nonFinite(raw string) (name string, ok bool) {
	f, _ := strconv.ParseFloat(strings.TrimSpace(raw), 64) // 1e400 is +Inf, with ErrRange
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		return "Inf", true
	case math.IsInf(f, -1):
		return "-Inf", true
	}
	return "", false
}

// plainDecimal writes the number raw (as stored in the cell, "4012.8000000000002",
// "1E-3") as a decimal of at most 15 significant digits, without exponent
// or trailing zeros. ok is false when raw is not a number.
func plainDecimal(raw string) (string, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return "", false
	}
	if f == 0 {
		return "0", true
	}
	// d.ddddddddddddddde±x: 15 significant digits, rounded once.
	e := strconv.FormatFloat(f, 'e', 14, 64)
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	mant, expPart, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expPart)
	digits := strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	var s string
	switch point := exp + 1; {
	case point <= 0:
		s = "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		s = digits + strings.Repeat("0", point-len(digits))
	default:
		s = digits[:point] + "." + digits[point:]
	}
	if neg {
		s = "-" + s
	}
	return s, true
}

// shiftPoint multiplies a plain decimal by 10^n (n ≥ 0) by moving its point.
func shiftPoint(s string, n int) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	frac += strings.Repeat("0", n)
	intPart += frac[:n]
	frac = strings.TrimRight(frac[n:], "0")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// padDecimals gives s at least n decimal places (a cell shown as 4012.80
// reads 4012.80); places beyond n are kept, never rounded away.
func padDecimals(s string, n int) string {
	if n <= 0 {
		return s
	}
	_, frac, hasPoint := strings.Cut(s, ".")
	if !hasPoint {
		return s + "." + strings.Repeat("0", n)
	}
	if len(frac) < n {
		return s + strings.Repeat("0", n-len(frac))
	}
	return s
}

// displayNumber is the decimal a number cell shows under nf (not a date):
// 0.95 under 0% is "95%", 4012.8 under 0.00 is "4012.80".
func displayNumber(raw string, nf numFormat) (string, bool) {
	s, ok := plainDecimal(raw)
	if !ok {
		return "", false
	}
	if nf.percent {
		return padDecimals(shiftPoint(s, 2), nf.decimals) + "%", true
	}
	return padDecimals(s, nf.decimals), true
}
