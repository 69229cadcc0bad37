package layout

import (
	"strings"
	"testing"

	"jixiao/model"
)

// TestRunningHead: every page after the first carries one running head in
// its top margin, 「<title>（续） 项目名称：<project>」 in the body role at
// HeadSize, cut with 「…」 when too long; page 1 has none; and the head is
// part of the page frame: the table starts at the top margin, and another
// head size changes nothing else on any page.
func TestRunningHead(t *testing.T) {
	b := exampleBook(t)
	f := b.Forms[3] // 人社专职协理员工作经费, three pages
	opt := DefaultOptions()
	d, _ := layoutChecked(t, &f, fixed{}, opt)
	if len(d.Pages) < 2 {
		t.Fatalf("form 4 has %d pages", len(d.Pages))
	}
	want := "市级财政项目支出预算绩效目标表（续） 项目名称：" + f.Project
	for i, p := range d.Pages {
		var heads []Item
		tableTop := Length(-1)
		for _, it := range p.Items {
			if it.Kind == Text && it.Field == "head" {
				heads = append(heads, it)
			}
			if it.Kind == Rule && it.Stroke == frameStroke && tableTop < 0 {
				tableTop = min(it.Y, it.Y2)
			}
		}
		if i == 0 {
			if len(heads) != 0 {
				t.Errorf("page 1 has a running head %v", heads)
			}
			continue
		}
		if len(heads) != 1 {
			t.Fatalf("page %d: %d running heads", i+1, len(heads))
		}
		h := heads[0]
		if h.Text != want || h.Role != Body || h.Size != opt.HeadSize || h.Size >= opt.TitleSize {
			t.Errorf("page %d: head %q role %v size %d, want %q in the body role at %d", i+1, h.Text, h.Role, h.Size, want, opt.HeadSize)
		}
		if h.Y+h.Size*DescentEm/1000 > opt.Top || h.X != opt.left(false) {
			t.Errorf("page %d: head at (%d, %d), not in the top margin at the left edge", i+1, h.X, h.Y)
		}
		if tableTop != opt.Top {
			t.Errorf("page %d: the table starts at %d, not at the top margin %d", i+1, tableTop, opt.Top)
		}
	}
	// Another head size: every other item the same.
	big := opt
	big.HeadSize = 14 * Pt
	d2, _ := layoutChecked(t, &f, fixed{}, big)
	if len(d2.Pages) != len(d.Pages) {
		t.Fatalf("head size 14 pt: %d pages, want %d", len(d2.Pages), len(d.Pages))
	}
	for i := range d.Pages {
		a, b := withoutField(d.Pages[i].Items, "head"), withoutField(d2.Pages[i].Items, "head")
		if len(a) != len(b) {
			t.Fatalf("page %d: %d items, with a bigger head %d", i+1, len(a), len(b))
		}
		for k := range a {
			// Structure elements are compared by identity; the two
			// layouts have their own.
			ak, bk := a[k], b[k]
			ak.Elem, bk.Elem = nil, nil
			if ak != bk {
				t.Errorf("page %d: item %d moved with a bigger head: %v → %v", i+1, k, a[k], b[k])
				break
			}
		}
	}
	// A long title is cut with 「…」 before the project name, which names
	// the form on the page (it was cut first: the seventh session's
	// review).
	project := f.Project
	f.Title = strings.Repeat("江阴市人力资源和社会保障局", 4) + "专用"
	d4, _ := layoutChecked(t, &f, fixed{}, opt)
	for i, p := range d4.Pages[1:] {
		for _, it := range p.Items {
			if it.Field == "head" && (!strings.HasSuffix(it.Text, "…（续） 项目名称："+project) || !strings.HasPrefix(it.Text, "江阴市") || it.W > opt.contentWidth()) {
				t.Errorf("page %d: long title's head %q (%d wide, content %d)", i+2, it.Text, it.W, opt.contentWidth())
			}
		}
	}
	f.Title = ""
	// A project name too long for the line even alone is cut with 「…」
	// to the content width, the title left out.
	f.Project = strings.Repeat("很长的项目名称", 20)
	d3, _ := layoutChecked(t, &f, fixed{}, opt)
	for i, p := range d3.Pages[1:] {
		for _, it := range p.Items {
			if it.Field == "head" && (!strings.HasSuffix(it.Text, "…") || it.W > opt.contentWidth() || !strings.HasPrefix(it.Text, "（续） 项目名称：很长")) {
				t.Errorf("page %d: long head %q (%d wide, content %d)", i+2, it.Text, it.W, opt.contentWidth())
			}
		}
	}
	// A top margin that cannot hold it is an error, not an overlap.
	small := opt
	small.Top = 5 * Pt
	if _, err := Form(&f, fixed{}, small); err == nil || !strings.Contains(err.Error(), "running head") {
		t.Errorf("top margin 5 pt: %v", err)
	}
}

func withoutField(items []Item, field string) []Item {
	var out []Item
	for _, it := range items {
		if it.Field != field {
			out = append(out, it)
		}
	}
	return out
}

// TestWholeFrameworkPrinted: the categories and standard 三级 a form leaves
// out are printed in their places, with empty values: no 过程 rows, no
// 生态效益 row and no 立项程序规范性 give the rows of the official form.
func TestWholeFrameworkPrinted(t *testing.T) {
	full := sampleForm()
	f := sampleForm()
	var kept []model.Indicator
	for _, in := range f.Indicators {
		if in.Level1 == "过程" || in.Level2 == "生态效益" || in.Level3 == "立项程序规范性" {
			continue
		}
		kept = append(kept, in)
	}
	f.Indicators = kept
	g := &grid{opt: new(DefaultOptions()), m: fixed{}}
	if err := g.build(f); err != nil {
		t.Fatal(err)
	}
	gf := &grid{opt: new(DefaultOptions()), m: fixed{}}
	if err := gf.build(full); err != nil {
		t.Fatal(err)
	}
	rowTexts := func(g *grid) []string {
		var out []string
		for _, r := range g.rows[g.header+1:] {
			l2 := g.spans[r.spans[1]].cell.lines[0].Text
			l1 := g.spans[r.spans[0]].cell.lines[0].Text
			out = append(out, l1+"/"+l2+"/"+r.cells[0].lines[0].Text)
		}
		return out
	}
	if got, want := strings.Join(rowTexts(g), " "), strings.Join(rowTexts(gf), " "); got != want {
		t.Errorf("rows\n got %s\nwant %s", got, want)
	}
	d, _ := layoutChecked(t, f, fixed{}, DefaultOptions())
	if got := strings.Join(texts(d, "framework.level3"), ""); got != "立项程序规范性资金到位率预算执行率资金使用合规性管理制度健全性制度执行有效性" {
		t.Errorf("added 三级 %q", got)
	}
	for _, field := range []string{"framework.half_year", "framework.full_year"} {
		if got := texts(d, field); len(got) != 0 {
			t.Errorf("added rows have values %q", got)
		}
	}
	if got := strings.Join(texts(d, "framework.level2"), " "); !strings.Contains(got, "生态效益") || !strings.Contains(got, "资金管理") {
		t.Errorf("added 二级 %q", got)
	}
	// A 二级 of 决策 given as an empty row on purpose stays one empty row.
	f = sampleForm()
	f.Indicators = append([]model.Indicator{{Level1: "决策", Level2: "项目立项"}}, f.Indicators[2:]...)
	rows := printedRows(f.Indicators)
	if len(rows) != len(f.Indicators) {
		t.Errorf("an empty 项目立项 row got %d rows added", len(rows)-len(f.Indicators))
	}
	// A misspelt standard 三级 stands for it: nothing is added.
	f = sampleForm()
	f.Indicators[0].Level3 = "立项依据充分"
	if rows := printedRows(f.Indicators); len(rows) != len(f.Indicators) {
		t.Errorf("立项依据充分 got %d rows added", len(rows)-len(f.Indicators))
	}
	// No indicators at all: the whole framework.
	if rows := printedRows(nil); len(rows) != 11+9 {
		t.Errorf("no indicators: %d rows, want 20", len(rows))
	}
}

// TestAmountsOneWay: amounts are printed with as many decimals as written
// but at least two, never rounded; what does not parse is printed as
// written.
func TestAmountsOneWay(t *testing.T) {
	for in, want := range map[model.Amount]string{
		"4012.8": "4012.80", "250": "250.00", "0.123456": "0.123456", "13645.49": "13645.49", "1,5": "1,5", "": "",
	} {
		if got := formatAmount(in); got != want {
			t.Errorf("formatAmount(%q) = %q, want %q", in, got, want)
		}
	}
	f := sampleForm()
	f.TotalAmount, f.YearAmount = "4012.8", "250"
	d, _ := layoutChecked(t, f, fixed{}, DefaultOptions())
	if got := strings.Join(texts(d, "total_amount"), "") + "|" + strings.Join(texts(d, "year_amount"), ""); got != "4012.80|250.00" {
		t.Errorf("amounts printed as %q", got)
	}
}

// TestFitSavesNearlyEmptyLastPage: with Fit, a form whose last page would
// hold only a few rows is tightened (the step named in Page.Fit) and ends a
// page earlier; a form whose last page is well filled is laid out exactly
// as without Fit; body text never goes below 9.5 pt; Fit off never
// tightens. Over the 18 example forms, at least one form is saved.
func TestFitSavesNearlyEmptyLastPage(t *testing.T) {
	b := exampleBook(t)
	saved := 0
	for i := range b.Forms {
		f := &b.Forms[i]
		on := DefaultOptions()
		off := on
		off.Fit = false
		dOn, dumpOn := layoutChecked(t, f, fixed{}, on)
		dOff, dumpOff := layoutChecked(t, f, fixed{}, off)
		g, pfs, err := layoutGrid(f, fixed{}, off)
		if err != nil {
			t.Fatal(err)
		}
		sparse := len(pfs) >= 2 && g.sparse(&pfs[len(pfs)-1])
		for _, p := range dOff.Pages {
			if p.Fit != "" {
				t.Errorf("form %d: Fit off but page fitted %q", i+1, p.Fit)
			}
		}
		switch {
		case !sparse && dumpOn != dumpOff:
			t.Errorf("form %d: last page well filled, yet Fit changed the layout", i+1)
		case sparse && len(dOn.Pages) < len(dOff.Pages):
			saved++
			if len(dOn.Pages) != len(dOff.Pages)-1 || dOn.Pages[0].Fit == "" || !strings.Contains(dumpOn, " fit \"") {
				t.Errorf("form %d: %d → %d pages, fit %q", i+1, len(dOff.Pages), len(dOn.Pages), dOn.Pages[0].Fit)
			}
		case sparse && dumpOn != dumpOff:
			t.Errorf("form %d: a nearly empty last page that Fit cannot save must stay as it was", i+1)
		}
		for _, p := range dOn.Pages {
			for _, it := range p.Items {
				if it.Kind == Text && it.Field != "footer" && it.Field != "head" && it.Field != "title" && it.Size < 9500 {
					t.Errorf("form %d: %q at %d, below 9.5 pt", i+1, it.Text, it.Size)
				}
			}
		}
	}
	if saved == 0 {
		t.Errorf("Fit saved no page of the 18 forms")
	}
}

// TestFitSteps: each step keeps the ones before it and tightens within
// the bounds the rules set (padding, then leading, then 10 pt, then 9.5 pt),
// never loosening options that are tighter already.
func TestFitSteps(t *testing.T) {
	prev := DefaultOptions()
	for k, s := range fitSteps {
		o := s.apply(DefaultOptions())
		if o.PadY > prev.PadY || o.PadX > prev.PadX || o.LineSpacing > prev.LineSpacing || o.BodySize > prev.BodySize || o.BodySize < 9500 {
			t.Errorf("step %d (%s) loosens or goes below 9.5 pt: %+v", k+1, s.name, o)
		}
		if o == prev {
			t.Errorf("step %d (%s) changes nothing", k+1, s.name)
		}
		prev = o
	}
	tight := DefaultOptions()
	tight.BodySize, tight.LineSpacing, tight.PadX, tight.PadY = 9*Pt, 1100, Pt, 0
	for _, s := range fitSteps {
		if o := s.apply(tight); o != tight {
			t.Errorf("%s loosened %+v to %+v", s.name, tight, o)
		}
	}
}

// TestSignatureValues: with --signature, the form's 填报人, 联系电话 and
// 填报日期 are written on their lines, on the baseline of their label, after
// it; entries without a value keep an empty line; a value too long for its
// line wraps below it; a form without values is laid out as before.
func TestSignatureValues(t *testing.T) {
	opt := DefaultOptions()
	opt.Signature = true
	plain := sampleForm()
	_, before := layoutChecked(t, plain, fixed{}, opt)
	f := sampleForm()
	f.Filler, f.Phone, f.FillDate = "张三", "0510-86888888", "2024年3月1日"
	d, after := layoutChecked(t, f, fixed{}, opt)
	if before == after {
		t.Fatal("the values changed nothing")
	}
	labels := map[string]Item{}
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Field == "signature" {
				labels[it.Text] = it
			}
		}
	}
	for key, label := range map[string]string{"filler": "填报人：", "phone": "联系电话：", "fill_date": "填报日期："} {
		got := texts(d, key)
		want := map[string]string{"filler": f.Filler, "phone": f.Phone, "fill_date": f.FillDate}[key]
		if strings.Join(got, "") != want {
			t.Errorf("%s printed as %q, want %q", key, got, want)
			continue
		}
		l, ok := labels[label]
		if !ok {
			t.Fatalf("no label %s", label)
		}
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Field == key && (it.Y != l.Y || it.X <= l.X+l.W) {
					t.Errorf("%s at (%d, %d), label %s at (%d, %d) w %d", key, it.X, it.Y, label, l.X, l.Y, l.W)
				}
			}
		}
	}
	// Only the three entries are filled: the others stay blank lines.
	if n := len(labels); n != 6 {
		t.Errorf("%d signature labels, want 6", n)
	}
	f.Filler = strings.Repeat("很长的填报人姓名", 6)
	d, _ = layoutChecked(t, f, fixed{}, opt)
	if got := texts(d, "filler"); len(got) < 2 || strings.Join(got, "") != f.Filler {
		t.Errorf("a long 填报人 printed as %q", got)
	}
	// Without --signature, what the form fills in is printed all the same
	// (issue 19, item 15); a form that fills none has no block.
	d, _ = layoutChecked(t, f, fixed{}, DefaultOptions())
	if got := texts(d, "filler"); strings.Join(got, "") != f.Filler {
		t.Errorf("填报人 without --signature printed as %q", got)
	}
	f.Filler, f.Phone, f.FillDate = "", " ", ""
	d, _ = layoutChecked(t, f, fixed{}, DefaultOptions())
	if got := texts(d, "signature"); len(got) != 0 {
		t.Errorf("a block without --signature or values: %q", got)
	}
}

// TestStampPlace: a form printed without the signature block has the line
// 单位（盖章）： once, on its last page, after the table (or, when the table
// fills the page, in the bottom margin above the footer), and never costs
// a page; with the block, its entry 单位（盖章） is the one (issue 19, item
// 16).
func TestStampPlace(t *testing.T) {
	b := exampleBook(t)
	for _, paper := range []string{"A4", "A3L"} {
		opt := DefaultOptions()
		opt.Width, opt.Height, _ = PaperSize(paper)
		for i := range b.Forms {
			d, _ := layoutChecked(t, &b.Forms[i], fixed{}, opt)
			var at []int
			var item Item
			for p, pg := range d.Pages {
				for _, it := range pg.Items {
					if it.Field == "stamp" {
						at, item = append(at, p), it
					}
				}
			}
			if len(at) != 1 || at[0] != len(d.Pages)-1 || item.Text != "单位（盖章）：" {
				t.Errorf("%s form %d: stamp on pages %v of %d: %q", paper, i+1, at, len(d.Pages), item.Text)
				continue
			}
			// Below every rule of the table.
			for _, it := range d.Pages[at[0]].Items {
				if it.Kind == Rule && max(it.Y, it.Y2) > item.Y-item.Size*AscentEm/1000 {
					t.Errorf("%s form %d: stamp at %d above a rule at %d", paper, i+1, item.Y, max(it.Y, it.Y2))
					break
				}
			}
			// The block's place is its entry.
			opt2 := opt
			opt2.Signature = true
			d, _ = layoutChecked(t, &b.Forms[i], fixed{}, opt2)
			if got := texts(d, "stamp"); len(got) != 0 {
				t.Errorf("form %d: a stamp line beside the signature block", i+1)
			}
			found := false
			for _, s := range texts(d, "signature") {
				found = found || s == "单位（盖章）："
			}
			if !found {
				t.Errorf("form %d: no 单位（盖章） in the signature block", i+1)
			}
		}
	}
}

// TestSignatureUnderlinesEveryLine: a value of the signature block that
// wraps is underlined on each of its lines, not only on the first, and an
// entry left blank keeps its one line to sign.
func TestSignatureUnderlinesEveryLine(t *testing.T) {
	opt := DefaultOptions()
	opt.Signature = true
	f := sampleForm()
	f.Filler = strings.Repeat("很长的填报人姓名", 6)
	f.Phone = strings.TrimSpace(strings.Repeat("0510-86888888 ", 5))
	f.FillDate = strings.Repeat("2024年3月1日至", 5)
	d, _ := layoutChecked(t, f, fixed{}, opt)
	var lines, rules int
	for _, p := range d.Pages {
		// The block's rules: those under its first label and below.
		top := Length(-1)
		for _, it := range p.Items {
			if it.Field == "signature" && (top < 0 || it.Y < top) {
				top = it.Y
			}
		}
		var sig []Item
		for _, it := range p.Items {
			if top >= 0 && it.Kind == Rule && it.Stroke == sigStroke && it.Y > top {
				sig = append(sig, it)
			}
		}
		rules += len(sig)
		for _, it := range p.Items {
			if it.Kind != Text || (it.Field != "filler" && it.Field != "phone" && it.Field != "fill_date") {
				continue
			}
			lines++
			under := false
			for _, r := range sig {
				if r.Y == r.Y2 && r.X <= it.X && r.X2 >= it.X+it.W && r.Y > it.Y && r.Y <= it.Y+it.Size/2 {
					under = true
				}
			}
			if !under {
				t.Errorf("%s line %q at y %d is not underlined", it.Field, it.Text, it.Y)
			}
		}
	}
	if lines < 6 {
		t.Fatalf("the long values wrap to %d lines in all", lines)
	}
	// The three blank entries (单位负责人, 财务负责人, 单位（盖章）) one rule each.
	if rules != lines+3 {
		t.Errorf("%d rules for %d value lines and 3 blank entries", rules, lines)
	}
}
