package pipeline

import (
	"bytes"
	"errors"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
)

// The binder's pages, read with EachPage, drawn by Previews: one PNG per
// page, each once, of an A4 page at the resolution asked.
func TestPreviewsOfBinder(t *testing.T) {
	inputs, err := Load([]Source{{Name: example}}, Events{})
	require.NoError(t, err)
	b, err := PlanBinder(inputs, BinderOptions{Options: defaultOptions(t)})
	require.NoError(t, err)
	got := map[int][]byte{}
	err = Previews(b.EachPage, defaultOptions(t), 20, func(i int, p []byte) error {
		require.NotContains(t, got, i)
		got[i] = p
		return nil
	})
	require.NoError(t, err)
	require.Len(t, got, b.Pages)
	img, err := png.Decode(bytes.NewReader(got[b.Pages-1]))
	require.NoError(t, err)
	require.Equal(t, 166, img.Bounds().Dx()) // 595.28 pt at 20 dpi, rounded up
}

// The first error, of write or of drawing, stops Previews and is returned.
func TestPreviewsErrors(t *testing.T) {
	inputs, err := Load([]Source{{Name: example}}, Events{})
	require.NoError(t, err)
	docs, err := LayOut(inputs[0], []int{1}, defaultOptions(t))
	require.NoError(t, err)
	seq := func(yield func(int, *layout.Page) error) error {
		for i, p := range docs[0].Pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
	stop := errors.New("disk full")
	calls := 0
	err = Previews(seq, defaultOptions(t), 20, func(int, []byte) error { calls++; return stop })
	require.ErrorIs(t, err, stop)
	require.Equal(t, 1, calls)

	bad := &layout.Page{Width: 100 * layout.Pt, Height: 100 * layout.Pt, Items: []layout.Item{
		{Kind: layout.Text, X: 10 * layout.Pt, Y: 50 * layout.Pt, Size: 10 * layout.Pt, Text: "\uE000"}}}
	err = Previews(func(yield func(int, *layout.Page) error) error { return yield(0, bad) }, defaultOptions(t), 20,
		func(int, []byte) error { t.Fatal("a page that cannot be drawn was written"); return nil })
	require.ErrorContains(t, err, "no font draws U+E000")
}
