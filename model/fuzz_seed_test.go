package model

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzImportSeed feeds damaged seeds to the importer: it must never panic,
// must either return a book or an ErrSeed error naming the input, and what it
// returns must already be clean (cleaning it again changes nothing).
func FuzzImportSeed(f *testing.F) {
	f.Add([]byte(minimalForm))
	f.Add([]byte(minimalForm + minimalForm))
	f.Add([]byte(""))
	f.Add([]byte("市级财政项目支出预算绩效目标表\n2024年度\n"))
	f.Add([]byte("成果\t绩效目标\t绩效指标明确性\t明确\t明确\t\n\t\t资金投入\t预算编制科学性\t科学\t科学\n"))
	f.Add([]byte("满意度\t满意度\t居保发放对象的满意度\t$\\geq 95\\%$\t$\\geq 95\\%$\n-----\t-----\t---\n"))
	f.Add([]byte("项目可行性说明\t<ol style=\"list-style-type: none\"> 甲 乙 丙 \t\t\n项目概述\t<p>一</p> <p>二,三(四)</p>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, reps, err := ImportSeed(bytes.NewReader(data), "fuzz.txt")
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
			if r.Line < 1 || !utf8.ValidString(r.Message) {
				t.Fatalf("bad repair %v", r)
			}
		}
		for _, f := range b.Forms {
			if len(f.Indicators) == 0 {
				t.Fatal("form without indicators")
			}
			for _, lt := range LongTexts {
				if s := f.Text(lt.Key); CleanText(s) != s {
					t.Fatalf("%s not clean: %q", lt.Label, s)
				}
			}
			for _, in := range f.Indicators {
				if l1, ok := ParentOf(in.Level2); !ok || l1 != in.Level1 {
					t.Fatalf("bad category %q/%q", in.Level1, in.Level2)
				}
				if NormalizeValue(in.HalfYear) != in.HalfYear || NormalizeValue(in.FullYear) != in.FullYear {
					t.Fatalf("value not normalised: %q %q", in.HalfYear, in.FullYear)
				}
			}
		}
	})
}

// FuzzClean checks the normalisation functions on arbitrary strings: no
// panic, idempotent, no Chinese character lost outside markup and entities.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"<p>甲,乙</p>", `$\geq 95\%$`, "1、甲 2、乙", "局 (机关)", "&lt;p&gt;甲"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) string{CleanText, CleanLabel, NormalizeValue} {
			out := fn(s)
			if fn(out) != out {
				t.Fatalf("not idempotent on %q: %q then %q", s, out, fn(out))
			}
		}
	})
}
