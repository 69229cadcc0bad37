package model

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSchemaMatchesStructs keeps the schema and the structs in step: every
// member of Form (but its indicator rows) is one field of the table, in
// order, with the same JSON key; likewise Indicator and Columns.
func TestSchemaMatchesStructs(t *testing.T) {
	tags := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			out = append(out, rt.Field(i).Tag.Get("json"))
		}
		return out
	}
	var keys []string
	for _, f := range Fields() {
		keys = append(keys, f.Key)
		require.NotEmpty(t, f.Label, f.Key)
	}
	require.Equal(t, tags(Form{}), append(keys, IndicatorsKey))
	keys = nil
	for _, c := range Columns() {
		keys = append(keys, c.Key)
		require.NotEmpty(t, c.Label, c.Key)
		require.Equal(t, c.Label, strings.ReplaceAll(c.Printed, "|", ""), "the printed header is the label with break marks")
	}
	require.Equal(t, tags(Indicator{}), keys)
	for _, f := range Fields() {
		if f.Printed != "" {
			require.Equal(t, f.Label, strings.ReplaceAll(f.Printed, "|", ""), "the printed label is the label with break marks")
		}
	}
}

// sample returns a value for the field that no other field has.
func sample(fd Field, i int) string {
	switch fd.Kind {
	case YearKind:
		return strconv.Itoa(2000 + i)
	case AmountKind:
		return strconv.Itoa(100+i) + ".5"
	case LongKind:
		return "段落" + strconv.Itoa(i) + "\n第二段 <&>"
	}
	return "文本" + strconv.Itoa(i)
}

// TestEveryFieldRoundTrips sets each field of the schema through its
// accessor, and checks that the encoder writes it under its key and the
// decoder reads it back into the same field (JSON and YAML), each accessor
// touching its own member only.
func TestEveryFieldRoundTrips(t *testing.T) {
	var f Form
	for i, fd := range Fields() {
		require.NoError(t, fd.Set(&f, sample(fd, i)))
	}
	for i, fd := range Fields() {
		require.Equal(t, sample(fd, i), fd.Value(&f), "%s: the accessors of two fields share a member", fd.Key)
	}
	for i, c := range Columns() {
		f.Indicators = append(f.Indicators, Indicator{})
		c.Set(&f.Indicators[0], "值"+strconv.Itoa(i))
	}
	var buf bytes.Buffer
	require.NoError(t, EncodeJSON(&buf, &Book{Year: 2024, Forms: []Form{f}}))
	enc := buf.String()
	enc = enc[strings.Index(enc, `"forms"`):]
	last := -1
	for _, fd := range Fields() {
		at := strings.Index(enc, strconv.Quote(fd.Key)+": ")
		require.Greater(t, at, last, "%s is written, after the field before it", fd.Key)
		last = at
	}
	b, _, err := Decode(buf.Bytes(), "book.json", FormatAuto)
	require.NoError(t, err)
	require.Equal(t, f, b.Forms[0])

	var yaml strings.Builder
	for i, fd := range Fields() {
		v := strconv.Quote(sample(fd, i))
		if fd.Kind == YearKind {
			v = sample(fd, i)
		}
		yaml.WriteString(fd.Key + ": " + v + "\n")
	}
	b, _, err = Decode([]byte(yaml.String()), "form.yaml", FormatAuto)
	require.NoError(t, err, yaml.String())
	for i, fd := range Fields() {
		require.Equal(t, sample(fd, i), fd.Value(&b.Forms[0]), fd.Key)
	}
}

// TestEveryRequiredFieldReported empties each required field of a valid
// form in turn: validation reports exactly that field, by its label.
func TestEveryRequiredFieldReported(t *testing.T) {
	n := 0
	for _, fd := range Fields() {
		f := validForm(t)
		require.NoError(t, fd.Set(&f, ""))
		problems := Validate(&Book{Forms: []Form{f}}, nil).Errors()
		if !fd.Required {
			require.Empty(t, problems, "%s is not required", fd.Key)
			continue
		}
		n++
		require.Len(t, problems, 1, fd.Key)
		p := problems[0]
		require.Equal(t, CodeRequiredMissing, p.Code)
		require.Equal(t, "forms[0]."+fd.Key, p.Path)
		require.Equal(t, []string{fd.Label}, p.Args)
		require.Equal(t, fd.Label+" is missing", english(p))
	}
	require.Equal(t, 6, n, "单位名称, 主管部门, 项目名称, 年度 and the two amounts are required")
}

// TestUnknownKeyNamesTheSchema: the keys a form may have come from the
// schema, in its order.
func TestUnknownKeyNamesTheSchema(t *testing.T) {
	_, _, err := Decode([]byte(`{"projekt": "x"}`), "f.json", FormatAuto)
	de := DecodeErrors(err)
	require.Len(t, de, 1)
	p := de[0].Problems[0]
	require.Equal(t, CodeUnknownKeySimilar, p.Code)
	require.Equal(t, "projekt", p.Args[0])
	require.Equal(t, "project", p.Args[1])
	// The known keys are the arguments after the kind, one each: the
	// catalogue joins them as the language writes a list.
	require.Equal(t, formKeys(), p.Args[3:])
	require.Equal(t, Location{File: "f.json", Line: 1, Column: 2}, p.Loc)
	require.Equal(t, `unknown key "projekt" (did you mean project?); a form has the keys `+strings.Join(formKeys(), ", "), english(p))
}

func TestProblemString(t *testing.T) {
	// String is for programmers: code and arguments, no message text.
	p := Problem{Severity: Error, Code: CodeLevel2NotInLevel1, Path: "forms[4].indicators[7].level2", Args: []string{"质量", "产出指标", "质量指标"}}
	require.Equal(t, `forms[4].indicators[7].level2: level2-not-in-level1 ["质量" "产出指标" "质量指标"]`, p.String())
	p.Loc = Location{File: "book.json", Line: 212, Column: 21}
	require.Equal(t, `book.json:212:21: forms[4].indicators[7].level2: level2-not-in-level1 ["质量" "产出指标" "质量指标"]`, p.String())
	p.Loc = Location{File: "book.xlsx", Sheet: "表1", Cell: "C5"}
	require.Equal(t, `book.xlsx: 表1!C5: forms[4].indicators[7].level2: level2-not-in-level1 ["质量" "产出指标" "质量指标"]`, p.String())
	p.Severity, p.Loc, p.Path, p.Code, p.Args = Warning, Location{File: "seed.txt", Line: 3}, "", CodeNoIndicators, nil
	require.Equal(t, "seed.txt:3: warning: no-indicators", p.String())
	ps := Problems{p, {Severity: Error, Code: CodeNoForms}}
	require.Equal(t, "seed.txt:3: warning: no-indicators\nno-forms", ps.Error())
	require.Equal(t, "no-forms", ps.Err().Error())
	// User text in the arguments is escaped.
	require.Equal(t, `level1-split ["\x1b[2J"]`, Problem{Code: CodeLevel1Split, Args: []string{"\x1b[2J"}}.String())
	require.NoError(t, Problems{p}.Err())
	i, ok := FormIndex("forms[12].indicators[3]")
	require.True(t, ok)
	require.Equal(t, 12, i)
	_, ok = FormIndex("forms")
	require.False(t, ok)
}

// TestCodes: every code is a kebab-case constant of codes.go with a
// comment, and no two share a value.
func TestCodes(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "codes.go", nil, parser.ParseComments)
	require.NoError(t, err)
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]string{}
	for _, d := range file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			name := vs.Names[0].Name
			require.True(t, strings.HasPrefix(name, "Code"), name)
			v, err := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
			require.NoError(t, err)
			require.Regexp(t, kebab, v, name)
			require.NotNil(t, vs.Comment, "%s has no comment", name)
			require.NotContains(t, seen, v, "%s and %s share a code", name, seen[v])
			seen[v] = name
		}
	}
	require.Greater(t, len(seen), 40)
}

// TestDecodeProblemsHaveCodes: every decoding problem has a code and its
// arguments stand in its message.
func TestDecodeProblemsHaveCodes(t *testing.T) {
	for _, src := range []string{
		``, "\x00", "{\"a\": \xff}", `{"forms": 3}`, `{"forms": [1, {"year": "x", "unit": 3, "total_amount": true, "indicators": [1, {"level9": ""}]}]}`,
		`{"a": 1, "a": 2}`, `{"x": [1, 2`, `[1]`, `{"total_amount": "` + strings.Repeat("1", 100) + `"}`,
	} {
		_, _, err := Decode([]byte(src), "f.json", FormatJSON)
		des := DecodeErrors(err)
		require.Len(t, des, 1, src)
		for _, p := range des[0].Problems {
			require.Equal(t, "f.json", p.Loc.File)
			requireArgsQuoted(t, p)
		}
	}
}
