package model

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// EncodeJSON writes b as indented JSON with the documented keys, in the
// order of the schema (stable output: the same book gives the same bytes).
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

// MarshalJSON writes the form's fields as the schema lists them (Fields),
// then its indicator rows.
func (f Form) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range fields {
		fd := &fields[i]
		if fd.Sign != "" && fd.Value(&f) == "" {
			continue // optional: written only when given
		}
		writeJSONString(&b, fd.Key)
		b.WriteByte(':')
		switch fd.Kind {
		case YearKind:
			b.WriteString(strconv.Itoa(*fd.year(&f)))
		default:
			writeJSONString(&b, fd.Value(&f))
		}
		b.WriteByte(',')
	}
	writeJSONString(&b, IndicatorsKey)
	b.WriteByte(':')
	if f.Indicators == nil {
		b.WriteString("null")
	} else {
		b.WriteByte('[')
		for i := range f.Indicators {
			if i > 0 {
				b.WriteByte(',')
			}
			writeIndicator(&b, &f.Indicators[i])
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the book's keys in order (bookKeys): the year, the
// title, the book-wide signature values that are given, the forms.
func (bk Book) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"year":`)
	b.WriteString(strconv.Itoa(bk.Year))
	b.WriteString(`,"title":`)
	writeJSONString(&b, bk.Title)
	for _, fd := range SignFields() {
		if v := bk.Sign[fd.Key]; v != "" {
			b.WriteByte(',')
			writeJSONString(&b, fd.Key)
			b.WriteByte(':')
			writeJSONString(&b, v)
		}
	}
	b.WriteString(`,"forms":`)
	if bk.Forms == nil {
		b.WriteString("null")
	} else {
		b.WriteByte('[')
		for i := range bk.Forms {
			if i > 0 {
				b.WriteByte(',')
			}
			f, err := bk.Forms[i].MarshalJSON()
			if err != nil {
				return nil, err
			}
			b.Write(f)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the row's columns as the schema lists them (Columns).
func (in Indicator) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	writeIndicator(&b, &in)
	return b.Bytes(), nil
}

func writeIndicator(b *bytes.Buffer, in *Indicator) {
	b.WriteByte('{')
	for i := range columns {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(b, columns[i].Key)
		b.WriteByte(':')
		writeJSONString(b, columns[i].Get(in))
	}
	b.WriteByte('}')
}

// writeJSONString writes s as a JSON string, escaping as encoding/json does
// but leaving <, > and & as they are (the file is data, not HTML).
func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // a string always encodes
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}
