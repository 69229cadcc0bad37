package binder_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/binder"
	"jixiao/fonts"
	"jixiao/golden"
	"jixiao/internal/peakheap"
	"jixiao/layout"
	"jixiao/model"
)

// The binder of the 18 example forms, laid out with the embedded fonts.

func exampleBook(tb testing.TB) *model.Book {
	tb.Helper()
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	require.NoError(tb, err)
	require.Len(tb, b.Forms, 18)
	return b
}

func defaultFonts(tb testing.TB) *fonts.Set {
	tb.Helper()
	s, err := fonts.DefaultSet()
	require.NoError(tb, err)
	return s
}

// plan plans the binder of b, keeping the pages of the planning pass, and
// reads all its pages: the whole binder in memory.
func plan(tb testing.TB, b *model.Book, m layout.Measurer, opt binder.Options) (*binder.Binder, *layout.Document) {
	tb.Helper()
	bl, err := binder.PlanKept(b, m, opt)
	require.NoError(tb, err)
	doc, err := bl.Document()
	require.NoError(tb, err)
	return bl, doc
}

func dump(tb testing.TB, d *layout.Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, layout.Dump(&buf, d))
	return buf.Bytes()
}

// dumpPage is the dump of page p alone.
func dumpPage(tb testing.TB, p *layout.Page) string {
	return string(dump(tb, &layout.Document{Pages: []*layout.Page{p}}))
}

func TestBinderExampleGolden(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	for _, c := range []struct {
		name string
		opt  binder.Options
	}{
		{"jiangyin-2024", binder.Options{}},
		{"jiangyin-2024-duplex-grouped", binder.Options{Duplex: true, GroupByUnit: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Layout = layout.DefaultOptions()
			c.opt.Workers = 1
			_, one := plan(t, b, set, c.opt)
			c.opt.Workers = 2
			_, two := plan(t, b, set, c.opt)
			got := dump(t, one)
			require.Equal(t, string(got), string(dump(t, two)), "1 and 2 workers differ")

			lo := c.opt.Layout
			lo.Mirror = c.opt.Duplex
			require.NoError(t, layout.Check(one, set, lo))
			golden.Assert(t, "binder/"+c.name+".layout.txt", got)
		})
	}
}

// The streamed binder is the binder, page for page: when it keeps the
// pages of its planning pass, when it lays the
// forms out again as they are read, and when its pages pass the budget
// halfway through the planning, so that what was kept is dropped.
func TestBinderStreamMatchesBinder(t *testing.T) {
	set := defaultFonts(t)
	sizes := []int{18, 60}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, n := range sizes {
		b := repeatBook(exampleBook(t), 18, n)
		opt := binder.Options{Layout: layout.DefaultOptions(), Duplex: true, GroupByUnit: true}
		_, whole := plan(t, b, set, opt)
		for _, keep := range []int{0, 1, n, math.MaxInt} {
			s, err := binder.PlanKeeping(b, set, opt, keep)
			require.NoError(t, err)
			streamed := &layout.Document{Outline: s.Outline, Labels: s.Labels, Meta: s.Meta}
			require.NoError(t, s.Pages(func(i int, p *layout.Page) error {
				require.Equal(t, len(streamed.Pages), i)
				streamed.Pages = append(streamed.Pages, p)
				return nil
			}))
			require.Equal(t, s.NumPages, len(streamed.Pages))
			require.Equal(t, string(dump(t, whole)), string(dump(t, streamed)), "%d forms, keeping %d pages", n, keep)
			// Read again: the kept pages are read once, the forms then
			// laid out again.
			again := 0
			require.NoError(t, s.Pages(func(i int, p *layout.Page) error {
				require.Equal(t, dumpPage(t, streamed.Pages[i]), dumpPage(t, p), "page %d read again", i)
				again++
				return nil
			}))
			require.Equal(t, s.NumPages, again)
		}
	}
}

// Every form of the binder is laid out as FormPages lays it out alone: the
// binder only adds footers.
func TestBinderFormsAsAlone(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	bl, doc := plan(t, b, set, binder.Options{Layout: layout.DefaultOptions()})
	for _, f := range bl.Forms {
		alone, err := layout.FormPages(&b.Forms[f.Index], set, layout.DefaultOptions())
		require.NoError(t, err)
		require.Len(t, alone, f.Pages)
		for n, p := range alone {
			got := doc.Pages[f.First+n]
			var items []layout.Item
			for _, it := range got.Items {
				if it.Field != "footer" {
					items = append(items, it)
				}
			}
			require.Equal(t, p.Items, items, "form %d page %d", f.Number, n+1)
		}
	}
}

// With --signature every form ends with the signature block, on its last
// page only.
func TestBinderSignatureOnLastPages(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	opt := binder.Options{Layout: layout.DefaultOptions(), Duplex: true}
	opt.Layout.Signature = true
	bl, doc := plan(t, b, set, opt)
	for _, f := range bl.Forms {
		for n := range f.Pages {
			has := false
			var sigTop, textBottom layout.Length
			for _, it := range doc.Pages[f.First+n].Items {
				switch {
				case it.Kind != layout.Text || it.Field == "footer":
				case it.Field == "signature":
					if !has || it.Y < sigTop {
						sigTop = it.Y
					}
					has = true
				default:
					textBottom = max(textBottom, it.Y)
				}
			}
			last := n == f.Pages-1
			require.Equal(t, last, has, "form %d page %d of %d: signature block", f.Number, n+1, f.Pages)
			if has {
				require.Greater(t, sigTop, textBottom, "form %d: the signature block is not below the table", f.Number)
			}
		}
	}
	lo := opt.Layout
	lo.Mirror = true
	require.NoError(t, layout.Check(doc, set, lo))
}

// repeatBook returns a book of n forms: the first k forms of b, repeated,
// the repeats' project names numbered.
func repeatBook(b *model.Book, k, n int) *model.Book {
	out := &model.Book{Year: b.Year, Title: b.Title}
	for i := 0; len(out.Forms) < n; i++ {
		f := b.Forms[i%k]
		if i >= k {
			f.Project = fmt.Sprintf("%s（%d）", f.Project, i/k+1)
		}
		out.Forms = append(out.Forms, f)
	}
	return out
}

func TestBinderThousandsOfForms(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out 2,000 forms")
	}
	b := repeatBook(exampleBook(t), 18, 2000)
	bl, doc := plan(t, b, defaultFonts(t), binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true})
	require.Greater(t, bl.TOCPages, 50)
	require.Len(t, bl.Outline, 2001)
	last := bl.Forms[len(bl.Forms)-1]
	require.Equal(t, len(doc.Pages), last.First+last.Pages)
	require.True(t, strings.HasPrefix(doc.Pages[last.First].Label, "form 2000 page 1/"))
}

// benchmarkBinder lays out the whole binder of n forms (the first k
// example forms repeated) in memory, every page kept.
func benchmarkBinder(b *testing.B, k, n int) {
	book := repeatBook(exampleBook(b), k, n)
	set := defaultFonts(b)
	opt := binder.Options{Layout: layout.DefaultOptions()}
	b.ReportAllocs()
	var pages int
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakheap.Of(func() {
			bl, err := binder.PlanKept(book, set, opt)
			if err != nil {
				b.Fatal(err)
			}
			d, err := bl.Document()
			if err != nil {
				b.Fatal(err)
			}
			pages = len(d.Pages)
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// benchmarkStream plans the binder of n forms and reads its pages, keeping
// none: the layout a streaming writer needs, and the memory it needs
// besides its own.
func benchmarkStream(b *testing.B, n int) {
	book := repeatBook(exampleBook(b), 18, n)
	set := defaultFonts(b)
	opt := binder.Options{Layout: layout.DefaultOptions()}
	b.ReportAllocs()
	var pages int
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakheap.Of(func() {
			bl, err := binder.Plan(book, set, opt)
			if err != nil {
				b.Fatal(err)
			}
			pages = 0
			if err := bl.Pages(func(int, *layout.Page) error { pages++; return nil }); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

func BenchmarkBinderStream1000(b *testing.B) { benchmarkStream(b, 1000) }

// The 18 example forms; the first 17 ten times; the 18 repeated to 1,000.
func BenchmarkBinderLayout18(b *testing.B)   { benchmarkBinder(b, 18, 18) }
func BenchmarkBinderLayout170(b *testing.B)  { benchmarkBinder(b, 17, 170) }
func BenchmarkBinderLayout1000(b *testing.B) { benchmarkBinder(b, 18, 1000) }

// With the embedded fonts too, a binder whose title, unit, department,
// project names and unit headings are far too long for its front pages keeps
// every item on its page.
func TestBinderLongNamesRealFonts(t *testing.T) {
	set := defaultFonts(t)
	long := func(prefix string, n int) string {
		r := []rune(strings.Repeat("江阴市人力资源和社会保障局机关服务中心", n/19+1))
		return prefix + string(r[:n])
	}
	for _, paper := range []string{"A4", "A4-landscape"} {
		t.Run(paper, func(t *testing.T) {
			b := exampleBook(t)
			b.Title = long("标题", 120)
			for i := range b.Forms {
				b.Forms[i].Unit = long("单位", 150)
				b.Forms[i].Department = long("部门", 150)
			}
			b.Forms[0].Project = long("项目", 1500)
			opt := binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true}
			var err error
			opt.Layout.Width, opt.Layout.Height, err = layout.PaperSize(paper)
			require.NoError(t, err)
			bl, doc := plan(t, b, set, opt)
			require.NoError(t, layout.Check(doc, set, opt.Layout))
			require.Equal(t, "1. "+b.Forms[0].Project, bl.Outline[1].Title, "the bookmark keeps the whole name")
		})
	}
}

// A form that does not fit on the page is a problem of its field, its path
// naming the form's place in the book (not in the binder's order).
func TestBinderFormProblem(t *testing.T) {
	b := exampleBook(t)
	b.Forms[3].Title = strings.Repeat("表", 4000)
	b.Forms[3].Unit = "另一个单位" // grouped, form 3 is no longer the fourth of the binder
	_, err := binder.Plan(b, defaultFonts(t), binder.Options{Layout: layout.DefaultOptions(), GroupByUnit: true})
	var ps model.Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps, 1)
	require.Equal(t, "forms[3].title", ps[0].Path)
	require.Equal(t, model.CodeTitleTooTall, ps[0].Code)
}
