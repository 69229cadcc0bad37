package xlsx

import (
	"fmt"
	"strings"
	"unicode"

	"jixiao/model"
)

// Code is the stable code of a problem found in a workbook, for the message
// catalogue and for machines that match problems.
type Code string

// The problems of workbooks. Every message a user may see is here, in
// English and in Chinese, with the same verbs in the same order.
const (
	CodeOldExcel        Code = "xlsx-old-excel"         // an .xls (Excel 97–2003)
	CodeWPS             Code = "xlsx-wps-et"            // a WPS .et workbook
	CodeODS             Code = "xlsx-ods"               // an OpenDocument spreadsheet
	CodeCSV             Code = "xlsx-csv"               // a CSV file
	CodeEncrypted       Code = "xlsx-encrypted"         // password-protected
	CodeCorrupt         Code = "xlsx-corrupt"           // not a readable .xlsx
	CodeTooLarge        Code = "xlsx-too-large"         // unpacks to too much (zip bomb)
	CodeTooManyRows     Code = "xlsx-too-many-rows"     // a sheet far larger than a form
	CodeTextTooLong     Code = "xlsx-text-too-long"     // a cell over the limit of a field
	CodeNoCachedValue   Code = "xlsx-formula-no-value"  // a formula never calculated
	CodeFormulaError    Code = "xlsx-formula-error"     // #REF!, #DIV/0! …
	CodeDateAmount      Code = "xlsx-date-amount"       // a date where an amount belongs
	CodePercentAmount   Code = "xlsx-percent-amount"    // a percentage where an amount belongs
	CodeLabelMissing    Code = "xlsx-label-missing"     // a required label not found
	CodeValueEmpty      Code = "xlsx-value-empty"       // a required label with nothing beside it
	CodeLabelTwice      Code = "xlsx-label-twice"       // two forms on one sheet
	CodeCellTooLong     Code = "xlsx-cell-too-long"     // export: a text longer than an Excel cell holds
	CodeSecondForm      Code = "xlsx-second-form"       // a form's label below the indicator table
	CodeYearMissing     Code = "xlsx-year-missing"      // no 2024年度 line
	CodeYearEmpty       Code = "xlsx-year-empty"        // （    年度）
	CodeHeaderMissing   Code = "xlsx-header-missing"    // an indicator column not found
	CodeNoForms         Code = "xlsx-no-forms"          // no sheet is a form
	CodeNotForm         Code = "xlsx-not-form"          // warning: a sheet skipped
	CodeHidden          Code = "xlsx-hidden"            // warning: a hidden form sheet skipped
	CodeEmptyWorkbook   Code = "xlsx-empty"             // a 0-byte file
	CodeFileTooLarge    Code = "xlsx-file-too-large"    // more than model.MaxFileSize
	CodeTooManyProblems Code = "xlsx-too-many-problems" // the listing stops
)

type text struct{ en, zh string }

var messages = map[Code]text{
	CodeOldExcel: {"this is an old Excel 97–2003 workbook (.xls), which jixiao does not read: open it in Excel or WPS and save it as “Excel 工作簿 (*.xlsx)” (File › Save As)",
		"这是旧版 Excel 97–2003 工作簿（.xls），jixiao 不能读取：请用 Excel 或 WPS 打开，“文件 › 另存为”选择“Excel 工作簿（*.xlsx）”"},
	CodeWPS: {"this is a WPS workbook (.et), which jixiao does not read: open it in WPS and save it as “Excel 工作簿 (*.xlsx)” (文件 › 另存为)",
		"这是 WPS 表格文件（.et），jixiao 不能读取：请用 WPS 打开，“文件 › 另存为”选择“Excel 工作簿（*.xlsx）”"},
	CodeODS: {"this is an OpenDocument spreadsheet (.ods), which jixiao does not read: open it in LibreOffice or WPS and save it as “Excel 2007-365 (.xlsx)” (File › Save As)",
		"这是 OpenDocument 电子表格（.ods），jixiao 不能读取：请用 LibreOffice 或 WPS 打开，“文件 › 另存为”选择“Excel 2007-365（.xlsx）”"},
	CodeCSV: {"this is a CSV text file, which cannot hold a form's merged cells and line breaks: open it in Excel, WPS or LibreOffice and save it as an .xlsx workbook (File › Save As), or start from jixiao template",
		"这是 CSV 文本文件，无法保存表格的合并单元格和换行：请用 Excel、WPS 或 LibreOffice 打开，另存为 .xlsx 工作簿，或从 jixiao template 生成的模板开始填写"},
	CodeEncrypted: {"the workbook is protected by a password: open it in Excel or WPS, remove the password (File › Info › Protect Workbook › Encrypt with Password, empty) and save it again",
		"工作簿设有打开密码：请在 Excel 或 WPS 中打开，清除密码（文件 › 信息 › 保护工作簿 › 用密码进行加密，留空）后重新保存"},
	CodeCorrupt: {"not a readable .xlsx workbook (%s): open it in Excel, WPS or LibreOffice and save it again as .xlsx",
		"不是可读取的 .xlsx 工作簿（%s）：请用 Excel、WPS 或 LibreOffice 打开后重新另存为 .xlsx"},
	CodeTooLarge: {"the workbook unpacks to more than %s MiB (%s), far more than forms take: it is damaged or not a workbook of forms",
		"工作簿解压后超过 %s MiB（%s），远大于绩效目标表所需：文件已损坏，或不是绩效目标表工作簿"},
	CodeTooManyRows: {"the sheet has more than %s rows, far more than a form: it is not read (move the form to a sheet of its own)",
		"此工作表超过 %s 行，远多于一张绩效目标表：未读取（请把表格放在单独的工作表中）"},
	CodeTextTooLong: {"the text is %s bytes long, more than the %s KiB a field may hold",
		"文字长 %s 字节，超过每栏上限 %s KiB"},
	CodeNoCachedValue: {"the cell holds the formula =%s but no calculated value: open the workbook in Excel, WPS or LibreOffice, let it calculate and save it (or type the value instead of the formula)",
		"单元格中是公式 =%s，但没有计算结果：请用 Excel、WPS 或 LibreOffice 打开、重新计算并保存（或直接填写数值）"},
	CodeFormulaError: {"the cell shows the error %s: correct its formula or type the value",
		"单元格显示错误 %s：请更正公式或直接填写数值"},
	CodeDateAmount: {"the cell holds a date (%s) where an amount in 万元 belongs: type the amount as a number, such as 4012.8, and set the cell's format to 常规 (General) or 数值 (Number)",
		"此处应为金额（万元），单元格中却是日期（%s）：请填写数字（如 4012.8），并把单元格格式设为“常规”或“数值”"},
	CodePercentAmount: {"the cell holds a percentage (%s) where an amount in 万元 belongs: type the amount as a number, such as 4012.8",
		"此处应为金额（万元），单元格中却是百分比（%s）：请填写数字，如 4012.8"},
	CodeLabelMissing: {"no cell labelled %s: a form's sheet has the label in one cell and the value in the cell to its right (see jixiao template)",
		"找不到“%s”标签：表格中应有写着该标签的单元格，其右侧单元格填写内容（参见 jixiao template 生成的模板）"},
	CodeValueEmpty: {"%s is empty",
		"“%s”未填写"},
	CodeLabelTwice: {"%s appears twice (also at %s): put one form on a sheet, each on a sheet of its own",
		"“%s”出现了两次（另见 %s）：一张工作表只放一个项目的表格"},
	CodeCellTooLong: {"the text is %s characters long, more than the %s an Excel cell holds: shorten it to export the form",
		"文字长 %s 个字符，超过 Excel 单元格上限 %s 个字符：请删减后再导出"},
	CodeSecondForm: {"a second form starts here (%s) below the indicator table: put each form on a sheet of its own",
		"指标表下方又出现一张表（%s）：一张工作表只放一个项目的表格，请把它移到单独的工作表"},
	CodeYearMissing: {"no year line such as 2024年度 or （2024年度） above the table, and no cell labelled 年度",
		"表格上方找不到年度行（如“2024年度”或“（2024年度）”），也没有“年度”标签"},
	CodeYearEmpty: {"the year is empty: write it in the year line, such as （2024年度）",
		"年度未填写：请在年度行中填写年份，如“（2024年度）”"},
	CodeHeaderMissing: {"the indicator table has no %s column: its header row names 一级指标, 二级指标, 三级指标, 半年（程）指标值 and 全年（程）指标值",
		"指标表缺少“%s”列：表头应依次为 一级指标、二级指标、三级指标、半年（程）指标值、全年（程）指标值"},
	CodeNoForms: {"no sheet of the workbook is a form (%s): a form's sheet has the labels of the printed form (项目名称, 一级指标 …); jixiao template writes one to start from",
		"工作簿中没有绩效目标表（%s）：表格中应有印刷表上的标签（项目名称、一级指标 等）；可用 jixiao template 生成模板"},
	CodeNotForm: {"not a form (no 项目名称 and no 一级指标 label): skipped",
		"不是绩效目标表（没有“项目名称”和“一级指标”标签）：已跳过"},
	CodeHidden: {"a hidden sheet: skipped (unhide it to print it)",
		"隐藏的工作表：已跳过（如需打印请取消隐藏）"},
	CodeFileTooLarge: {"the file is %s bytes, more than the %s MiB an input may have",
		"文件大小 %s 字节，超过输入文件上限 %s MiB"},
	CodeTooManyProblems: {"%s more problems not listed; stopping here",
		"另有 %s 个问题未列出"},
	CodeEmptyWorkbook: {"the file is empty (0 bytes): expected an .xlsx workbook",
		"文件为空（0 字节）：应为 .xlsx 工作簿"},
}

// msg is a message of a problem: its code and the values it quotes.
type msg struct {
	code Code
	args []string
}

// message makes the message code with its arguments (each printed as %v).
func message(code Code, args ...any) msg {
	m := msg{code: code}
	for _, a := range args {
		m.args = append(m.args, fmt.Sprint(a))
	}
	return m
}

// text is the English text (the command's catalogue picks the language
// from the code and the arguments).
func (m msg) text() string {
	format := messages[m.code].en
	var b strings.Builder
	i := 0
	for {
		k := strings.Index(format, "%s")
		if k < 0 || i >= len(m.args) {
			b.WriteString(format)
			return b.String()
		}
		b.WriteString(format[:k])
		b.WriteString(m.args[i])
		i++
		format = format[k+2:]
	}
}

// problem is the model's problem of the message at loc.
func (m msg) problem(sev model.Severity, loc model.Location) model.Problem {
	return model.Problem{Severity: sev, Code: string(m.code), Loc: loc, Args: m.args, Message: m.text()}
}

// quote makes a user's text safe to print: control and bidi characters are
// escaped, so that a cell cannot rewrite the terminal.
func quote(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
