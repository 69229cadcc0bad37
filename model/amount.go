package model

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// maxDecimals is the number of decimal places an amount may have: 万元 to
// the fen (0.000001 万元 = 0.01 元).
const maxDecimals = 6

// Parse returns the amount as an exact rational and the number of decimal
// places written. Accepted: digits with an optional point and up to six
// decimals ("4012.8", "250", "0.05"); no sign, no exponent, no thousands
// separators.
func (a Amount) Parse() (*big.Rat, int, error) {
	_, frac, err := a.split()
	if err != nil {
		return nil, 0, err
	}
	r, ok := new(big.Rat).SetString(string(a))
	if !ok {
		return nil, 0, &amountError{CodeAmountMalformed, []string{string(a)}}
	}
	return r, len(frac), nil
}

// split checks the amount as Parse does and returns its digits before and
// after the point.
func (a Amount) split() (intPart, frac string, err error) {
	s := string(a)
	if s == "" {
		return "", "", &amountError{CodeRequiredMissing, nil}
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || !allDigits(intPart) || (hasPoint && (frac == "" || !allDigits(frac))) {
		return "", "", &amountError{CodeAmountMalformed, []string{s}}
	}
	if len(frac) > maxDecimals {
		return "", "", &amountError{CodeAmountDecimals, []string{s, strconv.Itoa(len(frac))}}
	}
	if len(intPart) > 15 {
		return "", "", &amountError{CodeAmountTooLarge, []string{s}}
	}
	return intPart, frac, nil
}

// Written is the amount as Sum of it alone writes it: the same number,
// without leading zeros, with its decimals and at least two (4012.8 →
// 4012.80, 007 → 7.00), made from its digits. ok is false when the
// amount does not parse.
func (a Amount) Written() (w Amount, ok bool) {
	intPart, frac, err := a.split()
	if err != nil {
		return "", false
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if len(frac) >= 2 && len(intPart) == len(a)-len(frac)-1 {
		return a, true // as written: nothing to change, nothing to make
	}
	b := make([]byte, 0, len(intPart)+1+max(len(frac), 2))
	b = append(append(append(b, intPart...), '.'), frac...)
	for i := len(frac); i < 2; i++ {
		b = append(b, '0')
	}
	return Amount(b), true
}

// amountError is why an amount does not parse, as a problem code with the
// user's values; its text is the message catalogue's (the validator
// reports it as a problem).
type amountError struct {
	code string
	args []string
}

func (e *amountError) Error() string { return fmt.Sprintf("model: amount: %s %q", e.code, e.args) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Sum adds amounts exactly and formats the result with as many decimals as
// the most precise addend (at least 2, as money is written to the cent).
// Amounts that do not parse are an error naming the first of them.
func Sum(amounts []Amount) (Amount, error) {
	total := new(big.Rat)
	decimals := 2
	for _, a := range amounts {
		r, d, err := a.Parse()
		if err != nil {
			return "", err
		}
		total.Add(total, r)
		decimals = max(decimals, d)
	}
	return Amount(total.FloatString(decimals)), nil
}
