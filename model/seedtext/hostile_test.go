package seedtext

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"unicode/utf16"

	"jixiao/model"
)

// TestUTF16: a seed text saved as UTF-16 (Notepad's "Unicode") is called
// so, not binary data (issue 20).
func TestUTF16(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seed-jiangyin-2024.txt")
	if err != nil {
		t.Fatal(err)
	}
	u := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(string(data))) {
		u = append(u, byte(c), byte(c>>8))
	}
	_, _, err = Import(bytes.NewReader(u), "seed16.txt")
	var se *SeedError
	if !errors.As(err, &se) || se.Code != model.CodeUTF16 || se.Args[0] != "UTF-16LE" {
		t.Fatalf("got %v", err)
	}
}
