package model

import (
	"bytes"
	"encoding/json"
	"io"
)

// EncodeJSON writes b as indented JSON with the documented keys, in the
// order of the model (stable output: the same book gives the same bytes).
func EncodeJSON(w io.Writer, b *Book) error {
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
