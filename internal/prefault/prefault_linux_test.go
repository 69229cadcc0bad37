//go:build linux

package prefault

import (
	"errors"
	"os"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

const exampleMaps = `00400000-00a7c000 r-xp 00000000 fe:00 1234   /opt/jixiao dir/jixiao
00a7c000-0112e000 r--p 0067c000 fe:00 1234   /opt/jixiao dir/jixiao
0112e000-02aa4000 rw-p 00d2e000 fe:00 1234   /opt/jixiao dir/jixiao
02aa4000-04ae8000 rw-p 00000000 00:00 0
40000000-40c00000 rw-p 00000000 00:00 0
40c00000-44000000 ---p 00000000 00:00 0
7a1c0000-7a1e1000 rw-p 00000000 00:00 0
7a1e1000-7a200000 r-xp 00000000 fe:00 99   /usr/lib/other.so
not a mapping
7ffd0000-7ffd1000 rw-p 00000000 00:00 0   [stack]
`

// The heap's mapping is asked for from its start, 4 MB at most, then the
// program's code and read-only data; its writable data, other files,
// other memory and what does not read as a mapping are left alone.
func TestPlan(t *testing.T) {
	got := plan([]byte(exampleMaps), 0x40001230, "/opt/jixiao dir/jixiao")
	require.Equal(t, []span{
		{0x40000000, 0x40400000, madvPopulateWrite},
		{0x400000, 0xa7c000, madvPopulateRead},
		{0xa7c000, 0x112e000, madvPopulateRead},
	}, got)

	// A heap mapping shorter than 4 MB is asked for whole.
	got = plan([]byte(exampleMaps), 0x7a1c0010, "")
	require.Equal(t, []span{{0x7a1c0000, 0x7a1e1000, madvPopulateWrite}}, got)

	// A block outside any writable anonymous mapping: the program only.
	got = plan([]byte(exampleMaps), 0x40c00010, "/opt/jixiao dir/jixiao")
	require.Len(t, got, 2)
	require.Empty(t, plan(nil, 0x40001230, "/opt/jixiao dir/jixiao"))
}

func TestParseLine(t *testing.T) {
	m, ok := parseLine([]byte("7a1c0000-7a1e1000 r-xp 00002000 fe:00 247026     /usr/bin/cat (deleted)"))
	require.True(t, ok)
	require.Equal(t, mapping{0x7a1c0000, 0x7a1e1000, "r-xp", "/usr/bin/cat (deleted)"}, m)
	m, ok = parseLine([]byte("40000000-40400000 rw-p 00000000 00:00 0"))
	require.True(t, ok)
	require.Equal(t, mapping{0x40000000, 0x40400000, "rw-p", ""}, m)
	for _, bad := range []string{"", "7f0a1c000000 rw-p 0 00:00 0", "zz-10 rw-p 0 00:00 0",
		"20-10 rw-p 0 00:00 0", "10-20x rw-p 0 00:00 0", "10-20 rw-p"} {
		_, ok := parseLine([]byte(bad))
		require.False(t, ok, bad)
	}
}

// resident counts the pages of [p, p+n) that are mapped in (mincore).
func resident(t *testing.T, p, n uintptr) int {
	page := uintptr(os.Getpagesize())
	vec := make([]byte, (n+page-1)/page)
	_, _, errno := syscall.Syscall(syscall.SYS_MINCORE, p, n, uintptr(unsafe.Pointer(&vec[0])))
	require.Zero(t, errno)
	k := 0
	for _, v := range vec {
		k += int(v & 1)
	}
	return k
}

// The requests map the pages in: fresh memory is resident after the
// write request, without a touch.
func TestPopulate(t *testing.T) {
	const n = 1 << 20
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	require.NoError(t, err)
	defer syscall.Munmap(b)
	p := uintptr(unsafe.Pointer(&b[0]))
	require.Zero(t, resident(t, p, n))
	err = madvise(p, n, madvPopulateWrite)
	if errors.Is(err, syscall.EINVAL) {
		t.Skip("this Linux has no MADV_POPULATE_WRITE (5.14)")
	}
	require.NoError(t, err)
	require.Equal(t, n/os.Getpagesize(), resident(t, p, n))
}

// In this test program, as in jixiao, the package's init found its heap
// and its program file, and mapped the heap's first chunk in.
func TestInitPopulatedHeap(t *testing.T) {
	if v, _ := syscall.Getenv("JIXIAO_PREFAULT"); v == "0" {
		t.Skip("JIXIAO_PREFAULT=0")
	}
	<-done
	q := new([16]byte)
	ranges := plan(readMaps(), uintptr(unsafe.Pointer(q)), executable())
	require.GreaterOrEqual(t, len(ranges), 3, "the heap, the code, the read-only data")
	h := ranges[0]
	require.Equal(t, uintptr(madvPopulateWrite), h.advice)
	if err := madvise(h.lo, 0, madvPopulateWrite); errors.Is(err, syscall.EINVAL) {
		t.Skip("this Linux has no MADV_POPULATE_WRITE (5.14)")
	}
	// The chunk the init asked for is the first of the mapping that holds
	// the heap now (it may have grown since): its pages are in. Not all
	// need be: the runtime may have given some free ones back since. Without
	// the request a test program has a tenth of them in.
	n := min(h.hi-h.lo, heapChunk)
	pages := int(n) / os.Getpagesize()
	require.GreaterOrEqual(t, resident(t, h.lo, n), pages*9/10, "of %d pages", pages)
}

func TestParseMapping(t *testing.T) {
	lo, hi, ok := ParseMapping("7f0a1c00-7f0a1c21 rw-p 00000000 00:00 0")
	require.True(t, ok)
	require.Equal(t, uintptr(0x7f0a1c00), lo)
	require.Equal(t, uintptr(0x7f0a1c21), hi)
	for _, bad := range []string{"", "7f0a1c000000 rw-p", "zz-10 rw-p", "20-10 rw-p", "Size:                  4 kB",
		"VmFlags: rd wr mr mw me ac sd"} {
		_, _, ok := ParseMapping(bad)
		require.False(t, ok, bad)
	}
}

// Holding finds the mapping of a block of the heap, and of a mapping made
// for the test, once each however many of their addresses are asked for.
func TestHolding(t *testing.T) {
	b, err := syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	require.NoError(t, err)
	defer syscall.Munmap(b)
	p := uintptr(unsafe.Pointer(&b[0]))
	got := Holding(p, p+100, p+1<<19)
	require.Len(t, got, 1)
	require.True(t, got[0][0] <= p && p+1<<19 < got[0][1])
	require.Empty(t, Holding(0))
}
