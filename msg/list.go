package msg

import "strings"

// List is an argument that is a list of things: the printer joins its
// items as the language writes a list, so that code never joins a list
// for a message itself. In Chinese the items are separated by the
// enumeration comma 、, in English by ", "; when an item holds a comma of
// its own (, ， 、 or a semicolon), the items are separated by a
// semicolon instead (；in Chinese, "; " in English), so that the reader
// still sees where each item ends. With Quote each item is put in
// quotation marks “…”, as both languages' messages quote names.
//
// Each item is put in as a template's argument is (see Lang.Text): a
// string is user text and escaped, a Raw is text the program made and
// kept as it is, an *Error is a message in the list's language (a form
// named with its file), a Count a number with its unit.
type List struct {
	Items []any
	Quote bool // each item in “…”
}

// Quoted is the list of items (user text), each in quotation marks.
func Quoted(items ...string) List { return List{Items: anys(items), Quote: true} }

// Plain is the list of items (user text), without quotation marks.
func Plain(items ...string) List { return List{Items: anys(items)} }

func anys(items []string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}

// In is the list as l writes it.
func (li List) In(l Lang) string {
	items := make([]string, len(li.Items))
	comma := false
	for i, it := range li.Items {
		s := argText(l, it)
		comma = comma || strings.ContainsAny(s, ",，、;；")
		if li.Quote {
			s = "“" + s + "”"
		}
		items[i] = s
	}
	var sep string
	switch {
	case l == Chinese && comma:
		sep = "；"
	case l == Chinese:
		sep = "、"
	case comma:
		sep = "; "
	default:
		sep = ", "
	}
	return strings.Join(items, sep)
}
