package fonts

import (
	"errors"
	"fmt"

	"jixiao/msg"
)

// What is wrong with a font is told through the message catalogue (package
// msg, fonts.go there): each fault a font file can have is a code with its
// values, in English as the checks always said it and in Chinese in full.
// The few errors that no font file can cause (a caller's mistake, a state
// the checks at load rule out) stay plain errors.

// libFault is err, a fault the font library (x/image/font/sfnt) found, as a
// message: in English c's text and then the library's own words (for
// whoever looks into the font), in other languages c's text alone.
func libFault(err error, c msg.Code, args ...any) error {
	return &msg.Detail{Code: c, Args: args, English: msg.English.Text(c, args...) + ": " + err.Error(), Err: err}
}

// fileFault is err, a fault of the font file spec (a path, "#N" for a face
// of a collection), as the message that names the file. An error without a
// message of its own is told as a damaged font, its English kept.
func fileFault(spec string, err error) error {
	var loc msg.Localized
	if !errors.As(err, &loc) {
		err = &msg.Detail{Code: msg.FontDamaged, English: err.Error(), Err: err}
	}
	return fmt.Errorf("fonts: %w", msg.Wrap(err, msg.FontFile, spec, err))
}

// fault is err, met while using f (cutting a subset, reading an outline):
// a font read from a file is named by its file, as Load names it; an
// embedded one, which the tests read whole, by its name; nil (a Use
// without its Font) by nothing.
func (f *Font) fault(err error) error {
	if f == nil {
		return fmt.Errorf("fonts: %w", err)
	}
	if f.file != "" {
		return fileFault(f.file, err)
	}
	return fmt.Errorf("fonts: %s: %w", f.name, err)
}

// label names f in a message: its file when it was read from one, else its
// name (the embedded fonts); "?" for nil (a Use without its Font, which
// no backend makes), so that a message never has an empty name.
func (f *Font) label() string {
	switch {
	case f == nil:
		return "?"
	case f.file != "":
		return f.file
	}
	return f.name
}
