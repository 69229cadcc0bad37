package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/model"
	"jixiao/msg"
)

// withEncoder makes encodeJSON count its calls, and fail with fail when
// it is not nil, until the test ends.
// The writers of WriteEach encode at once: the count is atomic.
func withEncoder(t *testing.T, fail error) *atomic.Int64 {
	t.Helper()
	calls := new(atomic.Int64)
	t.Cleanup(func() { encodeJSON = model.EncodeJSON })
	encodeJSON = func(w io.Writer, b *model.Book) error {
		calls.Add(1)
		if fail != nil {
			return fail
		}
		return model.EncodeJSON(w, b)
	}
	return calls
}

// TestAttachDataEncodedAsWritten: the data attached with AttachData is
// encoded as each document is written, once, not while the documents
// are planned (the JSON of 10,000 forms was held from planning to
// writing), and is the document's forms as jixiao writes them.
func TestAttachDataEncodedAsWritten(t *testing.T) {
	inputs := load(t)
	for _, job := range []*Job{testJob(t), binderJob(t)} {
		job.AttachData = true
		job.Forms.All = true
		calls := withEncoder(t, nil)
		docs, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		require.Zero(t, calls.Load(), "encoded while planning")
		for _, d := range docs {
			data, err := d.Data()
			require.NoError(t, err)
			var want bytes.Buffer
			book := inputs[0].Book
			if !job.Binder {
				f := book.Forms[d.Form-1]
				book = &model.Book{Year: f.Year, Forms: []model.Form{f}}
			}
			require.NoError(t, model.EncodeJSON(&want, book))
			require.Equal(t, want.String(), string(data), "document %s", d.Name)
		}
		calls.Store(0)
		require.NoError(t, WriteEach(context.Background(), docs, PDF{Job: job}, func(*Doc, []byte) error { return nil }, nil))
		require.Equal(t, int64(len(docs)), calls.Load(), "one encoding a document, as it is written")
	}
	// Without AttachData there is nothing to encode.
	job := testJob(t)
	job.Forms.All = true
	calls := withEncoder(t, nil)
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	data, err := docs[0].Data()
	require.NoError(t, err)
	require.Nil(t, data)
	require.NoError(t, PDF{Job: job}.Write(context.Background(), io.Discard, docs[0]))
	require.Zero(t, calls.Load())
}

// TestAttachDataEncodeFails: a failure to encode the data, now found as
// the document is written, writes nothing and is told as it was when it
// was found while planning: not as a form that cannot be drawn.
func TestAttachDataEncodeFails(t *testing.T) {
	inputs := load(t)
	bad := errors.New("model: encode: a fault")
	for _, job := range []*Job{testJob(t), binderJob(t)} {
		job.AttachData = true
		job.Forms.All = true
		withEncoder(t, bad)
		docs, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		var out bytes.Buffer
		err = PDF{Job: job}.Write(context.Background(), &out, docs[0])
		require.ErrorIs(t, err, bad)
		require.Zero(t, out.Len(), "nothing written")
		wrote := 0
		err = WriteEach(context.Background(), docs, PDF{Job: job}, func(*Doc, []byte) error { wrote++; return nil }, nil)
		require.ErrorIs(t, err, bad)
		require.Zero(t, wrote)
		for _, l := range []msg.Lang{msg.English, msg.Chinese} {
			require.Equal(t, msg.Describe(l, bad), msg.Describe(l, err))
		}
		require.Empty(t, msg.CodeOf(err))
	}
}

// TestAttachDataNotHeld: the documents planned with AttachData hold no
// more memory than without it (the 18 forms' JSON, some 130 kB, was
// encoded while planning and held until each document was written).
func TestAttachDataNotHeld(t *testing.T) {
	inputs := load(t)
	held := func(attach bool) int64 {
		job := testJob(t)
		job.AttachData = attach
		job.Forms.All = true
		_, n := planHeld(t, inputs, job)
		return n
	}
	held(false) // what is made once (caches) is made here
	plain, attached := held(false), held(true)
	// Some 150 kB more when the JSON was held; the same (± 20 kB) since.
	require.Less(t, attached-plain, int64(64<<10), "held %d bytes without the data, %d with it", plain, attached)
}

// planHeld plans job's documents of inputs and returns them with the heap
// they hold once planned (after a collection, against one before).
func planHeld(t *testing.T, inputs []Input, job *Job) ([]*Doc, int64) {
	t.Helper()
	var before, after runtime.MemStats
	// Twice: what sync.Pools keep (a layout's scratch, as many as the
	// workers happened to use) outlives one collection.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(docs)
	return docs, int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// With CountOnly the documents planned, each form's or a binder's, hold
// their page counts, not the pages laid out to count them; their pages
// are still read, laid out again, the same.
func TestCountOnlyHoldsNoPages(t *testing.T) {
	inputs := load(t)
	for _, binder := range []bool{false, true} {
		plan := func(count bool) ([]*Doc, int64) {
			job := testJob(t)
			job.Forms.All, job.Binder = !binder, binder
			job.CountOnly = count
			return planHeld(t, inputs, job)
		}
		plan(false) // what is made once (caches) is made here
		kept, keptHeld := plan(false)
		counted, countHeld := plan(true)
		require.Less(t, 4*countHeld, keptHeld, "binder %v: held %d bytes counting, %d keeping the pages", binder, countHeld, keptHeld)
		require.Len(t, counted, len(kept))
		for k := range kept {
			require.Equal(t, kept[k].Frame.Pages, counted[k].Frame.Pages)
			n := 0
			require.NoError(t, counted[k].Pages(context.Background())(func(int, *layout.Page) error { n++; return nil }))
			require.Equal(t, kept[k].Frame.Pages, n)
		}
	}
}
