// Command jixiao turns municipal budget performance target forms
// (市级财政项目支出预算绩效目标表) into print-ready PDFs.
//
// Usage:
//
//	jixiao import SEED.txt [-o book.json]
//	jixiao validate FILE...
//	jixiao render FILE -o OUT.pdf
//	jixiao binder FILE... -o binder.pdf
//	jixiao preview FILE -o DIR
//	jixiao template [-o 绩效目标表模板.xlsx]
//	jixiao export FILE... -o book.xlsx
package main

import (
	"fmt"
	"io"
	"jixiao/internal/msgs"
	"jixiao/internal/safetext"
	"os"
	"sort"
)

// version is printed by jixiao version and written as the PDF Creator.
const version = "0.1.0"

// command is one subcommand. run returns the process exit code:
// 0 success, 1 the input has problems, 2 usage or I/O errors.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is filled by the init functions of the files that define them.
var commands = map[string]command{}

func main() {
	catchSignals()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// No panic reaches a user: report it as an internal error.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "jixiao: internal error: %s (please report this with the input file)\n", safetext.Escape(fmt.Sprint(r)))
			code = 3
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		if _, err := fmt.Fprintln(stdout, "jixiao", version); err != nil {
			fmt.Fprintln(stderr, "jixiao:", msgs.StdoutFailed.Format(err))
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "jixiao: unknown command %q\n", safetext.Escape(args[0]))
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: jixiao COMMAND [options] [FILE...]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "  version   print the version")
	fmt.Fprintln(w, "\nRun jixiao COMMAND -h for the options of a command.")
}
