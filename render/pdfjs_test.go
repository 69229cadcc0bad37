package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"jixiao/golden"
	"jixiao/layout"
)

// The second reader of the tags: pdf.js (pdfjs-dist 4.10.38, Mozilla,
// Apache-2.0; nobody here wrote it), installed by testdata/install-pdfjs
// into testdata/pdfjs (.ci/run runs it) and driven by
// testdata/pdfjs-struct.mjs in Node. pdf.js gives the structure tree page
// by page (page.getStructTree(): the elements with content on the page,
// with only that page's content, and their ancestors), and the text
// content with the marked-content boundaries, so each element's text on
// a page is joined from its marked-content IDs as a tag-aware reader
// copies it. An element over two pages is in both pages' trees; that it
// is one element, pdf.js does not say (poppler reads the whole tree).
const (
	pdfjsDir    = "testdata/pdfjs"
	pdfjsScript = "testdata/pdfjs-struct.mjs"
)

// pjNode is a node of pdf.js's structure tree: an element (Role) with
// children, or a content node (Type "content": marked content ID;
// "object": an annotation, ID its reference).
type pjNode struct {
	Role     string   `json:"role"`
	Children []pjNode `json:"children"`
	Type     string   `json:"type"`
	ID       string   `json:"id"`
}

// pjItem is an item of pdf.js's text content: a text (Type "") or a
// marked-content boundary.
type pjItem struct {
	Str  string `json:"str"`
	EOL  bool   `json:"eol"`
	Type string `json:"type"`
	ID   string `json:"id"`
	Tag  string `json:"tag"`
}

type pjPage struct {
	Tree   *pjNode  `json:"tree"`
	Items  []pjItem `json:"items"`
	Annots []struct {
		ID      string `json:"id"`
		Subtype string `json:"subtype"`
	} `json:"annots"`
}

// pjDoc is what pdfjs-struct.mjs prints.
type pjDoc struct {
	Lang     string `json:"lang"`
	MarkInfo struct {
		Marked bool `json:"Marked"`
	} `json:"markInfo"`
	Pages []pjPage `json:"pages"`
}

// pdfjsRead has pdf.js read the PDF b.
func pdfjsRead(t *testing.T, b []byte) pjDoc {
	t.Helper()
	node := golden.Tool(t, "node")
	if _, err := os.Stat(filepath.Join(pdfjsDir, "pdf.mjs")); err != nil {
		if os.Getenv(golden.RequireToolsEnv) == "1" {
			t.Fatalf("pdf.js is required (%s=1): run render/testdata/install-pdfjs: %v", golden.RequireToolsEnv, err)
		}
		t.Skipf("pdf.js is not installed (run render/testdata/install-pdfjs; set %s=1 to make this a failure)", golden.RequireToolsEnv)
	}
	file := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, pdfjsScript, pdfjsDir, file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", pdfjsScript, err, stderr.String())
	}
	var out pjDoc
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("pdf.js output: %v", err)
	}
	return out
}

// tnode is a structure element of one of the three views compared: what
// layout means (Item.Elem), what poppler reads, what pdf.js reads. A leaf
// (an element without element children) holds content.
type tnode struct {
	role string
	kids []*tnode
	text strings.Builder // a leaf's text, joined in reading order
	obj  bool            // a leaf holds an annotation (a Link's area)
	// layout only: a leaf's text on each page it has content on; the
	// order among siblings, and when first drawn; what pdf.js reads of
	// the leaf, its pages' parts joined.
	pageText     map[int]*strings.Builder
	order, first int
	read         strings.Builder
}

// leaves returns the leaves under n in reading order.
func (n *tnode) leaves() []*tnode {
	var out []*tnode
	var walk func(n *tnode)
	walk = func(n *tnode) {
		if len(n.kids) == 0 && n.role != "Document" {
			out = append(out, n)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return out
}

// nesting writes the tree under n, one element a line indented as
// nested, a leaf followed by its text, squeezed (text gives it, false
// for a leaf to leave out) and "+obj" if it holds an annotation;
// elements left without leaves are left out.
func (n *tnode) nesting(text func(*tnode) (string, bool)) string {
	var b strings.Builder
	var walk func(n *tnode, depth int) bool
	walk = func(n *tnode, depth int) bool {
		ind := strings.Repeat("  ", depth)
		if len(n.kids) == 0 && n.role != "Document" {
			s, ok := text(n)
			if !ok {
				return false
			}
			fmt.Fprintf(&b, "%s%s %q", ind, n.role, squeeze(s))
			if n.obj {
				b.WriteString(" +obj")
			}
			b.WriteString("\n")
			return true
		}
		mark := b.Len()
		fmt.Fprintf(&b, "%s%s\n", ind, n.role)
		any := false
		for _, k := range n.kids {
			any = walk(k, depth+1) || any
		}
		if !any && depth > 0 {
			s := b.String()[:mark]
			b.Reset()
			b.WriteString(s)
		}
		return any
	}
	walk(n, 0)
	return b.String()
}

// whole is the text of a leaf, all of it.
func whole(n *tnode) (string, bool) { return n.text.String(), true }

// onPage gives a layout leaf's text on page pi, if it has content there.
func onPage(pi int) func(*tnode) (string, bool) {
	return func(n *tnode) (string, bool) {
		if tb := n.pageText[pi]; tb != nil {
			return tb.String(), true
		}
		return "", false
	}
}

// firstDiff describes where the nestings got and want first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-4)
	ctx := func(l []string) string { return strings.Join(l[from:min(len(l), i+3)], "\n") }
	return fmt.Sprintf("line %d differs:\n--- read\n%s\n--- layout\n%s", i+1, ctx(g), ctx(w))
}

// kindRole is the standard structure type of each kind of layout
// element (ISO 32000-1, 14.8.4), the test's own, not render's.
var kindRole = map[layout.ElemKind]string{
	layout.Sect: "Sect", layout.H1: "H1", layout.P: "P",
	layout.Table: "Table", layout.THead: "THead", layout.TBody: "TBody",
	layout.TR: "TR", layout.TH: "TH", layout.TD: "TD",
	layout.TOC: "TOC", layout.TOCI: "TOCI", layout.LinkElem: "Link",
}

// layoutTree is the structure layout gives doc: each item's Elem and its
// ancestors under a Document, siblings by Order, ties in the order first
// drawn; a leaf's text is its items' text in drawing order.
func layoutTree(doc *layout.Document) *tnode {
	root := &tnode{role: "Document"}
	nodes := map[*layout.Elem]*tnode{}
	count := 0
	var get func(e *layout.Elem) *tnode
	get = func(e *layout.Elem) *tnode {
		if n := nodes[e]; n != nil {
			return n
		}
		parent := root
		if e.Parent != nil {
			parent = get(e.Parent)
		}
		n := &tnode{role: kindRole[e.Kind], order: e.Order, first: count, pageText: map[int]*strings.Builder{}}
		count++
		nodes[e] = n
		parent.kids = append(parent.kids, n)
		return n
	}
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			if it.Elem == nil {
				continue
			}
			n := get(it.Elem)
			tb := n.pageText[pi]
			if tb == nil {
				tb = &strings.Builder{}
				n.pageText[pi] = tb
			}
			switch it.Kind {
			case layout.Text:
				n.text.WriteString(it.Text)
				tb.WriteString(it.Text)
			case layout.Link:
				n.obj = true
			}
		}
	}
	var sortKids func(n *tnode)
	sortKids = func(n *tnode) {
		slices.SortStableFunc(n.kids, func(a, b *tnode) int {
			if a.order != b.order {
				return a.order - b.order
			}
			return a.first - b.first
		})
		for _, k := range n.kids {
			sortKids(k)
		}
	}
	sortKids(root)
	return root
}

// popplerTree parses pdfinfo -struct-text: elements indented two spaces a
// level, a marked-content sequence's text as a quoted line, an
// annotation as "Object N 0", attributes as "/Name value".
func popplerTree(t *testing.T, s string) *tnode {
	t.Helper()
	var root *tnode
	var stack []*tnode // stack[d]: the open element at depth d
	for _, l := range strings.Split(s, "\n") {
		tl := strings.TrimSpace(l)
		if tl == "" || strings.HasPrefix(tl, "/") {
			continue
		}
		depth := (len(l) - len(strings.TrimLeft(l, " "))) / 2
		switch {
		case strings.HasPrefix(tl, `"`):
			if depth == 0 || depth > len(stack) {
				t.Fatalf("pdfinfo -struct-text: text outside an element: %q", l)
			}
			stack[depth-1].text.WriteString(strings.TrimSuffix(strings.TrimPrefix(tl, `"`), `"`))
		case strings.HasPrefix(tl, "Object "):
			if depth == 0 || depth > len(stack) {
				t.Fatalf("pdfinfo -struct-text: object outside an element: %q", l)
			}
			stack[depth-1].obj = true
		default:
			role := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(tl, ":"), " (block)"), " (inline)")
			n := &tnode{role: role}
			if depth == 0 {
				if root != nil {
					t.Fatalf("pdfinfo -struct-text: two roots")
				}
				root = n
			} else {
				if depth > len(stack) {
					t.Fatalf("pdfinfo -struct-text: %q nested too deep", l)
				}
				stack[depth-1].kids = append(stack[depth-1].kids, n)
			}
			stack = append(stack[:depth], n)
		}
	}
	if root == nil {
		t.Fatal("pdfinfo -struct-text: no structure tree")
	}
	return root
}

// pdfjsView is what pdf.js reads of a document: each page's tree (its
// leaves' text that page's part, joined from their marked-content IDs),
// and the text of each page's /Artifact sequences.
type pdfjsView struct {
	pages    []*tnode // each page's Document element
	artifact []string // per page
	problems []string
}

func readPDFJS(pages []pjPage) *pdfjsView {
	v := &pdfjsView{}
	texts := map[string]*strings.Builder{}
	referenced := map[string]bool{}
	annots := map[string]string{}
	for pi, p := range pages {
		var art strings.Builder
		var stack []string // open marked content: "id:" and its ID, or its tag
		for _, it := range p.Items {
			switch it.Type {
			case "beginMarkedContentProps", "beginMarkedContent":
				if it.ID == "" {
					stack = append(stack, it.Tag)
					continue
				}
				if texts[it.ID] != nil {
					v.problems = append(v.problems, fmt.Sprintf("page %d: marked-content ID %s twice", pi+1, it.ID))
				}
				texts[it.ID] = &strings.Builder{}
				stack = append(stack, "id:"+it.ID)
			case "endMarkedContent":
				if len(stack) == 0 {
					v.problems = append(v.problems, fmt.Sprintf("page %d: unbalanced marked content", pi+1))
					continue
				}
				stack = stack[:len(stack)-1]
			case "":
				if strings.TrimSpace(it.Str) == "" {
					continue
				}
				if len(stack) != 1 {
					v.problems = append(v.problems, fmt.Sprintf("page %d: %q in %d marked-content sequences, want one", pi+1, it.Str, len(stack)))
					continue
				}
				switch top := stack[0]; {
				case strings.HasPrefix(top, "id:"):
					texts[top[3:]].WriteString(it.Str)
				case top == "Artifact":
					art.WriteString(it.Str)
				default:
					v.problems = append(v.problems, fmt.Sprintf("page %d: %q in marked content %s", pi+1, it.Str, top))
				}
			}
		}
		v.artifact = append(v.artifact, art.String())
		for _, a := range p.Annots {
			annots[a.ID] = a.Subtype
		}
	}
	for pi, p := range pages {
		var conv func(n pjNode) *tnode
		conv = func(n pjNode) *tnode {
			out := &tnode{role: n.Role}
			content := 0
			for _, c := range n.Children {
				switch {
				case c.Role != "":
					out.kids = append(out.kids, conv(c))
				case c.Type == "content":
					content++
					referenced[c.ID] = true
					if tb := texts[c.ID]; tb != nil {
						out.text.WriteString(tb.String())
					} else {
						v.problems = append(v.problems, fmt.Sprintf("page %d: %s holds %s, which the page does not mark", pi+1, n.Role, c.ID))
					}
				case c.Type == "object":
					content++
					out.obj = true
					if annots[c.ID] != "Link" {
						v.problems = append(v.problems, fmt.Sprintf("page %d: %s holds object %s, not a link annotation", pi+1, n.Role, c.ID))
					}
				default:
					v.problems = append(v.problems, fmt.Sprintf("page %d: %s holds %s %s", pi+1, n.Role, c.Type, c.ID))
				}
			}
			if len(out.kids) > 0 && content > 0 {
				v.problems = append(v.problems, fmt.Sprintf("page %d: %s holds elements and content", pi+1, n.Role))
			}
			return out
		}
		doc := &tnode{role: "Document"}
		if p.Tree != nil {
			if p.Tree.Role != "Root" || len(p.Tree.Children) != 1 || p.Tree.Children[0].Role != "Document" {
				v.problems = append(v.problems, fmt.Sprintf("page %d: the tree's root holds %d elements, want one Document", pi+1, len(p.Tree.Children)))
			}
			for _, c := range p.Tree.Children {
				doc.kids = append(doc.kids, conv(c).kids...)
			}
		}
		v.pages = append(v.pages, doc)
	}
	for id := range texts {
		if !referenced[id] {
			v.problems = append(v.problems, fmt.Sprintf("marked content %s belongs to no element", id))
		}
	}
	slices.Sort(v.problems)
	return v
}

// checkPDFJS compares what pdf.js and poppler read of b, a PDF of doc,
// with the structure layout gave doc. pdf.js, page by page: the nesting
// of the layout's elements with content on the page, each leaf's text on
// the page whole and in reading order, each link's annotation; the
// leaves' parts joined over the pages give each element's text whole.
// poppler, the whole tree: the same nesting, each leaf's text whole.
// Every text of the layout without an element is in an /Artifact
// sequence of its page, and all other text in an element's. It returns
// pdf.js's view and the layout's tree.
func checkPDFJS(t *testing.T, doc *layout.Document, b []byte) (*pdfjsView, *tnode) {
	t.Helper()
	pj := pdfjsRead(t, b)
	if pj.Lang != "zh-CN" || !pj.MarkInfo.Marked {
		t.Errorf("pdf.js reads /Lang %q, /MarkInfo /Marked %v; want zh-CN, true", pj.Lang, pj.MarkInfo.Marked)
	}
	v := readPDFJS(pj.Pages)
	for _, p := range v.problems {
		t.Error(p)
	}
	want := layoutTree(doc)
	if len(v.pages) != len(doc.Pages) {
		t.Fatalf("pdf.js reads %d pages, want %d", len(v.pages), len(doc.Pages))
	}
	failed := map[int]bool{}
	for pi := range doc.Pages {
		got, exp := v.pages[pi].nesting(whole), want.nesting(onPage(pi))
		if got != exp {
			t.Errorf("page %d: pdf.js reads another structure than layout made: %s", pi+1, firstDiff(got, exp))
			failed[pi] = true
			continue
		}
		// Same nesting: the leaves match one to one.
		var wl []*tnode
		for _, n := range want.leaves() {
			if n.pageText[pi] != nil {
				wl = append(wl, n)
			}
		}
		for i, g := range v.pages[pi].leaves() {
			wl[i].read.WriteString(g.text.String())
		}
	}
	for _, n := range want.leaves() {
		if slices.ContainsFunc(slices.Collect(maps.Keys(n.pageText)), func(pi int) bool { return failed[pi] }) {
			continue // reported above
		}
		if squeeze(n.read.String()) != squeeze(n.text.String()) {
			t.Errorf("%s: pdf.js reads %q over its pages, layout made %q", n.role, n.read.String(), n.text.String())
		}
	}
	// poppler reads the whole tree: the same nesting, the same texts.
	pop := popplerTree(t, structText(t, b))
	if got, exp := pop.nesting(whole), want.nesting(whole); got != exp {
		t.Errorf("poppler reads another structure than layout made: %s", firstDiff(got, exp))
	}
	// Artifacts: their text is in an /Artifact sequence of their page
	// (an element holding it would have failed above).
	for pi, p := range doc.Pages {
		art := squeeze(v.artifact[pi])
		for _, it := range p.Items {
			if it.Kind == layout.Text && it.Elem == nil && !strings.Contains(art, squeeze(it.Text)) {
				t.Errorf("page %d: artifact %s %q is not in an /Artifact sequence", pi+1, it.Field, it.Text)
			}
		}
	}
	return v, want
}

// structure is a nesting without the texts.
var leafText = regexp.MustCompile(` ".*"`)

func structure(s string) string { return leafText.ReplaceAllString(s, "") }

// TestPDFJSForm: pdf.js reads forms 2 and 4 (three pages each; in form
// 2 a long text over a page break, in form 4 a span's label repeated
// after one) with the nesting Document → Sect → H1, P, Table → TR →
// TH/TD and Table → THead/TBody → TR → TH/TD, each cell whole in table
// order (a cell over a page break in two parts, one a page), the running
// heads, footers and repeated labels artifacts; poppler reads the same
// nesting, the row over the page break one TR.
func TestPDFJSForm(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	forms := exampleForms(t)
	for _, fi := range []int{1, 3} {
		t.Run(fmt.Sprintf("form-%02d", fi+1), func(t *testing.T) {
			doc := formDocument(t, forms, fi)
			b := mustBytes(t, doc, Options{Creator: "jixiao test"})
			v, want := checkPDFJS(t, doc, b)
			var all strings.Builder
			for _, p := range v.pages {
				all.WriteString(structure(p.nesting(whole)))
			}
			for _, w := range []string{
				"Document\n  Sect\n    H1\n    P\n    Table\n      TR\n        TH\n        TD\n        TH\n        TD\n",
				"    Table\n      THead\n        TR\n          TH\n          TH\n          TH\n          TH\n          TH\n      TBody\n        TR\n          TD\n",
			} {
				if !strings.Contains(all.String(), w) {
					t.Errorf("pdf.js's pages lack\n%s\nin\n%s", w, all.String())
				}
			}
			// The cases this test is for: a cell, and so its row, over a
			// page break, read by pdf.js in two parts (checked above to
			// join whole); a span's label repeated as an artifact.
			split, repeated, heads := 0, 0, 0
			for _, n := range want.leaves() {
				if len(n.pageText) > 1 {
					split++
				}
			}
			for _, p := range doc.Pages {
				for _, it := range p.Items {
					switch {
					case it.Field == "head" || it.Field == "footer":
						heads++
					case it.Kind == layout.Text && it.Elem == nil && strings.HasPrefix(it.Field, "indicators["):
						repeated++
					}
				}
			}
			if fi == 1 && split == 0 {
				t.Error("no cell of form 2 runs over a page break")
			}
			if fi == 3 && repeated == 0 {
				t.Error("no label of form 4 is repeated after a page break")
			}
			// A head on every page but the first, a footer on every page.
			if heads != 2*len(doc.Pages)-1 || len(want.kids) != 1 {
				t.Errorf("%d running heads and footers, %d parts: want %d, one part", heads, len(want.kids), 2*len(doc.Pages)-1)
			}
		})
	}
}

// TestPDFJSBinder: pdf.js reads the binder (cover, contents, 18 forms):
// the contents page a TOC of TOCI, each a Link holding its texts and its
// link annotation; every form as TestPDFJSForm; poppler reads the same.
func TestPDFJSBinder(t *testing.T) {
	// Mostly waiting on another program: run beside the other such tests.
	t.Parallel()
	doc, book := exampleBinder(t)
	v, _ := checkPDFJS(t, doc, mustBytes(t, doc, Options{}))
	toc := -1
	for pi, p := range v.pages {
		if strings.Contains(p.nesting(whole), "TOC\n") {
			toc = pi
			break
		}
	}
	if toc < 0 {
		t.Fatal("pdf.js reads no TOC")
	}
	got := structure(v.pages[toc].nesting(whole))
	// A unit's heading, a line per form, the unit's subtotal, the total.
	w := "Document\n  H1\n  TOC\n    TOCI\n" + strings.Repeat("    TOCI\n      Link +obj\n", len(book.Forms)) + "    TOCI\n    TOCI\n"
	if got != w {
		t.Errorf("pdf.js's contents page:\n%s\nwant\n%s", got, w)
	}
}
