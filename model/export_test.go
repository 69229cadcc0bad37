package model

// For the tests of package model_test, which read books through
// seedtext and xlsx (both of which import model).
var (
	SameAsSerial = sameAsSerial
	BreakForm    = breakForm
)
