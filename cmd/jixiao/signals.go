package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"jixiao/internal/output"
)

// interrupts is what SIGINT, SIGTERM and SIGHUP do: the first cancels
// the context every command runs under, so that the work stops within a
// page and the command removes its temporary files and ends with the
// status a shell gives a process killed by the signal (128 + its number:
// 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP). jixiao serve is
// patient: at the first signal it stops taking requests and lets those in
// progress (downloads) finish. A second signal, or a command that has not
// ended some seconds after the first, ends the process at once, its
// temporary files removed. Only SIGKILL, which cannot be caught, may
// leave a temporary file behind.
type interrupts struct {
	ctx     context.Context
	patient atomic.Bool // serve: no deadline after the first signal

	mu  sync.Mutex
	sig os.Signal
}

// impatience is how long a command may take to stop after the first
// signal before the process ends without it.
const impatience = 5 * time.Second

// catchSignals starts catching the signals.
func catchSignals() *interrupts {
	ctx, cancel := context.WithCancel(context.Background())
	in := &interrupts{ctx: ctx}
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-ch
		in.mu.Lock()
		in.sig = s
		in.mu.Unlock()
		cancel()
		var late <-chan time.Time
		if !in.patient.Load() {
			late = time.After(impatience)
		}
		select {
		case s = <-ch:
		case <-late:
		}
		output.RemoveTemps()
		os.Exit(signalStatus(s))
	}()
	return in
}

// status is the exit status of the signal received, 0 when none was.
func (in *interrupts) status() int {
	if in == nil {
		return 0
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.sig == nil {
		return 0
	}
	return signalStatus(in.sig)
}

func signalStatus(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 128 + 15
}

// exit is the exit status of a command that ended with code: that of the
// signal when one stopped it (its temporary files removed); serve, which
// stopped as asked, ends as it says.
func (in *interrupts) exit(code int) int {
	if s := in.status(); s != 0 && !in.patient.Load() {
		output.RemoveTemps()
		return s
	}
	return code
}
