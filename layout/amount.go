package layout

import "jixiao/model"

// formatAmount writes an amount (万元) the one way the form, the binder's
// cover and its contents write amounts: exactly, with as many decimals as
// written but at least two (4012.8 → 4012.80, 250 → 250.00, 0.123456 stays),
// never rounded. An amount that does not parse is printed as written
// (Validate reports it).
func formatAmount(a model.Amount) string {
	if w, ok := a.Written(); ok {
		return string(w)
	}
	return string(a)
}
