package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

// restoreGC puts back the collector's settings of the test binary.
func restoreGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestTuneGC(t *testing.T) {
	restoreGC(t)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	// The environment's own setting wins: nothing changes.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	tuneGC(env(map[string]string{"GOGC": "50"}))
	require.Equal(t, 100, debug.SetGCPercent(100))
	tuneGC(env(map[string]string{"GOMEMLIMIT": "1GiB"}))
	require.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1))

	tuneGC(env(nil))
	require.Equal(t, cmdGCPercent, debug.SetGCPercent(cmdGCPercent))
	require.Equal(t, int64(cmdMemoryLimit), debug.SetMemoryLimit(-1))

	// serve gives the defaults back.
	defaultGC(env(nil))
	require.Equal(t, 100, debug.SetGCPercent(100))
	require.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1))
}
