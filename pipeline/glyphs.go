package pipeline

import (
	"cmp"
	"fmt"
	"jixiao/fonts"
	"jixiao/layout"
	"jixiao/model"
	"jixiao/msg"
	"slices"
	"strconv"
	"sync"
)

// form returns the characters of form i of in that no font draws, each
// named as the user finds it: a workbook's "book.xlsx: 体检费!B4", else the
// file and the path ("book.json: forms[3].project"). Each text is checked
// alone, in the role layout draws it in (a field's key tells it:
// layout.FieldRole), and only a text found to lack a character has its
// path and place worked out, so that the forms of a large book, which lack
// none, cost no strings.
func (g *glyphCheck) form(f *model.Form, in Input, i int) []fonts.Missing {
	var missing []fonts.Missing
	form := model.FormPath(i)
	f.EachText(func(key string, row int, text string, _ bool) {
		ms := g.fields([]fonts.Field{{Text: text, Role: layout.FieldRole(key)}})
		// A control character is refused by Validate, with its place:
		// told as missing from the fonts too, the user would be sent to
		// add a font for it (review 7, item 10).
		ms = slices.DeleteFunc(ms, func(m fonts.Missing) bool { return model.Control(m.Rune) })
		if len(ms) == 0 {
			return
		}
		path := model.TextPath(form, key, row)
		place := in.Path + ": " + path
		var arg any = msg.New(msg.LocPath, msg.File(in.Path), path)
		if loc, ok := in.Source.Location(path); ok && loc.Sheet != "" && loc.Cell != "" {
			loc.File = cmp.Or(loc.File, in.Path)
			place, arg = loc.String(), locationArg(loc)
		}
		g.name(place, arg)
		for k := range ms {
			ms[k].Path = place
		}
		missing = append(missing, ms...)
	})
	return missing
}

// glyphCheck finds the characters that no font of a set draws, with the
// path of the text each stands in, and reports them. The texts of the model
// (fields) are checked before layout, so that every field holding such a
// character is named; the texts layout adds (labels, the year line, the
// binder's cover, contents and footers: items) after, where only the
// characters not reported yet are of interest.
type glyphCheck struct {
	set          *fonts.Set
	allowMissing bool
	strict       bool   // the boxes drawn are errors too
	events       Events // Warn receives the boxes drawn
	reported     map[rune]bool
	// The places of the texts, as the messages tell them (a file's name
	// in the message's language: msg.File), by the path of fonts.Missing.
	mu     sync.Mutex
	places map[string]any
}

// name records how the messages tell place.
func (g *glyphCheck) name(place string, arg any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.places == nil {
		g.places = map[string]any{}
	}
	g.places[place] = arg
}

// place is place as a message argument.
func (g *glyphCheck) place(place string) any {
	g.mu.Lock()
	defer g.mu.Unlock()
	if arg, ok := g.places[place]; ok {
		return arg
	}
	return place
}

func newGlyphCheck(job *Job) *glyphCheck {
	return &glyphCheck{set: job.Fonts, allowMissing: job.AllowMissing, strict: job.Strict, events: job.Events, reported: map[rune]bool{}}
}

// fields returns the characters of fs that no font draws: one entry per
// (path, character).
func (g *glyphCheck) fields(fs []fonts.Field) []fonts.Missing {
	missing := g.set.Check(fs)
	for _, m := range missing {
		g.reported[m.Rune] = true
	}
	return missing
}

// items returns the characters of the Text items that no font draws and
// that have not been reported yet, each once, named prefix.FIELD after the
// item's Field ("text" when it has none), in file when not "". With only,
// just the items whose Field is only are checked.
func (g *glyphCheck) items(file, prefix string, items []layout.Item, only string) []fonts.Missing {
	var fs []fonts.Field
	for k := range items {
		it := &items[k]
		if it.Kind != layout.Text || only != "" && it.Field != only {
			continue
		}
		path := it.Field
		if path == "" {
			path = "text"
		}
		if prefix != "" {
			path = prefix + "." + path
		}
		fs = append(fs, fonts.Field{Path: path, Text: it.Text, Role: it.Role})
	}
	var missing []fonts.Missing
	for _, m := range g.set.Check(fs) {
		if !g.reported[m.Rune] {
			g.reported[m.Rune] = true
			if file != "" { // placed in its file: only what is missing is named
				place := file + ": " + m.Path
				g.name(place, msg.New(msg.LocPath, msg.File(file), m.Path))
				m.Path = place
			}
			missing = append(missing, m)
		}
	}
	return missing
}

// report fails with the missing characters (a BadInput error), or with
// allowMissing gives them as warnings (they are drawn as boxes) and
// succeeds. Each character is one line naming where it first stands and how
// many other places hold it: a font that lacks all of Chinese must not give
// a line for every character of every field.
func (g *glyphCheck) report(missing []fonts.Missing) error {
	if len(missing) == 0 {
		return nil
	}
	var order []rune
	places := map[rune][]fonts.Missing{}
	for _, m := range missing {
		if places[m.Rune] == nil {
			order = append(order, m.Rune)
		}
		places[m.Rune] = append(places[m.Rune], m)
	}
	// A font that lacks Chinese altogether would give hundreds of lines:
	// list the first characters and say what the rest means.
	const maxListed = 20
	lines := make([]error, 0, maxListed+2)
	for k, r := range order {
		if k == maxListed {
			if len(order)-maxListed == 1 {
				lines = append(lines, msg.New(msg.GlyphMoreOne))
			} else {
				lines = append(lines, msg.New(msg.GlyphMore, len(order)-maxListed))
			}
			break
		}
		ms := places[r]
		var also any = msg.Raw("")
		switch {
		case len(ms) == 2:
			also = msg.New(msg.GlyphAlso, g.place(ms[1].Path))
		case len(ms) > 2:
			also = msg.New(msg.GlyphAlsoMore, g.place(ms[1].Path), len(ms)-2)
		}
		lines = append(lines, msg.New(msg.GlyphMissing, g.place(ms[0].Path), fmt.Sprintf("U+%04X", r), strconv.QuoteRune(r), also))
	}
	if g.allowMissing {
		for _, l := range lines {
			if g.events.Warn != nil {
				g.events.Warn(msg.New(msg.GlyphDrawnAsBox, l))
			}
		}
		if g.strict {
			return inputError(msg.New(msg.StrictWarnings, msg.Count{N: len(lines), Unit: msg.UnitWarning}))
		}
		return nil
	}
	return inputError(append(lines, msg.New(msg.GlyphCannotDraw, msg.Count{N: len(order), Unit: msg.UnitCharacter}))...)
}
