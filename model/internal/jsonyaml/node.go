// Package jsonyaml parses JSON and YAML into one tree of nodes that
// remember their line and column, so that one strict decoder (in model) can
// give both formats the same messages at the same positions.
package jsonyaml

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// node is a parsed JSON or YAML value with its position in the file. Both
// formats are parsed into nodes first and then decoded by one strict decoder,
// so that both give the same messages with the same Line:column.
type Node struct {
	Kind      Kind
	Line, Col int     // 1-based position of the value
	Keys      []*Node // object: the keys (kind Scalar), in file order
	Vals      []*Node // object: the values, parallel to Keys
	Items     []*Node // array
	Text      string  // Scalar: the text (strings unquoted, numbers as written)
	Scalar    ScalarType
	Streamed  bool // array: its items went to the each function and were not kept
}

// Kind is the kind of a node.
type Kind uint8

const (
	Object Kind = iota
	Array
	Scalar
)

// ScalarType is the type of a scalar as written.
type ScalarType uint8

const (
	String ScalarType = iota
	Number
	Bool
	Null
)

// Describe names what n is, for messages: "an object", "the number 3" ….
func (n *Node) Describe() string {
	switch n.Kind {
	case Object:
		return "an object"
	case Array:
		return "a list"
	}
	switch n.Scalar {
	case Number:
		return "the number " + n.Text
	case Bool:
		return "the boolean " + n.Text
	case Null:
		return "null"
	}
	return "a string"
}

// MaxDepth bounds nesting so that hostile input cannot exhaust the stack.
const MaxDepth = 64

// ErrorKind says what a PosError is about.
type ErrorKind uint8

const (
	Syntax       ErrorKind = iota // invalid JSON or YAML
	DuplicateKey                  // a key twice in one object; Arg is the key
	TooDeep                       // nested deeper than MaxDepth; Arg is MaxDepth
)

// PosError is a syntax error at a position.
type PosError struct {
	Line, Col int
	Kind      ErrorKind
	Path      string   // the field path, for a duplicate key
	Arg       string   // the key (DuplicateKey), the depth (TooDeep)
	Code      string   // Syntax: what is wrong, one of the Code… constants
	Args      []string // Syntax: the values of Code's message
}

// Error is for programmers (logs, tests): the position, the kind or code
// and the values. A user reads the catalogue's message (package msg).
func (e *PosError) Error() string {
	if e.Kind != Syntax {
		return fmt.Sprintf("%d:%d: %d %q", e.Line, e.Col, e.Kind, e.Arg)
	}
	return fmt.Sprintf("%d:%d: %s %q", e.Line, e.Col, e.Code, e.Args)
}

func syntaxError(line, col int, code string, args []string) *PosError {
	return &PosError{Line: line, Col: col, Kind: Syntax, Code: code, Args: args}
}

func depthError(line, col int) *PosError {
	return &PosError{Line: line, Col: col, Kind: TooDeep, Arg: strconv.Itoa(MaxDepth)}
}

func duplicateError(line, col int, path []pathStep, bookKeys []string, key string) *PosError {
	return &PosError{Line: line, Col: col, Kind: DuplicateKey, Path: fieldPath(path, bookKeys), Arg: key}
}

// jsonParser is a small strict JSON parser that records positions.
type jsonParser struct {
	// src is the text, or the window of it that in last read: src[off:]
	// is not parsed yet, and is kept when the window moves on.
	src       []byte
	off       int
	in        *Input // nil: src is the whole text
	line, col int
	// each, when set, receives the items of the top-level "forms" list one
	// at a time as they are parsed, and the list keeps none of them: a book
	// of ten thousand forms is decoded form by form, never held as a tree.
	each func(i int, item *Node)
	// path holds the keys and list indexes down to the value being parsed,
	// for messages that must name a field (a duplicate key).
	path     []pathStep
	bookKeys []string
	strings  stringCache
	nodes    nodePool
}

// nodePool hands out the nodes of a parse from blocks, and takes back
// those of a form once each has decoded it: a book's forms are parsed
// into the same few thousand nodes, not into millions that the garbage
// collector must find.
type nodePool struct {
	blocks [][]Node
	used   int // nodes handed out
}

const nodeBlock = 1024

// node returns a node of the pool set to v.
func (p *jsonParser) node(v Node) *Node { return p.nodes.get(v) }

// get returns a node of the pool set to v, keeping the arrays of the lists
// it had.
func (pool *nodePool) get(v Node) *Node {
	b, i := pool.used/nodeBlock, pool.used%nodeBlock
	if b == len(pool.blocks) {
		pool.blocks = append(pool.blocks, make([]Node, nodeBlock))
	}
	pool.used++
	n := &pool.blocks[b][i]
	v.Keys, v.Vals, v.Items = n.Keys[:0], n.Vals[:0], n.Items[:0]
	*n = v
	return n
}

// stringCache hands out one string for the short texts a book repeats in
// every form and row (keys, 一级 and 二级 labels, 充分, ≥95%): a table of
// the last string seen for each hash, so that a book of ten thousand forms
// keeps one copy of each instead of one per use.
type stringCache struct {
	seed  maphash.Seed
	table *[1 << 12]string
}

// maxCached bounds the texts cached: longer ones are seldom repeated.
const maxCached = 48

// getString is get for a text that is a string already: the copy kept
// is the first, and s becomes garbage.
func (c *stringCache) getString(s string) string {
	if len(s) > maxCached || len(s) == 0 {
		return s
	}
	if c.table == nil {
		c.table = new([1 << 12]string)
		c.seed = maphash.MakeSeed()
	}
	slot := &c.table[maphash.String(c.seed, s)&(1<<12-1)]
	if *slot != s {
		*slot = s
	}
	return *slot
}

func (c *stringCache) get(b []byte) string {
	if len(b) > maxCached || len(b) == 0 {
		return string(b)
	}
	if c.table == nil {
		c.table = new([1 << 12]string)
		c.seed = maphash.MakeSeed()
	}
	slot := &c.table[maphash.Bytes(c.seed, b)&(1<<12-1)]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// pathStep is one step of a field path: a key, or a list index.
type pathStep struct {
	key     string
	index   int
	isIndex bool
}

// fieldPath writes steps as a field path: forms[0].indicators[3].level2.
// A path that starts with a key that is not one of bookKeys is of a file
// holding a single form, which every other message calls forms[0].
func fieldPath(steps []pathStep, bookKeys []string) string {
	var b strings.Builder
	if len(steps) > 0 && !steps[0].isIndex && !slices.Contains(bookKeys, steps[0].key) {
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

// ParseJSON parses src. each, when not nil, receives the items of the
// top-level "forms" list one at a time as they are parsed, and the list
// keeps none of them: an item and its nodes are used again for the next
// once each returns, so each keeps no node (their texts it may). bookKeys
// are the keys of a book (for paths).
func ParseJSON(src []byte, each func(i int, item *Node), bookKeys []string) (*Node, error) {
	p := &jsonParser{src: src, line: 1, col: 1, each: each, bookKeys: bookKeys}
	return p.parse()
}

// ParseJSONInput is ParseJSON reading from in, which nothing has read
// from yet: the text is never held whole, only the form being parsed and
// a window of the file.
func ParseJSONInput(in *Input, each func(i int, item *Node), bookKeys []string) (*Node, error) {
	p := &jsonParser{in: in, line: 1, col: 1, each: each, bookKeys: bookKeys}
	return p.parse()
}

func (p *jsonParser) parse() (*Node, error) {
	p.skipSpace()
	if p.end() {
		return nil, p.fail(CodeJSONNoValue)
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if !p.end() {
		return nil, p.fail(CodeJSONAfterEnd, p.describeNext())
	}
	return n, nil
}

// more moves the window on, keeping its part not parsed yet, and reports
// whether it holds more text than before.
func (p *jsonParser) more() bool {
	if p.in == nil {
		return false
	}
	n := len(p.src) - p.off
	p.src = p.in.Fill(p.src[p.off:])
	p.off = 0
	return len(p.src) > n
}

// end reports whether the text is over.
func (p *jsonParser) end() bool {
	return p.off >= len(p.src) && !p.more()
}

// ensure makes the window hold n bytes from off, or all that is left.
func (p *jsonParser) ensure(n int) {
	for len(p.src)-p.off < n && p.more() {
	}
}

// fail is a syntax error at the parser's position: code and the values
// its message quotes (the words are the catalogue's, package msg).
func (p *jsonParser) fail(code string, args ...string) error {
	return syntaxError(p.line, p.col, code, args)
}

func (p *jsonParser) describeNext() string {
	p.ensure(utf8.UTFMax)
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
	for p.off < len(p.src) || p.more() {
		switch p.src[p.off] {
		case '\n':
			p.line++
			p.col = 1
		case ' ', '\t', '\r':
			p.col++
		default:
			return
		}
		p.off++
	}
}

func (p *jsonParser) value(depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, depthError(p.line, p.col)
	}
	if p.end() {
		return nil, p.fail(CodeJSONTruncated)
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
		return p.node(Node{Kind: Scalar, Line: line, Col: col, Text: s}), nil
	case c == '-' || (c >= '0' && c <= '9'):
		n := 0 // the number's bytes
		for {
			if p.off+n >= len(p.src) && !p.more() {
				break
			}
			if bytes.IndexByte([]byte("+-.eE0123456789"), p.src[p.off+n]) < 0 {
				break
			}
			n++
		}
		start, end := p.off, p.off+n
		lit := string(p.src[start:end])
		if !json.Valid([]byte(lit)) {
			return nil, p.fail(CodeJSONBadNumber, strconv.Quote(lit))
		}
		p.advance(end - start)
		return p.node(Node{Kind: Scalar, Scalar: Number, Line: line, Col: col, Text: lit}), nil
	default:
		p.ensure(len("false"))
		for _, w := range []struct {
			lit string
			t   ScalarType
		}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
			if bytes.HasPrefix(p.src[p.off:], []byte(w.lit)) {
				p.advance(len(w.lit))
				return p.node(Node{Kind: Scalar, Scalar: w.t, Line: line, Col: col, Text: w.lit}), nil
			}
		}
		return nil, p.fail(CodeJSONExpectedValue, p.describeNext())
	}
}

func (p *jsonParser) str() (string, error) {
	if s, ok := p.plainStr(); ok {
		return s, nil
	}
	start := p.off
	i := p.off + 1
	for {
		if i >= len(p.src) {
			// The window ends within the string: move it on, keeping the
			// string's start.
			k := i - p.off
			if !p.more() {
				break
			}
			start, i = p.off, p.off+k
			if i >= len(p.src) {
				continue
			}
		}
		switch c := p.src[i]; {
		case c == '\\':
			i += 2
			continue
		case c == '"':
			// The text is UTF-8 without NUL: Decode checks a file whole
			// before parsing it, Input each window (FirstBad).
			raw := p.src[start : i+1]
			var s string
			if bytes.IndexByte(raw, '\\') < 0 {
				s = p.strings.get(raw[1 : len(raw)-1]) // no escapes: the common case, taken as is
			} else {
				var u string // its own variable: only an escaped string's goes to the heap
				if err := json.Unmarshal(raw, &u); err != nil {
					return "", syntaxError(p.line, p.col, CodeJSONBadString, nil)
				}
				s = u
			}
			// No line break in a string (a control character is refused):
			// the column moves on by its characters, which in valid UTF-8
			// are the bytes that do not continue one.
			p.col += runeCount(raw)
			p.off = i + 1
			return s, nil
		case c < 0x20:
			p.advance(i - start)
			return "", p.fail(CodeJSONControlChar, fmt.Sprintf("%U", rune(c)))
		}
		i++
	}
	return "", p.fail(CodeJSONUnterminated)
}

// plainStr reads the string at p.off when it ends within the window and
// holds neither an escape nor a control character, as most do: three
// passes a word or more at a time instead of one a byte. ok is false, and
// nothing is read, for any other string, which str reads byte by byte.
func (p *jsonParser) plainStr() (s string, ok bool) {
	body := p.src[p.off+1:]
	end := bytes.IndexByte(body, '"')
	if end < 0 {
		return "", false
	}
	body = body[:end]
	if bytes.IndexByte(body, '\\') >= 0 {
		return "", false
	}
	n, ok := plainRunes(body)
	if !ok {
		return "", false
	}
	p.col += n + 2 // and the quotes
	p.off += end + 2
	return p.strings.get(body), true
}

// plainRunes is runeCount of b, valid UTF-8, eight bytes at a time; ok is
// false when b holds a byte below 0x20 (a control character).
func plainRunes(b []byte) (n int, ok bool) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	n = len(b)
	var low uint64 // a high bit for each byte below 0x20, or for some byte after one
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		n -= bits.OnesCount64(x &^ (x << 1) & high) // 10xxxxxx: a continuation byte
		low |= (x - 0x20*ones) &^ x & high
	}
	for _, c := range b[i:] {
		if c&0xC0 == 0x80 {
			n--
		}
		if c < 0x20 {
			low = 1
		}
	}
	return n, low == 0
}

// runeCount is utf8.RuneCount of valid UTF-8: the bytes that are not
// continuation bytes (10xxxxxx).
func runeCount(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

func (p *jsonParser) object(depth int) (*Node, error) {
	n := p.node(Node{Kind: Object, Line: p.line, Col: p.col})
	p.advance(1)
	p.skipSpace()
	if !p.end() && p.src[p.off] == '}' {
		p.advance(1)
		return n, nil
	}
	var seen map[string]bool // only for large objects: a scan is cheaper for a form's few keys
	for {
		p.skipSpace()
		if p.end() {
			return nil, p.fail(CodeJSONObjectEnd)
		}
		if p.src[p.off] != '"' {
			return nil, p.fail(CodeJSONExpectedKey, p.describeNext())
		}
		kl, kc := p.line, p.col
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		if hasKey(n.Keys, k, &seen) {
			return nil, duplicateError(kl, kc, append(p.path, pathStep{key: k}), p.bookKeys, k)
		}
		p.skipSpace()
		if p.end() || p.src[p.off] != ':' {
			return nil, p.fail(CodeJSONExpectedColon, p.describeNext(), strconv.Quote(k))
		}
		p.advance(1)
		p.skipSpace()
		var v *Node
		p.path = append(p.path, pathStep{key: k})
		if depth == 0 && k == "forms" && p.each != nil && !p.end() && p.src[p.off] == '[' {
			v, err = p.array(depth+1, p.each)
		} else {
			v, err = p.value(depth + 1)
		}
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		n.Keys = append(n.Keys, p.node(Node{Kind: Scalar, Line: kl, Col: kc, Text: k}))
		n.Vals = append(n.Vals, v)
		p.skipSpace()
		if p.end() {
			return nil, p.fail(CodeJSONObjectEnd)
		}
		switch p.src[p.off] {
		case ',':
			p.advance(1)
		case '}':
			p.advance(1)
			return n, nil
		default:
			return nil, p.fail(CodeJSONObjectComma, p.describeNext())
		}
	}
}

// array parses a list; with each, items are handed over instead of kept.
func (p *jsonParser) array(depth int, each func(int, *Node)) (*Node, error) {
	n := p.node(Node{Kind: Array, Line: p.line, Col: p.col, Streamed: each != nil})
	mark := p.nodes.used
	count := 0
	p.advance(1)
	p.skipSpace()
	if !p.end() && p.src[p.off] == ']' {
		p.advance(1)
		return n, nil
	}
	for {
		p.skipSpace()
		p.path = append(p.path, pathStep{index: count + len(n.Items), isIndex: true})
		v, err := p.value(depth + 1)
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		if each != nil {
			each(count, v)
			count++
			p.nodes.used = mark // the item's nodes are free again
		} else {
			n.Items = append(n.Items, v)
		}
		p.skipSpace()
		if p.end() {
			return nil, p.fail(CodeJSONListEnd)
		}
		switch p.src[p.off] {
		case ',':
			p.advance(1)
		case ']':
			p.advance(1)
			return n, nil
		default:
			return nil, p.fail(CodeJSONListComma, p.describeNext())
		}
	}
}

// ParseYAML parses one YAML document into nodes. Aliases may expand it to
// at most maxBytes of text. bookKeys are the keys of a book (for paths).
func ParseYAML(src []byte, maxBytes int, bookKeys []string) (*Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, syntaxError(1, 1, CodeYAMLNoDocument, nil)
		}
		return nil, yamlError(err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		line := next.Line
		if line == 0 {
			line = 1
		}
		return nil, syntaxError(line, 1, CodeYAMLSecondDocument, nil)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, syntaxError(1, 1, CodeYAMLNoDocument, nil)
	}
	// Aliases may repeat a value many times ("billion laughs"): bound both
	// the number of values and the bytes of text they expand to. Values
	// written out are bounded by the file's size and not counted.
	c := &yamlConv{aliasNodes: MaxAliasNodes, bytes: maxBytes, bookKeys: bookKeys}
	return c.node(doc.Content[0], nil)
}

// MaxAliasNodes bounds the values that aliases may add to a YAML file (a
// variable for the tests).
var MaxAliasNodes = 1 << 20

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
		return syntaxError(line, 1, CodeYAMLInvalid, []string{strings.TrimSpace(rest)})
	}
	return syntaxError(1, 1, CodeYAMLInvalid, []string{msg})
}

// yamlConv converts the YAML library's nodes into nodes.
type yamlConv struct {
	aliasNodes, bytes int // what aliases may still expand to
	aliases           int // > 0 inside the value an alias names
	bookKeys          []string
	strings           stringCache
	// nodes, when set, gives the nodes (of forms handed to each one at a
	// time, taken back after each).
	nodes *nodePool
}

// newNode returns a node set to v, from the pool if there is one.
func (c *yamlConv) newNode(v Node) *Node {
	if c.nodes != nil {
		return c.nodes.get(v)
	}
	return &v
}

func (c *yamlConv) node(y *yaml.Node, path []pathStep) (*Node, error) {
	depth := len(path)
	if c.aliases > 0 {
		c.aliasNodes--
		c.bytes -= len(y.Value)
		if c.aliasNodes < 0 || c.bytes < 0 {
			return nil, syntaxError(y.Line, y.Column, CodeYAMLTooBig, nil)
		}
	}
	if depth > MaxDepth {
		return nil, depthError(y.Line, y.Column)
	}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, syntaxError(y.Line, y.Column, CodeYAMLUnknownAlias, nil)
		}
		c.aliases++
		n, err := c.node(y.Alias, path)
		c.aliases--
		return n, err
	case yaml.MappingNode:
		n := c.newNode(Node{Kind: Object, Line: y.Line, Col: y.Column})
		var seen map[string]bool // only for large mappings, as in JSON
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, syntaxError(k.Line, k.Column, CodeYAMLKeyNotString, nil)
			}
			if k.Value == "<<" {
				return nil, syntaxError(k.Line, k.Column, CodeYAMLMergeKey, nil)
			}
			if hasKey(n.Keys, k.Value, &seen) {
				return nil, duplicateError(k.Line, k.Column, append(path, pathStep{key: k.Value}), c.bookKeys, k.Value)
			}
			vn, err := c.node(v, append(path[:len(path):len(path)], pathStep{key: k.Value}))
			if err != nil {
				return nil, err
			}
			n.Keys = append(n.Keys, c.newNode(Node{Kind: Scalar, Line: k.Line, Col: k.Column, Text: c.strings.getString(k.Value)}))
			n.Vals = append(n.Vals, vn)
		}
		return n, nil
	case yaml.SequenceNode:
		n := c.newNode(Node{Kind: Array, Line: y.Line, Col: y.Column})
		for _, item := range y.Content {
			cn, err := c.node(item, append(path[:len(path):len(path)], pathStep{index: len(n.Items), isIndex: true}))
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, cn)
		}
		return n, nil
	case yaml.ScalarNode:
		v := Node{Kind: Scalar, Line: y.Line, Col: y.Column, Text: c.strings.getString(y.Value)}
		switch y.ShortTag() {
		case "!!int", "!!float":
			v.Scalar = Number
		case "!!bool":
			v.Scalar = Bool
		case "!!null":
			v.Scalar = Null
		}
		return c.newNode(v), nil
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return nil, syntaxError(y.Line, y.Column, CodeYAMLEmpty, nil)
		}
		return c.node(y.Content[0], path)
	}
	return nil, syntaxError(y.Line, y.Column, CodeYAMLUnsupported, nil)
}

// hasKey reports whether key is among keys, switching to a set once the
// object grows large so that hostile input cannot make it quadratic. It
// records key in the set when one is in use.
func hasKey(keys []*Node, key string, set *map[string]bool) bool {
	const small = 32
	if *set == nil && len(keys) < small {
		for _, k := range keys {
			if k.Text == key {
				return true
			}
		}
		return false
	}
	if *set == nil {
		*set = make(map[string]bool, 2*len(keys))
		for _, k := range keys {
			(*set)[k.Text] = true
		}
	}
	if (*set)[key] {
		return true
	}
	(*set)[key] = true
	return false
}
