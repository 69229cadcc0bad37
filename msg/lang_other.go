//go:build !windows

package msg

// systemLang: outside Windows the locale variables are the system's
// language; with none set, English.
func systemLang() (Lang, bool) { return English, false }
