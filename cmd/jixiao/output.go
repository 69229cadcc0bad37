package main

import (
	"io"
	"os"

	"jixiao/internal/output"
	"jixiao/msg"
)

// writeOutput writes what write produces to path by the output rules of
// package output (a new or regular file atomically, a symbolic link's
// target atomically, a device or FIFO directly). The path "-" means stdout.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" || path == "" {
		return write(stdoutWriter{stdout})
	}
	return output.Write(path, write)
}

// stdoutWriter tells a failed write as one to standard output, with its
// reason ("the disk is full", not "cannot read /dev/stdout").
type stdoutWriter struct{ w io.Writer }

func (s stdoutWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil {
		err = msg.Wrap(err, msg.StdoutFailed, output.Reason(err))
	}
	return n, err
}

// checkOutput refuses, before any work is done, an output path that cannot
// be written (a directory, a socket) or that names one of the inputs
// (jixiao render book.json -o book.json would replace the book with a PDF).
func checkOutput(path string, inputs []string) error {
	if path == "-" || path == "" {
		return nil
	}
	_, kind, st, err := output.Resolve(path)
	if err != nil {
		return err
	}
	if kind != output.Regular {
		return nil // a new file, or a device: nothing to compare
	}
	for _, in := range inputs {
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return msg.New(msg.OutputIsInput, path, in)
		}
	}
	return nil
}
