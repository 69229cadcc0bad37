package errlist

import (
	"errors"
	"fmt"
	"testing"
)

func TestLeaves(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	wrapped := fmt.Errorf("ctx: %w", c)
	got := Leaves(errors.Join(a, errors.Join(b, nil), wrapped))
	if len(got) != 3 || got[0] != a || got[1] != b || got[2] != wrapped {
		t.Fatalf("Leaves = %v, want [a b ctx: c]", got)
	}
	if got := Leaves(a); len(got) != 1 || got[0] != a {
		t.Fatalf("Leaves(a) = %v", got)
	}
	if got := Leaves(nil); got != nil {
		t.Fatalf("Leaves(nil) = %v", got)
	}
}
