package model

import (
	"bytes"
	"encoding/json"
	"io"
)

// EncodeJSON writes b as indented JSON with the documented keys, in the
// order of the model (stable output: the same book gives the same bytes).
func EncodeJSON(w io.Writer, b *Book) error {
	// Empty lists are written as [] rather than null: scripts that read the
	// file should not have to tell the two apart.
	out := *b
	if out.Forms == nil {
		out.Forms = []Form{}
	}
	if needsCopy(out.Forms) {
		out.Forms = append([]Form(nil), out.Forms...)
		for i := range out.Forms {
			if out.Forms[i].Indicators == nil {
				out.Forms[i].Indicators = []Indicator{}
			}
		}
	}
	b = &out
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func needsCopy(forms []Form) bool {
	for i := range forms {
		if forms[i].Indicators == nil {
			return true
		}
	}
	return false
}
