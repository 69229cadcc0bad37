package serve

// An answer is made whole before its status is sent (a failure half-way
// is a refusal, never a 200 cut short), and then waits for its client,
// who may read it slowly: a ZIP of a thousand forms (78 MB) read at
// 100 KB/s waits thirteen minutes. What waits so is kept in memory only
// while it is small and the upload budget holds it; the rest goes to a
// temporary file.

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
)

// spoolMemory is the most of an answer kept in memory (a form's PDF, a
// preview, a check of a few hundred forms); a larger one is written to a
// temporary file as it is made. A variable, for tests.
var spoolMemory = 1 << 20

// spoolTemp makes a spool's file, in the system's folder for temporary
// files (TMPDIR; TEMP on Windows). A variable, for tests.
var spoolTemp = func() (*os.File, error) { return os.CreateTemp("", "jixiao-serve-*") }

// spoolUnlink removes a spool's file from its folder as soon as it is
// made, where the system allows it: the file lives on, nameless, until it
// is closed, so that nothing is left behind whatever ends the server.
// Windows does not remove an open file: there it is removed when closed
// (by its request once answered, or by the server's shutdown, after which
// no spool makes a file: spoolSet). A variable, for tests.
var spoolUnlink = os.Remove

// spoolBlock is the size of the largest blocks that hold a spool in
// memory: the data is never copied to grow.
const spoolBlock = 64 << 10

// spool is the body of one answer as it is written: in memory, in blocks
// taken from the request's holding, up to spoolMemory bytes and while the
// budget has them; beyond that in a temporary file, the blocks given
// back. Errors are sticky. close removes the file (on every path: the
// request closes its spools once answered, the server those left at its
// shutdown).
type spool struct {
	hold *holding // what the blocks are taken from
	set  *spoolSet

	mu       sync.Mutex // close may come from the server's shutdown
	mem      [][]byte
	held     int64 // bytes of hold taken by mem's blocks
	n        int64 // bytes written
	f        *os.File
	fw       *bufio.Writer
	unlinked bool
	closed   bool
	err      error
}

// spoolSet is the spools of the answers not yet sent, for the server's
// shutdown to remove them. Once it has (closeAll), a handler still
// working makes only closed spools, which never make a file: where a file
// cannot be removed while open (Windows), none is left behind by a
// request that outlives the program's end, whatever the order of the two.
type spoolSet struct {
	mu     sync.Mutex
	live   map[*spool]struct{}
	closed bool // by closeAll
}

// add adds sp; false once the set is closed.
func (s *spoolSet) add(sp *spool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	if s.live == nil {
		s.live = map[*spool]struct{}{}
	}
	s.live[sp] = struct{}{}
	return true
}

func (s *spoolSet) remove(sp *spool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, sp)
}

// closeAll closes every spool still open, and those made after.
func (s *spoolSet) closeAll() {
	s.mu.Lock()
	s.closed = true
	list := make([]*spool, 0, len(s.live))
	for sp := range s.live {
		list = append(list, sp)
	}
	s.mu.Unlock()
	for _, sp := range list {
		sp.close()
	}
}

// len is the number of spools open.
func (s *spoolSet) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// newSpool returns an empty spool whose memory is taken from hold; a
// closed one (its writes fail) once set is closed.
func newSpool(hold *holding, set *spoolSet) *spool {
	sp := &spool{hold: hold, set: set}
	sp.closed = !set.add(sp)
	return sp
}

// Write appends p.
func (s *spool) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	if s.closed {
		s.err = os.ErrClosed
		return 0, s.err
	}
	if s.f == nil && s.n+int64(len(p)) <= int64(spoolMemory) && s.keep(p) {
		s.n += int64(len(p))
		return len(p), nil
	}
	if s.f == nil {
		if err := s.toFile(); err != nil {
			s.err = err
			return 0, err
		}
	}
	if _, err := s.fw.Write(p); err != nil {
		s.err = s.tempError(err)
		return 0, s.err
	}
	s.n += int64(len(p))
	return len(p), nil
}

// keep appends p to the blocks in memory, taking the new blocks it needs
// from the holding first; false when the budget has no room for them
// (nothing is kept then).
func (s *spool) keep(p []byte) bool {
	room, last := 0, 0
	if k := len(s.mem) - 1; k >= 0 {
		room, last = cap(s.mem[k])-len(s.mem[k]), cap(s.mem[k])
	}
	var sizes []int
	var need int64
	for left := len(p) - room; left > 0; left -= last {
		last = min(max(2*last, 4<<10), spoolBlock)
		sizes = append(sizes, last)
		need += int64(last)
	}
	if need > 0 && !s.hold.take(need) {
		return false
	}
	s.held += need
	i := max(len(s.mem)-1, 0)
	for _, size := range sizes {
		s.mem = append(s.mem, make([]byte, 0, size))
	}
	for q := p; len(q) > 0; i++ {
		b := s.mem[i]
		c := copy(b[len(b):cap(b)], q)
		s.mem[i] = b[:len(b)+c]
		q = q[c:]
	}
	return true
}

// toFile moves what is in memory to a new temporary file and gives its
// blocks back.
func (s *spool) toFile() error {
	f, err := spoolTemp()
	if err != nil {
		return s.tempError(err)
	}
	s.f, s.fw = f, bufio.NewWriterSize(f, 64<<10)
	s.unlinked = spoolUnlink(f.Name()) == nil
	for _, b := range s.mem {
		if _, err := s.fw.Write(b); err != nil {
			return s.tempError(err)
		}
	}
	s.mem = nil
	s.hold.give(s.held)
	s.held = 0
	return nil
}

func (s *spool) tempError(err error) error {
	return fmt.Errorf("serve: an answer's temporary file in %s: %w", os.TempDir(), err)
}

// size is the number of bytes written.
func (s *spool) size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// done ends writing: the spool can be sent from then on.
func (s *spool) done() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil && s.fw != nil {
		if err := s.fw.Flush(); err != nil {
			s.err = s.tempError(err)
		}
		s.fw = nil
	}
	return s.err
}

// sendTo writes the spool to w (done must have been called): from a file
// through io.Copy, which on Linux hands the file to the socket
// (sendfile) without passing it through the server's memory.
func (s *spool) sendTo(w http.ResponseWriter) error {
	s.mu.Lock()
	mem, f, n := s.mem, s.f, s.n
	s.mu.Unlock()
	if f == nil {
		for _, b := range mem {
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, io.LimitReader(f, n))
	return err
}

// close removes the file, if one was made, forgets the data and gives
// back the memory held. It may be called more than once.
func (s *spool) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	// Out of the set last, once its file is gone: a shutdown's closeAll
	// that comes meanwhile finds it still there and waits for this close
	// (its lock), so that the file is removed when the shutdown returns.
	defer s.set.remove(s)
	s.mem = nil
	s.hold.give(s.held)
	s.held = 0
	if s.f == nil {
		return
	}
	name := s.f.Name()
	s.f.Close()
	if !s.unlinked {
		os.Remove(name)
	}
	s.f, s.fw = nil, nil
}
