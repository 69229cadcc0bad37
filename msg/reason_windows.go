package msg

import "syscall"

// Windows says a file open in another program (a PDF in a viewer, a
// workbook in Excel) is in use by these errors.
func init() {
	const errorSharingViolation, errorLockViolation = syscall.Errno(32), syscall.Errno(33)
	reasons = append(reasons,
		struct {
			err  error
			code Code
		}{errorSharingViolation, ReasonBusy},
		struct {
			err  error
			code Code
		}{errorLockViolation, ReasonBusy})
}
