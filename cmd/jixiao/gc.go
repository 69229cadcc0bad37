package main

import (
	"math"
	"runtime/debug"
)

// The garbage collector of a command run (not of serve, which keeps Go's
// defaults: a long-running server's memory matters more than a request's
// CPU). A command makes most of its garbage while it lays out and draws,
// and holds little: with Go's default (a collection each time the heap
// doubles) the 170-form binder collects a dozen times for a live heap of
// 20 MB. Letting the heap grow to five times its live size (GOGC=400)
// saves most of that work, and a soft memory limit keeps a large book
// within cmdMemoryLimit: near the limit the collector works more often
// instead of letting the heap grow. The 10,000-form book (62 MB of JSON)
// keeps 60–85 MB live while it is printed, so the collector still has
// room; a book whose data alone came near the limit (about four times as
// many forms) would be printed more slowly, the collector taking up to
// half the CPU, and GOMEMLIMIT=off lifts the limit. GOGC or GOMEMLIMIT in
// the environment turn all of this off.
const (
	cmdGCPercent   = 400
	cmdMemoryLimit = 160 << 20
)

// tuneGC sets the collector of a command run, unless the environment
// (getenv) sets GOGC or GOMEMLIMIT.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(cmdGCPercent)
	debug.SetMemoryLimit(cmdMemoryLimit)
}

// defaultGC gives the collector Go's defaults again (serve).
func defaultGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}
