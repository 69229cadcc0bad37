package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/internal/editdist"
	"jixiao/internal/workpool"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/msg"
)

// Doc is one document a job makes, laid out and checked: a form, or a
// binder. A backend writes it (Backend); its pages are made as they are
// read, so that a binder of 10,000 forms is never in memory at once.
type Doc struct {
	// Name is the document's file name without its extension, unique
	// among the documents of one Plan (see FileNames): the project's name
	// for a form, the unit's for a binder of one unit, "binder" else.
	Name string
	// Form is the number of the form (from 1, over the forms of all the
	// inputs) of a form's document; 0 for a binder.
	Form int
	// Forms is the number of forms the document holds.
	Forms int
	// Frame is what the document carries besides its pages: their
	// number, the bookmarks, the page labels, the metadata.
	Frame layout.Frame
	// Date is the date written into the document (Job.PDFDate).
	Date time.Time
	// data returns, with Job.AttachData, the book of the document's forms
	// that its PDF carries as JSON; nil else. It is encoded as the
	// document is written (Data), not when it is planned: the JSON of
	// 10,000 forms' documents held from planning to writing was some 70 MB.
	// A form's book is made then too, of the form its pages are laid out
	// from.
	data func() *model.Book

	pages  func(ctx context.Context, yield func(int, *layout.Page) error) error
	binder *binder.Binder // of a binder: where its forms stand
}

// Pages reads the document's pages once, in order, each with its index;
// it stops with ctx's error, between pages, once ctx is done. A binder's
// footers are checked against the fonts as they are read.
func (d *Doc) Pages(ctx context.Context) layout.PageSeq {
	return func(yield func(int, *layout.Page) error) error {
		return d.pages(ctx, func(i int, p *layout.Page) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return yield(i, p)
		})
	}
}

// Page is the document of page i of d alone (a preview of one page).
func (d *Doc) Page(i int) *Doc {
	one := &Doc{Name: d.Name, Form: d.Form, Forms: d.Forms, Date: d.Date,
		Frame: layout.Frame{Pages: 1, Meta: d.Frame.Meta}}
	one.pages = func(ctx context.Context, yield func(int, *layout.Page) error) error {
		var page *layout.Page
		err := d.pages(ctx, func(k int, p *layout.Page) error {
			if k == i {
				page = p
				return errFound
			}
			return ctx.Err()
		})
		if err != nil && !errors.Is(err, errFound) {
			return err
		}
		if page == nil {
			return errors.New("pipeline: Doc.Page: no such page")
		}
		return yield(0, page)
	}
	return one
}

// errFound stops the reading of a document's pages once the page sought is found.
var errFound = errors.New("pipeline: found")

// Plan checks and lays out what job asks of the inputs and returns the
// documents to write, in order: with Job.Binder one binder (with
// SplitByUnit one per 单位名称 of the forms picked, planBinders), else a document per form that
// Job.Forms selects. Every form is laid out and every character checked
// against the fonts (in the fields first, then in the texts layout adds)
// before Plan returns: whatever it refuses leaves no output behind. A form
// that cannot be laid out is a BadInput error, a selection that names no
// form a BadUsage error. It stops with ctx's error within a form of ctx
// being done.
func Plan(ctx context.Context, inputs []Input, job *Job) ([]*Doc, error) {
	if job.Fonts == nil {
		return nil, errors.New("pipeline: Plan needs fonts")
	}
	if job.Binder {
		return planBinders(ctx, inputs, job)
	}
	refs, err := Select(inputs, job.Forms)
	if err != nil {
		return nil, err
	}
	if job.SkipErrors {
		if refs, err = readyForms(inputs, refs, job); err != nil {
			return nil, err
		}
	}
	if err := job.PageLimit(len(refs), len(refs)); err != nil {
		return nil, err // a form takes a page at least
	}
	if len(refs) <= prefetchForms && job.Fonts.Body != nil {
		// The body font's glyphs for these forms are read on another core
		// while they are laid out and drawn (fonts.Font.Prefetch).
		go func() {
			// A hint: a panic while reading ahead costs only speed (the
			// subset cut later reads the same glyphs under render's guard,
			// which tells what is wrong), and must not end the program.
			defer func() { _ = recover() }()
			job.Fonts.Body.Prefetch(formTexts(ctx, inputs, refs))
		}()
	}
	return planForms(ctx, inputs, refs, job)
}

// prefetchForms is the most forms whose glyphs Plan reads ahead: the
// first document of a process pays for reading the glyphs it draws, the
// next ones find most of them read.
const prefetchForms = 4

// formTexts yields the texts of the forms refs, until ctx is done.
func formTexts(ctx context.Context, inputs []Input, refs []FormRef) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, r := range refs {
			ok := true
			inputs[r.Input].Book.Forms[r.Index].EachText(func(_ string, _ int, text string, _ bool) {
				ok = ok && ctx.Err() == nil && yield(text)
			})
			if !ok {
				return
			}
		}
	}
}

// PlanEach plans each form job.Forms selects as Plan plans it alone (its
// number the selection, without Job.MaxPages or Job.SkipErrors), and
// calls each, in order, with the form and the document Plan makes of it or
// Plan's error: what a front end tells of every form, each with its own
// problems (the web page's check). Each form is laid out once, on every
// CPU (Job.Workers), a window of a few ahead of the one told, so that one
// form that fails costs no plan of the others again.
//
// Job.MaxPages bounds the forms' pages together, as Plan's, the forms
// that fail counting none: more forms than pages are refused before any
// is laid out (TooManyPages), and past the limit PlanEach stops with
// TooManyPages before it tells the form that passes it. It stops with
// each's error, with ctx's error within a form of ctx being done, and
// with Select's error when the selection names no form. Events.Warn
// receives a form's warnings (characters drawn as boxes) before each
// receives the form; Job.Binder is not read.
func PlanEach(ctx context.Context, inputs []Input, job *Job, each func(r FormRef, d *Doc, err error) error) error {
	if job.Fonts == nil {
		return errors.New("pipeline: PlanEach needs fonts")
	}
	refs, err := Select(inputs, job.Forms)
	if err != nil {
		return err
	}
	if err := job.PageLimit(len(refs), len(refs)); err != nil {
		return err // a form takes a page at least
	}
	defer job.Events.step(msg.StepLayOut, time.Now())
	alone := *job
	alone.MaxPages, alone.SkipErrors = 0, false
	alone.Events = Events{}
	type result struct {
		doc   *Doc
		err   error
		warns []error
	}
	plan := func(k int) (result, error) {
		if err := ctx.Err(); err != nil {
			return result{}, err // no more layouts once ctx is done
		}
		var r result
		one := alone
		if job.Events.Warn != nil {
			one.Events.Warn = func(w error) { r.warns = append(r.warns, w) }
		}
		docs, err := planForms(ctx, inputs, refs[k:k+1], &one)
		if err == nil {
			r.doc = docs[0]
		}
		r.err = err
		return r, nil // the form's failure is told, not the pool's
	}
	workers := job.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	pages := 0
	return workpool.Ordered(len(refs), workers, 4*workers, plan, func(k int, r result) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, w := range r.warns {
			job.Events.Warn(w)
		}
		if r.err == nil {
			pages += r.doc.Frame.Pages
			if err := job.PageLimit(len(refs), pages); err != nil {
				return err
			}
		}
		return each(refs[k], r.doc, r.err)
	})
}

// FormRef is one form of the inputs: Book.Forms[Index] of inputs[Input],
// numbered N (from 1) over the forms of all the inputs.
type FormRef struct {
	Input, Index, N int
}

// Select returns the forms sel picks from the inputs. A number out of
// range, a project that no form or several forms have, no selection of
// inputs of several forms without All: a BadUsage error; inputs without
// forms a BadInput error.
func Select(inputs []Input, sel Selection) ([]FormRef, error) {
	var all []FormRef
	for k, in := range inputs {
		for i := range in.Book.Forms {
			all = append(all, FormRef{Input: k, Index: i, N: len(all) + 1})
		}
	}
	n := len(all)
	form := func(r FormRef) *model.Form { return &inputs[r.Input].Book.Forms[r.Index] }
	// numbersOf is the numbers of the forms of all whose field of get is
	// name: a filter that picks none among the others picks those alone.
	whole := all
	numbersOf := func(get func(*model.Form) string, name string) []string {
		var nums []string
		for _, r := range whole {
			if get(form(r)) == name {
				nums = append(nums, strconv.Itoa(r.N))
			}
		}
		return nums
	}
	if n > 0 && (len(sel.Numbers) > 0 || sel.Unit != "") {
		picked := all
		if len(sel.Numbers) > 0 {
			nums := append([]int(nil), sel.Numbers...)
			sort.Ints(nums)
			picked = nil
			for _, k := range nums {
				if k > n {
					return nil, usageError(&NoSuchForm{Form: k, Forms: n, Given: sel.FormText})
				}
				picked = append(picked, all[k-1])
			}
		}
		if sel.Unit != "" {
			var kept []FormRef
			for _, r := range picked {
				if form(r).Unit == sel.Unit {
					kept = append(kept, r)
				}
			}
			if len(kept) == 0 {
				if nums := numbersOf(func(f *model.Form) string { return f.Unit }, sel.Unit); len(nums) > 0 {
					return nil, usageError(msg.New(msg.UnitNotPicked, sel.Unit, msg.Raw(sel.flags(false)), msg.Plain(nums...)))
				}
				return nil, usageError(msg.New(msg.UnitNotFound, sel.Unit))
			}
			picked = kept
		}
		if sel.Project == "" {
			return picked, nil
		}
		all, n = picked, len(picked)
	}
	switch {
	case n == 0:
		return nil, inputError(msg.New(msg.BookNoForms))
	case sel.FormGiven:
		switch {
		case sel.Form < 1:
			return nil, usageError(msg.New(msg.FormCountsFrom1, sel.Form, msg.Count{N: n, Unit: msg.UnitForm}))
		case sel.Form > n:
			return nil, usageError(&NoSuchForm{Form: sel.Form, Forms: n})
		}
		return all[sel.Form-1 : sel.Form], nil
	case sel.Project != "":
		var hits []FormRef
		names := make([]string, n)
		for k, r := range all {
			names[k] = form(r).Project
			if names[k] == sel.Project {
				hits = append(hits, r)
			}
		}
		switch len(hits) {
		case 0:
			if nums := numbersOf(func(f *model.Form) string { return f.Project }, sel.Project); len(nums) > 0 && len(whole) > n {
				return nil, usageError(msg.New(msg.ProjectNotPicked, sel.Project, msg.Raw(sel.flags(true)), msg.Plain(nums...)))
			}
			errs := []error{msg.New(msg.ProjectNotFound, sel.Project)}
			if len(whole) > n { // the nearest of every form's names
				names = make([]string, 0, len(whole))
				for _, r := range whole {
					names = append(names, form(r).Project)
				}
			}
			if near := editdist.Nearest(sel.Project, names, 3); len(near) > 0 {
				errs = append(errs, msg.New(msg.ProjectNearest, msg.Quoted(near...)))
			}
			return nil, usageError(errs...)
		case 1:
			return hits, nil
		}
		return nil, usageError(msg.New(msg.ProjectTwice, sel.Project, len(hits)))
	case sel.All || n == 1:
		return all, nil
	}
	return nil, usageError(msg.New(msg.PickForm, n))
}

// keepForms is the most forms whose pages Plan keeps from its check for
// writing; beyond it each form is laid out again as it is written
// (0.25 ms a form), so that memory holds a few forms whatever their number.
const keepForms = 300

// planForms lays out and checks each form of refs, a document each; past
// Job.MaxPages pages together it stops laying out, and refuses
// (TooManyPages) once the characters of the forms laid out are checked.
func planForms(ctx context.Context, inputs []Input, refs []FormRef, job *Job) ([]*Doc, error) {
	start := time.Now()
	defer job.Events.step(msg.StepLayOut, start)
	check := newGlyphCheck(job)
	missing := check.fields(job.watermarkFields())
	projects := make([]string, len(refs))
	for k, r := range refs {
		projects[k] = inputs[r.Input].Book.Forms[r.Index].Project
	}
	names := FileNames(projects, func(k int) string { return "表" + strconv.Itoa(refs[k].N) })
	docs := make([]*Doc, len(refs))
	keep := len(refs) <= keepForms && !job.CountOnly
	// The forms are laid out on every CPU, a window of a few ahead of the
	// one checked: the checks and the documents are made in order, as from
	// one loop, whatever the number of workers.
	workers := runtime.GOMAXPROCS(0)
	lay := func(k int) (*layout.Document, error) {
		r := refs[k]
		doc, err := layoutForm(&inputs[r.Input].Book.Forms[r.Index], job.Fonts, job.Layout)
		if err != nil {
			return nil, &layError{ref: r, err: err}
		}
		return doc, nil
	}
	pages := 0
	var over error // past Job.MaxPages
	err := workpool.Ordered(len(refs), workers, 4*workers, lay, func(k int, doc *layout.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := refs[k]
		in := inputs[r.Input]
		f := &in.Book.Forms[r.Index]
		path := model.FormPath(r.Index)
		missing = append(missing, check.form(f, in, r.Index)...)
		for _, pg := range doc.Pages {
			missing = append(missing, check.items(in.Path, path, pg.Items, "")...)
		}
		date, err := job.pdfDate(f.Year)
		if err != nil {
			return err
		}
		d := &Doc{Name: names[k], Form: r.N, Forms: 1, Date: date,
			Frame: doc.Frame()}
		pages += d.Frame.Pages
		if over = job.PageLimit(len(refs), pages); over != nil {
			return over
		}
		if job.AttachData {
			d.data = func() *model.Book { return &model.Book{Year: f.Year, Forms: []model.Form{*f}} }
		}
		d.pages = formPages(f, doc, keep, job)
		docs[k] = d
		return nil
	})
	if over != nil {
		if err := check.report(missing); err != nil {
			return nil, err
		}
		return nil, over
	}
	if err != nil {
		var le *layError
		if !errors.As(err, &le) {
			return nil, err
		}
		err = le.err
		var ps model.Problems
		if errors.As(err, &ps) { // they name fields of the form
			err = ps.Under(model.FormPath(le.ref.Index))
		}
		return nil, placed(err, []Input{inputs[le.ref.Input]})
	}
	if err := check.report(missing); err != nil {
		return nil, err
	}
	return docs, nil
}

// layoutForm is layout.Form; a test counts the forms laid out.
var layoutForm = layout.Form

// layError is the error of laying out the form ref, told apart from the
// others of planForms' loop.
type layError struct {
	ref FormRef
	err error
}

func (e *layError) Error() string { return e.err.Error() }
func (e *layError) Unwrap() error { return e.err }

// formPages reads the pages of form f, laid out as doc: those of doc when
// kept, else laid out again (the same, layout being deterministic).
func formPages(f *model.Form, doc *layout.Document, keep bool, job *Job) func(context.Context, func(int, *layout.Page) error) error {
	if !keep {
		doc = nil
	}
	lo, fs := job.Layout, job.Fonts
	return func(ctx context.Context, yield func(int, *layout.Page) error) error {
		d := doc
		if d == nil {
			var err error
			if d, err = layoutForm(f, fs, lo); err != nil {
				return err
			}
		}
		for i, p := range d.Pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
}

// planBinders plans the binders of the forms job picks (Job.Forms; all
// when it picks none): one binder, or with Job.SplitByUnit one per
// 单位名称 of those forms, in the order each unit first appears. With
// Job.SkipErrors the forms with errors are left out, named in a warning,
// and so is a unit whose forms all have errors (issue 19: what is ready is
// printed); none ready is NoFormReady.
func planBinders(ctx context.Context, inputs []Input, job *Job) ([]*Doc, error) {
	picked, err := binderForms(inputs, job.Forms)
	if err != nil {
		return nil, err
	}
	if len(picked) == 0 {
		return nil, inputError(msg.New(msg.InputsNoForms))
	}
	refs := picked
	if job.SkipErrors {
		if refs, err = readyForms(inputs, picked, job); err != nil {
			return nil, err
		}
	}
	if err := job.PageLimit(len(refs), len(refs)); err != nil {
		return nil, err // a form takes a page at least
	}
	if !job.SplitByUnit {
		d, err := planBinder(ctx, inputs, job, refs, job.MaxPages, 0)
		if err != nil {
			return nil, err
		}
		d.Name = "binder"
		return []*Doc{d}, nil
	}
	unit := func(r FormRef) string { return inputs[r.Input].Book.Forms[r.Index].Unit }
	byUnit := map[string][]FormRef{}
	for _, r := range refs {
		byUnit[unit(r)] = append(byUnit[unit(r)], r)
	}
	var units, left []string
	seen := map[string]bool{}
	for _, r := range picked {
		u := unit(r)
		if seen[u] {
			continue
		}
		seen[u] = true
		switch {
		case len(byUnit[u]) > 0:
			units = append(units, u)
		case u != "": // forms without a unit are named with their error (unit-less is one)
			left = append(left, u)
		}
	}
	if len(left) > 0 && job.Events.Warn != nil {
		job.Events.Warn(msg.New(msg.UnitsNotPrinted, msg.Quoted(left...)))
	}
	names := FileNames(units, func(int) string { return "binder" })
	docs := make([]*Doc, len(units))
	// Job.MaxPages bounds the forms' pages of all the binders together:
	// each binder may take what the others leave, a page kept for each
	// form of the binders after it. The binders are all planned before the
	// first is drawn, so the pages they keep from planning share one
	// budget too: what a binder keeps, the next ones cannot.
	used, after := 0, len(refs)
	keepLeft := keepBudget
	for k, u := range units {
		after -= len(byUnit[u])
		limit := 0
		if job.MaxPages > 0 {
			limit = job.MaxPages - used - after
		}
		keep := keepLeft
		if keep <= 0 {
			keep = -1 // none left
		}
		if docs[k], err = planBinder(ctx, inputs, job, byUnit[u], limit, keep); err != nil {
			if limit > 0 && tooManyPages(err) {
				return nil, inputError(&TooManyPages{Forms: len(refs), Limit: job.MaxPages})
			}
			return nil, err
		}
		docs[k].Name = names[k]
		for _, f := range docs[k].binder.Forms {
			used += f.Pages
		}
		keepLeft -= docs[k].binder.KeptPages()
	}
	return docs, nil
}

// binderOptions are the options of job's binders that do not depend on
// the forms (ahead.go lays forms out with them, as Plan does).
func binderOptions(job *Job) binder.Options {
	return binder.Options{Layout: job.Layout, GroupByUnit: job.GroupByUnit, Duplex: job.Layout.Mirror,
		Workers: job.Workers, Date: job.Date, CountOnly: job.CountOnly}
}

// keepBudget is the pages the binders of one job may keep from planning
// together (binder.Options.KeepPages); a test lowers it.
var keepBudget = binder.DefaultKeepPages

// binderForms returns the forms a binder binds, in order: those sel picks
// (--form 1,3-5, --unit, --project), every form of the inputs when it
// picks none.
func binderForms(inputs []Input, sel Selection) ([]FormRef, error) {
	if !sel.narrows() {
		var all []FormRef
		for k, in := range inputs {
			for i := range in.Book.Forms {
				all = append(all, FormRef{Input: k, Index: i, N: len(all) + 1})
			}
		}
		return all, nil
	}
	if sel.FormGiven { // --form N is a list of one
		if sel.Form < 1 {
			return nil, usageError(msg.New(msg.FormCountsFrom1, sel.Form, msg.Count{N: sumLen(inputBooks(inputs)), Unit: msg.UnitForm}))
		}
		sel.Numbers = append(append([]int(nil), sel.Numbers...), sel.Form)
		sel.FormGiven = false
	}
	return Select(inputs, sel)
}

// readyForms returns the forms of refs that have no errors and names the
// others in one warning, Skipped (FormsNotPrinted): what is ready is
// printed (issue 19), by Plan for each form and for the binders alike, so
// that one value tells a front end which forms were left out. None ready
// is a BadInput error, Skipped (NoFormReady).
func readyForms(inputs []Input, refs []FormRef, job *Job) ([]FormRef, error) {
	bad := errorForms(inputs)
	var ready []FormRef
	var skipped []int
	var names []any
	for _, r := range refs {
		if bad[[2]int{r.Input, r.Index}] {
			skipped = append(skipped, r.N)
			names = append(names, formName(r.N, inputs[r.Input], r.Index))
		} else {
			ready = append(ready, r)
		}
	}
	if len(ready) == 0 {
		return nil, inputError(&Skipped{Forms: skipped, m: msg.New(msg.NoFormReady)})
	}
	if len(skipped) > 0 && job.Events.Warn != nil {
		job.Events.Warn(&Skipped{Forms: skipped,
			m: msg.New(msg.FormsNotPrinted, msg.Count{N: len(skipped), Unit: msg.UnitForm}, msg.List{Items: names})})
	}
	return ready, nil
}

// only returns b, or a copy holding only the forms keep keeps when it
// drops some, with the index in b of each form kept.
func only(b *model.Book, keep func(i int) bool) (*model.Book, []int) {
	var idx []int
	for i := range b.Forms {
		if keep(i) {
			idx = append(idx, i)
		}
	}
	if len(idx) == len(b.Forms) {
		return b, nil
	}
	c := *b
	c.Forms = make([]model.Form, len(idx))
	for k, i := range idx {
		c.Forms[k] = b.Forms[i]
	}
	return &c, idx
}

// reindex rewrites the form index of each problem in err (forms[k], k in
// the binder's joined book) to the index of that form among all the
// inputs' forms, as placed expects, with global[k].
func reindex(err error, global []int) error {
	var ps model.Problems
	if global == nil || !errors.As(err, &ps) {
		return err
	}
	out := make(model.Problems, len(ps))
	for i, p := range ps {
		out[i] = p
		if k, rest, ok := model.CutFormPath(p.Path); ok && k < len(global) {
			out[i].Path = model.FormPath(global[k]) + rest
		}
	}
	return out
}

// tooManyPages reports whether err is binder's refusal of a binder past
// its page limit.
func tooManyPages(err error) bool {
	var pe *Error
	if !errors.As(err, &pe) {
		return false
	}
	for _, p := range pe.Problems() {
		if p.Code == model.CodeBinderTooManyPages {
			return true
		}
	}
	return false
}

// planBinder plans the binder of the forms refs (in order, none with
// errors when Job.SkipErrors), its forms' pages at most maxPages (any
// number when 0; binder.Options.MaxPages), keeping at most keepPages of
// them from planning (binder.Options.KeepPages), in order: a cover, the contents, the forms
// numbered over the whole binder, and bookmarks (see package binder). Each form of a
// year other than the binder's is printed with a warning (binder.Join),
// an error with Job.Strict. Every character of the forms is checked
// against the fonts before layout, and those of the cover and the contents
// once they are drawn; the footers are checked as the pages are read.
//
// The forms are laid out once to plan the binder and, past a few hundred,
// again in a window of a few forms as the pages are read: the whole binder
// is never in memory.
func planBinder(ctx context.Context, inputs []Input, job *Job, refs []FormRef, maxPages, keepPages int) (*Doc, error) {
	planned := time.Now()
	defer job.Events.step(msg.StepLayOut, planned)
	keep := make(map[[2]int]bool, len(refs))
	for _, r := range refs {
		keep[[2]int{r.Input, r.Index}] = true
	}
	kept := func(i, j int) bool { return keep[[2]int{i, j}] }
	filtering := len(refs) < sumLen(inputBooks(inputs))
	books := make([]*model.Book, len(inputs))
	// When filtering: each input's forms kept, by their index in the
	// input, and the joined book's forms among all the inputs' forms.
	var idxs [][]int
	var global []int
	if filtering {
		idxs = make([][]int, len(inputs))
	}
	offset := 0
	for i, in := range inputs {
		b, idx := only(in.Book, func(j int) bool { return kept(i, j) })
		books[i] = b
		if filtering {
			if idx == nil { // every form of this input is kept
				idx = make([]int, len(in.Book.Forms))
				for j := range idx {
					idx[j] = j
				}
			}
			idxs[i] = idx
			for _, j := range idx {
				global = append(global, offset+j)
			}
		}
		offset += len(in.Book.Forms)
	}
	// The binder's year is the first input's (binder.YearOf: its year,
	// else that of its first form that has one), whatever forms are kept, as YearStrays tells
	// it: a book of that year alone heads the books joined. (Of the first
	// input's forms kept only, a book without a year of its own whose
	// first form was left out would have made the binder's year another,
	// or none, every other form a stray.)
	book, strays := binder.Join(append([]*model.Book{{Year: binder.YearOf(inputs[0].Book)}}, books...))
	for i := range strays {
		strays[i].Book--
	}
	ev := job.Events
	var strict []error
	for _, st := range strays {
		if filtering { // the form's index in its own input
			st.Form = idxs[st.Book][st.Form]
		}
		p := strayProblem(st, inputs, book.Year)
		if job.Strict {
			p.Severity = model.Error
			strict = append(strict, ProblemError(p))
		}
		if ev.Problem != nil {
			ev.Problem(p)
		}
	}
	if len(strict) > 0 {
		return nil, inputError(msg.New(msg.StrictWarnings, msg.Count{N: len(strict), Unit: msg.UnitWarning}))
	}
	// Form by form, so that the fields of 10,000 forms are never listed at
	// once; paths name each form in its own file, as the user wrote it.
	// The characters are looked up while the binder is planned, on a
	// goroutine of their own (the layout does not depend on them: a
	// character no font has is a box), and reported, before anything
	// else, once both are done.
	check := newGlyphCheck(job)
	type result struct {
		missing []fonts.Missing
		err     error // a panic, which must not end the program
	}
	found := make(chan result, 1)
	go func() {
		var missing []fonts.Missing
		defer func() {
			var err error
			if r := recover(); r != nil {
				err = msg.New(msg.InternalError, msg.Raw(fmt.Sprint(r)))
			}
			found <- result{missing, err}
		}()
		missing = check.fields(job.watermarkFields())
		for i, in := range inputs {
			for j := range in.Book.Forms {
				if !kept(i, j) {
					continue
				}
				if ctx.Err() != nil {
					return // Plan stops too, and says why
				}
				missing = append(missing, check.form(&in.Book.Forms[j], in, j)...)
			}
		}
	}()
	// The cover and the contents: their characters, checked as Plan
	// draws them.
	var frontMissing []fonts.Missing
	frontPage := 0
	front := func(p *layout.Page) error {
		prefix := "binder.contents"
		if frontPage == 0 {
			prefix = "binder.cover"
		}
		frontPage++
		frontMissing = append(frontMissing, check.items("", prefix, p.Items, "")...)
		return nil
	}
	opt := binderOptions(job)
	opt.Progress, opt.Context, opt.MaxPages, opt.KeepPages, opt.Front = ev.Progress, ctx, maxPages, keepPages, front
	if len(inputs) == 1 && !filtering {
		// The joined book's forms are the input's, in order.
		opt.Laid = inputs[0].ahead.laidFor(job.Fonts, opt)
	}
	bl, err := binder.Plan(book, job.Fonts, opt)
	for _, in := range inputs {
		in.ahead.release() // what the binder did not take is garbage now
	}
	if err := ctx.Err(); err != nil {
		<-found
		return nil, err
	}
	if r := <-found; r.err != nil {
		return nil, r.err
	} else if err := check.report(r.missing); err != nil {
		return nil, err
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, placed(reindex(err, global), inputs)
	}
	if err := check.report(frontMissing); err != nil {
		return nil, err
	}
	date, err := job.pdfDate(bl.Meta.Year)
	if err != nil {
		return nil, err
	}
	d := &Doc{Forms: len(book.Forms), Date: date, binder: bl,
		Frame: layout.Frame{Pages: bl.NumPages, Outline: bl.Outline, Labels: bl.Labels, Meta: bl.Meta}}
	if job.AttachData {
		d.data = func() *model.Book { return book }
	}
	d.pages = func(ctx context.Context, yield func(int, *layout.Page) error) error {
		return bl.Pages(func(i int, p *layout.Page) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if i >= bl.FormFirst {
				for _, field := range []string{"footer", "head"} { // and the running heads
					if err := check.report(check.items("", "binder", p.Items, field)); err != nil {
						return err
					}
				}
			}
			return yield(i, p)
		})
	}
	return d, nil
}

func sumLen(books []*model.Book) int {
	n := 0
	for _, b := range books {
		n += len(b.Forms)
	}
	return n
}

func inputBooks(inputs []Input) []*model.Book {
	out := make([]*model.Book, len(inputs))
	for i, in := range inputs {
		out[i] = in.Book
	}
	return out
}

// strayProblem is the warning of a form of another year than the binder's,
// placed where its year was read.
func strayProblem(st binder.Stray, inputs []Input, year int) model.Problem {
	in, first := inputs[st.Book], inputs[0].Path
	y, by := strconv.Itoa(st.Year), strconv.Itoa(year)
	args := []string{y, by, first, by}
	p := model.Problem{Path: model.TextPath(model.FormPath(st.Form), "year", -1), Severity: model.Warning, Code: model.CodeBinderYearDiffers,
		Args: args}
	p.Loc, _ = in.Source.Location(p.Path)
	if p.Loc.File == "" {
		p.Loc.File = in.Path
	}
	return p
}

// errorForms returns the forms (input, index in its book) that have a
// problem of severity Error, reading each input's problems once.
func errorForms(inputs []Input) map[[2]int]bool {
	bad := map[[2]int]bool{}
	for i, in := range inputs {
		for _, p := range in.Problems {
			if j, ok := model.FormIndex(p.Path); ok && p.Severity == model.Error && j < len(in.Book.Forms) {
				bad[[2]int{i, j}] = true
			}
		}
	}
	return bad
}

// formName names form n (from 1 over every input), form j of in, for a
// list of a message: 3 就业见习补贴 (book.xlsx: 就业见习补贴), in Chinese
// 3 就业见习补贴（book.xlsx 工作表“就业见习补贴”）.
func formName(n int, in Input, j int) *msg.Error {
	where := msg.File(in.Path)
	if loc, _ := in.Source.Location(model.FormPath(j)); loc.Sheet != "" {
		where = msg.New(msg.LocSheet, where, loc.Sheet)
	}
	if p := strings.Join(strings.Fields(in.Book.Forms[j].Project), " "); p != "" {
		return msg.New(msg.FormNamed, n, p, where)
	}
	return msg.New(msg.FormNumbered, n, where)
}

// Data returns, with Job.AttachData, the document's forms as a JSON book,
// as jixiao writes books, for its PDF to carry; nil else.
func (d *Doc) Data() ([]byte, error) {
	if d.data == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	// Encoding to memory fails only on a bug: an internal error.
	if err := encodeJSON(&buf, d.data()); err != nil {
		return nil, &encodeError{err}
	}
	return buf.Bytes(), nil
}

// encodeJSON is model.EncodeJSON; a test makes it fail.
var encodeJSON = model.EncodeJSON

// encodeError is the failure to encode a document's data (Doc.Data), told
// as the error it wraps, as when the data was encoded while planning: a
// writer (WriteEach) does not call it a failure to draw the form.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }
func (e *encodeError) Unwrap() error { return e.err }
