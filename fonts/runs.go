package fonts

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"jixiao/role"
)

// A drawer of laid-out text (the PDF and OFD backends) needs the same two
// things of every text item: which face draws each character, and where
// each character starts. Both follow from the widths layout measured with,
// so they are computed here once, from the Set, for every backend.

// Run is a piece of one line of text drawn with one face.
type Run struct {
	// Face draws the run; nil for characters no font of the set draws
	// (drawn as boxes, see Splitter.AllowMissing).
	Face *Font
	// Text is a slice of the line's text. Invisible format characters
	// (Ignorable) end a run and belong to none.
	Text string
	// Pos holds where each rune of Text starts, relative to the line's
	// start, in the units of the size given to Split: the k-th rune of the
	// line (0-based, counting every rune) starts at
	// round(advances before it × size / 1000) + k × spacing.
	// Pos[0] is where the run starts.
	Pos []int64
	// Box holds, for a run without a face, the width of the box drawn for
	// each rune: round(BoxWidth × size / 1000). Nil for runs with a face.
	Box []int64
}

// Splitter splits lines of text into runs by the face that draws each
// rune. Its buffers are reused from line to line: it is not safe for
// concurrent use (use one per goroutine; the Set is shared).
type Splitter struct {
	Set *Set
	// AllowMissing makes a rune no font draws a run with a nil Face;
	// without it Split fails with a *NoFaceError.
	AllowMissing bool

	runs  []Run
	spans []runSpan // parallel to runs
	pos   []int64
	box   []int64
}

// runSpan is where a run's parts are while Split fills its buffers: bytes
// of the text, indexes into pos and box.
type runSpan struct{ start, end, pos, box int }

// NoFaceError is Split's error for a rune no font of the set draws.
type NoFaceError struct{ Rune rune }

func (e *NoFaceError) Error() string {
	return fmt.Sprintf("no font draws U+%04X %s", e.Rune, strconv.QuoteRune(e.Rune))
}

// InvalidTextError is Split's error for text that is not valid UTF-8.
type InvalidTextError struct{ Text string }

func (e *InvalidTextError) Error() string {
	return fmt.Sprintf("text is not valid UTF-8: %q", e.Text)
}

// Split returns the runs of a line of text drawn in role ro at size (any
// unit: layout's 1/1000 pt) with spacing added after every character (the
// same unit). The result and its slices are valid until the next call.
func (s *Splitter) Split(ro role.Role, text string, size, spacing int64) ([]Run, error) {
	if !utf8.ValidString(text) {
		return nil, &InvalidTextError{text}
	}
	s.runs, s.spans, s.pos, s.box = s.runs[:0], s.spans[:0], s.pos[:0], s.box[:0]
	spans := s.spans
	var em int64  // advance so far in 1/1000 em
	k := int64(0) // runes so far
	open := false // whether the last run still takes characters
	for i, r := range text {
		x := (em*size+500)/1000 + k*spacing
		k++
		if Ignorable(r) {
			// Invisible, zero width: it ends the run and is not drawn.
			if open {
				spans[len(spans)-1].end = i
				open = false
			}
			continue
		}
		face, w, ok := s.Set.faceAdvance(ro, r) // Advance's width: the box's if none
		if !ok && !s.AllowMissing {
			return nil, &NoFaceError{r}
		}
		adv := int64(w)
		em += adv
		if n := len(s.runs); !open || s.runs[n-1].Face != face {
			if open {
				spans[n-1].end = i
			}
			open = true
			s.runs = append(s.runs, Run{Face: face})
			spans = append(spans, runSpan{start: i, end: len(text), pos: len(s.pos), box: len(s.box)})
		}
		s.pos = append(s.pos, x)
		if face == nil {
			s.box = append(s.box, (adv*size+500)/1000)
		}
	}
	s.spans = spans
	// The slices are cut once the buffers have stopped growing.
	for i := range s.runs {
		sp := spans[i]
		next := len(s.pos)
		nextBox := len(s.box)
		if i+1 < len(spans) {
			next, nextBox = spans[i+1].pos, spans[i+1].box
		}
		r := &s.runs[i]
		r.Text = text[sp.start:sp.end]
		r.Pos = s.pos[sp.pos:next:next]
		if r.Face == nil {
			r.Box = s.box[sp.box:nextBox:nextBox]
		}
	}
	return s.runs, nil
}

// BoxRect returns the rectangle stroked in place of a rune no font draws
// (AllowMissing), for a box w wide (Run.Box) starting at x on a baseline
// at y, y down, at size, all in 1/1000 pt: its top left corner, its size
// and the width of its stroke.
func BoxRect(x, y, w, size int64) (rx, ry, rw, rh, stroke int64) {
	return x + w/10, y - size*78/100, w * 8 / 10, size * 88 / 100, max(size/25, 100)
}
