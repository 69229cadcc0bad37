package main

import (
	"fmt"
	"io"

	"jixiao/model/xlsx"
)

func init() {
	commands["template"] = command{
		summary: "write the Excel template (.xlsx) that a form is filled in",
		run:     runTemplate,
	}
}

// runTemplate implements jixiao template [-o FILE.xlsx] [--year N].
func runTemplate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("template", stderr)
	out := fs.String("o", "绩效目标表模板.xlsx", "write the workbook to `FILE.xlsx` (- for standard output)")
	year := fs.Int("year", 0, "fill in the year line with `YEAR` (default: left blank, （    年度）)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jixiao template [-o 绩效目标表模板.xlsx] [--year YEAR]\n\n"+
			"Writes an Excel workbook with one sheet laid out like the printed form, to be\n"+
			"filled in with Excel, WPS or LibreOffice (the 决策/过程 rows of the standard\n"+
			"framework filled in, drop-down lists for 一级/二级, A4 print setup), and a\n"+
			"填表说明 sheet. Print the filled workbook with jixiao render FILE.xlsx -o OUT.pdf.\n\noptions:")
		fs.PrintDefaults()
	}
	pos, code, done := parseArgs(fs, args)
	if done {
		return code
	}
	if len(pos) != 0 {
		fmt.Fprintf(stderr, "jixiao template: unexpected argument %q\n", pos[0])
		fs.Usage()
		return 2
	}
	if *year != 0 && (*year < 1900 || *year > 2200) {
		fmt.Fprintf(stderr, "jixiao template: --year %d is not a plausible year (expected 1900–2200)\n", *year)
		return 2
	}
	if err := checkOutput(*out, nil); err != nil {
		fmt.Fprintf(stderr, "jixiao template: %v\n", err)
		return 2
	}
	if err := writeOutput(*out, stdout, func(w io.Writer) error { return xlsx.Template(w, *year) }); err != nil {
		fmt.Fprintf(stderr, "jixiao template: %v\n", err)
		return 2
	}
	return 0
}
