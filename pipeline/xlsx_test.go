package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
)

// TestReadWorkbook: a workbook is read by its name, or, from a reader, by
// its first bytes whatever its name (an upload); a spreadsheet jixiao does
// not read is one problem saying how to save it.
func TestReadWorkbook(t *testing.T) {
	book, err := model.ReadFile(filepath.Join("..", "examples", "jiangyin-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Export(&buf, book); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var blocks [][]byte // as a chunked upload holds it
	for rest := buf.Bytes(); len(rest) > 0; {
		n := min(len(rest), 1000+len(blocks))
		blocks, rest = append(blocks, rest[:n:n]), rest[n:]
	}
	for _, s := range []Source{{Name: path}, {Name: "upload", R: bytes.NewReader(buf.Bytes())}, {Name: "in memory", Data: [][]byte{buf.Bytes()}},
		{Name: "in blocks", Data: blocks}} {
		in, err := Read(s)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if len(in.Book.Forms) != 18 || in.Book.Forms[17].Project != book.Forms[17].Project {
			t.Errorf("%s: %d forms", s.Name, len(in.Book.Forms))
		}
		loc, _ := in.Source.Location("forms[0].project")
		if loc.Sheet != "企业退休人员体检费" || loc.Cell != "B4" {
			t.Errorf("%s: forms[0].project read from %s", s.Name, loc)
		}
	}
	_, err = Read(Source{Name: "old.xls", R: strings.NewReader("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")})
	des := model.DecodeErrors(err)
	if len(des) != 1 || len(des[0].Problems) != 1 || des[0].Problems[0].Code != string(xlsx.CodeOldExcel) {
		t.Errorf("old.xls: %v", err)
	}
}

// TestReadDataInPlace: a workbook already in memory (Source.Data, an
// upload) is read where it is, not copied first, as one from a reader is.
func TestReadDataInPlace(t *testing.T) {
	// (That one in memory is read as one from a reader is: TestReadWorkbook.)
	// Junk after the workbook's signature: refused at once, after only the
	// read (or not) of the whole content.
	data := append([]byte("PK\x03\x04"), make([]byte, 8<<20)...)
	allocated := func(s Source) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Read(s)
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Fatal("junk read as a workbook")
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	copied := allocated(Source{Name: "junk.xlsx", R: bytes.NewReader(data)})
	inPlace := allocated(Source{Name: "junk.xlsx", Data: [][]byte{data}})
	if copied < uint64(len(data)) || inPlace > uint64(len(data))/4 {
		t.Errorf("read from a reader: %d bytes made; in place: %d (the content is %d)", copied, inPlace, len(data))
	}
	// In blocks (a chunked upload), read where they are, never joined.
	var blocks [][]byte
	for b := data; len(b) > 0; b = b[min(len(b), 1<<20):] {
		blocks = append(blocks, b[:min(len(b), 1<<20)])
	}
	if inBlocks := allocated(Source{Name: "junk.xlsx", Data: blocks}); inBlocks > uint64(len(data))/4 {
		t.Errorf("in blocks: %d bytes made (the content is %d)", inBlocks, len(data))
	}
}

// TestGlyphMissingNamesTheCell: a character no font has, in a form read
// from a workbook, is named by its sheet and cell (as every other problem
// of a workbook is), in a form and in a binder.
func TestGlyphMissingNamesTheCell(t *testing.T) {
	in := exampleWorkbook(t, func(b *model.Book) {
		b.Forms[0].Project = "𠮷" + b.Forms[0].Project
	})
	loc, _ := in.Source.Location("forms[0].project")
	if loc.Cell != "B4" {
		t.Fatalf("forms[0].project read from %s", loc)
	}
	want := "no font has " + loc.String() + ": U+20BB7"
	job := testJob(t)
	job.Forms = Selection{Form: 1, FormGiven: true}
	_, err := Plan(context.Background(), []Input{in}, job)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("form: %v\nwant %q", err, want)
	}
	_, err = Plan(context.Background(), []Input{in}, binderJob(t))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("binder: %v\nwant %q", err, want)
	}
}

// TestLeftOutNamesTheSheet: a form of a workbook left out for its errors
// is named with its file and sheet, in each language as it writes them,
// the forms joined as the language joins a list.
func TestLeftOutNamesTheSheet(t *testing.T) {
	in := exampleWorkbook(t, func(b *model.Book) {
		b.Forms[1].Unit = ""
		b.Forms[2].Unit = ""
	})
	job := binderJob(t)
	job.SkipErrors = true
	var warned []error
	job.Events.Warn = func(w error) { warned = append(warned, w) }
	if _, err := Plan(context.Background(), []Input{in}, job); err != nil {
		t.Fatal(err)
	}
	if len(warned) != 1 {
		t.Fatalf("warnings: %v", warned)
	}
	p2, p3 := in.Book.Forms[1].Project, in.Book.Forms[2].Project
	en := "not printed, 2 forms with errors: 2 " + p2 + " (book.xlsx: " + p2 + "), 3 " + p3 + " (book.xlsx: " + p3 + ")"
	zh := "2 张表有错误，未打印：2 " + p2 + "（book.xlsx 工作表“" + p2 + "”）、3 " + p3 + "（book.xlsx 工作表“" + p3 + "”）"
	if got := msg.Describe(msg.English, warned[0]); got != en {
		t.Errorf("English:\n got %s\nwant %s", got, en)
	}
	if got := msg.Describe(msg.Chinese, warned[0]); got != zh {
		t.Errorf("Chinese:\n got %s\nwant %s", got, zh)
	}
}

// exampleWorkbook is the example book, changed by edit, exported to a
// workbook and read back as an upload named book.xlsx.
func exampleWorkbook(t *testing.T, edit func(*model.Book)) Input {
	t.Helper()
	book, err := model.ReadFile(filepath.Join("..", "examples", "jiangyin-2024.json"))
	if err != nil {
		t.Fatal(err)
	}
	edit(book)
	var buf bytes.Buffer
	if err := xlsx.Export(&buf, book); err != nil {
		t.Fatal(err)
	}
	in, err := Read(Source{Name: "book.xlsx", R: bytes.NewReader(buf.Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestReadNamedBinary: a named file is told by its content whatever its
// name, as standard input is (review 7, item 7): an .xls saved as .json or
// without an extension, a Word document, a photo; text in GBK keeps its
// hint.
func TestReadNamedBinary(t *testing.T) {
	dir := t.TempDir()
	ole := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...)
	doc := append(append([]byte{}, ole...), "W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t\x00"...)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10")
	for _, c := range []struct {
		name string
		data []byte
		code string
	}{
		{"b3.json", ole, string(xlsx.CodeOldExcel)},
		{"noext", ole, string(xlsx.CodeOldExcel)},
		{"report.json", doc, string(xlsx.CodeWord)},
		{"photo.json", png, model.CodeImageFile},
		{"photo", png, model.CodeImageFile},
		{"gbk.json", []byte("{\"unit\": \"\xb5\xa5\xce\xbb\"}"), model.CodeNotUTF8},
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, s := range []Source{{Name: path}, {Name: c.name, R: bytes.NewReader(c.data)}} {
			_, err := Read(s)
			des := model.DecodeErrors(err)
			if len(des) != 1 || len(des[0].Problems) != 1 || des[0].Problems[0].Code != c.code {
				t.Errorf("%s (named %v): %v, want %s", c.name, s.R == nil, err, c.code)
			}
		}
	}
}

// TestLoadSkipsLockFile: Excel's lock file of an open workbook, named
// beside it by a shell's *.xlsx, is left out with a warning and does not
// stop the others (review 7, item 5); read alone it is refused, saying
// what it is.
func TestLoadSkipsLockFile(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join("..", "examples", "jiangyin-2024.json")
	lock := filepath.Join(dir, "~$2024.xlsx")
	if err := os.WriteFile(lock, append([]byte("\x04user"), make([]byte, 160)...), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []model.Problem
	job := &Job{Events: Events{
		Problem: func(p model.Problem) {
			if p.Loc.File == lock {
				got = append(got, p)
			}
		},
		Decode: func(de *model.DecodeError) { t.Errorf("not decoded: %v", de) },
	}}
	inputs, err := Load(context.Background(), []Source{{Name: book}, {Name: lock}}, job)
	if err != nil || len(inputs) != 1 {
		t.Fatalf("%d inputs, %v", len(inputs), err)
	}
	if len(got) != 1 || got[0].Code != string(xlsx.CodeLockFileSkipped) || got[0].Severity != model.Warning || got[0].Args[0] != "2024.xlsx" {
		t.Errorf("warnings %+v", got)
	}
	_, err = Read(Source{Name: lock})
	if des := model.DecodeErrors(err); len(des) != 1 || des[0].Problems[0].Code != string(xlsx.CodeLockFile) {
		t.Errorf("read alone: %v", err)
	}
	if s := msg.ProblemMessage(msg.Chinese, string(xlsx.CodeLockFileSkipped), got[0].Args); !strings.Contains(s, "锁定文件") {
		t.Errorf("zh: %s", s)
	}
}
