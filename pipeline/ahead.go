package pipeline

import (
	"os"
	"reflect"
	"sync"
	"sync/atomic"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
)

// A binder lays its forms out once the book is read and checked. A JSON
// book is read by one goroutine while another checks its forms
// (model.DecodeReaderEach), which leaves a core half idle for the read: 14
// ms of the 170-form binder's 110, 48 of the 1,000-form one's 450. So
// while the book is read, a goroutine of its own lays out, with the
// binder's own layout (binder.FormLayout), the forms the check has handed
// over, and the binder takes those pages for the forms they were made of
// (binder.Options.Laid): the same pages, since a form's layout depends on
// the form and the options alone. A form that has changed since (a
// book-wide value resolve gives it) is laid out again, as is every form
// not reached when the read ends.

// ahead lays out the forms of one input as they are read.
type ahead struct {
	batches chan aheadBatch
	stop    atomic.Bool
	done    chan struct{}
	fonts   func() *fonts.Set
	opt     binder.Options
	set     *fonts.Set // the fonts the forms were laid out with, once run has them
	// Set by the goroutine, read once done is closed (take locks, as the
	// binder's workers call it at once).
	mu    sync.Mutex
	laid  map[int]aheadForm // by the form's index in the book
	pages int
}

// aheadBatch is forms start… of the book, as the check handed them over.
type aheadBatch struct {
	start int
	forms []model.Form
}

// aheadForm is a form as it was laid out, and its pages.
type aheadForm struct {
	form  model.Form
	pages []*layout.Page
}

// aheadMaxBytes is the largest input laid out ahead: a book of about
// 1,000 forms, whose pages the binder keeps (binder.DefaultKeepPages). A
// larger one is laid out again as it is drawn, and the pages laid out
// ahead (aheadMaxPages) would only add to its peak, which the
// 10,000-form book holds under 200 MB.
const aheadMaxBytes = 8 << 20

// aheadMaxPages is the most pages laid out ahead: about 90 forms, more
// than the read leaves time for in a book of a few hundred. Their pages
// are live until the binder takes them, and a collection that finds
// them live lets the heap grow to five times what it found (GOGC=400):
// unbounded, a 1,200-form book, whose binder keeps no page, peaked at 142
// MB instead of 110.
const aheadMaxPages = 160

// aheadTaken counts the forms whose pages the binder took (for tests).
var aheadTaken atomic.Int64

// newAhead returns the layout ahead of srcs for job, or nil when job's
// binder would not take its pages: not a binder of all the forms of one
// input, laid out to be drawn; an input of unknown size or larger than
// aheadMaxBytes; no fonts to be had.
func newAhead(srcs []Source, job *Job) *ahead {
	// Skipped errors leave the binder all the forms when none has one,
	// and laying out ahead is only wasted otherwise (planBinder takes
	// nothing from a book it filters).
	if !job.Binder || len(srcs) != 1 || job.Forms.narrows() || job.SplitByUnit || job.CountOnly {
		return nil
	}
	if size, ok := sourceSize(srcs[0]); !ok || size > aheadMaxBytes {
		return nil
	}
	soon := job.FontsSoon
	if job.Fonts != nil {
		set := job.Fonts
		soon = func() *fonts.Set { return set }
	}
	if soon == nil {
		return nil
	}
	a := &ahead{
		batches: make(chan aheadBatch, 64),
		done:    make(chan struct{}),
		fonts:   soon,
		opt:     binderOptions(job),
		laid:    map[int]aheadForm{},
	}
	go a.run()
	return a
}

// sourceSize is the size of src's content when it is known before it is
// read: a file's, or the blocks' held.
func sourceSize(s Source) (int64, bool) {
	switch {
	case s.R != nil:
		return 0, false
	case s.Data != nil:
		return inMemory(s.Data).size, true
	}
	fi, err := os.Stat(s.Name)
	if err != nil || !fi.Mode().IsRegular() {
		return 0, false
	}
	return fi.Size(), true
}

// add hands over forms start… as the check gives them (on the checker's
// goroutine: it never waits; a batch that finds no room is left to the
// binder).
func (a *ahead) add(start int, forms []model.Form) {
	select {
	case a.batches <- aheadBatch{start, forms}:
	default:
	}
}

// run lays out the forms handed over, until end (or aheadMaxPages).
func (a *ahead) run() {
	defer close(a.done)
	defer func() {
		// A hint: a panic here costs only speed (the binder lays the form
		// out again, under its own guard, and tells what is wrong).
		if r := recover(); r != nil {
			a.laid, a.pages = nil, 0
		}
	}()
	set := a.fonts()
	if set == nil {
		return
	}
	a.set = set
	lay, err := binder.FormLayout(set, a.opt)
	if err != nil {
		return
	}
	for b := range a.batches {
		for k := range b.forms {
			if a.stop.Load() {
				return
			}
			f := b.forms[k] // a copy: what the pages were made of
			pages, err := lay(b.start+k, &f)
			if err != nil {
				continue // the binder tells it
			}
			a.mu.Lock()
			a.laid[b.start+k] = aheadForm{form: f, pages: pages}
			a.pages += len(pages)
			full := a.pages >= aheadMaxPages
			a.mu.Unlock()
			if full {
				return
			}
		}
	}
}

// end stops the layout, once the book is read (and before anything
// changes its forms), and waits for the form being laid out. It may be
// called again.
func (a *ahead) end() {
	if a.stop.Swap(true) {
		return
	}
	close(a.batches)
	<-a.done
}

// finish ends the layout and returns a, or nil when nothing was laid out.
func (a *ahead) finish() *ahead {
	a.end()
	if len(a.laid) == 0 {
		return nil
	}
	return a
}

// release drops the pages a laid out that no binder took (none is
// offered them, or they were made for forms that changed).
func (a *ahead) release() {
	if a == nil {
		return
	}
	a.mu.Lock()
	a.laid = nil
	a.mu.Unlock()
}

// laidFor returns a's take for a binder planned with fonts set and
// options opt, or nil when a laid its forms out with other ones.
func (a *ahead) laidFor(set *fonts.Set, opt binder.Options) func(int, *model.Form) []*layout.Page {
	if a == nil || a.set != set || a.opt.Layout != opt.Layout || a.opt.Duplex != opt.Duplex {
		return nil
	}
	return a.take
}

// take gives the pages of form k laid out ahead, if f is the form they
// were made of (binder.Options.Laid), once.
func (a *ahead) take(k int, f *model.Form) []*layout.Page {
	a.mu.Lock()
	e, ok := a.laid[k]
	delete(a.laid, k)
	a.mu.Unlock()
	if !ok || !reflect.DeepEqual(&e.form, f) {
		return nil
	}
	aheadTaken.Add(1)
	return e.pages
}
