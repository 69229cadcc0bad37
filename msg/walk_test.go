package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// repoRoot is the module's root, from this package's directory.
const repoRoot = ".."

// parseGo parses the non-test Go files of the repository, by path.
func parseGo(t *testing.T) map[string]*ast.File {
	t.Helper()
	files := map[string]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != repoRoot || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(path)] = f
		return nil
	})
	require.NoError(t, err)
	return files
}

// codeConsts returns the constants of type Code declared in file: name →
// value.
func codeConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for i, n := range vs.Names {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
					out[n.Name], _ = strconv.Unquote(lit.Value)
				}
			}
		}
	}
	return out
}

// stringConsts returns the string constants named Code… in f (the
// problem codes of model/codes.go).
func stringConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			if i < len(vs.Values) && strings.HasPrefix(name.Name, "Code") {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					out[name.Name], _ = strconv.Unquote(lit.Value)
				}
			}
		}
		return true
	})
	return out
}

// TestCatalogueWalk: every code of the catalogue is a constant (of this
// package, or a problem code of model/codes.go), every such constant has an
// entry, and every constant of this package is used: outside the package
// as msg.Name, or inside it other than where it is declared and given its
// texts.
func TestCatalogueWalk(t *testing.T) {
	files := parseGo(t)
	consts := map[string]string{} // msg constant name → code
	for path, f := range files {
		if filepath.Base(filepath.Dir(path)) == "msg" {
			for n, v := range codeConsts(f) {
				consts[n] = v
			}
		}
	}
	require.NotEmpty(t, consts)
	known := map[Code]bool{}
	for _, v := range consts {
		require.False(t, known[Code(v)], "code %s declared twice", v)
		known[Code(v)] = true
	}
	if f, ok := files["../model/xlsx/messages.go"]; ok {
		for n, v := range codeConsts(f) {
			require.True(t, Has(Code(v)), "xlsx.%s (%s) has no entry in the catalogue", n, v)
			known[Code(v)] = true
		}
	}
	var modelCodes map[string]string
	if f, ok := files["../model/codes.go"]; ok {
		modelCodes = stringConsts(f)
		for n, v := range modelCodes {
			require.True(t, Has(Code(v)), "model.%s (%s) has no entry in the catalogue", n, v)
			known[Code(v)] = true
		}
	}
	for _, name := range []string{"../model/seedtext/repairs.go", "../model/internal/jsonyaml/codes.go"} {
		f, ok := files[name]
		require.True(t, ok, name)
		for n, v := range stringConsts(f) {
			require.True(t, Has(Code(v)), "%s: %s (%s) has no entry in the catalogue", name, n, v)
			known[Code(v)] = true
		}
	}
	for _, c := range Codes() {
		require.True(t, known[c], "catalogue entry %s is no code constant", c)
	}
	for c := range known {
		require.True(t, Has(c), "code %s has no entry in the catalogue", c)
	}

	// Uses: msg.Name outside, Name inside (not the declaration, not the
	// catalogue key).
	used := map[string]bool{}
	for path, f := range files {
		if filepath.Base(filepath.Dir(path)) != "msg" {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "msg" {
						used[sel.Sel.Name] = true
					}
				}
				return true
			})
			continue
		}
		// Inside: the names declared and the catalogue's codes (the first
		// value of a row of a []item table) are no uses.
		notUse := map[*ast.Ident]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for _, id := range n.Names {
					notUse[id] = true
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					notUse[id] = true
				}
			case *ast.CompositeLit:
				if at, ok := n.Type.(*ast.ArrayType); ok {
					if elt, ok := at.Elt.(*ast.Ident); ok && elt.Name == "item" {
						for _, row := range n.Elts {
							if row, ok := row.(*ast.CompositeLit); ok && len(row.Elts) > 0 {
								if id, ok := row.Elts[0].(*ast.Ident); ok {
									notUse[id] = true
								}
							}
						}
					}
				}
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !notUse[id] {
				used[id.Name] = true
			}
			return true
		})
	}
	for name := range consts {
		if !used[name] {
			t.Errorf("msg.%s is never used", name)
		}
	}
}

// TestNoTextOutsideCatalogue: the command prints nothing but catalogue
// texts: no call in cmd/ prints or makes an error from a literal with
// words in it.
func TestNoTextOutsideCatalogue(t *testing.T) {
	printers := map[string]bool{
		"fmt.Fprint": true, "fmt.Fprintf": true, "fmt.Fprintln": true,
		"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
		"fmt.Errorf": true, "errors.New": true, "io.WriteString": true,
	}
	for _, dir := range []string{"cmd/jixiao", "pipeline"} {
		eachCall(t, dir, func(pos token.Position, pkg, fn string, call *ast.CallExpr) {
			if !printers[pkg+"."+fn] {
				return
			}
			for _, arg := range call.Args {
				// "pipeline: LayOut needs a book and fonts": a bug of
				// the caller, told to the user as an internal error.
				if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING && hasWords(lit.Value) &&
					!(pkg == "errors" && strings.HasPrefix(lit.Value, `"pipeline: `)) {
					t.Errorf("%s: %s.%s with the text %s: put it in the message catalogue (package msg)",
						pos, pkg, fn, lit.Value)
				}
			}
		})
	}
}

// TestFontFaultsInCatalogue: package fonts makes no error of words of
// its own: each reason a font is refused is a code of the catalogue
// (msg/fonts.go), with the font library's words at most in its English
// (msg.Detail). The exceptions are the errors no font file can cause,
// listed here with what rules them out; a programmer's prefix ("fonts:
// %s: %w") is no text.
func TestFontFaultsInCatalogue(t *testing.T) {
	internal := map[string]string{
		`"fonts: embedded %s: %w"`:                                                 "the embedded fonts parse: their tests",
		`"fonts: %s: glyph %d: unknown outline segment %d"`:                        "sfnt gives the four kinds of segment only",
		`"font collection given where a single font was expected"`:                 "parse makes a face of a collection a file of its own",
		`"bad hhea.numberOfHMetrics %d"`:                                           "sfnt.Parse, which every Font has passed, refuses these",
		`"font has no glyph for U+%04X"`:                                           "the backends draw only the characters a font has",
		`"fonts: table file does not match the font; run go test ./fonts -update"`: "embedded parses the font instead: never told",
	}
	seen := map[string]bool{}
	eachCall(t, "fonts", func(pos token.Position, pkg, fn string, call *ast.CallExpr) {
		if !(pkg == "errors" && fn == "New" || pkg == "fmt" && fn == "Errorf") {
			return
		}
		for _, arg := range call.Args {
			lit, ok := arg.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || !hasWords(strings.Replace(lit.Value, "fonts: ", "", 1)) {
				continue
			}
			if internal[lit.Value] != "" {
				seen[lit.Value] = true
				continue
			}
			t.Errorf("%s: %s.%s with the text %s: a reason a font is refused is a code of the catalogue (msg/fonts.go)",
				pos, pkg, fn, lit.Value)
		}
	})
	for lit := range internal {
		require.True(t, seen[lit], "%s is no longer made: take it off the list", lit)
	}
}

// eachCall calls visit with every call pkg.fn(…) of a package by its
// name in the Go files (tests left out) of dir, a directory of the
// repository; a directory that is not there has none.
func eachCall(t *testing.T, dir string, visit func(pos token.Position, pkg, fn string, call *ast.CallExpr)) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(repoRoot, dir))
	if os.IsNotExist(err) {
		return
	}
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(repoRoot, dir, name), nil, 0)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok {
						visit(fset.Position(call.Pos()), pkg.Name, sel.Sel.Name, call)
					}
				}
			}
			return true
		})
	}
}

// hasWords reports whether a Go string literal holds letters other than
// those of formatting verbs (%s, %d, %w …).
func hasWords(lit string) bool {
	s, err := strconv.Unquote(lit)
	if err != nil {
		s = lit
	}
	letters := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+1 < len(s) {
			i++
			continue
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 {
			letters++
		}
	}
	return letters > 0
}

// TestRepairTemplates: each repair the seed importer makes (im.repair(line,
// CodeX, values…) in model/seedtext) names a repair code whose templates, in
// English and in Chinese, have a place for each of its values and no more
// (a repair stores no text: the catalogue's is its only one); and every
// repair code is used.
func TestRepairTemplates(t *testing.T) {
	files := parseGo(t)
	codes := stringConsts(files["../model/seedtext/repairs.go"])
	seen := map[string]bool{}
	for path, f := range files {
		if !strings.HasPrefix(path, "../model/seedtext/") {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "repair" {
				return true
			}
			id, ok := call.Args[1].(*ast.Ident)
			require.True(t, ok, "%s: im.repair takes a code constant", path)
			code, ok := codes[id.Name]
			require.True(t, ok, "%s: %s is no repair code", path, id.Name)
			seen[id.Name] = true
			for _, l := range []Lang{English, Chinese} {
				require.Equal(t, len(call.Args)-2, places(l.Template(Code(code))), "%s: the values of %s in %s", path, id.Name, l)
			}
			return true
		})
	}
	for name := range codes {
		if !seen[name] && !strings.HasPrefix(name, "CodeRepairKind") && name != "CodeRepairText" {
			t.Errorf("seedtext.%s is never used by im.repair", name)
		}
	}
}
