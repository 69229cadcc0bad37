package binder

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"jixiao/layout"
	"jixiao/model"
)

// longName returns a CJK name of n characters that does not repeat within a
// line, so that a line cut short shows where it came from.
func longName(prefix string, n int) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i := utf8.RuneCountInString(prefix); i < n; i++ {
		b.WriteRune(rune('一' + i%500))
	}
	return b.String()
}

// coverTexts returns the cover's texts of field, joined.
func coverTexts(p *layout.Page, field string) string {
	var b strings.Builder
	for _, it := range bindTexts(p, field) {
		b.WriteString(it.Text)
	}
	return b.String()
}

// A cover with a long 单位名称, 主管部门 or title stays inside the page
// (bindTest runs Check), shows every particular, and cuts a value short only
// with a visible 「…」.
func TestBinderCoverLongValues(t *testing.T) {
	for _, paper := range []string{"A4", "A4-landscape"} {
		for _, c := range []struct {
			name                    string
			unit, department, title int // lengths in characters, 0 for the usual
		}{
			{"unit100", 100, 0, 0},
			{"unit150", 150, 0, 0},
			{"unit200", 200, 0, 0},
			{"department150", 0, 150, 0},
			{"both150", 150, 150, 0},
			{"title120", 0, 0, 120},
			{"title120-unit100", 100, 0, 120},
			{"all300", 300, 300, 300},
			{"title2000", 0, 0, 2000},
		} {
			t.Run(paper+"/"+c.name, func(t *testing.T) {
				opt := layout.DefaultOptions()
				var err error
				opt.Width, opt.Height, err = layout.PaperSize(paper)
				require.NoError(t, err)
				b := binderBook(3)
				for i := range b.Forms {
					if c.unit > 0 {
						b.Forms[i].Unit = longName("单位", c.unit)
					}
					if c.department > 0 {
						b.Forms[i].Department = longName("部门", c.department)
					}
				}
				if c.title > 0 {
					b.Title = longName("标题", c.title)
				}
				bl := bindTest(t, b, Options{Layout: opt})
				cover := bl.Pages[0]
				s := ""
				for _, it := range cover.Items {
					if it.Kind == layout.Text {
						s += it.Text + "|"
					}
				}
				require.Contains(t, s, "项目数量：|3 个|")
				require.Contains(t, s, "项目总金额合计：|")
				require.Contains(t, s, "本年度项目金额合计：|")
				require.Contains(t, s, "2024年度")

				for _, want := range []struct{ field, value string }{{"title", titleOf(b)}, {"unit", b.Forms[0].Unit}, {"department", b.Forms[0].Department}} {
					var got string
					switch want.field {
					case "title":
						got = coverTexts(cover, "title")
					default:
						got = coverValue(cover, map[string]string{"unit": "单位名称：", "department": "主管部门："}[want.field])
					}
					if (want.field == "unit" && c.unit >= 200) || (want.field == "title" && c.title >= 2000) {
						require.True(t, strings.HasSuffix(got, "…"), "%s: %q not cut short", want.field, got)
					}
					if strings.HasSuffix(got, "…") {
						require.True(t, strings.HasPrefix(want.value, strings.TrimSuffix(got, "…")), "%s: %q is not a beginning of the value", want.field, got)
						require.Less(t, utf8.RuneCountInString(got), utf8.RuneCountInString(want.value))
					} else {
						require.Equal(t, want.value, got, want.field)
					}
				}
			})
		}
	}
}

// coverValue returns the value shown after label on the cover: the "cover"
// texts from the label's line down to the next label.
func coverValue(p *layout.Page, label string) string {
	var b strings.Builder
	for _, it := range coverLines(p, label) {
		b.WriteString(it.Text)
	}
	return b.String()
}

// coverLines returns the lines of the value shown after label on the
// cover.
func coverLines(p *layout.Page, label string) []layout.Item {
	var y, next layout.Length = -1, -1
	labels := bindTexts(p, "label")
	for k, l := range labels {
		if l.Text == label {
			y = l.Y
			if k+1 < len(labels) {
				next = labels[k+1].Y
			}
		}
	}
	var out []layout.Item
	for _, it := range bindTexts(p, "cover") {
		if it.Y >= y && (next < 0 || it.Y < next) {
			out = append(out, it)
		}
	}
	return out
}

// A cover that cannot fit even cut short is an error, never a page with
// text off its edge.
func TestBinderCoverNoRoom(t *testing.T) {
	opt := layout.DefaultOptions()
	opt.TitleSize = 60 * layout.Pt // 90 pt cover title, 47 pt particulars
	b := binderBook(3)
	_, err := bindAssemble(b, binderMeasurer{}, Options{Layout: opt}, bindFakeForms)
	require.ErrorContains(t, err, "binder: cover: ")
}

// checkContents walks the contents as a reader would: every entry's number,
// page number and link lead to the page where that form starts, and every
// form has an entry.
func checkContents(t *testing.T, bl *whole) {
	t.Helper()
	seen := 0
	for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
		pg := bl.Pages[p]
		require.Equal(t, fmt.Sprintf("toc %d", p-bl.TOCFirst+1), pg.Label)
		nums, folios := bindTexts(pg, "number"), bindTexts(pg, "page")
		var links []layout.Item
		for _, it := range pg.Items {
			if it.Kind == layout.Link {
				links = append(links, it)
			}
		}
		require.Equal(t, len(nums), len(folios))
		require.Equal(t, len(nums), len(links))
		for k := range nums {
			seen++
			n, err := strconv.Atoi(nums[k].Text)
			require.NoError(t, err)
			require.Equal(t, seen, n)
			start := links[k].Target
			require.Equal(t, bl.Forms[n-1].First, start)
			require.True(t, strings.HasPrefix(bl.Pages[start].Label, fmt.Sprintf("form %d page 1/", n)), bl.Pages[start].Label)
			folio, err := strconv.Atoi(folios[k].Text)
			require.NoError(t, err)
			require.Equal(t, start-bl.FormFirst+1, folio)
		}
	}
	require.Equal(t, len(bl.Forms), seen)
	// The forms start right after the contents (or a blank page in duplex).
	require.GreaterOrEqual(t, bl.FormFirst, bl.TOCFirst+bl.TOCPages)
	require.LessOrEqual(t, bl.FormFirst, bl.TOCFirst+bl.TOCPages+1)
}

// A project name or a unit longer than a page is cut short in the contents
// (ending with 「…」) and kept whole in the bookmarks; the contents stay on
// their pages and still point at the forms.
func TestBinderContentsLongNames(t *testing.T) {
	for _, paper := range []string{"A4", "A4-landscape"} {
		for _, duplex := range []bool{false, true} {
			for _, group := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s,duplex=%v,group=%v", paper, duplex, group), func(t *testing.T) {
					opt := layout.DefaultOptions()
					var err error
					opt.Width, opt.Height, err = layout.PaperSize(paper)
					require.NoError(t, err)
					b := binderBook(120)
					b.Forms[0].Project = longName("项目", 1500)
					b.Forms[41].Project = longName("另一个项目", 1500)
					long := longName("单位", 1500)
					for i := range b.Forms {
						if i%2 == 1 { // enough forms to continue the unit on a new page
							b.Forms[i].Unit = long
						}
					}
					bl := bindTest(t, b, Options{Layout: opt, Duplex: duplex, GroupByUnit: group})
					checkContents(t, bl)

					var projects, units []string
					for p := bl.TOCFirst; p < bl.TOCFirst+bl.TOCPages; p++ {
						pg := bl.Pages[p]
						// A row's lines are the project texts within its link.
						for _, l := range pg.Items {
							if l.Kind != layout.Link {
								continue
							}
							name := ""
							for _, it := range bindTexts(pg, "project") {
								if it.Y > l.Y && it.Y < l.Y+l.H {
									name += it.Text
								}
							}
							projects = append(projects, name)
						}
						for _, it := range bindTexts(pg, "unit") {
							units = append(units, it.Text)
						}
					}
					cut := 0
					for _, s := range projects {
						if strings.HasSuffix(s, "…") {
							cut++
							require.Less(t, utf8.RuneCountInString(s), 1500)
						}
					}
					require.Equal(t, 2, cut, "the two long names are cut short, no other")
					for _, bm := range bl.Outline {
						if strings.Contains(bm.Title, "另一个项目") {
							require.True(t, strings.HasSuffix(bm.Title, b.Forms[41].Project), "the bookmark keeps the whole name")
						}
					}
					if group {
						require.Contains(t, strings.Join(units, "|"), "…")
						require.Contains(t, strings.Join(units, "|"), "…（续）", "a continued unit cut short keeps its （续）")
					}
				})
			}
		}
	}
}

func TestBinderBreakMax(t *testing.T) {
	m := binderMeasurer{}
	size, width := 10*layout.Pt, 50*layout.Pt // five wide characters a line
	for _, c := range []struct {
		s, tail string
		n       int
		want    []string
	}{
		{"一二三四五六七八九十", "", 2, []string{"一二三四五", "六七八九十"}},
		{"一二三四五六七八九十", "", 0, []string{"一二三四五", "六七八九十"}},
		{"一二三四五六七八九十甲", "", 2, []string{"一二三四五", "六七八九…"}},
		{"一二三四五六七八九十甲", "", 1, []string{"一二三四…"}},
		{"一二三四五六七八九十甲", "（续）", 2, []string{"一二三四五", "六…（续）"}},
		{"一二三四五六", "（续）", 2, []string{"一二三四五", "六（续）"}},
	} {
		got := breakMax(m, layout.Body, size, width, c.s, c.tail, c.n)
		require.Equal(t, c.want, got, "%q %q %d", c.s, c.tail, c.n)
		for _, l := range got {
			require.LessOrEqual(t, layout.TextWidth(l, layout.Body, size, m), width, l)
		}
	}
}

// Contents that cannot hold one entry under their heading are an error, not
// rows drawn over the footer.
func TestBinderContentsNoRoom(t *testing.T) {
	o := layout.DefaultOptions()
	o.Height = o.Top + o.Bottom + 60*layout.Pt // the heading and column heads take 55 pt
	forms := []Form{{Number: 1, Project: "项目", Folio: 1}}
	_, err := newTOC(forms, []*model.Form{{YearAmount: "1"}}, binderMeasurer{}, newGeometry(o, false), false)
	require.ErrorContains(t, err, "binder: contents: ")

	o.Width = o.Binding + o.Outer + 100*layout.Pt // no width left for the names
	o.Height = layout.DefaultOptions().Height
	_, err = newTOC(forms, []*model.Form{{YearAmount: "1"}}, binderMeasurer{}, newGeometry(o, false), false)
	require.ErrorContains(t, err, "binder: contents: no room for the project names")
}

// TestBinderCoverRoomForLongNames: long names take the room the cover has
// before they are cut: the particulars begin in the middle of the page
// when they fit there, move up (a line below the year at most) when they
// do not, so that a 64-character 单位名称 and a 59-character 主管部门 print
// whole on A4, and a value longer than that room runs to coverValueLines
// lines before its 「…」.
func TestBinderCoverRoomForLongNames(t *testing.T) {
	labelY := func(p *layout.Page) layout.Length { return bindTexts(p, "label")[0].Y }
	yearY := func(p *layout.Page) layout.Length { return bindTexts(p, "year")[0].Y }
	opt := layout.DefaultOptions()
	short := bindTest(t, binderBook(3), Options{Layout: opt}).Pages[0]
	require.GreaterOrEqual(t, labelY(short), opt.Height/2, "short particulars begin in the middle")

	b := binderBook(3)
	for i := range b.Forms {
		b.Forms[i].Unit = longName("单位", 64)
		b.Forms[i].Department = longName("部门", 59)
	}
	cover := bindTest(t, b, Options{Layout: opt}).Pages[0]
	require.Equal(t, b.Forms[0].Unit, coverValue(cover, "单位名称："))
	require.Equal(t, b.Forms[0].Department, coverValue(cover, "主管部门："))
	require.Equal(t, b.Forms[0].Department, coverValue(cover, filerLabel))
	require.Less(t, labelY(cover), opt.Height/2, "the particulars moved up")
	require.Greater(t, labelY(cover), yearY(cover), "the particulars stay under the year")

	for i := range b.Forms {
		b.Forms[i].Unit = longName("单位", 200)
		b.Forms[i].Department = "江阴市人力资源和社会保障局"
	}
	cover = bindTest(t, b, Options{Layout: opt}).Pages[0]
	got := coverValue(cover, "单位名称：")
	require.True(t, strings.HasSuffix(got, "…"), "%q not cut", got)
	require.Len(t, coverLines(cover, "单位名称："), coverValueLines, "a long 单位名称 runs to %d lines", coverValueLines)
}
