package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestServeUsage: what jixiao serve refuses before it listens.
func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--addr", "no-port"},
		{"serve", "book.json"},
		{"serve", "--max-upload", "0"},
		{"serve", "--timeout", "-1s"},
		{"serve", "--font-body", "/nonexistent/font.ttf"},
	} {
		code, _, stderr := runCmd(args...)
		require.Equal(t, 2, code, "%v: %s", args, stderr)
		require.NotEmpty(t, stderr, args)
	}
	require.Equal(t, "127.0.0.1:8080", browserAddr("0.0.0.0:8080"))
	require.Equal(t, "127.0.0.1:8080", browserAddr("[::]:8080"))
	require.Equal(t, "192.168.1.5:80", browserAddr("192.168.1.5:80"))
}
