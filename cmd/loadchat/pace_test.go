package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock the test moves: sleep advances it.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }
func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	c.t = c.t.Add(d)
	return nil
}

// TestSchedule_CatchesUp: a client starved for 100 ms at 1,000 msgs/s
// sends the 100 slots it missed at once, then keeps the schedule; all
// 300 slots leave by their last due time, so the offered rate is the
// target, and the lateness of the missed slots is recorded. (A
// time.Ticker drops the missed ticks: 200 sends would have left by then.)
func TestSchedule_CatchesUp(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &fakeClock{t: start}
	s := newSchedule(1000, start)
	s.now, s.sleep = c.now, c.sleep
	c.t = c.t.Add(100 * time.Millisecond) // starved
	ctx := context.Background()
	for i := range 300 {
		if err := s.wait(ctx); err != nil {
			t.Fatal(err)
		}
		if i < 100 && !c.t.Equal(start.Add(100*time.Millisecond)) {
			t.Fatalf("slot %d left at %s, want at once (it is past due)", i, c.t.Sub(start))
		}
	}
	if got, want := c.t.Sub(start), 299*time.Millisecond; got != want {
		t.Fatalf("last slot left at %s, want %s (its due time)", got, want)
	}
	n, rate, late := s.offered()
	if n != 300 || rate != 1000 {
		t.Fatalf("offered %d at %.1f/s, want 300 at 1000/s", n, rate)
	}
	if late[0] != 100*time.Millisecond || late[99] != time.Millisecond || late[100] != 0 || late[299] != 0 {
		t.Fatalf("late[0,99,100,299] = %s %s %s %s, want 100ms 1ms 0 0", late[0], late[99], late[100], late[299])
	}
}

// TestSchedule_Shortfall: a client that cannot keep up (every send takes
// 2 ms at a target of 1,000/s) offers about 500/s, and the report says
// it could not offer the target rate.
func TestSchedule_Shortfall(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &fakeClock{t: start}
	s := newSchedule(1000, start)
	s.now, s.sleep = c.now, c.sleep
	for range 100 {
		if err := s.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.t = c.t.Add(2 * time.Millisecond) // the send itself
	}
	_, rate, late := s.offered()
	if rate < 490 || rate > 510 {
		t.Fatalf("offered %.1f/s, want about 500", rate)
	}
	r := &Result{Target: 1000, Offered: rate, Late: late}
	var b bytes.Buffer
	r.Print(&b)
	if !r.Shortfall() || !strings.Contains(b.String(), "COULD NOT OFFER THE TARGET RATE") {
		t.Fatalf("shortfall %v, printed:\n%s", r.Shortfall(), b.String())
	}
	on := &Result{Target: 1000, Offered: 1000}
	b.Reset()
	on.Print(&b)
	if on.Shortfall() || strings.Contains(b.String(), "COULD NOT") {
		t.Fatalf("on-target run reported a shortfall:\n%s", b.String())
	}
}
