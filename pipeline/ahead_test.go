package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
)

// aheadBook writes a book of n of the example's forms (numbered project
// names) and returns its path.
func aheadBook(t *testing.T, n int, edit func(*model.Book)) string {
	t.Helper()
	ex, err := model.ReadFile(example)
	require.NoError(t, err)
	book := &model.Book{Year: ex.Year}
	for i := 0; len(book.Forms) < n; i++ {
		f := ex.Forms[i%len(ex.Forms)]
		f.Project = fmt.Sprintf("%s（%d）", f.Project, i+1)
		book.Forms = append(book.Forms, f)
	}
	if edit != nil {
		edit(book)
	}
	var buf bytes.Buffer
	require.NoError(t, model.EncodeJSON(&buf, book))
	path := filepath.Join(t.TempDir(), "book.json")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// TestAheadSameBinder: a binder whose forms were laid out while the book
// was read (some of them, at least) is the binder laid out after it, byte
// for byte; so is one whose forms change after the read (book-wide
// values given to each form: none of the pages laid out ahead is taken).
func TestAheadSameBinder(t *testing.T) {
	for _, c := range []struct {
		name      string
		edit      func(*model.Book)
		wantTaken bool
	}{
		{"as read", nil, true},
		{"book-wide signer", func(b *model.Book) { b.Sign = map[string]string{"filler": "张三"} }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := aheadBook(t, 120, c.edit)
			job := binderJob(t)
			job.SkipErrors = true               // as the command line and the web page bind
			in, err := Read(Source{Name: path}) // nothing ahead
			require.NoError(t, err)
			require.Nil(t, in.ahead)
			want, err := pdfs(t, []Input{in}, job)
			require.NoError(t, err)

			var taken int64
			for try := 0; try < 20 && taken == 0; try++ { // ahead may not reach a form on a busy machine
				before := aheadTaken.Load()
				inputs, err := Load(context.Background(), []Source{{Name: path}}, job)
				require.NoError(t, err)
				got, err := pdfs(t, inputs, job)
				require.NoError(t, err)
				require.Equal(t, want, got, "the binder differs from the one laid out after the read")
				taken = aheadTaken.Load() - before
				if !c.wantTaken {
					break
				}
			}
			if c.wantTaken {
				require.NotZero(t, taken, "no form's pages were taken from the layout ahead")
			} else {
				require.Zero(t, taken, "pages laid out before the forms changed were taken")
			}
		})
	}
}

// TestAheadOnlyForItsForm: take gives pages for the form they were made
// of only, and once.
func TestAheadOnlyForItsForm(t *testing.T) {
	ex, err := model.ReadFile(example)
	require.NoError(t, err)
	f := ex.Forms[0]
	a := &ahead{laid: map[int]aheadForm{0: {form: f, pages: pagesOf(t, &f)}}}
	other := f
	other.Project += "（改）"
	require.Nil(t, a.take(0, &other), "pages given for another form")
	a.laid[0] = aheadForm{form: f, pages: pagesOf(t, &f)}
	same := f
	require.NotNil(t, a.take(0, &same))
	require.Nil(t, a.take(0, &same), "pages given twice")
}

// pagesOf lays f out as a test binder would (form 0).
func pagesOf(t *testing.T, f *model.Form) []*layout.Page {
	t.Helper()
	job := binderJob(t)
	lay, err := binder.FormLayout(job.Fonts, binderOptions(job))
	require.NoError(t, err)
	pages, err := lay(0, f)
	require.NoError(t, err)
	return pages
}

// TestAheadOnlyForItsOptions: pages laid out with other fonts or another
// page are not offered to the binder.
func TestAheadOnlyForItsOptions(t *testing.T) {
	job := binderJob(t)
	opt := binderOptions(job)
	a := &ahead{set: job.Fonts, opt: opt}
	require.NotNil(t, a.laidFor(job.Fonts, opt))
	other := opt
	other.Duplex = !opt.Duplex
	require.Nil(t, a.laidFor(job.Fonts, other), "laid out for another page")
	a3 := opt
	a3.Layout.Width *= 2
	require.Nil(t, a.laidFor(job.Fonts, a3), "laid out for another paper")
	set2, err := fonts.DefaultSet()
	require.NoError(t, err)
	if set2 != job.Fonts {
		require.Nil(t, a.laidFor(set2, opt), "laid out with other fonts")
	}
	var none *ahead
	require.Nil(t, none.laidFor(job.Fonts, opt))
}
