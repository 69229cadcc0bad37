package layout_test

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/fonts"
	"jixiao/golden"
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

func dump(tb testing.TB, d *layout.Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	require.NoError(tb, layout.Dump(&buf, d))
	return buf.Bytes()
}

func TestBinderExampleGolden(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	for _, c := range []struct {
		name string
		opt  layout.BinderOptions
	}{
		{"jiangyin-2024", layout.BinderOptions{}},
		{"jiangyin-2024-duplex-grouped", layout.BinderOptions{Duplex: true, GroupByUnit: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.opt.Layout = layout.DefaultOptions()
			c.opt.Workers = 1
			one, err := layout.Binder(b, set, c.opt)
			require.NoError(t, err)
			c.opt.Workers = 2
			two, err := layout.Binder(b, set, c.opt)
			require.NoError(t, err)
			got := dump(t, one)
			require.Equal(t, string(got), string(dump(t, two)), "1 and 2 workers differ")

			lo := c.opt.Layout
			lo.Mirror = c.opt.Duplex
			require.NoError(t, layout.Check(one, set, lo))
			golden.Assert(t, "binder/"+c.name+".layout.txt", got)
		})
	}
}

// The streamed binder is the binder, page for page: both when it keeps the
// pages of its planning pass (a small binder) and when it lays the forms
// out again as they are read (a large one).
func TestBinderStreamMatchesBinder(t *testing.T) {
	set := defaultFonts(t)
	for _, n := range []int{18, layout.StreamKeepForms + 1} {
		b := repeatBook(exampleBook(t), 18, n)
		opt := layout.BinderOptions{Layout: layout.DefaultOptions(), Duplex: true, GroupByUnit: true}
		whole, err := layout.Binder(b, set, opt)
		require.NoError(t, err)
		s, err := layout.StreamBinder(b, set, opt)
		require.NoError(t, err)
		streamed := &layout.Document{Outline: s.Outline, Labels: s.Labels, Meta: s.Meta}
		require.NoError(t, s.Pages(func(i int, p *layout.Page) error {
			require.Equal(t, len(streamed.Pages), i)
			streamed.Pages = append(streamed.Pages, p)
			return nil
		}))
		require.Equal(t, s.NumPages, len(streamed.Pages))
		require.Equal(t, string(dump(t, whole)), string(dump(t, streamed)), "%d forms", n)
	}
}

// Every form of the binder is laid out as FormPages lays it out alone: the
// binder only adds footers.
func TestBinderFormsAsAlone(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	bl, err := layout.BinderPlan(b, set, layout.BinderOptions{Layout: layout.DefaultOptions()})
	require.NoError(t, err)
	for _, f := range bl.Forms {
		alone, err := layout.FormPages(&b.Forms[f.Index], set, layout.DefaultOptions())
		require.NoError(t, err)
		require.Len(t, alone, f.Pages)
		for n, p := range alone {
			got := bl.Pages[f.First+n]
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
	opt := layout.BinderOptions{Layout: layout.DefaultOptions(), Duplex: true}
	opt.Layout.Signature = true
	bl, err := layout.BinderPlan(b, set, opt)
	require.NoError(t, err)
	for _, f := range bl.Forms {
		for n := range f.Pages {
			has := false
			var sigTop, textBottom layout.Length
			for _, it := range bl.Pages[f.First+n].Items {
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
	require.NoError(t, layout.Check(bl.Document, set, lo))
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
	bl, err := layout.BinderPlan(b, defaultFonts(t), layout.BinderOptions{Layout: layout.DefaultOptions(), GroupByUnit: true})
	require.NoError(t, err)
	require.Greater(t, bl.TOCPages, 50)
	require.Len(t, bl.Outline, 2001)
	last := bl.Forms[len(bl.Forms)-1]
	require.Equal(t, len(bl.Pages), last.First+last.Pages)
	require.True(t, strings.HasPrefix(bl.Pages[last.First].Label, "form 2000 page 1/"))
}

// peakHeap samples the live heap while f runs and returns its maximum, in bytes.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return peak
}

func benchmarkBinder(b *testing.B, k, n int) {
	book := repeatBook(exampleBook(b), k, n)
	set := defaultFonts(b)
	opt := layout.BinderOptions{Layout: layout.DefaultOptions()}
	b.ReportAllocs()
	b.ResetTimer()
	var pages int
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			d, err := layout.Binder(book, set, opt)
			if err != nil {
				b.Fatal(err)
			}
			pages = len(d.Pages)
		}))
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// benchmarkStream reads a streamed binder of n forms page by page, keeping
// none: the memory a streaming writer would need besides its own.
func benchmarkStream(b *testing.B, n int) {
	book := repeatBook(exampleBook(b), 18, n)
	set := defaultFonts(b)
	opt := layout.BinderOptions{Layout: layout.DefaultOptions()}
	b.ReportAllocs()
	var pages int
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			s, err := layout.StreamBinder(book, set, opt)
			if err != nil {
				b.Fatal(err)
			}
			pages = 0
			if err := s.Pages(func(int, *layout.Page) error { pages++; return nil }); err != nil {
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
			opt := layout.BinderOptions{Layout: layout.DefaultOptions(), GroupByUnit: true}
			var err error
			opt.Layout.Width, opt.Layout.Height, err = layout.PaperSize(paper)
			require.NoError(t, err)
			bl, err := layout.BinderPlan(b, set, opt)
			require.NoError(t, err)
			require.NoError(t, layout.Check(bl.Document, set, opt.Layout))
			require.Equal(t, "1. "+b.Forms[0].Project, bl.Outline[1].Title, "the bookmark keeps the whole name")
		})
	}
}
