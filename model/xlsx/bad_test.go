package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/model"
)

// TestBadWorkbooks: files that are not readable workbooks give one line
// saying what they are and what to do, never a panic.
func TestBadWorkbooks(t *testing.T) {
	ole := append(append([]byte{}, oleMagic...), make([]byte, 4096)...)
	good := workbook(t, formCells(0, 1, "merged"))
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"old.xls", ole, "old Excel 97–2003 workbook (.xls)"},
		{"wps.et", ole, "WPS workbook (.et)"},
		{"calc.ods", odsBytes(t), "OpenDocument spreadsheet (.ods)"},
		{"calc.fods", []byte(`<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`), "OpenDocument spreadsheet"},
		{"table.csv", []byte("项目名称,体检费\n"), "CSV text file"},
		{"secret.xlsx", encrypted(t, good), "protected by a password"},
		{"half.xlsx", good[:len(good)/2], "not a readable .xlsx workbook"},
		{"noise.xlsx", []byte("this is not a workbook at all"), "not a readable .xlsx workbook (it is not a zip archive)"},
		{"empty.xlsx", nil, "the file is empty"},
		{"bomb.xlsx", zipBomb(t), "unpacks to more than 256 MiB"},
		{"renamed.xlsx", []byte(`{"forms": []}`), "not a readable .xlsx workbook"},
		// Review 7, item 7: other files given by mistake say what they are.
		{"report.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), "this is a Word document"},
		{"report.xlsx", zipOf(t, "[Content_Types].xml", "word/document.xml"), "this is a Word document"},
		{"report.doc", append(append([]byte{}, ole...), "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"...), "this is a Word document"},
		{"forms.xlsx", zipOf(t, "a.xlsx", "b.xlsx"), "this is a zip archive, not an .xlsx workbook"},
		{"photo.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "this is a PNG image"},
		{"~$book.xlsx", excelLock, "this is not a workbook but the lock file Excel or WPS keeps while the workbook book.xlsx is open"},
		{"scan.xls", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), "this is a JPEG image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg := readErr(t, c.data, c.name)
			if !strings.Contains(msg, c.want) || strings.Count(msg, "\n") != 0 {
				t.Errorf("got %q, want one line containing %q", msg, c.want)
			}
			if !strings.HasPrefix(msg, c.name+": ") {
				t.Errorf("%q does not start with the file's name", msg)
			}
			// Read where it is (ReadAt), the same.
			_, _, err := ReadAt(onlyReaderAt{bytes.NewReader(c.data)}, int64(len(c.data)), c.name)
			if got := fmt.Sprint(err); got != fmt.Sprint(func() error { _, _, err := Read(c.data, c.name); return err }()) {
				t.Errorf("ReadAt: %s", got)
			}
		})
	}
}

// onlyReaderAt hides every method of its reader but ReadAt.
type onlyReaderAt struct{ r io.ReaderAt }

func (o onlyReaderAt) ReadAt(p []byte, off int64) (int, error) { return o.r.ReadAt(p, off) }

// excelLock is a lock file as Excel keeps it beside an open workbook: the
// user's name, padded, then again in UTF-16 (165 bytes).
var excelLock = append(append([]byte("\x04user"), bytes.Repeat([]byte(" "), 50)...), bytes.Repeat([]byte("u\x00"), 55)...)

// TestLockFileNamedLikeOne: a workbook whose name starts with ~$ is read
// as the workbook it is; only a small file that is not one is a lock file.
func TestLockFileNamedLikeOne(t *testing.T) {
	good := workbook(t, formCells(0, 1, "merged"))
	if IsLockFile("~$book.xlsx", good) || !IsLockFile("dir/~$book.xlsx", excelLock) || IsLockFile("book.xlsx", excelLock) {
		t.Error("IsLockFile")
	}
	b, _, err := Read(good, "~$book.xlsx")
	if err != nil || len(b.Forms) != 1 {
		t.Errorf("a workbook named ~$book.xlsx: %v", err)
	}
}

// zipOf is a zip archive of empty parts of these names.
func zipOf(t testing.TB, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		if _, err := zw.Create(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// odsBytes is the start of an OpenDocument spreadsheet: a zip whose first,
// stored, part is its mimetype.
func odsBytes(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	zw.Close()
	return buf.Bytes()
}

// encrypted returns the workbook protected by a password, as Excel saves it.
func encrypted(t testing.TB, data []byte) []byte {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), oleMagic) {
		t.Fatal("excelize did not encrypt the workbook")
	}
	return buf.Bytes()
}

// zipBomb is a small archive that declares a part of a terabyte.
func zipBomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	hdr := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, UncompressedSize64: 1 << 40, CompressedSize64: 2}
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{3, 0})
	zw.Close()
	return buf.Bytes()
}

// TestEmptyRowsFarBelow reads a sheet as LibreOffice Calc saves it once
// a row has been deleted: an empty row 1048576, and styled cells with
// nothing in them far below the form. Rows and cells that hold nothing
// are not rows of the form, and do not make the sheet too long.
func TestEmptyRowsFarBelow(t *testing.T) {
	for name, tail := range map[string]string{
		"empty row":   `<row r="1048575"></row><row r="1048576" ht="12.8"></row>`,
		"styled cell": `<row r="6000"><c r="A6000" s="1"/><c r="B6000" s="1" t="s"></c></row>`,
		"blank value": `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t></t></is></c></row>`,
	} {
		data := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
			return strings.Replace(x, "</sheetData>", tail+"</sheetData>", 1)
		})
		got, _ := readOne(t, data)
		if got.Project == "" {
			t.Errorf("%s: the form was not read", name)
		}
	}
}

func TestTooManyRows(t *testing.T) {
	for _, n := range []int{MaxRows + 1, 1048576} {
		// One cell far below the form (written into the XML: excelize
		// would make every row before it).
		data := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
			return strings.Replace(x, "</sheetData>", fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, n, n), 1)
		})
		msg := readErr(t, data, "big.xlsx")
		want := fmt.Sprintf("big.xlsx: 体检费: the sheet has more than %d rows", MaxRows)
		if !strings.HasPrefix(msg, want) {
			t.Errorf("row %d: got %q", n, msg)
		}
	}
	// Many real rows: the reading stops at the limit.
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= MaxRows+100; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{r, "项目名称"}); err != nil {
			t.Fatal(err)
		}
	}
	sw.Flush()
	var buf bytes.Buffer
	f.WriteTo(&buf)
	if msg := readErr(t, buf.Bytes(), "rows.xlsx"); !strings.Contains(msg, "more than 5000 rows") {
		t.Error(msg)
	}
}

// TestTableTooLong: a form whose own indicator table runs past the rows a
// sheet may have is told so, not to move the form to a sheet of its own
// (it is on one); rows far below a form that ended keep that advice
// (review 7 serve, item 8).
func TestTableTooLong(t *testing.T) {
	rows := func(from, to int) string {
		var b strings.Builder
		for r := from; r <= to; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="C%d" t="inlineStr"><is><t>指标%d</t></is></c><c r="D%d" t="inlineStr"><is><t>1</t></is></c></row>`, r, r, r, r)
		}
		return b.String()
	}
	long := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.Replace(x, "</sheetData>", rows(17, MaxRows+1000)+"</sheetData>", 1)
	})
	msg := readErr(t, long, "long.xlsx")
	want := fmt.Sprintf("long.xlsx: 体检费: the indicator table has more than the %d rows a form may have", model.MaxIndicators)
	if !strings.HasPrefix(msg, want) {
		t.Errorf("got %q\nwant %q", msg, want)
	}
	// The table ends at the signature block; what is below is not the form's.
	below := rewritePart(t, workbook(t, formCells(0, 1, "merged")), "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.Replace(x, "</sheetData>", `<row r="18"><c r="A18" t="inlineStr"><is><t>填报人：张三</t></is></c></row>`+rows(20, MaxRows+1000)+"</sheetData>", 1)
	})
	msg = readErr(t, below, "below.xlsx")
	if want := fmt.Sprintf("below.xlsx: 体检费: the sheet has more than %d rows, far more than a form", MaxRows); !strings.HasPrefix(msg, want) {
		t.Errorf("got %q\nwant %q", msg, want)
	}
}

// TestTableRowsHeader: the rows of a sheet too long to be read are counted
// from the row after the indicator header's last, as the reader reads
// them, and to the end the reader finds: a header two rows high (merged,
// its second row holding a note) is not an indicator row.
func TestTableRowsHeader(t *testing.T) {
	cells := func(texts ...string) []xcell {
		row := make([]xcell, len(texts))
		for i, s := range texts {
			row[i].text = s
		}
		return row
	}
	rows := [][]xcell{
		cells("一级指标", "二级指标", "三级指标", "半年指标值", "全年指标值"),
		cells("", "", "", "（预期）", "（预期）"),
		cells("产出指标", "数量指标", "体检人数", "1", "2"),
		cells("", "", "体检机构", "1", "2"),
		cells(""),
		cells("效益指标", "社会效益指标", "满意度", "≥90%", "≥90%"),
		cells("填报人：张三"),
		cells("", "", "不是表中的行", "1", "2"),
	}
	// 一级, 二级 and 三级 merged over the header's two rows. A sheet too
	// long to be read is counted without its merged ranges (they follow
	// its rows in the file): the count is the same either way.
	merges := []rect{{0, 0, 0, 1}, {1, 0, 1, 1}, {2, 0, 2, 1}}
	for _, m := range [][]rect{nil, merges} {
		g := newGrid("体检费", rows, m, hiddenParts{})
		n, ended, ok := g.tableRows()
		if n != 3 || !ended || !ok {
			t.Errorf("tableRows, merges %v: %d rows, ended %v, ok %v; want 3 rows, ended", m, n, ended, ok)
		}
	}
	n := 3
	// The reader reads those rows as the table: the same three.
	s := sheetSpec{name: "体检费", cells: map[string]any{}}
	for r, row := range rows {
		for c, x := range row {
			if x.text != "" {
				s.cells[excelizeName(c, r)] = x.text
			}
		}
	}
	for _, m := range merges {
		s.merges = append(s.merges, [2]string{excelizeName(m.c0, m.r0), excelizeName(m.c1, m.r1)})
	}
	b, _, err := Read(workbook(t, s), "book.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(b.Forms[0].Indicators); got != n {
		t.Errorf("the reader reads %d indicator rows, the count is %d", got, n)
	}
	// The rows read end before the table does.
	g := newGrid("体检费", rows[:4], nil, hiddenParts{})
	if n, ended, ok := g.tableRows(); n != 2 || ended || !ok {
		t.Errorf("tableRows of the first rows: %d rows, ended %v, ok %v; want 2 rows, not ended", n, ended, ok)
	}
}

// TestTooManyParts: an archive of far more parts than a workbook is told
// so, not that it unpacks to too much (its parts are empty).
func TestTooManyParts(t *testing.T) {
	names := make([]string, maxParts+1)
	for i := range names {
		names[i] = fmt.Sprintf("p%d", i)
	}
	names[0] = "xl/workbook.xml"
	msg := readErr(t, zipOf(t, names...), "parts.xlsx")
	want := fmt.Sprintf("parts.xlsx: the workbook's archive holds %d files, more than the %d", maxParts+1, maxParts)
	if !strings.HasPrefix(msg, want) {
		t.Errorf("got %q\nwant %q", msg, want)
	}
}

func TestLongestCell(t *testing.T) {
	// Excel's longest cell, 32,767 characters, is read whole.
	long := strings.Repeat("长", MaxCellChars)
	s := formCells(0, 1, "merged")
	s.cells["B8"] = long
	got, _ := readOne(t, workbook(t, s))
	if got.Overview != long {
		t.Errorf("the overview has %d characters, want %d", len([]rune(got.Overview)), MaxCellChars)
	}
	// Export refuses a text longer than a cell rather than cut it.
	b := &model.Book{Forms: []model.Form{{Project: "x", Overview: long + "长"}}}
	err := Export(&bytes.Buffer{}, b)
	if err == nil || lines(err) != "forms[0].overview: the text is 32768 characters long, more than the 32767 an Excel cell holds: shorten it to export the form" {
		t.Errorf("export: %v", err)
	}
}
