package layout

import (
	"bytes"
	"strings"
	"testing"

	"jixiao/model"
)

// fixed is a fake fixed-width measurer: digits 556, other ASCII 500,
// everything else (CJK, full-width) 1000, in 1/1000 em.
type fixed struct{}

func (fixed) Advance(_ Role, r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 556
	case r < 0x80:
		return 500
	}
	return 1000
}

// varied is a fake proportional measurer, close to a real Latin face with
// CJK at 1000 and some punctuation narrower, to exercise uneven widths.
type varied struct{}

func (varied) Advance(role Role, r rune) int {
	switch {
	case r == 'i' || r == 'l' || r == 'j' || r == '.' || r == ',' || r == '\'':
		return 222
	case r == 'm' || r == 'w' || r == 'M' || r == 'W':
		return 833
	case r >= '0' && r <= '9':
		return 556
	case r == ' ':
		return 278
	case r < 0x80:
		return 500 + int(r%7)*37
	case r == '，' || r == '。' || r == '、':
		if role == Title {
			return 1000
		}
		return 1000
	}
	return 1000
}

// sampleForm is a synthetic form shaped like the real ones.
func sampleForm() *model.Form {
	f := &model.Form{
		Year:        2024,
		Unit:        "江阴市人力资源和社会保障局（机关）",
		Department:  "江阴市人力资源和社会保障局",
		Project:     "企业退休人员体检费",
		TotalAmount: "4012.8",
		YearAmount:  "4012.8",
		Overview:    "根据文件精神从2006年开始每两年对全市企业退休人员进行一次免费健康体检。",
		Feasibility: "按照财政部《财政支出绩效评价管理暂行办法》（财预〔2011〕285号）和《江阴市政府专项资金管理办法》（澄政发〔2013〕42号）等有关文件要求执行。",
		Necessity:   "以提高企业退休人员晚年生活质量为宗旨，提升社会化管理水平，让退休人员深切感受到党和政府的关怀和温暖。",
		AnnualGoal:  "提升社会化管理水平，提高退休人员生活质量和幸福指数。",
		OverallGoal: "提升社会化管理水平，提高退休人员生活质量和幸福指数。",
	}
	add := func(l1, l2, l3, h, y string) {
		f.Indicators = append(f.Indicators, model.Indicator{Level1: l1, Level2: l2, Level3: l3, HalfYear: h, FullYear: y})
	}
	add("决策", "项目立项", "立项依据充分性", "充分", "充分")
	add("决策", "项目立项", "立项程序规范性", "规范", "规范")
	add("决策", "绩效目标", "绩效目标合理性", "合理", "合理")
	add("决策", "绩效目标", "绩效指标明确性", "明确", "明确")
	add("决策", "资金投入", "预算编制科学性", "科学", "科学")
	add("决策", "资金投入", "资金分配合理性", "合理", "合理")
	add("过程", "资金管理", "资金到位率", "序时进度", "100%")
	add("过程", "资金管理", "预算执行率", "=100%", "=100%")
	add("过程", "资金管理", "资金使用合规性", "合规", "合规")
	add("过程", "组织实施", "管理制度健全性", "健全", "健全")
	add("过程", "组织实施", "制度执行有效性", "有效", "有效")
	add("产出指标", "数量指标", "参与体检人数", ">15万", ">15万")
	add("产出指标", "质量指标", "体检人员参与率", ">85%", ">85%")
	add("产出指标", "质量指标", "体检报告正确率", ">90%", ">90%")
	add("产出指标", "时效指标", "按计划执行", "=9个月", "=9个月")
	add("产出指标", "成本指标", "", "", "")
	add("效益指标", "经济效益", "", "", "")
	add("效益指标", "社会效益", "体检指标误差率", "<5%", "<5%")
	add("效益指标", "社会效益", "媒体宣传次数", ">3次", ">3次")
	add("效益指标", "生态效益", "", "", "")
	add("效益指标", "可持续影响", "提升退休人员生活质量", "提升", "提升")
	add("满意度指标", "服务对象满意度", "参加体检人员满意率", ">90%", ">90%")
	return f
}

// layoutChecked lays f out twice as a Document, checks every invariant and
// that both runs give the same dump, and returns the dump.
func layoutChecked(t testing.TB, f *model.Form, m Measurer, opt Options) (*Document, string) {
	t.Helper()
	d, err := Form(f, m, opt)
	if err != nil {
		t.Fatalf("Form: %v", err)
	}
	if err := Check(d, m, opt); err != nil {
		t.Errorf("Check: %v", err)
	}
	if err := checkForm(f, d.Pages); err != nil {
		t.Errorf("checkForm: %v", err)
	}
	var a, b bytes.Buffer
	if err := Dump(&a, d); err != nil {
		t.Fatal(err)
	}
	d2, err := Form(f, m, opt)
	if err != nil {
		t.Fatalf("Form again: %v", err)
	}
	if err := Dump(&b, d2); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("laying out the same form twice gives different dumps")
	}
	return d, a.String()
}

// texts returns the texts of the Text items of field on all pages, in order.
func texts(d *Document, field string) []string {
	var out []string
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind == Text && it.Field == field {
				out = append(out, it.Text)
			}
		}
	}
	return out
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// exampleBook reads the 18 real forms of examples/jiangyin-2024.json.
func exampleBook(t testing.TB) *model.Book {
	t.Helper()
	b, err := model.ReadFile("../examples/jiangyin-2024.json")
	if err != nil {
		t.Fatalf("reading the example book: %v", err)
	}
	return b
}
