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
// whatever order. The compressed pages are handed to sink in page order.
type squeezer struct {
	jobs chan squeezeJob
	wg   sync.WaitGroup
	bufs sync.Pool
	// mu guards what follows: the pages compressed before those ahead of
	// them wait in ready; sink is called under it.
	mu    sync.Mutex
	next  int
	ready map[int][]byte
	sink  func(contents []byte) error
	err   error // the first error of a worker or of sink
	// inline is set when only one goroutine runs at a time: the pages are
	// then compressed by the drawer, as they are drawn.
	inline *deflater
}

type squeezeJob struct {
	page int
	data *[]byte // a copy of the page's contents, returned to bufs after
}

// newSqueezer starts the workers for a document of n pages; sink receives
// each page's compressed contents, in order (valid until it returns).
func newSqueezer(n int, sink func(contents []byte) error) *squeezer {
	s := &squeezer{sink: sink, ready: map[int][]byte{}}
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
			err = fmt.Errorf("render: page %d: %w", j.page+1, err)
		}
		s.done(j.page, c, err)
		*j.data = (*j.data)[:0]
		s.bufs.Put(j.data)
	}
}

// done hands page i's compressed contents c to sink, with those that
// waited for it, or keeps a copy until the pages before it are done.
func (s *squeezer) done(i int, c []byte, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return
	}
	if err != nil {
		s.err = err
		return
	}
	if i != s.next {
		s.ready[i] = bytes.Clone(c)
		return
	}
	for {
		if err := s.sink(c); err != nil {
			s.err = fmt.Errorf("render: page %d: %w", s.next+1, err)
			return
		}
		s.next++
		var ok bool
		if c, ok = s.ready[s.next]; !ok {
			return
		}
		delete(s.ready, s.next)
	}
}

// add compresses contents as those of page i; contents may be reused by
// the caller as soon as add returns.
func (s *squeezer) add(i int, contents []byte) error {
	if s.inline != nil {
		c, err := s.inline.deflate(contents)
		if err == nil {
			err = s.sink(c)
		}
		if err != nil {
			return fmt.Errorf("render: page %d: %w", i+1, err)
		}
		return nil
	}
	s.mu.Lock()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return err
	}
	p, _ := s.bufs.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	*p = append((*p)[:0], contents...)
	s.jobs <- squeezeJob{page: i, data: p}
	return nil
}

// wait ends the workers, once every page added is compressed and handed
// to sink, and returns the first error. It may be called again.
func (s *squeezer) wait() error {
	if s.inline != nil {
		putDeflater(s.inline)
		s.inline = nil
		return nil
	}
	if s.jobs != nil {
		close(s.jobs)
		s.jobs = nil
		s.wg.Wait()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
