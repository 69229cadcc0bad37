package pipeline

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
)

// zeros is a stream that never ends, and can neither seek nor stat: a
// pipe whose writer goes on and on.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// allocatedBy is the number of bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// readWhole gives back what it read, whatever the reads' sizes, in one
// block when the size was known; content over the limit is its size alone.
func TestReadWhole(t *testing.T) {
	data := make([]byte, 3*firstBlock+17)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	for _, tc := range []struct {
		name   string
		r      func() io.Reader
		size   int64
		blocks int // 0: any number
	}{
		{"one byte a read", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }, -1, 0},
		{"half reads", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, -1, 0},
		{"size known", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, int64(len(data)), 1},
		{"grew", func() io.Reader { return bytes.NewReader(data) }, 100, 0},
		{"shrank", func() io.Reader { return bytes.NewReader(data) }, int64(len(data)) + 1000, 1},
	} {
		for _, limit := range []int64{int64(len(data)) + 2000, int64(len(data)), int64(len(data)) - 1, firstBlock} {
			c, err := readWhole(tc.r(), tc.size, limit)
			if err != nil {
				t.Fatalf("%s, limit %d: %v", tc.name, limit, err)
			}
			switch {
			case tc.size > limit:
				if c.size != tc.size || c.blocks != nil {
					t.Errorf("%s, limit %d: size %d, %d blocks; want the size known, nothing read", tc.name, limit, c.size, len(c.blocks))
				}
			case int64(len(data)) <= limit:
				if !bytes.Equal(c.bytes(), data) || c.size != int64(len(data)) {
					t.Errorf("%s, limit %d: %d bytes read back of %d", tc.name, limit, len(c.bytes()), len(data))
				}
				if tc.blocks > 0 && len(c.blocks) != tc.blocks {
					t.Errorf("%s: %d blocks, want %d", tc.name, len(c.blocks), tc.blocks)
				}
			default:
				if c.size != limit+1 || c.blocks != nil {
					t.Errorf("%s, limit %d: size %d, %d blocks; want one byte past the limit, nothing kept", tc.name, limit, c.size, len(c.blocks))
				}
			}
		}
	}
	_, err := readWhole(iotest.ErrReader(io.ErrClosedPipe), -1, 100)
	if err != io.ErrClosedPipe {
		t.Errorf("a failing reader: %v", err)
	}
}

// A stream that goes on past the limit is read into blocks up to it and
// no further, never copied to grow: what reading it allocates is about
// the limit, not the 2–4 times it that a buffer doubling as it grows makes.
func TestReadWholeStreamOverLimit(t *testing.T) {
	const limit = 40 << 20
	var c content
	got := allocatedBy(func() { c, _ = readWhole(zeros{}, -1, limit) })
	if c.size != limit+1 {
		t.Errorf("size %d, want %d", c.size, limit+1)
	}
	if got > limit+limit/8 {
		t.Errorf("reading a stream over a limit of %d bytes allocated %d", limit, got)
	}
}

// A workbook on standard input longer than model.MaxFileSize is refused
// as a stream that passes it (its size not known), having held about the
// limit in memory: before, 1 GiB was allocated, 800 MB of it resident.
func TestReadStdinOverLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 256 MiB")
	}
	var err error
	got := allocatedBy(func() {
		_, err = Read(Source{Name: "<stdin>", R: io.MultiReader(strings.NewReader("PK\x03\x04"), zeros{})})
	})
	des := model.DecodeErrors(err)
	if len(des) != 1 || len(des[0].Problems) != 1 || des[0].Problems[0].Code != model.CodeStreamTooLarge {
		t.Fatalf("got %v, want %s", err, model.CodeStreamTooLarge)
	}
	if got > model.MaxFileSize+model.MaxFileSize/16 {
		t.Errorf("refusing a stream over %d bytes allocated %d", model.MaxFileSize, got)
	}
}

// Standard input redirected from a file (< book.xlsx) is read as the file
// named is: into one buffer of its size, or refused by its size, without
// reading it, when that is over the limit.
func TestReadStdinFile(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk")
	data := append([]byte("PK\x03\x04"), make([]byte, 8<<20)...)
	if err := os.WriteFile(junk, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(junk)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := allocatedBy(func() { _, err = Read(Source{Name: "<stdin>", R: f}) })
	if len(model.DecodeErrors(err)) != 1 {
		t.Fatalf("junk read as a workbook: %v", err)
	}
	if got > uint64(len(data))+uint64(len(data))/8 {
		t.Errorf("a file of %d bytes on standard input: %d bytes allocated to read it", len(data), got)
	}

	big := filepath.Join(dir, "big")
	g, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if err := g.Truncate(model.MaxFileSize + 10); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	got = allocatedBy(func() { _, err = Read(Source{Name: "<stdin>", R: g}) })
	des := model.DecodeErrors(err)
	if len(des) != 1 || len(des[0].Problems) != 1 || des[0].Problems[0].Code != model.CodeFileTooLarge || des[0].Problems[0].Args[0] != "268435466" {
		t.Fatalf("got %v, want %s of 268435466 bytes", err, model.CodeFileTooLarge)
	}
	if got > 1<<20 {
		t.Errorf("refusing a file over the limit on standard input allocated %d bytes", got)
	}
}

// Standard input is named where a problem stands as the language names it:
// <stdin> in English, as the compilers write it, 标准输入 in Chinese.
func TestStdinLocation(t *testing.T) {
	for _, c := range []struct {
		loc    model.Location
		en, zh string
	}{
		{model.Location{File: msg.StdinName, Line: 3, Column: 5}, "<stdin>:3:5", "标准输入 第 3 行第 5 列"},
		{model.Location{File: msg.StdinName, Line: 3}, "<stdin>:3", "标准输入 第 3 行"},
		{model.Location{File: msg.StdinName, Sheet: "体检费", Cell: "B4"}, "<stdin>: 体检费!B4", "标准输入 工作表“体检费”B4 单元格"},
		{model.Location{File: msg.StdinName, Sheet: "体检费"}, "<stdin>: 体检费", "标准输入 工作表“体检费”"},
		{model.Location{File: msg.StdinName}, "<stdin>", "标准输入"},
		{model.Location{File: "stdin.json", Line: 1}, "stdin.json:1", "stdin.json 第 1 行"},
	} {
		if got := Location(msg.English, c.loc); got != c.en {
			t.Errorf("%v in English: %q, want %q", c.loc, got, c.en)
		}
		if got := Location(msg.Chinese, c.loc); got != c.zh {
			t.Errorf("%v in Chinese: %q, want %q", c.loc, got, c.zh)
		}
		p := model.Problem{Code: model.CodeFileTooLarge, Loc: c.loc, Args: []string{"1", "256"}}
		if got := ProblemText(msg.English, p); !strings.HasPrefix(got, c.en+": ") {
			t.Errorf("%v: %q", c.loc, got)
		}
		if got := ProblemText(msg.Chinese, p); !strings.HasPrefix(got, c.zh+"：") {
			t.Errorf("%v: %q", c.loc, got)
		}
	}
}

// A workbook read from a pipe (its size unknown) past the first block is
// read in its blocks, where they are, as the file is: the same forms,
// read from the same cells.
func TestReadWorkbookFromPipe(t *testing.T) {
	book, err := model.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	book.Forms = append(book.Forms, book.Forms...)
	var buf bytes.Buffer
	if err := xlsx.Export(&buf, book); err != nil {
		t.Fatal(err)
	}
	if buf.Len() <= firstBlock {
		t.Fatalf("the workbook is %d bytes: one block", buf.Len())
	}
	c, err := readWhole(struct{ io.Reader }{bytes.NewReader(buf.Bytes())}, -1, model.MaxFileSize)
	if err != nil || len(c.blocks) < 2 {
		t.Fatalf("%d blocks, %v", len(c.blocks), err)
	}
	want, err := Read(Source{Name: "book.xlsx", Data: [][]byte{buf.Bytes()}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(Source{Name: "book.xlsx", R: struct{ io.Reader }{bytes.NewReader(buf.Bytes())}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Book.Forms) != 36 || got.Book.Forms[35].Project != want.Book.Forms[35].Project {
		t.Errorf("%d forms read", len(got.Book.Forms))
	}
	for _, path := range []string{"forms[0].project", "forms[35].indicators[3].level3"} {
		g, _ := got.Source.Location(path)
		w, _ := want.Source.Location(path)
		if g != w || w.Cell == "" {
			t.Errorf("%s read from %v, want %v", path, g, w)
		}
	}
	if len(got.Problems) != len(want.Problems) {
		t.Errorf("%d problems, want %d", len(got.Problems), len(want.Problems))
	}
}

// content.ReadAt reads across its blocks as a reader of one slice does.
func TestContentReadAt(t *testing.T) {
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	var blocks [][]byte
	for rest, n := data, 1; len(rest) > 0; n *= 2 {
		k := min(n, len(rest))
		blocks, rest = append(blocks, rest[:k]), rest[k:]
	}
	c := inMemory(append(blocks, nil)) // an empty block changes nothing
	if c.size != int64(len(data)) {
		t.Fatalf("size %d", c.size)
	}
	for off := int64(0); off <= 1001; off += 13 {
		for _, n := range []int{0, 1, 2, 63, 64, 65, 500, 1000} {
			got, want := make([]byte, n), make([]byte, n)
			gn, gerr := c.ReadAt(got, off)
			wn, werr := bytes.NewReader(data).ReadAt(want, off)
			if gn != wn || !bytes.Equal(got[:gn], want[:wn]) || (gerr == nil) != (werr == nil) {
				t.Fatalf("ReadAt(%d bytes, %d): %d %v, want %d %v", n, off, gn, gerr, wn, werr)
			}
		}
	}
	all, err := io.ReadAll(c.reader())
	if err != nil || !bytes.Equal(all, data) {
		t.Errorf("reader: %d bytes, %v", len(all), err)
	}
}

// A PDF with the forms' data read from a pipe that gives it a few bytes
// at a time is read as the PDF it is: what tells a PDF is taken before
// the reads past the first bytes (review 9: the first bytes were the
// buffer's, overwritten as it refilled, and the PDF was told a broken
// workbook).
func TestReadPDFFromUnevenPipe(t *testing.T) {
	job := binderJob(t)
	job.AttachData = true
	in, err := Read(Source{Name: example})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := pdfs(t, []Input{in}, job)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(Source{Name: "<stdin>", R: iotest.HalfReader(bytes.NewReader(pdf[0]))})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Book.Forms) != len(in.Book.Forms) {
		t.Errorf("%d forms read from the PDF, want %d", len(got.Book.Forms), len(in.Book.Forms))
	}
}

// A character no font has, in a book read from standard input, is placed
// in 标准输入 in Chinese (review 9), as every other place is.
func TestStdinGlyphPlace(t *testing.T) {
	book, err := model.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	book.Forms = book.Forms[:1]
	book.Forms[0].Project += "\ue000"
	var buf bytes.Buffer
	if err := model.EncodeJSON(&buf, book); err != nil {
		t.Fatal(err)
	}
	in, err := Read(Source{Name: msg.StdinName, R: bytes.NewReader(buf.Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	job := testJob(t)
	job.Forms.All = true
	_, err = Plan(context.Background(), []Input{in}, job)
	if err == nil {
		t.Fatal("a character no font has was not told")
	}
	zh, en := msg.Describe(msg.Chinese, err), msg.Describe(msg.English, err)
	if !strings.Contains(zh, "标准输入 中的 forms[0].project") || strings.Contains(zh, msg.StdinName) {
		t.Errorf("in Chinese: %s", zh)
	}
	if !strings.Contains(en, msg.StdinName+": forms[0].project") {
		t.Errorf("in English: %s", en)
	}
}
