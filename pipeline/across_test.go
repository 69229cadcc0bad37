package pipeline

import (
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
)

// TestDuplicates: a form of the 单位名称 and 项目名称 of an earlier one, in
// its own file or another, is warned of at its 项目名称, naming the first
// by number and place; another unit's form of the same name is not.
func TestDuplicates(t *testing.T) {
	a := bookWide(t, 3)
	a.Book.Forms = append(a.Book.Forms, a.Book.Forms[1]) // form 4 repeats form 2
	b := bookWide(t, 1)
	b.Path = "other.json"
	b.Book.Forms = append(b.Book.Forms, b.Book.Forms[0])
	b.Book.Forms[1].Unit = "江阴市财政局" // same project, another unit
	got := Duplicates([]Input{a, b})
	require.Len(t, got[0], 1)
	p := got[0][0]
	require.Equal(t, model.CodeDuplicateForm, p.Code)
	require.Equal(t, "forms[3].project", p.Path)
	require.Equal(t, model.Warning, p.Severity)
	require.Equal(t, []string{a.Book.Forms[1].Project, "2", "book.json:181:18"}, p.Args)
	require.Len(t, got[1], 1, "other.json's first form repeats book.json's first")
	require.Equal(t, "forms[0].project", got[1][0].Path)
	require.Equal(t, "1", got[1][0].Args[1])
}

// TestYearStrays: the forms of another year than the first input's, as a
// binder of them warns, by input.
func TestYearStrays(t *testing.T) {
	a, b := bookWide(t, 2), bookWide(t, 1)
	b.Book.Year, b.Book.Forms[0].Year = 2025, 2025
	got := YearStrays([]Input{a, b})
	require.Empty(t, got[0])
	require.Len(t, got[1], 1)
	require.Equal(t, model.CodeBinderYearDiffers, got[1][0].Code)
	require.Equal(t, "forms[0].year", got[1][0].Path)
}
