package layout

import (
	"math/rand"
	"strings"
	"testing"

	"jixiao/model"
)

// oldRunningHead is runningHead as it was before cutFit: it re-measured the
// whole head for every character cut. TestRunningHeadCut holds the new one
// to its results.
func oldRunningHead(f *model.Form, m Measurer, opt *Options) Line {
	size, cw := opt.HeadSize, opt.contentWidth()
	title := []rune(strings.Join(strings.Fields(f.TitleOrDefault()), " "))
	const cont = "（续）"
	project := []rune(" 项目名称：" + strings.Join(strings.Fields(f.Project), " "))
	fit := func(s string) (Line, bool) {
		s = strings.TrimRight(s, " ")
		l := Line{Text: s, Width: TextWidth(s, Body, size, m), Runes: len([]rune(s)), End: true}
		return l, l.Width <= cw
	}
	if l, ok := fit(string(title) + cont + string(project)); ok {
		return l
	}
	for keep := len(title) - 1; keep > 0; keep-- {
		if l, ok := fit(strings.TrimRight(string(title[:keep]), " ") + "…" + cont + string(project)); ok {
			return l
		}
	}
	for keep := len(project); keep > 0; keep-- {
		tail := strings.TrimRight(string(project[:keep]), " ")
		if keep < len(project) {
			tail += "…"
		}
		if l, ok := fit(cont + tail); ok {
			return l
		}
	}
	l, _ := fit("…")
	return l
}

// TestRunningHeadCut: the running head, measured once and cut by summed
// advances, is the one the old cut-and-remeasure loops gave, on random
// titles and project names (CJK, Latin, spaces of every kind, invalid
// UTF-8, empty, very long) at random head sizes and content widths, so
// every branch is taken: whole, title cut, title left out, project cut,
// nothing but 「…」.
func TestRunningHeadCut(t *testing.T) {
	pieces := []string{"市级财政", "项目", "支出预算", "绩效目标表", "（", "）", "…", "、", "。",
		"Wi", "mmm", "abc", "2024", " ", "  ", "\n", "\t", "\u3000", "\u00a0", "\xff", "\xe5\x9b", "𠀀", "i.l"}
	text := func(rng *rand.Rand) string {
		var b strings.Builder
		for n := rng.Intn(4) * rng.Intn(25); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	rng := rand.New(rand.NewSource(23))
	branches := map[string]bool{}
	for i := 0; i < 20000; i++ {
		f := &model.Form{Title: text(rng), Project: text(rng)}
		opt := DefaultOptions()
		opt.HeadSize = Length(5000 + rng.Intn(15000))
		opt.Outer = opt.Width - opt.Binding - Length(1+rng.Intn(int(opt.Width-opt.Binding)))
		var m Measurer = fixed{}
		if rng.Intn(2) == 0 {
			m = varied{}
		}
		got, want := runningHead(f, m, &opt), oldRunningHead(f, m, &opt)
		if got != want {
			t.Fatalf("title %q project %q size %d width %d:\n got %+v\nwant %+v", f.Title, f.Project, opt.HeadSize, opt.contentWidth(), got, want)
		}
		switch {
		case got.Text == "…":
			branches["…"] = true
		case strings.HasPrefix(got.Text, "（续）") && strings.HasSuffix(got.Text, "…"):
			branches["project cut"] = true
		case strings.HasPrefix(got.Text, "（续）"):
			branches["title left out"] = true
		case strings.Contains(got.Text, "…（续）") && !strings.Contains(strings.Join(strings.Fields(f.TitleOrDefault()), " "), "…"):
			branches["title cut"] = true
		default:
			branches["whole"] = true
		}
	}
	if len(branches) != 5 {
		t.Errorf("branches taken: %v, want all five", branches)
	}
}
