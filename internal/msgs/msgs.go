// Package msgs holds the user-visible messages added for issue #9 (output
// rules, signals, input kinds, years, names, fonts), each with a stable
// code, its English text and its Chinese text, in one place so that they
// move into the message catalogue as they are. Until the catalogue picks a
// language, messages are printed in English.
package msgs

import "fmt"

// Msg is one message: Code is stable (scripts may match it), En and Zh are
// fmt formats taking the same arguments in the same order.
type Msg struct {
	Code, En, Zh string
}

// Format returns the message in English with args filled in.
func (m Msg) Format(args ...any) string { return fmt.Sprintf(m.En, args...) }

// FormatZh returns the message in Chinese with args filled in.
func (m Msg) FormatZh(args ...any) string { return fmt.Sprintf(m.Zh, args...) }

// The messages. Arguments named in the comments; every piece of user text
// among them is quoted with safetext.Escape by the caller.
var (
	// PATH, TARGET
	OutIsDir     = Msg{"output-is-directory", "cannot write %s: it is a directory%s; name a regular file", "无法写入 %s：它是一个目录%s；请指定一个普通文件"}
	OutIsSocket  = Msg{"output-is-socket", "cannot write %s: it is a socket%s; name a regular file", "无法写入 %s：它是一个套接字%s；请指定一个普通文件"}
	OutIsBlock   = Msg{"output-is-block-device", "cannot write %s: it is a block device%s; name a regular file", "无法写入 %s：它是一个块设备%s；请指定一个普通文件"}
	OutIsOther   = Msg{"output-not-writable", "cannot write %s: it is neither a regular file nor a character device nor a FIFO%s; name a regular file", "无法写入 %s：它既不是普通文件，也不是字符设备或命名管道%s；请指定一个普通文件"}
	OutLinkLoop  = Msg{"output-symlink-loop", "cannot write %s: its symbolic links loop (or chain more than 40 deep)%s", "无法写入 %s：符号链接成环（或超过 40 层）%s"}
	OutViaLink   = Msg{"output-via-symlink", " (the symbolic link leads to %s)", "（符号链接指向 %s）"}
	StdoutFailed = Msg{"stdout-write-failed", "cannot write to standard output: %v", "无法写入标准输出：%v"}
	// PATH
	InputNotRegular = Msg{"input-not-regular", "%s is not a regular file (a device, a pipe?): expected a text file of forms", "%s 不是普通文件（设备或管道？）：应为表格的文本文件"}
	// PATH, SIZE, LIMIT MiB
	InputTooLarge = Msg{"input-too-large", "%s is %d bytes, more than the %d MiB an input may have", "%s 有 %d 字节，超过输入文件上限 %d MiB"}
	// FLAG VALUE
	BadFaceNumber = Msg{"font-bad-face-number", "%s: bad face number %s: expected #N with N from 0 to the number of faces in the collection less one", "%s：字体序号 %s 无效：应为 #N，N 从 0 到集合中字体数减一"}
	// COUNT, MAX
	TooManyFallbacks = Msg{"font-too-many-fallbacks", "--font-fallback given %d different fonts; at most %d are used", "--font-fallback 指定了 %d 个不同字体；最多使用 %d 个"}
)
