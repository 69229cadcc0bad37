package msg

import (
	"sync"
	"time"
)

// The steps -v/--verbose times.
const (
	StepRead      Code = "step-read"
	StepLayOut    Code = "step-lay-out"
	StepDraw      Code = "step-draw"
	StepWrite     Code = "step-write"
	StepDrawWrite Code = "step-draw-write"
	TimingStep    Code = "timing-step"
)

var stepCatalogue = []item{
	{StepRead, "read and check", "读取和检查"},
	{StepLayOut, "lay out (all workers together)", "排版（各线程合计）"},
	{StepDraw, "draw (all workers together)", "绘制（各线程合计）"},
	{StepWrite, "write", "写出文件"},
	{StepDrawWrite, "draw and write", "绘制并写出文件"},
	{TimingStep, "{1}: {2}", "{1}：用时 {2}"},
}

// Steps adds up how long each step of a command took, for -v: steps run
// on several workers at once are summed over them. Safe for concurrent
// use.
type Steps struct {
	mu    sync.Mutex
	times map[Code]time.Duration
	order []Code
}

// Add counts d to step c.
func (s *Steps) Add(c Code, d time.Duration) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.times == nil {
		s.times = map[Code]time.Duration{}
	}
	if _, ok := s.times[c]; !ok {
		s.order = append(s.order, c)
	}
	s.times[c] += d
}

// Since counts the time since start to step c.
func (s *Steps) Since(c Code, start time.Time) { s.Add(c, time.Since(start)) }

// each calls f with each step, in the order first counted.
func (s *Steps) each(f func(c Code, d time.Duration)) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.order {
		f(c, s.times[c])
	}
}
