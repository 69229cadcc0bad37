//go:build linux

package main

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	"jixiao/internal/prefault"
)

// advised reports whether the mapping that holds p carries the
// MADV_HUGEPAGE flag ("hg" among the VmFlags of /proc/self/smaps).
func advised(t *testing.T, p uintptr) bool {
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := prefault.ParseMapping(line); ok { // a mapping's first line
			in = lo <= p && p < hi
			continue
		}
		if in && strings.HasPrefix(line, "VmFlags:") {
			return strings.Contains(line+" ", " hg ")
		}
	}
	require.NoError(t, sc.Err())
	t.Fatalf("no mapping holds %#x", p)
	return false
}

// Where Linux gives huge pages on request, the command's heap asks: a
// block made afterwards lies in an advised mapping. JIXIAO_HUGEPAGES=0,
// or a system that gives them always or never, leaves the heap alone.
func TestAdviseHugePages(t *testing.T) {
	restoreGC(t)
	off := func(k string) string {
		if k == "JIXIAO_HUGEPAGES" {
			return "0"
		}
		return ""
	}
	require.False(t, adviseHugePages(off))

	setting, err := os.ReadFile(thpSetting)
	if err != nil || !bytes.Contains(setting, []byte("[madvise]")) {
		require.False(t, adviseHugePages(func(string) string { return "" }))
		t.Skipf("transparent huge pages are not on request here (%q): nothing to ask", bytes.TrimSpace(setting))
	}
	// A memory limit (GOMEMLIMIT) too small for the object: no asking.
	limit := debug.SetMemoryLimit(64 << 20)
	require.False(t, adviseHugePages(func(string) string { return "" }))
	debug.SetMemoryLimit(limit)

	// Go's own switch against huge pages, and GOGC=off (the object would
	// stay), leave the heap alone.
	require.False(t, adviseHugePages(func(k string) string {
		if k == "GODEBUG" {
			return "madvdontneed=1,disablethp=1"
		}
		return ""
	}))
	percent := debug.SetGCPercent(-1)
	require.False(t, adviseHugePages(func(string) string { return "" }))
	require.Equal(t, -1, debug.SetGCPercent(percent), "the collector left off")

	// A command's collector, with 24 MB already in use: the object would
	// pass the limit, bring a collection that finds it live and raise the
	// limit (the watch). No asking then.
	tuneGC(func(string) string { return "" })
	hold = make([]byte, 24<<20)
	require.False(t, adviseHugePages(func(string) string { return "" }))
	hold = nil
	watch.mu.Lock()
	limitNow := watch.limit
	watch.mu.Unlock()
	require.Equal(t, uint64(cmdMemoryLimit), limitNow, "the limit was raised")

	// The test binary's own settings (GOGC, GOMEMLIMIT) are not the
	// case under test.
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	require.True(t, adviseHugePages(func(string) string { return "" }))
	// In a command the collection that frees the object runs at once in
	// the background; here it is waited for, so that the block does not
	// land in fresh memory the heap maps meanwhile.
	runtime.GC()
	block := make([]byte, 4<<20)
	require.True(t, advised(t, uintptr(unsafe.Pointer(&block[0]))),
		"a heap block made after the advice lies outside the advised mapping")
}

func TestTHPDisabled(t *testing.T) {
	for godebug, off := range map[string]bool{
		"":                            false,
		"disablethp=1":                true,
		"disablethp=2":                true,
		"disablethp=01":               true,
		"disablethp=+1":               true,
		"disablethp=0":                false,
		"madvdontneed=1,disablethp=1": true,
		"disablethp=1,disablethp=0":   false, // the last wins
		"disablethp=0,disablethp=1":   true,
		"disablethp=1,disablethp=x":   true, // not a number: ignored
		"xdisablethp=1":               false,
	} {
		require.Equal(t, off, thpDisabled(godebug), godebug)
	}
}
