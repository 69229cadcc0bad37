package serve

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// bookFile encodes a one-form book changed by edit as an upload.
func bookFile(t *testing.T, name string, edit func(f *model.Form)) file {
	t.Helper()
	book := wrongLevel2Model(t)
	f := &book.Forms[0]
	f.Indicators[2].Level2 = "绩效目标"
	edit(f)
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	return file{name, buf.Bytes()}
}

// TestFormWithoutNameRefused: a form with errors and no 项目名称 is refused
// without an empty pair of brackets where its name would stand.
func TestFormWithoutNameRefused(t *testing.T) {
	s := newTestServer(t, Options{})
	f := bookFile(t, "noname.json", func(f *model.Form) { f.Project = "" })
	w := do(s, post(t, "/api/render?form=1", f))
	refusedWith(t, w, http.StatusUnprocessableEntity, msg.ServeFormErrorsNoName)
	require.NotContains(t, problems(t, w)[0].Message, "（）")
}

// TestMissingGlyphAdviceForThePage: a character no font has is refused with
// advice a clerk can follow on the page, not the command line's options.
func TestMissingGlyphAdviceForThePage(t *testing.T) {
	s := newTestServer(t, Options{})
	f := bookFile(t, "pua.json", func(f *model.Form) { f.Project = "体检费\ue000" })
	w := do(s, post(t, "/api/render?form=1", f))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	var all []string
	for _, p := range problems(t, w) {
		all = append(all, p.Message)
	}
	text := strings.Join(all, "\n")
	require.Contains(t, text, "U+E000")
	require.Contains(t, text, "管理员")
	require.NotContains(t, text, "--allow-missing")
}
