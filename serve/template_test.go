package serve

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/msg"
)

func TestTemplate(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, httptest.NewRequest(http.MethodGet, "/api/template", nil))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	require.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", w.Header().Get("Content-Type"))
	require.Contains(t, w.Header().Get("Content-Disposition"), "filename*=UTF-8''%E7%BB%A9")
	zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
	require.NoError(t, err, "an .xlsx is a ZIP")
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	require.True(t, names["xl/workbook.xml"], "%v", names)
	// Uploaded again as it is, the blank template is a form still to
	// fill: it stays in the table with all its problems, its empty
	// fields named by sheet and cell (issue 19, item 2).
	w = do(s, post(t, "/api/check", file{"模板.xlsx", w.Body.Bytes()}))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Len(t, b.Forms, 1)
	require.Empty(t, b.Problems)
	require.False(t, b.Forms[0].Printable)
	require.Greater(t, len(b.Forms[0].Problems), 6, "the header's and the rows' problems together")
	for _, p := range b.Forms[0].Problems {
		require.Equal(t, "模板.xlsx", p.File)
		require.NotEmpty(t, p.Sheet, "%+v", p)
		require.Regexp(t, `^[A-Z]+[0-9]+$`, p.Cell)
		require.Equal(t, text(msg.Chinese, msg.LocCell, "模板.xlsx", p.Sheet, p.Cell), p.Location)
	}

	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/api/template?year=99", nil)), http.StatusBadRequest, codeBadYear)
	w = do(s, httptest.NewRequest(http.MethodGet, "/api/template?year=2025", nil))
	require.Equal(t, http.StatusOK, w.Code)
}
