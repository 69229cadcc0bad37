// Package workpool runs independent jobs on a bounded pool of goroutines
// and hands their results back in order, so that what a caller builds from
// them does not depend on the number of workers or on timing.
package workpool

import (
	"fmt"
	"runtime"
	"sync"
)

// Ordered runs job(0) … job(n-1) on at most workers goroutines (0 or less:
// runtime.GOMAXPROCS(0)) and calls deliver with each result in index
// order, from the calling goroutine. Besides the result being delivered,
// at most window results (at least workers; 0 for no limit) are being
// made or wait to be delivered, which bounds the memory they hold.
//
// Ordered stops at the first error in index order, of a job or of deliver,
// and returns it once the jobs already started have ended. A panic in a job is returned as an error of that job:
// the jobs run on goroutines where no caller could recover it.
func Ordered[T any](n, workers, window int, job func(i int) (T, error), deliver func(i int, v T) error) error {
	if n <= 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	if window <= 0 || window > n {
		window = n
	}
	window = max(window, workers)

	type result struct {
		v   T
		err error
	}
	// Job i's result goes to slot i%window: at most window jobs are out
	// at once, all of them after the last one delivered.
	slots := make([]chan result, window)
	for k := range slots {
		slots[k] = make(chan result, 1)
	}
	tokens := make(chan struct{}, window)
	stop := make(chan struct{})
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range n {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v, err := safe(job, i)
				slots[i%window] <- result{v, err}
			}
		}()
	}
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for i := range n {
		r := <-slots[i%window]
		<-tokens
		if r.err != nil {
			return r.err
		}
		if err := deliver(i, r.v); err != nil {
			return err
		}
	}
	return nil
}

// safe runs job(i), turning a panic into an error.
func safe[T any](job func(int) (T, error), i int) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return job(i)
}
