package ofd

import (
	"strconv"
	"unicode/utf8"

	"jixiao/layout"
)

// Lengths. OFD measures in millimetres; layout in integer 1/1000 pt. A
// length is converted once, exactly as an integer, to units of 1/10000 mm
// (round(l × 25.4/72000 × 10000) = round(l × 127/36)) and written with up
// to four decimals. Positions are converted as absolute page positions and
// only then subtracted, so relative coordinates and DeltaX values add up
// to the same absolute positions in any reader, without drift.

// unit is a length in 1/10000 mm.
type unit int64

// mm converts a layout length to 1/10000 mm, rounding half away from zero.
func mm(l layout.Length) unit {
	v := int64(l) * 127
	if v < 0 {
		return -unit((-v + 18) / 36)
	}
	return unit((v + 18) / 36)
}

// appendUnit appends u in millimetres: up to four decimals, no trailing
// zeros, no "-0".
func appendUnit(b []byte, u unit) []byte {
	if u < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendInt(b, int64(u/10000), 10)
	if f := int64(u % 10000); f != 0 {
		var d [5]byte
		d[0] = '.'
		for i := 4; i >= 1; i-- {
			d[i] = byte('0' + f%10)
			f /= 10
		}
		n := 5
		for d[n-1] == '0' {
			n--
		}
		b = append(b, d[:n]...)
	}
	return b
}

// appendUnits appends the units separated by spaces.
func appendUnits(b []byte, us ...unit) []byte {
	for i, u := range us {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendUnit(b, u)
	}
	return b
}

// appendText appends s escaped as XML character data or an attribute value
// (in double quotes). Characters XML 1.0 cannot hold (C0 controls other
// than tab, CR and LF, U+FFFE, U+FFFF, lone surrogates, invalid UTF-8)
// become U+FFFD; tab, CR and LF are written as character references so that
// an attribute keeps them.
func appendText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&quot;"...)
			case c == '\t':
				b = append(b, "&#x9;"...)
			case c == '\n':
				b = append(b, "&#xA;"...)
			case c == '\r':
				b = append(b, "&#xD;"...)
			case c < 0x20:
				b = append(b, "\uFFFD"...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			b = append(b, "\uFFFD"...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// appendID appends an ID attribute's value.
func appendID(b []byte, id int) []byte { return strconv.AppendInt(b, int64(id), 10) }
