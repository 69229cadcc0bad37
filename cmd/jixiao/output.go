package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writeOutput writes what write produces to path atomically: into a temporary
// file in the same directory, renamed over path only when write and close
// succeed, so that a failure never leaves a half-written file. The path "-"
// means w (standard output).
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" || path == "" {
		return write(stdout)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	ok = true
	return nil
}

// checkOutput refuses, before any work is done, an output path that is a
// directory or that names one of the inputs (jixiao render book.json -o
// book.json would replace the book with a PDF).
func checkOutput(path string, inputs []string) error {
	if path == "-" || path == "" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil // a new file: writeOutput reports any problem creating it
	}
	if st.IsDir() {
		return fmt.Errorf("cannot write %s: it is a directory; name a file (in it, or elsewhere)", path)
	}
	for _, in := range inputs {
		if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
			return fmt.Errorf("cannot write %s: it is the input file %s; name another output", path, in)
		}
	}
	return nil
}
