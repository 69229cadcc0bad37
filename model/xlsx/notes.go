package xlsx

import (
	"fmt"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
	catalogue "jixiao/msg"
)

// notesText is the 填表说明 sheet of the template: a heading, then one
// instruction a row. The fields it names are read from the schema. Made
// when a template is written or a workbook read.
var notesText = sync.OnceValue(func() []string {
	return []string{
		"填表说明",
		"一、一张工作表填写一个项目。多个项目：右键单击工作表标签 › 移动或复制 › 勾选“建立副本”，每个项目一张表。工作表名称可改为项目名称。",
		"二、必填：" + requiredNote() + "。检查时会一次列出所有要修改的地方，并指出工作表和单元格，如：工作表“体检费”" + valueCell("project") + " 单元格：" +
			catalogue.Chinese.Text(catalogue.Code(CodeValueEmpty), fieldLabel("project")) + "。",
		"三、金额以万元为单位，填写数字，如 4012.8（最多 6 位小数）；本年度项目金额不得大于项目总金额。金额单元格不要设为日期或百分比格式。",
		"四、" + longNote() + "：较长的文字可在单元格内按 Alt+Enter（WPS、LibreOffice 相同；Mac 上为 Option+Return）换行，每行印为一段；编号的条目（1. … 2. …）各占一行。",
		"五、指标值照印刷样式填写，例如：=100%、≥80%、>15万、≤10个、完成无锡指标、序时进度。“≥”“≤”可输入“>=”“<=”，打印时自动转换。指标值单元格已设为文本格式，输入“=100%”不会被当作公式。",
		"六、一级指标、二级指标可从下拉列表中选择（决策、过程、产出指标、效益指标、满意度指标及其二级指标）。同一指标的行可以合并单元格，也可以只在第一行填写、下面留空，或每行都填写，效果相同。",
		"七、决策、过程的标准三级指标已预先填好，请填写其半年（程）和全年（程）指标值。产出、效益、满意度指标下各留有空行；行不够时在该二级指标的行之间插入行，多余的空行可以留着（不会打印）。某个二级指标没有三级指标时整行留空，表中仍会印出该类别。",
		"八、请勿改动标签文字（单位名称、项目名称、一级指标 等）：打印程序按标签识别表格，表格整体移动位置、增加“单位：万元”一行或空行都不影响读取。",
		"九、填好后保存为 .xlsx（Excel 工作簿），在绩效目标表打印网页上传（或交给负责打印的同事）：网页逐表检查，列出要修改的单元格。没有问题的表可以单张下载 PDF，也可以把全部项目汇编成册下载。",
	}
})

// requiredNote lists the required fields in the sheet's order: the year
// line (row rowYear) first, then the labelled fields.
func requiredNote() string {
	var out []string
	for _, fd := range model.Fields() {
		switch {
		case !fd.Required:
		case fd.Kind == model.YearKind && fd.Printed == "":
			out = append(out, fmt.Sprintf("%s（第 %d 行，如“（2025年度）”）", fd.Label, rowYear))
		default:
			out = append(out, fd.Label)
		}
	}
	return strings.Join(out, "、")
}

// longNote lists the long texts.
func longNote() string {
	var out []string
	for _, fd := range model.LongTexts() {
		out = append(out, fd.Label)
	}
	return strings.Join(out, "、")
}

// valueCell is the cell of the value of the field with key (A1 if the
// sheet has no such field).
func valueCell(key string) string {
	p, _ := placeOf(key)
	return cell(max(p.c0, 1), max(p.row, 1))
}

// notes writes the 填表说明 sheet.
func (wr *writer) notes() error {
	f := wr.f
	if _, err := f.NewSheet(NotesSheet); err != nil {
		return err
	}
	if err := f.SetColWidth(NotesSheet, "A", "A", 84); err != nil {
		return err
	}
	for i, t := range notesText() {
		ref := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(NotesSheet, ref, t); err != nil {
			return err
		}
		style := "note"
		if i == 0 {
			style = "notehead"
		}
		if err := f.SetCellStyle(NotesSheet, ref, ref, wr.style(style)); err != nil {
			return err
		}
		if i > 0 {
			if err := f.SetRowHeight(NotesSheet, i+1, rowHeight(t, 84)); err != nil {
				return err
			}
		}
	}
	size, one, zero, fit := 9, 1, 0, true
	if err := f.SetPageLayout(NotesSheet, &excelize.PageLayoutOptions{Size: &size, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	return f.SetSheetProps(NotesSheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
