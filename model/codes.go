package model

// Problem codes: stable names for every kind of problem, the key of the
// message catalogue. A code never changes meaning; a new kind of problem
// gets a new code. Args lists the user values each message quotes, in order.
const (
	// Reading a file (whole-file problems; no field path).
	CodeFileTooLarge      = "file-too-large"              // the file exceeds MaxFileSize; args: size in bytes, limit in MiB
	CodeStreamTooLarge    = "stream-too-large"            // a stream (standard input, an upload) passes MaxFileSize, its size unknown; args: limit in MiB
	CodeFileEmpty         = "file-empty"                  // the file holds nothing but white space
	CodeNotText           = "not-text"                    // a NUL byte: a binary file; args: byte offset
	CodeTruncatedUTF8     = "truncated-utf8"              // the file ends inside a UTF-8 sequence
	CodeNotUTF8           = "not-utf8"                    // a byte that is not UTF-8 (likely GBK); args: the byte as 0xNN
	CodeUTF16             = "utf16"                       // a UTF-16 text file; args: UTF-16LE or UTF-16BE
	CodeImageFile         = "image-file"                  // an image (a photo or scan of a form); args: its format (PNG, JPEG …)
	CodeArchiveFile       = "archive-file"                // an archive other than zip; args: its format (gzip, RAR, 7z)
	CodeBinaryFile        = "binary-file"                 // binary data of no kind told (control characters, bytes not UTF-8)
	CodeSyntax            = "syntax"                      // invalid JSON or YAML; args: the parser's code (model/internal/jsonyaml/codes.go), then the code's values
	CodeDuplicateKey      = "duplicate-key"               // a key given twice in one object; args: the key
	CodeTooDeep           = "too-deep"                    // nesting deeper than the decoder follows; args: the limit
	CodeTooManyIndicators = "too-many-indicators"         // a form of more indicator rows than MaxIndicators; args: the rows, the limit
	CodeTooManyProblems   = "too-many-problems"           // the listing stops; args: how many more
	CodeTooManyUncounted  = "too-many-problems-uncounted" // the listing stops, and so did the counting
	CodeUnknownKey        = "unknown-key"                 // a key the schema does not have; args: key, kind (book, form, indicator), then each known key
	CodeUnknownKeySimilar = "unknown-key-similar"         // likewise, with a likely meant key; args: key, suggestion, kind, then each known key
	CodeNotObject         = "not-object"                  // an object (book, form, indicator row) was expected; args: what was found
	CodeNotList           = "not-list"                    // a list (forms, indicators) was expected; args: what was found
	CodeNotString         = "not-string"                  // a text was expected; args: what was found
	CodeUnquotedString    = "unquoted-string"             // a text was written as a number or boolean; args: what was found
	CodeNotWholeNumber    = "not-whole-number"            // a year was expected; args: what was found
	CodeQuotedNumber      = "quoted-number"               // a year written in quotation marks in JSON ("2024"); args: the text
	CodeNotAmount         = "not-amount"                  // an amount was expected; args: what was found
	CodeTextTooLong       = "text-too-long"               // a text over MaxTextBytes; args: its length in bytes, the limit in KiB
	CodeAmountTooLong     = "amount-too-long"             // an amount written as a long text; args: its length in bytes

	// Validating a form or book.
	CodeNoForms               = "no-forms"                // the book has no forms
	CodeRequiredMissing       = "required-missing"        // a required field is empty; args: the field's label
	CodeYearImplausible       = "year-implausible"        // a year outside 1900–2200; args: the year
	CodeAmountMalformed       = "amount-malformed"        // not digits with an optional point; args: label, amount
	CodeAmountDecimals        = "amount-decimals"         // more than 6 decimal places; args: label, amount, decimals
	CodeAmountTooLarge        = "amount-too-large"        // more than 15 digits before the point; args: label, amount
	CodeYearAmountAbove       = "year-amount-above-total" // 本年度项目金额 above 项目总金额; args: year amount, total amount
	CodeAmountLooksLikeYuan   = "amount-looks-like-yuan"  // warning: an amount of 100亿元 or more, likely typed in 元; args: label, amount, the amount ÷ 10000
	CodeLineBreak             = "line-break-not-allowed"  // a line break in a field that is not a long text; args: character index
	CodeControlCharacter      = "control-character"       // a control character; args: code point (U+XXXX), character index
	CodeFormYearDiffers       = "form-year-differs"       // warning: the form's year is not the book's; args: form year, book year
	CodeNoIndicators          = "no-indicators"           // warning: the form has no indicator rows
	CodeBlankLinesCollapsed   = "blank-lines-collapsed"   // warning: runs of blank lines in a long text print as one; args: how many runs
	CodeInvisibleInName       = "invisible-in-name"       // warning: invisible or reordering characters in a project name; args: each character (U+XXXX)
	CodeLevel1Missing         = "level1-missing"          // an indicator row without 一级
	CodeLevel1Unknown         = "level1-unknown"          // a 一级 not in the framework, likely a typo; args: value, suggestion
	CodeLevel1NotStandard     = "level1-not-standard"     // a 一级 not in the framework; args: value, then each standard name
	CodeLevel1Split           = "level1-split"            // a 一级's rows do not stand together; args: 一级
	CodeLevel2Missing         = "level2-missing"          // an indicator row without 二级
	CodeLevel2NotInLevel1     = "level2-not-in-level1"    // a 二级 not of its 一级, likely a typo; args: 二级, 一级, suggestion
	CodeLevel2OtherLevel1     = "level2-of-other-level1"  // a 二级 of another 一级; args: 二级, 一级, its 一级
	CodeLevel2NotStandard     = "level2-not-standard"     // a 二级 not of its 一级; args: 二级, 一级, then each of the 一级's 二级 names
	CodeLevel2Split           = "level2-split"            // a 二级's rows do not stand together; args: 二级
	CodeOutOfOrder            = "out-of-order"            // warning: categories out of the framework's order; args: 一级, 二级, then each 一级 in order with its 二级 (决策：项目立项、…)
	CodeValuesWithoutLevel3   = "values-without-level3"   // a row with values but no 三级
	CodeEmptyRowBeside        = "empty-row-beside-level3" // an empty-category row beside rows of its 二级 that have 三级; args: 二级
	CodeEmptyRowTwice         = "empty-row-twice"         // two empty-category rows of one 二级; args: 二级
	CodeLevel3NoValues        = "level3-no-values"        // a 三级 without either value; args: 三级
	CodeHalfYearMissing       = "half-year-missing"       // warning: a 三级 without 半年（程）指标值; args: 三级
	CodeFullYearMissing       = "full-year-missing"       // warning: a 三级 without 全年（程）指标值; args: 三级
	CodeLevel3Duplicate       = "level3-duplicate"        // a 三级 twice under one 二级; args: 三级, 二级, path of the first
	CodeLevel3WrongLevel2     = "level3-wrong-level2"     // a standard 三级 under another category; args: 三级, its 一级, its 二级, 一级, 二级
	CodeCategoryMissing       = "category-missing"        // warning: a standard 二级 left out; args: 一级, 二级
	CodeStandardLevel3Missing = "standard-level3-missing" // warning: a standard 三级 of 决策/过程 left out; args: 三级, 一级, 二级
	CodeLevel3Misspelt        = "level3-misspelt"         // warning: a 三级 of 决策/过程 close to a standard one, taken as it; args: 三级, the standard 三级, 一级, 二级

	// Laying a form out on the page (paths relative to the form).
	CodeTitleTooTall     = "title-too-tall"     // the title alone is taller than the page
	CodeLabelTooTall     = "label-too-tall"     // a merged 一级/二级 label needs more than a page; args: height needed, page room (in pt)
	CodeRowTooTall       = "row-too-tall"       // a row or its labels is taller than the page; args: height needed, page room (in pt)
	CodePageTooNarrow    = "page-too-narrow"    // a column of the table would be narrower than a character; args: column, width (in pt)
	CodeSignatureTooTall = "signature-too-tall" // the signature block does not fit on a page; args: its height (in pt)
	CodeStampTooTall     = "stamp-too-tall"     // the line 单位（盖章）： does not fit on a page; args: its height (in pt)
	CodeFooterOverStamp  = "footer-over-stamp"  // a footer of more than two lines would run into the stamp line set in the bottom margin; args: its lines, the stamp's label

	// Importing a seed text (model/seedtext); args as the message quotes them.
	CodeSeedTooLarge            = "seed-too-large"             // the seed is larger than the importer reads; args: limit in bytes
	CodeSeedEmpty               = "seed-empty"                 // the seed is empty; args: the title expected
	CodeSeedNotText             = "seed-not-text"              // binary data, not UTF-8 text
	CodeSeedNoContent           = "seed-no-content"            // only blank lines; args: the title expected
	CodeSeedNoTitle             = "seed-no-title"              // the first line is not the title; args: the title expected, the line found
	CodeSeedYearDiffers         = "seed-year-differs"          // a form of another year than those before it; args: form number, its year, the others' year
	CodeSeedTruncated           = "seed-truncated"             // the seed ends inside a form; args: form number, its title line, then what was expected
	CodeSeedNoYearLine          = "seed-no-year-line"          // no year line after the title; args: form number, the line found
	CodeSeedDuplicateRow        = "seed-duplicate-row"         // a header row twice; args: form number, the row's label, line of the first
	CodeSeedUnexpectedRow       = "seed-unexpected-row"        // a header row of no known label; args: form number, the row
	CodeSeedMissingRow          = "seed-missing-row"           // a header row missing; args: form number, title line, the row's label
	CodeSeedEmptyProject        = "seed-empty-project"         // an empty 项目名称; args: form number
	CodeSeedNotNumber           = "seed-not-number"            // an amount that is not a number; args: form number, the field, the text
	CodeSeedUnreadableRow       = "seed-unreadable-row"        // an indicator row that cannot be read; args: form number, the row
	CodeSeedEmptyValueCell      = "seed-empty-value-cell"      // an indicator row with a value cell left empty; args: form number, the row, the 三级 it would read
	CodeSeedLevel3WithoutLevel2 = "seed-level3-without-level2" // a 三级 before any 二级 label; args: form number, the 三级

	// The binder.
	CodeBinderYearDiffers  = "binder-year-differs"   // warning: a form of another year than the binder's; args: form year, binder year, first input, binder year
	CodeBinderTooManyPages = "binder-too-many-pages" // a binder past its page limit (the web server's); args: the limit, the number of forms
	CodeDuplicateForm      = "duplicate-form"        // warning: a form of the 单位名称 and 项目名称 of an earlier one; args: project, the earlier form's number, where it is
)
