package layout

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"jixiao/golden"
	"jixiao/model"
)

func TestGoldenExampleForms(t *testing.T) {
	b := exampleBook(t)
	if len(b.Forms) != 18 {
		t.Fatalf("%d forms in the example book, want 18", len(b.Forms))
	}
	for i := range b.Forms {
		_, dump := layoutChecked(t, &b.Forms[i], fixed{}, DefaultOptions())
		golden.Assert(t, fmt.Sprintf("layout/form-%02d.txt", i+1), []byte(dump))
	}
}

func TestExampleFormsAllOptions(t *testing.T) {
	b := exampleBook(t)
	for _, paper := range []string{"A4", "A3", "A4-landscape", "A3L"} {
		for _, m := range []Measurer{fixed{}, varied{}} {
			opt := DefaultOptions()
			var err error
			opt.Width, opt.Height, err = PaperSize(paper)
			if err != nil {
				t.Fatal(err)
			}
			opt.Mirror, opt.Signature = true, true
			for i := range b.Forms {
				layoutChecked(t, &b.Forms[i], m, opt)
			}
		}
	}
}

// paginated lays f out and returns the grid and its pages, for tests that
// look at rows and fragments.
func paginated(t *testing.T, f *model.Form, opt Options) (*grid, []pageFrags) {
	t.Helper()
	g := &grid{opt: &opt, m: fixed{}}
	if err := g.build(f); err != nil {
		t.Fatal(err)
	}
	pfs, err := g.paginate()
	if err != nil {
		t.Fatal(err)
	}
	return g, pfs
}

// checkPagination verifies the pagination rules on the fragments: rows in
// order, each whole or split at line boundaries into consecutive parts; a
// row split only if it is a long text or taller than a page; the header
// row never last on a page; continuation pages with indicator rows start
// with the header; the signature block never alone on a page.
func checkPagination(t *testing.T, g *grid, pfs []pageFrags) {
	t.Helper()
	next, line := 0, 0
	for pi, pf := range pfs {
		if len(pf.frags) == 0 {
			if pf.sig == 0 {
				t.Errorf("page %d is empty", pi+1)
			} else {
				t.Errorf("page %d holds the signature block alone", pi+1)
			}
			continue
		}
		for k, f := range pf.frags {
			if f.copy {
				if k != 0 {
					t.Errorf("page %d: repeated header not at the top", pi+1)
				}
				continue
			}
			if f.row != next || f.from != line {
				t.Fatalf("page %d: row %d from line %d, want row %d from line %d", pi+1, f.row, f.from, next, line)
			}
			r := &g.rows[f.row]
			if f.to < r.flowLines {
				_, h := g.rest(r, 0)
				tall := h > (g.opt.Height - g.opt.Bottom - g.opt.Top - g.height(g.rows[g.header].fixLines))
				if !r.long && !tall {
					t.Errorf("page %d: row %d split although it fits on a page", pi+1, f.row)
				}
				next, line = f.row, f.to
			} else {
				next, line = f.row+1, 0
			}
			if k == 0 && r.kind == rowIndicator {
				t.Errorf("page %d: indicator rows without the header row above", pi+1)
			}
		}
		last := pf.frags[len(pf.frags)-1]
		if last.row == g.header && pi < len(pfs)-1 && g.header+1 < len(g.rows) {
			t.Errorf("page %d ends with the header row (%d frags, next row %d lines)", pi+1, len(pf.frags), g.rows[g.header+1].flowLines)
		}
		if pf.sig > 0 && len(pf.frags) == 1 && pf.frags[0].copy {
			t.Errorf("page %d: the signature block with only a repeated header", pi+1)
		}
	}
	if next != len(g.rows) {
		t.Errorf("rows placed up to %d of %d", next, len(g.rows))
	}
}

func TestLongOverview(t *testing.T) {
	f := sampleForm()
	var b strings.Builder
	for b.Len() < 30000 {
		b.WriteString("根据文件精神从2006年开始每两年对全市企业退休人员进行一次免费健康体检，")
		b.WriteString("按照财政部《财政支出绩效评价管理暂行办法》（财预〔2011〕285号）执行。")
	}
	f.Overview = string([]rune(b.String())[:10000])
	opt := DefaultOptions()
	d, _ := layoutChecked(t, f, fixed{}, opt)
	if len(d.Pages) < 6 {
		t.Errorf("%d pages for 10,000 characters", len(d.Pages))
	}
	conts := 0
	for _, s := range texts(d, "label") {
		if s == "项目概述（续）" {
			conts++
		}
	}
	if conts < len(d.Pages)-3 {
		t.Errorf("%d continuation labels 项目概述（续） on %d pages", conts, len(d.Pages))
	}
	checkPagination(paginatedOK(t, f, opt))
}

func paginatedOK(t *testing.T, f *model.Form, opt Options) (*testing.T, *grid, []pageFrags) {
	g, p := paginated(t, f, opt)
	return t, g, p
}

func manyIndicators(n int) []model.Indicator {
	var ins []model.Indicator
	for i := 0; i < n; i++ {
		fw := model.Framework()
		c := fw[i*len(fw)/n]
		l2 := c.Level2[i%len(c.Level2)]
		ins = append(ins, model.Indicator{Level1: c.Name, Level2: l2, Level3: fmt.Sprintf("指标%d", i), HalfYear: ">=90%", FullYear: "100%"})
	}
	return ins
}

func TestManyIndicatorRows(t *testing.T) {
	f := sampleForm()
	f.Indicators = manyIndicators(200)
	opt := DefaultOptions()
	d, _ := layoutChecked(t, f, fixed{}, opt)
	checkPagination(paginatedOK(t, f, opt))
	headers := 0
	for _, s := range texts(d, "label") {
		if s == "一级指标" {
			headers++
		}
	}
	if headers != len(d.Pages) {
		t.Errorf("header row %d times on %d pages", headers, len(d.Pages))
	}
}

func TestLongLevel3(t *testing.T) {
	for _, n := range []int{500, 3000} {
		f := sampleForm()
		f.Indicators[12].Level3 = strings.Repeat("体检人员参与率达标，", n/10)
		opt := DefaultOptions()
		layoutChecked(t, f, fixed{}, opt)
		checkPagination(paginatedOK(t, f, opt))
	}
}

func TestLevel1LongerThanPage(t *testing.T) {
	f := sampleForm()
	last := f.Indicators[len(f.Indicators)-1] // 满意度指标
	f.Indicators = f.Indicators[:len(f.Indicators)-1]
	for i := 0; i < 120; i++ {
		f.Indicators = append(f.Indicators, model.Indicator{Level1: "效益指标", Level2: "社会效益", Level3: fmt.Sprintf("社会效益指标%d", i), HalfYear: "提升", FullYear: "提升"})
	}
	f.Indicators = append(f.Indicators, last)
	opt := DefaultOptions()
	d, _ := layoutChecked(t, f, fixed{}, opt)
	checkPagination(paginatedOK(t, f, opt))
	// The 效益指标 block starts at row 16 and spans several pages: its label
	// shows once on each of them.
	var pages []int
	for pi, p := range d.Pages {
		for _, it := range p.Items {
			if it.Field == "indicators[16].level1" {
				pages = append(pages, pi)
			}
		}
	}
	if len(pages) < 3 {
		t.Fatalf("效益指标 label on pages %v", pages)
	}
	for k := 1; k < len(pages); k++ {
		if pages[k] != pages[k-1]+1 {
			t.Errorf("效益指标 label on pages %v, want once on each consecutive page", pages)
		}
	}
}

func TestEmptyAndMissing(t *testing.T) {
	f := &model.Form{}
	layoutChecked(t, f, fixed{}, DefaultOptions())
	f = sampleForm()
	f.Indicators = nil
	f.Overview, f.OtherNotes = "", "\n\n"
	opt := DefaultOptions()
	opt.Signature = true
	layoutChecked(t, f, fixed{}, opt)
	checkPagination(paginatedOK(t, f, opt))
}

func TestLatinWordAndMixedWidthsInForm(t *testing.T) {
	f := sampleForm()
	f.Overview = "项目" + strings.Repeat("abcdefghij", 30) + "结束。ＳＹＢ创业培训360人以上；GYB创业培训1200人以上（其中创业雏鹰班培训200人以上）。"
	f.Project = strings.Repeat("Project name in English ", 5)
	f.Indicators[0].Level3 = strings.Repeat("x", 300)
	f.Indicators[1].HalfYear = "≥80%（2024年度）"
	for _, m := range []Measurer{fixed{}, varied{}} {
		layoutChecked(t, f, m, DefaultOptions())
	}
}

// TestKeepRules moves the page break through the whole table by growing the
// overview line by line: the header row never ends a page, the signature
// never opens one alone, every rule holds.
func TestKeepRules(t *testing.T) {
	for _, sig := range []bool{false, true} {
		for n := 0; n < 1500; n += 37 {
			f := sampleForm()
			f.Overview = strings.Repeat("字", n)
			opt := DefaultOptions()
			opt.Signature = sig
			g, pfs := paginated(t, f, opt)
			checkPagination(t, g, pfs)
			layoutChecked(t, f, fixed{}, opt)
		}
	}
}

func TestSignatureKeepsLastRow(t *testing.T) {
	found := false
	for n := 0; n < 2500 && !found; n += 7 {
		f := sampleForm()
		f.Overview = strings.Repeat("字", n)
		opt := DefaultOptions()
		_, plain := paginated(t, f, opt)
		opt.Signature = true
		g, pfs := paginated(t, f, opt)
		if len(pfs) > len(plain) {
			found = true
			last := pfs[len(pfs)-1]
			if last.sig == 0 || len(last.frags) < 2 {
				t.Errorf("overview %d: signature page holds %d rows", n, len(last.frags))
			}
			if last.frags[len(last.frags)-1].row != len(g.rows)-1 {
				t.Errorf("overview %d: the last indicator row is not with the signatures", n)
			}
		}
	}
	if !found {
		t.Fatal("no overview length pushed the signatures to a new page")
	}
}

func TestMirror(t *testing.T) {
	f := sampleForm()
	f.Indicators = manyIndicators(60)
	opt := DefaultOptions()
	plain, err := Form(f, fixed{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Mirror = true
	mirrored, _ := layoutChecked(t, f, fixed{}, opt)
	if len(plain.Pages) < 2 || len(plain.Pages) != len(mirrored.Pages) {
		t.Fatalf("%d and %d pages", len(plain.Pages), len(mirrored.Pages))
	}
	for pi := range plain.Pages {
		dx := Length(0)
		if pi%2 == 1 {
			dx = opt.Outer - opt.Binding
		}
		a, b := plain.Pages[pi].Items, mirrored.Pages[pi].Items
		for k := range a {
			if a[k].X+dx != b[k].X || a[k].Y != b[k].Y || a[k].Text != b[k].Text {
				t.Fatalf("page %d item %d: %+v mirrored to %+v", pi+1, k, a[k], b[k])
			}
		}
	}
}

func TestErrors(t *testing.T) {
	f := sampleForm()
	tiny := DefaultOptions()
	tiny.Height = tiny.Top + tiny.Bottom + 20*Pt
	// A form that does not fit is a problem of the form, named by a path
	// relative to it, with a code.
	problem := func(err error) model.Problem {
		t.Helper()
		var ps model.Problems
		if !errors.As(err, &ps) || len(ps) != 1 {
			t.Fatalf("want one problem, got %v", err)
		}
		return ps[0]
	}
	_, err := Form(f, fixed{}, tiny)
	p := problem(err)
	if p.Code != model.CodeTitleTooTall || p.Path != "title" || p.String() != "title: title-too-tall" {
		t.Errorf("tiny page: %#v", p)
	}
	if got := (model.Problems{p}).Under("forms[3]")[0].String(); got != "forms[3].title: title-too-tall" {
		t.Errorf("placed: %s", got)
	}
	tall := sampleForm()
	for i := range tall.Indicators {
		if i < 2 || tall.Indicators[i].Level1 == tall.Indicators[0].Level1 {
			tall.Indicators[i].Level1 = strings.Repeat("长", 3000)
		}
	}
	_, err = Form(tall, fixed{}, DefaultOptions())
	if p := problem(err); p.Code != model.CodeLabelTooTall || p.Path != "indicators[0].level1" || len(p.Args) != 2 {
		t.Errorf("tall label: %#v", p)
	}
	narrow := DefaultOptions()
	narrow.Width = narrow.Binding + narrow.Outer + 30*Pt
	if p := problem(func() error { _, err := Form(f, fixed{}, narrow); return err }()); p.Code != model.CodePageTooNarrow || p.Path != "" || len(p.Args) != 2 {
		t.Errorf("narrow page: %#v", p)
	}
	bad := DefaultOptions()
	bad.BodySize = 0
	if _, err := Form(f, fixed{}, bad); err == nil {
		t.Error("no error for a zero body size")
	}
	if _, err := FormPages(nil, fixed{}, DefaultOptions()); err == nil {
		t.Error("no error for a nil form")
	}
	if _, _, err := PaperSize("letter"); err == nil {
		t.Error("no error for an unknown paper size")
	}
	for _, n := range []string{"a4", "A3", "A4-landscape", "A4L", "a3-landscape"} {
		w, h, err := PaperSize(n)
		if err != nil || w <= 0 || h <= 0 || (strings.Contains(strings.ToUpper(n), "L")) != (w > h) {
			t.Errorf("PaperSize(%q) = %d, %d, %v", n, w, h, err)
		}
	}
}

// TestRandomForms lays out random forms on random pages: every invariant
// holds or the layout fails with an error, never a panic.
func TestRandomForms(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"项目", "资金", "，", "。", "（", "）", "2024", "4012.8", "SYB", "≥80%", "——", "……", "\n", "1. ", "一、", " ", "《办法》", "〔2015〕10号", "abc"}
	text := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	papers := []string{"A4", "A3", "A4L"}
	for n := 0; n < 60; n++ {
		f := sampleForm()
		f.Unit, f.Department, f.Project = text(rng.Intn(30)), text(rng.Intn(20)), text(rng.Intn(40))
		f.Overview, f.Feasibility, f.OtherNotes = text(rng.Intn(900)), text(rng.Intn(200)), text(rng.Intn(50))
		f.Indicators = manyIndicators(rng.Intn(80))
		for i := range f.Indicators {
			if rng.Intn(4) == 0 {
				f.Indicators[i].Level3 = text(rng.Intn(60))
			}
			if rng.Intn(6) == 0 {
				f.Indicators[i].Level1 = text(rng.Intn(12))
			}
		}
		opt := DefaultOptions()
		opt.Width, opt.Height, _ = PaperSize(papers[rng.Intn(len(papers))])
		opt.Signature, opt.Mirror = rng.Intn(2) == 0, rng.Intn(2) == 0
		layoutChecked(t, f, []Measurer{fixed{}, varied{}}[n%2], opt)
		checkPagination(paginatedOK(t, f, opt))
	}
}

func TestCheckFindsProblems(t *testing.T) {
	f := sampleForm()
	opt := DefaultOptions()
	d, err := Form(f, fixed{}, opt)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Pages[0]
	p.Items = append(p.Items, p.Items[0]) // overlapping texts
	if err := Check(d, fixed{}, opt); err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Errorf("overlap not found: %v", err)
	}
	p.Items = p.Items[:len(p.Items)-1]
	p.Items = append(p.Items, Item{Kind: Rule, X: 0, Y: 0, X2: 10, Y2: 0, Stroke: Pt})
	if err := Check(d, fixed{}, opt); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("rule in the margin not found: %v", err)
	}
	p.Items = p.Items[:len(p.Items)-1]
	if err := Check(d, fixed{}, opt); err != nil {
		t.Fatal(err)
	}
	f.Overview += "！"
	if err := checkForm(f, d.Pages); err == nil || !strings.Contains(err.Error(), "overview") {
		t.Errorf("missing character not found: %v", err)
	}
}

func BenchmarkExampleForms(b *testing.B) {
	book := exampleBook(b)
	opt := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		for i := range book.Forms {
			if _, err := Form(&book.Forms[i], fixed{}, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSmallPagesStress lays out random forms on small and odd pages: the
// layout either fails with a layout error or satisfies every invariant.
func TestSmallPagesStress(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	pieces := []string{"项目", "资金管理", "，", "（", "）", "2024", "SYB", "——", "\n", "1. ", "一、", "abc", "满意度"}
	text := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	fails := 0
	for n := 0; n < 150; n++ {
		f := sampleForm()
		f.Overview, f.Unit = text(rng.Intn(400)), text(rng.Intn(40))
		f.Indicators = manyIndicators(rng.Intn(40))
		for i := range f.Indicators {
			switch rng.Intn(8) {
			case 0:
				f.Indicators[i].Level1 = text(rng.Intn(30))
			case 1:
				f.Indicators[i].Level2 = text(rng.Intn(30))
			case 2:
				f.Indicators[i].Level3 = text(rng.Intn(200))
			}
		}
		opt := DefaultOptions()
		opt.Height = Length(150+rng.Intn(700)) * Pt
		opt.Width = Length(250+rng.Intn(500)) * Pt
		opt.Signature, opt.Mirror = rng.Intn(2) == 0, rng.Intn(2) == 0
		d, err := Form(f, varied{}, opt)
		if err != nil {
			// A refusal is a problem of the form, with a code and the
			// field it is about, never an internal error.
			var ps model.Problems
			if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code == "" {
				t.Errorf("refused without a problem: %v", err)
			}
			t.Logf("refused: %v", err)
			fails++
			continue
		}
		if err := Check(d, varied{}, opt); err != nil {
			t.Errorf("case %d (%s × %s): %v", n, fmtLen(opt.Width), fmtLen(opt.Height), err)
		}
		if err := checkForm(f, d.Pages); err != nil {
			t.Errorf("case %d: %v", n, err)
		}
	}
	if fails > 140 {
		t.Errorf("%d of 150 layouts failed", fails)
	}
	t.Logf("%d of 150 layouts refused", fails)
}
