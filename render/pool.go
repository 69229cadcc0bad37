package render

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Compressing is most of what writing a document costs, and pools of
// goroutines, one kind for all of it and one pool at a time, do it while
// their owner goes on: draw's compresses the pages' contents while the
// drawer draws the next pages (squeeze.go); writeDocument's the object
// streams while the writer makes the next objects (queue.go) and the
// fonts' subsets while the pages and the structure tree are written
// (fontobj.go). Each
// stream is compressed alone, by the same level, so its bytes are what one
// deflater makes of it whichever goroutine makes them and in whatever
// order; the owner takes the results back in the order it submitted the
// jobs (a line, or its own queue), so the file is the bytes it would be
// when written one by one.

// pool runs jobs on at most max goroutines, started as the jobs come, each
// with a deflater of its own. A pool without workers (max 0: one CPU) runs
// each job as it is submitted, on its owner's goroutine. A pool belongs to
// one goroutine, its owner, which submits the jobs and closes it.
type pool struct {
	max, started int
	work         chan *job
	wg           sync.WaitGroup
	closed       bool
	dropping     atomic.Bool // set by close: the jobs not begun are dropped
	z            *deflater   // the owner's, without workers
}

// job is work for a pool: run, given the deflater of the goroutine that
// runs it. What a job reads and makes are fields of the type that embeds
// it (squash), or that its run function closes over (fontsJob), set
// before submit and read after wait.
type job struct {
	run  func(z *deflater) error
	err  error         // run's error (or panic), once done is closed
	done chan struct{} // closed once the job is run or dropped
}

// errDropped is the error of a job its pool dropped, being closed before a
// worker began it.
var errDropped = errors.New("render: job dropped: its pool was closed")

// poolQueue is how many jobs may wait for a worker before submit waits.
const poolQueue = 16

// newPool returns a pool of at most workers goroutines (helpers).
func newPool(workers int) *pool {
	p := &pool{max: max(workers, 0)}
	if p.max > 0 {
		p.work = make(chan *job, poolQueue)
	}
	return p
}

// helpers is how many workers a pool gets for at most n jobs at a time:
// one per CPU, none when only one goroutine runs at a time.
func helpers(n int) int {
	w := min(runtime.GOMAXPROCS(0), n)
	if w <= 1 {
		return 0
	}
	return w
}

// submit hands j to a worker, starting one if fewer than max run, or runs
// it now without workers. It waits while poolQueue jobs wait already.
func (p *pool) submit(j *job) {
	j.err = nil
	j.done = make(chan struct{})
	switch {
	case p.closed:
		j.err = errDropped
		close(j.done)
	case p.max == 0:
		if p.z == nil {
			p.z = getDeflater()
		}
		p.do(j, p.z)
	default:
		if p.started < p.max {
			p.started++
			p.wg.Go(p.serve)
		}
		p.work <- j
	}
}

// serve is a worker: it runs the jobs until the pool is closed.
func (p *pool) serve() {
	z := getDeflater()
	defer putDeflater(z)
	for j := range p.work {
		p.do(j, z)
	}
}

// do runs j with z, unless the pool is being closed, and marks it done.
func (p *pool) do(j *job, z *deflater) {
	defer close(j.done)
	defer func() {
		// Jobs read font files; no panic leaves render.
		if r := recover(); r != nil {
			j.err = fmt.Errorf("render: %v", r)
		}
	}()
	if p.dropping.Load() {
		j.err = errDropped
		return
	}
	j.err = j.run(z)
}

// close ends the workers: the jobs being run are finished, those not begun
// are dropped (done, with errDropped). It returns once every worker has
// ended, and may be called again.
func (p *pool) close() {
	if p.closed {
		return
	}
	p.closed = true
	p.dropping.Store(true)
	if p.work != nil {
		close(p.work)
		p.wg.Wait()
	}
	if p.z != nil {
		putDeflater(p.z)
		p.z = nil
	}
}

// wait waits until j is done and returns its error.
func (j *job) wait() error {
	<-j.done
	return j.err
}

// finished reports whether j is done.
func (j *job) finished() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// squash is a job that compresses head and data, one after the other, into
// out as one zlib stream: a page's contents (data alone), an object stream
// (its "num offset" pairs and its objects).
type squash struct {
	job
	head, data, out []byte
}

var squashes = sync.Pool{New: func() any {
	s := new(squash)
	s.run = s.compress
	return s
}}

// getSquash returns a squash whose buffers may be reused (empty, with
// their capacity).
func getSquash() *squash { return squashes.Get().(*squash) }

// putSquash returns s, done and read, for reuse; one with a buffer larger
// than 1 MB (a parent tree's object stream) is left to the collector.
func putSquash(s *squash) {
	if cap(s.head) > 1<<20 || cap(s.data) > 1<<20 || cap(s.out) > 1<<20 {
		return
	}
	s.head, s.data, s.out = s.head[:0], s.data[:0], s.out[:0]
	s.err, s.done = nil, nil
	squashes.Put(s)
}

func (s *squash) compress(z *deflater) (err error) {
	s.out, err = z.deflateTo(s.out[:0], s.head, s.data)
	return err
}

// deflateTo appends the parts of data, one after the other, compressed as
// one stream, to dst: as deflate, but into a buffer of the caller's.
func (d *deflater) deflateTo(dst []byte, data ...[]byte) ([]byte, error) {
	d.to.b = dst
	d.zw.Reset(&d.to)
	var err error
	for _, p := range data {
		if err == nil && len(p) > 0 {
			_, err = d.zw.Write(p)
		}
	}
	if err == nil {
		err = d.zw.Close()
	}
	dst, d.to.b = d.to.b, nil
	return dst, err
}

// appender is a writer that appends to b.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// line holds one owner's jobs in the order submitted, and hands them back
// in that order, each once it is done.
type line[J interface {
	wait() error
	finished() bool
}] struct {
	jobs []J
	head int
}

// push adds j, submitted, as the newest job.
func (l *line[J]) push(j J) { l.jobs = append(l.jobs, j) }

// len is the number of jobs not handed back yet.
func (l *line[J]) len() int { return len(l.jobs) - l.head }

// pop returns the oldest job not handed back yet once it is done: with
// block, waiting for it; without, only if it is done already. ok is false
// when there is none (or, without block, it is not done).
func (l *line[J]) pop(block bool) (j J, ok bool) {
	if l.head == len(l.jobs) {
		return j, false
	}
	j = l.jobs[l.head]
	if !block && !j.finished() {
		var none J
		return none, false
	}
	j.wait()
	var none J
	l.jobs[l.head] = none
	l.head++
	switch {
	case l.head == len(l.jobs):
		l.jobs, l.head = l.jobs[:0], 0
	case l.head >= 64 && 2*l.head >= len(l.jobs):
		// Never empty (the workers always behind): keep it short.
		n := copy(l.jobs, l.jobs[l.head:])
		clear(l.jobs[n:])
		l.jobs, l.head = l.jobs[:n], 0
	}
	return j, true
}
