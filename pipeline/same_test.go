package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
)

// bookWide is the example book with book-wide signature values (填报人,
// 联系电话) and its first forms only, read as an upload.
func bookWide(t testing.TB, forms int) Input {
	t.Helper()
	data, err := os.ReadFile(example)
	require.NoError(t, err)
	data = bytes.Replace(data, []byte("{\n  \"year\": 2024,"), []byte("{\n  \"year\": 2024, \"filler\": \"王会计\", \"phone\": \"0510-86001234\","), 1)
	in, err := Read(Source{Name: "book.json", R: bytes.NewReader(data)})
	require.NoError(t, err)
	require.Empty(t, in.Problems.Errors())
	in.Book.Forms = in.Book.Forms[:forms]
	return in
}

// pageText is what a page prints, but its footers (第 N 页 共 M 页, which
// count the pages of the document the page is in): one item a line.
func pageText(p *layout.Page) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d×%d %s\n", p.Width, p.Height, p.Fit)
	for _, it := range p.Items {
		if it.Field == "footer" {
			continue
		}
		fmt.Fprintf(&b, "%d %d %d %d %d %d %d %d %d %d %d %q %s\n", it.Kind, it.X, it.Y, it.X2, it.Y2, it.W, it.H,
			it.Size, it.Spacing, it.Stroke, it.Gray, it.Text, it.Field)
	}
	return b.String()
}

// formPages reads the pages of the forms of docs: for a binder those of
// each form (Binder.Forms), for a form's document its own.
func pagesByForm(t testing.TB, docs []*Doc) [][]string {
	t.Helper()
	var out [][]string
	for _, d := range docs {
		var pages []string
		require.NoError(t, d.Pages(context.Background())(func(_ int, p *layout.Page) error {
			pages = append(pages, pageText(p))
			return nil
		}))
		if d.Form > 0 {
			out = append(out, pages)
			continue
		}
		for _, f := range d.binder.Forms {
			out = append(out, pages[f.First:f.First+f.Pages])
		}
	}
	return out
}

// Every combination of the options a form prints with gives each form the
// same pages whether it is printed alone (--form N, ?form=N), with every
// form (--out-dir, the web page's ZIP) or in the binder, but for the
// footers; the book-wide 填报人 and 联系电话 are printed on every form's
// signature block, which they bring with them.
func TestSamePagesEverywhere(t *testing.T) {
	in := bookWide(t, 3)
	inputs := []Input{in}
	type combo struct {
		paper                            string
		signature, duplex, fitOff, draft bool
	}
	var combos []combo
	for _, paper := range []string{"A4", "A3-landscape"} {
		for bits := range 16 {
			combos = append(combos, combo{paper, bits&1 != 0, bits&2 != 0, bits&4 != 0, bits&8 != 0})
		}
	}
	if testing.Short() {
		combos = []combo{{"A4", true, true, false, true}, {"A3-landscape", true, false, true, false}}
	}
	for _, c := range combos {
		name := fmt.Sprintf("%s sig=%v duplex=%v fitoff=%v draft=%v", c.paper, c.signature, c.duplex, c.fitOff, c.draft)
		job := testJob(t)
		for k, v := range map[string]string{"paper": c.paper, "signature": fmt.Sprint(c.signature),
			"duplex": fmt.Sprint(c.duplex), "draft": fmt.Sprint(c.draft)} {
			require.NoError(t, job.Set(k, v))
		}
		if c.fitOff {
			require.NoError(t, job.Set("fit", "off"))
		}
		job.Forms.All = true
		each, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err, name)
		eachPages := pagesByForm(t, each)
		job.Binder = true
		bd, err := Plan(context.Background(), inputs, job)
		require.NoError(t, err, name)
		binderPages := pagesByForm(t, bd)
		job.Binder = false
		for k := range in.Book.Forms {
			job.Forms = Selection{Form: k + 1, FormGiven: true}
			one, err := Plan(context.Background(), inputs, job)
			require.NoError(t, err, name)
			alone := pagesByForm(t, one)[0]
			require.Equal(t, alone, eachPages[k], "%s: form %d alone and with every form", name, k+1)
			require.Equal(t, alone, binderPages[k], "%s: form %d alone and in the binder", name, k+1)
			all := strings.Join(alone, "")
			// Filled in, they print the block with or without the
			// option (issue 19, item 15).
			require.True(t, strings.Contains(all, `"王会计"`), "%s: form %d: the book's 填报人", name, k+1)
			require.True(t, strings.Contains(all, `"0510-86001234"`), "%s: form %d: the book's 联系电话", name, k+1)
		}
	}
}

// The PDFs of the forms are the same bytes alone and with every form.
func TestSamePDFAloneAndEach(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	inputs := []Input{bookWide(t, 2)}
	job := testJob(t)
	require.NoError(t, job.Set("signature", "1"))
	require.NoError(t, job.Set("draft", "1"))
	job.Forms.All = true
	each, err := pdfs(t, inputs, job)
	require.NoError(t, err)
	for k := range each {
		job.Forms = Selection{Form: k + 1, FormGiven: true}
		one, err := pdfs(t, inputs, job)
		require.NoError(t, err)
		require.Equal(t, one[0], each[k], "form %d", k+1)
	}
}
