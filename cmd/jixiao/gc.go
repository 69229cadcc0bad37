package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The garbage collector of a command run (not of serve, which keeps Go's
// defaults: a long-running server's memory matters more than a request's
// CPU). A command makes most of its garbage while it lays out and draws,
// and holds little: with Go's default (a collection each time the heap
// doubles) the 170-form binder collects a dozen times for a live heap of
// 20 MB. Letting the heap grow to five times its live size (GOGC=400)
// saves most of that work. Until a collection finds more than
// cmdSmallHeap live, GOGC is 1000: Go's least heap goal, 4 MB times
// GOGC/100, is then 40 MB instead of 16, and a small command (the
// 170-form binder makes 32 MB in all) needs no collection after the one
// the huge-page advice brings (hugepages_linux.go), when 1 MB is live.
// Any command that holds more (render --out-dir of 1,000 forms keeps
// 11-12 MB live) is back at 400 from its next collection, its peak what
// it was. A soft memory limit keeps a large book
// within cmdMemoryLimit: near the limit the collector works more often
// instead of letting the heap grow. The 10,000-form book (62 MB of JSON)
// keeps at most 100 MB live while it is printed, so the collector still
// has room. A book whose data alone comes near the limit (30,000 forms:
// 150 MB live) would have the collector running without end, three
// times as slow: after each collection the live heap is looked at, and
// when it passes three quarters of the limit the limit rises to twice
// the live heap. GOGC or GOMEMLIMIT in the environment turn all of this
// off.
const (
	cmdStartGCPercent = 1000
	cmdSmallHeap      = 4 << 20
	cmdGCPercent      = 400
	cmdMemoryLimit    = 160 << 20
)

// tuneGC sets the collector of a command run, unless the environment
// (getenv) sets GOGC or GOMEMLIMIT.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(cmdStartGCPercent)
	debug.SetMemoryLimit(cmdMemoryLimit)
	watch.mu.Lock()
	watch.limit, watch.off, watch.settled = cmdMemoryLimit, false, false
	watch.mu.Unlock()
	watch.arm()
}

// defaultGC gives the collector Go's defaults again (serve).
func defaultGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	watch.mu.Lock()
	watch.off = true
	watch.mu.Unlock()
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

// watch raises tuneGC's limit, and lowers its GOGC once the heap is
// not small.
var watch gcLimit

// gcLimit raises the memory limit when the live heap comes near it, and
// sets GOGC from cmdStartGCPercent to cmdGCPercent once the live heap
// passes cmdSmallHeap. It looks after each collection: a sentinel's
// finalizer runs once the
// collection that freed it is done, and makes the next sentinel. The
// live heap is the runtime's own count of what the last collection
// marked (/gc/heap/live:bytes), not the heap in use, which also holds
// what was made since.
type gcLimit struct {
	mu      sync.Mutex
	limit   uint64
	off     bool
	settled bool // GOGC is cmdGCPercent
}

type gcSentinel struct{ g *gcLimit }

func (g *gcLimit) arm() {
	runtime.SetFinalizer(&gcSentinel{g}, func(s *gcSentinel) {
		if s.g.check() {
			s.g.arm()
		}
	})
}

// check raises the limit to twice the live heap when that passes three
// quarters of the limit, and sets GOGC to cmdGCPercent once the live heap
// passes cmdSmallHeap; it reports whether to keep watching.
func (g *gcLimit) check() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.off {
		return false
	}
	g.saw(liveHeap())
	return true
}

// saw acts on a collection that found live bytes live (check).
func (g *gcLimit) saw(live uint64) {
	if live > g.limit/4*3 {
		g.limit = 2 * live
		debug.SetMemoryLimit(int64(g.limit))
	}
	if !g.settled && live > cmdSmallHeap {
		debug.SetGCPercent(cmdGCPercent)
		g.settled = true
	}
}

// liveHeap is the heap the last collection found live, in bytes.
func liveHeap() uint64 { return runtimeMetric("/gc/heap/live:bytes") }

// runtimeMetric reads one of the runtime's counters in bytes (0 when this
// Go does not have it).
func runtimeMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// readsBooks are the commands that read a book and lay it out or check
// it: their heap grows with the book, so they ask for huge pages under it
// (hugepages_linux.go). The others do not: version, help and template
// would only pay for the asking, and serve keeps the runtime's defaults.
var readsBooks = map[string]bool{
	"render": true, "binder": true, "preview": true, "export": true, "validate": true, "import": true,
}
