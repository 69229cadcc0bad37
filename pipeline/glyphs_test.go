package pipeline

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// TestControlNotMissingGlyph: a control character in a form's text is
// Validate's problem (control-character, with its place), never also told
// as missing from the fonts, which would send the user to add a font
// (review 7, item 10): the form is laid out, its pages counted, with or
// without AllowMissing, and no box is drawn for it.
func TestControlNotMissingGlyph(t *testing.T) {
	book, err := model.ReadFile(example)
	require.NoError(t, err)
	book.Forms = book.Forms[:1]
	book.Forms[0].Project = "项目\r\nX-Evil: 1"
	book.Forms[0].Overview += "\x07"
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	in, err := Read(Source{Name: "names.json", R: bytes.NewReader(buf.Bytes())})
	require.NoError(t, err)
	var codes []string
	for _, p := range in.Problems {
		codes = append(codes, p.Code)
	}
	require.Contains(t, codes, model.CodeControlCharacter, "Validate tells it")

	for _, allow := range []bool{false, true} {
		job := testJob(t)
		job.Forms.All = true
		job.AllowMissing = allow
		var warns []error
		job.Events.Warn = func(w error) { warns = append(warns, w) }
		told := 0
		require.NoError(t, PlanEach(context.Background(), []Input{in}, job, func(_ FormRef, d *Doc, err error) error {
			told++
			require.NoError(t, err, "allow missing: %v", allow)
			require.Positive(t, d.Frame.Pages)
			return nil
		}))
		require.Equal(t, 1, told)
		require.Empty(t, warns, "allow missing: %v", allow)
	}
}
