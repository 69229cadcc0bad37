package render

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"jixiao/layout"
)

// gated returns a job that waits for gate, then counts itself in ran and
// returns err.
func gated(gate <-chan struct{}, ran *atomic.Int32, err error) *job {
	return &job{run: func(*deflater) error {
		<-gate
		ran.Add(1)
		return err
	}}
}

// withProcs runs the test with n goroutines running at once, so that
// pools get workers (or none, n = 1) whatever the machine.
func withProcs(t *testing.T, n int) {
	old := runtime.GOMAXPROCS(n)
	t.Cleanup(func() { runtime.GOMAXPROCS(old) })
}

// settle waits until no more goroutines run than base: those a test
// started have ended.
func settle(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), base, buf)
		}
		time.Sleep(time.Millisecond)
	}
}

// The line hands jobs back in the order submitted, whatever the order they
// end in, and only once done.
func TestPoolLineOrder(t *testing.T) {
	p := newPool(3)
	defer p.close()
	var ran atomic.Int32
	gates := make([]chan struct{}, 3)
	var l line[*job]
	for i := range gates {
		gates[i] = make(chan struct{})
		j := gated(gates[i], &ran, fmt.Errorf("job %d", i))
		p.submit(j)
		l.push(j)
	}
	// The last two end first; the first is not done, so nothing is.
	close(gates[2])
	close(gates[1])
	for ran.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	popped := make(chan bool, 1)
	go func() {
		_, ok := l.pop(false)
		popped <- ok
	}()
	select {
	case ok := <-popped:
		if ok {
			close(gates[0])
			t.Fatal("popped a job before the first was done")
		}
	case <-time.After(5 * time.Second):
		close(gates[0])
		t.Fatal("pop without block waited")
	}
	if l.len() != 3 {
		t.Fatalf("len %d, want 3", l.len())
	}
	close(gates[0])
	for i := range 3 {
		j, ok := l.pop(true)
		if !ok || j.err == nil || j.err.Error() != fmt.Sprintf("job %d", i) {
			t.Fatalf("pop %d: %v %v", i, ok, j)
		}
	}
	if _, ok := l.pop(true); ok || l.len() != 0 {
		t.Fatal("popped from an empty line")
	}
}

// A line that is never empty (the consumer always a job behind) keeps its
// order and stays short.
func TestPoolLineLong(t *testing.T) {
	p := newPool(0)
	defer p.close()
	var l line[*job]
	want := 0
	for i := range 2000 {
		j := &job{run: func(*deflater) error { return fmt.Errorf("%d", i) }}
		p.submit(j)
		l.push(j)
		if i%2 == 1 {
			continue
		}
		j, ok := l.pop(false)
		if !ok || j.err.Error() != fmt.Sprint(want) {
			t.Fatalf("pop %d: %v %v", want, ok, j)
		}
		want++
	}
	if cap(l.jobs) > 4*l.len()+256 {
		t.Errorf("%d jobs held in %d", l.len(), cap(l.jobs))
	}
	for ; ; want++ {
		j, ok := l.pop(true)
		if !ok {
			break
		}
		if j.err.Error() != fmt.Sprint(want) {
			t.Fatalf("pop %d: %v", want, j.err)
		}
	}
	if want != 2000 {
		t.Errorf("%d jobs handed back, want 2000", want)
	}
}

// No more than max workers run at once, whatever is submitted.
func TestPoolBounded(t *testing.T) {
	p := newPool(2)
	gate := make(chan struct{})
	var running, most atomic.Int32
	jobs := make([]*job, 6)
	for i := range jobs {
		jobs[i] = &job{run: func(*deflater) error {
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			<-gate
			running.Add(-1)
			return nil
		}}
		p.submit(jobs[i])
	}
	for running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // time for a third, were there one
	close(gate)
	for _, j := range jobs {
		if err := j.wait(); err != nil {
			t.Fatal(err)
		}
	}
	p.close()
	if most.Load() != 2 || p.started != 2 {
		t.Errorf("%d jobs at once on %d workers, want 2 on 2", most.Load(), p.started)
	}
}

// Without workers, each job runs as it is submitted, with the owner's one
// deflater.
func TestPoolInline(t *testing.T) {
	p := newPool(0)
	var zs []*deflater
	for range 3 {
		j := &job{run: func(z *deflater) error { zs = append(zs, z); return nil }}
		p.submit(j)
		if !j.finished() {
			t.Fatal("job not done on submit")
		}
	}
	p.close()
	if len(zs) != 3 || zs[0] != zs[1] || zs[1] != zs[2] || p.z != nil {
		t.Errorf("deflaters %v, kept %v", zs, p.z)
	}
}

// A job's error and panic come back with it; the workers go on.
func TestPoolErrors(t *testing.T) {
	for _, workers := range []int{0, 2} {
		p := newPool(workers)
		bad := errors.New("bad")
		jobs := []*job{
			{run: func(*deflater) error { return bad }},
			{run: func(*deflater) error { panic("broken font") }},
			{run: func(*deflater) error { return nil }},
		}
		for _, j := range jobs {
			p.submit(j)
		}
		if err := jobs[0].wait(); err != bad {
			t.Errorf("%d workers: error %v, want %v", workers, err, bad)
		}
		if err := jobs[1].wait(); err == nil || !strings.Contains(err.Error(), "broken font") {
			t.Errorf("%d workers: panic gave %v", workers, err)
		}
		if err := jobs[2].wait(); err != nil {
			t.Errorf("%d workers: %v after a panic", workers, err)
		}
		p.close()
	}
}

// close finishes the jobs being run, drops those not begun, ends every
// worker before it returns and may be called again; a job submitted after
// is dropped.
func TestPoolClose(t *testing.T) {
	base := runtime.NumGoroutine()
	p := newPool(1)
	gate := make(chan struct{})
	var ran atomic.Int32
	jobs := make([]*job, 6)
	begun := make(chan struct{})
	jobs[0] = &job{run: func(*deflater) error {
		close(begun)
		<-gate
		ran.Add(1)
		return nil
	}}
	for i := range jobs {
		if i > 0 {
			jobs[i] = gated(gate, &ran, nil)
		}
		p.submit(jobs[i])
	}
	<-begun
	closed := make(chan struct{})
	go func() {
		p.close()
		close(closed)
	}()
	time.Sleep(20 * time.Millisecond)
	select {
	case <-closed:
		t.Fatal("close returned while a job ran")
	default:
	}
	close(gate)
	<-closed
	if ran.Load() != 1 {
		t.Errorf("%d jobs ran, want the one begun", ran.Load())
	}
	if err := jobs[0].wait(); err != nil {
		t.Errorf("job begun: %v", err)
	}
	for i, j := range jobs[1:] {
		if !j.finished() || j.err != errDropped {
			t.Errorf("job %d not begun: %v", i+1, j.err)
		}
	}
	p.close()
	late := gated(gate, &ran, nil)
	p.submit(late)
	if err := late.wait(); err != errDropped || ran.Load() != 1 {
		t.Errorf("job after close: %v, %d ran", err, ran.Load())
	}
	settle(t, base)
}

// The squeezer hands each page's contents, compressed alone, to sink in
// page order, with workers and without.
func TestSqueezerOrder(t *testing.T) {
	// Pages of very different sizes, so that the small ones after a
	// large one are done first.
	pages := make([][]byte, 40)
	for i := range pages {
		var b bytes.Buffer
		n := 20
		if i%7 == 0 {
			n = 40000
		}
		for k := range n {
			fmt.Fprintf(&b, "%d %d m %d l S\n", i*k%997, k*k%1009, (i+k)%613)
		}
		pages[i] = b.Bytes()
	}
	z := getDeflater()
	defer putDeflater(z)
	for _, procs := range []int{1, 2, 4} {
		withProcs(t, procs)
		base := runtime.NumGoroutine()
		var got [][]byte
		s := newSqueezer(len(pages), func(c []byte) error {
			got = append(got, bytes.Clone(c))
			return nil
		})
		buf := make([]byte, 0, 1<<20)
		for i, p := range pages {
			buf = append(buf[:0], p...)
			if err := s.add(i, buf); err != nil {
				t.Fatal(err)
			}
			clear(buf) // the caller's buffer is reused
		}
		if err := s.wait(); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(pages) {
			t.Fatalf("%d procs: %d pages handed on, want %d", procs, len(got), len(pages))
		}
		for i, c := range got {
			want, err := z.deflate(pages[i])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(c, want) {
				t.Fatalf("%d procs: page %d is not its contents compressed alone", procs, i+1)
			}
			r, err := zlib.NewReader(bytes.NewReader(c))
			if err != nil {
				t.Fatal(err)
			}
			if plain, err := io.ReadAll(r); err != nil || !bytes.Equal(plain, pages[i]) {
				t.Fatalf("%d procs: page %d reads back wrong (%v)", procs, i+1, err)
			}
		}
		settle(t, base)
	}
}

// A failing sink stops the squeezer at that page: its error, with the
// page, comes back from add and wait, and no later page is handed on.
func TestSqueezerSinkError(t *testing.T) {
	full := errors.New("disk full")
	for _, procs := range []int{1, 2} {
		withProcs(t, procs)
		base := runtime.NumGoroutine()
		sunk := 0
		s := newSqueezer(30, func([]byte) error {
			if sunk == 3 {
				return full
			}
			sunk++
			return nil
		})
		var addErr error
		for i := range 30 {
			if addErr = s.add(i, []byte("0 0 m 10 10 l S\n")); addErr != nil {
				break
			}
		}
		err := s.wait()
		if !errors.Is(err, full) || !strings.Contains(err.Error(), "page 4:") {
			t.Errorf("%d procs: wait: %v, want page 4's %v", procs, err, full)
		}
		if procs == 1 && addErr != err {
			t.Errorf("%d procs: add: %v, want %v", procs, addErr, err)
		}
		if sunk != 3 {
			t.Errorf("%d procs: %d pages handed on, want 3", procs, sunk)
		}
		if s.add(30, nil) != err {
			t.Errorf("%d procs: add after the error forgot it", procs)
		}
		settle(t, base)
	}
}

// An aborted squeezer hands no page on to sink after abort (those not
// begun are dropped, as TestPoolClose shows of the pool), and leaves no
// goroutine behind.
func TestSqueezerAbort(t *testing.T) {
	for _, procs := range []int{1, 2} {
		withProcs(t, procs)
		base := runtime.NumGoroutine()
		var sunk atomic.Int64
		s := newSqueezer(100, func([]byte) error { sunk.Add(1); return nil })
		for i := range 100 {
			if err := s.add(i, []byte("0 0 m 10 10 l S\n")); err != nil {
				t.Fatal(err)
			}
		}
		before := sunk.Load()
		s.abort()
		if err := s.wait(); err != errAborted {
			t.Errorf("%d procs: wait after abort: %v", procs, err)
		}
		if after := sunk.Load(); after != before {
			t.Errorf("%d procs: %d pages handed on after abort", procs, after-before)
		}
		settle(t, base)
	}
}

// Aborting drops the pages not begun: with every worker held by another
// job, the pages added wait in the queue, and after abort none is
// compressed or handed on, each done with errDropped.
func TestSqueezerAbortDrops(t *testing.T) {
	withProcs(t, 2)
	base := runtime.NumGoroutine()
	var sunk atomic.Int64
	s := newSqueezer(100, func([]byte) error { sunk.Add(1); return nil })
	if s.p.max != 2 {
		t.Fatalf("%d workers, want 2", s.p.max)
	}
	gate := make(chan struct{})
	for range s.p.max {
		s.p.submit(&job{run: func(*deflater) error { <-gate; return nil }})
	}
	for i := range s.limit { // no more, or add would wait for the first
		if err := s.add(i, []byte("0 0 m 10 10 l S\n")); err != nil {
			t.Fatal(err)
		}
	}
	go func() { // the held jobs end once the pool is being closed
		for !s.p.dropping.Load() {
			runtime.Gosched()
		}
		close(gate)
	}()
	s.abort()
	if err := s.wait(); err != errAborted {
		t.Errorf("wait after abort: %v", err)
	}
	if n := sunk.Load(); n != 0 {
		t.Errorf("%d pages handed on", n)
	}
	for _, j := range s.pages.jobs[s.pages.head:] {
		if !j.finished() || j.err != errDropped {
			t.Errorf("a page waiting was not dropped: %v", j.err)
		}
	}
	settle(t, base)
}

// Stopping while writing, a failing page sequence and a full run leave
// no goroutine behind, with the pools' workers in use.
func TestPoolsEnd(t *testing.T) {
	withProcs(t, 4)
	fs := defaultSet(t)
	const n = 40
	fr := layout.Frame{Pages: n, Meta: layout.Meta{Title: "t", Year: 2024}}
	base := runtime.NumGoroutine()
	stop := errors.New("cancelled")
	asked := 0
	opt := Options{Stop: func() error {
		if asked++; asked == 30 {
			return stop
		}
		return nil
	}}
	if err := WritePages(io.Discard, fr, formPages(n, nil), fs, opt); !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the Stop error", err)
	}
	settle(t, base)
	failing := func(yield func(int, *layout.Page) error) error {
		for i := range n {
			if i == 25 {
				return stop
			}
			if err := yield(i, formPage(i, n)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := WritePages(io.Discard, fr, failing, fs, Options{}); !errors.Is(err, stop) {
		t.Fatalf("err = %v, want the sequence's error", err)
	}
	settle(t, base)
	var out bytes.Buffer
	if err := WritePages(&out, fr, formPages(n, nil), fs, Options{PDFA: PDFA2B}); err != nil {
		t.Fatal(err)
	}
	settle(t, base)
	// And the bytes are those made without workers.
	withProcs(t, 1)
	var one bytes.Buffer
	if err := WritePages(&one, fr, formPages(n, nil), fs, Options{PDFA: PDFA2B}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), one.Bytes()) {
		t.Error("the document written with workers differs from the one written without")
	}
}
