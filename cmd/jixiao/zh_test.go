package main

import (
	"regexp"
	"sort"
	"strings"
)

// wordRE finds words in ASCII letters.
var wordRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.+-]*[A-Za-z0-9]|[A-Za-z]`)

// allowedWords are the names a Chinese message may hold as they are: file
// formats, tools, units.
var allowedWords = map[string]bool{
	"JSON": true, "YAML": true, "XLSX": true, "PDF": true, "PNG": true, "HTML": true, "LaTeX": true,
	"UTF-8": true, "GBK": true, "Tab": true, "MiB": true, "KiB": true, "TTF": true, "TTC": true,
	"OTF": true, "CFF": true, "OpenType": true, "TrueType": true, "Excel": true, "WPS": true,
	"jixiao": true, "null": true, "true": true, "false": true, "pt": true, "mm": true, "A4": true,
}

// englishWords returns the words in ASCII letters in a Chinese message s
// that are not part of an allowed value (a user value, a file name, a flag
// name: given), of "quoted" user text, a field path, a flag (--x) or
// allowedWords: the English left in it.
func englishWords(s string, allowed ...string) []string {
	sort.Slice(allowed, func(i, j int) bool { return len(allowed[i]) > len(allowed[j]) })
	for _, a := range allowed {
		if a != "" {
			s = strings.ReplaceAll(s, a, " ")
		}
	}
	s = quotedRE.ReplaceAllString(s, " ")
	var out []string
	for _, w := range wordRE.FindAllString(s, -1) {
		if !allowedWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// quotedRE: user text in quotes, field paths (forms[0].year), flags
// (--form), file names with an extension.
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|“[^”]*”|[a-z_0-9]+(?:\[\d+\])?(?:\.[a-z_0-9]+(?:\[\d+\])?)*\[\d+\](?:\.[a-z_0-9]+)*|--?[a-z][a-z-]*|[\w./-]+\.(?:json|yaml|yml|xlsx|txt|pdf|png|ttf|ttc|otf)\b`)
