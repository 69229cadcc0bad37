//go:build unix

package fonts

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadRefusesFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	_, err := Load(fifo) // would wait for a writer forever if opened
	require.Error(t, err)
	require.Contains(t, err.Error(), "not a regular file")
}
