package layout

import (
	"strings"
	"testing"
)

// infoCells returns the x edges of the label and value cells of the header
// block's rows unit and total_amount.
func infoCells(g *grid, name string) []Length {
	for _, r := range g.rows {
		if r.name == name {
			var xs []Length
			for _, c := range r.cells {
				xs = append(xs, c.x0)
			}
			return append(xs, r.cells[len(r.cells)-1].x1)
		}
	}
	return nil
}

// TestHeaderBlockOneGrid: in all 18 example forms, with both measurers, the
// rows 单位名称 | 主管部门 and 项目总金额（万元）| 本年度项目金额（万元） share their
// edges, the label column is column 0 of the table in every row of the
// block, the department (江阴市人力资源和社会保障局) is on one line, the unit
// wraps inside its cell and both amount labels wrap the same way.
func TestHeaderBlockOneGrid(t *testing.T) {
	b := exampleBook(t)
	for _, m := range []Measurer{fixed{}, varied{}} {
		for i := range b.Forms {
			f := &b.Forms[i]
			opt := DefaultOptions()
			g := &grid{opt: &opt, m: m}
			if err := g.build(f); err != nil {
				t.Fatal(err)
			}
			u, a := infoCells(g, "unit"), infoCells(g, "total_amount")
			if len(u) != 5 || strings.Join(strings.Fields(fmtEdges(u)), " ") != fmtEdges(a) {
				t.Errorf("%T form %d: unit row edges %v, amount row %v", m, i+1, u, a)
			}
			for _, name := range []string{"unit", "project", "total_amount", "overview"} {
				if e := infoCells(g, name); e[1] != g.colX[1] {
					t.Errorf("%T form %d: row %s label column ends at %d, column 0 at %d", m, i+1, name, e[1], g.colX[1])
				}
			}
			d, _ := layoutChecked(t, f, m, opt)
			if got := texts(d, "department"); len(got) != 1 {
				t.Errorf("%T form %d: department drawn as %q, want one line", m, i+1, got)
			}
			if got := texts(d, "unit"); len(got) > 2 {
				t.Errorf("%T form %d: unit drawn as %q, want at most two lines", m, i+1, got)
			}
			var amountLabels []string
			for _, r := range g.rows {
				if r.name == "total_amount" {
					for _, c := range []cell{r.cells[0], r.cells[2]} {
						amountLabels = append(amountLabels, c.lines[len(c.lines)-1].Text)
					}
				}
			}
			if len(amountLabels) != 2 || amountLabels[0] != amountLabels[1] {
				t.Errorf("%T form %d: the amount labels end with %q: not wrapped the same way", m, i+1, amountLabels)
			}
		}
	}
}

func fmtEdges(e []Length) string {
	var b strings.Builder
	for _, x := range e {
		writeLen(&b, x)
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

// TestInfoEdges checks each case of infoEdges: the edges increase and end
// at the content width, the label column is column 0, the second label
// column holds 主管部门 on one line, and the values fit on one line exactly
// when the case promises it.
func TestInfoEdges(t *testing.T) {
	cases := []struct {
		name       string
		paper      string
		unit, dept string
		unitLine   bool // the unit on one line
		deptLine   bool // the department on one line
	}{
		{"short names", "A4", "江阴市人社局", "江阴市人社局", true, true},
		{"example names on A3", "A3", "江阴市人力资源和社会保障局（机关）", "江阴市人力资源和社会保障局", true, true},
		{"example names on A4", "A4", "江阴市人力资源和社会保障局（机关）", "江阴市人力资源和社会保障局", false, true},
		{"a long department", "A4", "江阴市人社局", strings.Repeat("部门", 14), true, false},
		{"both too long", "A4", strings.Repeat("单位", 20), strings.Repeat("部门", 15), false, false},
		{"several paragraphs", "A4", "江阴市人力资源\n和社会保障局", "江阴市\n人社局", true, true},
	}
	for _, c := range cases {
		opt := DefaultOptions()
		var err error
		if opt.Width, opt.Height, err = PaperSize(c.paper); err != nil {
			t.Fatal(err)
		}
		g := &grid{opt: &opt, m: fixed{}}
		if err := g.columnWidths(opt.contentWidth()); err != nil {
			t.Fatal(err)
		}
		e := g.infoEdges(c.unit, c.dept, "4012.80", "4012.80")
		if e[0] != 0 || e[1] != g.colX[1] || e[4] != opt.contentWidth() {
			t.Errorf("%s: edges %v, want 0, %d … %d", c.name, e, g.colX[1], opt.contentWidth())
		}
		for k := 1; k < len(e); k++ {
			if e[k] <= e[k-1] {
				t.Errorf("%s: edges %v do not increase", c.name, e)
			}
		}
		inner := func(k int) Length { return e[k+1] - e[k] - 2*opt.PadX }
		lines := func(s string, k int) int { return len(BreakLines(s, Body, opt.BodySize, inner(k), fixed{})) }
		paras := func(s string) int { return strings.Count(s, "\n") + 1 }
		if got := lines(c.unit, 1) == paras(c.unit); got != c.unitLine {
			t.Errorf("%s: unit on one line: %v, want %v", c.name, got, c.unitLine)
		}
		if got := lines(c.dept, 3) == paras(c.dept); got != c.deptLine {
			t.Errorf("%s: department on one line: %v, want %v", c.name, got, c.deptLine)
		}
		if n := len(g.breakLabel(labelDepartment, inner(2))); n != 1 {
			t.Errorf("%s: label 主管部门 on %d lines", c.name, n)
		}
	}
}
