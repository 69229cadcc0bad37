package pipeline

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
)

// Blocks of content whose size is not known (standard input from a pipe):
// the first is small, as most workbooks are, and each next one twice the
// last, up to maxBlock.
const (
	firstBlock = 64 << 10
	maxBlock   = 4 << 20
)

// content is an input's bytes read into memory, in the blocks they were
// read into: one of the input's size when it is known, else blocks that
// double up to maxBlock. Nothing read is copied to make room for more, so
// reading holds about the content's size, never twice it.
type content struct {
	blocks [][]byte
	size   int64 // bytes read; past the limit, blocks is nil
}

// readWhole reads r whole into memory, size bytes when size ≥ 0 (the
// file's, from stat: one block of that size, as os.ReadFile reads), at
// most limit of them. Content longer than limit is read no further than
// one byte past it, and given back as its size alone (limit+1, or a
// known size over limit, which is not read at all): the caller refuses it,
// and what was read is dropped, never joined. A file that grows while it
// is read is read on in blocks.
func readWhole(r io.Reader, size, limit int64) (content, error) {
	if size > limit {
		return content{size: size}, nil
	}
	next := int64(firstBlock)
	if size >= 0 {
		next = size + 1 // the byte past the end finds the end in one read
	}
	var c content
	for {
		b := make([]byte, min(next, limit+1-c.size))
		n, err := io.ReadFull(r, b)
		if n > 0 {
			c.blocks = append(c.blocks, b[:n:n])
			c.size += int64(n)
		}
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return c, nil
		case err != nil:
			return content{}, err
		case c.size > limit:
			return content{size: c.size}, nil
		}
		next = min(2*next, maxBlock)
	}
}

// inMemory is the content held in blocks (Source.Data).
func inMemory(blocks [][]byte) *content {
	c := &content{blocks: blocks}
	for _, b := range blocks {
		c.size += int64(len(b))
	}
	return c
}

// bytes is the content in one slice: its one block, or the blocks joined
// (a PDF, read from one slice).
func (c *content) bytes() []byte {
	if len(c.blocks) == 1 {
		return c.blocks[0]
	}
	return bytes.Join(c.blocks, nil)
}

// reader reads the content from its start; it can seek.
func (c *content) reader() io.ReadSeeker {
	if len(c.blocks) == 1 {
		return bytes.NewReader(c.blocks[0])
	}
	return io.NewSectionReader(c, 0, c.size)
}

// ReadAt reads the content's bytes from off on into p, across its blocks
// (io.ReaderAt: a workbook's zip archive is read so, where it is).
func (c *content) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("pipeline: negative offset")
	}
	n := 0
	for _, b := range c.blocks {
		if off >= int64(len(b)) {
			off -= int64(len(b))
			continue
		}
		n += copy(p[n:], b[off:])
		off = 0
		if n == len(p) {
			return n, nil
		}
	}
	return n, io.EOF
}

// fileSize is the number of bytes left to read in r when r is a regular
// file (standard input redirected from one, < book.xlsx), else -1.
func fileSize(r io.Reader) int64 {
	f, ok := r.(interface {
		Stat() (fs.FileInfo, error)
		io.Seeker
	})
	if !ok {
		return -1
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return -1
	}
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil || at > st.Size() {
		return -1
	}
	return st.Size() - at
}
