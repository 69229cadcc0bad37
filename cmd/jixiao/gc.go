package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// The garbage collector of a command run (not of serve, which keeps Go's
// defaults: a long-running server's memory matters more than a request's
// CPU). A command makes most of its garbage while it lays out and draws,
// and holds little: with Go's default (a collection each time the heap
// doubles) the 170-form binder collects about a dozen times for a live
// heap of 20 MB. Letting the heap grow to five times its live size
// (GOGC=400) saves most of that work, and a soft memory limit keeps a
// large book within cmdMemoryLimit: near the limit the collector works
// more often instead of letting the heap grow. When the live heap alone
// comes near the limit (a book of tens of thousands of forms), the limit
// rises with it, so that the collector never runs without end.
// GOGC or GOMEMLIMIT in the environment turn all of this off.

const (
	cmdGCPercent   = 400
	cmdMemoryLimit = 180 << 20
)

// tuneGC sets the collector of a command run, unless the environment
// (getenv) sets GOGC or GOMEMLIMIT.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(cmdGCPercent)
	debug.SetMemoryLimit(cmdMemoryLimit)
	watch.limit = cmdMemoryLimit
	watch.arm()
}

// watch raises the limit of tuneGC.
var watch gcLimit

// defaultGC gives the collector Go's defaults again (serve).
func defaultGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	watch.off.Store(true)
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

// gcLimit raises the memory limit when the live heap comes near it. It
// looks after each collection: a sentinel object's finalizer runs once
// the collection that freed it is done, and makes the next sentinel.
type gcLimit struct {
	limit uint64 // read and written by the finalizer goroutine only, once armed
	off   atomic.Bool
}

type gcSentinel struct{ g *gcLimit }

func (g *gcLimit) arm() {
	s := &gcSentinel{g}
	runtime.SetFinalizer(s, func(s *gcSentinel) {
		if s.g.check() {
			s.g.arm()
		}
	})
}

// check raises the limit to twice the heap in use when that is more than
// two thirds of the limit; it reports whether to keep watching.
func (g *gcLimit) check() bool {
	if g.off.Load() {
		return false
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if live := ms.HeapAlloc; live > g.limit/3*2 {
		g.limit = 2 * live
		debug.SetMemoryLimit(int64(g.limit))
	}
	return true
}
