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
// Items are user text and each is escaped (see Escape) before it is put
// in, unless Made says the program made them, with any user text in them
// escaped already (a form's number and name with its file).
type List struct {
	Items []string
	Quote bool // each item in “…”
	Made  bool // the items are text the program made, escaped already
}

// Quoted is the list of items (user text), each in quotation marks.
func Quoted(items ...string) List { return List{Items: items, Quote: true} }

// Plain is the list of items (user text), without quotation marks.
func Plain(items ...string) List { return List{Items: items} }

// In is the list as l writes it.
func (li List) In(l Lang) string {
	items := make([]string, len(li.Items))
	comma := false
	for i, s := range li.Items {
		if !li.Made {
			s = Escape(s)
		}
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
