package model

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The standard 三级 a form leaves out are warned of in the framework's
// order, as the form prints them, not in the order of their bytes
// (review 7, item 19).
func TestStandardLevel3MissingOrder(t *testing.T) {
	book, err := ReadFile("testdata/form.json")
	require.NoError(t, err)
	f := &book.Forms[0]
	var kept []Indicator
	for _, r := range f.Indicators {
		// Every standard 三级 but the first left out.
		if _, std := StandardOf(r.Level3); !std || r.Level3 == StandardLevel3()[0].Level3 {
			kept = append(kept, r)
		}
	}
	f.Indicators = kept
	var got []string
	for _, p := range Validate(book, nil) {
		if p.Code == CodeStandardLevel3Missing {
			got = append(got, p.Args[0])
		}
	}
	var want []string
	for _, s := range StandardLevel3()[1:] {
		want = append(want, s.Level3)
	}
	require.Equal(t, want, got)
}
