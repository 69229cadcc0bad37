package main

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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

// knownExts are the extensions of the files a clerk meets (what jixiao
// reads and writes, office documents, images): a name ending in one of
// them says what the file holds, and another program opens it by that.
var knownExts = []string{".pdf", ".ofd", ".json", ".yaml", ".yml", ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".csv",
	".txt", ".doc", ".docx", ".wps", ".png", ".jpg", ".jpeg", ".zip", ".html", ".htm"}

// checkOutputExt refuses, before any work, an output whose name ends in a
// known extension other than ext, that of the file written (kind says
// what it is): render --format ofd -o form.pdf, import -o book.xlsx. A
// name without a known extension is written as it is, as are standard
// output (-) and an existing device or FIFO: a script may name its
// output so.
func checkOutputExt(path, ext string, kind msg.Code) error {
	got := strings.ToLower(filepath.Ext(path))
	if path == "-" || path == "" || got == ext || !slices.Contains(knownExts, got) {
		return nil
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil
	}
	return msg.New(msg.OutputWrongExt, path, msg.New(kind), filepath.Ext(path), msg.Raw(ext))
}
