//go:build !linux

package main

// adviseHugePages does nothing: huge pages are asked for on Linux only
// (hugepages_linux.go).
func adviseHugePages(getenv func(string) string) bool { return false }
