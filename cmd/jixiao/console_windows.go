//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownConsole reports whether jixiao has a console of its own: started by a
// double click in Explorer rather than from cmd.exe or PowerShell, whose
// console it would share. Then the console lists one process, this one.
func ownConsole() bool {
	if getConsoleProcessList.Find() != nil {
		return false
	}
	var ids [4]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
