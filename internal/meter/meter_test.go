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
