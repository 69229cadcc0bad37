package model

import (
	"sync"

	"jixiao/internal/editdist"
)

// Category is a 一级指标 with its 二级指标 in print order.
type Category struct {
	Name   string   // 一级指标
	Level2 []string // 二级指标
}

// framework is the standard indicator framework, in print order. Every
// 二级 name occurs under exactly one 一级.
var framework = [...]Category{
	{"决策", []string{"项目立项", "绩效目标", "资金投入"}},
	{"过程", []string{"资金管理", "组织实施"}},
	{"产出指标", []string{"数量指标", "质量指标", "时效指标", "成本指标"}},
	{"效益指标", []string{"经济效益", "社会效益", "生态效益", "可持续影响"}},
	{"满意度指标", []string{"服务对象满意度"}},
}

// Framework returns the standard indicator framework in print order (a
// copy: the framework itself cannot be changed).
func Framework() []Category {
	out := make([]Category, len(framework))
	for i, c := range framework {
		out[i] = Category{c.Name, append([]string(nil), c.Level2...)}
	}
	return out
}

// Standard is a standard 三级指标 of 决策 or 过程 with its place.
type Standard struct {
	Level1, Level2, Level3 string
}

// standardLevel3 lists the standard 三级指标 of 决策 and 过程, identical in
// every form, in print order.
var standardLevel3 = [...]Standard{
	{"决策", "项目立项", "立项依据充分性"},
	{"决策", "项目立项", "立项程序规范性"},
	{"决策", "绩效目标", "绩效目标合理性"},
	{"决策", "绩效目标", "绩效指标明确性"},
	{"决策", "资金投入", "预算编制科学性"},
	{"决策", "资金投入", "资金分配合理性"},
	{"过程", "资金管理", "资金到位率"},
	{"过程", "资金管理", "预算执行率"},
	{"过程", "资金管理", "资金使用合规性"},
	{"过程", "组织实施", "管理制度健全性"},
	{"过程", "组织实施", "制度执行有效性"},
}

// StandardLevel3 returns the standard 三级指标 of 决策 and 过程 in print
// order (a copy).
func StandardLevel3() []Standard { return append([]Standard(nil), standardLevel3[:]...) }

// StandardOf returns the standard 三级指标 named level3, if it is one.
func StandardOf(level3 string) (Standard, bool) {
	for _, s := range standardLevel3 {
		if s.Level3 == level3 {
			return s, true
		}
	}
	return Standard{}, false
}

// ParentOf returns the 一级 of a standard 二级 name.
func ParentOf(level2 string) (string, bool) {
	for _, c := range framework {
		for _, l2 := range c.Level2 {
			if l2 == level2 {
				return c.Name, true
			}
		}
	}
	return "", false
}

// CategoryIndex returns the position of a 一级 in the framework, or -1.
func CategoryIndex(level1 string) int {
	for i, c := range framework {
		if c.Name == level1 {
			return i
		}
	}
	return -1
}

// MatchStandard returns the standard 三级 of 决策 or 过程 that a row
// (一级, 二级, 三级) stands for: the one of that 二级 with this name, or
// failing that the one whose name is within a few edits of it (立项依据充分
// for 立项依据充分性: at most one edit in three characters). exact says
// which. Rows of other categories match none.
func MatchStandard(level1, level2, level3 string) (std Standard, exact, ok bool) {
	// Most rows name their standard exactly: look for that first, and
	// measure edits only when none does.
	fuzzy := false
	for _, s := range standardLevel3 {
		if s.Level1 == level1 && s.Level2 == level2 {
			if s.Level3 == level3 {
				return s, true, true
			}
			fuzzy = true
		}
	}
	if !fuzzy {
		return Standard{}, false, false
	}
	rs := []rune(level3)
	runes := standardRunes()
	best := -1
	for i, s := range standardLevel3 {
		if s.Level1 != level1 || s.Level2 != level2 {
			continue
		}
		if d := editdist.Distance(rs, runes[i]); d <= max(1, len(rs)/3) && (best < 0 || d < best) {
			std, best = s, d
		}
	}
	return std, false, best >= 0
}

// standardRunes holds the characters of each standard 三级, for the edit
// distances; made the first time a 三级 is close to a standard one.
var standardRunes = sync.OnceValue(func() (out [len(standardLevel3)][]rune) {
	for i, s := range standardLevel3 {
		out[i] = []rune(s.Level3)
	}
	return out
})
