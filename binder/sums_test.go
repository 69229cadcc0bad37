package binder

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/model"
)

// TestBinderSubtotals: grouped contents show a 小计 after each unit's
// entries, with the exact sum of their 本年度项目金额, and a 合计 of all at
// the end; no page of the contents starts with a sum; ungrouped contents
// have none.
func TestBinderSubtotals(t *testing.T) {
	b := binderBook(90)
	b.Forms[3].YearAmount = "0.123456" // a unit of 江阴市财政局 with six decimals
	bl := bindTest(t, b, Options{GroupByUnit: true})
	var subs, totals []string
	for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
		pg := bl.Pages[p]
		for _, it := range bindTexts(pg, "subtotal") {
			subs = append(subs, it.Text)
		}
		for _, it := range bindTexts(pg, "total") {
			totals = append(totals, it.Text)
		}
		nums := bindTexts(pg, "number")
		require.NotEmpty(t, nums, "contents page %d holds only sums", p)
		for _, field := range []string{"subtotal", "total"} {
			for _, s := range bindTexts(pg, field) {
				require.Greater(t, s.Y, nums[0].Y, "page %d starts with a %s", p, field)
			}
		}
	}
	// Units in order of first appearance: 68 forms of the 局（机关）, 22 of 财政局.
	want := func(amounts ...model.Amount) string {
		s, err := model.Sum(amounts)
		require.NoError(t, err)
		return string(s)
	}
	var unit1, unit2, all []model.Amount
	for _, f := range b.Forms {
		if f.Unit == "江阴市财政局" {
			unit2 = append(unit2, f.YearAmount)
		} else {
			unit1 = append(unit1, f.YearAmount)
		}
		all = append(all, f.YearAmount)
	}
	require.Equal(t, []string{want(unit1...), want(unit2...)}, subs)
	require.Equal(t, []string{want(all...)}, totals)
	require.Equal(t, "4.573456", totals[0], "exact decimals: 89 × 0.05 + 0.123456")

	plain := bindTest(t, b, Options{})
	for p := plain.TOCFirst; p < plain.TOCFirst+plain.TOCPages; p++ {
		require.Empty(t, bindTexts(plain.Pages[p], "subtotal"))
		require.Empty(t, bindTexts(plain.Pages[p], "total"))
	}
}

// TestBinderCoverFiling: the cover names 编报单位（盖章） (the department) and
// 编报日期: the date given, else the year with blanks for month and day.
func TestBinderCoverFiling(t *testing.T) {
	b := binderBook(5)
	cover := func(opt Options) string {
		var s []string
		for _, it := range bindTexts(bindTest(t, b, opt).Pages[0], "cover") {
			s = append(s, it.Text)
		}
		var labels []string
		for _, it := range bindTexts(bindTest(t, b, opt).Pages[0], "label") {
			labels = append(labels, it.Text)
		}
		return strings.Join(labels, "|") + "\n" + strings.Join(s, "|")
	}
	got := cover(Options{})
	require.Contains(t, got, "编报单位（盖章）：|编报日期：", "the place where the office stamps the binder")
	require.True(t, strings.HasSuffix(got, "|江阴市人力资源和社会保障局|2024年　　月　　日"), got)
	got = cover(Options{Date: "2024年3月1日"})
	require.True(t, strings.HasSuffix(got, "|2024年3月1日"), got)
}

// TestBinderAmountsOnThePoint: the contents' amounts, the sums among them,
// line up on their decimal points (428.125 over 77.50 over 12000), and the
// 小计 and 合计 are in the contents' own face (issue 19, item 15).
func TestBinderAmountsOnThePoint(t *testing.T) {
	b := binderBook(6)
	for i, a := range []model.Amount{"428.125", "77.5", "12000", "0.05", "1234.5", "3"} {
		b.Forms[i].YearAmount = a
		b.Forms[i].TotalAmount = "20000"
	}
	bl := bindTest(t, b, Options{GroupByUnit: true})
	var point []int64
	for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
		pg := bl.Pages[p]
		for _, field := range []string{"amount", "subtotal", "total", "label"} {
			for _, it := range bindTexts(pg, field) {
				if field == "label" && it.Text != "小计" && it.Text != "合计" {
					continue
				}
				require.Equal(t, layout.Body, it.Role, "%s %q", field, it.Text)
				if field == "label" {
					continue
				}
				whole, _, _ := strings.Cut(it.Text, ".")
				point = append(point, int64(it.X+layout.TextWidth(whole, it.Role, it.Size, binderMeasurer{})))
			}
		}
	}
	require.Len(t, point, 6+2+1)
	for _, x := range point {
		require.InDelta(t, point[0], x, 2, "decimal points at %v", point)
	}
}
