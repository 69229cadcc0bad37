package model

import "testing"

// A row names its standard exactly, or within a few edits (the nearest
// when two are near), or not at all; rows of other categories and other
// 二级 match none.
func TestMatchStandard(t *testing.T) {
	for _, c := range []struct {
		l1, l2, l3 string
		want       string
		exact, ok  bool
	}{
		{"决策", "项目立项", "立项依据充分性", "立项依据充分性", true, true},
		{"决策", "项目立项", "立项程序规范性", "立项程序规范性", true, true},
		{"决策", "项目立项", "立项依据充分", "立项依据充分性", false, true},
		{"决策", "项目立项", "立项程序规范", "立项程序规范性", false, true},
		{"过程", "资金管理", "资金到位", "资金到位率", false, true},
		{"过程", "资金管理", "预算执行", "预算执行率", false, true},
		{"过程", "资金管理", "资金使用合规", "资金使用合规性", false, true},
		{"决策", "项目立项", "培训人数", "", false, false},
		{"决策", "绩效目标", "立项依据充分性", "", false, false},
		{"产出指标", "数量指标", "立项依据充分性", "", false, false},
		{"", "", "", "", false, false},
	} {
		std, exact, ok := MatchStandard(c.l1, c.l2, c.l3)
		if ok != c.ok || exact != c.exact || std.Level3 != c.want || (ok && (std.Level1 != c.l1 || std.Level2 != c.l2)) {
			t.Errorf("MatchStandard(%q, %q, %q) = %+v, %v, %v; want %q, %v, %v", c.l1, c.l2, c.l3, std, exact, ok, c.want, c.exact, c.ok)
		}
	}
}
