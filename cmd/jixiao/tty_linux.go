package main

import (
	"os"
	"syscall"
	"unsafe"
)

// ttyKnown asks the terminal driver whether f is a terminal (TCGETS succeeds
// on terminals only); ok is true: Linux can tell.
func ttyKnown(f *os.File) (tty, ok bool) {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0, true
}
