//go:build windows

package msg

import "syscall"

var getUserDefaultUILanguage = syscall.NewLazyDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")

// systemLang is the user's Windows display language: Chinese when its
// primary language is LANG_CHINESE (0x04: 简体 and 繁體 alike).
func systemLang() (Lang, bool) {
	if getUserDefaultUILanguage.Find() != nil {
		return English, false
	}
	id, _, _ := getUserDefaultUILanguage.Call()
	if id == 0 {
		return English, false
	}
	if id&0x3FF == 0x04 {
		return Chinese, true
	}
	return English, true
}
