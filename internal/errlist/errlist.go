// Package errlist flattens joined errors.
package errlist

// Leaves lists the errors joined in err (errors.Join, nested), in order;
// an error that joins nothing is its own one leaf, nil none.
func Leaves(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Leaves(e)...)
		}
		return out
	}
	return []error{err}
}
