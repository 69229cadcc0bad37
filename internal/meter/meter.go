// Package meter measures what the command's summary and the benchmarks
// report: the bytes written through a writer (the peak of the live heap
// is internal/peakheap's, which only tests and benchmarks use).
package meter

import (
	"io"
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
