//go:build linux

package prefault

import (
	"syscall"
	"unsafe"
)

// madvise advice values (linux/mman.h); syscall has neither.
const (
	madvPopulateRead  = 22
	madvPopulateWrite = 23
)

// heapChunk is how much of the heap is asked for: what the runtime maps
// (PROT_READ|PROT_WRITE) when it first grows its heap is 4 MB, and a
// command's start-up fills most of it.
const heapChunk = 4 << 20

// probe is a small block of the heap (a package variable, so that it is
// made on the heap, not the stack).
var probe *[16]byte

// done is closed once the requests are made (for the tests).
var done = make(chan struct{})

func init() {
	if v, _ := syscall.Getenv("JIXIAO_PREFAULT"); v == "0" {
		close(done)
		return
	}
	probe = new([16]byte)
	p := uintptr(unsafe.Pointer(probe))
	probe = nil
	// The maps are read on the goroutine too: init returns at once.
	go func() {
		defer close(done)
		for _, r := range plan(readMaps(), p, executable()) {
			madvise(r.lo, r.hi-r.lo, r.advice)
		}
	}()
}

// span is a range of addresses and what to ask for it.
type span struct {
	lo, hi uintptr
	advice uintptr
}

// plan returns the requests for the mappings of maps (the text of
// /proc/self/maps): the writable anonymous mapping that holds the heap
// block p, up to heapChunk from its start, then the program file exe's
// mappings that are executable or read-only (its code and its read-only
// data; its writable data is left to be copied as it is written).
func plan(maps []byte, p uintptr, exe string) []span {
	var heap span
	var file []span
	for len(maps) > 0 {
		var line []byte
		line, maps = cut(maps)
		m, ok := parseLine(line)
		if !ok {
			continue
		}
		switch {
		case m.lo <= p && p < m.hi && m.perms == "rw-p" && m.path == "":
			heap = span{m.lo, min(m.hi, m.lo+heapChunk), madvPopulateWrite}
		case exe != "" && m.path == exe && (m.perms == "r-xp" || m.perms == "r--p"):
			file = append(file, span{m.lo, m.hi, madvPopulateRead})
		}
	}
	var out []span
	if heap.hi > heap.lo {
		out = append(out, heap) // the heap first: it is touched first
	}
	return append(out, file...)
}

// mapping is a line of /proc/self/maps.
type mapping struct {
	lo, hi uintptr
	perms  string // "r-xp"
	path   string // "" for anonymous memory
}

// parseLine reads a line of /proc/self/maps:
// "7f0a1c000000-7f0a1c021000 rw-p 00000000 00:00 0   [path]".
func parseLine(line []byte) (mapping, bool) {
	f := fields(line, 6)
	if len(f) < 5 {
		return mapping{}, false
	}
	lo, rest, ok := hex(f[0])
	if !ok || len(rest) == 0 || rest[0] != '-' {
		return mapping{}, false
	}
	hi, rest, ok := hex(rest[1:])
	if !ok || len(rest) != 0 || lo >= hi {
		return mapping{}, false
	}
	m := mapping{lo: lo, hi: hi, perms: string(f[1])}
	if len(f) == 6 {
		m.path = string(f[5])
	}
	return m, true
}

// fields splits line at runs of spaces into at most n fields, the last
// one the rest of the line (a path may hold spaces).
func fields(line []byte, n int) [][]byte {
	var out [][]byte
	for len(line) > 0 && len(out) < n {
		for len(line) > 0 && line[0] == ' ' {
			line = line[1:]
		}
		if len(line) == 0 {
			break
		}
		if len(out) == n-1 {
			out = append(out, line)
			break
		}
		i := 0
		for i < len(line) && line[i] != ' ' {
			i++
		}
		out = append(out, line[:i])
		line = line[i:]
	}
	return out
}

// hex reads a hexadecimal number at the start of b.
func hex(b []byte) (v uintptr, rest []byte, ok bool) {
	i := 0
	for ; i < len(b) && i < 16; i++ {
		c := b[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | uintptr(c-'0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | uintptr(c-'a'+10)
		default:
			return v, b[i:], i > 0
		}
	}
	return v, b[i:], i > 0
}

// cut returns the first line of b and what follows it.
func cut(b []byte) (line, rest []byte) {
	for i, c := range b {
		if c == '\n' {
			return b[:i], b[i+1:]
		}
	}
	return b, nil
}

// readMaps reads /proc/self/maps (a program's maps fit in a few kB; the
// buffer grows for more). A read that fails leaves what was read, its
// last line dropped as partial.
func readMaps() []byte {
	fd, err := syscall.Open("/proc/self/maps", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	buf := make([]byte, 16<<10)
	n := 0
	for {
		if n == len(buf) {
			buf = append(buf, make([]byte, len(buf))...)
		}
		k, err := syscall.Read(fd, buf[n:])
		if k > 0 {
			n += k
		}
		if k == 0 && err == nil {
			return buf[:n] // the end
		}
		if err != nil && err != syscall.EINTR {
			break
		}
	}
	for n > 0 && buf[n-1] != '\n' {
		n--
	}
	return buf[:n]
}

// Holding returns the mappings of the process (/proc/self/maps) that hold
// the addresses ps, each once, in address order: where the command asks
// for huge pages under its heap (cmd/jixiao).
func Holding(ps ...uintptr) [][2]uintptr {
	var out [][2]uintptr
	for maps := readMaps(); len(maps) > 0; {
		var line []byte
		line, maps = cut(maps)
		m, ok := parseLine(line)
		if !ok {
			continue
		}
		for _, p := range ps {
			if m.lo <= p && p < m.hi {
				out = append(out, [2]uintptr{m.lo, m.hi})
				break
			}
		}
	}
	return out
}

// ParseMapping reads the address range of the first line of a mapping in
// /proc/self/maps or /proc/self/smaps
// ("7f0a1c000000-7f0a1c021000 rw-p 00000000 00:00 0"); ok is false for
// any other line.
func ParseMapping(line string) (lo, hi uintptr, ok bool) {
	m, ok := parseLine([]byte(line))
	return m.lo, m.hi, ok
}

// executable is the path of the running program, as /proc/self/maps
// names its mappings.
func executable() string {
	buf := make([]byte, 4096)
	n, err := syscall.Readlink("/proc/self/exe", buf)
	if err != nil || n <= 0 || n == len(buf) {
		return ""
	}
	return string(buf[:n])
}

// madvise gives advice for the range; an error (an older Linux, a range
// no longer mapped) leaves the pages to be faulted in one by one.
func madvise(lo, n, advice uintptr) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, n, advice); errno != 0 {
		return errno
	}
	return nil
}
