package main

import (
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"testing"

	"jixiao/msg"

	"github.com/stretchr/testify/require"
)

// restoreGC puts back the collector's settings of the test binary.
func restoreGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		watch.mu.Lock()
		watch.off = true
		watch.mu.Unlock()
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
	require.Equal(t, cmdStartGCPercent, debug.SetGCPercent(cmdStartGCPercent))
	require.Equal(t, int64(cmdMemoryLimit), debug.SetMemoryLimit(-1))
	require.True(t, watch.check())

	// serve gives the defaults back and stops the watch.
	defaultGC(env(nil))
	require.Equal(t, 100, debug.SetGCPercent(100))
	require.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1))
	require.False(t, watch.check())
}

var hold []byte

// When the live heap passes three quarters of the limit, the limit rises
// to twice it; below, it stays. What was made since the last collection
// and is garbage does not count.
func TestGCLimitRises(t *testing.T) {
	restoreGC(t)
	g := &gcLimit{limit: 1 << 40}
	debug.SetMemoryLimit(1 << 40)

	hold = make([]byte, 8<<20)
	defer func() { hold = nil }()
	runtime.GC()
	require.True(t, g.check())
	require.Equal(t, uint64(1<<40), g.limit)

	g.limit = 4 << 20 // less than the 8 MB held
	require.True(t, g.check())
	require.GreaterOrEqual(t, g.limit, uint64(16<<20))
	require.Equal(t, int64(g.limit), debug.SetMemoryLimit(-1))

	// Garbage made after the collection is not live: no rise.
	hold = nil
	runtime.GC()
	g.limit = 64 << 20
	debug.SetMemoryLimit(64 << 20)
	for range 8 {
		hold = make([]byte, 8<<20) // the one before is garbage
	}
	require.True(t, g.check())
	require.Equal(t, uint64(64<<20), g.limit)

	g.off = true
	require.False(t, g.check())
}

// GOGC starts at cmdStartGCPercent and is cmdGCPercent from the first
// collection that finds more than cmdSmallHeap live, and stays so.
func TestGCPercentSettles(t *testing.T) {
	restoreGC(t)
	g := &gcLimit{limit: 1 << 40}
	debug.SetMemoryLimit(1 << 40)
	debug.SetGCPercent(cmdStartGCPercent)

	g.saw(cmdSmallHeap)
	require.False(t, g.settled, "a small heap keeps the start")
	require.Equal(t, cmdStartGCPercent, debug.SetGCPercent(cmdStartGCPercent))

	g.saw(cmdSmallHeap + 1)
	require.True(t, g.settled)
	require.Equal(t, cmdGCPercent, debug.SetGCPercent(cmdGCPercent))

	g.saw(1 << 20)
	require.Equal(t, cmdGCPercent, debug.SetGCPercent(cmdGCPercent), "settled once, for good")
	require.Equal(t, uint64(1<<40), g.limit, "the limit is not the percent's business")
}

// The commands that ask for huge pages exist under these names, and the
// short ones are not among them.
func TestReadsBooksNamesCommands(t *testing.T) {
	a := &app{p: &msg.Printer{Out: io.Discard, Err: io.Discard}}
	root := a.newRoot(nil)
	for name := range readsBooks {
		c, _, err := root.Find([]string{name})
		require.NoError(t, err, name)
		require.Equal(t, name, c.Name())
	}
	for _, short := range []string{"version", "help", "template", "serve"} {
		require.False(t, readsBooks[short], short)
	}
}
