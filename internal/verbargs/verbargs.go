// Package verbargs turns the arguments of an English fmt format into the
// texts a catalogue template puts in its {1} {2} … places.
package verbargs

import (
	"fmt"
	"strings"
)

// Split formats each of args by its verb in format ("%q" → "\"x\""):
// the values a catalogue template puts in its {1} {2} … places so that
// the English template reproduces fmt.Sprintf(format, args...).
func Split(format string, args ...any) []string {
	var out []string
	rest := format
	for _, a := range args {
		i := strings.IndexByte(rest, '%')
		for i >= 0 && i+1 < len(rest) && rest[i+1] == '%' {
			rest = rest[i+2:]
			i = strings.IndexByte(rest, '%')
		}
		if i < 0 || i+1 >= len(rest) {
			out = append(out, fmt.Sprint(a))
			continue
		}
		out = append(out, fmt.Sprintf(rest[i:i+2], a))
		rest = rest[i+2:]
	}
	return out
}
