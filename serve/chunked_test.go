package serve

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/model/xlsx"
)

// chunked makes r's body one of unknown length, as a client sends it
// chunked.
func chunked(r *http.Request) *http.Request {
	r.Body, r.ContentLength = io.NopCloser(io.MultiReader(r.Body)), -1
	return r
}

// A workbook uploaded chunked (read into several blocks) is read where
// it is, as one sent with its length is: the same forms, problems and
// PDF bytes.
func TestChunkedWorkbook(t *testing.T) {
	book, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	book.Forms[1].Indicators[0].Level2 = "数量" // a problem, placed at its cell
	var buf bytes.Buffer
	require.NoError(t, xlsx.Export(&buf, book))
	require.Greater(t, buf.Len(), 4<<10+8<<10+16<<10, "the upload must take several blocks")
	wb := file{"book.xlsx", buf.Bytes()}
	s := newTestServer(t, Options{})
	for _, target := range []string{"/api/check", "/api/render?form=3"} {
		sized := do(s, post(t, target, wb))
		require.Equal(t, http.StatusOK, sized.Code, sized.Body.String())
		got := do(s, chunked(post(t, target, wb)))
		require.Equal(t, http.StatusOK, got.Code, got.Body.String())
		require.True(t, bytes.Equal(sized.Body.Bytes(), got.Body.Bytes()), "%s: chunked upload answered otherwise", target)
		if target == "/api/check" {
			require.Contains(t, got.Body.String(), `"cell":"`, "the problem placed at its cell")
		}
	}
}

// A workbook uploaded chunked is not copied to be read: what the request
// allocates is about the upload's size (its blocks), not the two to four
// times it of a copy that doubles as it grows, uncounted in the upload
// memory.
func TestChunkedWorkbookNotCopied(t *testing.T) {
	const size = 8 << 20
	junk := file{"junk.xlsx", append([]byte("PK\x03\x04"), make([]byte, size)...)}
	for _, chunk := range []bool{false, true} {
		s := newTestServer(t, Options{})
		r := post(t, "/api/check", junk)
		if chunk {
			r = chunked(r)
		}
		liveHeap()
		start := allocated()
		w := do(s, r)
		alloc := allocated() - start
		require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
		require.Contains(t, w.Body.String(), string(xlsx.CodeCorrupt))
		t.Logf("chunked %v: %d bytes uploaded, %d allocated", chunk, size, alloc)
		require.Less(t, alloc, int64(size)*5/4, "chunked %v", chunk)
	}
}

// A PDF with the forms' data sent chunked is joined into one slice (the
// pipeline reads a PDF from one) as it is read, counted in the upload
// memory, its blocks given back: what the request holds is the PDF's
// size once, and its answer that of the PDF sent with its length.
func TestChunkedPDF(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/binder?attach_data=1", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	pdf := file{"binder.pdf", w.Body.Bytes()}
	require.Greater(t, len(pdf.data), 4<<10+8<<10, "the upload must take several blocks")
	s.uploaded = func() {
		held := s.opt.UploadMemory - s.memory.available()
		require.Less(t, held, int64(len(pdf.data))+64<<10, "the blocks given back")
		require.GreaterOrEqual(t, held, int64(len(pdf.data)), "the PDF counted")
	}
	sized := do(s, post(t, "/api/render?form=2", pdf))
	require.Equal(t, http.StatusOK, sized.Code, sized.Body.String())
	got := do(s, chunked(post(t, "/api/render?form=2", pdf)))
	require.Equal(t, http.StatusOK, got.Code, got.Body.String())
	require.True(t, bytes.Equal(sized.Body.Bytes(), got.Body.Bytes()), "chunked PDF answered otherwise")

	// One block: nothing to join.
	st := &uploadStore{hold: s.memory.hold()}
	defer st.hold.release()
	blocks, err := st.read(bytes.NewReader(pdf.data[:1000]))
	require.NoError(t, err)
	require.Len(t, blocks, 1)
	// Several: one slice, the same bytes.
	blocks, err = st.read(bytes.NewReader(pdf.data))
	require.NoError(t, err)
	require.Len(t, blocks, 1)
	require.True(t, bytes.Equal(blocks[0], pdf.data))
	// A workbook (anything else) stays in its blocks.
	blocks, err = st.read(bytes.NewReader(append([]byte("PK\x03\x04"), make([]byte, 100<<10)...)))
	require.NoError(t, err)
	require.Greater(t, len(blocks), 1)
}

// An empty file sent chunked is an empty file: never the server's own
// file of the name the client gave (a nil Data is "read the file Name" to
// pipeline.Source).
func TestChunkedEmptyUpload(t *testing.T) {
	secret := readFile(t, exampleBook)
	dir := t.TempDir()
	t.Chdir(dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "secret.json"), secret.data, 0o644))
	s := newTestServer(t, Options{})
	for _, target := range []string{"/api/check", "/api/render?form=1", "/api/binder"} {
		w := do(s, chunked(post(t, target, file{"secret.json", nil})))
		sized := do(s, post(t, target, file{"secret.json", nil}))
		require.Equal(t, sized.Code, w.Code, "%s: answered %s", target, w.Body.String())
		require.Equal(t, sized.Body.String(), w.Body.String(), target)
		require.NotContains(t, w.Body.String(), "项目", target)
		if target == "/api/check" {
			require.Contains(t, w.Body.String(), string(model.CodeFileEmpty))
		}
	}
	st := &uploadStore{hold: s.memory.hold()}
	defer st.hold.release()
	blocks, err := st.read(bytes.NewReader(nil))
	require.NoError(t, err)
	require.NotNil(t, blocks, "no content is not an empty file")
}

// A PDF sent chunked that the upload memory holds once is read, not
// refused for the blocks and their joined copy held together.
func TestChunkedPDFHalfTheMemory(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/binder?attach_data=1", readFile(t, exampleBook)))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	pdf := file{"binder.pdf", w.Body.Bytes()}
	// Room for the PDF's blocks (which double up to 1 MB) or for the PDF,
	// not for both.
	n := int64(len(pdf.data))
	small := newTestServer(t, Options{UploadMemory: 2 * n, MaxUpload: 2 * n})
	got := do(small, chunked(post(t, "/api/render?form=2", pdf)))
	require.Equal(t, http.StatusOK, got.Code, got.Body.String())
}
