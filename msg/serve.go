package msg

// The words of jixiao serve: the page (ui-…) and the server's answers
// (serve-…). The page lists the ui- codes it uses (serve.pageWords).

const (
	// the command
	HelpServeShort Code = "help-serve-short"
	HelpServeLong  Code = "help-serve-long"
	FlagAddr       Code = "flag-addr"
	FlagOpen       Code = "flag-open"
	FlagMaxUpload  Code = "flag-max-upload"
	FlagUploadMem  Code = "flag-upload-memory"
	UploadMemLow   Code = "upload-memory-low"
	FlagTimeout    Code = "flag-timeout"
	FlagHost       Code = "flag-host"
	ServeListening Code = "serve-listening"
	ServeStopped   Code = "serve-stopped"
	ServeNoBrowser Code = "serve-no-browser"
	ServeLog       Code = "serve-log"

	// the server's answers and the page
	ServeBadHost          Code = "serve-bad-host"
	ServeBadOrigin        Code = "serve-bad-origin"
	ServeBadMethod        Code = "serve-bad-method"
	ServeNotFound         Code = "serve-not-found"
	ServeTooLarge         Code = "serve-too-large"
	ServeNoFiles          Code = "serve-no-files"
	ServeTooManyFiles     Code = "serve-too-many-files"
	ServeTooManyPages     Code = "serve-too-many-pages"
	ServeFormTooManyPages Code = "serve-form-too-many-pages"
	ServeBadUpload        Code = "serve-bad-upload"
	ServeBadFileName      Code = "serve-bad-file-name"
	ServeBusy             Code = "serve-busy"
	ServeBusyNow          Code = "serve-busy-now"
	ServeBadNumber        Code = "serve-bad-number"
	ServeBadFormList      Code = "serve-bad-form-list"
	ServeBadSwitch        Code = "serve-bad-switch"
	ServeBadDate          Code = "serve-bad-date"
	ServeBadFit           Code = "serve-bad-fit"
	ServeBadWatermark     Code = "serve-bad-watermark"
	ServeBadChars         Code = "serve-bad-chars"
	ServeChar             Code = "serve-char"
	ServeBadFormat        Code = "serve-bad-format"
	ServeNoSuchForm       Code = "serve-no-such-form"
	ServeNoSuchPage       Code = "serve-no-such-page"
	ServeBadDPI           Code = "serve-bad-dpi"
	ServeBadPaper         Code = "serve-bad-paper"
	ServeBadGroup         Code = "serve-bad-group"
	ServeBadYear          Code = "serve-bad-year"
	ServeFormHasErrors    Code = "serve-form-has-errors"
	ServeBookHasErrors    Code = "serve-book-has-errors"
	ServeNoForms          Code = "serve-no-forms"
	ServeInternal         Code = "serve-internal"
	ServeCannotDraw       Code = "serve-cannot-draw"
	ServeGlyphAdvice      Code = "serve-glyph-advice"
	ServeFormErrorsNoName Code = "serve-form-has-errors-no-name"
	UITitle               Code = "ui-title"
	UILead                Code = "ui-lead"
	UIStepFiles           Code = "ui-step-files"
	UIDrop                Code = "ui-drop"
	UIDropTypes           Code = "ui-drop-types"
	UITemplateLink        Code = "ui-template-link"
	UITemplateHint        Code = "ui-template-hint"
	UIRemove              Code = "ui-remove"
	UIRemoveFile          Code = "ui-remove-file"
	UIStepCheck           Code = "ui-step-check"
	UIChecking            Code = "ui-checking"
	UIFileProblems        Code = "ui-file-problems"
	UIColNo               Code = "ui-col-no"
	UIColUnit             Code = "ui-col-unit"
	UIColProject          Code = "ui-col-project"
	UIColYearAmount       Code = "ui-col-year-amount"
	UIColPages            Code = "ui-col-pages"
	UIColStatus           Code = "ui-col-status"
	UIColActions          Code = "ui-col-actions"
	UIStatusOk            Code = "ui-status-ok"
	UIStatusWarning       Code = "ui-status-warning"
	UIStatusError         Code = "ui-status-error"
	UIError               Code = "ui-error"
	UIWarning             Code = "ui-warning"
	UISummaryOk           Code = "ui-summary-ok"
	UISummaryErrors       Code = "ui-summary-errors"
	UISummaryAllErrors    Code = "ui-summary-all-errors"
	UISummaryFilesBlocked Code = "ui-summary-files-blocked"
	UINoForms             Code = "ui-no-forms"
	UIPreview             Code = "ui-preview"
	UIDownloadPDF         Code = "ui-download-pdf"
	UIDownloadOFD         Code = "ui-download-ofd"
	UIStepPreview         Code = "ui-step-preview"
	UIPreviewOf           Code = "ui-preview-of"
	UIPageN               Code = "ui-page-n"
	UIViewerTitle         Code = "ui-viewer-title"
	UIPrevPage            Code = "ui-prev-page"
	UINextPage            Code = "ui-next-page"
	UIClose               Code = "ui-close"
	UIStepDownload        Code = "ui-step-download"
	UIBlocked             Code = "ui-blocked"
	UIBlockedFiles        Code = "ui-blocked-files"
	UINonePicked          Code = "ui-none-picked"
	UIBinderOptions       Code = "ui-binder-options"
	UIReplaced            Code = "ui-replaced"
	UIPreviewHint         Code = "ui-preview-hint"
	UIOptionsApply        Code = "ui-options-apply"
	UIPickForm            Code = "ui-pick-form"
	UIPicked              Code = "ui-picked"
	UISkipped             Code = "ui-skipped"
	UIListSep             Code = "ui-list-sep"
	UIListSepLong         Code = "ui-list-sep-long"
	UIOptDuplex           Code = "ui-opt-duplex"
	UIOptSignature        Code = "ui-opt-signature"
	UIOptGroup            Code = "ui-opt-group"
	UIOptPDFA             Code = "ui-opt-pdfa"
	UIPDFANone            Code = "ui-pdfa-none"
	UIPDFA2b              Code = "ui-pdfa-2b"
	UIPDFA1b              Code = "ui-pdfa-1b"
	UIPDFA3b              Code = "ui-pdfa-3b"
	ServeBadPDFA          Code = "serve-bad-pdfa"
	ServePDFANotOFD       Code = "serve-pdfa-not-ofd"
	UIOptPaper            Code = "ui-opt-paper"
	UIPaperA4Landscape    Code = "ui-paper-a4-landscape"
	UIPaperA3Landscape    Code = "ui-paper-a3-landscape"
	UIDownloadBinder      Code = "ui-download-binder"
	UIDownloadZIP         Code = "ui-download-zip"
	UIDownloadBinderOFD   Code = "ui-download-binder-ofd"
	UIDownloadZIPOFD      Code = "ui-download-zip-ofd"
	UIBusyForm            Code = "ui-busy-form"
	UIBusyZIP             Code = "ui-busy-zip"
	UIBusyBinder          Code = "ui-busy-binder"
	UIProgressWorking     Code = "ui-progress-working"
	UIProgressReceiving   Code = "ui-progress-receiving"
	UIProgressDone        Code = "ui-progress-done"
	UITooLarge            Code = "ui-too-large"
	UIErrNetwork          Code = "ui-err-network"
	UIErrStatus           Code = "ui-err-status"
	UIFooter              Code = "ui-footer"
	ServeUploadSlow       Code = "serve-upload-slow"
)

var serveCatalogue = []item{
	{HelpServeShort, "the web page: drop the workbooks in, check, preview and download the PDFs",
		"网页版：上传工作簿，检查、预览并下载 PDF"},
	{HelpServeLong, "Serves the web page where the forms are checked, previewed and printed, and\nthe HTTP API under it (see the README). It listens on this computer only\n(127.0.0.1) unless --addr says otherwise. Nothing uploaded is stored.\nCtrl-C stops it once the downloads in progress are done; a second Ctrl-C at once.",
		"启动网页版：在浏览器中检查、预览和打印表格，并提供同样功能的 HTTP 接口（见 README）。\n默认只在本机（127.0.0.1）可以访问，用 --addr 可让其他电脑访问。上传的文件不会保存。\n按 Ctrl-C 停止（正在进行的下载会先完成；再按一次立即停止）。"},
	{FlagAddr, "listen on `HOST:PORT`; 0.0.0.0:8080 to be reached from other computers",
		"监听地址 `HOST:PORT`；用 0.0.0.0:8080 可让其他电脑访问"},
	{FlagOpen, "open the page in the browser", "启动后在浏览器中打开网页"},
	{FlagMaxUpload, "the most `MB` one request may upload", "每次请求最多可上传的 `MB` 数"},
	{FlagUploadMem, "the most `MB` the uploads of all requests may hold in memory together, read or waiting their turn (default 4 × --max-upload; at least --max-upload)",
		"所有请求的上传文件合计最多占用的内存 `MB` 数（包括正在接收和排队等待的；默认为 --max-upload 的 4 倍，不能小于 --max-upload）"},
	{UploadMemLow, "--upload-memory {1}: must be at least --max-upload ({2} MB), else no upload could be read",
		"--upload-memory {1} 太小：不能小于 --max-upload（{2} MB），否则任何上传文件都读不进来"},
	{FlagTimeout, "time limit of a request (waiting and working)", "每个请求的时限（含排队和处理）"},
	{FlagHost, "a `NAME` browsers reach this server by, besides its IP addresses and this computer's name (repeatable)",
		"浏览器访问本服务器所用的名称 `NAME`（IP 地址和本机名之外；可重复）"},
	{ServeListening, "open {1} in a browser (Ctrl-C stops)", "请在浏览器中打开 {1}（按 Ctrl-C 停止）"},
	{ServeStopped, "stopped", "已停止"},
	{ServeLog, "{1}: {2}", "{1}：{2}"},
	{ServeNoBrowser, "cannot open the browser: open {1} yourself", "无法自动打开浏览器，请手动打开 {1}"},
	{ServeBadHost, "This server is not reached by the name {1}: open the address jixiao serve printed.", "本服务器不使用“{1}”这个名称，请求已拒绝。请打开 jixiao serve 启动时显示的地址。"},
	{ServeBadOrigin, "A page of another site ({1}) may not send files here.", "其他网站（{1}）的页面不能向本服务器提交文件，请求已拒绝。请在 jixiao serve 自己的页面上操作。"},
	{ServeBadMethod, "This address does not take {1} requests.", "这个地址不接受 {1} 请求。"},
	{ServeNotFound, "There is nothing at {1}.", "没有这个地址：{1}"},
	{ServeTooLarge, "The files are too large: at most {1} MB at once. Upload fewer files at a time, or ask the administrator to raise --max-upload.", "上传的文件太大：一次最多 {1} MB。请分几次上传，或请管理员用 --max-upload 调大限制。"},
	{ServeNoFiles, "No file was sent: send the files as multipart/form-data, field \"file\".", "请求中没有文件：请以 multipart/form-data 格式、字段名 file 上传文件。"},
	{ServeTooManyFiles, "Too many files at once: at most {1}.", "一次上传的文件太多：最多 {1} 个。"},
	{ServeTooManyPages, "Too many forms at once: these {1} forms take more than the {2} pages one request may check or print. Send them in several parts, or print them with jixiao on the command line.", "一次上传的表太多：这 {1} 张表超过了一次请求可检查或打印的 {2} 页。请分几次上传，或在命令行中用 jixiao 打印。"},
	{ServeFormTooManyPages, "This form takes more than the {1} pages one request may check or print. Print it with jixiao on the command line.", "这张表超过了一次请求可检查或打印的 {1} 页，请在命令行中用 jixiao 打印。"},
	{ServeBadUpload, "The upload did not arrive whole; please try again.", "文件没有完整上传，请重试。"},
	{ServeBadFileName, "The file name \"{1}\" is not allowed: a file name may not hold control characters. Rename the file, then choose it again.", "文件名“{1}”不可用：文件名中不能有控制字符。请给文件改名后重新选择。"},
	{ServeBusy, "The server is busy and could not finish within {1} seconds; please try again in a moment.", "服务器正忙，未能在 {1} 秒内完成，请稍后再试。"},
	{ServeBusyNow, "The server is busy right now: the files of other requests fill the memory it keeps for uploads; please try again in a moment.", "服务器此刻正忙：其他请求上传的文件已占满用于接收上传的内存，请稍后再试。"},
	{ServeBadNumber, "{1} must be a whole number from 1, not \"{2}\".", "参数 {1} 应为从 1 开始的整数，而不是“{2}”。"},
	{ServeBadFormList, "{1} must list form numbers from 1, such as 1,3-5, not \"{2}\".", "参数 {1} 应为从 1 开始的表号，如 1,3-5，而不是“{2}”。"},
	// A query's yes/no, date and fit=, each told what it expects, as the
	// command line tells its flags (flag-bad-value, date-invalid, fit-bad).
	{ServeBadSwitch, "{1} is a yes or a no: 1 or 0 (true or false, on or off, yes or no also do), not \"{2}\".", "参数 {1} 只能是 1（是）或 0（否）（也可写 true/false、on/off、yes/no），而不是“{2}”。"},
	{ServeBadDate, "date is the date on the binder's cover: write it as 2025-03-01 or 2025年3月1日, not \"{1}\".", "参数 date 是封面的编报日期，应写成 2025-03-01 或 2025年3月1日，而不是“{1}”。"},
	{ServeBadFit, "fit must be on or off, not \"{1}\".", "参数 fit 只能是 on 或 off，而不是“{1}”。"},
	{ServeBadWatermark, "watermark holds the control character {1}, which cannot be printed: send the mark's words alone.", "参数 watermark 里有无法打印的控制字符 {1}，水印里只写文字。"},
	// A parameter's text holding characters no font of the server has
	// (a watermark): told once, as the request's, with each character.
	{ServeBadChars, "{1} holds {2} that the fonts of this server do not have: {3}; write it another way, or ask the administrator to give jixiao serve a font that has every character of it (--font-fallback).", "参数 {1} 里有 {2}是本服务器的字体里没有的：{3}。请改用常见写法，或请管理员为 jixiao serve 添加含有这些字的字体（--font-fallback）。"},
	{ServeChar, "{1} ({2})", "{1}（{2}）"},
	{ServeBadFormat, "format must be pdf or ofd, not \"{1}\".", "参数 format 应为 pdf 或 ofd，而不是“{1}”。"},
	{ServeNoSuchForm, "There is no form {1}: the files hold {2}.", "没有第 {1} 张表：上传的文件中共有 {2} 张表。"},
	{ServeNoSuchPage, "Form {1} has no page {2}: it has {3}.", "第 {1} 张表没有第 {2} 页：共 {3} 页。"},
	{ServeBadDPI, "dpi must be from {1} to {2}, not \"{3}\".", "分辨率 dpi 应在 {1} 到 {2} 之间，而不是“{3}”。"},
	{ServeBadPaper, "Paper \"{1}\" is not known: A4, A3, A4-landscape or A3-landscape.", "不支持纸张“{1}”：可选 A4、A3、A4-landscape（A4 横向）、A3-landscape（A3 横向）。"},
	{ServeBadGroup, "The forms can only be grouped by unit (group_by=unit), not \"{1}\".", "只能按单位分组（group_by=unit），不能按“{1}”分组。"},
	{ServeBadYear, "year must be from 1900 to 2200, not \"{1}\".", "年度应在 1900 到 2200 之间，而不是“{1}”。"},
	{ServeFormHasErrors, "Form {1} ({2}) has errors: fix them in the file and upload it again to print it.", "第 {1} 张表（{2}）有错误，请在文件中改正后重新上传，才能打印。"},
	{ServeBookHasErrors, "Errors found: {1}, in the forms or in a file that could not be read. Fix them and upload again to print.", "有 {1} 处错误（表格有误或文件无法读取），请改正后重新上传，才能打印。"},
	{ServeNoForms, "The files hold no forms.", "上传的文件中没有绩效目标表。"},
	{ServeInternal, "Something went wrong inside the server; please give the file to your administrator.", "服务器内部出错，请把这个文件交给管理员处理。"},
	{ServeCannotDraw, "cannot be printed: {1}", "无法打印：{1}"},
	{ServeGlyphAdvice, "{1} cannot be printed with the fonts of this server: write them another way, or ask the administrator to start jixiao serve with a font that has them (--font-fallback).", "{1}无法用本服务器的字体打印：请改用常见写法，或请管理员为 jixiao serve 添加含有这些字的字体（--font-fallback）。"},
	{ServeFormErrorsNoName, "Form {1} has errors: fix them in the file and upload it again to print it.", "第 {1} 张表有错误，请在文件中改正后重新上传，才能打印。"},
	{UITitle, "Budget performance target forms: print", "绩效目标表打印"},
	{UILead, "Drop the workbook in, see what needs fixing, look at the pages, download the PDFs. Nothing you upload is kept.", "上传填好的工作簿，查看需要修改的地方，预览每一页，下载 PDF。上传的文件不会保存在服务器上。"},
	{UIStepFiles, "Choose the files", "选择文件"},
	{UIDrop, "Drop workbooks here, or click to choose files", "把工作簿拖到这里，或点击选择文件"},
	{UIDropTypes, "Excel workbooks (.xlsx), books in JSON/YAML, or PDFs made here with the forms' data (PDF/A-3b); several files at once are fine", "支持 Excel 工作簿（.xlsx）、JSON、YAML 数据文件，以及本工具生成的附带数据的 PDF（PDF/A-3b），可一次选择多个"},
	{UITemplateLink, "Download the blank template (.xlsx)", "下载空白模板（.xlsx）"},
	{UITemplateHint, "Fill one sheet per project in Excel or WPS, then upload it here.", "每个项目填写一张工作表（Excel 或 WPS 均可），填好后在这里上传。"},
	{UIRemove, "remove", "移除"},
	{UIRemoveFile, "Remove this file from the list", "从列表中移除这个文件"},
	{UIStepCheck, "Check the forms", "检查表格"},
	{UIChecking, "Checking the files…", "正在检查文件…"},
	{UIFileProblems, "These files could not be read:", "以下文件无法读取："},
	{UIColNo, "No.", "序号"},
	{UIColUnit, "Unit", "单位名称"},
	{UIColProject, "Project", "项目名称"},
	{UIColYearAmount, "This year's amount (10k yuan)", "本年度项目金额（万元）"},
	{UIColPages, "Pages", "页数"},
	{UIColStatus, "Check", "检查结果"},
	{UIColActions, "Actions", "操作"},
	{UIStatusOk, "OK", "无误"},
	{UIStatusWarning, "Please look", "请核对"},
	{UIStatusError, "Must be fixed", "需修改"},
	{UIError, "Error", "错误"},
	{UIWarning, "Note", "提示"},
	// The page's summary and the lines of its step 4 take a number of forms
	// as unit-form counts it ("1 form", "18 forms", "18 张表"), and say what
	// the server will print: nothing while a file cannot be read or has
	// errors of its own (serve-book-has-errors refuses every print then).
	{UISummaryOk, "{1} found, ready to print.", "共找到 {1}，均可打印。"},
	{UISummaryErrors, "{1} found; errors in {2}: fix them in the workbook and upload it again. The others can be printed now.", "共找到 {1}，其中 {2}有错误：请在工作簿中改正后重新上传；其余的表可以先打印。"},
	{UISummaryAllErrors, "{1} found, none ready to print: fix the errors in the workbook and upload it again.", "共找到 {1}，没有可以打印的：请在工作簿中改正错误后重新上传。"},
	{UISummaryFilesBlocked, "{1} found, but nothing can be printed while a file listed above cannot be read or has errors of its own: fix that file and choose it again, or remove it from the list in step 1.", "共找到 {1}，但上面列出的文件无法读取或本身有错误：在改正后重新选择这个文件、或从第 1 步的列表中移除它之前，所有表都不能打印。"},
	{UINoForms, "No forms were found in these files.", "这些文件中没有找到绩效目标表。"},
	{UIPreview, "Preview", "预览"},
	{UIDownloadPDF, "Download PDF", "下载 PDF"},
	{UIDownloadOFD, "Download OFD", "下载 OFD"},
	{UIStepPreview, "Look at the pages", "预览页面"},
	{UIPreviewOf, "Form {1}: {2}", "第 {1} 张表：{2}"},
	{UIPageN, "Page {1}", "第 {1} 页"},
	{UIViewerTitle, "{1}, page {2} of {3}", "{1}　第 {2} 页，共 {3} 页"},
	{UIPrevPage, "Previous page", "上一页"},
	{UINextPage, "Next page", "下一页"},
	{UIClose, "Close", "关闭"},
	{UIStepDownload, "Download", "下载"},
	{UIBlocked, "No form can be printed yet: a form with errors must be fixed in the workbook, and the workbook uploaded again.", "还没有可以打印的表：有错误的表要在工作簿中改正，再重新上传。"},
	{UIBlockedFiles, "Nothing can be printed while a file cannot be read or has errors of its own (see step 2): fix it and choose it again, or remove it from the list in step 1.", "有文件无法读取或本身有错误（见第 2 步），所有表都不能打印：请改正后重新选择这个文件，或在第 1 步的列表中移除它。"},
	{UINonePicked, "No form is picked: tick the forms to print in the No. column.", "没有选中任何表：请在“序号”一栏勾选要打印的表。"},
	{UIBinderOptions, "Print options", "打印选项"},
	{UIReplaced, "{1}: replaced by the file of the same name just chosen", "{1}：已替换为刚选择的同名文件"},
	{UIPreviewHint, "Click Preview on a row to see the pages of a form here.", "点表格中某一行的“预览”，在这里查看这张表的各页。"},
	{UIOptionsApply, "The signature block and the paper apply to every download: a form's PDF, the binder and the ZIP; the archival format to every PDF download; double-sided printing and grouping by unit to the binder.", "签字栏和纸张用于所有下载：单张 PDF、装订本和 ZIP 压缩包；归档格式用于所有 PDF 下载；双面打印和按单位分组用于装订本。"},
	{UIPickForm, "Put this form in the binder and the ZIP", "装订本和 ZIP 压缩包中包含这张表"},
	{UIPicked, "{1} of {2} forms picked for the binder and the ZIP (tick them in the No. column).", "已选 {1} 张表（共 {2} 张）用于装订本和 ZIP 压缩包，可在“序号”一栏勾选。"},
	{UISkipped, "Not printed, these forms have errors: {1}", "以下表有错误，未打印：{1}"},
	// The page joins a list as List does: by the first, or by the second
	// when an item holds a comma of its own.
	{UIListSep, ", ", "、"},
	{UIListSepLong, "; ", "；"},
	{UIOptDuplex, "Double-sided printing", "双面打印"},
	{UIOptSignature, "Signature block", "签字栏"},
	{UIOptGroup, "Group by unit", "按单位分组"},
	{UIOptPDFA, "Archival format (PDF/A)", "归档格式（PDF/A）"},
	{UIPDFANone, "Ordinary PDF", "普通 PDF"},
	{UIPDFA2b, "PDF/A-2b (for archives)", "PDF/A-2b（归档常用）"},
	{UIPDFA1b, "PDF/A-1b (older systems)", "PDF/A-1b（旧系统）"},
	{UIPDFA3b, "PDF/A-3b with the forms' data", "PDF/A-3b，附带表的数据"},
	{ServeBadPDFA, "The PDF/A level is 1b, 2b or 3b (pdfa=2b), and attach_data=1 makes PDF/A-3b, which pdfa=1b cannot be: {1} is refused.", "PDF/A 级别只能是 1b、2b 或 3b（pdfa=2b）；附带数据（attach_data=1）生成的是 PDF/A-3b，不能同时选 pdfa=1b：“{1}”无法接受。"},
	{ServePDFANotOFD, "PDF/A and attach_data apply to PDF downloads; leave them out with format=ofd.", "PDF/A 和附带数据（attach_data）只用于 PDF 下载；下载 OFD（format=ofd）时请去掉。"},
	{UIOptPaper, "Paper", "纸张"},
	{UIPaperA4Landscape, "A4 landscape", "A4 横向"},
	{UIPaperA3Landscape, "A3 landscape", "A3 横向"},
	{UIDownloadBinder, "Download the binder (PDF)", "下载装订本（PDF）"},
	{UIDownloadZIP, "Download the forms (ZIP of PDFs)", "下载表格（ZIP 压缩包）"},
	{UIDownloadBinderOFD, "Download the binder (OFD)", "下载装订本（OFD）"},
	{UIDownloadZIPOFD, "Download the forms (ZIP of OFDs)", "下载表格（ZIP 压缩包，OFD）"},
	{UIBusyForm, "Making the PDF", "正在生成 PDF"},
	{UIBusyZIP, "Making the files of {1}", "正在生成 {1}的文件"},
	{UIBusyBinder, "Making the binder of {1}", "正在生成 {1}的装订本"},
	{UIProgressWorking, "{1}… {2} s", "{1}…已用 {2} 秒"},
	{UIProgressReceiving, "Downloading… {1}%", "正在下载…{1}%"},
	{UIProgressDone, "Done: the file is in your downloads.", "完成，文件已保存到“下载”文件夹。"},
	{UITooLarge, "These files are {1} MB together, more than the {2} MB that can be sent at once: upload fewer at a time.", "这些文件共 {1} MB，超过了一次最多可上传的 {2} MB，请分几次上传。"},
	{UIErrNetwork, "The server did not answer. Is jixiao serve still running?", "服务器没有响应，请确认 jixiao serve 仍在运行。"},
	{UIErrStatus, "The server refused the request (status {1}).", "服务器拒绝了请求（状态码 {1}）。"},
	{UIFooter, "jixiao runs on this computer or your office server; no file leaves it.", "jixiao 运行在本机或单位内部服务器上，文件不会发送到其他地方。"},
	{ServeUploadSlow, "The files did not arrive within the time limit of {1} seconds: the connection is too slow for files this large. Send fewer files at a time, or ask the administrator to raise --timeout.", "文件未能在 {1} 秒的时限内上传完：网络太慢，来不及传完这么大的文件。请分几次上传，每次少传几个文件，或请管理员用 --timeout 放宽时限。"},
}
