package main

import (
	"os"
	"testing"
)

// TestMain runs the tests in English whatever the machine's locale; the
// tests of Chinese messages ask for them with --lang zh.
func TestMain(m *testing.M) {
	os.Setenv("JIXIAO_LANG", "en")
	os.Exit(m.Run())
}
