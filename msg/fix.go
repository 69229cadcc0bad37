package msg

// Messages of the QA fixes (kept in their own file to ease merges).

const (
	DateInvalid Code = "date-invalid"
)

var fixCatalogue = []item{
	{DateInvalid, "--date {1}: not a date; write the 编报日期 as 2025-03-01 or 2025年3月1日",
		"--date {1}：不是有效的日期，编报日期请写成 2025-03-01 或 2025年3月1日"},
}
