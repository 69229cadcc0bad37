package serve

import (
	"bytes"
	"io"
	"net/http"
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
