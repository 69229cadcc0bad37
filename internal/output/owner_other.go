//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// keepOwner: outside Unix a file has no owner and group to keep.
func keepOwner(*os.File, fs.FileInfo) {}
