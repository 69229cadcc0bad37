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
//	jixiao help [COMMAND]
//	jixiao completion bash|zsh|fish|powershell
package main

// version is printed by jixiao --version and written as the PDF Creator;
// commit and date are those of the commit a release is built from. The
// release script sets all three (-ldflags -X).
var (
	version = "0.1.0"
	commit  = ""
	date    = ""
)
