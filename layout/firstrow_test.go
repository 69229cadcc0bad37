package layout

import (
	"strings"
	"testing"
)

// TestFirstRowValuesOnOneLine: on A4 at 10.5 pt the example forms' 单位名称
// value (江阴市人力资源和社会保障局（机关）) and 主管部门 value
// (江阴市人力资源和社会保障局) are each drawn as a single line.
func TestFirstRowValuesOnOneLine(t *testing.T) {
	b := exampleBook(t)
	for _, m := range []Measurer{fixed{}, varied{}} {
		for i := range b.Forms {
			f := &b.Forms[i]
			d, _ := layoutChecked(t, f, m, DefaultOptions())
			for _, field := range []string{"unit", "department"} {
				if got := texts(d, field); len(got) != 1 {
					t.Errorf("%T form %d: %s drawn as %q, want one line", m, i+1, field, got)
				}
			}
		}
	}
}

// TestFirstRowEdges checks the division of the first row in each case of
// firstRowEdges: the edges increase and end at the content width, each
// cell is at least as wide as the measured need its case promises, and the
// 单位名称 cell keeps column 0's width when it can.
func TestFirstRowEdges(t *testing.T) {
	cases := []struct {
		name       string
		paper      string
		unit, dept string
		aligned    bool // the 单位名称 cell is column 0
		fit        bool // both values fit on one line
	}{
		{"short names", "A4", "江阴市人社局", "江阴市人社局", true, true},
		{"example names on A3", "A3", "江阴市人力资源和社会保障局（机关）", "江阴市人力资源和社会保障局", true, true},
		{"example names on A4", "A4", "江阴市人力资源和社会保障局（机关）", "江阴市人力资源和社会保障局", false, true},
		{"too long for one line", "A4", strings.Repeat("单位", 20), strings.Repeat("部门", 15), true, false},
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
		e := g.firstRowEdges(c.unit, c.dept)
		if e[0] != 0 || e[4] != opt.contentWidth() {
			t.Errorf("%s: edges %v, want 0 … %d", c.name, e, opt.contentWidth())
		}
		for k := 1; k < len(e); k++ {
			if e[k] <= e[k-1] {
				t.Errorf("%s: edges %v do not increase", c.name, e)
			}
		}
		if got := e[1] == g.colX[1]; got != c.aligned {
			t.Errorf("%s: 单位名称 cell %d wide, column 0 %d: aligned %v, want %v", c.name, e[1], g.colX[1], got, c.aligned)
		}
		inner := func(k int) Length { return e[k+1] - e[k] - 2*opt.PadX }
		lines := func(s string, k int) int { return len(BreakLines(s, Body, opt.BodySize, inner(k), fixed{})) }
		paras := func(s string) int { return strings.Count(s, "\n") + 1 }
		fits := lines(c.unit, 1) == paras(c.unit) && lines(c.dept, 3) == paras(c.dept)
		if fits != c.fit {
			t.Errorf("%s: values on one line each: %v, want %v (unit %d lines, department %d)", c.name, fits, c.fit, lines(c.unit, 1), lines(c.dept, 3))
		}
		for k, l := range []string{labelUnit, labelDepartment} {
			if n := len(g.breakLabel(l, inner(2*k))); n != 1 {
				t.Errorf("%s: label %s on %d lines", c.name, l, n)
			}
		}
	}
}
