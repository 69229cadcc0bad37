package serve

import (
	"encoding/json"
	"mime"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// TestQueryValueKinds: a yes/no, a date and fit= that do not read are each
// told what they expect, never that they should be a whole number
// (review 7, item 6); a form's number still is.
func TestQueryValueKinds(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	for _, c := range []struct {
		query string
		code  msg.Code
		words []string // in the message
	}{
		{"date=2025-13-45", codeBadDate, []string{"编报日期", "2025-03-01", "“2025-13-45”"}},
		{"duplex=maybe", codeBadSwitch, []string{"duplex", "1（是）或 0（否）", "“maybe”"}},
		{"signature=2", codeBadSwitch, []string{"signature", "“2”"}},
		{"draft=x", codeBadSwitch, []string{"draft"}},
		{"strict=x", codeBadSwitch, []string{"strict"}},
		{"allow_missing=x", codeBadSwitch, []string{"allow_missing"}},
		{"attach_data=x", codeBadSwitch, []string{"attach_data"}},
		{"fit=maybe", codeBadFit, []string{"on 或 off", "“maybe”"}},
		{"form=x", codeBadNumber, []string{"整数"}},
	} {
		w := do(s, post(t, "/api/binder?"+c.query, book))
		refusedWith(t, w, http.StatusBadRequest, c.code)
		m := problems(t, w)[0].Message
		for _, word := range c.words {
			require.Contains(t, m, word, c.query)
		}
		if c.code != codeBadNumber {
			require.NotContains(t, m, "整数", c.query)
		}
	}
}

// TestControlCharacterOnce: a control character in a project name is told
// once, as the character validation refuses, not also as one the fonts
// lack with advice to add a font (review 7, item 10).
func TestControlCharacterOnce(t *testing.T) {
	s := newTestServer(t, Options{})
	f := bookFile(t, "names.json", func(f *model.Form) { f.Project = "项目\r\nX-Evil: 1" })
	w := do(s, post(t, "/api/check", f))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var body checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.Len(t, body.Forms, 1)
	var codes []string
	for _, p := range body.Forms[0].Problems {
		codes = append(codes, p.Code)
		require.NotContains(t, p.Message, "字体", p.Message)
	}
	require.Contains(t, codes, model.CodeControlCharacter)
	require.NotContains(t, codes, string(codeCannotDraw))
	require.Positive(t, body.Forms[0].Pages, "laid out, its pages counted")
}

// TestZipNames: the ZIP of OFDs is not named as the ZIP of PDFs, so that
// one saved after the other does not take its name (review 7, item 12).
func TestZipNames(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	name := func(query string) string {
		w := do(s, post(t, "/api/zip?forms=1"+query, book))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		_, params, err := mime.ParseMediaType(w.Header().Get("Content-Disposition"))
		require.NoError(t, err)
		return params["filename"] // the filename* value, decoded
	}
	require.Equal(t, "2024年绩效目标表.zip", name(""))
	require.Equal(t, "2024年绩效目标表（OFD）.zip", name("&format=ofd"))
}

