package golden

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Tolerance says how far two images may differ and still be the same
// picture. The images are compared in grey (0 black … 255 white). A pixel
// of either image is out of tolerance when it is darker by more than Pixel
// than every pixel of the other image within Shift pixels of it (across,
// down or diagonally): ink that the other image lacks nearby. Shift 1
// forgives two rasterisers rounding an edge to neighbouring pixels, while
// text or a rule moved by two pixels or more, missing or added, is still
// found; Pixel forgives the grey of antialiased edges.
type Tolerance struct {
	Shift int     // pixels an edge may move
	Pixel int     // difference of grey that does not count
	Max   float64 // largest fraction of the pixels that may be out of tolerance
	// Cluster is the largest group of touching pixels out of tolerance
	// that is allowed (0: any). Two rasterisers disagree at pixels here
	// and there; a character missing or moved is a group of them.
	Cluster int
}

// ImageDiff is what CompareImages found.
type ImageDiff struct {
	Width, Height int     // of the images
	Added         int     // pixels where got has ink that want lacks nearby
	Missing       int     // pixels where want has ink that got lacks nearby
	MaxDelta      int     // largest difference of grey at one pixel, shifts forgiven
	MeanDelta     float64 // mean difference of grey at the same pixel
	Cluster       int     // pixels of the largest group of touching pixels out of tolerance
	SizeMismatch  bool    // the images differ in size (nothing else was compared)
	tol           Tolerance
	gotSize       image.Point
}

// Over returns the number of pixels out of tolerance.
func (d ImageDiff) Over() int { return d.Added + d.Missing }

// OK reports whether the difference is within the tolerance.
func (d ImageDiff) OK() bool {
	return !d.SizeMismatch && float64(d.Over()) <= d.tol.Max*float64(d.Width*d.Height) &&
		(d.tol.Cluster == 0 || d.Cluster <= d.tol.Cluster)
}

// String gives the numbers, with the thresholds they were held to.
func (d ImageDiff) String() string {
	if d.SizeMismatch {
		return fmt.Sprintf("sizes differ: want %d × %d, got %d × %d", d.Width, d.Height, d.gotSize.X, d.gotSize.Y)
	}
	n := d.Width * d.Height
	cluster := "any"
	if d.tol.Cluster > 0 {
		cluster = fmt.Sprint(d.tol.Cluster)
	}
	return fmt.Sprintf("%d × %d pixels: %d (%.4f%%) out of tolerance (%d with ink added, %d with ink missing; allowed %.4f%%, %d pixels), "+
		"the largest group of them %d pixels (allowed %s); tolerance %d levels of grey and %d pixel(s) of shift; largest difference %d, mean difference %.3f",
		d.Width, d.Height, d.Over(), 100*float64(d.Over())/float64(max(n, 1)), d.Added, d.Missing, 100*d.tol.Max, int(d.tol.Max*float64(n)),
		d.Cluster, cluster, d.tol.Pixel, d.tol.Shift, d.MaxDelta, d.MeanDelta)
}

// CompareImages compares got with want under tol.
func CompareImages(want, got image.Image, tol Tolerance) ImageDiff {
	d, _ := compareImages(want, got, tol, false)
	return d
}

// DiffImage returns an image of the differences of got from want under tol
// (nil when the sizes differ): got, faded, with the pixels out of tolerance
// in red where got has ink that want lacks and in blue where want has ink
// that got lacks.
func DiffImage(want, got image.Image, tol Tolerance) image.Image {
	_, img := compareImages(want, got, tol, true)
	if img == nil {
		return nil
	}
	return img
}

func compareImages(want, got image.Image, tol Tolerance, draw bool) (ImageDiff, *image.RGBA) {
	w, g := Gray(want), Gray(got)
	d := ImageDiff{Width: w.Rect.Dx(), Height: w.Rect.Dy(), tol: tol, gotSize: g.Rect.Size()}
	if w.Rect.Size() != g.Rect.Size() {
		d.SizeMismatch = true
		return d, nil
	}
	wd, gd := darkest(w, tol.Shift), darkest(g, tol.Shift)
	var out *image.RGBA
	if draw {
		out = image.NewRGBA(image.Rect(0, 0, d.Width, d.Height))
	}
	over := make([]bool, d.Width*d.Height)
	var sum int64
	for y := range d.Height {
		for x := range d.Width {
			wv, gv := int(w.Pix[y*w.Stride+x]), int(g.Pix[y*g.Stride+x])
			sum += int64(max(wv-gv, gv-wv))
			added := int(wd[y*d.Width+x]) - gv   // got darker than all of want nearby
			missing := int(gd[y*d.Width+x]) - wv // want darker than all of got nearby
			d.MaxDelta = max(d.MaxDelta, added, missing)
			faded := uint8(255 - (255-gv)/4)
			c := color.RGBA{faded, faded, faded, 255}
			switch {
			case added > tol.Pixel:
				d.Added++
				over[y*d.Width+x] = true
				c = color.RGBA{230, 0, 0, 255}
			case missing > tol.Pixel:
				d.Missing++
				over[y*d.Width+x] = true
				c = color.RGBA{0, 60, 230, 255}
			}
			if out != nil {
				out.SetRGBA(x, y, c)
			}
		}
	}
	if n := d.Width * d.Height; n > 0 {
		d.MeanDelta = float64(sum) / float64(n)
	}
	d.Cluster = largestCluster(over, d.Width, d.Height)
	return d, out
}

// largestCluster returns the size of the largest group of set pixels that
// touch (across, down or diagonally).
func largestCluster(set []bool, w, h int) int {
	seen := make([]bool, len(set))
	var stack []int
	best := 0
	for i, on := range set {
		if !on || seen[i] {
			continue
		}
		n := 0
		seen[i] = true
		stack = append(stack[:0], i)
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n++
			x, y := p%w, p/w
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					if q := ny*w + nx; set[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
		best = max(best, n)
	}
	return best
}

// darkest returns, for every pixel of g, the darkest grey within r pixels
// of it (a square window), row by row.
func darkest(g *image.Gray, r int) []uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	rows := make([]uint8, w*h)
	for y := range h {
		src := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range w {
			m := uint8(255)
			for i := max(x-r, 0); i <= min(x+r, w-1); i++ {
				m = min(m, src[i])
			}
			rows[y*w+x] = m
		}
	}
	out := make([]uint8, w*h)
	for y := range h {
		for x := range w {
			m := uint8(255)
			for j := max(y-r, 0); j <= min(y+r, h-1); j++ {
				m = min(m, rows[j*w+x])
			}
			out[y*w+x] = m
		}
	}
	return out
}

// Gray returns img in grey: img itself when it is *image.Gray.
func Gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	r := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g.Pix[(y-r.Min.Y)*g.Stride+x-r.Min.X] = color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
		}
	}
	return g
}

// AssertImage compares got with the golden PNG called name (a
// slash-separated path below golden/testdata) under tol. With -update it
// writes got instead. On a mismatch it prints the numbers, writes got to
// name.actual.png and the differences to name.diff.png beside the golden,
// and fails the test.
func AssertImage(t testing.TB, name string, got image.Image, tol Tolerance) {
	t.Helper()
	assertImageIn(t, Dir(), name, got, tol)
}

func assertImageIn(t testing.TB, dir, name string, got image.Image, tol Tolerance) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	actual, diffPath := trimPNG(path)+".actual.png", trimPNG(path)+".diff.png"
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writePNG(path, got); err != nil {
			t.Fatal(err)
		}
		_ = os.Remove(actual)
		_ = os.Remove(diffPath)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test with -update to create it)", name, err)
	}
	want, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatalf("golden %s: %v", name, err)
	}
	d := CompareImages(want, got, tol)
	if d.OK() {
		_ = os.Remove(actual)
		_ = os.Remove(diffPath)
		return
	}
	t.Errorf("golden %s differs: %s", name, d)
	if err := writePNG(actual, got); err != nil {
		t.Fatal(err)
	}
	msg := "wrote " + actual
	if diff := DiffImage(want, got, tol); diff != nil {
		if err := writePNG(diffPath, diff); err != nil {
			t.Fatal(err)
		}
		msg += " and " + diffPath + " (red: ink the golden lacks, blue: ink of the golden missing)"
	}
	t.Logf("%s; look at them, and run with -update if the change is right", msg)
}

// AssertSameImage compares two images that should show the same picture
// (a PDF page rasterised by another program and its preview) under tol. On
// a mismatch it prints the numbers, writes both images and the differences
// beside the golden files, as name.WANT.actual.png, name.GOT.actual.png and
// name.diff.png (name a slash-separated path below golden/testdata, WANT and
// GOT the labels given), and fails the test. On a match it removes those
// files if an earlier run left them.
func AssertSameImage(t testing.TB, name, wantLabel, gotLabel string, want, got image.Image, tol Tolerance) ImageDiff {
	t.Helper()
	return assertSameIn(t, Dir(), name, wantLabel, gotLabel, want, got, tol)
}

func assertSameIn(t testing.TB, dir, name, wantLabel, gotLabel string, want, got image.Image, tol Tolerance) ImageDiff {
	t.Helper()
	base := trimPNG(filepath.Join(dir, filepath.FromSlash(name)))
	files := []struct {
		path string
		img  image.Image
	}{{base + "." + wantLabel + ".actual.png", want}, {base + "." + gotLabel + ".actual.png", got}, {base + ".diff.png", nil}}
	d := CompareImages(want, got, tol)
	if d.OK() {
		for _, f := range files {
			_ = os.Remove(f.path)
		}
		return d
	}
	t.Errorf("%s: %s and %s differ: %s", name, wantLabel, gotLabel, d)
	if diff := DiffImage(want, got, tol); diff != nil {
		files[2].img = diff
	}
	var written []string
	for _, f := range files {
		if f.img == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writePNG(f.path, f.img); err != nil {
			t.Fatal(err)
		}
		written = append(written, f.path)
	}
	t.Logf("wrote %v (in the diff, red: ink %s has and %s lacks, blue: the reverse)", written, gotLabel, wantLabel)
	return d
}

func trimPNG(path string) string {
	if filepath.Ext(path) == ".png" {
		return path[:len(path)-len(".png")]
	}
	return path
}

func writePNG(path string, img image.Image) error {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}
