package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseInterspersed(t *testing.T) {
	fs := newFlagSet("t", nil)
	o := fs.String("o", "", "")
	v := fs.Bool("v", false, "")
	pos, err := parseInterspersed(fs, []string{"a.json", "-o", "x.pdf", "b.json", "-v", "--", "-c"})
	require.NoError(t, err)
	require.Equal(t, []string{"a.json", "b.json", "-c"}, pos)
	require.Equal(t, "x.pdf", *o)
	require.True(t, *v)
}
