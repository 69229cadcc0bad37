package xlsx

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// FuzzReadSheet reads small generated workbooks: the form of formCells
// with two cells overwritten (a text, or a number shown in a format) and
// a fragment of sheet XML added. The reader must never panic, and a form it
// reads must validate with every position naming its sheet.
func FuzzReadSheet(f *testing.F) {
	f.Add("B5", "体检费", "E14", 0.95, "0%", "")
	f.Add("A4", "单位名称：江阴", "B6", 4012.8000000000002, "0.00", "")
	f.Add("A11", "", "B11", 45000.0, "yyyy/m/d", `<row r="40"><c r="A40" t="e"><v>#REF!</v></c></row>`)
	f.Add("C13", "项目名称", "D6", -1e300, "General", `<row r="41"><c r="B41"><f>SUM(A1:A2)</f></c></row>`)
	f.Add("A10", "一级指标", "A2", 2024.0, "@", `<row r="9"><c r="Z9" t="inlineStr"><is><t>_x000D_年度</t></is></c></row>`)
	f.Fuzz(func(t *testing.T, ref, text, numRef string, num float64, format, fragment string) {
		s := formCells(0, 1, "merged")
		if small(ref) {
			s.cells[ref] = text
		}
		if small(numRef) && len(format) < 40 {
			s.cells[numRef] = num
			if strings.TrimSpace(format) != "" {
				s.formats[numRef] = format
			}
		}
		data := workbookOrSkip(t, s)
		if data == nil {
			return
		}
		if len(fragment) < 2000 {
			data = rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
				return strings.Replace(x, "</sheetData>", fragment+"</sheetData>", 1)
			})
		}
		b, src, err := Read(data, "fuzz.xlsx")
		if err != nil {
			if len(model.DecodeErrors(err)) == 0 {
				t.Fatalf("not a content problem: %v", err)
			}
			return
		}
		for _, p := range model.Validate(b, src) {
			if p.Loc.Sheet == "" {
				t.Fatalf("a problem without its sheet: %s", p)
			}
		}
	})
}

// small reports whether ref names a cell near the form (excelize writes
// every row up to a cell's).
func small(ref string) bool {
	c, r, err := excelize.CellNameToCoordinates(ref)
	return err == nil && c <= 12 && r <= 60
}

// workbookOrSkip is workbook for fuzzing: a value excelize refuses to write
// is no test of the reader.
func workbookOrSkip(t *testing.T, s sheetSpec) (data []byte) {
	defer func() {
		if r := recover(); r != nil {
			data = nil
		}
	}()
	ok := true
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", s.name)
	for ref, v := range s.cells {
		if err := f.SetCellValue(s.name, ref, v); err != nil {
			ok = false
		}
	}
	for _, m := range s.merges {
		f.MergeCell(s.name, m[0], m[1])
	}
	for ref, code := range s.formats {
		code := code
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			ok = false
			continue
		}
		f.SetCellStyle(s.name, ref, ref, st)
	}
	if !ok {
		return nil
	}
	var buf strings.Builder
	if _, err := f.WriteTo(&buf); err != nil {
		return nil
	}
	return []byte(buf.String())
}
