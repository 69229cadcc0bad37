package workpool

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Results come in index order whatever the workers and the timing.
func TestOrderedInOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 50} {
		for _, window := range []int{0, 1, 4} {
			var got []int
			err := Ordered(40, workers, window,
				func(i int) (int, error) {
					time.Sleep(time.Duration((i*7)%5) * 100 * time.Microsecond)
					return i * i, nil
				},
				func(i, v int) error {
					require.Equal(t, len(got), i)
					require.Equal(t, i*i, v)
					got = append(got, v)
					return nil
				})
			require.NoError(t, err)
			require.Len(t, got, 40, "workers %d window %d", workers, window)
		}
	}
	require.NoError(t, Ordered(0, 2, 0, func(int) (int, error) { panic("no job") }, func(int, int) error { panic("no result") }))
}

// Besides the result being delivered, at most window jobs are started
// and not delivered.
func TestOrderedWindow(t *testing.T) {
	var started, delivered atomic.Int64
	err := Ordered(100, 4, 6,
		func(i int) (int, error) {
			started.Add(1)
			return i, nil
		},
		func(i, _ int) error {
			time.Sleep(50 * time.Microsecond)
			require.LessOrEqual(t, started.Load(), delivered.Load()+1+6)
			delivered.Add(1)
			return nil
		})
	require.NoError(t, err)
	require.EqualValues(t, 100, started.Load())
}

// The first error in index order is returned, of a job or of deliver;
// nothing after it is delivered, and a panic is an error.
func TestOrderedErrors(t *testing.T) {
	bad := errors.New("bad")
	last := -1
	err := Ordered(30, 4, 0,
		func(i int) (int, error) {
			if i == 12 || i == 20 {
				return 0, fmt.Errorf("job %d: %w", i, bad)
			}
			return i, nil
		},
		func(i, _ int) error { last = i; return nil })
	require.EqualError(t, err, "job 12: bad")
	require.Equal(t, 11, last)

	stop := errors.New("stop")
	err = Ordered(30, 4, 8, func(i int) (int, error) { return i, nil },
		func(i, _ int) error {
			if i == 5 {
				return stop
			}
			return nil
		})
	require.ErrorIs(t, err, stop)

	err = Ordered(5, 2, 0, func(i int) (int, error) {
		if i == 3 {
			panic("boom")
		}
		return i, nil
	}, func(int, int) error { return nil })
	require.EqualError(t, err, "internal error: boom")
}

// No goroutine outlives Ordered, even when it stops early.
func TestOrderedLeavesNoGoroutine(t *testing.T) {
	time.Sleep(10 * time.Millisecond) // the goroutines of the tests before end
	before := runtime.NumGoroutine()
	for range 20 {
		_ = Ordered(100, 8, 3, func(i int) (int, error) { return i, nil },
			func(i, _ int) error {
				if i == 2 {
					return errors.New("stop")
				}
				return nil
			})
	}
	// A goroutine that has called wg.Done may take a moment to end; one
	// that is blocked never does.
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); n > before && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(time.Millisecond)
	}
	require.LessOrEqual(t, n, before, "goroutines left running")
}
