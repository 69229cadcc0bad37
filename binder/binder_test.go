package binder

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/model"
)

// binderMeasurer is a fixed-width measurer: wide characters one em, others
// half an em.
type binderMeasurer struct{}

func (binderMeasurer) Advance(_ layout.Role, r rune) int {
	if r >= 0x2E80 || r == '…' || r == '—' {
		return 1000
	}
	return 500
}

// binderBook makes n forms of two units; form i has 1 + i%3 pages in
// bindFakeForms (its indicator count says how many).
func binderBook(n int) *model.Book {
	b := &model.Book{Year: 2024}
	for i := range n {
		unit := "江阴市人力资源和社会保障局（机关）"
		if i%4 == 3 {
			unit = "江阴市财政局"
		}
		f := model.Form{
			Year: 2024, Unit: unit, Department: "江阴市人力资源和社会保障局",
			Project:     fmt.Sprintf("项目%d号", i+1),
			TotalAmount: model.Amount(fmt.Sprintf("%d.1", i+1)), YearAmount: "0.05",
			Indicators: make([]model.Indicator, 1+i%3),
		}
		if i%7 == 5 {
			f.Project = "一个名字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长的项目"
		}
		b.Forms = append(b.Forms, f)
	}
	return b
}

// bindFakeForms lays out a form as one A4 page per indicator.
func bindFakeForms(k int, f *model.Form) ([]*layout.Page, error) {
	return bindFakeFormsOn(layout.DefaultOptions())(k, f)
}

// bindFakeFormsOn lays out a form as one page of o's paper per indicator.
func bindFakeFormsOn(o layout.Options) formLayout {
	return func(_ int, f *model.Form) ([]*layout.Page, error) {
		n := len(f.Indicators)
		pages := make([]*layout.Page, n)
		for i := range pages {
			pages[i] = &layout.Page{Width: o.Width, Height: o.Height, Items: []layout.Item{
				textItem(binderMeasurer{}, layout.Title, o.TitleSize, o.Binding, o.Top+20*layout.Pt, "绩效目标表", "title"),
			}}
		}
		return pages, nil
	}
}

// whole is a binder with all its pages, for tests.
type whole struct {
	*Binder
	Pages    []*layout.Page
	Document *layout.Document
}

// bindAssemble plans the binder around pages made by lay, keeping them,
// and reads all its pages.
func bindAssemble(b *model.Book, m layout.Measurer, opt Options, lay formLayout) (*whole, error) {
	bl, err := plan(b, m, opt, lay, math.MaxInt)
	if err != nil {
		return nil, err
	}
	doc, err := bl.Document()
	if err != nil {
		return nil, err
	}
	return &whole{Binder: bl, Pages: doc.Pages, Document: doc}, nil
}

func bindTest(t *testing.T, b *model.Book, opt Options) *whole {
	t.Helper()
	if opt.Layout.Width == 0 {
		opt.Layout = layout.DefaultOptions()
	}
	lay := bindFakeFormsOn(opt.Layout)
	bl, err := bindAssemble(b, binderMeasurer{}, opt, lay)
	require.NoError(t, err)
	again, err := bindAssemble(b, binderMeasurer{}, opt, lay)
	require.NoError(t, err)
	require.True(t, reflect.DeepEqual(bl.Document, again.Document), "two runs differ")
	require.Equal(t, bl.Forms, again.Forms)
	require.Equal(t, bl.Blank, again.Blank)
	lo := opt.Layout
	lo.Mirror = opt.Duplex
	require.NoError(t, layout.Check(bl.Document, binderMeasurer{}, lo))

	// Streamed, the binder has the same pages, and the same again when read twice.
	s, err := plan(b, binderMeasurer{}, opt, lay, 0)
	require.NoError(t, err)
	require.Equal(t, len(bl.Pages), s.NumPages)
	require.Equal(t, bl.Outline, s.Outline)
	require.Equal(t, bl.Labels, s.Labels)
	require.Equal(t, bl.Forms, s.Forms)
	require.Equal(t, bl.Blank, s.Blank)
	for range 2 {
		n := 0
		require.NoError(t, s.Pages(func(i int, p *layout.Page) error {
			require.Equal(t, n, i)
			require.True(t, reflect.DeepEqual(bl.Pages[i], p), "streamed page %d differs", i)
			n++
			return nil
		}))
		require.Equal(t, s.NumPages, n)
	}
	return bl
}

// bindTexts returns the bindTexts of a page's items with the given field.
func bindTexts(p *layout.Page, field string) []layout.Item {
	var out []layout.Item
	for _, it := range p.Items {
		if it.Kind == layout.Text && it.Field == field {
			out = append(out, it)
		}
	}
	return out
}

func TestBinderContentsPointAtFormStarts(t *testing.T) {
	for _, duplex := range []bool{false, true} {
		for _, group := range []bool{false, true} {
			t.Run(fmt.Sprintf("duplex=%v,group=%v", duplex, group), func(t *testing.T) {
				b := binderBook(200)
				bl := bindTest(t, b, Options{Duplex: duplex, GroupByUnit: group})
				require.Greater(t, bl.TOCPages, 1, "200 entries must take several contents pages")

				// Every entry's number, page number and link lead to the page
				// where its form starts (checkContents walks the contents).
				checkContents(t, bl)
				for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
					pg := bl.Pages[p]
					for _, it := range pg.Items {
						if it.Kind == layout.Text && it.Field != "footer" {
							require.LessOrEqual(t, it.Y, pg.Height-layout.DefaultOptions().Bottom+layout.DefaultOptions().FooterSize, "%q below the text area", it.Text)
						}
					}
				}
				// The page a form starts on says the number the contents gives.
				for _, f := range bl.Forms {
					foot := bindTexts(bl.Pages[f.First], "footer")
					require.NotEmpty(t, foot)
					require.True(t, strings.HasPrefix(foot[0].Text, fmt.Sprintf("第 %d 页 共 ", f.First-bl.FormFirst+1)), foot[0].Text)
				}
			})
		}
	}
}

func TestBinderFootersAndLabels(t *testing.T) {
	b := binderBook(5)
	bl := bindTest(t, b, Options{})
	total := len(bl.Pages) - bl.FormFirst
	require.Equal(t, []layout.PageLabel{
		{Page: 0, Style: layout.NoNumber, Prefix: "封面"},
		{Page: 1, Style: layout.LowerRoman, Start: 1},
		{Page: bl.FormFirst, Style: layout.Decimal, Start: 1},
	}, bl.Labels)
	require.Empty(t, bindTexts(bl.Pages[0], "footer"), "the cover is unnumbered")
	require.Equal(t, "i", bindTexts(bl.Pages[1], "footer")[0].Text)
	for p := bl.FormFirst; p < len(bl.Pages); p++ {
		pg := bl.Pages[p]
		foot := bindTexts(pg, "footer")
		var of, n, m int
		_, err := fmt.Sscanf(pg.Label, "form %d page %d/%d", &of, &n, &m)
		require.NoError(t, err)
		want := []string{fmt.Sprintf("第 %d 页 共 %d 页", p-bl.FormFirst+1, total)}
		if m > 1 {
			want = append(want, fmt.Sprintf("本表第 %d 页 共 %d 页", n, m))
		}
		var got []string
		for _, it := range foot {
			got = append(got, it.Text)
		}
		require.Equal(t, want, got, "page %d", p)
	}
}

func TestBinderDuplexParity(t *testing.T) {
	b := binderBook(40)
	bl := bindTest(t, b, Options{Duplex: true})
	require.Equal(t, 0, bl.TOCFirst%2)
	require.Equal(t, 0, bl.FormFirst%2)
	for _, f := range bl.Forms {
		require.Equal(t, 0, f.First%2, "form %d starts on page index %d, a verso", f.Number, f.First)
		require.Equal(t, 1, f.Folio%2, "form %d starts on printed page %d", f.Number, f.Folio)
	}
	blank := map[int]bool{}
	for _, p := range bl.Blank {
		blank[p] = true
		require.Empty(t, bl.Pages[p].Items, "blank page %d shows something", p)
	}
	require.True(t, blank[1], "the back of the cover is blank")
	// Every page not blank belongs to the cover, the contents or a form, in order.
	for p, pg := range bl.Pages {
		if !blank[p] {
			require.NotEmpty(t, pg.Items, "page %d", p)
		}
	}
	require.Equal(t, layout.PageLabel{Page: 1, Style: layout.NoNumber, Prefix: "封二"}, bl.Labels[1])
}

func TestBinderBookmarks(t *testing.T) {
	b := binderBook(9)
	bl := bindTest(t, b, Options{})
	require.Len(t, bl.Outline, 9)
	for i, bm := range bl.Outline {
		require.Equal(t, 0, bm.Level)
		require.Equal(t, bl.Forms[i].First, bm.Page)
		require.Equal(t, fmt.Sprintf("%d. %s", i+1, b.Forms[i].Project), bm.Title)
	}

	g := bindTest(t, b, Options{GroupByUnit: true})
	// Units in order of first appearance: forms 4 and 8 belong to the second.
	require.Len(t, g.Outline, 11)
	require.Equal(t, layout.Bookmark{Title: "江阴市人力资源和社会保障局（机关）", Page: g.Forms[0].First, Level: 0}, g.Outline[0])
	require.Equal(t, layout.Bookmark{Title: "江阴市财政局", Page: g.Forms[7].First, Level: 0}, g.Outline[8])
	var order []int
	for _, f := range g.Forms {
		order = append(order, f.Index)
	}
	require.Equal(t, []int{0, 1, 2, 4, 5, 6, 8, 3, 7}, order)
	for _, bm := range g.Outline {
		if bm.Level == 1 {
			var n int
			_, err := fmt.Sscanf(bm.Title, "%d.", &n)
			require.NoError(t, err)
			require.Equal(t, g.Forms[n-1].First, bm.Page)
		}
	}
	// Each unit has a heading in the contents.
	var units []string
	for p := g.TOCFirst; p < g.TOCFirst+g.TOCPages; p++ {
		for _, it := range bindTexts(g.Pages[p], "unit") {
			units = append(units, it.Text)
		}
	}
	require.Equal(t, []string{"江阴市人力资源和社会保障局（机关）", "江阴市财政局"}, units)
}

func TestBinderSameForAnyWorkers(t *testing.T) {
	b := binderBook(50)
	var docs []*whole
	for _, w := range []int{1, 2, 7} {
		docs = append(docs, bindTest(t, b, Options{Workers: w, Duplex: true}))
	}
	for _, d := range docs[1:] {
		require.True(t, reflect.DeepEqual(docs[0].Document, d.Document))
		require.Equal(t, docs[0].Forms, d.Forms)
	}
}

func TestBinderProgress(t *testing.T) {
	b := binderBook(30)
	var calls []int
	bindTest(t, b, Options{Workers: 3, Progress: func(done, total int) {
		require.Equal(t, 30, total)
		calls = append(calls, done)
	}})
	// bindTest plans the binder three times (twice in memory, once streamed).
	require.Len(t, calls, 90)
	for i, done := range calls {
		require.Equal(t, i%30+1, done)
	}
}

func TestBinderCover(t *testing.T) {
	b := binderBook(3)
	b.Forms[0].TotalAmount, b.Forms[1].TotalAmount, b.Forms[2].TotalAmount = "0.1", "0.2", "4012.805"
	b.Forms[2].YearAmount = "13645.49"
	bl := bindTest(t, b, Options{})
	cover := bl.Pages[0]
	var all []string
	for _, it := range cover.Items {
		if it.Kind == layout.Text {
			all = append(all, it.Text)
		}
	}
	s := strings.Join(all, "|")
	require.Contains(t, s, model.DefaultTitle)
	require.Contains(t, s, "2024年度")
	require.Contains(t, s, "单位名称：|江阴市人力资源和社会保障局（机关）")
	require.Contains(t, s, "项目数量：|3 个")
	require.Contains(t, s, "项目总金额合计：|4013.105 万元") // exact, never 4013.1050000001
	require.Contains(t, s, "本年度项目金额合计：|13645.59 万元")

	b = binderBook(4) // the fourth form is of another unit
	s = ""
	for _, it := range bindTest(t, b, Options{}).Pages[0].Items {
		s += it.Text + "|"
	}
	require.Contains(t, s, "单位名称：|各单位|")
	require.Contains(t, s, "主管部门：|江阴市人力资源和社会保障局|")
}

func TestBinderErrors(t *testing.T) {
	_, err := bindAssemble(&model.Book{}, binderMeasurer{}, Options{Layout: layout.DefaultOptions()}, bindFakeForms)
	require.ErrorContains(t, err, "no forms")

	b := binderBook(20)
	boom := errors.New("boom")
	var calls atomic.Int32
	_, err = bindAssemble(b, binderMeasurer{}, Options{Layout: layout.DefaultOptions(), Workers: 2}, func(k int, f *model.Form) ([]*layout.Page, error) {
		calls.Add(1)
		if f.Project == "项目3号" || f.Project == "项目5号" {
			return nil, boom
		}
		if f.Project == "项目4号" {
			panic("bad form")
		}
		return bindFakeForms(k, f)
	})
	require.ErrorIs(t, err, boom)
	require.ErrorContains(t, err, "form 3 (项目3号)")

	b.Forms[1].YearAmount = "1,5"
	_, err = bindAssemble(b, binderMeasurer{}, Options{Layout: layout.DefaultOptions()}, bindFakeForms)
	require.ErrorContains(t, err, "本年度项目金额")
}

func TestBinderLeadersLineUp(t *testing.T) {
	bl := bindTest(t, binderBook(12), Options{})
	toc := bl.Pages[bl.TOCFirst]
	leaders := bindTexts(toc, "leader")
	require.NotEmpty(t, leaders)
	x0, pitch := layout.DefaultOptions().Binding, leaders[0].Spacing+layout.DefaultOptions().BodySize/2-leaders[0].Spacing
	for _, l := range leaders {
		require.Zero(t, (l.X-x0)%pitch, "leader at %d off the grid", l.X)
		for _, a := range bindTexts(toc, "amount") {
			if a.Y == l.Y {
				require.Less(t, l.X+l.W, a.X, "leader runs into the amount")
			}
		}
	}
	// Amounts are shown with at least two decimals, right-aligned.
	for _, a := range bindTexts(toc, "amount") {
		require.Equal(t, "0.05", a.Text)
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 99: "xcix", 388: "ccclxxxviii"} {
		require.Equal(t, want, roman(n))
	}
}

// A unit continued on a new page of the contents is named again there, and
// the heading of a unit never ends a page.
func TestBinderUnitContinued(t *testing.T) {
	bl := bindTest(t, binderBook(200), Options{GroupByUnit: true})
	require.Greater(t, bl.TOCPages, 2)
	for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
		pg := bl.Pages[p]
		units := bindTexts(pg, "unit")
		nums := bindTexts(pg, "number")
		require.NotEmpty(t, units, "page %d names no unit", p)
		require.NotEmpty(t, nums)
		require.Less(t, units[0].Y, nums[0].Y, "page %d: the first entry comes before any unit", p)
		last := units[len(units)-1]
		require.Less(t, last.Y, nums[len(nums)-1].Y, "page %d ends with a unit heading", p)
		if p > bl.TOCFirst {
			n, err := strconv.Atoi(nums[0].Text)
			require.NoError(t, err)
			prev := bl.Forms[n-2].Unit
			if bl.Forms[n-1].Unit == prev {
				require.Equal(t, prev+"（续）", units[0].Text, "page %d", p)
			} else {
				require.Equal(t, bl.Forms[n-1].Unit, units[0].Text, "page %d", p)
			}
		}
	}
}

// TestContentsHeadingKeptWithSums: a unit's heading stays on the page of
// its first entry even when that entry takes the 小计 and 合计 with it (the
// last unit of one form): whatever the number of forms before it, no page
// of the contents ends with a heading (it did, the entry and sums going to
// the next page under 「（续）」: the seventh session's review).
func TestContentsHeadingKeptWithSums(t *testing.T) {
	for n := 10; n <= 60; n++ {
		b := binderBook(n + 1)
		for i := range b.Forms {
			b.Forms[i].Unit = "单位甲"
			b.Forms[i].Project = fmt.Sprintf("项目%d号", i+1)
		}
		b.Forms[n].Unit = "单位乙"
		bl := bindTest(t, b, Options{GroupByUnit: true})
		for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
			units, nums := bindTexts(bl.Pages[p], "unit"), bindTexts(bl.Pages[p], "number")
			require.NotEmpty(t, nums, "%d forms: contents page %d has no entry", n+1, p)
			if len(units) > 0 {
				require.Less(t, units[len(units)-1].Y, nums[len(nums)-1].Y, "%d forms: contents page %d ends with a unit heading", n+1, p)
				require.NotEqual(t, "单位乙（续）", units[0].Text, "%d forms: page %d", n+1, p)
			}
		}
	}
}

func TestBinderStreamErrors(t *testing.T) {
	b := binderBook(30)
	opt := Options{Layout: layout.DefaultOptions(), Workers: 3}
	// A layout that fails the second time it sees form 17.
	var seen sync.Map
	flaky := func(k int, f *model.Form) ([]*layout.Page, error) {
		if _, again := seen.LoadOrStore(k, true); again && k == 16 {
			return nil, errors.New("flaky")
		}
		return bindFakeForms(k, f)
	}
	s, err := plan(b, binderMeasurer{}, opt, flaky, 0)
	require.NoError(t, err)
	last := -1
	err = s.Pages(func(i int, _ *layout.Page) error { last = i; return nil })
	require.ErrorContains(t, err, "form 17 (项目17号): flaky")
	require.Equal(t, s.Forms[16].First-1, last, "pages up to form 17 are read, none after")

	// An error of the reader stops the stream.
	stop := errors.New("disk full")
	s, err = plan(b, binderMeasurer{}, opt, bindFakeForms, 0)
	require.NoError(t, err)
	calls := 0
	err = s.Pages(func(i int, _ *layout.Page) error {
		calls++
		if i == s.FormFirst+3 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	require.Equal(t, s.FormFirst+4, calls)
}

// Join: the binder's year is the first book's (its own, else that of its
// first form that has one); a form of another year is kept and listed as a stray, unless
// validation warns of it already (its book is of the binder's year).
func TestJoin(t *testing.T) {
	form := func(year int, project string) model.Form { return model.Form{Year: year, Project: project} }
	books := []*model.Book{
		{Forms: []model.Form{form(2024, "A1"), form(2023, "A2")}},
		{Year: 2023, Title: "T", Forms: []model.Form{form(2023, "B1")}},
		{Year: 2024, Forms: []model.Form{form(2022, "C1"), form(0, "C2")}},
	}
	book, strays := Join(books)
	require.Equal(t, 2024, book.Year)
	require.Equal(t, "T", book.Title)
	var projects []string
	for _, f := range book.Forms {
		projects = append(projects, f.Project)
	}
	require.Equal(t, []string{"A1", "A2", "B1", "C1", "C2"}, projects)
	require.Equal(t, []Stray{{Book: 0, Form: 1, Year: 2023}, {Book: 1, Form: 0, Year: 2023}}, strays)

	// A first form without a year (an error of its own) does not make
	// the binder's year 0 and every other form a stray.
	book, strays = Join([]*model.Book{{Forms: []model.Form{form(0, "X"), form(2024, "A1")}}, {Forms: []model.Form{form(2024, "D1"), form(2023, "D2")}}})
	require.Equal(t, 2024, book.Year)
	require.Equal(t, []Stray{{Book: 1, Form: 1, Year: 2023}}, strays)

	empty, strays := Join([]*model.Book{{Year: 2024}})
	require.Empty(t, empty.Forms)
	require.Empty(t, strays)
}
