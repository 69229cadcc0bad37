package serve

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

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
