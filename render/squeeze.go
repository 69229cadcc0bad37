package render

import (
	"errors"
	"fmt"
)

// squeezer compresses the contents of the pages of one document on the
// pool's workers while the drawer draws the next pages: compressing is
// most of the time a page takes to write (about 85 % of drawing a page of
// a form). The drawer hands each page's compressed contents to sink in
// page order, as the pages ahead of it are done.
type squeezer struct {
	p     *pool
	pages line[*squash] // the pages added and not yet handed to sink
	limit int           // how many pages may wait in pages
	added int           // the number of pages added
	next  int           // the page handed to sink next
	sink  func(contents []byte) error
	err   error // the first error, in page order
}

// newSqueezer starts compressing for a document of n pages; sink receives
// each page's compressed contents, in order (valid until it returns).
func newSqueezer(n int, sink func(contents []byte) error) *squeezer {
	w := helpers(n)
	// A few pages a worker, so that a page slow to compress seldom holds
	// the drawer up, and the copies waiting are bounded. Without workers
	// the drawer compresses each page as it is added.
	return &squeezer{p: newPool(w), limit: 4 * w, sink: sink}
}

// add compresses contents as those of page i, the page after those added
// before; contents may be reused by the caller as soon as add returns. It
// returns the first error so far.
func (s *squeezer) add(i int, contents []byte) error {
	if s.err != nil {
		return s.err
	}
	if i != s.added {
		s.err = fmt.Errorf("render: page %d added as page %d", i+1, s.added+1)
		return s.err
	}
	s.added++
	j := getSquash()
	j.data = append(j.data, contents...)
	s.p.submit(&j.job)
	s.pages.push(j)
	s.drain(false)
	return s.err
}

// drain hands the pages done to sink, in order, waiting for them while
// more than limit wait (all: every one).
func (s *squeezer) drain(all bool) {
	for s.err == nil {
		j, ok := s.pages.pop(all || s.pages.len() > s.limit)
		if !ok {
			return
		}
		err := j.err
		if err == nil {
			err = s.sink(j.out)
		}
		if err != nil {
			s.err = fmt.Errorf("render: page %d: %w", s.next+1, err)
		}
		s.next++
		putSquash(j)
	}
}

// abort ends the workers for a document that will not be written: the
// pages waiting are not handed to sink, and those not begun are not
// compressed. wait then returns errAborted, or the error before it.
func (s *squeezer) abort() {
	if s.err == nil {
		s.err = errAborted
	}
	s.p.close()
}

// errAborted is the squeezer's error once aborted.
var errAborted = errors.New("render: the document's drawing was abandoned")

// wait hands every page added to sink, ends the workers and returns the
// first error. It may be called again.
func (s *squeezer) wait() error {
	s.drain(true)
	s.p.close()
	return s.err
}
