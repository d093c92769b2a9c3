package main

import (
	"context"
	"sync"
	"time"
)

// schedule is an open-loop send schedule: slot k (0-based) is due at
// start + k/rate, whatever happened before it. A slot whose time has
// passed (the client was starved, or every visitor was waiting for an
// ack) is handed out at once, so missed slots are caught up rather than
// dropped as a time.Ticker drops them; how late each send left is
// recorded, and the rate actually offered is what the report compares
// with the target.
type schedule struct {
	interval time.Duration
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error

	mu    sync.Mutex
	start time.Time
	next  int64           // the next slot to hand out
	last  time.Time       // when the last slot was handed out
	late  []time.Duration // per slot: how long after its due time it left
}

func newSchedule(rate float64, start time.Time) *schedule {
	return &schedule{interval: time.Duration(float64(time.Second) / rate), now: time.Now, sleep: sleepCtx, start: start}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait takes the next slot and returns when it is due (at once when it
// is past due); it returns ctx's error if ctx ends first.
func (s *schedule) wait(ctx context.Context) error {
	s.mu.Lock()
	due := s.start.Add(time.Duration(s.next) * s.interval)
	s.next++
	s.mu.Unlock()
	if d := due.Sub(s.now()); d > 0 {
		if err := s.sleep(ctx, d); err != nil {
			return err
		}
	}
	now := s.now()
	s.mu.Lock()
	s.late = append(s.late, now.Sub(due))
	if now.After(s.last) {
		s.last = now
	}
	s.mu.Unlock()
	return nil
}

// offered returns the slots handed out and the rate at which they left,
// per second: slots over the time from the start to the last one's
// departure plus one interval (so slots sent on time give the target
// rate exactly), and how late each left.
func (s *schedule) offered() (int, float64, []time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.late)
	if n == 0 {
		return 0, 0, nil
	}
	span := s.last.Sub(s.start) + s.interval
	return n, float64(n) / span.Seconds(), append([]time.Duration(nil), s.late...)
}
