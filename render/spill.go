package render

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// spill keeps what a document holds until it is written — each page's
// compressed contents, the records of its structure tree — in memory up to
// a bound, and beyond it in a temporary file, so that what drawing a large
// binder holds stays about the same at any size. It is written once, in
// order, then read back (sections of it, in any order) when the document
// is written. Errors are sticky: the first is kept, and every later call
// returns it. close removes the file, on every path.
type spill struct {
	mem   [][]byte      // the data while it fits, in blocks of spillBlock
	limit int           // bytes kept in memory before a file is made
	f     *os.File      // nil until mem would pass limit
	fw    *bufio.Writer // buffers writes to f
	n     int64         // bytes written so far
	err   error
	// unlinked is set once f's name is removed (spillUnlink).
	unlinked bool
}

// TempError is a failure of the temporary file a large document is kept
// in until it is written (spill): it cannot be made, written or read back
// in Dir, the system's folder for temporary files (TMPDIR, TEMP on
// Windows). The disk being full is the usual cause.
type TempError struct {
	Dir string
	Err error
}

func (e *TempError) Error() string {
	return "render: temporary file in " + e.Dir + ": " + e.Err.Error()
}
func (e *TempError) Unwrap() error { return e.Err }

// tempError wraps err as a TempError of the system's folder.
func tempError(err error) error { return &TempError{Dir: os.TempDir(), Err: err} }

// spillLimit is how much of each spill stays in memory: the whole of a
// binder of a thousand forms (its three spills hold 3.4, 1.5 and 0.4 MB;
// the 170-form binder's 0.6, 0.25 and 0.05 MB), a bounded part of a larger
// one. A variable, for tests.
var spillLimit = 8 << 20

// spillTemp makes a spill's file. A variable, for tests.
var spillTemp = func() (*os.File, error) { return os.CreateTemp("", "jixiao-render-*") }

// spillUnlink removes a spill's file from its directory as soon as it is
// made, where the system allows it: the file lives on, nameless, until it
// is closed, so not even an exit on a signal in the middle of writing
// leaves it behind. Windows does not remove an open file: there it is
// removed when closed. A variable, for tests.
var spillUnlink = os.Remove

// spillBlock is the size of the largest blocks that hold a spill in
// memory: the data is never copied to grow. The first blocks are smaller,
// for the many small documents of render --out-dir.
const spillBlock = 64 << 10

func newSpill() *spill { return &spill{limit: spillLimit} }

// Write appends p.
func (s *spill) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.f == nil && s.n+int64(len(p)) > int64(s.limit) {
		f, err := spillTemp()
		if err != nil {
			s.err = tempError(err)
			return 0, s.err
		}
		s.f, s.fw = f, bufio.NewWriterSize(f, 64<<10)
		s.unlinked = spillUnlink(f.Name()) == nil
		for _, b := range s.mem {
			if _, err := s.fw.Write(b); err != nil {
				s.err = tempError(err)
				return 0, s.err
			}
		}
		s.mem = nil
	}
	if s.f == nil {
		for q := p; len(q) > 0; {
			if k := len(s.mem) - 1; k < 0 || len(s.mem[k]) == cap(s.mem[k]) {
				size := 4 << 10
				if k >= 0 {
					size = min(2*cap(s.mem[k]), spillBlock)
				}
				s.mem = append(s.mem, make([]byte, 0, size))
			}
			b := &s.mem[len(s.mem)-1]
			c := min(len(q), cap(*b)-len(*b))
			*b = append(*b, q[:c]...)
			q = q[c:]
		}
	} else if _, err := s.fw.Write(p); err != nil {
		s.err = tempError(err)
		return 0, s.err
	}
	s.n += int64(len(p))
	return len(p), nil
}

// size is the number of bytes written.
func (s *spill) size() int64 { return s.n }

// done ends writing: what was written can be read from then on.
func (s *spill) done() error {
	if s.err == nil && s.fw != nil {
		if err := s.fw.Flush(); err != nil {
			s.err = tempError(err)
		}
		s.fw = nil
	}
	return s.err
}

// section returns a reader of n bytes from offset off; done must have
// been called.
func (s *spill) section(off, n int64) *io.SectionReader {
	if s.f == nil {
		return io.NewSectionReader(memReader(s.mem), off, n)
	}
	return io.NewSectionReader(s.f, off, n)
}

// close removes the file, if one was made, and forgets the data.
func (s *spill) close() error {
	s.mem = nil
	if s.f == nil {
		return nil
	}
	name := s.f.Name()
	err := s.f.Close()
	if !s.unlinked {
		if rerr := os.Remove(name); err == nil {
			err = rerr
		}
	}
	s.f, s.fw = nil, nil
	if s.err == nil && err != nil {
		s.err = tempError(err)
	}
	return err
}

// spillReader reads the records of a spill: unsigned varints and byte
// strings, with a sticky error.
type spillReader struct {
	r   *bufio.Reader
	err error
}

func (r *spillReader) reset(src *io.SectionReader) {
	// The buffer is no larger than the largest section read so far (a
	// form's spill is small), and grows with them: the first section of a
	// binder's structure is its small cover, and the elements after it,
	// read through a buffer of its size from a file, took a hundred times
	// as many reads.
	size := int(min(32<<10, max(src.Size(), 16)))
	if r.r == nil || r.r.Size() < size {
		r.r = bufio.NewReaderSize(src, size)
	} else {
		r.r.Reset(src)
	}
}

func (r *spillReader) uvarint() int {
	if r.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); ; shift += 7 {
		c, err := r.r.ReadByte()
		if err != nil {
			r.fail(err)
			return 0
		}
		if shift > 56 {
			r.fail(fmt.Errorf("spill: varint too long"))
			return 0
		}
		v |= uint64(c&0x7F) << shift
		if c < 0x80 {
			break
		}
	}
	return int(v)
}

// full reads len(p) bytes into p.
func (r *spillReader) full(p []byte) {
	if r.err != nil {
		return
	}
	if _, err := io.ReadFull(r.r, p); err != nil {
		r.fail(err)
	}
}

func (r *spillReader) fail(err error) {
	if r.err == nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		r.err = tempError(err)
	}
}

// appendUvarint appends v as an unsigned varint.
func appendUvarint(b []byte, v int) []byte {
	u := uint64(v)
	for u >= 0x80 {
		b = append(b, byte(u)|0x80)
		u >>= 7
	}
	return append(b, byte(u))
}

func (r *spillReader) byte() byte {
	if r.err != nil {
		return 0
	}
	c, err := r.r.ReadByte()
	if err != nil {
		r.fail(err)
	}
	return c
}

// memReader reads a spill's blocks at an offset.
type memReader [][]byte

func (m memReader) ReadAt(p []byte, off int64) (int, error) {
	k := 0
	for k < len(m) && off >= int64(len(m[k])) {
		off -= int64(len(m[k]))
		k++
	}
	n := 0
	for n < len(p) && k < len(m) {
		c := copy(p[n:], m[k][off:])
		n += c
		off, k = 0, k+1
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
