package xlsx

import (
	"fmt"
	"strings"
	"unicode"

	"jixiao/model"
)

// Code is the stable code of a problem found in a workbook, for the message
// catalogue and for machines that match problems.
type Code string

// The problems of workbooks. Their texts, in English and in Chinese, are in
// the message catalogue (package msg, msg/xlsx.go).
const (
	CodeOldExcel          Code = "xlsx-old-excel"           // an .xls (Excel 97–2003)
	CodeWPS               Code = "xlsx-wps-et"              // a WPS .et workbook
	CodeODS               Code = "xlsx-ods"                 // an OpenDocument spreadsheet
	CodeCSV               Code = "xlsx-csv"                 // a CSV file
	CodeEncrypted         Code = "xlsx-encrypted"           // password-protected
	CodeWord              Code = "xlsx-word"                // a Word document (.docx or .doc)
	CodeZip               Code = "xlsx-zip"                 // a zip archive of files, not an Office file
	CodeCorrupt           Code = "xlsx-corrupt"             // not a readable .xlsx
	CodeTooLarge          Code = "xlsx-too-large"           // unpacks to too much (zip bomb)
	CodeTooManyRows       Code = "xlsx-too-many-rows"       // a sheet far larger than a form
	CodeTooManyParts      Code = "xlsx-too-many-parts"      // an archive of far more parts than a workbook; args: the parts, the limit
	CodeTextTooLong       Code = "xlsx-text-too-long"       // a cell over the limit of a field
	CodeNoCachedValue     Code = "xlsx-formula-no-value"    // a formula never calculated
	CodeFormulaError      Code = "xlsx-formula-error"       // #REF!, #DIV/0! …
	CodeDateAmount        Code = "xlsx-date-amount"         // a date where an amount belongs
	CodePercentAmount     Code = "xlsx-percent-amount"      // a percentage where an amount belongs
	CodeLabelMissing      Code = "xlsx-label-missing"       // a required label not found
	CodeValueEmpty        Code = "xlsx-value-empty"         // a required label with nothing beside it
	CodeLabelTwice        Code = "xlsx-label-twice"         // two forms on one sheet
	CodeCellTooLong       Code = "xlsx-cell-too-long"       // export: a text longer than an Excel cell holds
	CodeSecondForm        Code = "xlsx-second-form"         // a form's label below the indicator table
	CodeYearMissing       Code = "xlsx-year-missing"        // no 2024年度 line
	CodeYearEmpty         Code = "xlsx-year-empty"          // （    年度）
	CodeHeaderMissing     Code = "xlsx-header-missing"      // an indicator column not found
	CodeNoForms           Code = "xlsx-no-forms"            // no sheet is a form; args: each sheet's name
	CodeNotForm           Code = "xlsx-not-form"            // warning: a sheet skipped
	CodeHidden            Code = "xlsx-hidden"              // warning: a hidden form sheet skipped
	CodeHiddenRow         Code = "xlsx-hidden-row"          // warning: a hidden row of a form, printed; args: the row
	CodeHiddenColumn      Code = "xlsx-hidden-column"       // warning: a hidden column of a form's table, printed; args: the column's letters
	CodeBeyondTable       Code = "xlsx-beyond-table"        // warning: text right of the table, not printed; args: the text, the table's last column, the label of 其他需要说明的问题 (model's schema)
	CodeEmptyWorkbook     Code = "xlsx-empty"               // a 0-byte file
	CodeLockFile          Code = "xlsx-lock-file"           // Excel's ~$book.xlsx of an open workbook; args: the workbook's name
	CodeLockFileSkipped   Code = "xlsx-lock-file-skipped"   // warning: a lock file named among the inputs, left out; args: the workbook's name
	CodeTooManyProblems   Code = "xlsx-too-many-problems"   // the listing stops
	CodeTooComplex        Code = "xlsx-too-complex"         // more XML than forms take
	CodeTooManyCells      Code = "xlsx-too-many-cells"      // a sheet listing far more cells than a form
	CodeTooManyStrings    Code = "xlsx-too-many-strings"    // a shared string table far larger than forms need
	CodeTooManyMerges     Code = "xlsx-too-many-merges"     // a sheet with far more merged ranges than a form
	CodeTooManyStyles     Code = "xlsx-too-many-styles"     // more cell formats than Excel allows
	CodeFormatTooLong     Code = "xlsx-format-too-long"     // a number format code past Excel's 255 characters
	CodeSharedPart        Code = "xlsx-sheet-part-shared"   // two sheet entries naming one part
	CodeNotFinite         Code = "xlsx-not-finite"          // a number cell holding NaN or an infinity
	CodeTooManyIndicators Code = "xlsx-too-many-indicators" // more indicator rows than model.MaxIndicators, counted or (a sheet past MaxRows) not; args: the limit
)

// msg is a message of a problem: its code and the values it quotes.
type msg struct {
	code Code
	args []string
}

// message makes the message code with its arguments (each printed as %v).
func message(code Code, args ...any) msg {
	m := msg{code: code}
	for _, a := range args {
		m.args = append(m.args, fmt.Sprint(a))
	}
	return m
}

// problem is the model's problem of the message at loc.
func (m msg) problem(sev model.Severity, loc model.Location) model.Problem {
	return model.Problem{Severity: sev, Code: string(m.code), Loc: loc, Args: m.args}
}

// quote makes a user's text safe to print: control and bidi characters are
// escaped, so that a cell cannot rewrite the terminal.
func quote(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u2028', r == '\u2029':
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
