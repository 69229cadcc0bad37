package layout

import (
	"slices"
	"sync"

	"jixiao/model"
)

// printedRow is an indicator row as printed: a row of the form (src its
// index in Form.Indicators) or a row of the standard framework that the
// form leaves out (src −1), printed in its place with empty values.
type printedRow struct {
	model.Indicator
	src int
}

// field is the field path of the row's texts: "indicators[3]" for a row of
// the form, "framework" for a row added from the standard framework.
func (r *printedRow) field() string { return r.paths().row }

// rowPaths are the field paths of an indicator row and of its cells, the
// cells' by column (model.Columns).
type rowPaths struct {
	row  string
	cols []string
}

// paths returns the field paths of the row: those of the first
// cachedPaths rows of a form are made once and shared by every form.
func (r *printedRow) paths() rowPaths {
	switch {
	case r.src < 0:
		return frameworkPaths()
	case r.src < cachedPaths:
		return sharedPaths()[r.src]
	}
	return pathsOf(r.src)
}

// pathsOf makes the paths of row src of the form's indicators (-1: a row
// added from the framework) as model writes them (model.TextPath).
func pathsOf(src int) rowPaths {
	cols := model.Columns()
	p := rowPaths{row: "framework", cols: make([]string, len(cols))}
	if src >= 0 {
		p.row = model.RowPath(src)
	}
	for i, c := range cols {
		if src < 0 {
			p.cols[i] = model.TextPath(p.row, c.Key, -1)
		} else {
			p.cols[i] = model.TextPath("", c.Key, src)
		}
	}
	return p
}

var frameworkPaths = sync.OnceValue(func() rowPaths { return pathsOf(-1) })

// cachedPaths rows have their paths made once: four strings a row were a
// fifth of a form layout's allocations.
const cachedPaths = 128

var sharedPaths = sync.OnceValue(func() []rowPaths {
	ps := make([]rowPaths, cachedPaths)
	for i := range ps {
		ps[i] = pathsOf(i)
	}
	return ps
})

// printedRows completes a form's indicators with what the official form
// always shows (Validate warns about each):
//
//   - a standard 二级 of 产出指标, 效益指标 or 满意度指标 that has no row is
//     printed as an empty row (生态效益 with an empty 三级 and values);
//   - a standard 三级 of 决策 or 过程 that is missing is printed as a row with
//     empty values, under its 二级 — unless the form gives that 二级 as an
//     empty row on purpose (a row with an empty 三级), which stays as it is.
//
// An added row goes after the last row of the form that comes before it in
// the framework's order (一级, 二级, then the standard 三级 order; other 三级
// after the standard ones), or first if none does, so that a form in the
// framework's order gets every row in its place. Rows whose 一级 or 二级 is
// not in the framework order last and never move.
func printedRows(ins []model.Indicator) []printedRow {
	type key struct{ l1, l2 string }
	present := map[key]bool{}
	emptyRow := map[key]bool{}
	has3 := map[[3]string]bool{}
	for _, in := range ins {
		k := key{in.Level1, in.Level2}
		present[k] = true
		if in.Level3 == "" {
			emptyRow[k] = true
		}
		has3[[3]string{in.Level1, in.Level2, in.Level3}] = true
		// A misspelt standard 三级 (立项依据充分) stands for it.
		if std, _, ok := model.MatchStandard(in.Level1, in.Level2, in.Level3); ok {
			has3[[3]string{std.Level1, std.Level2, std.Level3}] = true
		}
	}
	var add []model.Indicator
	for _, c := range frameworkOrder() {
		for _, l2 := range c.Level2 {
			k := key{c.Name, l2}
			std := standardLevel3Of(c.Name, l2)
			if len(std) == 0 {
				if !present[k] {
					add = append(add, model.Indicator{Level1: c.Name, Level2: l2})
				}
				continue
			}
			if emptyRow[k] {
				continue
			}
			for _, l3 := range std {
				if !has3[[3]string{c.Name, l2, l3}] {
					add = append(add, model.Indicator{Level1: c.Name, Level2: l2, Level3: l3})
				}
			}
		}
	}
	out := make([]printedRow, 0, len(ins)+len(add))
	keys := make([][3]int, 0, len(ins)+len(add)) // frameworkKey of each row of out
	for i, in := range ins {
		out = append(out, printedRow{in, i})
		keys = append(keys, frameworkKey(in))
	}
	for _, a := range add {
		ka := frameworkKey(a)
		at := 0
		for j, k := range keys {
			if less3(k, ka) {
				at = j + 1
			}
		}
		out = slices.Insert(out, at, printedRow{a, -1})
		keys = slices.Insert(keys, at, ka)
	}
	return out
}

// standardLevel3Of lists the standard 三级 of a 二级 of 决策 or 过程 in print
// order; none for other 二级.
func standardLevel3Of(l1, l2 string) []string {
	var out []string
	for _, st := range standardOrder() {
		if st.Level1 == l1 && st.Level2 == l2 {
			out = append(out, st.Level3)
		}
	}
	return out
}

// The framework and its standard 三级, read once, at the first form laid
// out (model hands out copies: frameworkKey runs for every row of every
// form).
var (
	frameworkOrder = sync.OnceValue(model.Framework)
	standardOrder  = sync.OnceValue(model.StandardLevel3)
)

// frameworkKey is the position of a row in the framework's order; rows
// outside the framework sort last.
func frameworkKey(in model.Indicator) [3]int {
	fw := frameworkOrder()
	c := model.CategoryIndex(in.Level1)
	if c < 0 {
		return [3]int{len(fw), 0, 0}
	}
	l2 := len(fw[c].Level2)
	for i, n := range fw[c].Level2 {
		if n == in.Level2 {
			l2 = i
		}
	}
	std := standardOrder()
	l3 := len(std)
	for i, st := range std {
		if st.Level3 == in.Level3 {
			l3 = i
		}
	}
	if in.Level3 == "" {
		l3 = -1
	}
	return [3]int{c, l2, l3}
}

func less3(a, b [3]int) bool {
	if a[0] != b[0] {
		return a[0] < b[0]
	}
	if a[1] != b[1] {
		return a[1] < b[1]
	}
	return a[2] < b[2]
}
