package fonts

import (
	"testing"
)

// FuzzFromFile: no input makes the loader panic, and whatever it accepts
// is a clean single font it can load again to the same widths.
func FuzzFromFile(f *testing.F) {
	one := smallFont().ttf()
	two := second().ttf()
	f.Add(one, 0)
	f.Add(makeTTC([][]byte{one, two}, false), 1)
	f.Add(makeTTC([][]byte{one, two}, true), 0)
	f.Add([]byte("OTTO\x00\x01"), 0)
	f.Fuzz(func(t *testing.T, data []byte, face int) {
		if face < 0 || face > 4 {
			return
		}
		font, err := fromFile(data, face, true)
		if err != nil {
			return
		}
		again, err := fromFile(font.Bytes(), 0, false)
		if err != nil {
			t.Fatalf("accepted font does not load again: %v", err)
		}
		if !equalAdv(font.adv, again.adv) {
			t.Fatal("widths changed on reload")
		}
	})
}
