package preview

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"sync"
)

// encoder writes PNGs, its compressor buffers shared between calls and
// goroutines. Pages are mostly white paper: the fastest compression costs
// little in size.
var encoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &bufferPool{}}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() *png.EncoderBuffer {
	e, _ := b.p.Get().(*png.EncoderBuffer)
	return e
}

func (b *bufferPool) Put(e *png.EncoderBuffer) { b.p.Put(e) }

// grays is the palette whose colour i is grey i, made at the first PNG.
var grays = sync.OnceValue(func() color.Palette {
	p := make(color.Palette, 256)
	for i := range p {
		p[i] = color.Gray{Y: uint8(i)}
	}
	return p
})

// EncodePNG writes img to w as a PNG. It is safe for concurrent use.
//
// A grey image (what Draw makes) is written as an 8-bit image with a
// palette of the 256 greys, the same pixels: Go's encoder tries five row
// filters on every row of a grey image, which takes longer than drawing
// the page, and a palette image is not filtered; at the fastest
// compression the file is smaller too (163 kB rather than 173 kB for an
// A4 page at 100 dpi).
func EncodePNG(w io.Writer, img image.Image) error {
	if g, ok := img.(*image.Gray); ok {
		img = &image.Paletted{Pix: g.Pix, Stride: g.Stride, Rect: g.Rect, Palette: grays()}
	}
	return encoder.Encode(w, img)
}
