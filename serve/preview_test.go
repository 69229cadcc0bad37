package serve

import (
	"bytes"
	"image/png"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPreview(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	w := do(s, post(t, "/api/preview?form=2&page=3&dpi=50", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "image/png", w.Header().Get("Content-Type"))
	img, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
	require.NoError(t, err)
	// A4 at 50 dpi: 8.27 × 11.69 in.
	require.InDelta(t, 413, img.Bounds().Dx(), 2)
	require.InDelta(t, 585, img.Bounds().Dy(), 2)
	// Something is drawn: not every pixel is white.
	ink := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				ink++
			}
		}
	}
	require.Greater(t, ink, 1000)
	w = do(s, post(t, "/api/preview?form=2", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())

	refusedWith(t, do(s, post(t, "/api/preview?form=2&page=4", book)), http.StatusUnprocessableEntity, codeNoSuchPage)
	refusedWith(t, do(s, post(t, "/api/preview?form=2&page=0", book)), http.StatusBadRequest, codeBadNumber)
	refusedWith(t, do(s, post(t, "/api/preview?form=2&dpi=5000", book)), http.StatusBadRequest, codeBadDPI)
	refusedWith(t, do(s, post(t, "/api/preview?form=99", book)), http.StatusUnprocessableEntity, codeNoSuchForm)
	// A form with errors can be looked at.
	bad, _ := wrongLevel2Book(t)
	w = do(s, post(t, "/api/preview?form=1&dpi=30", readFile(t, bad)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
}
