package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/fonts"
	"jixiao/layout"
)

func defaultSet(t testing.TB) *fonts.Set {
	t.Helper()
	fs, err := fonts.DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// sample is a small document that uses every kind of item, both roles,
// an outline, links and page labels.
func sample() *layout.Document {
	a4w, a4h := layout.Millimetres(210), layout.Millimetres(297)
	p1 := &layout.Page{Width: a4w, Height: a4h, Label: "toc 1", Items: []layout.Item{
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 100 * layout.Pt, Role: layout.Title, Size: 18 * layout.Pt, Text: "市级财政项目支出预算绩效目标表"},
		{Kind: layout.Text, X: 72 * layout.Pt, Y: 140 * layout.Pt, Role: layout.Body, Size: 10500, Text: "企业退休人员体检费（4012.8万元）…… 100%"},
		{Kind: layout.Link, X: 72 * layout.Pt, Y: 128 * layout.Pt, W: 300 * layout.Pt, H: 16 * layout.Pt, Target: 1},
	}}
	p2 := &layout.Page{Width: a4w, Height: a4h, Label: "form 1 page 1/1", Items: []layout.Item{
		{Kind: layout.Fill, X: 72 * layout.Pt, Y: 72 * layout.Pt, W: 200 * layout.Pt, H: 20 * layout.Pt, Gray: 230},
		{Kind: layout.Rule, X: 72 * layout.Pt, Y: 72 * layout.Pt, X2: 272 * layout.Pt, Y2: 72 * layout.Pt, Stroke: 1000},
		{Kind: layout.Rule, X: 72 * layout.Pt, Y: 92 * layout.Pt, X2: 272 * layout.Pt, Y2: 92 * layout.Pt, Stroke: 500},
		{Kind: layout.Text, X: 76 * layout.Pt, Y: 86 * layout.Pt, Role: layout.Body, Size: 10500, Text: "一级指标 二级指标 三级指标"},
	}}
	return &layout.Document{
		Pages:   []*layout.Page{p1, p2},
		Outline: []layout.Bookmark{{Title: "目录", Page: 0}, {Title: "企业退休人员体检费", Page: 1, Level: 0}, {Title: "第1页", Page: 1, Level: 1}},
		Labels:  []layout.PageLabel{{Page: 0, Style: layout.LowerRoman, Start: 1}, {Page: 1, Style: layout.Decimal, Prefix: "表", Start: 3}},
		Meta:    layout.Meta{Title: "企业退休人员体检费", Author: "江阴市人力资源和社会保障局（机关）", Subject: "市级财政项目支出预算绩效目标表 2024", Year: 2024},
	}
}

func TestSample(t *testing.T) {
	b, err := Bytes(sample(), defaultSet(t), Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(os.TempDir(), "render-sample.pdf"), b, 0o644)
	b2, err := Bytes(sample(), defaultSet(t), Options{Creator: "jixiao test"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Error("two renders differ")
	}
	_ = exec.Command
	_ = strings.Contains
}
