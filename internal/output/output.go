// Package output creates the files jixiao writes (PDFs, books) by the rules
// every Unix tool follows, so that an output path never replaces what it
// should not:
//
//   - a path that does not exist, or a regular file the user may write to
//     (a read-only one is refused, as the shell's > refuses it), is written to a
//     temporary file in the same directory and renamed over the path once
//     complete: a failure (or a signal, see RemoveTemps) leaves the old file
//     or nothing, never a half-written one;
//   - a symbolic link is followed (through every link of a chain) and its
//     final target replaced by the same rule in the target's directory: the
//     link stays a link;
//   - a character device or a FIFO (/dev/null, /dev/stdout, a shell's
//     >(cmd)) is opened and written to directly, as a shell redirect would;
//   - anything else (a directory, a socket, a block device) is refused by
//     Check, before any work is done.
//
// New files are created with mode 0666 less the umask; a replaced regular
// file keeps its mode (and, where the process may, its owner).
package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"jixiao/msg"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// maxLinks is how many symbolic links a path may go through (as Linux's
// ELOOP limit).
const maxLinks = 40

// Kind is what an output path names.
type Kind uint8

const (
	New     Kind = iota // nothing yet: created atomically
	Regular             // a regular file: replaced atomically
	Device              // a character device or FIFO: written to directly
)

// NotWritableError is an output path that jixiao refuses to write to: a
// directory, a socket, a block device, a symbolic link loop.
type NotWritableError struct {
	Path   string   // as given
	Target string   // the file a symbolic link leads to; "" when Path is no link
	Msg    msg.Code // what it is
}

func (e *NotWritableError) Error() string { return e.In(msg.English) }

// In is the error in l (msg.Localized).
func (e *NotWritableError) In(l msg.Lang) string {
	var via any = msg.Raw("")
	if e.Target != "" && e.Target != e.Path {
		via = msg.New(msg.OutViaLink, e.Target)
	}
	return l.Text(e.Msg, e.Path, via)
}

// Failed is the error of a failure to write path: the reason, without the
// name of the temporary file, which means nothing to the user.
func Failed(path string, err error) error {
	var already *msg.Error
	if errors.As(err, &already) && already.Code == msg.CannotWrite {
		return err
	}
	return msg.Wrap(err, msg.CannotWrite, path, Reason(err))
}

// Reason is why a write failed, for a message that names the file itself
// (standard output, an output path): the system's reason, without the
// operation and the file name a *fs.PathError adds (which would otherwise
// be told as "cannot read FILE").
func Reason(err error) any {
	var reason any = err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason = msg.New(msg.ReasonNoDir)
	case errors.Is(err, fs.ErrPermission):
		reason = msg.New(msg.ReasonPermission)
	case errors.Is(err, syscall.ENOSPC):
		reason = msg.New(msg.ReasonDiskFull)
	default:
		if e, ok := reason.(error); ok {
			reason = msg.Reason(e)
		}
	}
	return reason
}

// Resolve follows path through its symbolic links and says what the final
// target is. A path that does not exist (or a link to nothing) is New.
func Resolve(path string) (target string, kind Kind, info fs.FileInfo, err error) {
	target = path
	for range maxLinks {
		st, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			if target != path {
				// A link to a file not made yet: its directory must be
				// there, or the file would fail only once written (after
				// others, with --out-dir). The path's own directory may be
				// made later (--out-dir makes it after the checks).
				if _, err := os.Stat(filepath.Dir(target)); err != nil {
					return "", 0, nil, Failed(path, err)
				}
			}
			return target, New, nil, nil
		}
		if err != nil {
			return "", 0, nil, Failed(path, err)
		}
		m := st.Mode()
		switch {
		case m&fs.ModeSymlink != 0:
			link, err := os.Readlink(target)
			if err != nil {
				return "", 0, nil, Failed(path, err)
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(target), link)
			}
			target = link
			continue
		case m.IsRegular():
			// Replacing needs only the directory's permission; the file's
			// own is what the user set, and > would refuse it.
			if err := writable(target, st); err != nil {
				return "", 0, nil, Failed(path, err)
			}
			return target, Regular, st, nil
		case m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
			return target, Device, st, nil
		}
		what := msg.OutIsOther
		switch {
		case m.IsDir():
			what = msg.OutIsDir
		case m&fs.ModeSocket != 0:
			what = msg.OutIsSocket
		case m&fs.ModeDevice != 0:
			what = msg.OutIsBlock
		}
		return "", 0, nil, &NotWritableError{Path: path, Target: target, Msg: what}
	}
	return "", 0, nil, &NotWritableError{Path: path, Target: target, Msg: msg.OutLinkLoop}
}

// Check refuses, before any work is done, a path that Create would refuse.
func Check(path string) error {
	_, _, _, err := Resolve(path)
	return err
}

// File is an output being written. Write to it, then Commit; Abort (safe
// after Commit, so it can be deferred) discards a file not committed.
type File struct {
	f      *os.File
	path   string      // as given, for messages
	target string      // the file replaced or created
	tmp    string      // the temporary file; "" when writing to a device
	keep   fs.FileInfo // the regular file replaced, nil when new
	done   bool
}

// Create opens path for writing by the rules of the package.
func Create(path string) (*File, error) {
	target, kind, st, err := Resolve(path)
	if err != nil {
		return nil, err
	}
	if kind == Device {
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, Failed(path, err)
		}
		return &File{f: f, path: path, target: target}, nil
	}
	out := &File{path: path, target: target}
	if kind == Regular {
		out.keep = st
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	temps.Lock()
	defer temps.Unlock()
	if temps.closed {
		return nil, errors.New("output: interrupted")
	}
	for try := 0; ; try++ {
		var r [6]byte
		rand.Read(r[:])
		name := filepath.Join(dir, "."+base+"."+hex.EncodeToString(r[:])+".tmp")
		// 0666: the kernel applies the umask (and a default ACL), as for
		// any file a tool creates.
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, Failed(path, err)
		}
		out.f, out.tmp = f, name
		temps.names[name] = true
		return out, nil
	}
}

// Write writes to the output.
// A failure names the output (not the temporary file) and its reason.
func (o *File) Write(p []byte) (int, error) {
	n, err := o.f.Write(p)
	if err != nil {
		err = Failed(o.path, err)
	}
	return n, err
}

// Commit finishes the output: the temporary file is given the replaced
// file's mode and owner, closed and renamed over the target.
func (o *File) Commit() error {
	if o.done {
		return errors.New("output: committed twice")
	}
	o.done = true
	if o.tmp == "" {
		if err := o.f.Close(); err != nil {
			return Failed(o.path, err)
		}
		return nil
	}
	err := o.finish()
	temps.Lock()
	defer temps.Unlock()
	if err == nil && temps.closed {
		err = errors.New("output: interrupted")
	}
	if err == nil {
		err = os.Rename(o.tmp, o.target)
	}
	delete(temps.names, o.tmp)
	if err != nil {
		os.Remove(o.tmp)
		return Failed(o.path, err)
	}
	return nil
}

func (o *File) finish() error {
	if o.keep != nil {
		if err := o.f.Chmod(o.keep.Mode().Perm() | o.keep.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)); err != nil {
			o.f.Close()
			return err
		}
		keepOwner(o.f, o.keep)
	}
	return o.f.Close()
}

// Abort discards an output not committed: the temporary file is removed
// (a device keeps what was written to it).
func (o *File) Abort() {
	if o.done {
		return
	}
	o.done = true
	o.f.Close()
	if o.tmp != "" {
		temps.Lock()
		delete(temps.names, o.tmp)
		os.Remove(o.tmp)
		temps.Unlock()
	}
}

// Write creates path by the rules of the package and fills it with write;
// the output is committed only when write succeeds.
func Write(path string, write func(io.Writer) error) error {
	o, err := Create(path)
	if err != nil {
		return err
	}
	defer o.Abort()
	if err := write(o); err != nil {
		return err
	}
	return o.Commit()
}

// temps are the temporary files of the outputs being written.
var temps = struct {
	sync.Mutex
	names  map[string]bool
	closed bool
}{names: map[string]bool{}}

// RemoveTemps removes the temporary files of every output not committed
// and refuses any further output: a process about to exit on a signal calls
// it, so that only SIGKILL can leave a temporary file behind. A Commit
// under way either finishes its rename first or fails.
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	temps.closed = true
	for name := range temps.names {
		os.Remove(name)
		delete(temps.names, name)
	}
}
