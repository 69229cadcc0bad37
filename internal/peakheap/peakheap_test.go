package peakheap

import (
	"testing"

	"github.com/stretchr/testify/require"
)

var sink []byte

// A block of 16 MB held while f runs is in its peak.
func TestOf(t *testing.T) {
	const size = 16 << 20
	peak := Of(func() {
		sink = make([]byte, size)
		for i := range sink {
			sink[i] = byte(i)
		}
	})
	sink = nil
	require.Greater(t, peak, uint64(size))
	require.Less(t, Of(func() {}), uint64(size))
}
