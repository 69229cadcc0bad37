package render

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"
)

// ReadAttachments returns the files embedded in a PDF that render wrote
// (Options.Attachments): their media type and data, in file order; none
// for a PDF without them. It reads the embedded-file streams as render
// writes them (uncompressed objects, a FlateDecode or no filter); a PDF
// rewritten by another program (object streams, other filters) may hold
// files it cannot find. maxSize bounds each file's decoded size.
func ReadAttachments(pdf []byte, maxSize int64) ([]Attachment, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, errors.New("render: not a PDF")
	}
	var out []Attachment
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("/Type /EmbeddedFile "))
		if i < 0 {
			return out, nil
		}
		start := bytes.LastIndex(rest[:i], []byte(" 0 obj\n<<"))
		end := bytes.Index(rest[i:], []byte(">>\nstream\n"))
		if start < 0 || end < 0 {
			return nil, errors.New("render: an embedded file stream that render did not write")
		}
		dict := rest[start : i+end]
		data := rest[i+end+len(">>\nstream\n"):]
		m := lengthRE().FindSubmatch(dict)
		if m == nil {
			return nil, errors.New("render: an embedded file without a length")
		}
		n, err := strconv.Atoi(string(m[1]))
		if err != nil || n < 0 || n > len(data) {
			return nil, errors.New("render: an embedded file's length is out of the file")
		}
		raw := data[:n]
		if bytes.Contains(dict, []byte("/Filter /FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(raw))
			if err != nil {
				return nil, fmt.Errorf("render: embedded file: %w", err)
			}
			raw, err = io.ReadAll(io.LimitReader(zr, maxSize+1))
			if err != nil {
				return nil, fmt.Errorf("render: embedded file: %w", err)
			}
		} else if bytes.Contains(dict, []byte("/Filter")) {
			return nil, errors.New("render: an embedded file with a filter render does not write")
		}
		if int64(len(raw)) > maxSize {
			return nil, fmt.Errorf("render: an embedded file is larger than %d bytes", maxSize)
		}
		a := Attachment{Data: raw}
		if m := subtypeRE().FindSubmatch(dict); m != nil {
			a.MIME = unescapeName(string(m[1]))
		}
		out = append(out, a)
		rest = data[n:]
	}
}

// The regexps of an embedded file's dictionary, compiled when a first
// attachment is read (a render never reads one).
var (
	lengthRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Length (\d+)`) })
	subtypeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Subtype /([^\s/<>\[\]()]+)`) })
)

// unescapeName undoes the #xx escapes of a name.
func unescapeName(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
