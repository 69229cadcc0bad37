//go:build !linux

package main

import "os"

// ttyKnown: elsewhere a character device other than the null device is
// taken for a terminal (ok false: the caller decides by the file's mode).
func ttyKnown(*os.File) (tty, ok bool) { return false, false }
