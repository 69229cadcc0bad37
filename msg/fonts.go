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
)

func init() {
	for c, e := range map[Code]entry{
		FontFile: {"{1}: {2}", "字体文件 {1}：{2}"},
		FontNotRegular: {"{1} is not a regular file: expected a .ttf or .ttc font file",
			"{1} 不是普通文件（可能是文件夹）：应当是 .ttf 或 .ttc 字体文件"},
		FontTooLarge: {"{1} is {2} bytes, more than the {3} MiB a font file may have",
			"字体文件 {1} 有 {2} 字节，超过了允许的 {3} MiB"},
		FontGrew: {"{1} grew past {2} MiB while it was read",
			"字体文件 {1} 在读取时变大，超过了 {2} MiB"},
		FontTooShort: {"not a font file (too short)", "不是字体文件（文件太短）"},
		FontFaceRange: {"face {1} requested, but the collection has {2} faces (0…{3})",
			"要用字体集中的第 {1} 号字体，但这个字体集只有 {2} 个字体（编号 0…{3}）"},
		FontNotCollected: {"face {1} requested, but the file is a single font, not a collection",
			"要用第 {1} 号字体，但这个文件只有一个字体，不是字体集（.ttc）"},
		FontWOFF: {"the font is a compressed web font (WOFF); convert it to a TrueType .ttf first",
			"这是网页用的压缩字体（WOFF）：请先转换为 TrueType 的 .ttf 字体"},
		FontNotTrueType: {"not a TrueType font (the file starts with {1})",
			"不是 TrueType 字体（文件开头是 {1}）：应当是 .ttf 或 .ttc 字体文件"},
		FontCFF: {"the glyphs are CFF (PostScript) outlines, but the PDF writer can embed only TrueType (glyf) outlines; use a TrueType .ttf or .ttc font, or the embedded default fonts",
			"这个字体的字形是 CFF（PostScript）格式，无法嵌入 PDF：请改用 TrueType 的 .ttf 或 .ttc 字体，或使用内置的默认字体"},
		FontNoOutlines: {"the font has no TrueType outlines (no glyf and loca tables)",
			"这个字体没有 TrueType 字形，无法使用"},
		FontLicence: {"the font's licence does not allow embedding it in a PDF as a subset (OS/2 fsType {1})",
			"这个字体的授权不允许嵌入 PDF（授权标志 {1}）"},
		FontNoCmap: {"the font has no Unicode character map of format 4, the only one the PDF writer reads",
			"这个字体缺少 PDF 所需的 Unicode 字符表（格式 4），无法使用"},
		FontDamaged: {"the font file is damaged or not a font jixiao can read",
			"字体文件已损坏，或不是本程序能读的 TrueType 字体"},
	} {
		catalogue[c] = e
	}
}
