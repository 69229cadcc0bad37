package pipeline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
	"jixiao/render"
)

// TestJobPDFA: --pdfa alone (2b), --pdfa=1b/3b, on/off, a bad level, and
// --attach-data with 1b refused.
func TestJobPDFA(t *testing.T) {
	for v, want := range map[string]render.PDFA{"2b": render.PDFA2B, "1b": render.PDFA1B, "3B": render.PDFA3B, "on": render.PDFA2B, "off": render.NoPDFA, "": render.NoPDFA} {
		j := testJob(t)
		require.NoError(t, j.Set("pdfa", v), v)
		require.Equal(t, want, j.PDFA, v)
	}
	j := testJob(t)
	var oe *OptionError
	require.ErrorAs(t, j.Set("pdfa", "4a"), &oe)
	require.True(t, isCode(oe.Err, msg.PDFABad), "%v", oe.Err)
	require.NoError(t, j.Set("pdfa", "1b"))
	require.ErrorAs(t, j.Set("attach-data", "1"), &oe)
	require.True(t, isCode(oe.Err, msg.AttachNeedsPDFA3), "%v", oe.Err)
	j = testJob(t)
	require.NoError(t, j.Set("format", "ofd"))
	require.ErrorAs(t, j.Set("pdfa", "2b"), &oe)
	require.True(t, isCode(oe.Err, msg.PDFANotOFD), "%v", oe.Err)
}

// TestAttachDataReadBack: a form's PDF and the binder written with
// AttachData are PDF/A-3b and read back (from a file and from content)
// into the forms they print; a PDF without data is refused with its
// message.
func TestAttachDataReadBack(t *testing.T) {
	inputs := load(t)
	job := testJob(t)
	job.AttachData = true
	job.Forms.Form, job.Forms.FormGiven = 4, true
	out, err := pdfs(t, inputs, job)
	require.NoError(t, err)
	require.Len(t, out, 1)
	require.Contains(t, string(out[0]), "<pdfaid:part>3</pdfaid:part>")
	dir := t.TempDir()
	file := filepath.Join(dir, "form4.pdf")
	require.NoError(t, os.WriteFile(file, out[0], 0o644))
	in, err := Read(Source{Name: file})
	require.NoError(t, err)
	require.Len(t, in.Book.Forms, 1)
	require.Equal(t, inputs[0].Book.Forms[3], in.Book.Forms[0])

	bjob := binderJob(t)
	bjob.AttachData = true
	out, err = pdfs(t, inputs, bjob)
	require.NoError(t, err)
	back, err := Read(Source{Name: "upload", R: bytes.NewReader(out[0])})
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, model.EncodeJSON(&a, inputs[0].Book))
	require.NoError(t, model.EncodeJSON(&b, back.Book))
	require.Equal(t, a.String(), b.String())

	plain, err := pdfs(t, inputs, binderJob(t))
	require.NoError(t, err)
	_, err = Read(Source{Name: "plain.pdf", R: bytes.NewReader(plain[0])})
	des := model.DecodeErrors(err)
	require.Len(t, des, 1, "%v", err)
	require.Equal(t, string(msg.PDFNoData), des[0].Problems[0].Code)
	require.Equal(t, "plain.pdf", des[0].Problems[0].Loc.File)
}

// isCode reports whether err is, or wraps, the catalogue's message c.
func isCode(err error, c msg.Code) bool {
	var me *msg.Error
	return errors.As(err, &me) && me.Code == c
}
