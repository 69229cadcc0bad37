package binder_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/binder"
	"jixiao/layout"
)

func textsOf(p *layout.Page, field string) []string {
	var out []string
	for _, it := range p.Items {
		if it.Kind == layout.Text && it.Field == field {
			out = append(out, it.Text)
		}
	}
	return out
}

// TestAmountsWrittenOneWay: every amount is written the same way on the
// form, in the contents and on the cover (the decimals as written, at
// least two: 4012.8 → 4012.80), so that each form's 本年度项目金额 reads the
// same on its page and on its contents line.
func TestAmountsWrittenOneWay(t *testing.T) {
	b, set := exampleBook(t), defaultFonts(t)
	b.Forms[0].YearAmount, b.Forms[0].TotalAmount = "4012.8", "4012.8"
	b.Forms[1].YearAmount = "0.123456"
	bl, doc := plan(t, b, set, binder.Options{Layout: layout.DefaultOptions()})
	var contents []string
	for p := bl.TOCFirst; p < bl.FormFirst; p++ {
		contents = append(contents, textsOf(doc.Pages[p], "amount")...)
	}
	require.Len(t, contents, 18)
	for i, f := range bl.Forms {
		onForm := textsOf(doc.Pages[f.First], "year_amount")
		require.Equal(t, []string{contents[i]}, onForm, "form %d", i+1)
	}
	require.Equal(t, "4012.80", contents[0])
	require.Equal(t, "0.123456", contents[1])
	require.Equal(t, []string{"4012.80"}, textsOf(doc.Pages[bl.Forms[0].First], "total_amount"))
}
