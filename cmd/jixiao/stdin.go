package main

import (
	"io"

	"jixiao/msg"
)

// stdinName names standard input (the argument -) in messages and
// problem locations (where Chinese says 标准输入).
const stdinName = msg.StdinName

// stdinSource checks standard input before the pipeline reads it (JSON,
// YAML or a workbook, told apart by the content as for a file without an
// extension): a terminal is refused, as nobody types a book.
func stdinSource(in io.Reader) (io.Reader, error) {
	if isTerminal(in) {
		return nil, usageProblem(msg.New(msg.StdinTerminal))
	}
	return in, nil
}

// checkStdinOnce refuses - given twice: standard input can be read once.
func checkStdinOnce(files []string) error {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	if n > 1 {
		return usageProblem(msg.New(msg.StdinTwice))
	}
	return nil
}
