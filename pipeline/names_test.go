package pipeline

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// One rule names the files of a book everywhere: safe, unique without
// regard to case, 表N for a name nothing is left of.
func TestFileNames(t *testing.T) {
	n := func(k int) string { return "表" + strconv.Itoa(k+1) }
	require.Equal(t, []string{"a", "A-2", "表3", "bc", "a-3"},
		FileNames([]string{"a", "A", "../..", "b/c", "a"}, n))
	// Windows reserves device names, with or without an extension.
	require.Equal(t, []string{"CON_", "nul_", "COM1_", "项目._"},
		FileNames([]string{"CON", "nul", "COM1", "项目."}, n))
	// A name like a numbered repeat keeps it; the repeats go around it.
	require.Equal(t, []string{"X", "X-4", "X-2", "x-5", "X-3", "X-2-2"},
		FileNames([]string{"X", "X", "X-2", "x", "X-3", "X-2"}, n))
}
