package main

import (
	"os"
	"os/signal"
	"syscall"

	"jixiao/internal/output"
)

// catchSignals makes SIGINT, SIGTERM and SIGHUP remove the temporary files
// of the outputs being written before the process exits, with the status a
// shell gives a process killed by the signal (128 + its number: 130 for
// SIGINT, 143 for SIGTERM, 129 for SIGHUP). Only SIGKILL, which cannot be
// caught, may leave a temporary file behind.
func catchSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-ch
		output.RemoveTemps()
		code := 128 + 15
		if n, ok := s.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		os.Exit(code)
	}()
}
