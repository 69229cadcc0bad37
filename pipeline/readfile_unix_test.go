//go:build unix

package pipeline

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A .pdf given by path follows the rules of every input file: a FIFO or a
// directory is refused at once, never opened and waited on.
func TestReadPDFNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "book.pdf")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	folder := filepath.Join(dir, "folder.pdf")
	require.NoError(t, os.Mkdir(folder, 0o755))
	for _, name := range []string{fifo, folder} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(Source{Name: name})
			done <- err
		}()
		select {
		case err := <-done:
			require.Error(t, err, name)
			require.Contains(t, err.Error(), "expected a form or book file", name)
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Read is still waiting", name)
		}
	}
}
