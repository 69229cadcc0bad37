package msg

// The codes of the problems of a user's font file (package fonts).
const (
	FontFile         Code = "font-file"
	FontNotRegular   Code = "font-not-regular"
	FontTooLarge     Code = "font-too-large"
	FontGrew         Code = "font-grew"
	FontTooShort     Code = "font-too-short"
	FontFaceRange    Code = "font-face-range"
	FontNotCollected Code = "font-not-collection"
	FontWOFF         Code = "font-woff"
	FontNotTrueType  Code = "font-not-truetype"
	FontCFF          Code = "font-cff"
	FontNoOutlines   Code = "font-no-outlines"
	FontLicence      Code = "font-licence"
	FontNoCmap       Code = "font-no-cmap"
	FontDamaged      Code = "font-damaged"

	// The faults of a font's structure, each with what it means and what
	// to do (the English as the checks always said it).
	FontDirectoryCut      Code = "font-directory-cut"
	FontNoTables          Code = "font-no-tables"
	FontTablePastEnd      Code = "font-table-past-end"
	FontCollectionCut     Code = "font-collection-cut"
	FontCollectionBad     Code = "font-collection-bad"
	FontFace              Code = "font-face"
	FontNoTable           Code = "font-no-table"
	FontTableShort        Code = "font-table-short"
	FontTableCut          Code = "font-table-cut"
	FontCmapCut           Code = "font-cmap-cut"
	FontUnitsPerEm        Code = "font-units-per-em"
	FontGlyphFormat       Code = "font-glyph-format"
	FontLocaFormat        Code = "font-loca-format"
	FontLocaEntry         Code = "font-loca-entry"
	FontMetricFormat      Code = "font-metric-format"
	FontNoMetrics         Code = "font-no-metrics"
	FontNameFormat        Code = "font-name-format"
	FontNameOutside       Code = "font-name-outside"
	FontNameUTF16         Code = "font-name-utf16"
	FontComponent         Code = "font-component"
	FontDataCut           Code = "font-data-cut"
	FontZeroWidth         Code = "font-zero-width"
	FontGlyphWide         Code = "font-glyph-wide"
	FontTooManyGlyphs     Code = "font-too-many-glyphs"
	FontTooManyChars      Code = "font-too-many-chars"
	FontUnparsable        Code = "font-unparsable"
	FontNameUnreadable    Code = "font-name-unreadable"
	FontMetricsUnreadable Code = "font-metrics-unreadable"
	FontAdvanceUnreadable Code = "font-advance-unreadable"
	FontCmapUnreadable    Code = "font-cmap-unreadable"
	FontGlyphUnreadable   Code = "font-glyph-unreadable"
	FontMalformed         Code = "font-malformed"
)

var fontCatalogue = []item{
	{FontFile, "{1}: {2}", "字体文件 {1}：{2}"},
	{FontNotRegular, "{1} is not a regular file: expected a .ttf or .ttc font file",
		"{1} 不是普通文件（可能是文件夹）：应当是 .ttf 或 .ttc 字体文件"},
	{FontTooLarge, "{1} is {2} bytes, more than the {3} MiB a font file may have",
		"字体文件 {1} 有 {2} 字节，超过了允许的 {3} MiB"},
	{FontGrew, "{1} grew past {2} MiB while it was read",
		"字体文件 {1} 在读取时变大，超过了 {2} MiB"},
	{FontTooShort, "not a font file (too short)", "不是字体文件（文件太短）"},
	{FontFaceRange, "face {1} requested, but the collection has {2} faces (0…{3})",
		"要用字体集中的第 {1} 号字体，但这个字体集只有 {2} 个字体（编号 0…{3}）"},
	{FontNotCollected, "face {1} requested, but the file is a single font, not a collection",
		"要用第 {1} 号字体，但这个文件只有一个字体，不是字体集（.ttc）"},
	{FontWOFF, "the font is a compressed web font (WOFF); convert it to a TrueType .ttf first",
		"这是网页用的压缩字体（WOFF）：请先转换为 TrueType 的 .ttf 字体"},
	{FontNotTrueType, "not a TrueType font (the file starts with {1})",
		"不是 TrueType 字体（文件开头是 {1}）：应当是 .ttf 或 .ttc 字体文件"},
	{FontCFF, "the glyphs are CFF (PostScript) outlines, but the PDF writer can embed only TrueType (glyf) outlines; use a TrueType .ttf or .ttc font, or the embedded default fonts",
		"这个字体的字形是 CFF（PostScript）格式，无法嵌入 PDF：请改用 TrueType 的 .ttf 或 .ttc 字体，或使用内置的默认字体"},
	{FontNoOutlines, "the font has no TrueType outlines (no glyf and loca tables)",
		"这个字体没有 TrueType 字形，无法使用"},
	{FontLicence, "the font's licence does not allow embedding it in a PDF as a subset (OS/2 fsType {1})",
		"这个字体的授权不允许嵌入 PDF（授权标志 {1}）"},
	{FontNoCmap, "the font has no Unicode character map of format 4, the only one the PDF writer reads",
		"这个字体缺少 PDF 所需的 Unicode 字符表（格式 4），无法使用"},
	{FontDamaged, "the font file is damaged or not a font jixiao can read",
		"字体文件已损坏，或不是本程序能读的 TrueType 字体：请换用其他 .ttf 或 .ttc 字体"},

	{FontDirectoryCut, "truncated table directory",
		"文件不完整（字体的表目录被截断），可能没有复制或下载完整：请重新复制这个字体文件，或换用其他 .ttf 字体"},
	{FontNoTables, "the font has no tables",
		"文件里没有任何字体数据，不是可用的字体：请换用其他 .ttf 字体"},
	{FontTablePastEnd, `table "{1}" extends past the end of the file`,
		"文件不完整（字体的 “{1}” 表超出了文件末尾），可能没有复制或下载完整：请重新复制这个字体文件，或换用其他 .ttf 字体"},
	{FontCollectionCut, "truncated collection header",
		"字体集（.ttc）的文件头不完整，文件可能被截断：请重新复制这个字体文件，或换用其他字体"},
	{FontCollectionBad, "invalid collection header",
		"字体集（.ttc）的文件头有误（没有字体，或字体数超出了文件）：文件已损坏，请换用其他字体"},
	{FontFace, "face {1}: {2}",
		"字体集中的第 {1} 号字体：{2}"},
	{FontNoTable, `the font has no "{1}" table`,
		"字体缺少 PDF 必需的 “{1}” 表，无法使用：请换用其他 .ttf 字体"},
	{FontTableShort, "the {1} table is too short",
		"字体的 “{1}” 表太短，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontTableCut, "the {1} table is truncated",
		"字体的 “{1}” 表不完整，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontCmapCut, "the cmap format {1} subtable is truncated",
		"字体的字符表（“cmap” 表）中格式 {1} 的部分不完整，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontUnitsPerEm, "unitsPerEm {1} is outside 16…16384",
		"字体的坐标单位（每个字宽分 {1} 个单位）不在 16…16384 之内，不是正常的字体：请换用其他 .ttf 字体"},
	{FontGlyphFormat, "unknown glyph data format in the head table",
		"字体的字形数据格式（“head” 表中）是本程序不认识的：请换用其他 .ttf 字体"},
	{FontLocaFormat, "unknown loca format {1}",
		"字体的字形位置表（“loca” 表）格式 {1} 是本程序不认识的，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontLocaEntry, "bad loca entry {1}",
		"字体的字形位置表（“loca” 表）第 {1} 项有误，指到了字形数据之外：文件已损坏，请换用其他 .ttf 字体"},
	{FontMetricFormat, "unknown metric data format in the hhea table",
		"字体的水平度量格式（“hhea” 表中）是本程序不认识的：请换用其他 .ttf 字体"},
	{FontNoMetrics, "the hhea table declares no horizontal metrics",
		"字体的 “hhea” 表没有声明任何字宽，无法用来排版：请换用其他 .ttf 字体"},
	{FontNameFormat, "the name table has a format other than 0",
		"字体的名称表（“name” 表）格式不是 0，写 PDF 时读不了：请换用其他 .ttf 字体"},
	{FontNameOutside, "name {1} lies outside the name table",
		"字体名称表（“name” 表）的第 {1} 项超出了表的范围：文件已损坏，请换用其他 .ttf 字体"},
	{FontNameUTF16, "name {1} is not UTF-16",
		"字体名称表（“name” 表）的第 {1} 项不是有效的 Unicode 双字节文字：文件已损坏，请换用其他 .ttf 字体"},
	{FontComponent, "glyph {1}: component {2} out of range",
		"字体的第 {1} 号字形由不存在的第 {2} 号字形组成：文件已损坏，请换用其他 .ttf 字体"},
	{FontDataCut, "truncated font data",
		"字体数据不完整（有一处被截断），文件可能已损坏：请重新复制这个字体文件，或换用其他 .ttf 字体"},
	{FontZeroWidth, "the character {1} has a zero advance width: not a usable text font",
		"字符 {1} 的宽度为零：这不是能排正文的普通字体（可能是符号字体或特殊用途的字体），请换用宋体、黑体等常规中文字体"},
	{FontGlyphWide, "glyph {1} is {2}/1000 em wide, too wide for the PDF width array",
		"字体的第 {1} 号字形宽度是字号的 {2}/1000，超过了 PDF 能记录的宽度：字体可能已损坏，请换用其他 .ttf 字体"},
	{FontTooManyGlyphs, "{1} glyphs, more than a font can hold",
		"这次打印要从这个字体嵌入 {1} 个字形，超过了一个字体能容纳的 65535 个：请分几次打印，每次少印一些表"},
	{FontTooManyChars, "more than {2} distinct characters in one font ({1}): print the forms in smaller parts",
		"这次打印用到字体 {1} 中的字超过了 {2} 种，一个字体容纳不下：请分几次打印，每次少印一些表"},
	// The English of these is followed by the font library's own
	// words (msg.Detail): what it found is for the maintainer.
	{FontUnparsable, "cannot parse the font",
		"字体文件已损坏，读不出其中的字体数据：请换用其他 .ttf 或 .ttc 字体"},
	{FontNameUnreadable, "cannot read the font's name",
		"读不出字体的名称（“name” 表），文件可能已损坏：请换用其他 .ttf 字体"},
	{FontMetricsUnreadable, "cannot read the font's metrics",
		"读不出字体的字高和行距，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontAdvanceUnreadable, "cannot read the advance of glyph {1}",
		"读不出字体第 {1} 号字形的宽度，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontCmapUnreadable, "cannot read the character map at {1}",
		"读不出字体字符表（“cmap” 表）中 {1} 处的数据，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontGlyphUnreadable, "cannot read the outline of glyph {1}",
		"读不出字体第 {1} 号字形的轮廓，文件可能已损坏：请换用其他 .ttf 字体"},
	{FontMalformed, "malformed font",
		"字体数据有误，文件可能已损坏：请换用其他 .ttf 字体"},
}
