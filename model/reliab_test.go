package model

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue #9 (5): the book's own year is range-checked as a form's is.
func TestValidateBookYear(t *testing.T) {
	f := validForm(t)
	for _, y := range []int{-2024, 1899, 2201, 99999} {
		f.Year = 2024
		problems := Validate(&Book{Year: y, Forms: []Form{f}}, nil)
		require.NotNil(t, Errors(problems), "book year %d", y)
		require.Equal(t, "year", problems[0].Path)
		require.Contains(t, problems[0].Message, "not a plausible year")
	}
	for _, y := range []int{0, 1900, 2200} {
		f.Year = y
		if y == 0 {
			f.Year = 2024
		}
		problems := Validate(&Book{Year: y, Forms: []Form{f}}, nil)
		require.Nil(t, Errors(problems), "book year %d: %v", y, problems)
	}
}
