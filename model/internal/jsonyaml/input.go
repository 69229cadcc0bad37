package jsonyaml

import (
	"bytes"
	"io"
	"unicode"
	"unicode/utf8"
)

// WindowSize is the bytes an Input reads at a time (a variable for the
// tests, which make it a few bytes to cut every value somewhere).
var WindowSize = 64 << 10

// HeadSize is the bytes of a file's beginning an Input keeps, for telling
// a UTF-16 file by its NUL bytes.
const HeadSize = 256

// Input reads a file through a window of about WindowSize bytes, so that a
// book of any size is parsed without holding it whole. It checks the bytes
// as they pass, as a whole file's bytes were checked before parsing: that
// they are UTF-8 without NUL (the first that is not is Bad, and the window
// stops before it), how many there are, whether all are spaces. A byte
// order mark at the start is skipped.
type Input struct {
	r     io.Reader
	limit int64 // read at most limit+1 bytes
	buf   []byte
	// buf[:valid] is checked text, buf[valid:filled] the start of a
	// character whose end is not read yet.
	valid, filled int
	started, eof  bool
	err           error // the reader's, other than io.EOF

	size     int64 // bytes read
	head     []byte
	allSpace bool
	bad      *Bad
	// The position after the checked bytes, for Bad: line, and column
	// counted in characters (a byte order mark is one), from 1.
	line, col int
}

// Bad is the first byte of an input that is not text.
type Bad struct {
	Offset    int64 // from the start of the file
	Line, Col int   // its position, the column counted in characters
	Byte      byte
	// Truncated: the file ends within a character.
	Truncated bool
}

// NewInput reads r, at most limit+1 bytes of it (Size then tells that
// there were more than limit).
func NewInput(r io.Reader, limit int64) *Input {
	return &Input{r: r, limit: limit, allSpace: true, line: 1, col: 1}
}

// Size is the bytes read so far, at most the limit + 1.
func (in *Input) Size() int64 { return in.size }

// Head is the first HeadSize bytes of the file (fewer for a smaller file).
func (in *Input) Head() []byte { return in.head }

// AllSpace reports whether every character read so far is a space
// (unicode.IsSpace); true for an empty file.
func (in *Input) AllSpace() bool { return in.allSpace && in.bad == nil }

// Bad is the first byte that is not text, or nil.
func (in *Input) Bad() *Bad { return in.bad }

// Err is the reader's error, other than the end of the file.
func (in *Input) Err() error { return in.err }

// Fill returns the next window: keep (the unread end of the window Fill
// last returned, or nil) followed by more checked text. It returns keep
// alone (the same length) at the end of the text: the end of the file, a
// byte that is not text, or a read error.
func (in *Input) Fill(keep []byte) []byte {
	a := in.valid - len(keep) // where keep starts
	n := copy(in.buf, in.buf[a:in.filled])
	in.valid -= a
	in.filled = n
	if in.eof || in.bad != nil {
		return in.buf[:in.valid]
	}
	if len(in.buf)-in.filled < len(in.buf)/2 || len(in.buf) < WindowSize {
		// A value longer than half the window: the window grows to hold it.
		in.grow()
	}
	// The window is filled, not just made longer: a reader that returns a
	// few bytes at a time must not make a long value be copied again for
	// every few bytes.
	for before := in.valid; !in.eof && in.bad == nil; {
		if in.filled == len(in.buf) {
			if in.valid > before {
				break
			}
			in.grow() // a character longer than the window
		}
		room := in.buf[in.filled:]
		if left := in.limit + 1 - in.size; int64(len(room)) > left {
			room = room[:left]
		}
		m := 0
		var err error
		if len(room) > 0 {
			m, err = in.r.Read(room)
		} else {
			err = io.EOF // the limit: more is not read
		}
		if m > 0 && len(in.head) < HeadSize {
			in.head = append(in.head, room[:min(m, HeadSize-len(in.head))]...)
		}
		in.size += int64(m)
		in.filled += m
		if err != nil {
			in.eof = true
			if err != io.EOF {
				in.err = err
			}
		}
		in.check()
	}
	return in.buf[:in.valid]
}

func (in *Input) grow() {
	grown := make([]byte, max(WindowSize, 2*len(in.buf)))
	copy(grown, in.buf[:in.filled])
	in.buf = grown
}

// check checks buf[valid:filled], moving valid past what is text.
func (in *Input) check() {
	chunk := in.buf[in.valid:in.filled]
	if !in.started && len(chunk) > 0 {
		if len(chunk) < 3 && !in.eof && bytes.HasPrefix([]byte{0xEF, 0xBB, 0xBF}, chunk) {
			return // perhaps a byte order mark: wait for its end
		}
		in.started = true
		if bytes.HasPrefix(chunk, []byte{0xEF, 0xBB, 0xBF}) {
			// The mark is a character of the file (its column counts it),
			// not of the text parsed.
			in.allSpace = false
			in.col++
			copy(in.buf[in.valid:], in.buf[in.valid+3:in.filled])
			in.filled -= 3
			chunk = in.buf[in.valid:in.filled]
		}
	}
	end := len(chunk)
	if !in.eof {
		// Hold back a character cut by the end of the read.
		for k := 1; k <= utf8.UTFMax-1 && k <= len(chunk); k++ {
			if utf8.RuneStart(chunk[len(chunk)-k]) {
				if !utf8.FullRune(chunk[len(chunk)-k:]) {
					end = len(chunk) - k
				}
				break
			}
		}
	}
	body := chunk[:end]
	bad := FirstBad(body)
	if bad >= 0 {
		body = body[:bad]
	}
	in.count(body)
	in.valid += len(body)
	switch {
	case bad >= 0:
		rest := chunk[bad:]
		in.bad = &Bad{Offset: in.offset(), Line: in.line, Col: in.col, Byte: rest[0],
			Truncated: in.eof && len(rest) < utf8.UTFMax && !utf8.FullRune(rest)}
	case in.eof && end < len(chunk):
		in.bad = &Bad{Offset: in.offset(), Line: in.line, Col: in.col, Byte: chunk[end], Truncated: true}
	}
}

// offset is the offset in the file of buf[valid].
func (in *Input) offset() int64 { return in.size - int64(in.filled-in.valid) }

// FirstBad is the offset of the first NUL or byte that is not UTF-8 in b,
// or -1: what makes a file not text (model.Decode checks a whole file with
// it, Input a window at a time).
func FirstBad(b []byte) int {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == 0 || (r == utf8.RuneError && size <= 1) {
			return i
		}
		i += size
	}
	return -1
}

// count moves the position past b, checked text.
func (in *Input) count(b []byte) {
	if in.allSpace {
		for _, r := range string(b) {
			if !unicode.IsSpace(r) {
				in.allSpace = false
				break
			}
		}
	}
	if nl := bytes.LastIndexByte(b, '\n'); nl >= 0 {
		in.line += bytes.Count(b, []byte{'\n'})
		in.col = 1
		b = b[nl+1:]
	}
	in.col += utf8.RuneCount(b)
}

// Drain reads the rest of the input, at most to the limit, counting its
// bytes (Size) without keeping them, once the parse is over: a file too
// large, or not text further on, is told as such whatever the parse found.
func (in *Input) Drain() {
	for !in.eof && in.bad == nil {
		in.Fill(nil)
	}
	var buf []byte
	for !in.eof {
		if buf == nil {
			buf = make([]byte, 32<<10)
		}
		room := buf
		if left := in.limit + 1 - in.size; int64(len(room)) > left {
			room = room[:left]
		}
		if len(room) == 0 {
			break
		}
		m, err := in.r.Read(room)
		if m > 0 && len(in.head) < HeadSize {
			in.head = append(in.head, room[:min(m, HeadSize-len(in.head))]...)
		}
		in.size += int64(m)
		if err != nil {
			in.eof = true
			if err != io.EOF {
				in.err = err
			}
		}
	}
}
