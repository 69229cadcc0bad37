package layout

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao/model"
)

// FormPages lays out one form on pages of opt's paper, without page footers
// (a binder numbers the pages of all its forms): the title and year, then
// one bordered table (unit, project and amounts, the six long texts, the
// indicator header and rows), continued over as many pages as it needs, and
// the signature block when opt.Signature is set. With opt.Fit a form whose
// last page would be nearly empty is tightened (see fitSteps). Every page after the
// first has the running head (see runningHead) in its top margin. Page i has Label
// "form page i+1/n". With opt.Mirror the odd pages are verso pages.
//
// A form that cannot fit on the page (a title or label taller than the
// page) is a model.Problems error whose paths are relative to the form.
func FormPages(f *model.Form, m Measurer, opt Options) ([]*Page, error) {
	if f == nil || m == nil {
		return nil, errors.New("layout: FormPages needs a form and a measurer")
	}
	if err := opt.Check(); err != nil {
		return nil, err
	}
	g, pfs, err := layoutGrid(f, m, opt)
	if err != nil {
		return nil, err
	}
	fit := ""
	if opt.Fit && len(pfs) >= 2 && g.sparse(&pfs[len(pfs)-1]) {
		built := g // the last grid whose cells were laid out
		for k, step := range fitSteps {
			o := step.apply(opt)
			var g2 *grid
			var pfs2 []pageFrags
			var err error
			if onlyLeading(*built.opt, o) {
				// The same cells, lines further apart: placed again.
				g2 = built.releaded(o)
				pfs2, err = g2.place()
			} else if g2, pfs2, err = layoutGrid(f, m, o); g2 != nil {
				built = g2
			}
			if err == nil && len(pfs2) < len(pfs) {
				g, pfs, fit = g2, pfs2, fmt.Sprintf("%d: %s", k+1, step.name)
				break
			}
		}
	}
	pages := make([]*Page, len(pfs))
	for i := range pfs {
		pages[i] = g.emitPage(i, &pfs[i], i%2 == 1)
		pages[i].Label = "form page " + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(pfs))
		pages[i].Fit = fit
	}
	return pages, nil
}

// layoutGrid measures the form's table and distributes it over pages.
func layoutGrid(f *model.Form, m Measurer, opt Options) (*grid, []pageFrags, error) {
	g := &grid{opt: &opt, m: m}
	if err := g.build(f); err != nil {
		return nil, nil, err
	}
	pfs, err := g.place()
	if err != nil {
		return nil, nil, err
	}
	return g, pfs, nil
}

// place distributes the grid's rows, laid out, over pages.
func (g *grid) place() ([]pageFrags, error) {
	opt := g.opt
	if g.titleHeight() > opt.Height-opt.Top-opt.Bottom {
		return nil, formProblem(model.CodeTitleTooTall, "title")
	}
	// A merged cell shows its whole label on every page it reaches.
	room := opt.Height - opt.Top - opt.Bottom - g.height(g.rows[g.header].fixLines)
	for k := range g.spans {
		if h := g.spanHeight(&g.spans[k]); h > room {
			need, has := fmtLen(h), fmtLen(room)
			return nil, formProblem(model.CodeLabelTooTall, g.spans[k].cell.field, need, has)
		}
	}
	return g.paginate()
}

// onlyLeading reports whether b differs from a in the line spacing alone,
// which sets how far apart a cell's lines are, not where they break.
func onlyLeading(a, b Options) bool {
	a.LineSpacing = b.LineSpacing
	return a == b
}

// releaded is g with the options opt, which differ from g's in the line
// spacing alone (onlyLeading): its cells as they are (build breaks their
// lines by widths and sizes alone, and nothing after it changes them), the
// height of a line as opt sets it, and no structure elements yet (emitPage
// makes them).
func (g *grid) releaded(opt Options) *grid {
	g2 := *g
	g2.opt = &opt
	g2.lh = opt.LineHeight(opt.BodySize)
	g2.st = formElems{}
	return &g2
}

// A form whose last page would be nearly empty — holding only the header
// row and a few rows, or only the signature block: at most a quarter of the
// page's body height — is tightened, step by step, until it ends a page
// earlier; each step keeps the ones before it. If no step saves the page,
// the form keeps its first layout. The step used is Page.Fit.
var fitSteps = []struct {
	name  string
	apply func(Options) Options
}{
	{"cell padding 1 pt × 3 pt", func(o Options) Options {
		o.PadY, o.PadX = min(o.PadY, 1*Pt), min(o.PadX, 3*Pt)
		return o
	}},
	{"cell padding 1 pt × 3 pt, leading 1.3", func(o Options) Options {
		o.PadY, o.PadX = min(o.PadY, 1*Pt), min(o.PadX, 3*Pt)
		o.LineSpacing = min(o.LineSpacing, 1300)
		return o
	}},
	{"cell padding 1 pt × 3 pt, leading 1.3, body 10 pt", func(o Options) Options {
		o.PadY, o.PadX = min(o.PadY, 1*Pt), min(o.PadX, 3*Pt)
		o.LineSpacing = min(o.LineSpacing, 1300)
		o.BodySize = min(o.BodySize, 10*Pt)
		return o
	}},
	{"cell padding 1 pt × 3 pt, leading 1.3, body 9.5 pt", func(o Options) Options {
		o.PadY, o.PadX = min(o.PadY, 1*Pt), min(o.PadX, 3*Pt)
		o.LineSpacing = min(o.LineSpacing, 1300)
		o.BodySize = min(o.BodySize, 9500)
		return o
	}},
}

// sparse reports whether a last page is nearly empty: its table rows
// (without a repeated header row) and signature block take at most a
// quarter of the page's body height.
func (g *grid) sparse(pf *pageFrags) bool {
	var h Length
	for _, f := range pf.frags {
		if !f.copy {
			h += f.h
		}
	}
	if pf.sig > 0 {
		h += g.signatureHeight()
	}
	return 4*h <= g.opt.Height-g.opt.Top-g.opt.Bottom
}

// AddFooter appends texts to p as centred lines in the bottom margin, set
// in the body role at opt.FooterSize, the block centred vertically in the
// margin. pageIndex is the page's index in its document: with opt.Mirror an
// odd index is a verso page, and the lines centre on its content box. A
// binder passes two texts, e.g. "第 3 页 共 40 页" and "本表第 1 页 共 2 页";
// Form passes one. Texts too wide for the content box are broken into lines.
// It fails if the lines do not fit in the margin, or if more than two
// would reach a line 单位（盖章） set in the margin above them.
func AddFooter(p *Page, texts []string, m Measurer, opt Options, pageIndex int) error {
	if err := opt.Check(); err != nil {
		return err
	}
	size, cw := opt.FooterSize, opt.contentWidth()
	var lines []Line
	for _, t := range texts {
		lines = appendLines(lines, t, Body, size, cw, m)
	}
	lh := opt.LineHeight(size)
	h := Length(len(lines)) * lh
	if h > opt.Bottom {
		return fmt.Errorf("layout: footer of %d lines (%s) does not fit in the bottom margin (%s)", len(lines), fmtLen(h), fmtLen(opt.Bottom))
	}
	if n := len(lines); n > 2 {
		// The stamp's line may stand in the margin above two lines
		// (stampInMargin): a longer footer must not run into it.
		ft := footerTop(opt, n)
		for _, it := range p.Items {
			if it.Kind == Text && it.Field == "stamp" && it.Y+it.Size*DescentEm/1000+Pt > ft {
				return formProblem(model.CodeFooterOverStamp, "", strconv.Itoa(n), model.StampLabel)
			}
		}
	}
	left := opt.left(pageIndex%2 == 1)
	top := opt.Height - opt.Bottom + (opt.Bottom-h)/2
	b := Baseline(lh, size)
	for k, l := range lines {
		if l.Text == "" {
			continue
		}
		p.Items = append(p.Items, Item{Kind: Text, X: left + (cw-l.Width)/2, Y: top + Length(k)*lh + b,
			W: l.Width, Role: Body, Size: size, Text: l.Text, Field: "footer"})
	}
	return nil
}

// headGap is the space between the running head's line and the table.
const headGap = 3 * Pt

// runningHead returns the running head of a form's continuation pages,
// 「市级财政项目支出预算绩效目标表（续） 项目名称：人社专职协理员工作经费」, set in
// the body role at opt.HeadSize and cut with 「…」 to the content width. The
// project name is what names the form on the page, so the title is cut
// first, down to nothing (「（续） 项目名称：…」), and the project name only
// when it does not fit alone. It is part of the page frame, like the
// footer: it lies in the top margin and takes no room from the table.
func runningHead(f *model.Form, m Measurer, opt *Options) Line {
	size, cw := opt.HeadSize, opt.contentWidth()
	// One line: runs of spaces and line breaks become one space, so
	// neither the title nor the project name ends with a space.
	title := []rune(strings.Join(strings.Fields(f.TitleOrDefault()), " "))
	const cont, more = "（续）", "…"
	project := []rune(" 项目名称：" + strings.Join(strings.Fields(f.Project), " "))
	contAdv, moreAdv := measure(cont, Body, m), measure(more, Body, m)
	pCut, pCutAdv, projAdv := cutFit(project, contAdv+moreAdv, Body, size, cw, m)
	tCut, tCutAdv, titleAdv := cutFit(title, moreAdv+contAdv+projAdv, Body, size, cw, m)
	line := func(s string, adv int64) Line {
		return Line{Text: s, Width: scale(adv, size), Runes: utf8.RuneCountInString(s), End: true}
	}
	switch {
	case scale(titleAdv+contAdv+projAdv, size) <= cw:
		return line(string(title)+cont+string(project), titleAdv+contAdv+projAdv)
	case tCut > 0: // the title cut
		return line(strings.TrimRight(string(title[:tCut]), " ")+more+cont+string(project), tCutAdv+moreAdv+contAdv+projAdv)
	case scale(contAdv+projAdv, size) <= cw: // the title left out
		return line(cont+string(project), contAdv+projAdv)
	case pCut > 0: // then the project name cut
		return line(cont+strings.TrimRight(string(project[:pCut]), " ")+more, contAdv+pCutAdv+moreAdv)
	}
	return line(more, moreAdv)
}

// cutFit measures s once, in role (advances in 1/1000 em). It returns the
// longest cut s[:k], 0 < k < len(s), whose width without its trailing
// spaces, followed by extra, is at most room at size: k (0 when none fits)
// and the cut's advance without those spaces; and the advance of all of s.
// Advances are summed before they are scaled to size, as TextWidth
// measures the joined text.
func cutFit(s []rune, extra int64, role Role, size, room Length, m Measurer) (k int, cutAdv, adv int64) {
	var kept int64 // the advance of s[:i] without its trailing spaces
	for i, r := range s {
		if i > 0 && scale(kept+extra, size) <= room {
			k, cutAdv = i, kept
		}
		adv += int64(m.Advance(role, r))
		if r != ' ' {
			kept = adv
		}
	}
	return k, cutAdv, adv
}

// PageFooter returns the footer 第 n 页 共 total 页 of page n (1-based).
func PageFooter(n, total int) string {
	return "第 " + strconv.Itoa(n) + " 页 共 " + strconv.Itoa(total) + " 页"
}

// Form lays out one form as a complete document: its pages with the footer
// 第 N 页 共 M 页, and Meta{Title: project, Author: unit, Subject: title and
// year}.
func Form(f *model.Form, m Measurer, opt Options) (*Document, error) {
	pages, err := FormPages(f, m, opt)
	if err != nil {
		return nil, err
	}
	for i, p := range pages {
		if err := AddFooter(p, []string{PageFooter(i+1, len(pages))}, m, opt, i); err != nil {
			return nil, err
		}
	}
	subject := f.TitleOrDefault()
	if f.Year > 0 {
		subject += " " + strconv.Itoa(f.Year) + "年度"
	}
	return &Document{
		Pages: pages,
		Meta:  Meta{Title: MetaText(f.Project), Author: MetaText(f.Unit), Subject: MetaText(subject), Year: f.Year},
	}, nil
}

// FieldRole is the role a form's field is drawn in, the field named by its
// path relative to the form as model.Form.TextFields names it ("title",
// "indicators[3].level3"): the title in Title, every other field in Body.
func FieldRole(path string) Role {
	if path == "title" {
		return Title
	}
	return Body
}
