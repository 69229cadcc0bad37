package pipeline

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/model"
)

// countLayouts counts the forms laid out while the test runs.
func countLayouts(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	orig := layoutForm
	layoutForm = func(f *model.Form, m layout.Measurer, o layout.Options) (*layout.Document, error) {
		n.Add(1)
		return orig(f, m, o)
	}
	t.Cleanup(func() { layoutForm = orig })
	return &n
}

// eachInputs is the example, and a copy of it (named apart) where form 3
// lacks a character, form 6 cannot be laid out (a 一级 taller than a page)
// and form 10 lacks two, one in two fields.
func eachInputs(t *testing.T) []Input {
	t.Helper()
	book, err := model.ReadFile(example)
	require.NoError(t, err)
	for i := range book.Forms {
		f := &book.Forms[i]
		f.Project += "（另）"
		switch i {
		case 2:
			f.Project += "\ue000"
		case 5:
			f.Indicators[0].Level1 = strings.Repeat("长", 400)
		case 9:
			f.Project += "\ue001"
			f.Overview += "\ue001\ue002"
		}
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	other, err := Read(Source{Name: "other.json", R: bytes.NewReader(buf.Bytes())})
	require.NoError(t, err)
	return append(load(t), other)
}

// told is what PlanEach tells of a form, or Plan of it alone.
type told struct {
	n, pages int
	err      string
	warns    []string
}

// TestPlanEach: PlanEach tells each form as Plan tells it alone (its
// pages, or its error, and the warnings of it), laying each out once;
// the page limit is the sum of the pages of the forms that plan.
func TestPlanEach(t *testing.T) {
	inputs := eachInputs(t)
	for _, allow := range []bool{false, true} {
		job := testJob(t)
		job.AllowMissing = allow
		var warns []string
		job.Events.Warn = func(w error) { warns = append(warns, w.Error()) }
		layouts := countLayouts(t)

		// Each form alone, as the check planned them before.
		var want []told
		for n := 1; n <= 36; n++ {
			one := *job
			one.Forms = Selection{Form: n, FormGiven: true}
			warns = nil
			docs, err := Plan(context.Background(), inputs, &one)
			w := told{n: n, warns: warns}
			if err != nil {
				w.err = err.Error()
			} else {
				w.pages = docs[0].Frame.Pages
			}
			want = append(want, w)
		}
		if !allow {
			var failed []int
			for _, w := range want {
				if w.err != "" {
					failed = append(failed, w.n)
				}
			}
			require.Equal(t, []int{21, 24, 28}, failed)
		}

		layouts.Store(0)
		warns = nil
		var got []told
		all := *job
		all.Forms = Selection{All: true}
		err := PlanEach(context.Background(), inputs, &all, func(r FormRef, d *Doc, err error) error {
			g := told{n: r.N, warns: warns}
			warns = nil
			if err != nil {
				g.err = err.Error()
			} else {
				g.pages = d.Frame.Pages
			}
			got = append(got, g)
			return nil
		})
		require.NoError(t, err)
		require.Equal(t, want, got, "allow missing: %v", allow)
		require.EqualValues(t, 36, layouts.Load(), "each form laid out once")
	}
}

// TestPlanEachPageLimit: the forms that plan count their pages, those
// that fail none; past Job.MaxPages PlanEach stops, before it tells the
// form that passes it, with TooManyPages; more forms than pages are
// refused before any is laid out.
func TestPlanEachPageLimit(t *testing.T) {
	inputs := eachInputs(t)
	job := testJob(t)
	job.Forms.All = true
	var pages []int // of each form, 0 for one that fails
	require.NoError(t, PlanEach(context.Background(), inputs, job, func(_ FormRef, d *Doc, err error) error {
		if err != nil {
			pages = append(pages, 0)
		} else {
			pages = append(pages, d.Frame.Pages)
		}
		return nil
	}))
	sum := 0
	for _, p := range pages {
		sum += p
	}
	run := func(limit int) (told int, err error) {
		j := *job
		j.MaxPages = limit
		err = PlanEach(context.Background(), inputs, &j, func(FormRef, *Doc, error) error {
			told++
			return nil
		})
		return told, err
	}
	n, err := run(sum)
	require.NoError(t, err)
	require.Equal(t, 36, n)
	n, err = run(sum - 1)
	var tm *TooManyPages
	require.True(t, Find(err, &tm), "%v", err)
	require.Equal(t, TooManyPages{Forms: 36, Limit: sum - 1}, *tm)
	require.Equal(t, 35, n, "the last form passes the limit")
	layouts := countLayouts(t)
	n, err = run(35)
	require.True(t, Find(err, &tm), "%v", err)
	require.Equal(t, TooManyPages{Forms: 36, Limit: 35}, *tm)
	require.Zero(t, n)
	require.Zero(t, layouts.Load())
}

// Once ctx is done, PlanEach lays out no more forms: none when it is
// done before, and none past the few in hand when it is done after the
// second form is told.
func TestPlanEachCancelled(t *testing.T) {
	inputs := eachInputs(t)
	job := testJob(t)
	job.Forms.All = true
	job.Workers = 2
	layouts := countLayouts(t)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	err := PlanEach(done, inputs, job, func(FormRef, *Doc, error) error { return nil })
	require.ErrorIs(t, err, context.Canceled)
	require.Zero(t, layouts.Load(), "forms laid out after the cancel")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	told := 0
	err = PlanEach(ctx, inputs, job, func(FormRef, *Doc, error) error {
		if told++; told == 2 {
			cancel()
		}
		return nil
	})
	require.ErrorIs(t, err, context.Canceled)
	// Two told, and at most the window of 4 per worker ahead of them.
	require.LessOrEqual(t, layouts.Load(), int64(2+4*job.Workers))
}
