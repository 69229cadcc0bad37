package pipeline

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/msg"
)

// twoUnits is the example book with the forms at idx moved to unit "B",
// each of those at bad with an error.
func twoUnits(t *testing.T, idx []int, bad ...int) []Input {
	t.Helper()
	inputs := load(t)
	in := &inputs[0]
	book := *in.Book
	book.Forms = append([]model.Form(nil), book.Forms...)
	in.Book = &book
	for _, i := range idx {
		book.Forms[i].Unit = "B"
	}
	for _, i := range bad {
		in.Problems = append(in.Problems, model.Problem{Severity: model.Error, Code: model.CodeRequiredMissing,
			Path: fmt.Sprintf("forms[%d].year_amount", i), Args: []string{"本年度项目金额"}})
	}
	return inputs
}

// warnings returns the codes of the warnings job's plan gives, and their
// English texts.
func warnings(job *Job) (*[]msg.Code, *[]string) {
	var codes []msg.Code
	var texts []string
	job.Events.Warn = func(w error) {
		var m *msg.Error
		if errors.As(w, &m) {
			codes = append(codes, m.Code)
		}
		texts = append(texts, w.Error())
	}
	return &codes, &texts
}

// A split binder prints the units that are ready: a unit whose forms all
// have errors is left out, named in a warning with its forms, and the
// others are planned (issue 19: print what is ready). No unit ready: as
// for one binder, NoFormReady.
func TestSplitBinderLeavesOutUnit(t *testing.T) {
	inputs := twoUnits(t, []int{2, 5, 9}, 0, 2, 5, 9)
	job := binderJob(t)
	job.SplitByUnit, job.SkipErrors = true, true
	codes, texts := warnings(job)
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	require.Equal(t, "江阴市人力资源和社会保障局（机关）", docs[0].Name)
	require.Equal(t, 14, docs[0].Forms)
	require.Equal(t, []msg.Code{msg.FormsNotPrinted, msg.UnitsNotPrinted}, *codes)
	require.Contains(t, (*texts)[0], "not printed, 4 forms with errors: 1 ")
	require.Contains(t, (*texts)[1], "“B”")

	// A unit of which one form is ready is printed with it.
	inputs = twoUnits(t, []int{2, 5, 9}, 2, 5)
	codes, _ = warnings(job)
	docs, err = Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	require.Equal(t, []int{15, 1}, []int{docs[0].Forms, docs[1].Forms})
	require.Equal(t, []msg.Code{msg.FormsNotPrinted}, *codes)

	// Nothing ready.
	bad := make([]int, 18)
	for i := range bad {
		bad[i] = i
	}
	inputs = twoUnits(t, []int{2, 5, 9}, bad...)
	_, err = Plan(context.Background(), inputs, job)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	require.Equal(t, BadInput, pe.Kind)
	require.Equal(t, "no form can be printed: every one picked has errors", pe.Error())
}

// --unit with --split-by unit binds that unit alone: the other units,
// having no form picked, are no binders (not an error).
func TestSplitBinderOfOneUnit(t *testing.T) {
	inputs := twoUnits(t, []int{2, 5, 9})
	job := binderJob(t)
	job.SplitByUnit, job.SkipErrors = true, true
	job.Forms.Unit = "B"
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	require.Equal(t, "B", docs[0].Name)
	require.Equal(t, 3, docs[0].Forms)
}

// planKinds set a job to each plan that leaves forms out: a document a
// form, a binder, the binders of --split-by unit.
var planKinds = []func(*Job){
	func(j *Job) { j.Forms.All = true },
	func(j *Job) { j.Binder = true },
	func(j *Job) { j.Binder, j.SplitByUnit = true, true },
}

// The forms left out for their errors are named by one warning, the same
// for each form, a binder and the binders of --split-by unit.
func TestLeftOutOneWarning(t *testing.T) {
	inputs := twoUnits(t, []int{2, 5, 9}, 0, 5)
	var got []string
	for _, set := range planKinds {
		job := testJob(t)
		job.SkipErrors = true
		set(job)
		_, texts := warnings(job)
		_, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		require.Len(t, *texts, 1)
		got = append(got, (*texts)[0])
	}
	require.Equal(t, "not printed, 2 forms with errors: 1 企业退休人员体检费 (../examples/jiangyin-2024.json), 6 原市属企业老工伤退休人员工伤医疗费 (../examples/jiangyin-2024.json)", got[0])
	require.Equal(t, []string{got[0], got[0]}, got[1:])
}

// The binders of --split-by unit are named by FileNames alone: forms of
// no unit (which Plan, unlike Load, lets through) are "binder", and a unit
// named "binder" before them keeps that name, so that the two never write
// one file.
func TestSplitBinderNamedBinder(t *testing.T) {
	inputs := load(t)
	book := *inputs[0].Book
	book.Forms = append([]model.Form(nil), book.Forms[:4]...)
	inputs[0].Book = &book
	book.Forms[0].Unit, book.Forms[1].Unit = "binder", "binder"
	book.Forms[2].Unit, book.Forms[3].Unit = "", ""
	job := binderJob(t)
	job.SplitByUnit = true
	docs, err := Plan(context.Background(), inputs, job)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	require.Equal(t, []string{"binder", "binder-2"}, []string{docs[0].Name, docs[1].Name})
	require.Equal(t, []int{2, 2}, []int{docs[0].Forms, docs[1].Forms})
}

// The binders of --split-by unit are all planned before the first is
// drawn: the pages they keep from planning share one budget, so that
// splitting a book into many units keeps no more than one binder would.
func TestSplitBindersShareKeepBudget(t *testing.T) {
	inputs := twoUnits(t, []int{1, 3, 5, 7, 9, 11, 13, 15, 17})
	for _, c := range []struct {
		budget int
		want   []int // pages kept by each unit's binder
	}{
		{1000, []int{-1, -1}}, // each keeps all its pages
		{20, []int{-1, 0}},    // the first unit's 17 pages leave 3: too few for 9 forms
		{5, []int{0, 0}},
	} {
		defer func(b int) { keepBudget = b }(keepBudget)
		keepBudget = c.budget
		job := binderJob(t)
		job.SplitByUnit = true
		docs, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err)
		require.Len(t, docs, 2)
		total := 0
		for k, d := range docs {
			pages := 0
			for _, f := range d.binder.Forms {
				pages += f.Pages
			}
			want := c.want[k]
			if want < 0 {
				want = pages
			}
			require.Equal(t, want, d.binder.KeptPages(), "budget %d, binder %s", c.budget, d.Name)
			total += d.binder.KeptPages()
		}
		require.LessOrEqual(t, total, c.budget)
	}
}
