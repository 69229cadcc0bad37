package seedtext

// The codes of the repairs the seed importer makes (Repair.Code); the
// message catalogue (package msg, repairs.go) has their English and Chinese
// texts, Repair.Args fill their {1} {2} … places.
const (
	CodeRepairRuleLine       = "seed-rule-line-dropped"    // {1} the line, quoted
	CodeRepairAnd            = "seed-and-replaced"         // {1} the field
	CodeRepairLabel          = "seed-label-cleaned"        // {1} the field, {2} the text, {3} the cleaned text (quoted)
	CodeRepairText           = "seed-text-cleaned"         // {1} the field, {2} what was cleaned (RepairKind… codes, "," separated)
	CodeRepairHeaderStandard = "seed-header-standard"      // {1} the header line, quoted
	CodeRepairHeaderColumn   = "seed-header-column"        // {1} the header cell, {2} the standard one
	CodeRepairL3Level1       = "seed-l3-level1-replaced"   // {1} the label, {2} the 一级, {3} the 三级
	CodeRepairL3Level2       = "seed-l3-level2-replaced"   // {1} the label, {2} the 二级, {3} the 三级
	CodeRepairL3Moved        = "seed-l3-moved"             // {1} 三级, {2} 一级, {3} 二级, {4} the 二级 above
	CodeRepairL3Twice        = "seed-l3-twice"             // {1} 三级, {2} the form, {3} the first line
	CodeRepairLabelsUnknown  = "seed-labels-unknown"       // {1} the labels, {2} 三级, {3} the 二级 above
	CodeRepairL3Shifted      = "seed-l3-shifted"           // {1} 三级, {2} the 二级 above
	CodeRepairValue          = "seed-value-normalised"     // {1} the column, {2} the value, {3} the normalised value (quoted)
	CodeRepairLevel2Read     = "seed-level2-read"          // {1} the label, {2} the 二级
	CodeRepairLevel1By2      = "seed-level1-replaced"      // {1} the label, {2} the 一级, {3} the 二级
	CodeRepairLabelIgnored   = "seed-label-ignored"        // {1} the label, {2} the 二级
	CodeRepairLevel1Read     = "seed-level1-read"          // {1} the label, {2} the 一级
	CodeRepairOnlyLevel1     = "seed-only-level1-dropped"  // {1} the row, quoted, {2} the 一级
	CodeRepairLevel2Guessed  = "seed-level2-guessed"       // {1} the 一级, {2} the 二级
	CodeRepairOrder          = "seed-level2-order"         // {1} the 二级, {2} the 二级 before it
	CodeRepairFragment       = "seed-fragment-dropped"     // {1} the 二级
	CodeRepairSecondEmpty    = "seed-second-empty-dropped" // {1} the 二级
	CodeRepairNoLevel2       = "seed-no-level2-row"        // {1} the form, {2} the project, {3} 一级, {4} 二级
	CodeRepairNoStandardL3   = "seed-no-standard-l3"       // {1} the form, {2} the project, {3} the 三级

	// What CodeRepairText cleaned: its {2} lists these codes.
	CodeRepairKindMarkup   = "seed-kind-html-markup"
	CodeRepairKindEntities = "seed-kind-html-entities"
	CodeRepairKindLaTeX    = "seed-kind-latex"
	CodeRepairKindPunct    = "seed-kind-punctuation"
	CodeRepairKindSpacing  = "seed-kind-spacing"
	CodeRepairKindLines    = "seed-kind-lines" // "N lines": the number follows after a colon, seed-kind-lines:3
)
