//go:build linux

package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"unsafe"

	"jixiao/internal/prefault"
)

// A command run draws into fresh memory: the 170-form binder's heap grows
// to about 32 MB, and the kernel hands each 4 KB page over at its first
// touch, a page fault. On the machine the README measures (a virtual
// machine) a fault costs about 8 µs, and the binder's 9,700 faults were a
// third of its CPU time. Linux backs memory with 2 MB pages, one fault
// each, where transparent huge pages are "always", or "madvise" and the
// program asks (madvise MADV_HUGEPAGE); Go's runtime does not ask. So a
// command asks for the first hugeHeapSize bytes of its heap: it makes the
// runtime map them, by allocating (and dropping, untouched) one object of
// that size, and advises the mappings of it and of the heap so far.
// Nothing else changes: the same allocations, in the same places; only the
// kernel's page size under them. JIXIAO_HUGEPAGES=0 turns it off.
const hugeHeapSize = 128 << 20

// thpSetting is where Linux says when it uses transparent huge pages.
const thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

// adviseHugePages asks for huge pages under the heap when the system gives
// them only on request; it reports whether it did.
func adviseHugePages(getenv func(string) string) bool {
	if getenv("JIXIAO_HUGEPAGES") == "0" || thpDisabled(getenv("GODEBUG")) {
		return false // off: ours, or Go's own switch against huge pages
	}
	if strconv.IntSize < 64 {
		return false // a 32-bit address space has no 128 MB to spare
	}
	setting, err := os.ReadFile(thpSetting)
	if err != nil || !bytes.Contains(setting, []byte("[madvise]")) {
		return false // "always" needs no asking; "never" gives none
	}
	if overcommit, err := os.ReadFile(overcommitSetting); err == nil && bytes.Equal(bytes.TrimSpace(overcommit), []byte("2")) {
		// Strict accounting counts the untouched object in full, and a
		// mapping it refuses ends a Go program.
		return false
	}
	if limit := debug.SetMemoryLimit(-1); limit-int64(runtimeMetric("/memory/classes/total:bytes")) < hugeHeapSize+16<<20 {
		return false // the object would bring a collection that finds it live
	}
	// No collection while the object is held: one would find it live and
	// let the heap grow to five times its size before the next.
	percent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(percent)
	if percent < 0 {
		return false // GOGC=off: the object would never be collected
	}
	// The runtime may map the object next to the heap so far, as one
	// mapping, or apart from it: the mappings of both are advised.
	probe = new([16]byte)
	defer func() { probe = nil }()
	heap := make([]byte, hugeHeapSize)
	ranges := prefault.Holding(uintptr(unsafe.Pointer(probe)), uintptr(unsafe.Pointer(unsafe.SliceData(heap))))
	for _, r := range ranges {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, r[0], r[1]-r[0], syscall.MADV_HUGEPAGE); errno != 0 {
			return false
		}
	}
	runtime.KeepAlive(heap)
	// The object is garbage now. The collection that the heap's size
	// starts at the next allocation frees its pages for the heap to use.
	// Until it is done (a few ms at the start of a command, with about
	// 1 MB made meanwhile) the heap grows into fresh mappings, which are
	// not advised; a forced collection here (runtime.GC, which waits for
	// the sweep too) took 4–10 ms, more than it would spare.
	return len(ranges) > 0
}

// overcommitSetting is how Linux accounts for memory a process maps.
const overcommitSetting = "/proc/sys/vm/overcommit_memory"

// thpDisabled reports whether GODEBUG (the program's default, then the
// environment's value godebug) turns huge pages off as Go's runtime reads
// it: the last disablethp=N with N a number, any N but 0.
func thpDisabled(godebug string) bool {
	off := false
	read := func(list string) {
		for _, kv := range strings.Split(list, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k != "disablethp" {
				continue
			}
			if n, err := strconv.ParseInt(v, 10, 32); err == nil {
				off = n != 0
			}
		}
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "DefaultGODEBUG" {
				read(s.Value)
			}
		}
	}
	read(godebug)
	return off
}

// probe is a small block of the heap as it is before the asking (a
// package variable, so that it is made on the heap, not the stack).
var probe *[16]byte
