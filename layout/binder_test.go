package layout

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// binderMeasurer is a fixed-width measurer: wide characters one em, others
// half an em.
type binderMeasurer struct{}

func (binderMeasurer) Advance(_ Role, r rune) int {
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
func bindFakeForms(k int, f *model.Form) ([]*Page, error) {
	return bindFakeFormsOn(DefaultOptions())(k, f)
}

// bindFakeFormsOn lays out a form as one page of o's paper per indicator.
func bindFakeFormsOn(o Options) bindFormLayout {
	return func(_ int, f *model.Form) ([]*Page, error) {
		n := len(f.Indicators)
		pages := make([]*Page, n)
		for i := range pages {
			pages[i] = &Page{Width: o.Width, Height: o.Height, Items: []Item{
				binderText(binderMeasurer{}, Title, o.TitleSize, o.Binding, o.Top+20*Pt, "绩效目标表", "title"),
			}}
		}
		return pages, nil
	}
}

func bindTest(t *testing.T, b *model.Book, opt BinderOptions) *BinderLayout {
	t.Helper()
	if opt.Layout.Width == 0 {
		opt.Layout = DefaultOptions()
	}
	lay := bindFakeFormsOn(opt.Layout)
	bl, err := bindAssemble(b, binderMeasurer{}, opt, lay)
	require.NoError(t, err)
	again, err := bindAssemble(b, binderMeasurer{}, opt, lay)
	require.NoError(t, err)
	require.True(t, reflect.DeepEqual(bl, again), "two runs differ")
	lo := opt.Layout
	lo.Mirror = opt.Duplex
	require.NoError(t, Check(bl.Document, binderMeasurer{}, lo))

	// Streamed, the binder has the same pages, and the same again when read twice.
	s, err := bindPlan(b, binderMeasurer{}, opt, lay, false)
	require.NoError(t, err)
	require.Equal(t, len(bl.Pages), s.NumPages)
	require.Equal(t, bl.Outline, s.Outline)
	require.Equal(t, bl.Labels, s.Labels)
	require.Equal(t, bl.Forms, s.Forms)
	require.Equal(t, bl.Blank, s.Blank)
	for range 2 {
		n := 0
		require.NoError(t, s.Pages(func(i int, p *Page) error {
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
func bindTexts(p *Page, field string) []Item {
	var out []Item
	for _, it := range p.Items {
		if it.Kind == Text && it.Field == field {
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
				bl := bindTest(t, b, BinderOptions{Duplex: duplex, GroupByUnit: group})
				require.Greater(t, bl.TOCPages, 1, "200 entries must take several contents pages")

				// Every entry's number, page number and link lead to the page
				// where its form starts (checkContents walks the contents).
				checkContents(t, bl)
				for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
					pg := bl.Pages[p]
					for _, it := range pg.Items {
						if it.Kind == Text && it.Field != "footer" {
							require.LessOrEqual(t, it.Y, pg.Height-DefaultOptions().Bottom+DefaultOptions().FooterSize, "%q below the text area", it.Text)
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
	bl := bindTest(t, b, BinderOptions{})
	total := len(bl.Pages) - bl.FormFirst
	require.Equal(t, []PageLabel{
		{Page: 0, Style: NoNumber, Prefix: "封面"},
		{Page: 1, Style: LowerRoman, Start: 1},
		{Page: bl.FormFirst, Style: Decimal, Start: 1},
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
	bl := bindTest(t, b, BinderOptions{Duplex: true})
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
	require.Equal(t, PageLabel{Page: 1, Style: NoNumber, Prefix: "封二"}, bl.Labels[1])
}

func TestBinderBookmarks(t *testing.T) {
	b := binderBook(9)
	bl := bindTest(t, b, BinderOptions{})
	require.Len(t, bl.Outline, 9)
	for i, bm := range bl.Outline {
		require.Equal(t, 0, bm.Level)
		require.Equal(t, bl.Forms[i].First, bm.Page)
		require.Equal(t, fmt.Sprintf("%d. %s", i+1, b.Forms[i].Project), bm.Title)
	}

	g := bindTest(t, b, BinderOptions{GroupByUnit: true})
	// Units in order of first appearance: forms 4 and 8 belong to the second.
	require.Len(t, g.Outline, 11)
	require.Equal(t, Bookmark{Title: "江阴市人力资源和社会保障局（机关）", Page: g.Forms[0].First, Level: 0}, g.Outline[0])
	require.Equal(t, Bookmark{Title: "江阴市财政局", Page: g.Forms[7].First, Level: 0}, g.Outline[8])
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
	var docs []*BinderLayout
	for _, w := range []int{1, 2, 7} {
		docs = append(docs, bindTest(t, b, BinderOptions{Workers: w, Duplex: true}))
	}
	require.True(t, reflect.DeepEqual(docs[0], docs[1]))
	require.True(t, reflect.DeepEqual(docs[0], docs[2]))
}

func TestBinderProgress(t *testing.T) {
	b := binderBook(30)
	var calls []int
	bindTest(t, b, BinderOptions{Workers: 3, Progress: func(done, total int) {
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
	bl := bindTest(t, b, BinderOptions{})
	cover := bl.Pages[0]
	var all []string
	for _, it := range cover.Items {
		if it.Kind == Text {
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
	for _, it := range bindTest(t, b, BinderOptions{}).Pages[0].Items {
		s += it.Text + "|"
	}
	require.Contains(t, s, "单位名称：|各单位|")
	require.Contains(t, s, "主管部门：|江阴市人力资源和社会保障局|")
}

func TestBinderErrors(t *testing.T) {
	_, err := bindAssemble(&model.Book{}, binderMeasurer{}, BinderOptions{Layout: DefaultOptions()}, bindFakeForms)
	require.ErrorContains(t, err, "no forms")

	b := binderBook(20)
	boom := errors.New("boom")
	var calls atomic.Int32
	_, err = bindAssemble(b, binderMeasurer{}, BinderOptions{Layout: DefaultOptions(), Workers: 2}, func(k int, f *model.Form) ([]*Page, error) {
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
	_, err = bindAssemble(b, binderMeasurer{}, BinderOptions{Layout: DefaultOptions()}, bindFakeForms)
	require.ErrorContains(t, err, "本年度项目金额")
}

func TestBinderLeadersLineUp(t *testing.T) {
	bl := bindTest(t, binderBook(12), BinderOptions{})
	bindTOC := bl.Pages[bl.TOCFirst]
	leaders := bindTexts(bindTOC, "leader")
	require.NotEmpty(t, leaders)
	x0, pitch := DefaultOptions().Binding, leaders[0].Spacing+DefaultOptions().BodySize/2-leaders[0].Spacing
	for _, l := range leaders {
		require.Zero(t, (l.X-x0)%pitch, "leader at %d off the grid", l.X)
		for _, a := range bindTexts(bindTOC, "amount") {
			if a.Y == l.Y {
				require.Less(t, l.X+l.W, a.X, "leader runs into the amount")
			}
		}
	}
	// Amounts are shown with at least two decimals, right-aligned.
	for _, a := range bindTexts(bindTOC, "amount") {
		require.Equal(t, "0.05", a.Text)
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 99: "xcix", 388: "ccclxxxviii"} {
		require.Equal(t, want, bindRoman(n))
	}
}

// A unit continued on a new page of the contents is named again there, and
// the heading of a unit never ends a page.
func TestBinderUnitContinued(t *testing.T) {
	bl := bindTest(t, binderBook(200), BinderOptions{GroupByUnit: true})
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

func TestBinderStreamErrors(t *testing.T) {
	b := binderBook(30)
	opt := BinderOptions{Layout: DefaultOptions(), Workers: 3}
	// A layout that fails the second time it sees form 17.
	var seen sync.Map
	flaky := func(k int, f *model.Form) ([]*Page, error) {
		if _, again := seen.LoadOrStore(k, true); again && k == 16 {
			return nil, errors.New("flaky")
		}
		return bindFakeForms(k, f)
	}
	s, err := bindPlan(b, binderMeasurer{}, opt, flaky, false)
	require.NoError(t, err)
	last := -1
	err = s.Pages(func(i int, _ *Page) error { last = i; return nil })
	require.ErrorContains(t, err, "form 17 (项目17号): flaky")
	require.Equal(t, s.Forms[16].First-1, last, "pages up to form 17 are read, none after")

	// An error of the reader stops the stream.
	stop := errors.New("disk full")
	s, err = bindPlan(b, binderMeasurer{}, opt, bindFakeForms, false)
	require.NoError(t, err)
	calls := 0
	err = s.Pages(func(i int, _ *Page) error {
		calls++
		if i == s.FormFirst+3 {
			return stop
		}
		return nil
	})
	require.ErrorIs(t, err, stop)
	require.Equal(t, s.FormFirst+4, calls)
}
