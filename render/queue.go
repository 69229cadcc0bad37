package render

import (
	"strconv"
	"sync"
)

// The object streams of a tagged document (thousands for a large binder:
// its structure tree, parent tree, outline and links) are compressed by
// the document's pool (pool.go) while the writer makes the next ones:
// compressing them was most of what writing a document costs after its
// last page. The writer queues what follows an object stream until it is
// compressed and writes everything in order (pdf.go, emit, and pump
// below), so the file is the bytes it would be written one by one.

// maxJobs is how many object streams may wait to be written: enough to
// keep the workers busy, few enough that what waits stays small.
const maxJobs = 16

// maxQueued is how many bytes of other objects may wait behind them.
const maxQueued = 1 << 20

// queued is output waiting behind an object stream being compressed:
// bytes b that begin object r (0: none), then, with job, the stream's
// length and compressed data.
type queued struct {
	r   ref
	b   []byte
	job *squash
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
func (w *pdfWriter) streamJob(r ref, j *squash) streamDict {
	w.begin(r)
	w.b = append(w.b, "<<"...)
	s := streamDict{dict: dict{w}, job: j}
	s.name("Filter", "FlateDecode")
	return s
}

// enqueue queues the open stream object, its dictionary so far in w.b,
// to be written once j is compressed.
func (w *pdfWriter) enqueue(j *squash) {
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
				q.job.wait()
			} else if !q.job.finished() {
				return
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
			w.scratch = strconv.AppendInt(append(w.scratch[:0], " /Length "...), int64(len(j.out)), 10)
			w.write(append(w.scratch, ">>\nstream\n"...))
			w.write(j.out)
			w.write(append(w.scratch[:0], "\nendstream\nendobj\n"...))
			w.queuedJobs--
			putSquash(j)
		}
		*q = queued{}
		w.qhead++
	}
	w.queue, w.qhead = w.queue[:0], 0
}
