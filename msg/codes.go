package msg

// The codes of the command's own messages. The codes of the problems found
// in forms (model.Code…) have their entries in problems.go.
const (
	// language and general
	BadLang       Code = "bad-lang"
	InternalError Code = "internal-error"
	Version       Code = "version"
	PressEnter    Code = "press-enter"
	Warning       Code = "warning"
	Prefix        Code = "prefix"
	ProblemAt     Code = "problem-at"
	ProblemPath   Code = "problem-path"
	LocLineCol    Code = "loc-line-col"
	LocLine       Code = "loc-line"
	LocCell       Code = "loc-cell"
	LocSheet      Code = "loc-sheet"
	LocPath       Code = "loc-path"
	UnitForm      Code = "unit-form"
	UnitFile      Code = "unit-file"
	UnitPage      Code = "unit-page"
	UnitError     Code = "unit-error"
	UnitCharacter Code = "unit-character"

	// files
	NoSuchFile       Code = "no-such-file"
	PermissionDenied Code = "permission-denied"
	CannotRead       Code = "cannot-read"
	CannotWrite      Code = "cannot-write"
	TempFailed       Code = "temp-failed"
	ReasonNoDir      Code = "reason-no-dir"
	ReasonPermission Code = "reason-permission"
	ReasonDiskFull   Code = "reason-disk-full"
	OutputIsInput    Code = "output-is-input"
	OutDirNotDir     Code = "out-dir-not-dir"
	InputIsDir       Code = "input-is-dir"
	DirNoInputs      Code = "dir-no-inputs"
	StdinTerminal    Code = "stdin-terminal"
	PDFToTerminal    Code = "pdf-to-terminal"
	StdinTwice       Code = "stdin-twice"
	InputTwice       Code = "input-twice"
	InputSameFile    Code = "input-same-file"
	StandardOutput   Code = "standard-output"
	StandardInput    Code = "standard-input"
	StdinLocation    Code = "stdin-location"
	Wrote            Code = "wrote"
	RenderFailed     Code = "render-failed"

	// usage
	UnknownCommand   Code = "unknown-command"
	DidYouMean       Code = "did-you-mean"
	UnknownFlag      Code = "unknown-flag"
	FlagAfterCommand Code = "flag-after-command"
	FlagNeedsValue   Code = "flag-needs-value"
	FlagBadValue     Code = "flag-bad-value"
	FlagRepeated     Code = "flag-repeated"
	QuietVerbose     Code = "quiet-verbose"
	ArgsExactlyOne   Code = "args-exactly-one"
	ArgsAtLeastOne   Code = "args-at-least-one"
	NeedOutput       Code = "need-output"
	OutOrOutDir      Code = "out-or-out-dir"
	FormOrProject    Code = "form-or-project"
	GroupByUnit      Code = "group-by-unit"
	WorkersNegative  Code = "workers-negative"
	FormCountsFrom1  Code = "form-counts-from-1"
	FormOutOfRange   Code = "form-out-of-range"
	FormsOutOfRange  Code = "forms-out-of-range"
	UnitNotPicked    Code = "unit-not-picked"
	ProjectNotPicked Code = "project-not-picked"
	ProjectNotFound  Code = "project-not-found"
	UnitNotFound     Code = "unit-not-found"
	FormsNotPrinted  Code = "forms-not-printed"
	FormNamed        Code = "form-named"
	FormNumbered     Code = "form-numbered"
	NoFormReady      Code = "no-form-ready"
	TooManyPages     Code = "too-many-pages"
	UnitsNotPrinted  Code = "units-not-printed"
	ProjectNearest   Code = "project-nearest"
	ProjectTwice     Code = "project-twice"
	PickForm         Code = "pick-form"
	BookNoForms      Code = "book-no-forms"
	InputsNoForms    Code = "inputs-no-forms"
	FontFlag         Code = "font-flag"
	PaperUnknown     Code = "paper-unknown"
	SourceDateEpoch  Code = "source-date-epoch"
	NotRegular       Code = "not-regular"
	InputNotDecoded  Code = "input-not-decoded"
	InputHasErrors   Code = "input-has-errors"
	ImportHasErrors  Code = "import-has-errors"
	ImportFormLine   Code = "import-form-line"
	ImportIsBook     Code = "import-is-book"
	FilesValid       Code = "files-valid"
	Timing           Code = "timing"
	BinderWrote      Code = "binder-wrote"
	BinderProgress   Code = "binder-progress"
	BinderWriting    Code = "binder-writing"
	GlyphMissing     Code = "glyph-missing"
	GlyphAlso        Code = "glyph-also"
	GlyphAlsoMore    Code = "glyph-also-more"
	GlyphMore        Code = "glyph-more"
	GlyphMoreOne     Code = "glyph-more-one"
	GlyphCannotDraw  Code = "glyph-cannot-draw"
	GlyphDrawnAsBox  Code = "glyph-drawn-as-box"

	// warnings, --fit, --draft, --split-by (issue 14)
	StrictWarnings     Code = "strict-warnings"
	UnitWarning        Code = "unit-warning"
	FitBad             Code = "fit-bad"
	WatermarkControl   Code = "watermark-control"
	FormatBad          Code = "format-bad"
	PreviewNoWatermark Code = "preview-no-watermark"
	SplitByUnit        Code = "split-by-unit"
	SplitNeedsOutDir   Code = "split-needs-out-dir"
	OutDirNeedsSplit   Code = "out-dir-needs-split"
	BinderWroteSplit   Code = "binder-wrote-split"

	// archival PDF (issue 21)
	PDFABad           Code = "pdfa-bad"
	AttachNeedsPDFA3  Code = "attach-needs-pdfa3"
	AttachDescription Code = "attach-description"
	PDFANotOFD        Code = "pdfa-not-ofd"
	PDFNoData         Code = "pdf-no-data"
	PDFBadData        Code = "pdf-bad-data"

	// Outputs that are not written, inputs not read (issue 9)
	OutIsDir         Code = "output-is-directory"
	OutIsSocket      Code = "output-is-socket"
	OutIsBlock       Code = "output-is-block-device"
	OutIsOther       Code = "output-not-writable"
	OutLinkLoop      Code = "output-symlink-loop"
	OutViaLink       Code = "output-via-symlink"
	StdoutFailed     Code = "stdout-write-failed"
	InputTooLarge    Code = "input-too-large"
	BadFaceNumber    Code = "font-bad-face-number"
	TooManyFallbacks Code = "font-too-many-fallbacks"

	// jixiao template, export
	ArgsNone          Code = "args-none"
	TemplateYear      Code = "template-year"
	TemplateExists    Code = "template-exists"
	ExportNeedOutput  Code = "export-need-output"
	ExportNotXLSX     Code = "export-not-xlsx"
	ExportCannotWrite Code = "export-cannot-write"
	UnitText          Code = "unit-text"

	// jixiao preview
	PreviewFiles         Code = "preview-files"
	PreviewOut           Code = "preview-out"
	PreviewOutNotDir     Code = "preview-out-not-dir"
	PreviewBinderPick    Code = "preview-binder-pick"
	PreviewDPI           Code = "preview-dpi"
	PreviewPages         Code = "preview-pages"
	PreviewNoPages       Code = "preview-no-pages"
	PreviewNoPagesBook   Code = "preview-no-pages-book"
	PreviewNoPagesBinder Code = "preview-no-pages-binder"
	PreviewGroupByBinder Code = "preview-group-by-binder"
	PreviewDir           Code = "preview-dir"
	PreviewWroteMany     Code = "preview-wrote-many"
	PreviewFailed        Code = "preview-failed"

	// jixiao serve: where it listens
	AddrBad          Code = "addr-bad"
	AddrInUse        Code = "addr-in-use"
	AddrNoPermission Code = "addr-no-permission"
	AddrNotHere      Code = "addr-not-here"
	AddrUnknownHost  Code = "addr-unknown-host"
	AddrCannotListen Code = "addr-cannot-listen"

	// an output named for another kind of file than is written
	OutputWrongExt   Code = "output-wrong-ext"
	OutputFormatHint Code = "output-format-hint"
	KindPDF          Code = "kind-pdf"
	KindOFD          Code = "kind-ofd"
	KindJSON         Code = "kind-json"
	KindXLSX         Code = "kind-xlsx"

	// a flag's value refused: what it should be
	FlagBadValueWant Code = "flag-bad-value-want"
	WantFormNumber   Code = "want-form-number"
	WantFormList     Code = "want-form-list"
	WantYear         Code = "want-year"
	WantMaxUpload    Code = "want-max-upload"
	WantUploadMemory Code = "want-upload-memory"
	WantDuration     Code = "want-duration"
	WantWorkers      Code = "want-workers"
	WantDPI          Code = "want-dpi"
	WantBool         Code = "want-bool"
	WantFontChars    Code = "want-font-chars"
)

var commandCatalogue = []item{
	{BadLang, "{1} {2}: unknown language; use zh (中文) or en (English)",
		"{1} {2}：不认识的语言，请写 zh（中文）或 en（英文）"},
	{InternalError, "internal error: {1} (please report this with the input file)",
		"程序内部出错：{1}（这是程序的问题，不是您的错。请把这段话和输入文件一起发给维护人员）"},
	{Version, "jixiao {1} (commit {2}, built {3})",
		"jixiao {1}（提交 {2}，构建于 {3}）"},
	{PressEnter, "Press Enter to close this window.",
		"按回车键关闭此窗口。"},
	{Warning, "warning: {1}",
		"提醒：{1}"},
	{Prefix, "{1}: {2}",
		"{1}：{2}"},
	{ProblemAt, "{1}: {2}", "{1}：{2}"},
	{ProblemPath, "{1}: {2}", "{2}（{1}）"},
	{LocLineCol, "{1}:{2}:{3}", "{1} 第 {2} 行第 {3} 列"},
	{LocLine, "{1}:{2}", "{1} 第 {2} 行"},
	{LocCell, "{1}: {2}!{3}", "{1} 工作表“{2}”{3} 单元格"},
	{LocSheet, "{1}: {2}", "{1} 工作表“{2}”"},
	{LocPath, "{1}: {2}", "{1} 中的 {2}"},
	{UnitForm, "form|forms", "张表"},
	{UnitFile, "file|files", "个文件"},
	{UnitPage, "page|pages", "页"},
	{UnitError, "error|errors", "处错误"},
	{UnitCharacter, "character|characters", "个字"},

	{NoSuchFile, "no such file: {1}",
		"找不到文件 {1}"},
	{PermissionDenied, "no permission to open {1}",
		"没有权限打开 {1}"},
	{CannotRead, "cannot read {1}: {2}",
		"无法读取 {1}：{2}"},
	{CannotWrite, "cannot write {1}: {2}",
		"无法写入 {1}：{2}"},
	{TempFailed, "cannot keep the drawn pages in a temporary file in {1} (the system's folder for temporary files; TMPDIR names another): {2}",
		"无法在临时文件夹 {1} 中暂存已绘制的页面（这是系统的临时文件夹，可用环境变量 TMPDIR 指定别的文件夹）：{2}"},
	{ReasonNoDir, "the directory does not exist", "文件夹不存在"},
	{ReasonPermission, "permission denied", "没有权限"},
	{ReasonDiskFull, "the disk is full", "磁盘已满"},
	{OutputIsInput, "cannot write {1}: it is the input file {2}; name another output",
		"无法写入 {1}：它就是输入文件 {2}，请换一个输出文件名，以免覆盖原表"},
	{OutDirNotDir, "--out-dir {1}: not a directory",
		"--out-dir {1}：这不是一个文件夹"},
	{DirNoInputs, "{1}: the directory holds no {2} file",
		"文件夹 {1} 里没有 {2} 文件"},
	{InputIsDir, "{1} is a directory: jixiao render prints one file (jixiao binder prints many)",
		"{1} 是一个文件夹：jixiao render 只打印一个文件（多个文件请用 jixiao binder 装订成册）"},
	{StdinTerminal, "- reads the book from standard input, but that is a terminal: pipe a file into it (cat book.json | jixiao {1} -) or name the file",
		"“-”表示从标准输入读取，但标准输入是终端：请用管道输入文件（cat book.json | jixiao {1} -），或直接写文件名"},
	{PDFToTerminal, "-o -: refusing to write a PDF or OFD file to the terminal; redirect it (> out.pdf) or name a file with -o",
		"-o -：不能把 PDF 或 OFD 文件直接输出到终端窗口，请重定向到文件（> out.pdf）或用 -o 指定文件名"},
	{StdinTwice, "- (standard input) is given more than once",
		"“-”（标准输入）只能出现一次"},
	{InputTwice, "{1} is given twice: name each file once (its forms would be read twice)",
		"{1} 给了两次：每个文件只能给一次（否则其中的表会读两遍）"},
	{InputSameFile, "{1} and {2} are the same file: name each file once (its forms would be read twice)",
		"{1} 和 {2} 是同一个文件：每个文件只能给一次（否则其中的表会读两遍）"},
	{StandardOutput, "standard output",
		"标准输出"},
	{StandardInput, "standard input",
		"标准输入"},
	// Standard input where a problem stands, in place of a file name:
	// English keeps the compilers' <stdin>, which scripts read.
	{StdinLocation, "<stdin>",
		"标准输入"},
	{RenderFailed, "form {1}: the PDF cannot be drawn: {2}",
		"第 {1} 张表无法生成 PDF：{2}"},
	{Wrote, "wrote {1}",
		"已写入 {1}"},

	{UnknownCommand, "unknown command {1}",
		"没有 {1} 这个命令"},
	{DidYouMean, "did you mean {1}?",
		"是否应为 {1}？"},
	{UnknownFlag, "unknown flag {1}",
		"没有 {1} 这个选项"},
	{FlagAfterCommand, "a command's flags go after its name: jixiao {1} {2} …",
		"命令的选项要写在命令名之后：jixiao {1} {2} …"},
	{FlagNeedsValue, "flag {1} needs a value",
		"选项 {1} 后面要写一个值"},
	{FlagBadValue, "invalid value {1} for {2}",
		"{2} 的值 {1} 不对"},
	{FlagRepeated, "{1} is given more than once (it takes one value)",
		"{1} 只能给一次（它只取一个值）"},
	{QuietVerbose, "give at most one of --quiet and --verbose",
		"--quiet 和 --verbose 只能选一个"},
	{ArgsExactlyOne, "expected exactly one input FILE",
		"需要正好一个输入文件"},
	{ArgsAtLeastOne, "expected at least one input FILE",
		"至少需要一个输入文件"},
	{NeedOutput, "give the output file with -o binder.pdf (- for standard output)",
		"请用 -o binder.pdf 指定输出文件（- 表示标准输出）"},
	{OutOrOutDir, "give exactly one of -o OUT.pdf and --out-dir DIR",
		"-o OUT.pdf 和 --out-dir DIR 必须且只能给一个"},
	{FormOrProject, "give at most one of --form and --project",
		"--form 和 --project 只能选一个"},
	{GroupByUnit, "--group-by {1}: the forms can only be grouped by unit",
		"--group-by {1}：目前只能按单位（unit）分组"},
	{WorkersNegative, "--workers must be at least 1 (0 for the number of CPUs)",
		"--workers 至少为 1（0 表示按处理器核数）"},
	{FormCountsFrom1, "--form {1}: --form counts from 1; the book has {2}",
		"--form {1}：表从 1 开始编号，本册共有 {2}"},
	{FormOutOfRange, "--form {1}: the book has {2}",
		"--form {1}：本册只有 {2}"},
	{FormsOutOfRange, "--form {1}: the book has {2}, so there is no form {3}",
		"--form {1}：本册只有 {2}，没有第 {3} 张"},
	{UnitNotPicked, "--unit {1} and {2} together pick no form (forms of this 单位名称: {3})",
		"--unit {1} 与 {2} 合在一起选不出表：这个单位的表是第 {3} 张"},
	{ProjectNotPicked, "--project {1} and {2} together pick no form (forms of this project name: {3})",
		"--project {1} 与 {2} 合在一起选不出表：这个项目名称的表是第 {3} 张"},
	{ProjectNotFound, "--project {1}: no form has this project name",
		"--project {1}：没有哪张表的项目名称是这个"},
	{UnitNotFound, "--unit {1}: no form has this 单位名称",
		"--unit {1}：没有哪张表的单位名称是这个"},
	{FormsNotPrinted, "not printed, {1} with errors: {2}",
		"{1}有错误，未打印：{2}"},
	// A form in a list (forms-not-printed): its number, its project and
	// where it was read (a file, or loc-sheet).
	{FormNamed, "{1} {2} ({3})",
		"{1} {2}（{3}）"},
	{FormNumbered, "{1} ({2})",
		"{1}（{2}）"},
	{NoFormReady, "no form can be printed: every one picked has errors",
		"没有可以打印的表：选中的表都有错误"},
	{TooManyPages, "these {1} would take more than the {2} pages that may be printed at once: print them in several parts",
		"这 {1}超过了一次可打印的 {2} 页，请分几次打印"},
	{UnitsNotPrinted, "no binder for units whose forms all have errors: {1}",
		"以下单位的表都有错误，未生成装订本：{1}"},
	{ProjectNearest, "the nearest project names: {1}",
		"最接近的项目名称：{1}"},
	{ProjectTwice, "--project {1}: {2} forms have this project name; use --form N",
		"--project {1}：有 {2} 张表用这个项目名称，请改用 --form 序号"},
	{PickForm, "the book has {1} forms: pick one with --form N or --project NAME, or write them all with --out-dir DIR",
		"本册共有 {1} 张表：请用 --form 序号 或 --project 项目名称 选一张，或用 --out-dir 文件夹 全部输出"},
	{BookNoForms, "the book has no forms",
		"这本册子里没有表"},
	{InputsNoForms, "the inputs hold no forms",
		"输入的文件里没有表"},
	{FontFlag, "{1}: {2}",
		"{1}：{2}"},
	{PaperUnknown, "--paper: unknown paper size {1} (want A4, A3, A4-landscape or A3-landscape)",
		"--paper：不认识的纸张 {1}（可选 A4、A3、A4-landscape 或 A3-landscape）"},
	{SourceDateEpoch, "SOURCE_DATE_EPOCH={1} is not a number of seconds since 1970-01-01 up to the year 9999",
		"SOURCE_DATE_EPOCH={1} 不对：应为 1970-01-01 以来的秒数（不超过 9999 年）"},
	{NotRegular, "{1} is not a regular file: expected a form or book file",
		"{1} 不是普通文件：应当是表或册的数据文件"},
	{InputNotDecoded, "the input does not decode (listed above); no file was written",
		"输入文件格式有误（见上），没有生成任何文件"},
	{InputHasErrors, "{1} in the input (listed above); no file was written",
		"输入中有 {1}（见上），没有生成任何文件"},
	{ImportHasErrors, "{1}: the imported book has errors (listed above); nothing written",
		"{1}：导入的表有错误（见上），没有写出文件"},
	{ImportIsBook, "{1} is already a jixiao book (JSON or YAML): every command reads it as it is (jixiao validate, render, binder); import reads the text of the forms (SEED.txt), an .xlsx workbook or a PDF written with --attach-data",
		"{1} 已经是 jixiao 的表册（JSON 或 YAML），各命令可以直接读取（jixiao validate、render、binder）；import 读取的是表格的文本（SEED.txt）、.xlsx 工作簿或用 --attach-data 写出的 PDF"},
	{ImportFormLine, "{1}: form {2}: {3}",
		"{1}：第 {2} 张表：{3}"},
	{FilesValid, "{1} valid",
		"{1}检查通过"},
	{Timing, "done in {1}",
		"完成，用时 {1}"},
	{BinderWrote, "wrote {1}: {2}, {3}, {4} in {5} s",
		"已写入 {1}：{2}，{3}，{4}，用时 {5} 秒"},
	{BinderProgress, "[{1}] {2}/{3} forms",
		"[{1}] {2}/{3} 张表"},
	{BinderWriting, "; writing {1}",
		"；正在写出 {1}"},
	{GlyphMissing, "no font has {1}: {2} {3}{4}",
		"{1}：所用字体里没有 {3} 这个字（{2}）{4}"},
	{GlyphAlso, " (also in {1})",
		"（{1} 中也有）"},
	{GlyphAlsoMore, " (also in {1} and {2} more)",
		"（{1} 等另外 {2} 处也有）"},
	{GlyphMoreOne, "… and 1 more character: the font in use lacks many of the characters of these forms; choose one that covers Chinese (the embedded defaults do), or add one with --font-fallback",
		"……还有 1 个字也缺：所用字体缺少这些表里的很多汉字，请换一个支持中文的字体（内置默认字体就可以），或用 --font-fallback 添加字体"},
	{GlyphMore, "… and {1} more characters: the font in use lacks many of the characters of these forms; choose one that covers Chinese (the embedded defaults do), or add one with --font-fallback",
		"……还有 {1} 个字也缺：所用字体缺少这些表里的很多汉字，请换一个支持中文的字体（内置默认字体就可以），或用 --font-fallback 添加字体"},
	{GlyphCannotDraw, "{1} cannot be drawn: add a font with --font-fallback, or draw boxes with --allow-missing",
		"{1}无法显示：请用 --font-fallback 添加字体，或加 --allow-missing 用方框代替"},
	{GlyphDrawnAsBox, "{1} (drawn as a box)",
		"{1}（将印成方框）"},

	{PreviewFiles, "give one FILE (or, with --binder, one or more)",
		"请给出一个文件（用 --binder 时可给出多个）"},
	{PreviewOut, "give the directory the images go to with -o DIR",
		"请用 -o 目录 指定图片存放的文件夹"},
	{PreviewOutNotDir, "-o {1}: not a directory",
		"-o {1}：这不是一个文件夹"},
	{PreviewBinderPick, "--binder draws every form: --form and --project do not apply",
		"--binder 绘制全部表格，不能与 --form 或 --project 同用"},
	{PreviewDPI, "--dpi {1}: give a resolution from {2} to {3}",
		"--dpi {1}：分辨率应在 {2} 到 {3} 之间"},
	{PreviewPages, "--pages \"{1}\": expected page numbers counted from 1, such as 1-3, 2 or 1,4-",
		"--pages “{1}”：应为从 1 起的页码，例如 1-3、2 或 1,4-"},
	{PreviewNoPages, "--pages {1}: \"{2}\" has none of these pages (it has {3})",
		"--pages {1}：“{2}”没有这些页（共 {3} 页）"},
	{PreviewNoPagesBook, "--pages {1}: no form of the book has these pages",
		"--pages {1}：本册没有哪张表有这些页"},
	{PreviewNoPagesBinder, "--pages {1}: the binder has none of these pages (it has {2})",
		"--pages {1}：整册没有这些页（共 {2} 页）"},
	{PreviewGroupByBinder, "--group-by orders the binder: give --binder too",
		"--group-by 用于整册的排序：请同时给出 --binder"},
	{PreviewDir, "{1} is a directory: jixiao preview draws one file (or, with --binder, many)",
		"{1} 是一个文件夹：jixiao preview 只绘制一个文件（用 --binder 时可绘制多个）"},
	{PreviewFailed, "page {1}: the image cannot be drawn: {2}",
		"第 {1} 页无法画成图片：{2}"},
	{PreviewWroteMany, "wrote {1} pages: {2} … {3}",
		"已写入 {1} 页：{2} … {3}"},

	{ArgsNone, "unexpected argument {1}",
		"多余的参数 {1}"},
	{TemplateYear, "--year {1} is not a plausible year (expected 1900–2200)",
		"--year {1} 不像是年度（应在 1900 到 2200 之间）"},
	{TemplateExists, "{1} already exists, and may be a form filled in: name another file with -o, or give -o {1} to replace it",
		"{1} 已经存在，里面可能是填好的表：请用 -o 另起文件名；确要覆盖它，请写明 -o {1}"},
	{ExportNeedOutput, "give the output file with -o book.xlsx (- for standard output)",
		"请用 -o book.xlsx 指定输出文件（- 表示标准输出）"},
	{ExportNotXLSX, "{1}: the output is an Excel workbook; name it …xlsx",
		"{1}：输出的是 Excel 工作簿，文件名请以 .xlsx 结尾"},
	{ExportCannotWrite, "{1} cannot be written to a workbook (listed above); nothing written",
		"有 {1}写不进工作簿（见上），没有写出文件"},
	{UnitText, "text|texts", "段文字"},

	{OutIsDir, "cannot write {1}: it is a directory{2}; name a regular file",
		"无法写入 {1}：这是一个文件夹{2}，请给出一个文件名"},
	{OutIsSocket, "cannot write {1}: it is a socket{2}; name a regular file",
		"无法写入 {1}：这是一个套接字{2}，请给出一个普通文件名"},
	{OutIsBlock, "cannot write {1}: it is a block device{2}; name a regular file",
		"无法写入 {1}：这是一个块设备{2}，请给出一个普通文件名"},
	{OutIsOther, "cannot write {1}: it is neither a regular file nor a character device nor a FIFO{2}; name a regular file",
		"无法写入 {1}：它既不是普通文件，也不是字符设备或命名管道{2}，请给出一个普通文件名"},
	{OutLinkLoop, "cannot write {1}: its symbolic links loop (or chain more than 40 deep){2}",
		"无法写入 {1}：符号链接绕成了圈（或超过 40 层）{2}"},
	{OutViaLink, " (the symbolic link leads to {1})",
		"（符号链接指向 {1}）"},
	{StdoutFailed, "cannot write to standard output: {1}",
		"无法写入标准输出：{1}"},
	{InputTooLarge, "{1} is {2} bytes, more than the {3} MiB an input may have",
		"{1} 有 {2} 字节，超过了输入文件上限 {3} MiB"},
	{BadFaceNumber, "{1}: bad face number {2}: expected #N with N from 0 to the number of faces in the collection less one",
		"{1}：字体序号 {2} 不对：应为 #N，N 从 0 到字体集中的字体数减一"},
	{TooManyFallbacks, "--font-fallback given {1} different fonts; at most {2} are used",
		"--font-fallback 给了 {1} 个不同的字体，最多只能用 {2} 个"},

	{StrictWarnings, "{1} with --strict: nothing written",
		"加了 --strict，有 {1}（提醒按错误处理），没有写出文件"},
	{UnitWarning, "warning|warnings", "处提醒"},
	{PDFABad, "--pdfa {1}: the PDF/A level is 1b, 2b or 3b",
		"--pdfa {1}：PDF/A 级别只能是 1b、2b 或 3b"},
	{AttachDescription, "the forms this PDF prints, as a jixiao book (JSON)",
		"本 PDF 所印各表的数据（jixiao 表册，JSON 格式）"},
	{AttachNeedsPDFA3, "--attach-data makes PDF/A-3b; PDF/A-1b cannot carry the data (leave out --pdfa=1b)",
		"--attach-data 写出的是 PDF/A-3b；PDF/A-1b 不能附带数据（请去掉 --pdfa=1b）"},
	{PDFANotOFD, "--pdfa and --attach-data make PDFs; leave them out with --format ofd",
		"--pdfa 和 --attach-data 只用于 PDF；用 --format ofd 时请去掉"},
	{PDFNoData, "this PDF carries no form data; only a PDF written with its data attached (--attach-data) can be read back",
		"这个 PDF 没有附带表的数据；只有附带了数据（--attach-data）写出的 PDF 才能读回"},
	{PDFBadData, "the form data attached to this PDF cannot be read: {1}",
		"这个 PDF 附带的表数据无法读取：{1}"},
	{FitBad, "--fit: \"{1}\" is neither on nor off",
		"--fit：“{1}”不对，只能是 on 或 off"},
	{WatermarkControl, "--watermark: the control character {1} cannot be printed: write the mark's words alone",
		"--watermark：控制字符 {1} 无法打印，水印里只写文字"},
	{FormatBad, "--format: \"{1}\" is neither pdf nor ofd",
		"--format：“{1}”不对，只能是 pdf 或 ofd"},
	{PreviewNoWatermark, "--draft and --watermark mark PDFs (render, binder); a preview is drawn without them",
		"--draft 和 --watermark 只用于 PDF（render、binder），预览图不画水印"},
	{SplitByUnit, "--split-by {1}: the binder can only be split by unit",
		"--split-by {1}：目前只能按单位（unit）分册"},
	{SplitNeedsOutDir, "--split-by unit writes one file per unit: give --out-dir DIR, not -o",
		"--split-by unit 每个单位写一个文件：请用 --out-dir 文件夹，不要用 -o"},
	{OutDirNeedsSplit, "--out-dir goes with --split-by unit; one binder is written with -o",
		"--out-dir 要与 --split-by unit 同用；只装订一册时请用 -o"},
	{BinderWroteSplit, "wrote {1}: {2}, {3}, {4}",
		"已写入 {1}：{2}，{3}，{4}"},

	{AddrBad, "--addr {1}: expected HOST:PORT, such as 127.0.0.1:8080 (this computer only) or 0.0.0.0:8080 (other computers too), with a port from 1 to 65535",
		"--addr {1} 不对：应为“主机:端口”，如 127.0.0.1:8080（只供本机使用）或 0.0.0.0:8080（其他电脑也能访问），端口在 1 到 65535 之间"},
	{AddrInUse, "--addr {1}: the port is already in use; jixiao may already be running (open its page in the browser), or another program uses the port: choose another with --addr, such as 127.0.0.1:8081",
		"--addr {1}：端口已被占用。jixiao 可能已在运行（请直接在浏览器中打开它的网页），或者别的程序占用了这个端口：请用 --addr 换一个端口，如 127.0.0.1:8081"},
	{AddrNoPermission, "--addr {1}: no permission to listen on port {2}; ports under 1024 need administrator rights: choose a port from 1024 up, such as 8080",
		"--addr {1}：没有权限使用端口 {2}。1024 以下的端口需要管理员权限，请换一个 1024 以上的端口，如 8080"},
	{AddrNotHere, "--addr {1}: this computer has no such address; use 127.0.0.1 (this computer only) or 0.0.0.0 (other computers too)",
		"--addr {1}：本机没有这个地址。请用 127.0.0.1（只供本机使用）或 0.0.0.0（其他电脑也能访问）"},
	{AddrUnknownHost, "--addr {1}: no computer is known by the name {2}; give this computer's address, such as 127.0.0.1 or 0.0.0.0",
		"--addr {1}：找不到名为 {2} 的电脑。请写本机的地址，如 127.0.0.1 或 0.0.0.0"},
	{AddrCannotListen, "--addr {1}: cannot serve there: {2}",
		"--addr {1}：无法在这个地址上提供网页：{2}"},

	{OutputWrongExt, "-o {1}: the file written is {2}, but the name ends in {3}: end it in {4}",
		"-o {1}：写出的是 {2}，文件名却以 {3} 结尾，请改为以 {4} 结尾"},
	{OutputFormatHint, "or leave out --format {1}: a name ending in .pdf or .ofd chooses the format",
		"或者去掉 --format {1}：文件名以 .pdf 或 .ofd 结尾，就写出相应格式"},
	{KindPDF, "a PDF", "PDF 文件"},
	{KindOFD, "an OFD file", "OFD 文件"},
	{KindJSON, "a book in JSON", "JSON 格式的表册"},
	{KindXLSX, "an Excel workbook", "Excel 工作簿"},

	{FlagBadValueWant, "invalid value {1} for {2}: expected {3}",
		"{2} 的值 {1} 不对，应为：{3}"},
	{WantFormNumber, "the number of one form, counted from 1, such as 4 (jixiao binder --form 1,3-5 prints several)",
		"一张表的序号（从 1 数起），如 4（要打印几张表，请用 jixiao binder --form 1,3-5）"},
	{WantFormList, "form numbers counted from 1: one (4), several (1,3) or a range, the smaller number first (3-5)",
		"从 1 数起的表序号：一张（4）、几张（1,3）或一段，小号在前（3-5）"},
	{WantYear, "a year such as 2025", "年份，如 2025"},
	{WantMaxUpload, "a number of MB from 1, such as 64", "从 1 起的整数（单位 MB），如 64"},
	{WantUploadMemory, "a number of MB, such as 256 (0: four times --max-upload)",
		"整数（单位 MB），如 256（0 表示 --max-upload 的 4 倍）"},
	{WantDuration, "a time longer than 0, such as 90s, 2m or 1h30m",
		"大于 0 的时长，如 90s、2m 或 1h30m（s 秒，m 分，h 小时）"},
	{WantWorkers, "a number of forms laid out at once, such as 4 (0: one per CPU)",
		"同时排版的表数，如 4（0 表示按处理器核数）"},
	{WantDPI, "a resolution in dots per inch, such as 150", "分辨率（每英寸点数），如 150"},
	{WantBool, "true or false", "true 或 false"},
	{WantFontChars, "characters the fonts have", "所用字体里有的字"},
}
