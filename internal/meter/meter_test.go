package meter

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := &Writer{W: &buf}
	_, err := io.WriteString(w, "第 1 页")
	require.NoError(t, err)
	_, err = w.Write([]byte("xyz"))
	require.NoError(t, err)
	require.EqualValues(t, buf.Len(), w.N)
	require.EqualValues(t, len("第 1 页xyz"), w.N)
}

var sink []byte

// A block of 16 MB held while f runs is in its peak.
func TestPeakHeap(t *testing.T) {
	const size = 16 << 20
	peak := PeakHeap(func() {
		sink = make([]byte, size)
		for i := range sink {
			sink[i] = byte(i)
		}
	})
	sink = nil
	require.Greater(t, peak, uint64(size))
	require.Less(t, PeakHeap(func() {}), uint64(size))
}
