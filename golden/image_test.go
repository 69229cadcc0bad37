package golden

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// page returns a white w × h image with black horizontal bars: each bar
// [y0, y1) from x0 to x1.
func page(w, h int, bars ...[4]int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for _, b := range bars {
		for y := b[2]; y < b[3]; y++ {
			for x := b[0]; x < b[1]; x++ {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	return g
}

func TestCompareImages(t *testing.T) {
	rule := [4]int{10, 90, 20, 21}
	base := page(100, 60, rule, [4]int{40, 50, 40, 48})
	exact := Tolerance{Pixel: 16}
	shifted := Tolerance{Shift: 1, Pixel: 16}
	tests := []struct {
		name           string
		got            *image.Gray
		tol            Tolerance
		ok             bool
		added, missing int
		cluster        int
	}{
		{"same", page(100, 60, rule, [4]int{40, 50, 40, 48}), exact, true, 0, 0, 0},
		{"rule one pixel down, no shift allowed", page(100, 60, [4]int{10, 90, 21, 22}, [4]int{40, 50, 40, 48}), exact, false, 80, 80, 160},
		{"rule one pixel down, shift 1", page(100, 60, [4]int{10, 90, 21, 22}, [4]int{40, 50, 40, 48}), shifted, true, 0, 0, 0},
		{"rule three pixels down", page(100, 60, [4]int{10, 90, 23, 24}, [4]int{40, 50, 40, 48}), shifted, false, 80, 80, 80},
		{"block missing", page(100, 60, rule), shifted, false, 0, 80, 80},
		{"block added", page(100, 60, rule, [4]int{40, 50, 40, 48}, [4]int{60, 62, 50, 52}), shifted, false, 4, 0, 4},
		{"block added, within the limits", page(100, 60, rule, [4]int{40, 50, 40, 48}, [4]int{60, 62, 50, 52}), Tolerance{Shift: 1, Pixel: 16, Max: 0.001, Cluster: 4}, true, 4, 0, 4},
		{"block added, cluster over the limit", page(100, 60, rule, [4]int{40, 50, 40, 48}, [4]int{60, 62, 50, 52}), Tolerance{Shift: 1, Pixel: 16, Max: 0.001, Cluster: 3}, false, 4, 0, 4},
	}
	for _, tc := range tests {
		d, diff := CompareImages(base, tc.got, tc.tol), DiffImage(base, tc.got, tc.tol)
		if d.OK() != tc.ok || d.Added != tc.added || d.Missing != tc.missing || d.Cluster != tc.cluster {
			t.Errorf("%s: ok %v, added %d, missing %d, cluster %d; want %v, %d, %d, %d (%s)", tc.name, d.OK(), d.Added, d.Missing, d.Cluster, tc.ok, tc.added, tc.missing, tc.cluster, d)
		}
		if diff == nil || diff.Bounds() != base.Bounds() {
			t.Errorf("%s: diff image %v", tc.name, diff)
		}
	}
	// Grey within the tolerance does not count.
	light := page(100, 60, rule, [4]int{40, 50, 40, 48})
	for i := range light.Pix {
		if light.Pix[i] == 0 {
			light.Pix[i] = 12
		}
	}
	if d := CompareImages(base, light, exact); !d.OK() || d.MaxDelta != 12 {
		t.Errorf("grey 12 against black: %s", d)
	}
	d, diff := CompareImages(base, page(100, 61), exact), DiffImage(base, page(100, 61), exact)
	if d.OK() || !d.SizeMismatch || diff != nil {
		t.Errorf("different sizes: %s", d)
	}
}

func TestAssertImage(t *testing.T) {
	if *Update {
		t.Skip("comparison test; nothing to update")
	}
	dir := t.TempDir()
	name := "selftest/page.png"
	want := page(40, 30, [4]int{5, 35, 10, 11})
	if err := os.MkdirAll(filepath.Join(dir, "selftest"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writePNG(filepath.Join(dir, name), want); err != nil {
		t.Fatal(err)
	}
	tol := Tolerance{Pixel: 16}
	ft := &fakeT{}
	assertImageIn(ft, dir, name, page(40, 30, [4]int{5, 35, 14, 15}), tol)
	if !ft.failed {
		t.Fatal("AssertImage accepted a moved rule")
	}
	for _, f := range []string{"selftest/page.actual.png", "selftest/page.diff.png"} {
		r, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil || img.Bounds() != want.Bounds() {
			t.Fatalf("%s: %v", f, err)
		}
	}
	ft = &fakeT{}
	assertImageIn(ft, dir, name, want, tol)
	if ft.failed {
		t.Fatal("AssertImage rejected the same image")
	}
	if _, err := os.Stat(filepath.Join(dir, "selftest/page.diff.png")); !os.IsNotExist(err) {
		t.Fatal("a match must remove the stale diff image")
	}

	ft = &fakeT{}
	assertSameIn(ft, dir, "selftest/same.png", "pdftoppm", "preview", want, page(40, 30), tol)
	if !ft.failed {
		t.Fatal("AssertSameImage accepted a missing rule")
	}
	for _, f := range []string{"selftest/same.pdftoppm.actual.png", "selftest/same.preview.actual.png", "selftest/same.diff.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	ft = &fakeT{}
	assertSameIn(ft, dir, "selftest/same.png", "pdftoppm", "preview", want, want, tol)
	if ft.failed {
		t.Fatal("AssertSameImage rejected the same image")
	}
	if _, err := os.Stat(filepath.Join(dir, "selftest/same.diff.png")); !os.IsNotExist(err) {
		t.Fatal("a match must remove the stale images")
	}
}
