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
	// fill: its empty fields are named by sheet and cell.
	w = do(s, post(t, "/api/check", file{"模板.xlsx", w.Body.Bytes()}))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	var b checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &b))
	require.Empty(t, b.Forms)
	require.NotEmpty(t, b.Problems)
	for _, p := range b.Problems {
		require.Equal(t, "模板.xlsx", p.File)
		require.NotEmpty(t, p.Sheet, "%+v", p)
		require.Regexp(t, `^[A-Z]+[0-9]+$`, p.Cell)
		require.Equal(t, text(msg.Chinese, msg.LocCell, "模板.xlsx", p.Sheet, p.Cell), p.Location)
	}

	refusedWith(t, do(s, httptest.NewRequest(http.MethodGet, "/api/template?year=99", nil)), http.StatusBadRequest, codeBadYear)
	w = do(s, httptest.NewRequest(http.MethodGet, "/api/template?year=2025", nil))
	require.Equal(t, http.StatusOK, w.Code)
}
