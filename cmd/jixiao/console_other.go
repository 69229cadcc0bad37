//go:build !windows

package main

// ownConsole: only Windows opens a console for a program started by a
// double click; elsewhere a program without arguments was typed.
func ownConsole() bool { return false }
