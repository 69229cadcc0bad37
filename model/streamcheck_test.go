package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// checkedSameAsValidate reads data (JSON) with DecodeReaderChecked and
// fails unless it gives the book and the problems of DecodeReader then
// Validate, or the same error.
func checkedSameAsValidate(t *testing.T, name string, data []byte) Problems {
	t.Helper()
	wb, wsrc, werr := DecodeReader(bytes.NewReader(data), "book.json", FormatAuto)
	gb, gsrc, got, gerr := DecodeReaderChecked(bytes.NewReader(data), "book.json", FormatAuto)
	if werr != nil {
		require.Error(t, gerr, name)
		require.Equal(t, werr.Error(), gerr.Error(), name)
		require.Nil(t, gb, name)
		require.Nil(t, got, name)
		return nil
	}
	require.NoError(t, gerr, name)
	require.Equal(t, wb, gb, "%s: the books differ", name)
	require.Equal(t, wsrc, gsrc, "%s: the sources differ", name)
	want := Validate(wb, wsrc)
	if !slices.EqualFunc(want, got, sameProblem) {
		t.Fatalf("%s: the checked read differs from Validate\n%s", name, problemsDiff(want, got))
	}
	return got
}

// TestDecodeReaderCheckedSameAsValidate: random books with mistakes, of a
// few forms (checked once read) and of enough to be checked while read,
// with the book's year before its forms, after them (known only once they
// are checked) or absent; and books that do not decode, with the error
// in a form the checker has or has not been given yet.
func TestDecodeReaderCheckedSameAsValidate(t *testing.T) {
	ex, _ := exampleBook(t)
	r := rand.New(rand.NewPCG(23, 6))
	rounds := 40
	if testing.Short() {
		rounds = 12
	}
	streamed := false
	told := map[string]bool{}
	for round := range rounds {
		n := []int{3, 16, 17, 40, 150}[round%5]
		b := randomBook(r, ex.Forms, n, false)
		var js bytes.Buffer
		require.NoError(t, EncodeJSON(&js, b))
		for _, p := range checkedSameAsValidate(t, fmt.Sprintf("round %d", round), js.Bytes()) {
			told[p.Code] = true
		}
		// The year after the forms, and a form's own year against it.
		year := []int{2024, 2023, 24}[round%3]
		late := lateYear(t, b, year)
		for _, p := range checkedSameAsValidate(t, fmt.Sprintf("round %d, year %d last", round, year), late) {
			told[p.Code] = true
		}
		// Broken in form n/2 or in the last form: a decode error after
		// batches were handed over, or before any was.
		for _, at := range []int{n / 2, n - 1} {
			bad := breakJSONForm(t, js.Bytes(), at)
			checkedSameAsValidate(t, fmt.Sprintf("round %d, form %d broken", round, at), bad)
		}
		if n > checkBatch {
			c := &streamCheck{}
			_, _, err := decodeReader(bytes.NewReader(js.Bytes()), "book.json", FormatAuto, c)
			require.NoError(t, err)
			streamed = streamed || c.batches != nil
			c.stop()
		}
	}
	require.True(t, streamed, "no book was checked while read")
	for _, code := range []string{CodeFormYearDiffers, CodeYearImplausible, CodeRequiredMissing, CodeLevel3Duplicate} {
		require.True(t, told[code], "no book had a %s", code)
	}
}

// lateYear is the JSON of b, whose own year is dropped, with "year" as
// its last key.
func lateYear(t *testing.T, b *Book, year int) []byte {
	t.Helper()
	c := *b
	c.Year = 0
	var js bytes.Buffer
	require.NoError(t, EncodeJSON(&js, &c))
	data := bytes.TrimRight(js.Bytes(), "\n")
	require.True(t, bytes.HasSuffix(data, []byte("}")))
	return append(data[:len(data)-1], []byte(`, "year": `+strconv.Itoa(year)+"}\n")...)
}

// breakJSONForm makes form i of a book's JSON (as EncodeJSON writes it)
// a syntax error: a comma before its project's value.
func breakJSONForm(t *testing.T, data []byte, i int) []byte {
	t.Helper()
	key := []byte(`"project": `)
	at := 0
	for k := 0; k <= i; k++ {
		j := bytes.Index(data[at:], key)
		require.GreaterOrEqual(t, j, 0, "form %d has no project", k)
		at += j + len(key)
	}
	return slices.Concat(data[:at], []byte(","), data[at:])
}
