package msg

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// Detail is an error whose English text is a library's or the operating
// system's own (kept as it was, for English output and logs) and whose
// text in the other languages is the catalogue's Code: what the user must
// know without the English detail.
type Detail struct {
	Code    Code
	Args    []any // Code's values
	English string
	Err     error
}

func (d *Detail) Error() string { return d.English }
func (d *Detail) Unwrap() error { return d.Err }

// In is d in l: the English text escaped, or Code's text.
func (d *Detail) In(l Lang) string {
	if l == English {
		return Escape(d.English)
	}
	return l.Text(d.Code, d.Args...)
}

// Codes of the reasons the operating system gives.
const (
	ReasonIsDir       Code = "reason-is-dir"
	ReasonNotDir      Code = "reason-not-dir"
	ReasonLinks       Code = "reason-links"
	ReasonNameTooLong Code = "reason-name-too-long"
	ReasonIO          Code = "reason-io"
	ReasonReadOnly    Code = "reason-read-only"
	ReasonBusy        Code = "reason-busy"
	ReasonTooManyOpen Code = "reason-too-many-open"
	ReasonExists      Code = "reason-exists"
	ReasonSystem      Code = "reason-system"
	ReasonOther       Code = "reason-other"
	Unforeseen        Code = "unforeseen"
)

var detailCatalogue = []item{
	{ReasonIsDir, "it is a directory", "这是一个文件夹，不是文件"},
	{ReasonNotDir, "a part of the path is not a directory", "路径中有一段不是文件夹"},
	{ReasonLinks, "too many symbolic links", "快捷方式（符号链接）太多，可能指向了自身"},
	{ReasonNameTooLong, "the name is too long", "文件名太长"},
	{ReasonIO, "input/output error", "读写出错（磁盘或网络故障）"},
	{ReasonReadOnly, "read-only file system", "磁盘是只读的"},
	{ReasonBusy, "the file is in use", "文件正被其他程序占用"},
	{ReasonTooManyOpen, "too many open files", "同时打开的文件太多"},
	{ReasonExists, "the file exists", "文件已存在"},
	{ReasonSystem, "the operating system reported error {1}", "操作系统报告了错误（错误号 {1}）"},
	{ReasonOther, "an error the operating system gave", "操作系统报告了错误"},
	{Unforeseen, "{1}",
		"程序未预料到的错误（以下英文说明供维护人员查看）：{1}"},
}

// reasons: the operating system's errors by what they say.
var reasons = []struct {
	err  error
	code Code
}{
	{syscall.EISDIR, ReasonIsDir},
	{syscall.ENOTDIR, ReasonNotDir},
	{syscall.ELOOP, ReasonLinks},
	{syscall.ENAMETOOLONG, ReasonNameTooLong},
	{syscall.EIO, ReasonIO},
	{syscall.EROFS, ReasonReadOnly},
	{syscall.EBUSY, ReasonBusy},
	{syscall.ETXTBSY, ReasonBusy},
	{syscall.EMFILE, ReasonTooManyOpen},
	{syscall.ENFILE, ReasonTooManyOpen},
	{syscall.EEXIST, ReasonExists},
	{fs.ErrExist, ReasonExists},
	{syscall.ENOSPC, ReasonDiskFull},
	{fs.ErrPermission, ReasonPermission},
}

// Reason is err, an operating system's error (the Err of a
// *fs.PathError), as a message: its English text as it was, in the other
// languages what it means (or its number).
func Reason(err error) error {
	var loc Localized
	if errors.As(err, &loc) {
		return err
	}
	english := err.Error()
	// A failed rename names the temporary file, which means nothing to
	// the user: only why it failed is said.
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &le):
		english = le.Err.Error()
	case errors.As(err, &se):
		english = se.Err.Error()
	}
	d := &Detail{Code: ReasonOther, English: english, Err: err}
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			d.Code = r.code
			return d
		}
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		d.Code, d.Args = ReasonSystem, []any{int(errno)}
	}
	return d
}
