//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// keepOwner: outside Unix a file has no owner and group to keep.
func keepOwner(*os.File, fs.FileInfo) {}

// writable reports whether the file may be written to, as the shell's >
// would open it: outside Unix, a file with its read-only attribute set is
// refused.
func writable(path string, st fs.FileInfo) error {
	if st.Mode().Perm()&0o200 == 0 {
		return &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission}
	}
	return nil
}
