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
// syscall (and unsafe, which has no init) and so is initialised among the
// first, asks at once, on a goroutine of its own while the other packages
// are initialised.
//
// Not a byte of output changes: the pages are mapped sooner, nothing else.
// (The goroutine and its reading of the maps allocate a little, some
// 70 kB, so later allocations may lie elsewhere in the heap.) Where the
// program is not in the page cache (its first run after a boot), asking
// for its code and read-only data reads them whole from the disk, 14 MB,
// on that goroutine, where a run would otherwise read the parts it
// touches. JIXIAO_PREFAULT=0 turns it off. Linux before 5.14 refuses the
// requests (EINVAL), and nothing is done.
//
// It also reads the process's mappings for the command's huge pages
// (Holding, ParseMapping): /proc/self/maps is read in this one place.
//
// On other systems it does nothing.
package prefault
