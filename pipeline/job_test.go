package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/msg"
	"jixiao/render"
)

// Job.Set reads every option from its text, as the flags and the query
// give it; a value it cannot use is an OptionError naming the option.
func TestJobSet(t *testing.T) {
	job := NewJob(nil)
	values := map[string]string{"paper": "A3-landscape", "signature": "1", "duplex": "true", "fit": "off",
		"draft": "yes", "strict": "on", "allow-missing": "1", "date": " 2025-03-01 ", "group-by": "unit",
		"split-by": "unit", "form": "4", "project": "体检费"}
	require.NoError(t, job.SetFrom(func(name string) (string, bool) { v, ok := values[name]; return v, ok }))
	w, h, _ := layout.PaperSize("A3-landscape")
	require.Equal(t, []layout.Length{w, h}, []layout.Length{job.Layout.Width, job.Layout.Height})
	require.True(t, job.Layout.Signature && job.Layout.Mirror && !job.Layout.Fit)
	require.True(t, job.Strict && job.AllowMissing && job.GroupByUnit && job.SplitByUnit)
	require.Equal(t, render.DraftWatermark, job.Watermark)
	require.Equal(t, "2025-03-01", job.Date)
	require.Equal(t, Selection{Form: 4, FormGiven: true, Project: "体检费", FormText: "4"}, job.Forms)

	// A watermark's text wins over draft, in whichever order given.
	values = map[string]string{"watermark": "  送审  稿 ", "draft": "1"}
	job = NewJob(nil)
	require.NoError(t, job.SetFrom(func(name string) (string, bool) { v, ok := values[name]; return v, ok }))
	require.Equal(t, "送审 稿", job.Watermark)
	// Tabs and line breaks are white space; another control character is
	// refused as one, not told later as a character the fonts lack.
	require.NoError(t, job.Set("watermark", "送审\t稿\n"))
	require.Equal(t, "送审 稿", job.Watermark)
	var me *msg.Error
	require.ErrorAs(t, job.Set("watermark", "草稿\x1b"), &me)
	require.Equal(t, msg.WatermarkControl, me.Code)
	require.Equal(t, "送审 稿", job.Watermark, "a refused value changes nothing")

	// The kind of value wanted, when the refusal is told by it (Want).
	for name, v := range map[string]string{"paper": "B5", "fit": "maybe", "signature": "2", "date": "2025-02-30",
		"group-by": "department", "split-by": "x", "form": "one", "duplex": "x", "draft": "x", "strict": "x",
		"allow-missing": "x", "attach-data": "x"} {
		err := NewJob(nil).Set(name, v)
		var oe *OptionError
		require.ErrorAs(t, err, &oe, name)
		require.Equal(t, name, oe.Option)
		require.Equal(t, v, oe.Value)
		var me *msg.Error
		require.ErrorAs(t, err, &me, name) // told by the catalogue
		want := map[string]msg.Code{"signature": msg.WantBool, "duplex": msg.WantBool, "draft": msg.WantBool,
			"strict": msg.WantBool, "allow-missing": msg.WantBool, "attach-data": msg.WantBool, "form": msg.WantFormList}[name]
		require.Equal(t, want, oe.Want, name)
		if want != "" {
			require.Equal(t, msg.FlagBadValueWant, me.Code, name)
		}
	}
}

// A cancelled context stops Plan before the forms, and a backend between
// pages: nothing is written.
func TestCancel(t *testing.T) {
	inputs := load(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, binder := range []bool{false, true} {
		job := testJob(t)
		job.Binder, job.Forms.All = binder, true
		_, err := Plan(ctx, inputs, job)
		require.ErrorIs(t, err, context.Canceled)

		docs, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		d := docs[0]
		ctx, cancel := context.WithCancel(context.Background())
		read := 0
		pages := d.pages
		d.pages = func(c context.Context, yield func(int, *layout.Page) error) error {
			return pages(c, func(i int, p *layout.Page) error {
				read++
				if i == 0 {
					cancel() // while the first page is drawn
				}
				return yield(i, p)
			})
		}
		w := &countWriter{}
		err = PDF{Job: job}.Write(ctx, w, d)
		require.ErrorIs(t, err, context.Canceled)
		require.Equal(t, 1, read, "binder %v: pages read after the cancellation", binder)
		require.Zero(t, w.n)
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// A selection names one form of all the inputs, or all of them.
func TestSelect(t *testing.T) {
	inputs := append(load(t), load(t)...)
	refs, err := Select(inputs, Selection{Form: 20, FormGiven: true})
	require.NoError(t, err)
	require.Equal(t, []FormRef{{Input: 1, Index: 1, N: 20}}, refs)
	refs, err = Select(inputs, Selection{All: true})
	require.NoError(t, err)
	require.Len(t, refs, 36)
	for _, sel := range []Selection{{Form: 0, FormGiven: true}, {Form: 37, FormGiven: true}, {Project: "体检"}, {}} {
		_, err := Select(inputs, sel)
		var pe *Error
		require.True(t, errors.As(err, &pe) && pe.Kind == BadUsage, "%+v: %v", sel, err)
	}
}

func TestParseNumbers(t *testing.T) {
	for in, want := range map[string][]int{"3": {3}, "1,3-5": {1, 3, 4, 5}, "5，1、2 - 3": {5, 1, 2, 3}, "2,2,1-2": {2, 1}} {
		got, ok := ParseNumbers(in)
		if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "0", "1,", "3-1", "a", "1-x", "-2"} {
		if got, ok := ParseNumbers(in); ok {
			t.Errorf("%q read as %v", in, got)
		}
	}
}

// CheckWatermark tells a watermark no font draws as an option refused,
// naming its characters each once (the web server's query: told once, as
// the request's, not with every form); nothing when the fonts draw it, or
// when its boxes are allowed, unless strict makes them errors.
func TestCheckWatermark(t *testing.T) {
	job := testJob(t)
	require.NoError(t, job.CheckWatermark(), "no watermark")
	require.NoError(t, job.Set("watermark", "送审稿"))
	require.NoError(t, job.CheckWatermark())
	require.NoError(t, job.Set("watermark", "送\ue000审\ue001\ue000"))
	err := job.CheckWatermark()
	var oe *OptionError
	require.ErrorAs(t, err, &oe)
	require.Equal(t, "watermark", oe.Option)
	require.Equal(t, "送\ue000审\ue001\ue000", oe.Value)
	require.Equal(t, msg.WantFontChars, oe.Want)
	require.Equal(t, []rune{0xe000, 0xe001}, oe.Chars)
	// In the command line's words, as Plan tells it.
	require.Equal(t, "no font has --watermark: U+E000 '\\ue000'\nno font has --watermark: U+E001 '\\ue001'\n"+
		"2 characters cannot be drawn: add a font with --font-fallback, or draw boxes with --allow-missing",
		msg.Describe(msg.English, err))

	require.NoError(t, job.Set("allow-missing", "1"))
	require.NoError(t, job.CheckWatermark(), "drawn as boxes")
	require.NoError(t, job.Set("strict", "1"))
	require.ErrorAs(t, job.CheckWatermark(), &oe, "boxes are errors with strict")
	require.Equal(t, []rune{0xe000, 0xe001}, oe.Chars)

	// A control character is refused by Set, named.
	err = job.Set("watermark", "草稿\x1b")
	require.ErrorAs(t, err, &oe)
	require.Equal(t, []rune{0x1b}, oe.Chars)
	require.Empty(t, oe.Want)
}

// A value that cannot go with an option set before names that option
// (OptionError.With), for a front end that tells the two apart.
func TestOptionWith(t *testing.T) {
	for _, c := range []struct {
		set        [][2]string
		option     string
		with, code string
	}{
		{[][2]string{{"pdfa", "4z"}}, "pdfa", "", string(msg.PDFABad)},
		{[][2]string{{"pdfa", "1b"}, {"attach-data", "1"}}, "attach-data", "pdfa", string(msg.AttachNeedsPDFA3)},
		{[][2]string{{"attach-data", "1"}, {"pdfa", "1b"}}, "pdfa", "attach-data", string(msg.AttachNeedsPDFA3)},
		{[][2]string{{"format", "ofd"}, {"pdfa", "2b"}}, "pdfa", "format", string(msg.PDFANotOFD)},
		{[][2]string{{"format", "ofd"}, {"attach-data", "1"}}, "attach-data", "format", string(msg.PDFANotOFD)},
	} {
		job := NewJob(nil)
		var err error
		for _, nv := range c.set {
			if err = job.Set(nv[0], nv[1]); err != nil {
				break
			}
		}
		var oe *OptionError
		require.ErrorAs(t, err, &oe, "%v", c.set)
		require.Equal(t, c.option, oe.Option, "%v", c.set)
		require.Equal(t, c.with, oe.With, "%v", c.set)
		var me *msg.Error
		require.ErrorAs(t, err, &me)
		require.Equal(t, c.code, string(me.Code), "%v", c.set)
	}
}
