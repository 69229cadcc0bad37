package model

import (
	"fmt"
	"math/big"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"jixiao/internal/safetext"
	"jixiao/internal/workpool"
)

// Validate checks a book and returns every problem at once, in the order of
// the fields. src, when not nil, gives the problems their file locations.
//
// Errors: a missing required field (see Fields); a year outside 1900–2200;
// more indicator rows than MaxIndicators (the rows past it are not
// checked); a malformed amount; year_amount
// above total_amount; control characters;
// an unknown 一级, or a 二级 that is not one of its 一级; a standard 三级 of
// 决策/过程 under the wrong 二级; a category split in two places; a duplicate
// 三级 in one 二级; a 三级 without values, or values without a 三级; an
// empty-category row beside rows of the same 二级.
//
// Warnings (completeness ones only when the rows have no errors):
// categories out of the framework's order; a standard category or
// standard 三级 missing; a 三级 with only one of its two values; a form whose
// year differs from the book's; a form without indicators.
//
// The problems found while reading the input come first (src's warnings,
// such as a workbook's sheets that are not forms).
//
// The forms are checked on up to GOMAXPROCS goroutines when the book is
// large enough for that to pay (formChunks); the problems are the same,
// in the same order, as a check on one. b and src are only read, so
// several Validates of one book may run at once.
func Validate(b *Book, src *Source) Problems {
	return validate(b, src, runtime.GOMAXPROCS(0), parallelWork)
}

// validate is Validate with the forms checked by at most workers
// goroutines when their work is at least minWork (see formChunks). The
// problems are the same, in the same order, for any number of workers.
func validate(b *Book, src *Source, workers, minWork int) Problems {
	v := newValidator(src)
	v.bookStart(b)
	if chunks := formChunks(b, src, workers, minWork); chunks != nil {
		v.formsParallel(b, chunks, workers)
	} else {
		for i := range b.Forms {
			v.bookForm(b, i)
		}
	}
	v.bookEnd(b)
	return v.problems
}

// newValidator returns a validator of a book read from src (nil: no
// places), with the problems found while reading recorded first.
func newValidator(src *Source) *validator {
	v := &validator{src: src}
	if src != nil {
		v.readErrs = map[string]bool{}
		for _, p := range src.warnings {
			v.record(p)
			if p.Severity != Error {
				continue
			}
			if p.Path != "" {
				v.readErrs[p.Path] = true
			}
			if p.Loc.Cell != "" {
				v.readErrs[cellKey(p.Loc)] = true
			}
		}
	}
	return v
}

// bookStart checks what comes before the forms: the book's own year.
func (v *validator) bookStart(b *Book) {
	// The book's own year is printed on the binder's cover: the same
	// range as a form's (0 is no year given: the forms' years are used).
	// A file holding one form is a book whose year is the form's: that
	// year is reported once, at the form.
	if b.Year != 0 && !plausibleYear(b.Year) && !formsAllOfYear(b.Forms, b.Year) {
		v.fail(CodeYearImplausible, "year", strconv.Itoa(b.Year))
	}
}

// bookEnd checks what comes after the forms: that there are some, and
// the signature fields given for the whole book.
func (v *validator) bookEnd(b *Book) {
	if len(b.Forms) == 0 {
		v.fail(CodeNoForms, "forms")
	}
	for _, fd := range SignFields() {
		if s := b.Sign[fd.Key]; s != "" {
			v.control(s, false, func() string { return fd.Key })
		}
	}
}

// bookForm checks form i of b, as a form and as one of the book.
func (v *validator) bookForm(b *Book, i int) {
	v.form(&b.Forms[i], FormPath(i))
	v.formOfBook(b, i)
}

// plausibleYear reports whether y is a year a form may be of, 1900–2200.
func plausibleYear(y int) bool { return y >= 1900 && y <= 2200 }

// formOfBook checks form i as one of the book (its last check): its year.
func (v *validator) formOfBook(b *Book, i int) {
	f := &b.Forms[i]
	// A year out of range is an error of its own: not also of another year.
	if b.Year != 0 && f.Year != 0 && f.Year != b.Year && plausibleYear(f.Year) && plausibleYear(b.Year) {
		v.warn(CodeFormYearDiffers, FormPath(i)+".year", strconv.Itoa(f.Year), strconv.Itoa(b.Year))
	}
}

// The forms of a book are checked in parallel when there are enough of
// them: a form's problems depend on the form alone (its own error count
// decides its completeness warnings), on the read problems (readErrs,
// complete before any form is checked, then only read) and on the cells
// told before it (told), which are cells of its own sheet. So the forms are cut into
// runs of consecutive forms, each run checked by a validator of its own
// that only reads the book and its Source, and the runs' problems are
// joined in the order of the forms: the list of the serial check.
//
// parallelWork is the work (indicator rows, a form counting as
// parallelRowsPerForm more: its fields, maps and completeness cost about
// 20 µs, a row 0.5 µs) below which the forms are checked serially: four
// forms of the example's, some 150–200 µs of checking. BenchmarkValidate
// on 2 cores, with a core to spare: in parallel 2 forms take 0.8 of the
// serial time, 4 forms 0.87–1.0, 16 0.78, 170 0.68, 1,000 0.65; with none
// to spare (a busy machine), 2 and 4 forms are slower. Below four forms the
// gain is some tens of µs, not worth that loss.
const (
	parallelWork        = 256
	parallelRowsPerForm = 40
	// chunksPerWorker runs of forms for each worker, so that a run of
	// long forms does not leave the other workers idle at the end.
	chunksPerWorker = 8
)

// formChunks returns where the runs of forms that the workers check start
// (the last entry is len(b.Forms)), or nil when the forms are to be checked
// serially: one worker, less work than minWork, or forms that share a
// sheet, whose cells one form's check could tell before another's (told).
func formChunks(b *Book, src *Source, workers, minWork int) []int {
	n := len(b.Forms)
	if workers < 2 || n < 2 {
		return nil
	}
	work := 0
	for i := range b.Forms {
		work += parallelRowsPerForm + min(len(b.Forms[i].Indicators), MaxIndicators)
	}
	if work < minWork {
		return nil
	}
	if src != nil && sheetsShared(src) {
		return nil
	}
	// Runs of about equal work, at least one form each.
	runs := min(n, workers*chunksPerWorker)
	per := (work + runs - 1) / runs
	starts := make([]int, 0, runs+1)
	starts = append(starts, 0)
	acc := 0
	for i := range b.Forms {
		acc += parallelRowsPerForm + min(len(b.Forms[i].Indicators), MaxIndicators)
		if acc >= per && i+1 < n {
			starts = append(starts, i+1)
			acc = 0
		}
	}
	return append(starts, n)
}

// sheetsShared reports whether two forms of src were read from one sheet.
func sheetsShared(src *Source) bool {
	var seen map[string]bool
	for i := range src.forms {
		s := src.forms[i].sheet
		if s == "" {
			continue
		}
		if seen[s] {
			return true
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[s] = true
	}
	return false
}

// formsParallel checks the runs of forms that start at chunks on at most
// workers goroutines and records their problems in the order of the forms.
func (v *validator) formsParallel(b *Book, chunks []int, workers int) {
	err := workpool.Ordered(len(chunks)-1, workers, 0,
		func(k int) (*validator, error) {
			w := &validator{src: v.src, readErrs: v.readErrs}
			for i := chunks[k]; i < chunks[k+1]; i++ {
				w.bookForm(b, i)
			}
			return w, nil
		},
		func(_ int, w *validator) error {
			v.problems = append(v.problems, w.problems...)
			v.errors += w.errors
			return nil
		})
	if err != nil {
		// A panic of a check, which the serial check would have raised
		// in the caller's goroutine: raised there still.
		panic(err)
	}
}

// formsAllOfYear reports whether there are forms and each is of year y (each
// then reports y itself if it is implausible).
func formsAllOfYear(forms []Form, y int) bool {
	for i := range forms {
		if forms[i].Year != y {
			return false
		}
	}
	return len(forms) > 0
}

type validator struct {
	src      *Source
	problems Problems
	// errors counts the problems of severity Error so far: a form asks
	// whether its rows added any, which must not rescan the problems of
	// every form before it (10,000 forms took 9 s).
	errors int
	// readErrs holds the paths and cells (cellKey) of the errors found
	// while reading; told, the problems at a cell reported so far.
	readErrs map[string]bool
	told     map[string]bool
	rows     *rowCheck // the state of the rows' checks, kept from form to form
}

// record appends a problem.
func (v *validator) record(p Problem) {
	if p.Severity == Error {
		v.errors++
	}
	v.problems = append(v.problems, p)
}

// add records a problem of code at path; args are the values its message
// quotes.
func (v *validator) add(sev Severity, code, path string, args ...string) {
	v.addProblem(newProblem(sev, code, path, args...))
}

// addProblem records p, located by its path, unless it is told already:
// an error found while reading stands at its field or cell (an empty 项目名称
// cell is not also a missing 项目名称), and one mistake in a workbook's
// merged cell, which every row of the merge reads, is reported once.
func (v *validator) addProblem(p Problem) {
	if loc, ok := v.src.Location(p.Path); ok {
		p.Loc = loc
	}
	if v.readErrs[p.Path] || p.Loc.Cell != "" && v.readErrs[cellKey(p.Loc)] {
		return
	}
	if p.Loc.Cell != "" {
		k := cellKey(p.Loc) + "\x00" + p.Code + "\x00" + strings.Join(p.Args, "\x00")
		if v.told[k] {
			return
		}
		if v.told == nil {
			v.told = map[string]bool{}
		}
		v.told[k] = true
	}
	v.record(p)
}

// cellKey names a workbook's cell, apart from any field path.
func cellKey(l Location) string { return "\x00" + l.File + "\x00" + l.Sheet + "!" + l.Cell }

func (v *validator) fail(code, path string, args ...string) {
	v.add(Error, code, path, args...)
}

func (v *validator) warn(code, path string, args ...string) {
	v.add(Warning, code, path, args...)
}

func (v *validator) form(f *Form, prefix string) {
	p := func(k string) string { return prefix + "." + k }
	// Each field of the schema: required ones must be given, years
	// plausible, amounts well formed. Texts are checked first, then the
	// year, then the amounts (each kind in schema order), the order in which
	// these problems have always been listed.
	amounts := map[string]*big.Rat{}
	for _, fd := range fieldsByKind(TextKind, LongKind, YearKind, AmountKind) {
		if fd.Required && fd.empty(f) {
			v.fail(CodeRequiredMissing, p(fd.Key), fd.Label)
			continue
		}
		switch fd.Kind {
		case YearKind:
			if y := *fd.year(f); y != 0 && !plausibleYear(y) {
				v.fail(CodeYearImplausible, p(fd.Key), strconv.Itoa(y))
			}
		case AmountKind:
			amounts[fd.Key] = v.amount(*fd.amount(f), p(fd.Key), fd.Label)
		}
	}
	total, year := amounts["total_amount"], amounts["year_amount"]
	if total != nil && year != nil && year.Cmp(total) > 0 {
		v.fail(CodeYearAmountAbove, p("year_amount"), string(f.YearAmount), string(f.TotalAmount))
	}
	// The rows past MaxIndicators are not read: a form of 100,000 rows,
	// made in Go or imported from a seed text, is told as too long, and
	// its first rows' problems, not 100,000 rows' worth of them.
	rows, over := f.Indicators, len(f.Indicators) > MaxIndicators
	if over {
		rows = rows[:MaxIndicators]
	}
	texts := *f
	texts.Indicators = rows
	texts.EachText(func(key string, row int, text string, long bool) {
		// The path is written only for a message.
		path := func() string { return TextPath(prefix, key, row) }
		v.control(text, long, path)
		if _, runs := CollapseBlankLines(text); long && runs > 0 {
			v.warn(CodeBlankLinesCollapsed, path(), strconv.Itoa(runs))
		}
	})
	// Invisible and reordering characters in a project name would hide in
	// the file names of render --out-dir (which leaves them out) and in
	// the binder's contents.
	if bad := invisibles(f.Project); len(bad) > 0 {
		v.warn(CodeInvisibleInName, p("project"), bad...)
	}
	// The limit the decoders keep as they read, for every input: a
	// seed text, or a form made in Go. A JSON form over it is refused as it
	// is read (no rows reach here); a workbook's is told at its header,
	// and here not again (readErrs), its first rows checked as any
	// input's.
	if over {
		v.fail(CodeTooManyIndicators, p(IndicatorsKey), strconv.Itoa(len(f.Indicators)), strconv.Itoa(MaxIndicators))
	}
	v.indicators(rows, p(IndicatorsKey), !over)
}

// invisibles lists the invisible or reordering characters of s, each
// once, as "U+202E"; none when there are none.
func invisibles(s string) []string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range s {
		if safetext.Invisible(r) && !seen[r] {
			seen[r] = true
			out = append(out, fmt.Sprintf("U+%04X", r))
		}
	}
	return out
}

// amount checks an amount that is given (a missing one is reported as a
// required field).
func (v *validator) amount(a Amount, path, label string) *big.Rat {
	if a == "" {
		return nil
	}
	r, _, err := a.Parse()
	if err != nil {
		p := newProblem(Error, CodeAmountMalformed, path, label, string(a))
		if ae, ok := err.(*amountError); ok {
			p.Code, p.Args = ae.code, append([]string{label}, ae.args...)
		}
		v.addProblem(p)
		return nil
	}
	if r.Cmp(yuanLike) >= 0 {
		// The amount as a plain number (24690000, not a cell's 24690000.0):
		// the label says its unit.
		q := tenThousandth(r)
		v.addProblem(newProblem(Warning, CodeAmountLooksLikeYuan, path, label, plainDecimal(r), q))
	}
	return r
}

// yuanLike is the amount from which a sum in 万元 is more likely a sum in
// 元 typed into the field: 1,000,000 万元 is 100亿元, beyond any one
// project of a municipal budget.
var yuanLike = big.NewRat(1000000, 1)

// tenThousandth writes r ÷ 10000 as a plain decimal without trailing zeros.
func tenThousandth(r *big.Rat) string {
	return plainDecimal(new(big.Rat).Quo(r, big.NewRat(10000, 1)))
}

// plainDecimal writes r (of at most ten decimals) as a plain decimal
// without trailing zeros: 24690000.0 → 24690000, 4012.80 → 4012.8.
func plainDecimal(r *big.Rat) string {
	s := r.FloatString(10)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// control reports control characters: none is allowed but the line feed
// that separates paragraphs of a long text.
func (v *validator) control(text string, long bool, path func() string) {
	i := 0
	for _, r := range text {
		i++
		if r == '\n' && long {
			continue
		}
		if Control(r) {
			if r == '\n' {
				v.fail(CodeLineBreak, path(), strconv.Itoa(i))
			} else {
				v.fail(CodeControlCharacter, path(), fmt.Sprintf("%U", r), strconv.Itoa(i))
			}
			return
		}
	}
}

// Control reports whether r is a character Validate refuses in every
// text of a form (a control character, a line or paragraph separator), but
// the line feed of a long text.
func Control(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// rowKey names a 二级 category by its 一级 and 二级.
type rowKey struct{ l1, l2 string }

// level3Key is a 三级 under its 一级 and 二级.
type level3Key struct {
	rowKey
	level3 string
}

// rowCheck is the state of the checks of one form's indicator rows, kept
// as the rows are walked in order.
type rowCheck struct {
	v        *validator
	rows     []Indicator
	path     string // forms[i].indicators
	closed1  map[string]bool
	closed2  map[rowKey]bool
	split1   map[string]bool
	split2   map[rowKey]bool
	level3s  map[level3Key]int // the 三级 of each 二级 with their row
	has3     map[rowKey]bool   // the 二级 that have a row with a 三级
	std3     map[string]bool   // the standard 三级 given exactly, under their 二级
	misspelt map[string]bool   // the standard 三级 a misspelt row stands for

	present map[rowKey]bool // the 二级 the rows have (completeness)

	lastCat, lastSub int  // the category of the last row in the standard order
	outOfOrder       bool // reported once
}

// rowCheck returns the validator's row state, emptied for rows: its maps
// are made once and cleared for each form after, keeping their room
// (making them for every form was a fifth of the check's time).
func (v *validator) rowCheck(rows []Indicator, path string) *rowCheck {
	c := v.rows
	if c == nil {
		c = &rowCheck{v: v,
			closed1: map[string]bool{}, closed2: map[rowKey]bool{},
			split1: map[string]bool{}, split2: map[rowKey]bool{},
			level3s: map[level3Key]int{}, has3: map[rowKey]bool{},
			std3: map[string]bool{}, misspelt: map[string]bool{},
			present: map[rowKey]bool{}}
		v.rows = c
	} else {
		clear(c.closed1)
		clear(c.closed2)
		clear(c.split1)
		clear(c.split2)
		clear(c.level3s)
		clear(c.has3)
		clear(c.std3)
		clear(c.misspelt)
		clear(c.present)
	}
	c.rows, c.path = rows, path
	c.lastCat, c.lastSub, c.outOfOrder = -1, -1, false
	return c
}

// indicators checks a form's rows; whole is false when they are the first
// of more rows (MaxIndicators), and then no category or 三级 is told
// missing: the rows not read may hold it.
func (v *validator) indicators(rows []Indicator, path string, whole bool) {
	if len(rows) == 0 {
		v.warn(CodeNoIndicators, path)
		return
	}
	c := v.rowCheck(rows, path)
	for _, r := range rows {
		if strings.TrimSpace(r.Level3) != "" {
			c.has3[rowKey{r.Level1, r.Level2}] = true
		}
		if std, exact, ok := MatchStandard(r.Level1, r.Level2, strings.TrimSpace(r.Level3)); ok && exact {
			c.std3[std.Level3] = true
		}
	}
	errorsBefore := v.errors
	for i := range rows {
		rp := path + "[" + strconv.Itoa(i) + "]"
		c.close(i)
		cat := c.level1(i, rp)
		sub := c.level2(i, rp, cat)
		c.order(i, rp, cat, sub)
		c.values(i, rp)
		c.level3(i, rp, cat, sub)
	}
	// Standard categories and 三级 that the form leaves out. Not while the
	// rows have errors: a misspelt 二级 would also show up as a missing
	// category, which only buries the real message.
	if whole && v.errors == errorsBefore {
		c.completeness()
	}
}

// close marks the categories that row i's predecessor ends.
func (c *rowCheck) close(i int) {
	if i == 0 {
		return
	}
	prev, r := c.rows[i-1], c.rows[i]
	if prev.Level1 != r.Level1 {
		c.closed1[prev.Level1] = true
	}
	if prev.Level1 != r.Level1 || prev.Level2 != r.Level2 {
		c.closed2[rowKey{prev.Level1, prev.Level2}] = true
	}
}

// level1 checks row i's 一级 and returns its index in the framework (-1
// when it is not a standard one).
func (c *rowCheck) level1(i int, rp string) int {
	r := c.rows[i]
	cat := CategoryIndex(r.Level1)
	switch {
	case strings.TrimSpace(r.Level1) == "":
		c.v.fail(CodeLevel1Missing, rp+".level1")
	case cat < 0:
		if s := suggestLabel(r.Level1, level1Names()); s != "" {
			c.v.fail(CodeLevel1Unknown, rp+".level1", r.Level1, s)
		} else {
			c.v.fail(CodeLevel1NotStandard, rp+".level1", append([]string{r.Level1}, level1Names()...)...)
		}
	case c.closed1[r.Level1] && !c.split1[r.Level1]:
		c.split1[r.Level1] = true // once: the rows after it say the same
		c.v.fail(CodeLevel1Split, rp+".level1", r.Level1)
	}
	return cat
}

// level2 checks row i's 二级 under its 一级 cat and returns its index in the
// category (-1 when it is not one of it).
func (c *rowCheck) level2(i int, rp string, cat int) int {
	if cat < 0 {
		return -1
	}
	r := c.rows[i]
	k := rowKey{r.Level1, r.Level2}
	names := framework[cat].Level2
	sub := slices.Index(names, r.Level2)
	switch {
	case strings.TrimSpace(r.Level2) == "":
		c.v.fail(CodeLevel2Missing, rp+".level2")
	case sub < 0:
		if owner, ok := ParentOf(r.Level2); ok {
			c.v.fail(CodeLevel2OtherLevel1, rp+".level2", r.Level2, r.Level1, owner)
		} else if s := suggestLabel(r.Level2, names); s != "" {
			c.v.fail(CodeLevel2NotInLevel1, rp+".level2", r.Level2, r.Level1, s)
		} else {
			c.v.fail(CodeLevel2NotStandard, rp+".level2", append([]string{r.Level2, r.Level1}, names...)...)
		}
	case c.closed2[k] && !c.closed1[r.Level1] && !c.split2[k]:
		c.split2[k] = true
		c.v.fail(CodeLevel2Split, rp+".level2", r.Level2)
	}
	return sub
}

// order warns, once, of a row out of the framework's order.
func (c *rowCheck) order(i int, rp string, cat, sub int) {
	if cat < 0 || c.outOfOrder {
		return
	}
	r := c.rows[i]
	if cat < c.lastCat || (cat == c.lastCat && sub >= 0 && sub < c.lastSub) {
		c.v.warn(CodeOutOfOrder, rp, append([]string{r.Level1, r.Level2}, frameworkOrder()...)...)
		c.outOfOrder = true
	}
	if cat != c.lastCat {
		c.lastSub = -1
	}
	c.lastCat = cat
	if sub >= 0 {
		c.lastSub = sub
	}
}

// values checks that a row with a 三级 has its values and a row without
// one is the single empty row of its category.
func (c *rowCheck) values(i int, rp string) {
	r := c.rows[i]
	l3 := strings.TrimSpace(r.Level3)
	half, full := strings.TrimSpace(r.HalfYear), strings.TrimSpace(r.FullYear)
	switch {
	case l3 == "" && (half != "" || full != ""):
		c.v.fail(CodeValuesWithoutLevel3, rp+".level3")
	case l3 == "" && c.has3[rowKey{r.Level1, r.Level2}]:
		c.v.fail(CodeEmptyRowBeside, rp, r.Level2, r.Level2)
	case l3 == "" && i > 0 && c.rows[i-1].Level1 == r.Level1 && c.rows[i-1].Level2 == r.Level2:
		c.v.fail(CodeEmptyRowTwice, rp, r.Level2)
	case l3 != "" && half == "" && full == "":
		// Told at the first value, where it is to be written.
		c.v.fail(CodeLevel3NoValues, rp+".half_year", l3)
	case l3 != "" && half == "":
		c.v.warn(CodeHalfYearMissing, rp+".half_year", l3)
	case l3 != "" && full == "":
		c.v.warn(CodeFullYearMissing, rp+".full_year", l3)
	}
}

// level3 checks that a 三级 stands once in its 二级 and, when it is a
// standard one, under its own 二级.
func (c *rowCheck) level3(i int, rp string, cat, sub int) {
	r := c.rows[i]
	l3 := strings.TrimSpace(r.Level3)
	if l3 == "" {
		return
	}
	k := level3Key{rowKey{r.Level1, r.Level2}, l3}
	if j, dup := c.level3s[k]; dup {
		// The other row by its cell in a workbook, else by its path.
		other := fmt.Sprintf("%s[%d]", c.path, j)
		if loc, ok := c.v.src.Location(other + ".level3"); ok && loc.Cell != "" {
			other = loc.Cell
		}
		c.v.fail(CodeLevel3Duplicate, rp+".level3", l3, r.Level2, other)
	} else {
		c.level3s[k] = i
	}
	if std, ok := StandardOf(l3); ok && (std.Level1 != r.Level1 || std.Level2 != r.Level2) && cat >= 0 && sub >= 0 {
		c.v.fail(CodeLevel3WrongLevel2, rp+".level2", l3, std.Level1, std.Level2, r.Level1, r.Level2)
	}
	if std, exact, ok := MatchStandard(r.Level1, r.Level2, l3); ok && !exact {
		if !c.std3[std.Level3] && !c.misspelt[std.Level3] {
			c.misspelt[std.Level3] = true
			c.v.warn(CodeLevel3Misspelt, rp+".level3", l3, std.Level3, std.Level1, std.Level2)
		}
	}
}

// completeness warns of the standard categories and 三级 the form leaves out.
func (c *rowCheck) completeness() {
	present := c.present
	for _, r := range c.rows {
		present[rowKey{r.Level1, r.Level2}] = true
	}
	for _, cat := range framework {
		for _, l2 := range cat.Level2 {
			if !present[rowKey{cat.Name, l2}] {
				c.v.warn(CodeCategoryMissing, c.path, cat.Name, l2)
			}
		}
	}
	var missing []Standard
	for _, std := range standardLevel3 {
		if _, ok := c.level3s[level3Key{rowKey{std.Level1, std.Level2}, std.Level3}]; !ok && !c.misspelt[std.Level3] {
			missing = append(missing, std)
		}
	}
	// In the framework's order, as the form prints them (not by their
	// bytes, which put 制度执行有效性 before 立项程序规范性).
	for _, std := range missing {
		c.v.warn(CodeStandardLevel3Missing, c.path, std.Level3, std.Level1, std.Level2)
	}
}

func level1Names() []string {
	out := make([]string, len(framework))
	for i, c := range framework {
		out[i] = c.Name
	}
	return out
}

// frameworkOrder is the framework's order, one item a 一级 with its 二级,
// "决策：项目立项、绩效目标、资金投入": the items of a list the catalogue
// joins (msg.List), each a Chinese text of the framework's names.
func frameworkOrder() []string {
	parts := make([]string, len(framework))
	for i, c := range framework {
		parts[i] = c.Name + "：" + strings.Join(c.Level2, "、")
	}
	return parts
}

// fieldsByKind returns the fields of the given kinds, kind by kind.
func fieldsByKind(kinds ...FieldKind) []*Field {
	var out []*Field
	for _, k := range kinds {
		for i := range fields {
			if fields[i].Kind == k {
				out = append(out, &fields[i])
			}
		}
	}
	return out
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
