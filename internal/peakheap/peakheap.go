// Package peakheap measures the peak of the live heap while a function
// runs, for the benchmarks and the memory tests. It is a package of its own
// so that the binary, which links internal/meter for its byte counter,
// does not carry what only tests use.
package peakheap

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Of runs f and returns the largest live heap (bytes in heap
// objects, after a garbage collection first) sampled every millisecond
// while it ran, and at its end.
func Of(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			read()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	read()
	return peak
}
