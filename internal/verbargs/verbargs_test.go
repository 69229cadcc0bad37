package verbargs

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplit(t *testing.T) {
	require.Equal(t, []string{`"x"`, "7", "3.5"}, Split("a %q b %d%% c %v", "x", 7, 3.5))
	require.Equal(t, []string{"1", "2"}, Split("only %d", 1, 2), "an argument without a verb is printed plainly")
	require.Nil(t, Split("none"))
}
