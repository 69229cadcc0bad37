package model

import (
	"fmt"
	"sync/atomic"
)

// A JSON book is read form by form (DecodeReader), on one core. A checked
// read (DecodeReaderChecked) hands the forms read, checkBatch at a time,
// to a goroutine that checks them (validator.form) while the next ones
// are read, and Validate's other checks are made once the book is whole:
// its own year, each form's year against it (a book's keys are decoded
// after its forms), and what follows the forms. A form's check depends on
// the form and on where its fields were read, both final once the form is
// read, and on the problems found while reading, of which a JSON book
// that decodes has none; so the problems are Validate's, in its order.

// checkBatch is how many forms a batch holds: a form takes some 45 µs to
// read and 25 µs to check, a hand-over a few µs.
const checkBatch = 16

// streamCheck checks the forms of a book being decoded.
type streamCheck struct {
	next    int // the first form not handed over
	batches chan formBatch
	done    chan struct{}
	drop    atomic.Bool // the read failed: the batches left are not checked
	// each, when set, is given each batch's forms once they are checked,
	// on the checker's goroutine (DecodeReaderEach).
	each func(start int, forms []Form)
	// Set by the checker, read once done is closed.
	results  []checkedBatch
	panicked any // a check's panic
}

// formBatch is forms start… of a book being read, with a copy of its
// Source as it was when they were read: the decoder goes on adding to
// the Source, never changing what the copy reaches (the places of forms
// before start+len(forms)).
type formBatch struct {
	src   Source
	forms []Form
	start int
}

// checkedBatch is the check of a formBatch: its problems, ends[k] the
// number of them once form start+k was checked. (Not the validator:
// what it points to, the Source copied and its maps, would be kept to
// the end of the read, 25 MB for 10,000 forms.)
type checkedBatch struct {
	start    int
	problems Problems
	ends     []int
}

// add hands the forms d has read since the last batch to the checker
// once they make a batch, starting the checker with the first. Once d
// has found a problem the read fails, and nothing more is handed over.
func (c *streamCheck) add(d *decoder) {
	n := len(d.forms)
	if n-c.next < checkBatch || len(d.problems) > 0 {
		return
	}
	if c.batches == nil {
		c.batches = make(chan formBatch, 64)
		c.done = make(chan struct{})
		go c.run()
	}
	c.batches <- formBatch{src: *d.src, forms: d.forms[c.next:n:n], start: c.next}
	c.next = n
}

// run checks the batches in order until there are no more.
func (c *streamCheck) run() {
	defer close(c.done)
	defer func() {
		if r := recover(); r != nil {
			// Raised again by finish, on the caller's goroutine, as
			// Validate would raise it; the batches still sent are
			// taken so that the decoder does not wait.
			c.panicked = r
			for range c.batches {
			}
		}
	}()
	// One validator for every batch, so that its maps are made once; its
	// problems and its Source are each batch's own.
	w := &validator{}
	for b := range c.batches {
		if c.drop.Load() {
			continue
		}
		w.src, w.problems, w.errors = &b.src, nil, 0
		r := checkedBatch{start: b.start, ends: make([]int, len(b.forms))}
		for k := range b.forms {
			w.form(&b.forms[k], FormPath(b.start+k))
			r.ends[k] = len(w.problems)
		}
		r.problems = w.problems
		c.results = append(c.results, r)
		if c.each != nil {
			c.each(b.start, b.forms)
		}
	}
}

// abort ends the checker of a read that failed: the batches not begun
// are dropped.
func (c *streamCheck) abort() {
	c.drop.Store(true)
	c.stop()
}

// stop ends the checker, once the decoder is done (or has failed), and
// waits for it. It may be called again.
func (c *streamCheck) stop() {
	if c.batches == nil {
		return
	}
	close(c.batches)
	<-c.done
	c.batches = nil
}

// finish returns Validate's problems of b, read from src, whose first
// forms the checker has checked.
func (c *streamCheck) finish(b *Book, src *Source) Problems {
	c.stop()
	if c.panicked != nil {
		panic(c.panicked)
	}
	v := newValidator(src)
	v.bookStart(b)
	i := 0
	for _, r := range c.results {
		if r.start != i || r.start+len(r.ends) > len(b.Forms) {
			// Cannot happen: the batches are the book's first forms.
			panic(fmt.Sprintf("model: forms %d… checked, form %d expected", r.start, i))
		}
		from := 0
		for k, end := range r.ends {
			for _, p := range r.problems[from:end] {
				v.record(p)
			}
			from = end
			v.formOfBook(b, r.start+k)
		}
		i = r.start + len(r.ends)
	}
	for ; i < len(b.Forms); i++ {
		v.bookForm(b, i)
	}
	v.bookEnd(b)
	return v.problems
}
