package msg

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReason: the operating system's errors keep their English and are
// said in Chinese by what they mean, or by their number.
func TestReason(t *testing.T) {
	err := &fs.PathError{Op: "open", Path: "a.json", Err: syscall.EISDIR}
	require.Equal(t, "cannot read a.json: is a directory", Describe(English, err))
	require.Equal(t, "无法读取 a.json：这是一个文件夹，不是文件", Describe(Chinese, err))
	err = &fs.PathError{Op: "open", Path: "a.json", Err: syscall.Errno(250)}
	require.Contains(t, Describe(Chinese, err), "错误号 250")
	require.Equal(t, "无法写入 x：磁盘已满", Chinese.Text(CannotWrite, "x", Reason(syscall.ENOSPC)))
	le := &os.LinkError{Op: "rename", Old: ".x.pdf.123.tmp", New: "x.pdf", Err: syscall.EXDEV}
	require.Equal(t, "cannot write x.pdf: invalid cross-device link", English.Text(CannotWrite, "x.pdf", Reason(le)))
	require.Regexp(t, `^无法写入 x.pdf：操作系统报告了错误（错误号 \d+）$`, Chinese.Text(CannotWrite, "x.pdf", Reason(le)))
	d := Reason(errors.New("something odd"))
	require.Equal(t, "something odd", d.Error())
	require.Equal(t, "操作系统报告了错误", d.(Localized).In(Chinese))
	// Not foreseen at all: introduced as such in Chinese.
	require.Equal(t, "x failed", Describe(English, errors.New("layout: x failed")))
	require.Equal(t, "程序未预料到的错误（以下英文说明供维护人员查看）：x failed", Describe(Chinese, errors.New("layout: x failed")))
}

// TestSyntaxText: the parser's codes are said in Chinese, what was found
// included; the YAML library's texts are recognised.
func TestSyntaxText(t *testing.T) {
	zh, ok := SyntaxText(Chinese, "json-expected-key", []string{"end of file"})
	require.True(t, ok)
	require.Equal(t, "这里应当是加双引号的字段名，却是文件末尾", zh)
	en, _ := SyntaxText(English, "json-expected-key", []string{"end of file"})
	require.Equal(t, "unexpected end of file: expected a key in double quotes", en)
	zh, _ = SyntaxText(Chinese, "yaml-invalid", []string{"found character that cannot start any token"})
	require.Contains(t, zh, "制表符")
	zh, _ = SyntaxText(Chinese, "yaml-invalid", []string{"something new"})
	require.Equal(t, Chinese.Template(YAMLOther), zh)
	_, ok = SyntaxText(Chinese, "not-a-code", nil)
	require.False(t, ok)
	require.Equal(t, Raw("数字 7"), Thing(Chinese, "the number 7"))
	require.Equal(t, Raw("“x”"), Thing(Chinese, `"x"`))
	require.Equal(t, Raw("“}”"), Thing(Chinese, `'}'`))
	require.Equal(t, Raw("“'”"), Thing(Chinese, `'\''`))
	require.Equal(t, Raw(`"x"`), Thing(English, `"x"`))
	require.Equal(t, Raw(`'\x1b'`), Thing(Chinese, `'\x1b'`)) // shown escaped
}
