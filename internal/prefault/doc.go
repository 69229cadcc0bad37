// Package prefault maps in, with one request each, memory that a command
// run is about to touch page by page: the first chunk of its heap, and
// the code and read-only data of its program.
//
// On the machine the README measures (a virtual machine) each first touch
// of a 4 KB page is a page fault of about 11 µs, where asking the kernel
// to map a range at once (madvise MADV_POPULATE_WRITE, or _READ for the
// program's file) costs under 1 µs a page. `jixiao version` made 920
// faults, 570 of them in the first 4 MB of its heap while packages were
// initialised (excelize's tables, regexps and maps most of all), before
// the command could ask for anything. So this package, which imports only
// syscall and so is initialised among the first, asks at once, on a
// goroutine of its own while the other packages are initialised.
//
// Nothing else changes: not what is allocated where, nor a byte of
// output; only when the kernel maps the pages. JIXIAO_PREFAULT=0 turns it
// off. Linux before 5.14 refuses the requests (EINVAL), and nothing is
// done.
//
// On other systems it does nothing.
package prefault
