package render

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
)

// The object streams of a tagged document (thousands for a large binder:
// its structure tree, parent tree, outline and links) are compressed on
// other goroutines while the writer makes the next ones: compressing them
// was most of what writing a document costs after its last page. Each is
// compressed alone, by the same level, so its bytes do not depend on the
// goroutine that made them; the writer queues what follows an object
// stream until it is compressed and writes everything in order (pdf.go,
// emit and pump), so the file is the bytes it would be written one by
// one.

// zjob is an object stream to compress: its "num offset" pairs and its
// objects, one after the other.
type zjob struct {
	nums, body []byte
	out        bytes.Buffer
	err        error
	done       chan struct{}
}

var jobs = sync.Pool{New: func() any { return new(zjob) }}

func getJob() *zjob {
	j := jobs.Get().(*zjob)
	j.done = make(chan struct{})
	return j
}

// putJob returns j, compressed and written, for reuse; a job larger than
// a few hundred objects (the parent tree's) is left to the collector.
func putJob(j *zjob) {
	if cap(j.body) > 1<<20 || j.out.Cap() > 1<<20 {
		return
	}
	j.nums, j.body, j.err = j.nums[:0], j.body[:0], nil
	j.out.Reset()
	jobs.Put(j)
}

// zpool is the goroutines that compress jobs.
type zpool struct {
	jobs chan *zjob
	wg   sync.WaitGroup
}

// maxJobs is how many object streams may wait to be written: enough to
// keep the workers busy, few enough that what waits stays small.
const maxJobs = 16

// maxQueued is how many bytes of other objects may wait behind them.
const maxQueued = 1 << 20

// newZPool starts the workers, or returns nil when only one goroutine runs
// at a time (then the writer compresses each stream itself).
func newZPool() *zpool {
	n := runtime.GOMAXPROCS(0)
	if n <= 1 {
		return nil
	}
	p := &zpool{jobs: make(chan *zjob, maxJobs)}
	for range n {
		p.wg.Go(func() {
			z := getDeflater()
			defer putDeflater(z)
			for j := range p.jobs {
				j.out.Reset()
				var c []byte
				if c, j.err = z.deflate(j.nums, j.body); j.err == nil {
					j.out.Write(c)
				}
				close(j.done)
			}
		})
	}
	return p
}

func (p *zpool) submit(j *zjob) { p.jobs <- j }

// close ends the workers once the jobs submitted are done.
func (p *zpool) close() {
	if p != nil {
		close(p.jobs)
		p.wg.Wait()
	}
}

// queued is output waiting behind an object stream being compressed:
// bytes b that begin object r (0: none), then, with job, the stream's
// length and compressed data.
type queued struct {
	r   ref
	b   []byte
	job *zjob
}

var bufs = sync.Pool{New: func() any { return new([]byte) }}

func getBuf() []byte { return (*bufs.Get().(*[]byte))[:0] }

func putBuf(b []byte) {
	if cap(b) <= 1<<20 {
		bufs.Put(&b)
	}
}

// streamJob begins object r as an object stream whose data job
// compresses; the caller adds entries to its dictionary and calls end,
// which queues it.
func (w *pdfWriter) streamJob(r ref, j *zjob) streamDict {
	w.begin(r)
	w.b = append(w.b, "<<"...)
	s := streamDict{dict: dict{w}, job: j}
	s.name("Filter", "FlateDecode")
	return s
}

// enqueue queues the open stream object, its dictionary so far in w.b,
// to be written once j is compressed.
func (w *pdfWriter) enqueue(j *zjob) {
	r := w.open
	w.open = 0
	if w.err != nil {
		w.b = w.b[:0]
		return
	}
	w.offs[r] = -2
	w.queue = append(w.queue, queued{r: r, b: append(getBuf(), w.b...), job: j})
	w.b = w.b[:0]
	w.queuedBytes += len(w.queue[len(w.queue)-1].b)
	w.queuedJobs++
	w.pump(false)
}

// pump writes what waits in the queue, in order, as far as the object
// streams in it are compressed; it waits for them when all is set or when
// too much waits.
func (w *pdfWriter) pump(all bool) {
	for w.qhead < len(w.queue) {
		q := &w.queue[w.qhead]
		if q.job != nil {
			if all || w.queuedJobs > maxJobs/2 || w.queuedBytes > maxQueued {
				<-q.job.done
			} else {
				select {
				case <-q.job.done:
				default:
					return
				}
			}
		}
		if q.r != 0 && w.err == nil {
			w.offs[q.r] = w.n
		}
		w.write(q.b)
		w.queuedBytes -= len(q.b)
		putBuf(q.b)
		if j := q.job; j != nil {
			if j.err != nil {
				w.fail(j.err)
			}
			w.scratch = strconv.AppendInt(append(w.scratch[:0], " /Length "...), int64(j.out.Len()), 10)
			w.write(append(w.scratch, ">>\nstream\n"...))
			w.write(j.out.Bytes())
			w.write(append(w.scratch[:0], "\nendstream\nendobj\n"...))
			w.queuedJobs--
			putJob(j)
		}
		*q = queued{}
		w.qhead++
	}
	w.queue, w.qhead = w.queue[:0], 0
}
