package render

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
)

// squeezer compresses the contents of the pages of one document on other
// goroutines while the drawer draws the next pages: compressing is most of
// the time a page takes to write (about 85 % of drawing a page of a form),
// and each page is compressed alone, so that the bytes of every stream are
// what one deflater makes of it, whichever goroutine makes them and in
// whatever order. The result of page i goes to its own slot.
type squeezer struct {
	jobs chan squeezeJob
	wg   sync.WaitGroup
	out  [][]byte // compressed contents, by page index
	mu   sync.Mutex
	err  error // the first error of a worker
	bufs sync.Pool
	// inline is set when only one goroutine runs at a time: the pages are
	// then compressed by the drawer, as they are drawn.
	inline *deflater
}

type squeezeJob struct {
	page int
	data *[]byte // a copy of the page's contents, returned to bufs after
}

// newSqueezer starts the workers for a document of n pages.
func newSqueezer(n int) *squeezer {
	s := &squeezer{out: make([][]byte, n)}
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		s.inline = getDeflater()
		return s
	}
	// A few pages queued a worker: the copies waiting are bounded.
	jobs := make(chan squeezeJob, 2*workers)
	s.jobs = jobs
	for range workers {
		s.wg.Go(func() { s.work(jobs) })
	}
	return s
}

func (s *squeezer) work(jobs <-chan squeezeJob) {
	z := getDeflater()
	defer putDeflater(z)
	for j := range jobs {
		c, err := z.deflate(*j.data)
		if err != nil {
			s.fail(fmt.Errorf("render: page %d: %w", j.page+1, err))
		} else {
			s.out[j.page] = bytes.Clone(c)
		}
		*j.data = (*j.data)[:0]
		s.bufs.Put(j.data)
	}
}

func (s *squeezer) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

// add compresses contents as those of page i; contents may be reused by
// the caller as soon as add returns.
func (s *squeezer) add(i int, contents []byte) error {
	if s.inline != nil {
		c, err := s.inline.deflate(contents)
		if err != nil {
			return err
		}
		s.out[i] = bytes.Clone(c)
		return nil
	}
	p, _ := s.bufs.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	*p = append((*p)[:0], contents...)
	s.jobs <- squeezeJob{page: i, data: p}
	return nil
}

// wait ends the workers, once every page added is compressed, and returns
// the compressed contents by page index, or the first error.
func (s *squeezer) wait() ([][]byte, error) {
	if s.inline != nil {
		putDeflater(s.inline)
		s.inline = nil
		return s.out, nil
	}
	if s.jobs != nil {
		close(s.jobs)
		s.jobs = nil
		s.wg.Wait()
	}
	return s.out, s.err
}
