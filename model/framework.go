package model

// Category is a 一级指标 with its 二级指标 in print order.
type Category struct {
	Name   string   // 一级指标
	Level2 []string // 二级指标
}

// Framework is the standard indicator framework, in print order. Every
// 二级 name occurs under exactly one 一级.
var Framework = []Category{
	{"决策", []string{"项目立项", "绩效目标", "资金投入"}},
	{"过程", []string{"资金管理", "组织实施"}},
	{"产出指标", []string{"数量指标", "质量指标", "时效指标", "成本指标"}},
	{"效益指标", []string{"经济效益", "社会效益", "生态效益", "可持续影响"}},
	{"满意度指标", []string{"服务对象满意度"}},
}

// StandardLevel3 lists the standard 三级指标 of 决策 and 过程, identical in
// every form: key is the 三级 name, value its 一级 and 二级.
var StandardLevel3 = map[string][2]string{
	"立项依据充分性": {"决策", "项目立项"},
	"立项程序规范性": {"决策", "项目立项"},
	"绩效目标合理性": {"决策", "绩效目标"},
	"绩效指标明确性": {"决策", "绩效目标"},
	"预算编制科学性": {"决策", "资金投入"},
	"资金分配合理性": {"决策", "资金投入"},
	"资金到位率":   {"过程", "资金管理"},
	"预算执行率":   {"过程", "资金管理"},
	"资金使用合规性": {"过程", "资金管理"},
	"管理制度健全性": {"过程", "组织实施"},
	"制度执行有效性": {"过程", "组织实施"},
}

// ParentOf returns the 一级 of a standard 二级 name.
func ParentOf(level2 string) (string, bool) {
	for _, c := range Framework {
		for _, l2 := range c.Level2 {
			if l2 == level2 {
				return c.Name, true
			}
		}
	}
	return "", false
}

// CategoryIndex returns the position of a 一级 in Framework, or -1.
func CategoryIndex(level1 string) int {
	for i, c := range Framework {
		if c.Name == level1 {
			return i
		}
	}
	return -1
}
