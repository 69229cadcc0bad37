package main

import (
	"io"
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

func TestParseInterspersedValueLooksLikeATerminator(t *testing.T) {
	fs := newFlagSet("t", nil)
	o := fs.String("o", "", "")
	v := fs.Bool("v", false, "")
	pos, err := parseInterspersed(fs, []string{"-o", "--", "a.json", "-v"})
	require.NoError(t, err)
	require.Equal(t, "--", *o)
	require.True(t, *v, "-v after a flag's value is still a flag")
	require.Equal(t, []string{"a.json"}, pos)

	fs = newFlagSet("t", nil)
	o = fs.String("o", "", "")
	pos, err = parseInterspersed(fs, []string{"--o=x.pdf", "-", "b.json"})
	require.NoError(t, err)
	require.Equal(t, "x.pdf", *o)
	require.Equal(t, []string{"-", "b.json"}, pos, "a lone - is a positional (standard input)")

	_, err = parseInterspersed(newFlagSet("t", io.Discard), []string{"a.json", "-nope"})
	require.Error(t, err)
}
