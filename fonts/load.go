package fonts

import (
	"encoding/binary"
	"fmt"
	"io"
	"jixiao/msg"
	"os"
	"strconv"
	"strings"
)

// Load reads a TrueType font from disk. spec is a path to a .ttf file, or to
// a TrueType collection with the face after '#' ("simsun.ttc#1"); a
// collection without a face number gives face 0. A collection's face is
// rebuilt as a standalone TrueType file (tables copied out, 4-byte aligned,
// checksums recomputed), which also mends collections whose tables are not
// aligned. Fonts with CFF outlines (.otf, the Noto CJK .ttc) are refused
// with ErrPostScript. Errors name the file.
func Load(spec string) (*Font, error) {
	path, face, explicit := splitSpec(spec)
	data, err := readFontFile(path)
	if err != nil && explicit {
		// A file whose own name ends in "#N".
		if whole, err2 := readFontFile(spec); err2 == nil {
			data, err, face, explicit = whole, nil, 0, false
		}
	}
	if err != nil {
		// "simsun.ttc#-1", "simsun.ttc#99999999999999999999": the file
		// exists, the face number is what is wrong.
		if i := strings.LastIndexByte(spec, '#'); i >= 0 && !explicit && looksNumeric(spec[i+1:]) {
			if st, err2 := os.Stat(spec[:i]); err2 == nil && st.Mode().IsRegular() {
				return nil, msg.New(msg.BadFaceNumber, spec[:i], spec[i:])
			}
		}
		return nil, fmt.Errorf("fonts: %w", err)
	}
	f, err := fromFile(data, face, explicit)
	if err != nil {
		return nil, fileFault(spec, err)
	}
	// What sfnt does not read at load (the loca entries) would stop the
	// first PDF, after the forms are laid out, or every request of the
	// web server: the index the subsets are cut from is built now (it is
	// built once either way).
	if _, err := f.index(); err != nil {
		return nil, fileFault(spec, err)
	}
	// Faults found later, while a subset is cut, name the file too.
	f.file = spec
	return f, nil
}

// MaxFileSize bounds a font file (the largest CJK collections are about
// 60 MB); a larger one is refused before it is read.
const MaxFileSize = 256 << 20

// readFontFile reads a regular file of at most MaxFileSize bytes: a device
// or a pipe would be read without end.
func readFontFile(path string) ([]byte, error) {
	// Stat before opening: opening a named pipe waits for a writer.
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, msg.New(msg.FontNotRegular, path)
	}
	if st.Size() > MaxFileSize {
		return nil, msg.New(msg.FontTooLarge, path, int(st.Size()), MaxFileSize>>20)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		err = msg.New(msg.FontGrew, path, MaxFileSize>>20)
	}
	return data, err
}

// splitSpec splits "path#N" into the path and face N. A '#' not followed by
// digits only is part of the path.
func splitSpec(spec string) (path string, face int, explicit bool) {
	i := strings.LastIndexByte(spec, '#')
	if i < 0 || i == len(spec)-1 {
		return spec, 0, false
	}
	n, err := strconv.Atoi(spec[i+1:])
	if err != nil || n < 0 || strings.ContainsAny(spec[i+1:], "+-") {
		return spec, 0, false
	}
	return spec[:i], n, true
}

// looksNumeric reports whether s is meant as a number: an optional sign
// and digits only.
func looksNumeric(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// fromFile makes a Font from the bytes of a font file: face of a collection,
// or the single font (face must then be 0).
func fromFile(data []byte, face int, explicit bool) (*Font, error) {
	if len(data) < 4 {
		return nil, msg.New(msg.FontTooShort)
	}
	switch sig := binary.BigEndian.Uint32(data); sig {
	case sigTTC:
		offs, err := collectionFaces(data)
		if err != nil {
			return nil, err
		}
		if face >= len(offs) {
			return nil, msg.New(msg.FontFaceRange, face, len(offs), len(offs)-1)
		}
		d, err := readDirectory(data, offs[face])
		if err != nil {
			return nil, msg.Wrap(err, msg.FontFace, face, err)
		}
		if err := checkOutlines(d); err != nil {
			return nil, err
		}
		// Copying out the face lets the collection's bytes be freed and
		// gives the PDF writer the single font it expects.
		return parse(build(d.version, d.tables))
	case sigTrueType, sigApple:
		if explicit && face != 0 {
			return nil, msg.New(msg.FontNotCollected, face)
		}
		d, err := readDirectory(data, 0)
		if err != nil {
			return nil, err
		}
		if err := checkOutlines(d); err != nil {
			return nil, err
		}
		if !d.canonical {
			data = build(d.version, d.tables)
		}
		return parse(data)
	case sigOTTO:
		return nil, ErrPostScript
	case sigWOFF, sigWOFF2:
		return nil, msg.New(msg.FontWOFF)
	default:
		return nil, msg.New(msg.FontNotTrueType, fmt.Sprintf("%q", data[:4]))
	}
}
