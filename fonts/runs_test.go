package fonts

import (
	"errors"
	"slices"
	"testing"

	"jixiao/role"
)

func TestSplitPositions(t *testing.T) {
	set, err := DefaultSet()
	if err != nil {
		t.Fatal(err)
	}
	sp := Splitter{Set: set, AllowMissing: true}
	// A zero-width space ends a run; U+E000 (Private Use) is in no font:
	// a box run; 𡐓 (U+21413) is in Noto Serif SC.
	const text = "项A\u200B𡐓\uE000b"
	const size, spacing = 10500, 30
	runs, err := sp.Split(role.Body, text, size, spacing)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, r := range runs {
		texts = append(texts, r.Text)
	}
	if want := []string{"项A", "𡐓", "\uE000", "b"}; !slices.Equal(texts, want) {
		t.Fatalf("runs %q, want %q", texts, want)
	}
	// Positions by the rule of layout.Item.Spacing, computed here rune by rune.
	var want []int64
	var em, k int64
	for _, r := range text {
		if !Ignorable(r) {
			want = append(want, (em*size+500)/1000+k*spacing)
		}
		em += int64(set.Advance(role.Body, r))
		k++
	}
	var got []int64
	for _, r := range runs {
		got = append(got, r.Pos...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
	if runs[2].Face != nil || !slices.Equal(runs[2].Box, []int64{(int64(BoxWidth(0xE000))*size + 500) / 1000}) {
		t.Errorf("box run %+v", runs[2])
	}
	if runs[0].Face != set.Body || runs[0].Box != nil {
		t.Errorf("first run %+v", runs[0])
	}

	sp.AllowMissing = false
	var nf *NoFaceError
	if _, err := sp.Split(role.Body, text, size, spacing); !errors.As(err, &nf) || nf.Rune != 0xE000 {
		t.Errorf("without AllowMissing: %v", err)
	}
	var bad *InvalidTextError
	if _, err := sp.Split(role.Body, "a\xffb", size, 0); !errors.As(err, &bad) {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if runs, err := sp.Split(role.Body, "", size, 0); err != nil || len(runs) != 0 {
		t.Errorf("empty text: %v %v", runs, err)
	}
}
