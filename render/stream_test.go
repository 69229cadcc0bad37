package render

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"jixiao/layout"
)

func frameOf(d *layout.Document) layout.Frame {
	return layout.Frame{Pages: len(d.Pages), Outline: d.Outline, Labels: d.Labels, Meta: d.Meta}
}

// TestWritePagesEqualsWrite: a document drawn from a page sequence is the
// document drawn whole, byte for byte.
func TestWritePagesEqualsWrite(t *testing.T) {
	fs := defaultSet(t)
	want, err := Bytes(sample(), fs, Options{Creator: "x"})
	if err != nil {
		t.Fatal(err)
	}
	d := sample()
	reads := 0
	seq := func(yield func(int, *layout.Page) error) error {
		reads++
		// Fresh copies each time, as a streaming layout makes them.
		for i, p := range sample().Pages {
			if err := yield(i, p); err != nil {
				return err
			}
		}
		return nil
	}
	var got bytes.Buffer
	if err := WritePages(&got, frameOf(d), seq, fs, Options{Creator: "x"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("WritePages and Bytes differ")
	}
	if reads != 1 {
		t.Errorf("pages read %d times, want 1", reads)
	}
}

// TestWritePagesErrors: a failing sequence, a wrong page count, pages out
// of order and a bad page after good ones are errors, and nothing is
// written.
func TestWritePagesErrors(t *testing.T) {
	fs := defaultSet(t)
	stop := errors.New("stop")
	cases := map[string]struct {
		n   int
		seq func(read int, yield func(int, *layout.Page) error) error
		is  error
	}{
		"sequence error": {2, func(read int, yield func(int, *layout.Page) error) error {
			if err := yield(0, sample().Pages[0]); err != nil {
				return err
			}
			return stop
		}, stop},
		"fewer pages": {3, func(read int, yield func(int, *layout.Page) error) error {
			for i, p := range sample().Pages {
				if err := yield(i, p); err != nil {
					return err
				}
			}
			return nil
		}, nil},
		"more pages": {1, func(read int, yield func(int, *layout.Page) error) error {
			for i, p := range sample().Pages {
				p.Items = p.Items[:1] // no link to a page that is not counted
				if err := yield(i, p); err != nil {
					return err
				}
			}
			return nil
		}, nil},
		"bad page late": {2, func(read int, yield func(int, *layout.Page) error) error {
			for i, p := range sample().Pages {
				if i == 1 {
					p.Items[3].Text = "\xff"
				}
				if err := yield(i, p); err != nil {
					return err
				}
			}
			return nil
		}, nil},
		"index out of order": {2, func(read int, yield func(int, *layout.Page) error) error {
			return yield(1, sample().Pages[1])
		}, nil},
	}
	for name, c := range cases {
		read := 0
		seq := func(yield func(int, *layout.Page) error) error {
			read++
			return c.seq(read, yield)
		}
		fr := frameOf(sample())
		fr.Pages = c.n
		var out bytes.Buffer
		err := WritePages(&out, fr, seq, fs, Options{})
		switch {
		case err == nil:
			t.Errorf("%s: no error", name)
		case c.is != nil && !errors.Is(err, c.is):
			t.Errorf("%s: error %v is not %v", name, err, c.is)
		case c.is == nil && !strings.HasPrefix(err.Error(), "render: "):
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
		if out.Len() > 0 {
			t.Errorf("%s: %d bytes written despite the error", name, out.Len())
		}
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteError: an error of the writer comes back, wrapped.
func TestWriteError(t *testing.T) {
	for _, n := range []int{0, 100, 5000} {
		err := Write(&failWriter{n: n}, sample(), defaultSet(t), Options{})
		if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.HasPrefix(err.Error(), "render: ") {
			t.Errorf("after %d bytes: err = %v", n, err)
		}
	}
}

// TestStreamsCompressed: no stream of the output is left uncompressed, and
// the page contents decompress to content.go's operators.
func TestStreamsCompressed(t *testing.T) {
	b, err := Bytes(sample(), defaultSet(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("stream\n")) - bytes.Count(b, []byte("endstream\n")); n <= 0 {
		t.Fatalf("%d streams", n)
	}
	if m := regexp.MustCompile(`<</Length \d+>>\nstream\n`).Find(b); m != nil {
		t.Errorf("an uncompressed stream is left: %q", m)
	}
	// All but the XMP metadata, which PDF/A-1 wants unfiltered.
	if n := bytes.Count(b, []byte("/Filter /FlateDecode")); n+1 != bytes.Count(b, []byte("endstream\n")) || bytes.Count(b, []byte("/Type /Metadata /Subtype /XML /Length")) != 1 {
		t.Errorf("%d compressed streams, %d streams", n, bytes.Count(b, []byte("endstream\n")))
	}
	if c := pageContent(t, b, 2); !strings.Contains(c, " l S") || !strings.Contains(c, " re f") {
		t.Errorf("page 2 content:\n%s", c)
	}
}
