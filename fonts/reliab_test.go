package fonts

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue #9: a bad face number of an existing file is reported as such, not
// as a missing file.
func TestLoadBadFaceNumber(t *testing.T) {
	p := writeFile(t, "synth.ttc", smallFont().ttf())
	for _, face := range []string{"#-1", "#99999999999999999999", "#+3"} {
		_, err := Load(p + face)
		require.Error(t, err)
		require.Contains(t, err.Error(), "bad face number "+face, face)
		require.NotContains(t, err.Error(), "no such file")
	}
	_, err := Load(p + "x#-1") // no such file: said so
	require.ErrorContains(t, err, "no such file")
}
