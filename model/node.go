package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// node is a parsed JSON or YAML value with its position in the file. Both
// formats are parsed into nodes first and then decoded by one strict decoder,
// so that both give the same messages with the same line:column.
type node struct {
	kind      nodeKind
	line, col int     // 1-based position of the value
	keys      []*node // object: the keys (kind scalar), in file order
	vals      []*node // object: the values, parallel to keys
	items     []*node // array
	text      string  // scalar: the text (strings unquoted, numbers as written)
	scalar    scalarType
	streamed  bool // array: its items went to jsonParser.each and were not kept
}

type nodeKind uint8

const (
	objectNode nodeKind = iota
	arrayNode
	scalarNode
)

type scalarType uint8

const (
	stringScalar scalarType = iota
	numberScalar
	boolScalar
	nullScalar
)

func (n *node) describe() string {
	switch n.kind {
	case objectNode:
		return "an object"
	case arrayNode:
		return "a list"
	}
	switch n.scalar {
	case numberScalar:
		return "the number " + n.text
	case boolScalar:
		return "the boolean " + n.text
	case nullScalar:
		return "null"
	}
	return "a string"
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 64

// posError is a syntax error at a position.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

// jsonParser is a small strict JSON parser that records positions.
type jsonParser struct {
	src       []byte
	off       int
	line, col int
	// each, when set, receives the items of the top-level "forms" list one
	// at a time as they are parsed, and the list keeps none of them: a book
	// of ten thousand forms is decoded form by form, never held as a tree.
	each func(i int, item *node)
	// path holds the keys and list indexes down to the value being parsed,
	// for messages that must name a field (a duplicate key).
	path []pathStep
}

// pathStep is one step of a field path: a key, or a list index.
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

// fieldPath writes steps as a field path: forms[0].indicators[3].level2.
func fieldPath(steps []pathStep) string {
	var b strings.Builder
	if len(steps) > 0 && !steps[0].isIndex && !contains(bookKeys, steps[0].key) {
		// A key of a form at the top: the file holds a single form, which
		// every other message calls forms[0].
		b.WriteString("forms[0]")
	}
	for _, st := range steps {
		if st.isIndex {
			b.WriteString("[" + strconv.Itoa(st.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(st.key)
	}
	return b.String()
}

func parseJSON(src []byte, each func(i int, item *node)) (*node, error) {
	p := &jsonParser{src: src, line: 1, col: 1, each: each}
	p.skipSpace()
	if p.off >= len(p.src) {
		return nil, p.errorf("the file has no JSON value")
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(p.src) {
		return nil, p.errorf("unexpected %s after the end of the JSON value", p.describeNext())
	}
	return n, nil
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &posError{p.line, p.col, fmt.Sprintf(format, args...)}
}

func (p *jsonParser) describeNext() string {
	if p.off >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) advance(n int) {
	for i := 0; i < n && p.off < len(p.src); i++ {
		if p.src[p.off] == '\n' {
			p.line++
			p.col = 1
		} else if p.src[p.off]&0xC0 != 0x80 { // count runes, not bytes
			p.col++
		}
		p.off++
	}
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t', '\r', '\n':
			p.advance(1)
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, p.errorf("nested more than %d levels deep", maxDepth)
	}
	if p.off >= len(p.src) {
		return nil, p.errorf("unexpected end of file (the JSON is truncated)")
	}
	line, col := p.line, p.col
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth, nil)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &node{kind: scalarNode, line: line, col: col, text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.off
		end := start
		for end < len(p.src) && bytes.IndexByte([]byte("+-.eE0123456789"), p.src[end]) >= 0 {
			end++
		}
		lit := string(p.src[start:end])
		if !json.Valid([]byte(lit)) {
			return nil, p.errorf("invalid number %q", lit)
		}
		p.advance(end - start)
		return &node{kind: scalarNode, scalar: numberScalar, line: line, col: col, text: lit}, nil
	default:
		for _, w := range []struct {
			lit string
			t   scalarType
		}{{"true", boolScalar}, {"false", boolScalar}, {"null", nullScalar}} {
			if bytes.HasPrefix(p.src[p.off:], []byte(w.lit)) {
				p.advance(len(w.lit))
				return &node{kind: scalarNode, scalar: w.t, line: line, col: col, text: w.lit}, nil
			}
		}
		return nil, p.errorf("unexpected %s: expected a JSON value", p.describeNext())
	}
}

func (p *jsonParser) str() (string, error) {
	start := p.off
	i := p.off + 1
	for i < len(p.src) {
		switch c := p.src[i]; {
		case c == '\\':
			i += 2
			continue
		case c == '"':
			raw := p.src[start : i+1]
			if !utf8.Valid(raw) {
				return "", p.errorf("invalid UTF-8 in string")
			}
			var s string
			if bytes.IndexByte(raw, '\\') < 0 {
				s = string(raw[1 : len(raw)-1]) // no escapes: the common case, taken as is
			} else if err := json.Unmarshal(raw, &s); err != nil {
				return "", p.errorf("invalid string: %v", err)
			}
			p.advance(i + 1 - start)
			return s, nil
		case c < 0x20:
			p.advance(i - start)
			return "", p.errorf("control character %U inside a string (write it as an escape, or \\n for a new paragraph)", rune(c))
		}
		i++
	}
	return "", p.errorf("unterminated string (the JSON is truncated)")
}

func (p *jsonParser) object(depth int) (*node, error) {
	n := &node{kind: objectNode, line: p.line, col: p.col}
	p.advance(1)
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.advance(1)
		return n, nil
	}
	var seen map[string]bool // only for large objects: a scan is cheaper for a form's few keys
	for {
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorf("unexpected end of file inside an object (the JSON is truncated)")
		}
		if p.src[p.off] != '"' {
			return nil, p.errorf("unexpected %s: expected a key in double quotes", p.describeNext())
		}
		kl, kc := p.line, p.col
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		if hasKey(n.keys, k, &seen) {
			return nil, &posError{kl, kc, fmt.Sprintf("%s: duplicate key %q", fieldPath(append(p.path, pathStep{key: k})), k)}
		}
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.errorf("unexpected %s: expected ':' after the key %q", p.describeNext(), k)
		}
		p.advance(1)
		p.skipSpace()
		var v *node
		p.path = append(p.path, pathStep{key: k})
		if depth == 0 && k == "forms" && p.each != nil && p.off < len(p.src) && p.src[p.off] == '[' {
			v, err = p.array(depth+1, p.each)
		} else {
			v, err = p.value(depth + 1)
		}
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, &node{kind: scalarNode, line: kl, col: kc, text: k})
		n.vals = append(n.vals, v)
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorf("unexpected end of file inside an object (the JSON is truncated)")
		}
		switch p.src[p.off] {
		case ',':
			p.advance(1)
		case '}':
			p.advance(1)
			return n, nil
		default:
			return nil, p.errorf("unexpected %s: expected ',' or '}'", p.describeNext())
		}
	}
}

// array parses a list; with each, items are handed over instead of kept.
func (p *jsonParser) array(depth int, each func(int, *node)) (*node, error) {
	n := &node{kind: arrayNode, line: p.line, col: p.col, streamed: each != nil}
	count := 0
	p.advance(1)
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.advance(1)
		return n, nil
	}
	for {
		p.skipSpace()
		p.path = append(p.path, pathStep{index: count + len(n.items), isIndex: true})
		v, err := p.value(depth + 1)
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		if each != nil {
			each(count, v)
			count++
		} else {
			n.items = append(n.items, v)
		}
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorf("unexpected end of file inside a list (the JSON is truncated)")
		}
		switch p.src[p.off] {
		case ',':
			p.advance(1)
		case ']':
			p.advance(1)
			return n, nil
		default:
			return nil, p.errorf("unexpected %s: expected ',' or ']'", p.describeNext())
		}
	}
}

// parseYAML parses one YAML document into nodes.
func parseYAML(src []byte) (*node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, &posError{1, 1, "the file has no YAML document"}
		}
		return nil, yamlError(err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		line := next.Line
		if line == 0 {
			line = 1
		}
		return nil, &posError{line, 1, "a second YAML document (after ---): a file holds one form or one book"}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &posError{1, 1, "the file has no YAML document"}
	}
	// Aliases may repeat a value many times ("billion laughs"): bound both
	// the number of values and the bytes of text they expand to.
	budget := yamlBudget{nodes: 1 << 20, bytes: MaxFileSize}
	return fromYAML(doc.Content[0], nil, &budget)
}

// yamlError turns the YAML library's "yaml: line N: msg" into a position error.
func yamlError(err error) error {
	msg := err.Error()
	var line int
	var rest string
	if _, e := fmt.Sscanf(msg, "yaml: line %d:", &line); e == nil {
		if i := bytes.IndexByte([]byte(msg), ':'); i >= 0 {
			if j := bytes.IndexByte([]byte(msg[i+1:]), ':'); j >= 0 {
				rest = msg[i+1+j+1:]
			}
		}
		return &posError{line, 1, "invalid YAML:" + rest}
	}
	return &posError{1, 1, "invalid YAML: " + msg}
}

type yamlBudget struct{ nodes, bytes int }

func fromYAML(y *yaml.Node, path []pathStep, budget *yamlBudget) (*node, error) {
	depth := len(path)
	budget.nodes--
	budget.bytes -= len(y.Value)
	if budget.nodes < 0 || budget.bytes < 0 {
		return nil, &posError{y.Line, y.Column, "the YAML expands to too many values or too much text (aliases repeat what they name)"}
	}
	if depth > maxDepth {
		return nil, &posError{y.Line, y.Column, fmt.Sprintf("nested more than %d levels deep", maxDepth)}
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &posError{y.Line, y.Column, "unknown alias"}
		}
		return fromYAML(y.Alias, path, budget)
	case yaml.MappingNode:
		n := &node{kind: objectNode, line: y.Line, col: y.Column}
		seen := map[string]bool{}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &posError{k.Line, k.Column, "a key must be a plain string"}
			}
			if k.Value == "<<" {
				return nil, &posError{k.Line, k.Column, "merge keys (<<) are not supported: write the keys out"}
			}
			if seen[k.Value] {
				return nil, &posError{k.Line, k.Column, fmt.Sprintf("%s: duplicate key %q", fieldPath(append(path, pathStep{key: k.Value})), k.Value)}
			}
			seen[k.Value] = true
			vn, err := fromYAML(v, append(path[:len(path):len(path)], pathStep{key: k.Value}), budget)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, &node{kind: scalarNode, line: k.Line, col: k.Column, text: k.Value})
			n.vals = append(n.vals, vn)
		}
		return n, nil
	case yaml.SequenceNode:
		n := &node{kind: arrayNode, line: y.Line, col: y.Column}
		for _, c := range y.Content {
			cn, err := fromYAML(c, append(path[:len(path):len(path)], pathStep{index: len(n.items), isIndex: true}), budget)
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, cn)
		}
		return n, nil
	case yaml.ScalarNode:
		n := &node{kind: scalarNode, line: y.Line, col: y.Column, text: y.Value}
		switch y.ShortTag() {
		case "!!int", "!!float":
			n.scalar = numberScalar
		case "!!bool":
			n.scalar = boolScalar
		case "!!null":
			n.scalar = nullScalar
		}
		return n, nil
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil, &posError{y.Line, y.Column, "empty YAML document"}
		}
		return fromYAML(y.Content[0], path, budget)
	}
	return nil, &posError{y.Line, y.Column, "unsupported YAML value"}
}

// hasKey reports whether key is among keys, switching to a set once the
// object grows large so that hostile input cannot make it quadratic. It
// records key in the set when one is in use.
func hasKey(keys []*node, key string, set *map[string]bool) bool {
	const small = 32
	if *set == nil && len(keys) < small {
		for _, k := range keys {
			if k.text == key {
				return true
			}
		}
		return false
	}
	if *set == nil {
		*set = make(map[string]bool, 2*len(keys))
		for _, k := range keys {
			(*set)[k.text] = true
		}
	}
	if (*set)[key] {
		return true
	}
	(*set)[key] = true
	return false
}
