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

// A .pdf or an .xlsx given by path follows the rules of every input file
// (model.OpenFile), in its words: a FIFO or a directory is refused at once,
// never opened and waited on.
func TestReadNotRegular(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, ext := range []string{".pdf", ".xlsx"} {
		fifo := filepath.Join(dir, "book"+ext)
		require.NoError(t, syscall.Mkfifo(fifo, 0o600))
		folder := filepath.Join(dir, "folder"+ext)
		require.NoError(t, os.Mkdir(folder, 0o755))
		names = append(names, fifo, folder)
	}
	for _, name := range names {
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
