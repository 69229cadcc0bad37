package msg

// The codes of the help: commands, flags and the headings of the layout.
const (
	HelpRootShort       Code = "help-root-short"
	HelpRootLong        Code = "help-root-long"
	HelpRenderShort     Code = "help-render-short"
	HelpRenderLong      Code = "help-render-long"
	HelpBinderShort     Code = "help-binder-short"
	HelpBinderLong      Code = "help-binder-long"
	HelpValidateShort   Code = "help-validate-short"
	HelpValidateLong    Code = "help-validate-long"
	HelpImportShort     Code = "help-import-short"
	HelpImportLong      Code = "help-import-long"
	HelpVersionShort    Code = "help-version-short"
	HelpTemplateShort   Code = "help-template-short"
	HelpTemplateLong    Code = "help-template-long"
	HelpExportShort     Code = "help-export-short"
	HelpExportLong      Code = "help-export-long"
	HelpPreviewShort    Code = "help-preview-short"
	HelpPreviewLong     Code = "help-preview-long"
	HelpHelpShort       Code = "help-help-short"
	HelpCompletionShort Code = "help-completion-short"
	HelpCompletionLong  Code = "help-completion-long"
	HelpCompletionShell Code = "help-completion-shell"
	HelpUsage           Code = "help-usage"
	HelpAliases         Code = "help-aliases"
	HelpExamples        Code = "help-examples"
	HelpCommands        Code = "help-commands"
	HelpFlags           Code = "help-flags"
	HelpGlobalFlags     Code = "help-global-flags"
	HelpCommandWord     Code = "help-command-word"
	HelpMore            Code = "help-more"
	HelpDefault         Code = "help-default"
	HelpFlagsWord       Code = "help-flags-word"
	SeeHelp             Code = "see-help"

	FlagLang           Code = "flag-lang"
	FlagQuiet          Code = "flag-quiet"
	FlagVerbose        Code = "flag-verbose"
	FlagHelp           Code = "flag-help"
	FlagVersion        Code = "flag-version"
	FlagOutputPDF      Code = "flag-output-pdf"
	FlagFormat         Code = "flag-format"
	FlagOutputJSON     Code = "flag-output-json"
	FlagOutDir         Code = "flag-out-dir"
	FlagForm           Code = "flag-form"
	FlagProject        Code = "flag-project"
	FlagBinderForm     Code = "flag-binder-form"
	FlagBinderProject  Code = "flag-binder-project"
	FlagUnit           Code = "flag-unit"
	FlagAllowMissing   Code = "flag-allow-missing"
	FlagFontBody       Code = "flag-font-body"
	FlagFontTitle      Code = "flag-font-title"
	FlagFontFallback   Code = "flag-font-fallback"
	FlagPaper          Code = "flag-paper"
	FlagDuplex         Code = "flag-duplex"
	FlagSignature      Code = "flag-signature"
	FlagGroupBy        Code = "flag-group-by"
	FlagWorkers        Code = "flag-workers"
	FlagProgress       Code = "flag-progress"
	FlagJSON           Code = "flag-json"
	FlagStrict         Code = "flag-strict"
	FlagWarnings       Code = "flag-warnings"
	FlagFit            Code = "flag-fit"
	FlagDraft          Code = "flag-draft"
	FlagWatermark      Code = "flag-watermark"
	FlagPDFA           Code = "flag-pdfa"
	FlagAttachData     Code = "flag-attach-data"
	FlagSplitBy        Code = "flag-split-by"
	FlagBinderOutDir   Code = "flag-binder-out-dir"
	FlagDate           Code = "flag-date"
	FlagTemplateOut    Code = "flag-template-out"
	FlagYear           Code = "flag-year"
	FlagExportOut      Code = "flag-export-out"
	FlagPreviewOut     Code = "flag-preview-out"
	FlagDPI            Code = "flag-dpi"
	FlagPages          Code = "flag-pages"
	FlagBinder         Code = "flag-binder"
	FlagPreviewGroupBy Code = "flag-preview-group-by"
)

var helpCatalogue = []item{
	{HelpRootShort, "print budget performance target forms (绩效目标表) as PDFs",
		"把绩效目标表打印成 PDF"},
	{HelpRootLong, "jixiao turns municipal budget performance target forms (市级财政项目支出预算绩效目标表)\ninto print-ready PDFs: one form for a signature, or the whole year's binder.\n\nExit status: 0 done, 1 the input has problems, 2 usage or I/O errors, 3 an internal error.\nMessages are in Chinese with --lang zh, JIXIAO_LANG=zh or a Chinese locale (LANG=zh_CN.UTF-8).",
		"jixiao 把市级财政项目支出预算绩效目标表打印成可直接打印的 PDF：可以单张打印供签字，也可以把全年的表装订成一册。\n\n退出码：0 完成，1 输入的表有问题，2 命令用法或文件读写出错，3 程序内部错误。\n用 --lang en 或 JIXIAO_LANG=en 可改为英文提示。"},
	{HelpRenderShort, "print one form (or each form of a book) as a PDF",
		"把一张表（或册中的每张表）打印成 PDF"},
	{HelpRenderLong, "Prints a form, or a form of a book (--form N, --project NAME), as a PDF.\nWith --out-dir every form of the book (or the one chosen) gets its own PDF.\nFILE is one .xlsx workbook, .json or .yaml file, or - for standard input.\nA directory, which stands for its .xlsx, .json, .yaml and .yml files, is\nprinted with jixiao binder (or checked with jixiao validate).\nA form with errors stops only itself: the others print, and those left out\nare named in a warning (--strict refuses instead).\nExit status: 0 printed, 1 the input has problems, 2 usage or I/O error.",
		"把一张表，或册中的某一张（--form 序号、--project 项目名称），打印成 PDF。\n用 --out-dir 时，册中每张表（或选中的那张）各存成一个 PDF。\nFILE 是一个 .xlsx 工作簿、.json 或 .yaml 文件，写 - 表示从标准输入读取。\n文件夹表示其中的 .xlsx、.json、.yaml、.yml 文件，请用 jixiao binder 打印（或用 jixiao validate 检查）。\n有错误的表只影响它自己：其他表照常打印，未打印的表在提示中列出（加 --strict 则都不打印）。\n退出码：0 已打印，1 表有问题，2 用法或读写错误。"},
	{HelpBinderShort, "print a year's forms as one PDF with a cover, contents and page numbers",
		"把全年的表装订成一个 PDF，带封面、目录和页码"},
	{HelpBinderLong, "Prints every form of the books and forms given (a directory stands for its\n.xlsx, .json, .yaml and .yml files in name order) as one PDF: a cover, a table of\ncontents (目录) with links, the forms numbered 第 N 页 共 M 页, and bookmarks.\nWith --duplex every form starts on a right-hand page; blank pages are\ninserted where needed and counted, but show no page number.\nThe binder's year (on the cover and in the PDF's title) is the year of the\nfirst input (of its book, else of its form); a form of another year is\nprinted, with a warning naming its file and line.\nWhat is ready is printed: a form with errors is left out, and the forms left\nout are named in a warning (--strict refuses instead); --form 1,3-5, --unit\nand --project bind only the forms they pick.\nExit status: 0 printed, 1 the input has problems, 2 usage or I/O error.",
		"把给出的各册、各表（文件夹表示其中按文件名排序的 .xlsx、.json、.yaml、.yml 文件）装订成一个 PDF：\n封面、带链接的目录、每张表按“第 N 页 共 M 页”编页码，并生成书签。\n加 --duplex 时每张表都从右手页（奇数页）开始，需要时插入空白页（计入页数但不印页码）。\n封面和 PDF 标题上的年度取自第一个输入文件（先看册的年度，没有则看表的年度）；\n其他年度的表照样打印，并提示它所在的文件和行号。\n只装订可以打印的表：有错误的表不装订，并在提示中列出（加 --strict 则整册不打印）；\n--form 1,3-5、--unit、--project 只装订选中的表。\n退出码：0 已打印，1 表有问题，2 用法或读写错误。"},
	{HelpValidateShort, "check forms and books; exit 0 valid, 1 problems, 2 usage or I/O errors",
		"检查表格有没有问题：退出码 0 无误，1 有问题，2 用法或读写错误"},
	{HelpValidateLong, "Checks each form or book (JSON, YAML or an Excel workbook; a directory stands for its files)\nand lists every problem with its file, line:column and field path.\n--json prints them as a JSON array of {file, line, column, path, severity, code, message}.\nExit status: 0 valid (warnings allowed), 1 problems found, 2 usage or I/O error.",
		"检查每一张表或每一册（JSON、YAML 或 Excel 工作簿；文件夹表示其中的文件），\n把所有问题一次列出，注明文件、行:列和字段位置。\n加 --json 时以 JSON 数组输出，每项含 file、line、column、path、severity、code、message。\n退出码：0 无误（只有提醒也算无误），1 有问题，2 用法或读写错误。"},
	{HelpImportShort, "import a text extraction of forms (seed) as a JSON book",
		"把从 PDF 提取的表格文字导入成 JSON 数据"},
	{HelpImportLong, "Reads the tab-separated text extraction of a year's forms (FILE, or - for\nstandard input), repairs the extraction damage and writes the book as JSON.\nEach repair is reported on standard error as FILE:LINE: message.\nAn Excel workbook (.xlsx), or a PDF that jixiao wrote with --attach-data,\nis read as every command reads it and written as JSON too.",
		"读取全年表格的文字提取结果（以制表符分隔；FILE 写 - 表示标准输入），\n修复提取时造成的错乱，把整册写成 JSON。\n每处修复都在标准错误输出中以“文件:行号: 说明”列出。\nExcel 工作簿（.xlsx），或 jixiao 用 --attach-data 生成的 PDF，\n也按各命令读表的方式读取，同样写成 JSON。"},
	{HelpPreviewShort, "draw the pages of a form (or of the binder) as PNG images",
		"把表（或整册）的各页画成 PNG 图片"},
	{HelpPreviewLong, "Draws the pages that jixiao render (or jixiao binder) prints as PNG images,\none a page: DIR/PROJECT-p01.png, DIR/PROJECT-p02.png … (DIR/binder-p01.png …).\nA book without --form or --project gives the pages of every form.\nExit status: 0 drawn, 1 the input has problems, 2 usage or I/O error.",
		"把 jixiao render（或 jixiao binder）要打印的各页画成 PNG 图片，每页一张：\n目录/项目名称-p01.png、目录/项目名称-p02.png ……（整册为 目录/binder-p01.png ……）。\n一册表不加 --form 或 --project 时，画出每张表的各页。\n退出码：0 已画好，1 表有问题，2 用法或读写错误。"},
	{HelpTemplateShort, "write the Excel template (.xlsx) that a form is filled in",
		"生成填表用的 Excel 模板（.xlsx）"},
	{HelpTemplateLong, "Writes an Excel workbook with one sheet laid out like the printed form, to be\nfilled in with Excel, WPS or LibreOffice (the 决策/过程 rows of the standard\nframework filled in, drop-down lists for 一级/二级, A4 print setup), and a\n填表说明 sheet. Print the filled workbook with jixiao render FILE.xlsx -o OUT.pdf.",
		"生成一个 Excel 工作簿：一张按打印样式排好的表，用 Excel、WPS 或 LibreOffice 填写\n（标准框架中决策、过程的各行已填好，一级、二级指标有下拉选项，已设好 A4 打印），\n另有一张“填表说明”。填好后用 jixiao render 文件.xlsx -o 输出.pdf 打印。"},
	{HelpExportShort, "write forms and books as an Excel workbook, one sheet per form",
		"把表或册导出为 Excel 工作簿，每张表一个工作表"},
	{HelpExportLong, "Writes every form of the books and forms given (JSON, YAML or .xlsx; a\ndirectory stands for its files) as one Excel workbook: one sheet per form,\nlaid out like the printed form and named after its project. The input is\nchecked first; a book with errors is not exported.\nExit status: 0 written, 1 the input has problems, 2 usage or I/O error.",
		"把给出的各册、各表（JSON、YAML 或 .xlsx；文件夹表示其中的文件）导出为一个 Excel 工作簿：\n每张表一个工作表，按打印样式排好，以项目名称命名。导出前先检查，有错误的册不导出。\n退出码：0 已写出，1 表有问题，2 用法或读写错误。"},
	{HelpVersionShort, "print the version",
		"显示版本号"},
	{HelpHelpShort, "help about any command",
		"查看各命令的说明"},
	{HelpCompletionShort, "print the shell completion script (bash, zsh, fish, powershell)",
		"生成命令行自动补全脚本（bash、zsh、fish、powershell）"},
	{HelpCompletionLong, "Prints the script that lets the shell complete jixiao's commands, flags and file names.\nLoad it in the shell's start-up file, e.g. for bash: source <(jixiao completion bash).",
		"输出一段脚本，让命令行能自动补全 jixiao 的命令、选项和文件名。\n把它加进命令行的启动文件，例如 bash：source <(jixiao completion bash)。"},
	{HelpCompletionShell, "print the completion script for {1}",
		"生成 {1} 的自动补全脚本"},
	{HelpUsage, "Usage:", "用法："},
	{HelpAliases, "Aliases:", "别名："},
	{HelpExamples, "Examples:", "示例："},
	{HelpCommands, "Commands:", "命令："},
	{HelpFlags, "Flags:", "选项："},
	{HelpGlobalFlags, "Global flags:", "通用选项："},
	{HelpCommandWord, "[command]", "[命令]"},
	{HelpMore, `Run "{1} COMMAND --help" for the flags and examples of a command.`,
		`运行“{1} 命令 --help”查看某个命令的选项和示例。`},
	{HelpDefault, "(default {1})", "（默认：{1}）"},
	{HelpFlagsWord, "[flags]", "[选项]"},
	{SeeHelp, "run {1} --help for the usage",
		"用法请运行 {1} --help 查看"},

	{FlagLang, "language of the messages: `zh` (中文) or en (default: JIXIAO_LANG, else the locale)", "提示信息的语言：`zh`（中文）或 en（英文）（默认看 JIXIAO_LANG，再看系统语言）"},
	{FlagQuiet, "print errors only", "只显示错误"},
	{FlagVerbose, "also print how long each step took", "同时显示各步骤用时"},
	{FlagHelp, "print this help", "显示本说明"},
	{FlagVersion, "print the version", "显示版本号"},
	{FlagOutputPDF, "write the PDF to `OUT.pdf` (- for standard output)", "把 PDF 写到 `OUT.pdf`（- 表示标准输出）"},
	{FlagFormat, "write `FORMAT`: pdf (the default) or ofd (GB/T 33190); -o x.ofd means ofd", "写出的格式 `FORMAT`：pdf（默认）或 ofd（GB/T 33190 版式文档）；-o x.ofd 即 ofd"},
	{FlagOutputJSON, "write the JSON book to `OUT` instead of standard output", "把 JSON 写到文件 `OUT`（默认写到标准输出）"},
	{FlagOutDir, "write one PDF per form into `DIR`, named after its project", "每张表存成一个 PDF，放进文件夹 `DIR`，以项目名称命名"},
	{FlagForm, "print form `N` of the book (1-based)", "打印册中第 `N` 张表（从 1 数起）"},
	{FlagProject, "print the form whose project is `NAME`", "打印项目名称为 `NAME` 的那张表"},
	{FlagBinderForm, "bind only the forms `LIST`, e.g. 3 or 1,3-5 (numbered over all the files in order, as validate and the web page number them)", "只装订 `LIST` 这几张表，如 3 或 1,3-5（按所有文件依次编号，与 validate 和网页上的序号相同）"},
	{FlagBinderProject, "bind only the form whose project is `NAME`", "只装订项目名称为 `NAME` 的那张表"},
	{FlagUnit, "bind only the forms whose 单位名称 is `NAME`", "只装订单位名称为 `NAME` 的表"},
	{FlagAllowMissing, "draw a box for each character no font has, instead of failing", "字体里没有的字印成方框，而不是报错停止"},
	{FlagFontBody, "TrueType font `PATH` for body text (宋体 role); FILE.ttc#N picks a face of a collection (default: embedded Noto Serif SC)", "正文（宋体）所用的 TrueType 字体文件 `PATH`；FILE.ttc#N 选字体集中的第 N 个（默认：内置思源宋体 Noto Serif SC）"},
	{FlagFontTitle, "TrueType font `PATH` for titles (黑体 role) (default: embedded Noto Sans SC Bold)", "标题（黑体）所用的 TrueType 字体文件 `PATH`（默认：内置思源黑体 Noto Sans SC Bold）"},
	{FlagFontFallback, "TrueType font `PATH` tried for characters the role's font lacks (repeatable, in order)", "主字体缺字时依次尝试的后备字体 `PATH`（可给多个，按顺序）"},
	{FlagPaper, "paper `SIZE`: A4 (the default), A3, A4-landscape or A3-landscape", "纸张 `SIZE`：A4（默认）、A3、A4-landscape（横向）或 A3-landscape"},
	{FlagDuplex, "mirror the margins for printing on both sides", "双面打印：左右页边距对调"},
	{FlagSignature, "add the signature block after the indicator table", "在指标表后加签字栏"},
	{FlagGroupBy, "group the forms in the contents and bookmarks: `unit` (单位名称)", "目录和书签按 `unit`（单位名称）分组"},
	{FlagWorkers, "lay out `N` forms at once; 0 (the default) means one per CPU; the PDF is the same for any N", "同时排版 `N` 张表；0（默认）表示按处理器核数；N 不同，生成的 PDF 完全相同"},
	{FlagProgress, "show a progress bar on stderr even when it is not a terminal", "即使标准错误输出不是终端也显示进度条"},
	{FlagPreviewOut, "write the images into `DIR` (made if missing)", "把图片写进文件夹 `DIR`（没有则新建）"},
	{FlagDPI, "resolution in pixels per `inch`", "分辨率，每英寸像素数（`inch`）"},
	{FlagPages, "draw only these `PAGES` of each form (or of the binder), e.g. 1-3, 2 or 1,4-", "只画每张表（或整册）的这些页 `PAGES`，例如 1-3、2 或 1,4-"},
	{FlagBinder, "draw the pages of the binder of all FILEs (cover, contents, forms)", "画出所有文件装订成册后的各页（封面、目录、各表）"},
	{FlagPreviewGroupBy, "with --binder: group the forms by `unit` (单位名称)", "与 --binder 同用：按 `unit`（单位名称）分组"},
	{FlagTemplateOut, "write the workbook to `FILE.xlsx` (- for standard output)", "把工作簿写到 `FILE.xlsx`（- 表示标准输出）"},
	{FlagYear, "fill in the year line with `YEAR` (default: left blank, （    年度）)", "在年度行填上 `YEAR`（默认留空：（    年度））"},
	{FlagExportOut, "write the workbook to `OUT.xlsx` (- for standard output)", "把工作簿写到 `OUT.xlsx`（- 表示标准输出）"},
	{FlagStrict, "treat every warning as an error (exit status 1, nothing written)", "把提醒也当作错误（退出码 1，不写出文件）"},
	{FlagWarnings, "list the warnings (--warnings=false hides them, as -q does; errors are always listed)", "列出提醒（--warnings=false 或 -q 不列；错误总会列出）"},
	{FlagFit, "`on`: tighten a form whose last page would be nearly empty so that it ends a page earlier; off: never", "`on`：表的最后一页几乎是空的时，适当收紧排版，少占一页；off：不收紧"},
	{FlagDraft, "draw a light diagonal 草稿 behind every page (a draft for review)", "每页背后印浅色斜体“草稿”字样（供审阅的草稿）"},
	{FlagWatermark, "draw `TEXT` as a light diagonal watermark behind every page", "每页背后印浅色斜体水印 `TEXT`"},
	{FlagPDFA, "write an archival PDF/A of `LEVEL` 2b (--pdfa alone), 1b or 3b", "写出归档格式 PDF/A，级别 `LEVEL` 为 2b（只写 --pdfa 时）、1b 或 3b"},
	{FlagAttachData, "attach the forms' data (JSON) to the PDF, as PDF/A-3b, so that validate, render and import read it back", "把表的数据（JSON）附在 PDF 里（PDF/A-3b），validate、render、import 可以读回"},
	{FlagSplitBy, "one binder per `unit` (单位名称), each with its own cover, contents and numbering, written to --out-dir", "按 `unit`（单位名称）分册：每个单位一册，各有封面、目录和页码，写入 --out-dir"},
	{FlagBinderOutDir, "with --split-by: the `DIR`ectory of the binders, one file per unit named after it", "与 --split-by 同用：各册存放的文件夹 `DIR`，每个单位一个文件，以单位名称命名"},
	{FlagDate, "编报日期 printed on the cover, as written: `DATE` is 2024年3月1日, 2024-03-01, 2024/3/1 or 2024.3.1; default: the year with blanks for month and day", "封面上的编报日期 `DATE`，照写的印：2024年3月1日、2024-03-01、2024/3/1 或 2024.3.1；默认只印年份，月、日留空"},
	{FlagJSON, "print the problems as a JSON array on stdout", "以 JSON 数组把问题输出到标准输出"},
}
