package serve

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// ofdPages checks that data is an OFD package and returns its number of
// pages (of Doc_0/Document.xml's page list).
func ofdPages(t *testing.T, data []byte) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var doc string
	for _, f := range zr.File {
		if f.Name == "Doc_0/Document.xml" {
			rc, err := f.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			rc.Close()
			require.NoError(t, err)
			doc = string(b)
		}
	}
	require.Contains(t, doc, `xmlns:ofd="http://www.ofdspec.org/2016"`)
	return strings.Count(doc, "<ofd:Page ID=")
}

// TestOFD: format=ofd gives each download as OFD (GB/T 33190) instead of
// PDF, with the same pages and the same refusals.
func TestOFD(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	formPages, binderPages := examplePages(t)

	w := do(s, post(t, "/api/render?form=2&format=ofd", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/ofd", w.Header().Get("Content-Type"))
	require.True(t, strings.HasSuffix(w.Header().Get("Content-Disposition"), "%EF%BC%89.ofd"), w.Header().Get("Content-Disposition"))
	require.Equal(t, formPages[1], ofdPages(t, w.Body.Bytes()))

	w = do(s, post(t, "/api/binder?format=ofd&group_by=unit", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/ofd", w.Header().Get("Content-Type"))
	require.Contains(t, w.Header().Get("Content-Disposition"), ".ofd")
	require.Equal(t, binderPages, ofdPages(t, w.Body.Bytes()))

	w = do(s, post(t, "/api/zip?format=ofd", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 18)
	b, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	require.Equal(t, "企业退休人员体检费.ofd", zr.File[0].Name)
	for k, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		require.Equal(t, formPages[k], ofdPages(t, data), b.Forms[k].Project)
	}

	// format=pdf is the default; anything else is refused.
	w = do(s, post(t, "/api/render?form=2&format=pdf", book))
	require.Equal(t, "application/pdf", w.Header().Get("Content-Type"))
	refusedWith(t, do(s, post(t, "/api/render?form=2&format=xps", book)), http.StatusBadRequest, codeBadFormat)
	refusedWith(t, do(s, post(t, "/api/binder?format=docx", book)), http.StatusBadRequest, codeBadFormat)

	// A form with errors: the same problems as for a PDF, no OFD.
	bad, _ := wrongLevel2Book(t)
	w = do(s, post(t, "/api/render?form=1&format=ofd", readFile(t, bad), book))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeFormErrors)
	require.Equal(t, model.CodeLevel2NotInLevel1, problems(t, w)[1].Code)
	// The binder prints what is ready, in OFD as in PDF (issue 19): the
	// form with errors (19) left out and named; alone, it is refused.
	w = do(s, post(t, "/api/binder?format=ofd", book, readFile(t, bad)))
	require.Equal(t, http.StatusOK, w.Code)
	require.Equal(t, "19", w.Header().Get("X-Jixiao-Skipped"))
	w = do(s, post(t, "/api/binder?format=ofd&forms=19", book, readFile(t, bad)))
	refusedWith(t, w, http.StatusUnprocessableEntity, codeBookErrors)
}
