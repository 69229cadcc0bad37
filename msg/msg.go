// Package msg is jixiao's message catalogue: every text the program shows a
// user has a stable code and an English and a Chinese template, written for
// the finance clerks who read it (not translated word by word).
//
// Templates take positional arguments {1}, {2} …; a string argument is user
// text and is escaped (control and bidi characters made visible) before it
// is put in.
package msg

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"jixiao/internal/safetext"
)

// Code names one message. Codes are stable: machines (validate --json, the
// web page) match them.
type Code string

// Lang is the language messages are shown in.
type Lang uint8

const (
	English Lang = iota
	Chinese
)

func (l Lang) String() string {
	if l == Chinese {
		return "zh"
	}
	return "en"
}

// item is one code's texts: a row of a table of the catalogue
// (commandCatalogue in codes.go, helpCatalogue, problemCatalogue …). The
// tables are slices of constants, which the compiler lays out as data: no
// code runs for them when the program starts, as it would for a map
// literal.
type item struct {
	code   Code
	en, zh string
}

// tables are the catalogue's tables.
func tables() [][]item {
	return [][]item{commandCatalogue, detailCatalogue, fixCatalogue, fontCatalogue, helpCatalogue,
		problemCatalogue, repairCatalogue, serveCatalogue, stepCatalogue, syntaxCatalogue, xlsxCatalogue}
}

// catalogue is every code's texts in the order of the codes, sorted at
// the first look-up and searched by halves. A command looks up some 160
// codes (the help texts of its flags among them); sorting the catalogue's
// ~600 costs a third of what putting them in a map does. A code in two
// tables (a test refuses it) would have the texts of the first.
var catalogue = sync.OnceValue(func() []*item {
	tables := tables()
	n := 0
	for _, t := range tables {
		n += len(t)
	}
	all := make([]*item, 0, n)
	for _, t := range tables {
		for i := range t {
			all = append(all, &t[i])
		}
	}
	slices.SortStableFunc(all, func(a, b *item) int { return strings.Compare(string(a.code), string(b.code)) })
	return all
})

// lookup returns the texts of c, nil for a code not in the catalogue.
func lookup(c Code) *item {
	all := catalogue()
	i, ok := slices.BinarySearchFunc(all, c, func(e *item, c Code) int { return strings.Compare(string(e.code), string(c)) })
	if !ok {
		return nil
	}
	return all[i]
}

// Has reports whether the catalogue holds code.
func Has(c Code) bool { return lookup(c) != nil }

// Codes lists every code of the catalogue (in no particular order).
func Codes() []Code {
	all := catalogue()
	out := make([]Code, len(all))
	for i, e := range all {
		out[i] = e.code
	}
	return out
}

// Template returns code's template in l, "" for a code not in the catalogue.
func (l Lang) Template(c Code) string {
	e := lookup(c)
	switch {
	case e == nil:
		return ""
	case l == Chinese:
		return e.zh
	}
	return e.en
}

// Text is the message code in l with args put in its {1} {2} … places.
// A string argument is escaped (see Escape); a Raw one is put in as it
// is; a List is joined as l writes a list; anything else is formatted
// with fmt's %v. A code missing from the
// catalogue (a bug a test catches) prints as the code and its arguments.
func (l Lang) Text(c Code, args ...any) string {
	t := l.Template(c)
	if t == "" {
		var b strings.Builder
		b.WriteString(string(c))
		for _, a := range args {
			b.WriteByte(' ')
			b.WriteString(argText(l, a))
		}
		return b.String()
	}
	return fill(l, t, args)
}

// Count is a number of things, "1 form", "18 forms", "18 张表": Unit is
// the code of a unit whose English text is "one|many".
type Count struct {
	N    int
	Unit Code
}

// In is c in l.
func (c Count) In(l Lang) string {
	t := l.Template(c.Unit)
	if one, many, ok := strings.Cut(t, "|"); ok {
		t = many
		if c.N == 1 {
			t = one
		}
	}
	return strconv.Itoa(c.N) + " " + t
}

// Raw is an argument put into a template without escaping: text the program
// made (a message already in the user's language). A list is a List, never
// a Raw joined in code: its separators differ by language.
type Raw string

func argText(l Lang, a any) string {
	switch v := a.(type) {
	case Count:
		return v.In(l)
	case List:
		return v.In(l)
	case error:
		return Describe(l, v)
	case Raw:
		return string(v)
	case string:
		return Escape(v)
	case int:
		return strconv.Itoa(v)
	case fmt.Stringer:
		return Escape(v.String())
	}
	return Escape(fmt.Sprint(a))
}

// fill replaces {N} in t by args[N-1]; "{{" stands for "{". A place whose
// argument is missing is left as it is.
func fill(l Lang, t string, args []any) string {
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			b.WriteByte(t[i])
			continue
		}
		if i+1 < len(t) && t[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		j := i + 1
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j < len(t) && t[j] == '}' && j > i+1 {
			n, _ := strconv.Atoi(t[i+1 : j])
			if n >= 1 && n <= len(args) {
				b.WriteString(argText(l, args[n-1]))
				i = j
				continue
			}
		}
		b.WriteByte('{')
	}
	return b.String()
}

// places returns the highest {N} of a template (0 for none).
func places(t string) int {
	most := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '{' {
			continue
		}
		if i+1 < len(t) && t[i+1] == '{' {
			i++
			continue
		}
		j := i + 1
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j < len(t) && t[j] == '}' && j > i+1 {
			n, _ := strconv.Atoi(t[i+1 : j])
			most = max(most, n)
		}
	}
	return most
}

// Escape makes user text safe to print in a message on a terminal or a
// page: control characters (also tab and line breaks) are shown as
// \u001b, the invisible and reordering ones (bidi controls, zero-width
// spaces, line separators) as U+202E, and bytes that are not UTF-8 as
// \xff; everything else, Chinese included, is kept. It is
// safetext.Escape, the one escape of the program.
func Escape(s string) string { return safetext.Escape(s) }

// Error is a message as an error value: what a function returns when the
// user must be told something, printed in the user's language by a Printer.
// Error() gives the English text (for logs and tests).
type Error struct {
	Code Code
	Args []any
	Err  error // the underlying error, if any (for errors.Is/As)
}

// New returns the message code with args as an error.
func New(c Code, args ...any) *Error { return &Error{Code: c, Args: args} }

// Wrap is New keeping err as the cause.
func Wrap(err error, c Code, args ...any) *Error { return &Error{Code: c, Args: args, Err: err} }

func (e *Error) Error() string { return English.Text(e.Code, e.Args...) }
func (e *Error) Unwrap() error { return e.Err }

// In is the message in l.
func (e *Error) In(l Lang) string { return l.Text(e.Code, e.Args...) }
