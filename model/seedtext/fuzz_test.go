package seedtext

import (
	"jixiao/model"
	"jixiao/model/internal/clean"

	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzImportSeed feeds damaged seeds to the importer: it must never panic,
// must either return a book or an ErrSeed error naming the input, and what it
// returns must already be clean (cleaning it again changes nothing).
func FuzzImport(f *testing.F) {
	f.Add([]byte(minimalForm))
	f.Add([]byte(minimalForm + minimalForm))
	f.Add([]byte(""))
	f.Add([]byte("市级财政项目支出预算绩效目标表\n2024年度\n"))
	f.Add([]byte("成果\t绩效目标\t绩效指标明确性\t明确\t明确\t\n\t\t资金投入\t预算编制科学性\t科学\t科学\n"))
	f.Add([]byte("满意度\t满意度\t居保发放对象的满意度\t$\\geq 95\\%$\t$\\geq 95\\%$\n-----\t-----\t---\n"))
	f.Add([]byte("项目可行性说明\t<ol style=\"list-style-type: none\"> 甲 乙 丙 \t\t\n项目概述\t<p>一</p> <p>二,三(四)</p>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, reps, err := Import(bytes.NewReader(data), "fuzz.txt")
		if err != nil {
			if !errors.Is(err, ErrSeed) || !strings.HasPrefix(err.Error(), "model: fuzz.txt:") {
				t.Fatalf("bad error: %v", err)
			}
			if b != nil || reps != nil {
				t.Fatal("result returned with an error")
			}
			return
		}
		if len(b.Forms) == 0 {
			t.Fatal("book without forms and without error")
		}
		for _, r := range reps {
			if r.Line < 1 || !utf8.ValidString(strings.Join(r.Args, "")) {
				t.Fatalf("bad repair %v", r)
			}
		}
		for _, f := range b.Forms {
			if len(f.Indicators) == 0 {
				t.Fatal("form without indicators")
			}
			for _, lt := range model.LongTexts() {
				if s := lt.Value(&f); clean.CleanText(s) != s {
					t.Fatalf("%s not clean: %q", lt.Label, s)
				}
			}
			for _, in := range f.Indicators {
				if l1, ok := model.ParentOf(in.Level2); !ok || l1 != in.Level1 {
					t.Fatalf("bad category %q/%q", in.Level1, in.Level2)
				}
				if clean.NormalizeValue(in.HalfYear) != in.HalfYear || clean.NormalizeValue(in.FullYear) != in.FullYear {
					t.Fatalf("value not normalised: %q %q", in.HalfYear, in.FullYear)
				}
			}
		}
	})
}
