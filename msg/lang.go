package msg

import "strings"

// ParseLang reads a language name: "zh", "zh-CN", "zh_CN.UTF-8", "chinese",
// "中文" are Chinese; "en", "en_US.UTF-8", "C", "POSIX" English. ok is false
// for anything else (and for "").
func ParseLang(s string) (l Lang, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	switch {
	case s == "":
		return English, false
	case s == "zh" || strings.HasPrefix(s, "zh_") || strings.HasPrefix(s, "zh-") || s == "chinese" || s == "中文":
		return Chinese, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || s == "english" || s == "c" || s == "posix":
		return English, true
	}
	return English, false
}

// Detect chooses the language of messages: the --lang flag (flag, if not
// ""), else JIXIAO_LANG, else the POSIX locale (the first of LC_ALL,
// LC_MESSAGES, LANG that is set: zh_* is Chinese, anything else English),
// else the system's language (on Windows the user's UI language), else
// English. getenv is os.Getenv (a parameter for tests).
//
// A --lang or JIXIAO_LANG that names no language is an error, returned with
// the language chosen from the rest, so that the caller can say so in it.
func Detect(flag string, getenv func(string) string) (Lang, error) {
	var bad error
	if flag != "" {
		if l, ok := ParseLang(flag); ok {
			return l, nil
		}
		bad = New(BadLang, "--lang", flag)
	}
	if v := getenv("JIXIAO_LANG"); v != "" {
		l, ok := ParseLang(v)
		if ok {
			return l, bad
		}
		if bad == nil {
			bad = New(BadLang, "JIXIAO_LANG", v)
		}
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			l, _ := ParseLang(v) // an unknown locale (de_DE) reads English
			return l, bad
		}
	}
	if l, ok := systemLang(); ok {
		return l, bad
	}
	return English, bad
}
