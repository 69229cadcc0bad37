// Package seedtext imports the tab-separated text extraction of a year's
// forms (the "seed", e.g. testdata/seed-jiangyin-2024.txt) as a model.Book,
// repairing the damage the extraction did and reporting each repair.
package seedtext

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"jixiao/internal/safetext"
	"jixiao/model"
	"jixiao/model/internal/clean"
)

// Repair is one guess or repair the seed importer made on damaged input: a
// garbled label replaced, a shifted cell put back, a fragment dropped, a text
// cleaned. Line is the 1-based line of the seed it concerns.
type Repair struct {
	Name string   // source name given to Import
	Line int      // 1-based line number in the seed
	Code string   // the kind of repair, one of the CodeRepair… constants
	Args []string // the values its message quotes ({1} {2} … in the catalogue)
}

// String formats r for a programmer (logs, %v in tests): "name:LINE:
// code [args]". A user reads it through the message catalogue
// (msg.RepairText).
func (r Repair) String() string {
	return safetext.Escape(fmt.Sprintf("%s:%d: %s %q", r.Name, r.Line, r.Code, r.Args))
}

// MaxSeedSize bounds what Import reads (bytes); the real seed is 80 KB.
const MaxSeedSize = 64 << 20

// Import reads the text extraction of a year's forms (the format of
// testdata/seed-jiangyin-2024.txt: tab-separated cells, one table row a line,
// each form starting at the title line 市级财政项目支出预算绩效目标表) and
// returns the book, every repair it made (in line order) and an error when
// the input cannot be read as forms. name is used in messages only.
//
// Repairs are what a person would do with the printed forms at hand: the
// 一级 and 二级 of a row follow from its 三级 (the standard 三级 of 决策 and
// 过程) or its 二级 label (every 二级 has exactly one 一级); garbled or
// truncated labels are matched to the one framework name they can stand for;
// rows whose labels moved to a neighbouring line are put back; stray
// fragments are dropped; values go through NormalizeValue, long texts
// through CleanText and short fields through CleanLabel.
func Import(r io.Reader, name string) (*model.Book, []Repair, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSeedSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("model: %s: %w", name, err)
	}
	if len(data) > MaxSeedSize {
		return nil, nil, &SeedError{Name: name, Line: 1, Code: model.CodeSeedTooLarge, Args: []string{strconv.Itoa(MaxSeedSize)}}
	}
	im := &importer{name: name}
	if err := im.split(data); err != nil {
		return nil, nil, err
	}
	book, err := im.book()
	if err != nil {
		return nil, nil, err
	}
	// repairs are made per form and row; report them in line order
	sort.SliceStable(im.repairs, func(i, j int) bool { return im.repairs[i].Line < im.repairs[j].Line })
	return book, im.repairs, nil
}

// TitleLines returns the line numbers of the title lines of a seed text,
// read as Import reads them: form i of the book it imports starts at
// line TitleLines(data)[i]. Text that cannot be imported gives nil.
func TitleLines(data []byte) []int {
	im := &importer{}
	if im.split(data) != nil {
		return nil
	}
	var lines []int
	for _, r := range im.rows {
		if isTitle(r) {
			lines = append(lines, r.line)
		}
	}
	return lines
}

// ErrSeed is wrapped by every error Import returns for input that cannot
// be read as forms (as opposed to I/O errors of the reader).
var ErrSeed = errors.New("cannot import seed")

// seedRow is one line of the seed: its non-empty cells, trimmed, with the
// column each came from.
type seedRow struct {
	line  int
	cells []seedCell
}

type seedCell struct {
	col  int
	text string
}

func (r seedRow) texts() []string {
	t := make([]string, len(r.cells))
	for i, c := range r.cells {
		t[i] = c.text
	}
	return t
}

func (r seedRow) String() string { return strings.Join(r.texts(), " | ") }

type importer struct {
	name    string
	rows    []seedRow // non-blank rows only
	lastLn  int       // number of lines in the input
	pos     int
	repairs []Repair
}

// errorf makes the SeedError of code at line; args are the values the
// message quotes, kept as the error's Args.
func (im *importer) errorf(line int, code string, args ...any) error {
	e := &SeedError{Name: im.name, Line: line, Code: code}
	for _, a := range args {
		e.Args = append(e.Args, fmt.Sprint(a))
	}
	return e
}

// SeedError is an input Import cannot read as forms, at a line of it.
// It matches ErrSeed with errors.Is.
type SeedError struct {
	Name string   // source name given to Import
	Line int      // 1-based line number
	Code string   // the problem code (model/codes.go)
	Args []string // the values the message quotes
}

// Problem returns the error as a problem of the seed file.
func (e *SeedError) Problem() model.Problem {
	return model.Problem{Severity: model.Error, Code: e.Code, Loc: model.Location{File: e.Name, Line: e.Line},
		Args: e.Args}
}

// Error is for a programmer: code and arguments. A user reads the
// problem (Problem) through the message catalogue.
func (e *SeedError) Error() string { return "model: " + e.Problem().String() }

// Is makes errors.Is(err, ErrSeed) true for every SeedError.
func (e *SeedError) Is(target error) bool { return target == ErrSeed }

// repair records a repair: code with the values its message quotes
// ({1} {2} … of the catalogue's template).
func (im *importer) repair(line int, code string, args ...string) {
	im.repairs = append(im.repairs, Repair{Name: im.name, Line: line, Code: code, Args: args})
}

// split checks that data is text and splits it into rows of cells.
func (im *importer) split(data []byte) error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if enc := model.UTF16Encoding(data); enc != "" && !utf8.Valid(data) {
		return im.errorf(1, model.CodeUTF16, enc)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return im.errorf(1, model.CodeSeedEmpty, model.DefaultTitle)
	}
	lines := strings.Split(string(data), "\n")
	im.lastLn = len(lines)
	if lines[len(lines)-1] == "" {
		im.lastLn-- // the final line break ends the last line
	}
	for i, l := range lines {
		n := i + 1
		if !utf8.ValidString(l) || strings.ContainsRune(l, 0) {
			return im.errorf(n, model.CodeSeedNotText)
		}
		var row seedRow
		for col, c := range strings.Split(strings.TrimRight(l, "\r"), "\t") {
			if c = strings.TrimSpace(c); c != "" {
				row.cells = append(row.cells, seedCell{col, c})
			}
		}
		if len(row.cells) > 0 {
			row.line = n
			im.rows = append(im.rows, row)
		}
	}
	return nil
}

// normKey makes a row label comparable: no blanks, full-width parentheses,
// ASCII digits (the year line may be typed in full-width: （２０２５年度）).
func normKey(s string) string {
	return keyReplacer().Replace(model.NormalizeDigits(strings.Join(strings.Fields(s), "")))
}

var keyReplacer = sync.OnceValue(func() *strings.Replacer { return strings.NewReplacer("(", "（", ")", "）", "\u3000", "") })

func isTitle(r seedRow) bool {
	return normKey(strings.Join(r.texts(), "")) == model.DefaultTitle
}

// isRule reports whether every cell of r is a horizontal rule ("-----").
func isRule(r seedRow) bool {
	for _, c := range r.cells {
		if strings.Trim(c.text, "-—–=_─") != "" {
			return false
		}
	}
	return true
}

// The regular expressions, and the tables below, are built at the first
// import, not when a program that never imports a seed starts.
var yearRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:年度[:：]?)?(\d{4})年度?$`) })

func (im *importer) book() (*model.Book, error) {
	b := &model.Book{Title: model.DefaultTitle, Forms: []model.Form{}}
	if len(im.rows) == 0 {
		return nil, im.errorf(1, model.CodeSeedNoContent, model.DefaultTitle)
	}
	if !isTitle(im.rows[0]) {
		return nil, im.errorf(im.rows[0].line, model.CodeSeedNoTitle, model.DefaultTitle, clip(im.rows[0].String()))
	}
	for im.pos < len(im.rows) {
		f, err := im.form(len(b.Forms) + 1)
		if err != nil {
			return nil, err
		}
		if len(b.Forms) == 0 {
			b.Year = f.Year
		} else if f.Year != b.Year {
			return nil, im.errorf(im.rows[im.pos-1].line, model.CodeSeedYearDiffers, len(b.Forms)+1, f.Year, b.Year)
		}
		b.Forms = append(b.Forms, *f)
	}
	return b, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}

// The row labels of a form's header, after normKey: the labels of the
// form schema.
var (
	keyUnit       = label("unit")
	keyDepartment = label("department")
	keyProject    = label("project")
	keyTotal      = label("total_amount")
	keyYearAmount = label("year_amount")
)

func label(key string) string {
	f, _ := model.FieldByKey(key)
	return f.Label
}

var amountRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+(?:\.\d+)?$`) })

// form reads one form starting at the title row im.rows[im.pos].
func (im *importer) form(num int) (*model.Form, error) {
	titleLn := im.rows[im.pos].line
	im.pos++
	f := &model.Form{Title: model.DefaultTitle, Indicators: []model.Indicator{}}
	end := func() int { // the line where the form ended early
		if im.pos < len(im.rows) {
			return im.rows[im.pos].line
		}
		return im.lastLn
	}
	if im.pos >= len(im.rows) || isTitle(im.rows[im.pos]) {
		return nil, im.errorf(end(), model.CodeSeedTruncated, num, titleLn)
	}
	yr := im.rows[im.pos]
	m := yearRE().FindStringSubmatch(normKey(strings.Join(yr.texts(), "")))
	if m == nil {
		return nil, im.errorf(yr.line, model.CodeSeedNoYearLine, num, clip(yr.String()))
	}
	f.Year, _ = strconv.Atoi(m[1])
	im.pos++

	seen := map[string]int{}
	headerLn := 0
	for headerLn == 0 {
		if im.pos >= len(im.rows) || isTitle(im.rows[im.pos]) {
			return nil, im.errorf(end(), model.CodeSeedTruncated, num, titleLn)
		}
		row := im.rows[im.pos]
		im.pos++
		if isRule(row) {
			continue
		}
		key := normKey(row.cells[0].text)
		if strings.HasPrefix(key, "一级指") {
			headerLn = row.line
			im.indicatorHeader(row)
			break
		}
		if ln, dup := seen[key]; dup {
			return nil, im.errorf(row.line, model.CodeSeedDuplicateRow, num, key, ln)
		}
		seen[key] = row.line
		rest := row.cells[1:]
		switch key {
		case keyUnit:
			unit, dept := splitPair(rest, keyDepartment)
			f.Unit = im.label(row.line, keyUnit, unit)
			f.Department = im.label(row.line, keyDepartment, dept)
			seen[keyDepartment] = row.line
		case keyProject:
			f.Project = im.label(row.line, keyProject, joinCells(rest, " "))
		case keyTotal:
			total, year := splitPair(rest, keyYearAmount)
			var err error
			if f.TotalAmount, err = im.amount(row.line, num, keyTotal, total); err != nil {
				return nil, err
			}
			if f.YearAmount, err = im.amount(row.line, num, keyYearAmount, year); err != nil {
				return nil, err
			}
			seen[keyYearAmount] = row.line
		default:
			lt, ok := longTextByLabel(key)
			if !ok {
				return nil, im.errorf(row.line, model.CodeSeedUnexpectedRow, num, clip(row.String()))
			}
			_ = lt.Set(f, im.text(row.line, lt.Label, joinCells(rest, " ")))
		}
	}
	for _, k := range requiredHeader() {
		if _, ok := seen[k]; !ok {
			return nil, im.errorf(headerLn, model.CodeSeedMissingRow, num, titleLn, k)
		}
	}
	if f.Project == "" {
		return nil, im.errorf(seen[keyProject], model.CodeSeedEmptyProject, num)
	}

	t := newTable(im, num)
	for im.pos < len(im.rows) && !isTitle(im.rows[im.pos]) {
		row := im.rows[im.pos]
		im.pos++
		if isRule(row) {
			im.repair(row.line, CodeRepairRuleLine, strconv.Quote(clip(row.String())))
			continue
		}
		if err := t.add(row); err != nil {
			return nil, err
		}
	}
	if len(t.order) == 0 {
		return nil, im.errorf(end(), model.CodeSeedTruncated, num, titleLn)
	}
	f.Indicators = t.indicators(titleLn, f.Project)
	return f, nil
}

func requiredHeader() []string {
	keys := []string{keyUnit, keyDepartment, keyProject, keyTotal, keyYearAmount}
	for _, lt := range model.Fields() {
		if lt.Long() {
			keys = append(keys, lt.Label)
		}
	}
	return keys
}

// longTextByLabel returns the long text of the schema labelled key.
func longTextByLabel(key string) (model.Field, bool) {
	for _, lt := range model.Fields() {
		if lt.Long() && lt.Label == key {
			return lt, true
		}
	}
	return model.Field{}, false
}

// splitPair splits "A | KEY | B" cells into A and B; either may be empty.
func splitPair(cells []seedCell, key string) (a, b string) {
	for i, c := range cells {
		if normKey(c.text) == key {
			return joinCells(cells[:i], " "), joinCells(cells[i+1:], " ")
		}
	}
	return joinCells(cells, " "), ""
}

func joinCells(cells []seedCell, sep string) string {
	t := make([]string, len(cells))
	for i, c := range cells {
		t[i] = c.text
	}
	return strings.Join(t, sep)
}

// andRE finds the English " and " that the extraction put in place of 和
// between two Chinese characters.
var andRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\p{Han}) and (\p{Han})`) })

func (im *importer) fixAnd(line int, what, s string) string {
	re := andRE()
	if !re.MatchString(s) {
		return s
	}
	im.repair(line, CodeRepairAnd, what)
	// Matches overlap in 甲 and 乙 and 丙 (乙 ends one and starts the next):
	// replace until none is left.
	for re.MatchString(s) {
		s = re.ReplaceAllString(s, "${1}和${2}")
	}
	return s
}

// label cleans a short field and reports what changed.
func (im *importer) label(line int, what, raw string) string {
	if c := clean.CleanLabel(raw); c != strings.TrimSpace(raw) {
		im.repair(line, CodeRepairLabel, what, strconv.Quote(raw), strconv.Quote(c))
	}
	return clean.CleanLabel(im.fixAnd(line, what, raw))
}

// text cleans a long text and reports what kind of damage it repaired.
func (im *importer) text(line int, what, raw string) string {
	s := clean.CleanText(im.fixAnd(line, what, raw))
	c := clean.CleanText(raw)
	if c == strings.TrimSpace(raw) {
		return s
	}
	var codes []string
	kind := func(code string) { codes = append(codes, code) }
	if clean.HasTags(raw) {
		kind(CodeRepairKindMarkup)
	}
	if html.UnescapeString(raw) != raw {
		kind(CodeRepairKindEntities)
	}
	if strings.ContainsAny(raw, `$\`) {
		kind(CodeRepairKindLaTeX)
	}
	if strings.ContainsAny(clean.StripTags(raw, " "), ",;:()?!") {
		kind(CodeRepairKindPunct)
	}
	if len(codes) == 0 {
		kind(CodeRepairKindSpacing)
	}
	if strings.Count(c, "\n") > 0 && !strings.Contains(strings.TrimSpace(raw), "\n") {
		n := strconv.Itoa(strings.Count(c, "\n") + 1)
		kind(CodeRepairKindLines + ":" + n)
	}
	im.repairs = append(im.repairs, Repair{Name: im.name, Line: line, Code: CodeRepairText,
		Args: []string{what, strings.Join(codes, ",")}})
	return s
}

func (im *importer) amount(line, num int, what, raw string) (model.Amount, error) {
	s := strings.ReplaceAll(clean.NormalizeValue(raw), ",", "")
	if !amountRE().MatchString(s) {
		return "", im.errorf(line, model.CodeSeedNotNumber, num, what, raw)
	}
	return model.Amount(s), nil
}

// standardHeader is the indicator table's header row: the labels of the
// schema's columns.
var standardHeader = sync.OnceValue(func() []string {
	var out []string
	for _, c := range model.Columns() {
		out = append(out, c.Label)
	}
	return out
})

func (im *importer) indicatorHeader(row seedRow) {
	t := row.texts()
	standardHeader := standardHeader()
	if len(t) != len(standardHeader) {
		im.repair(row.line, CodeRepairHeaderStandard, strconv.Quote(clip(row.String())))
		return
	}
	for i, c := range t {
		if normKey(c) != standardHeader[i] {
			im.repair(row.line, CodeRepairHeaderColumn, c, standardHeader[i])
		}
	}
}

// level2s is Framework flattened: every 二级 with its 一级, in print order.
var level2s = sync.OnceValue(func() [][2]string {
	var l [][2]string
	for _, c := range framework() {
		for _, l2 := range c.Level2 {
			l = append(l, [2]string{c.Name, l2})
		}
	}
	return l
})

func level2Index(name string) int {
	for i, l := range level2s() {
		if l[1] == name {
			return i
		}
	}
	return -1
}

// table collects the indicator rows of one form by 二级.
type table struct {
	im      *importer
	num     int
	cur     int                 // index in level2s of the 二级 rows continue, -1 before any
	rows    [][]model.Indicator // by 二级
	listed  [][]int             // lines of category rows (二级 without 三级), by 二级
	order   []int               // 二级 of each row in input order
	lineOf  []int               // input line of each entry of order
	stdSeen map[string]int
}

func newTable(im *importer, num int) *table {
	return &table{im: im, num: num, cur: -1,
		rows: make([][]model.Indicator, len(level2s())), listed: make([][]int, len(level2s())),
		stdSeen: map[string]int{}}
}

// add reads one indicator row.
func (t *table) add(row seedRow) error {
	im := t.im
	n := len(row.cells)
	if n <= 2 {
		// a category row (a 二级 without 三级) or a stray fragment
		k, ok := t.resolve(row, row.cells, true)
		if !ok {
			return im.errorf(row.line, model.CodeSeedUnreadableRow, t.num, clip(row.String()))
		}
		if k < 0 {
			return nil // reported by resolve
		}
		t.listed[k] = append(t.listed[k], row.line)
		t.order = append(t.order, k)
		t.lineOf = append(t.lineOf, row.line)
		t.cur = k
		return nil
	}
	l3cell := row.cells[n-3]
	labels := row.cells[:n-3]
	l3 := im.label(row.line, "三级", l3cell.text)
	half := im.value(row.line, "半年", row.cells[n-2].text)
	full := im.value(row.line, "全年", row.cells[n-1].text)
	var k int
	if std, ok := model.StandardOf(l3); ok {
		k = level2Index(std.Level2)
		for _, c := range labels {
			lab := normKey(clean.CleanLabel(c.text))
			if lab == std.Level1 || lab == std.Level2 {
				continue
			}
			if c.col == 0 {
				im.repair(row.line, CodeRepairL3Level1, c.text, std.Level1, l3)
			} else {
				im.repair(row.line, CodeRepairL3Level2, c.text, std.Level2, l3)
			}
		}
		if len(labels) == 0 && t.cur >= 0 && t.cur != k {
			im.repair(row.line, CodeRepairL3Moved, l3, std.Level1, std.Level2, level2s()[t.cur][1])
		}
		if ln, dup := t.stdSeen[l3]; dup {
			im.repair(row.line, CodeRepairL3Twice, l3, strconv.Itoa(t.num), strconv.Itoa(ln))
		} else {
			t.stdSeen[l3] = row.line
		}
	} else {
		if frameworkName(l3) && !labelsName(labels, l3) {
			// A 一级/二级 name in the 三级 column means the row has lost a
			// cell (a value left empty): the cells cannot be placed safely.
			return im.errorf(row.line, model.CodeSeedEmptyValueCell, t.num, clip(row.String()), l3)
		}
		var ok bool
		k, ok = t.resolve(row, labels, false)
		if !ok || k < 0 {
			if t.cur < 0 {
				return im.errorf(row.line, model.CodeSeedLevel3WithoutLevel2, t.num, l3)
			}
			k = t.cur
			if len(labels) > 0 {
				im.repair(row.line, CodeRepairLabelsUnknown, strconv.Quote(clip(joinCells(labels, " | "))), l3, level2s()[k][1])
			}
		}
		if len(labels) == 0 && l3cell.col == 0 {
			im.repair(row.line, CodeRepairL3Shifted, l3, level2s()[k][1])
		}
	}
	t.rows[k] = append(t.rows[k], model.Indicator{Level1: level2s()[k][0], Level2: level2s()[k][1], Level3: l3, HalfYear: half, FullYear: full})
	t.order = append(t.order, k)
	t.lineOf = append(t.lineOf, row.line)
	t.cur = k
	return nil
}

func (im *importer) value(line int, what, raw string) string {
	v := clean.NormalizeValue(raw)
	if v != strings.TrimSpace(raw) {
		im.repair(line, CodeRepairValue, what, strconv.Quote(raw), strconv.Quote(v))
	}
	return v
}

// resolve finds the 二级 that the label cells of a row name. It returns
// ok=false when no label can be read, k=-1 with ok=true when the row is a
// fragment that was dropped (and reported).
func (t *table) resolve(row seedRow, labels []seedCell, category bool) (k int, ok bool) {
	im := t.im
	k, at := -1, -1
	fuzzy := false
	for i := len(labels) - 1; i >= 0 && k < 0; i-- {
		lab := normKey(clean.CleanLabel(labels[i].text))
		if j := level2Index(lab); j >= 0 {
			k, at = j, i
		} else if j := t.fuzzyLevel2(lab); j >= 0 {
			k, at, fuzzy = j, i, true
		}
	}
	if k >= 0 {
		if fuzzy {
			im.repair(row.line, CodeRepairLevel2Read, labels[at].text, level2s()[k][1])
		}
		for i, c := range labels {
			if i == at {
				continue
			}
			lab := normKey(clean.CleanLabel(c.text))
			if lab == level2s()[k][0] || lab == level2s()[k][1] {
				continue
			}
			if i < at {
				im.repair(row.line, CodeRepairLevel1By2, c.text, level2s()[k][0], level2s()[k][1])
			} else {
				im.repair(row.line, CodeRepairLabelIgnored, c.text, level2s()[k][1])
			}
		}
		return k, true
	}
	// no 二级 label: maybe an 一级 alone
	for i := len(labels) - 1; i >= 0; i-- {
		lab := normKey(clean.CleanLabel(labels[i].text))
		c := fuzzyLevel1(lab)
		if c < 0 {
			continue
		}
		cat := framework()[c]
		if lab != cat.Name {
			im.repair(row.line, CodeRepairLevel1Read, labels[i].text, cat.Name)
		}
		if t.cur >= 0 && level2s()[t.cur][0] == cat.Name {
			return t.cur, true
		}
		if len(cat.Level2) == 1 {
			return level2Index(cat.Level2[0]), true
		}
		if category {
			im.repair(row.line, CodeRepairOnlyLevel1, strconv.Quote(clip(row.String())), cat.Name)
			return -1, true
		}
		j := level2Index(cat.Level2[0])
		im.repair(row.line, CodeRepairLevel2Guessed, cat.Name, level2s()[j][1])
		return j, true
	}
	return -1, false
}

// fuzzyLevel2 matches a truncated or garbled 二级 label (时效指, 服务对,
// 满意度) to the one 二级 name it is a prefix or suffix of, looking only at
// the 二级 from the current one on (the table runs in framework order).
func (t *table) fuzzyLevel2(lab string) int {
	if lab == "" {
		return -1
	}
	from := t.cur
	if from < 0 {
		from = 0
	}
	found := -1
	for j := from; j < len(level2s()); j++ {
		name := level2s()[j][1]
		if strings.HasPrefix(name, lab) || strings.HasSuffix(name, lab) {
			if found >= 0 {
				return -1 // ambiguous
			}
			found = j
		}
	}
	return found
}

// fuzzyLevel1 matches an 一级 label: exact, a prefix of one 一级 name, or
// sharing its first two characters with exactly one (满意度目标 → 满意度指标).
func fuzzyLevel1(lab string) int {
	if i := model.CategoryIndex(lab); i >= 0 {
		return i
	}
	if utf8.RuneCountInString(lab) < 2 {
		return -1
	}
	found := -1
	for i, c := range framework() {
		if strings.HasPrefix(c.Name, lab) || commonPrefix(c.Name, lab) >= 2 {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// commonPrefix counts the runes a and b share at their start.
func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

// indicators returns the rows in framework order, a 二级 listed without 三级
// as one empty row, and reports stray fragments and order repairs.
func (t *table) indicators(titleLn int, project string) []model.Indicator {
	im := t.im
	for i := 1; i < len(t.order); i++ {
		if t.order[i] < t.order[i-1] {
			im.repair(t.lineOf[i], CodeRepairOrder, level2s()[t.order[i]][1], level2s()[t.order[i-1]][1])
		}
	}
	out := []model.Indicator{}
	for k, l := range level2s() {
		switch {
		case len(t.rows[k]) > 0:
			out = append(out, t.rows[k]...)
			for _, ln := range t.listed[k] {
				im.repair(ln, CodeRepairFragment, l[1])
			}
		case len(t.listed[k]) > 0:
			out = append(out, model.Indicator{Level1: l[0], Level2: l[1]})
			for _, ln := range t.listed[k][1:] {
				im.repair(ln, CodeRepairSecondEmpty, l[1])
			}
		default:
			im.repair(titleLn, CodeRepairNoLevel2, strconv.Itoa(t.num), project, l[0], l[1])
		}
	}
	for _, l3 := range standardOrder() {
		if _, ok := t.stdSeen[l3]; !ok {
			im.repair(titleLn, CodeRepairNoStandardL3, strconv.Itoa(t.num), project, l3)
		}
	}
	return out
}

// framework is the standard indicator framework, read once.
var framework = sync.OnceValue(model.Framework)

// standardOrder lists the standard 三级 in print order.
var standardOrder = sync.OnceValue(func() []string {
	var out []string
	for _, s := range model.StandardLevel3() {
		out = append(out, s.Level3)
	}
	return out
})

// frameworkName reports whether s is the name of a 一级 or 二级 category.
func frameworkName(s string) bool {
	if model.CategoryIndex(s) >= 0 {
		return true
	}
	_, ok := model.ParentOf(s)
	return ok
}

// labelsName reports whether one of the label cells reads name (a row may
// repeat its 二级 as its 三级, as 服务对象满意度 often does).
func labelsName(labels []seedCell, name string) bool {
	for _, c := range labels {
		if normKey(clean.CleanLabel(c.text)) == name {
			return true
		}
	}
	return false
}
