// Package meter measures what the command's summary and the benchmarks
// report: the bytes written through a writer, and the peak of the live
// heap while a function runs.
package meter

import (
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Writer counts the bytes written through it to W.
type Writer struct {
	W io.Writer
	N int64 // bytes written so far
}

func (c *Writer) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	c.N += int64(n)
	return n, err
}

// PeakHeap runs f and returns the largest live heap (bytes in heap
// objects, after a garbage collection first) sampled every millisecond
// while it ran, and at its end.
func PeakHeap(f func()) uint64 {
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
