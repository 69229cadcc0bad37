package pipeline

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// The forms left out for their errors are told as numbers, for a front
// end that answers with them (the web server's X-Jixiao-Skipped), the
// same for each form, a binder and the binders of --split-by unit; and
// when none is ready, Plan's error names them likewise.
func TestSkippedNumbers(t *testing.T) {
	inputs := twoUnits(t, []int{2, 5, 9}, 0, 5)
	for _, set := range planKinds {
		job := testJob(t)
		job.SkipErrors = true
		set(job)
		var got [][]int
		job.Events.Warn = func(w error) {
			var sk *Skipped
			require.ErrorAs(t, w, &sk)
			require.Equal(t, msg.FormsNotPrinted, msg.CodeOf(w))
			got = append(got, sk.Forms)
		}
		_, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		require.Equal(t, [][]int{{1, 6}}, got)

		job.Forms.Numbers = []int{6, 1}
		_, err = Plan(context.Background(), inputs, job)
		var sk *Skipped
		require.True(t, Find(err, &sk), "%v", err)
		require.Equal(t, []int{1, 6}, sk.Forms)
		require.Equal(t, "no form can be printed: every one picked has errors", err.Error())
	}
}

// A form number past the forms is told as numbers too, in the words it
// had.
func TestNoSuchForm(t *testing.T) {
	inputs := load(t)
	for _, sel := range []Selection{{Numbers: []int{30, 20}}, {Form: 20, FormGiven: true}} {
		_, err := Select(inputs, sel)
		var ns *NoSuchForm
		require.True(t, Find(err, &ns), "%v", err)
		require.Equal(t, NoSuchForm{Form: 20, Forms: 18}, *ns)
		require.Equal(t, "--form 20: the book has 18 forms", err.Error())
		require.Equal(t, "--form 20：本册只有 18 张表", err.(*Error).In(msg.Chinese))
	}
}

// Job.MaxPages bounds every plan, whatever its kind: each form, one
// form, a binder, the binders of --split-by unit. At the limit all is
// planned; a page past it, each is refused, a single binder with binder's
// own problem; more forms than pages, before any is laid out.
func TestMaxPagesEveryPlan(t *testing.T) {
	inputs := twoUnits(t, []int{2, 5, 9})
	job := testJob(t)
	job.Forms.All = true
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	total := 0
	for _, d := range docs {
		total += d.Frame.Pages
	}
	long := docs[0] // the form of the most pages
	for _, d := range docs {
		if d.Frame.Pages > long.Frame.Pages {
			long = d
		}
	}
	require.Less(t, len(docs), total)
	require.Less(t, 1, long.Frame.Pages)

	kinds := map[string]func(*Job){
		"each":   func(j *Job) { j.Forms.All = true },
		"binder": func(j *Job) { j.Binder = true },
		"split":  func(j *Job) { j.Binder, j.SplitByUnit = true, true },
	}
	for name, set := range kinds {
		plan := func(max int) error {
			job := testJob(t)
			set(job)
			job.MaxPages = max
			laid := 0
			job.Events.Progress = func(int, int) { laid++ }
			_, err := Plan(context.Background(), inputs, job)
			if max < len(docs) {
				require.Zero(t, laid, "%s: laid out before refused", name)
			}
			return err
		}
		require.NoError(t, plan(total), name)
		err := plan(total - 1)
		var tm *TooManyPages
		if name == "binder" {
			var pe *Error
			require.ErrorAs(t, err, &pe, name)
			require.Len(t, pe.Problems(), 1, name)
			require.Equal(t, model.CodeBinderTooManyPages, pe.Problems()[0].Code)
		} else {
			require.True(t, Find(err, &tm), "%s: %v", name, err)
			require.Equal(t, TooManyPages{Forms: 18, Limit: total - 1}, *tm, name)
		}
		err = plan(len(docs) - 1)
		require.True(t, Find(err, &tm), "%s: %v", name, err)
		require.Equal(t, TooManyPages{Forms: 18, Limit: 17}, *tm, name)
		require.Equal(t, BadInput, err.(*Error).Kind)
		require.Equal(t, "these 18 forms would take more than the 17 pages that may be printed at once: print them in several parts", err.Error())
		require.Equal(t, "这 18 张表超过了一次可打印的 17 页，请分几次打印", err.(*Error).In(msg.Chinese))
	}

	// A form alone, past the limit by its own pages.
	job = testJob(t)
	job.Forms = Selection{Form: long.Form, FormGiven: true}
	job.MaxPages = long.Frame.Pages - 1
	_, err = Plan(context.Background(), inputs, job)
	var tm *TooManyPages
	require.True(t, Find(err, &tm), "%v", err)
	require.Equal(t, TooManyPages{Forms: 1, Limit: long.Frame.Pages - 1}, *tm)
	job.MaxPages = long.Frame.Pages
	_, err = Plan(context.Background(), inputs, job)
	require.NoError(t, err)
}

// A binder's year is its first input's whatever forms it keeps: when
// that input has no year of its own (its forms have) and its forms are
// left out, the forms of the others of that year are not strays (they
// were each one, of a binder of no year, and refused with Job.Strict).
func TestBinderYearOfFirstInput(t *testing.T) {
	first := load(t)[0]
	book := *first.Book
	book.Year, book.Forms = 0, append([]model.Form(nil), book.Forms[:2]...)
	for i := range book.Forms {
		book.Forms[i].Project += "（另）"
		first.Problems = append(first.Problems, model.Problem{Severity: model.Error, Code: model.CodeRequiredMissing,
			Path: fmt.Sprintf("forms[%d].year_amount", i), Args: []string{"本年度项目金额"}})
	}
	first.Book = &book
	inputs := append([]Input{first}, load(t)...)
	require.Equal(t, 2024, inputs[1].Book.Year)
	for _, strict := range []bool{false, true} {
		job := binderJob(t)
		job.SkipErrors, job.Strict = true, strict
		var strays int
		job.Events.Problem = func(p model.Problem) {
			if p.Code == model.CodeBinderYearDiffers {
				strays++
			}
		}
		var skipped []int
		job.Events.Warn = func(w error) {
			var sk *Skipped
			require.ErrorAs(t, w, &sk)
			skipped = sk.Forms
		}
		docs, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err, "strict %v", strict)
		require.Zero(t, strays, "strict %v", strict)
		require.Equal(t, []int{1, 2}, skipped)
		require.Equal(t, 2024, docs[0].Frame.Meta.Year)
		require.Equal(t, 18, docs[0].Forms)
	}
	// Forms of another year than the first input's, with its own left out,
	// are strays still.
	other := load(t)[0]
	ob := *other.Book
	ob.Year, ob.Forms = 2025, append([]model.Form(nil), ob.Forms...)
	for i := range ob.Forms {
		ob.Forms[i].Year = 2025
	}
	other.Book = &ob
	job := binderJob(t)
	job.SkipErrors, job.Strict = true, true
	_, err := Plan(context.Background(), []Input{first, other}, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, msg.StrictWarnings, msg.CodeOf(pe.Errs[0]), "%v", err)
}

// A Skipped made outside Plan tells its forms' numbers, in both
// languages, instead of failing.
func TestSkippedMadeElsewhere(t *testing.T) {
	s := &Skipped{Forms: []int{2, 3}}
	require.Equal(t, "not printed, 2 forms with errors: 2, 3", s.In(msg.English))
	require.Contains(t, s.In(msg.Chinese), "2、3")
}

// A book without a year of its own whose first form has none (an error,
// so that form is left out) is of the year of its first form that has
// one, as its cover says: its other forms are not strays of a binder of
// year 0.
func TestBinderYearFirstFormWithout(t *testing.T) {
	in := load(t)[0]
	book := *in.Book
	book.Year, book.Forms = 0, append([]model.Form(nil), book.Forms...)
	book.Forms[0].Year = 0
	in.Problems = append(in.Problems, model.Problem{Severity: model.Error, Code: model.CodeRequiredMissing,
		Path: "forms[0].year", Args: []string{"年度"}})
	in.Book = &book
	job := binderJob(t)
	job.SkipErrors = true
	var strays int
	job.Events.Problem = func(p model.Problem) {
		if p.Code == model.CodeBinderYearDiffers {
			strays++
		}
	}
	docs, err := Plan(context.Background(), []Input{in}, job)
	require.NoError(t, err)
	require.Zero(t, strays)
	require.Equal(t, 2024, docs[0].Frame.Meta.Year)
	require.Empty(t, YearStrays([]Input{in})[0], "the web page's check says the same")
}
