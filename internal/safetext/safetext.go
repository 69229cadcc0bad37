// Package safetext makes user text safe to print in a message on a
// terminal: a form field, a key, a file name holding an escape sequence
// ("\x1b]0;title\a" retitles a terminal window, "\x1b[31m" colours it) or a
// bidi override (U+202E prints what follows backwards) must show as what it
// is, not act.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape returns s with every character that could act on a terminal or
// hide or reorder text shown as an escape: control characters (C0, DEL,
// C1) as \u001b; bidi controls, zero-width and other invisible format
// characters and the line and paragraph separators as U+202E; bytes that
// are not UTF-8 as \xff. Everything else, Chinese included, is kept.
func Escape(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case isControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case Invisible(r):
			fmt.Fprintf(&b, "U+%04X", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Lines is Escape for a message of several lines: each line is escaped,
// the newlines between them kept.
func Lines(s string) string {
	if clean(s) {
		return s
	}
	parts := strings.Split(s, "\n")
	for i, p := range parts {
		parts[i] = Escape(p)
	}
	return strings.Join(parts, "\n")
}

func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			return cleanSlow(s)
		}
	}
	return true
}

func cleanSlow(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if isControl(r) || Invisible(r) {
			return false
		}
	}
	return true
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }

// Invisible reports whether r is a character that prints as nothing or
// changes the order or direction of the text around it: the bidi marks,
// embeddings, overrides and isolates (U+061C, U+200E–U+200F, U+202A–U+202E,
// U+2066–U+2069), the zero-width characters (U+200B–U+200D, U+2060, U+FEFF),
// the soft hyphen, the line and paragraph separators (U+2028, U+2029) and
// the interlinear annotation and tag characters.
func Invisible(r rune) bool {
	switch {
	case r == 0xad, r == 0x61c, r == 0x180e:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x206f:
		return true
	case r == 0xfeff, r >= 0xfff9 && r <= 0xfffb:
		return true
	case r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// FileName makes s a file name safe on every file system a clerk may use:
// it drops the characters file systems reject or treat specially (/ \ : * ?
// " < > | and control characters) and the invisible and reordering ones
// (U+202E, U+200B: a name must read as it is), trims leading dots and
// surrounding spaces, and keeps at most 150 bytes (149 cut at a character
// boundary, and the "_" below). A name Windows reserves for a device (CON, PRN, AUX, NUL,
// CONIN$, CONOUT$, COM1–COM9, LPT1–LPT9 and COM¹–COM³, LPT¹–LPT³ with
// superscript digits, in any case, alone or before a dot: "con.txt")
// gets "_" appended to its first part ("CON_", "con_.txt"), and so does a
// name ending in a dot or a space, which Windows would silently drop.
func FileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || Invisible(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			continue
		}
		if b.Len()+len(string(r)) > 149 {
			break
		}
		b.WriteRune(r)
	}
	name := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(b.String()), "."))
	if strings.HasSuffix(name, ".") {
		name += "_"
	}
	if stem, rest, dot := strings.Cut(name, "."); reservedDevice(strings.TrimRight(stem, " ")) {
		name = stem + "_"
		if dot {
			name += "." + rest
		}
	}
	return name
}

// reservedDevice reports whether a file name's part before its first dot
// names a Windows device.
func reservedDevice(stem string) bool {
	switch strings.ToUpper(stem) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) < 4 {
		return false
	}
	if p := strings.ToUpper(stem[:3]); p != "COM" && p != "LPT" {
		return false
	}
	switch stem[3:] {
	case "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
		return true
	}
	return false
}
