//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file it replaces. Only root
// may give a file away; for anyone else the new file is theirs, as with
// any editor's save.
func keepOwner(f *os.File, old fs.FileInfo) {
	if sys, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(sys.Uid), int(sys.Gid))
	}
}

// writable reports whether the process may write to the regular file path,
// as the shell's > would open it: a read-only file is refused (root may
// write any file, as with >).
func writable(path string, _ fs.FileInfo) error {
	const wOK = 2 // W_OK of access(2)
	if err := syscall.Access(path, wOK); err != nil {
		return &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return nil
}
