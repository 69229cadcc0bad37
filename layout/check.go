package layout

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"jixiao/model"
)

// Check verifies the geometric invariants of a laid-out document and
// returns every violation found (at most 20), joined:
//
//   - every page has opt's paper size;
//   - every item lies in the page's content box (inside the margins; with
//     opt.Mirror, page i odd has its binding edge on the right), except Text
//     items lying wholly in the footer band (the bottom margin) or the head
//     band (the top margin: running heads), between the left and right
//     margins;
//   - every Text item has a positive size, and, when m is not nil, a width W
//     equal to its measured width plus its character spacing;
//   - no two Text items overlap. A text's box is X…X+W wide and reaches
//     0.88 × size above and 0.12 × size below the baseline Y;
//   - every Rule has a positive stroke, every Fill and Link a positive size.
//
// Items are compared exactly, in 1/1000 pt.
func Check(d *Document, m Measurer, opt Options) error {
	if d == nil {
		return errors.New("layout: check: no document")
	}
	if err := opt.Check(); err != nil {
		return err
	}
	var errs []error
	add := func(pi int, format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Errorf("layout: check: page %d: %s", pi+1, fmt.Sprintf(format, args...)))
		}
	}
	var boxes []box
	for pi, p := range d.Pages {
		if p == nil {
			add(pi, "nil page")
			continue
		}
		if p.Width != opt.Width || p.Height != opt.Height {
			add(pi, "size %s × %s, want %s × %s", fmtLen(p.Width), fmtLen(p.Height), fmtLen(opt.Width), fmtLen(opt.Height))
		}
		x0 := opt.left(pi%2 == 1)
		x1 := x0 + opt.contentWidth()
		y0, y1 := opt.Top, opt.Height-opt.Bottom
		inBody := func(ax, ay, bx, by Length) bool { return ax >= x0 && bx <= x1 && ay >= y0 && by <= y1 }
		boxes = boxes[:0]
		for k := range p.Items {
			it := &p.Items[k]
			switch it.Kind {
			case Text:
				if it.Size <= 0 {
					add(pi, "text %q: size %s", it.Text, fmtLen(it.Size))
					continue
				}
				if m != nil {
					if want := itemWidth(it, m); want != it.W {
						add(pi, "text %q: width %s, measured %s", it.Text, fmtLen(it.W), fmtLen(want))
					}
				}
				b := box{it.X, it.Y - it.Size*AscentEm/1000, it.X + it.W, it.Y + it.Size*DescentEm/1000, it}
				footer := b.x0 >= x0 && b.x1 <= x1 && ((b.y0 >= y1 && b.y1 <= opt.Height) || (b.y0 >= 0 && b.y1 <= y0))
				if !inBody(b.x0, b.y0, b.x1, b.y1) && !footer {
					add(pi, "text %q (%s) at (%s, %s) w %s is outside the content box", it.Text, it.Field, fmtLen(it.X), fmtLen(it.Y), fmtLen(it.W))
				}
				if it.W > 0 {
					boxes = append(boxes, b)
				}
			case Rule:
				if it.Stroke <= 0 {
					add(pi, "rule with stroke %s", fmtLen(it.Stroke))
				}
				if !inBody(min(it.X, it.X2), min(it.Y, it.Y2), max(it.X, it.X2), max(it.Y, it.Y2)) {
					add(pi, "rule (%s, %s)–(%s, %s) is outside the content box", fmtLen(it.X), fmtLen(it.Y), fmtLen(it.X2), fmtLen(it.Y2))
				}
			case Fill, Link:
				if it.W <= 0 || it.H <= 0 {
					add(pi, "empty rectangle %s × %s", fmtLen(it.W), fmtLen(it.H))
				}
				if !inBody(it.X, it.Y, it.X+it.W, it.Y+it.H) {
					add(pi, "rectangle at (%s, %s) is outside the content box", fmtLen(it.X), fmtLen(it.Y))
				}
			default:
				add(pi, "unknown item kind %d", it.Kind)
			}
		}
		sort.Slice(boxes, func(i, j int) bool {
			if boxes[i].y0 != boxes[j].y0 {
				return boxes[i].y0 < boxes[j].y0
			}
			return boxes[i].x0 < boxes[j].x0
		})
		for i := range boxes {
			a := &boxes[i]
			for j := i + 1; j < len(boxes) && boxes[j].y0 < a.y1; j++ {
				b := &boxes[j]
				if a.x0 < b.x1 && b.x0 < a.x1 {
					add(pi, "texts overlap: %q at (%s, %s) and %q at (%s, %s)",
						a.it.Text, fmtLen(a.it.X), fmtLen(a.it.Y), b.it.Text, fmtLen(b.it.X), fmtLen(b.it.Y))
				}
			}
		}
	}
	return errors.Join(errs...)
}

type box struct {
	x0, y0, x1, y1 Length
	it             *Item
}

// itemWidth is the width a Text item must have: its characters up to the
// last non-space one, measured, plus the spacing between them.
func itemWidth(it *Item, m Measurer) Length {
	var adv, vis int64
	n, runes := 0, 0
	for _, r := range it.Text {
		adv += int64(m.Advance(it.Role, r))
		n++
		if classify(r) != clSpace {
			vis, runes = adv, n
		}
	}
	w := scale(vis, it.Size)
	if runes > 1 {
		w += Length(runes-1) * it.Spacing
	}
	return w
}

// checkForm verifies that pages (a form's pages, as FormPages or Form made
// them) show every character of f exactly once and in order, field by
// field: the Text items tagged with a field, joined in page order, equal
// the field's value with its "\n" removed (line and paragraph breaks are not
// characters on the page). A merged 一级 or 二级 cell shows its label once
// per page it spans, so its field (tagged with the span's first row) holds
// the label one or more times; the rows it merges show nothing of their own.
// Amounts are compared as formatAmount writes them. Labels, footers and
// other untagged text are not checked.
func checkForm(f *model.Form, pages []*Page) error {
	got := map[string]*strings.Builder{}
	for _, p := range pages {
		for k := range p.Items {
			it := &p.Items[k]
			if it.Kind != Text || it.Field == "" {
				continue
			}
			b := got[it.Field]
			if b == nil {
				b = &strings.Builder{}
				got[it.Field] = b
			}
			b.WriteString(it.Text)
		}
	}
	text := func(field string) string {
		if b := got[field]; b != nil {
			return b.String()
		}
		return ""
	}
	var errs []error
	exact := func(field, want string) {
		want = strings.ReplaceAll(model.TrimBlankTail(want), "\n", "")
		if g := text(field); g != want {
			errs = append(errs, fmt.Errorf("layout: check: %s: placed %s, want %s", field, clip(g), clip(want)))
		}
	}
	for _, fd := range model.Fields() {
		want := fd.Value(f)
		switch {
		case fd.Kind == model.YearKind:
			continue // printed as digits with 年度
		case fd.Kind == model.AmountKind:
			want = formatAmount(model.Amount(want))
		case want == "":
			want = fd.Default
		}
		if fd.Printed == "" && fd.Default == "" && got[fd.Key] == nil {
			continue // a field the form prints only with an option (signature)
		}
		exact(fd.Key, want)
	}
	repeated := func(field, label string) {
		label = strings.ReplaceAll(model.TrimBlankTail(label), "\n", "")
		g := text(field)
		if label == "" {
			if g != "" {
				errs = append(errs, fmt.Errorf("layout: check: %s: placed %s, want nothing", field, clip(g)))
			}
			return
		}
		if g == "" || len(g)%len(label) != 0 || strings.ReplaceAll(g, label, "") != "" {
			errs = append(errs, fmt.Errorf("layout: check: %s: placed %s, want %s once or more", field, clip(g), clip(label)))
		}
	}
	ins := f.Indicators
	for i := range ins {
		p := fmt.Sprintf("indicators[%d].", i)
		exact(p+"level3", ins[i].Level3)
		exact(p+"half_year", ins[i].HalfYear)
		exact(p+"full_year", ins[i].FullYear)
		if i == 0 || ins[i].Level1 != ins[i-1].Level1 {
			repeated(p+"level1", ins[i].Level1)
		} else {
			exact(p+"level1", "")
		}
		if i == 0 || ins[i].Level1 != ins[i-1].Level1 || ins[i].Level2 != ins[i-1].Level2 {
			repeated(p+"level2", ins[i].Level2)
		} else {
			exact(p+"level2", "")
		}
	}
	return errors.Join(errs...)
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return fmt.Sprintf("%q… (%d characters)", string(r[:40]), len(r))
	}
	return fmt.Sprintf("%q", s)
}
