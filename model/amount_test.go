package model

import "testing"

// Written writes an amount as Sum of it alone does, for amounts of every
// shape and for those that do not parse.
func TestAmountWritten(t *testing.T) {
	for _, a := range []Amount{"4012.8", "250", "0.05", "0", "00", "007", "007.5", "0.123456", "1.10", "10.00",
		"123456789012345", "0000123.400", "", ".5", "5.", "1e3", "-1", "1.1234567", "1234567890123456", "1,000", " 1"} {
		w, ok := a.Written()
		s, err := Sum([]Amount{a})
		if ok != (err == nil) || (ok && w != s) {
			t.Errorf("%q: Written %q, %v; Sum %q, %v", a, w, ok, s, err)
		}
	}
}
