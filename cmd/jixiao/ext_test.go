package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// An output named for another kind of file than the command writes is
// refused before any work, as export refuses a name not ending in .xlsx
// (review 7, item 3): a PDF named .ofd, OFD named .pdf, JSON named .xlsx,
// a workbook named .json, a PDF named .xlsx. A name without a known
// extension, standard output and a device are written as before.
func TestOutputExtension(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		out  string
		en   string
		zh   string
	}{
		{[]string{"render", exampleBook, "--form", "1", "--format", "ofd"}, "c1.pdf",
			"the file written is an OFD file, but the name ends in .pdf: end it in .ofd", "或者去掉 --format ofd"},
		{[]string{"render", exampleBook, "--form", "1", "--format", "pdf"}, "c2.ofd",
			"the file written is a PDF, but the name ends in .ofd: end it in .pdf", "写出的是 PDF 文件，文件名却以 .ofd 结尾，请改为以 .pdf 结尾"},
		{[]string{"import", exampleBook}, "i.xlsx",
			"the file written is a book in JSON, but the name ends in .xlsx: end it in .json", "写出的是 JSON 格式的表册"},
		{[]string{"import", seedFile}, "i.yaml",
			"the file written is a book in JSON, but the name ends in .yaml", "请改为以 .json 结尾"},
		{[]string{"template"}, "t.json",
			"the file written is an Excel workbook, but the name ends in .json: end it in .xlsx", "写出的是 Excel 工作簿"},
		{[]string{"binder", exampleBook}, "b.xlsx",
			"the file written is a PDF, but the name ends in .xlsx: end it in .pdf", "文件名却以 .xlsx 结尾"},
		{[]string{"binder", exampleBook, "--format", "ofd"}, "B.PDF",
			"the file written is an OFD file, but the name ends in .PDF: end it in .ofd", "或者去掉 --format ofd"},
	} {
		out := filepath.Join(dir, c.out)
		for lang, want := range map[string]string{"en": c.en, "zh": c.zh} {
			code, _, stderr := runCmd(append(c.args, "-o", out, "--lang", lang)...)
			require.Equal(t, 2, code, "%v: %s", c.args, stderr)
			require.Contains(t, stderr, want, c.args)
			_, err := os.Stat(out)
			require.True(t, os.IsNotExist(err), "%s was written", out)
		}
	}
	// The name's extension, in any case, or none; standard output; a device.
	for _, c := range [][]string{
		{"render", exampleBook, "--form", "1", "-o", filepath.Join(dir, "f.OFD")},
		{"render", exampleBook, "--form", "1", "-o", filepath.Join(dir, "f")},
		{"render", exampleBook, "--form", "1", "--format", "ofd", "-o", filepath.Join(dir, "f.bin")},
		{"binder", exampleBook, "-o", "-"},
		{"import", seedFile, "-o", filepath.Join(dir, "book")},
		{"template", "-o", os.DevNull},
	} {
		code, _, stderr := runCmd(append(c, "-q")...)
		require.Equal(t, 0, code, "%v: %s", c, stderr)
	}
}
