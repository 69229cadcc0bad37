package jsonyaml

import (
	"bytes"

	yaml "go.yaml.in/yaml/v3"
)

// The YAML library builds a tree of the whole document, about 12 bytes of
// memory for each byte of a book: a 58 MB book would need 700 MB before a
// form is decoded. A book written the usual way (a top-level "forms:" key
// followed by a block list, each form starting with "- " at the list's
// indentation) is read form by form instead: the list's lines are cut at
// each item and every item parsed alone, then the rest of the document.
// Whatever the cut cannot stand for (an alias to an anchor of another form,
// a quoted text or flow list cut in two, any syntax error) fails to parse,
// and the whole document is then parsed at once, as before, so that the
// result and the messages are those of the whole parse.

// ParseYAMLForms parses src form by form when it holds the usual forms
// list (ParseYAMLInput, reading src through a window), handing each form
// to each as ParseJSON does. ok is false when src must be parsed whole
// with ParseYAML; forms may have been handed to each by then, so the
// caller starts again with a fresh decoder.
func ParseYAMLForms(src []byte, maxBytes int, bookKeys []string, each func(i int, item *Node)) (root *Node, ok bool) {
	return ParseYAMLInput(NewInput(bytes.NewReader(src), int64(len(src))+1), maxBytes, bookKeys, each)
}

// shiftLines adds n to the line of y and of everything in it.
func shiftLines(y *yaml.Node, n int) {
	y.Line += n
	for _, c := range y.Content {
		shiftLines(c, n)
	}
}

// lineReader reads an Input line by line.
type lineReader struct {
	in   *Input
	win  []byte
	off  int
	line int // of the last line returned, from 1
}

// next returns the next line with its line break (none at the end of the
// file), valid until the next call; nil at the end.
func (r *lineReader) next() []byte {
	for {
		if i := bytes.IndexByte(r.win[r.off:], '\n'); i >= 0 {
			l := r.win[r.off : r.off+i+1]
			r.off += i + 1
			r.line++
			return l
		}
		n := len(r.win) - r.off
		r.win = r.in.Fill(r.win[r.off:])
		r.off = 0
		if len(r.win) == n {
			if n == 0 {
				return nil
			}
			r.off = n
			r.line++
			return r.win
		}
	}
}

// ParseYAMLInput parses the YAML text of in form by form: it finds the
// top-level "forms:" block list, parses each of its items alone as its
// lines end and hands it to each, then the rest of the document. The lines
// before and after the list are kept, each form's lines only until it is
// parsed. ok is false when the text must be parsed whole (ParseYAML): the
// caller reads it again.
func ParseYAMLInput(in *Input, maxBytes int, bookKeys []string, each func(i int, item *Node)) (root *Node, ok bool) {
	c := &yamlConv{aliasNodes: MaxAliasNodes, bytes: maxBytes, bookKeys: bookKeys, nodes: new(nodePool)}
	r := &lineReader{in: in}
	var head, item []byte
	marker := func(l []byte) bool {
		// Documents markers and directives are left to the whole parse.
		return bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) || bytes.HasPrefix(l, []byte("%"))
	}
	// The "forms:" key, alone on its line at column 1.
	for {
		raw := r.next()
		if raw == nil || marker(raw) {
			return nil, false
		}
		head = append(head, raw...)
		if rest, found := bytes.CutPrefix(trimEOL(raw), []byte("forms:")); found {
			trimmed := bytes.TrimLeft(rest, " \t")
			if len(rest) == 0 || len(trimmed) == 0 || trimmed[0] == '#' && len(trimmed) < len(rest) {
				break
			}
			return nil, false
		}
	}
	var (
		indent    = -1
		k         int // items handed to each
		itemLine  int // the line of the item in item
		firstLine int
		lines     int // line breaks of the list
	)
	parseItem := func() bool {
		if len(item) == 0 {
			return true
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(item, &doc); err != nil || len(doc.Content) != 1 {
			return false
		}
		seq := doc.Content[0]
		if seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
			return false
		}
		shiftLines(seq.Content[0], itemLine-1)
		mark := c.nodes.used
		n, err := c.node(seq.Content[0], []pathStep{{key: "forms"}, {index: k, isIndex: true}})
		if err != nil {
			return false
		}
		each(k, n)
		c.nodes.used = mark // the form's nodes are free again
		k++
		lines += bytes.Count(item, []byte{'\n'})
		item = item[:0]
		return true
	}
	for {
		raw := r.next()
		if raw == nil {
			break
		}
		if marker(raw) {
			return nil, false
		}
		l := trimEOL(raw)
		trimmed := bytes.TrimLeft(l, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			if indent < 0 {
				lines += bytes.Count(raw, []byte{'\n'})
			} else {
				item = append(item, raw...)
			}
			continue
		}
		if bytes.IndexByte(l[:len(l)-len(trimmed)], '\t') >= 0 || trimmed[0] == '\t' {
			return nil, false
		}
		n := len(l) - len(trimmed)
		isItem := trimmed[0] == '-' && (len(trimmed) == 1 || trimmed[1] == ' ')
		if indent < 0 {
			if !isItem {
				return nil, false // not a block list
			}
			indent = n
			firstLine = r.line
		}
		switch {
		case n == indent && isItem:
			if !parseItem() {
				return nil, false
			}
			itemLine = r.line
			item = append(item, raw...)
		case n == 0:
			// The next top-level key ends the list; the rest of the
			// document follows the list's lines, kept as empty lines so
			// that its keys keep their line numbers.
			if !parseItem() {
				return nil, false
			}
			head = append(head, bytes.Repeat([]byte("\n"), lines)...)
			for ; raw != nil; raw = r.next() {
				if marker(raw) {
					return nil, false
				}
				head = append(head, raw...)
			}
		case n <= indent:
			return nil, false // something the whole parse must judge
		default:
			item = append(item, raw...)
		}
	}
	if !parseItem() || k == 0 {
		return nil, false
	}
	return c.root(head, firstLine)
}

// trimEOL is a line without its line break.
func trimEOL(l []byte) []byte {
	return bytes.TrimRight(bytes.TrimSuffix(l, []byte("\n")), "\r")
}

// root parses head, the book without its forms list (the list's lines
// left empty), into the root node, its "forms" a streamed list at line
// line. false: the rest is not what the split can stand for (the whole
// parse judges it).
func (c *yamlConv) root(head []byte, line int) (*Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(head, &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, false
	}
	root, err := c.node(doc.Content[0], nil)
	if err != nil {
		return nil, false
	}
	for i, key := range root.Keys {
		if key.Text == "forms" {
			if v := root.Vals[i]; v.Kind != Scalar || v.Scalar != Null {
				return nil, false
			}
			root.Vals[i] = &Node{Kind: Array, Line: line, Col: 1, Streamed: true}
		}
	}
	return root, true
}
