package pipeline

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
)

// The binder's pages drawn by EachPage through the PNG backend: one PNG
// per page, each once, of an A4 page at the resolution asked.
func TestEachPageOfBinder(t *testing.T) {
	job := binderJob(t)
	docs, err := Plan(context.Background(), load(t), job)
	require.NoError(t, err)
	got := map[int][]byte{}
	err = EachPage(context.Background(), docs[0], nil, NewPNG(job, 20), func(i int, p []byte) error {
		require.NotContains(t, got, i)
		got[i] = p
		return nil
	})
	require.NoError(t, err)
	n := docs[0].Frame.Pages
	require.Len(t, got, n)
	img, err := png.Decode(bytes.NewReader(got[n-1]))
	require.NoError(t, err)
	require.Equal(t, 166, img.Bounds().Dx()) // 595.28 pt at 20 dpi, rounded up
}

// The first error, of deliver or of drawing, stops EachPage and is
// returned; a cancelled context stops it between pages.
func TestEachPageErrors(t *testing.T) {
	job := testJob(t)
	job.Forms = Selection{Form: 2, FormGiven: true}
	docs, err := Plan(context.Background(), load(t), job)
	require.NoError(t, err)
	stop := errors.New("disk full")
	calls := 0
	err = EachPage(context.Background(), docs[0], nil, NewPNG(job, 20), func(int, []byte) error { calls++; return stop })
	require.ErrorIs(t, err, stop)
	require.Equal(t, 1, calls)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = EachPage(ctx, docs[0], nil, NewPNG(job, 20), func(int, []byte) error { t.Fatal("a page was drawn"); return nil })
	require.ErrorIs(t, err, context.Canceled)

	bad := &layout.Page{Width: 100 * layout.Pt, Height: 100 * layout.Pt, Items: []layout.Item{
		{Kind: layout.Text, X: 10 * layout.Pt, Y: 50 * layout.Pt, Size: 10 * layout.Pt, Text: "\uE000"}}}
	d := &Doc{Frame: layout.Frame{Pages: 1}, pages: func(_ context.Context, yield func(int, *layout.Page) error) error { return yield(0, bad) }}
	err = EachPage(context.Background(), d, nil, NewPNG(job, 20),
		func(int, []byte) error { t.Fatal("a page that cannot be drawn was written"); return nil })
	require.ErrorContains(t, err, "no font draws U+E000")
}
