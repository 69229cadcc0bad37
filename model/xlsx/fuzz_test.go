package xlsx

import (
	"encoding/xml"
	"fmt"
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

// FuzzReadHostile reads the small test form with hostile parts generated
// from the fuzzer's values: merged ranges (any reference, repeated), a
// far cell that sets the used area, the shared string table padded, extra
// sheet entries naming parts (the form's own among them), and a number
// format code of any length. The reader must never panic, must answer a
// book or content problems, must read no sheet part twice, and the merged
// ranges it indexes must cover each used cell at most once.
func FuzzReadHostile(f *testing.F) {
	f.Add("F1:XFD1048576", uint16(1000), "H5000", uint16(0), uint8(0), uint8(0), "0.00")
	f.Add("A1:B2", uint16(3), "Z60", uint16(500), uint8(3), uint8(1), "yyyy/m/d")
	f.Add("B3:A1", uint16(1), "XFD1048576", uint16(65535), uint8(255), uint8(7), strings.Repeat("0", 300))
	f.Add("A13:A15", uint16(2), "", uint16(1), uint8(1), uint8(2), `[h]:mm;"x"`)
	base := workbook(f, formCells(0, 1, "merged"))
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return strings.ReplaceAll(b.String(), `"`, "&quot;")
	}
	f.Fuzz(func(t *testing.T, ref string, nMerges uint16, far string, nStrings uint16, nSheets, sheetTarget uint8, code string) {
		if len(ref) > 40 || len(far) > 20 || len(code) > 400 {
			return
		}
		data := rewritePart(t, base, "xl/worksheets/sheet1.xml", func(x string) string {
			if c, r, err := excelize.CellNameToCoordinates(far); err == nil {
				name, _ := excelize.CoordinatesToCellName(c, r)
				x = strings.Replace(x, "</sheetData>", fmt.Sprintf(`<row r="%d"><c r="%s" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, r, name), 1)
			}
			merges := strings.Repeat(`<mergeCell ref="`+esc(ref)+`"/>`, int(nMerges)%2000)
			return strings.Replace(x, "</mergeCells>", merges+"</mergeCells>", 1)
		})
		data = rewritePart(t, data, "xl/sharedStrings.xml", func(x string) string {
			return strings.Replace(x, "</sst>", strings.Repeat("<si/>", int(nStrings)*4)+"</sst>", 1)
		})
		data = rewritePart(t, data, "xl/workbook.xml", func(x string) string {
			var b strings.Builder
			for i := range int(nSheets) % 32 {
				// rId1 is the form's sheet; others name no part, or a part
				// that is not there.
				fmt.Fprintf(&b, `<sheet name="s%d" sheetId="%d" r:id="rId%d"/>`, i, 100+i, 1+(int(sheetTarget)+i)%4)
			}
			return strings.Replace(x, "</sheets>", b.String()+"</sheets>", 1)
		})
		data = rewritePart(t, data, "xl/styles.xml", func(x string) string {
			return strings.Replace(x, `formatCode="0.00"`, `formatCode="`+esc(code)+`"`, 1)
		})
		p, m := openPackage(data)
		if m != nil {
			t.Fatalf("the package: %v", m)
		}
		r := &reader{pkg: p, file: "fuzz.xlsx", src: model.NewSheetSource("fuzz.xlsx"), formats: map[int]numFormat{}}
		defer r.close()
		b, _, err := r.read()
		if err != nil {
			if len(model.DecodeErrors(err)) == 0 {
				t.Fatalf("not a content problem: %v", err)
			}
		} else if len(b.Forms) != 1 {
			t.Fatalf("%d forms from one sheet part", len(b.Forms))
		}
		if p.tokens > p.limit+1 {
			t.Fatalf("%d tokens read, past the budget", p.tokens)
		}
		// The ranges indexed cover each used cell at most once.
		info, _, err := sheetParts(p)
		if err != nil {
			return
		}
		g, err := r.grid(info.sheets[0])
		if err != nil {
			return
		}
		area := 0
		for _, m := range g.merges {
			if m.c1 >= g.width || m.r1 >= len(g.rows) || m.c0 < 0 || m.r0 < 0 {
				t.Fatalf("range %v outside the used area %d×%d", m, g.width, len(g.rows))
			}
			area += (m.c1 - m.c0 + 1) * (m.r1 - m.r0 + 1)
		}
		if area > g.width*len(g.rows) {
			t.Fatalf("ranges cover %d cells of a used area of %d", area, g.width*len(g.rows))
		}
	})
}
