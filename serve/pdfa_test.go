package serve

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestArchival: the page's 归档格式 choice is the query's pdfa (1b, 2b) or
// attach_data (3b, the forms' data attached) on every download; a bad
// level is refused with its message.
func TestArchival(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	for q, part := range map[string]string{"/api/binder?pdfa=2b": "2", "/api/render?form=3&pdfa=1b": "1", "/api/binder?attach_data=1": "3"} {
		w := do(s, post(t, q, book))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		require.True(t, bytes.Contains(w.Body.Bytes(), []byte("<pdfaid:part>"+part+"</pdfaid:part>")), q)
	}
	w := do(s, post(t, "/api/zip?pdfa=2b", book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	refusedWith(t, do(s, post(t, "/api/binder?pdfa=4z", book)), http.StatusBadRequest, codeBadPDFA)
	refusedWith(t, do(s, post(t, "/api/binder?pdfa=1b&attach_data=1", book)), http.StatusBadRequest, codeBadPDFA)
	refusedWith(t, do(s, post(t, "/api/binder?pdfa=2b&format=ofd", book)), http.StatusBadRequest, codePDFANotOFD)
	refusedWith(t, do(s, post(t, "/api/render?form=1&format=ofd&attach_data=1", book)), http.StatusBadRequest, codePDFANotOFD)
}

// TestUploadPDFWithData: a PDF made with attach_data is an upload like a
// book: checked, and printed again the same.
func TestUploadPDFWithData(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/binder?attach_data=1", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	pdf := file{"binder.pdf", w.Body.Bytes()}
	w = do(s, post(t, "/api/check", pdf))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Contains(t, w.Body.String(), "企业退休人员体检费")
	plain := do(s, post(t, "/api/render?form=2", readFile(t, exampleBook)))
	again := do(s, post(t, "/api/render?form=2", pdf))
	require.Equal(t, http.StatusOK, again.Code, again.Body.String())
	require.Equal(t, plain.Body.Bytes(), again.Body.Bytes())
}
