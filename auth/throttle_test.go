package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestThrottle() (*Throttle, *fakeClock) {
	clk := &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	cfg := DefaultThrottleConfig()
	cfg.Now = clk.Now
	return NewThrottle(cfg), clk
}

func TestThrottle_AccountLockout(t *testing.T) {
	th, clk := newTestThrottle()
	for i := range 4 {
		th.Failure(t.Context(), "Ada@example.com", "10.0.0.1")
		if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err != nil {
			t.Fatalf("after %d failures: %v", i+1, err)
		}
	}
	th.Failure(t.Context(), "ada@example.com", "10.0.0.2")
	err := th.Check(t.Context(), "ada@example.com", "10.0.0.9")
	if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
		t.Fatalf("after 5 failures: err=%v, want rate_limited", err)
	}
	var pe *proofdesk.Error
	if e, ok := err.(*proofdesk.Error); ok {
		pe = e
	}
	if pe == nil || pe.Details["retry_after"] != 900 {
		t.Fatalf("details=%v, want retry_after 900", pe)
	}
	// Other accounts from the same address are not locked.
	if err := th.Check(t.Context(), "bob@example.com", "10.0.0.1"); err != nil {
		t.Fatalf("other account: %v", err)
	}
	clk.Add(15 * time.Minute)
	if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err != nil {
		t.Fatalf("after lockout: %v", err)
	}
	// The second lockout lasts twice as long.
	for range 5 {
		th.Failure(t.Context(), "ada@example.com", "10.0.0.3")
	}
	clk.Add(29 * time.Minute)
	if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err == nil {
		t.Fatal("second lockout shorter than 30 minutes")
	}
	clk.Add(time.Minute)
	if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err != nil {
		t.Fatalf("after second lockout: %v", err)
	}
}

func TestThrottle_WindowSlides(t *testing.T) {
	th, clk := newTestThrottle()
	for range 4 {
		th.Failure(t.Context(), "ada@example.com", "10.0.0.1")
	}
	clk.Add(16 * time.Minute)
	th.Failure(t.Context(), "ada@example.com", "10.0.0.1")
	if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err != nil {
		t.Fatalf("old failures still counted: %v", err)
	}
}

func TestThrottle_SuccessResetsAccountOnly(t *testing.T) {
	th, _ := newTestThrottle()
	for range 4 {
		th.Failure(t.Context(), "ada@example.com", "10.0.0.1")
	}
	th.Success(t.Context(), "ada@example.com", "10.0.0.1")
	for range 4 {
		th.Failure(t.Context(), "ada@example.com", "10.0.0.1")
	}
	if err := th.Check(t.Context(), "ada@example.com", "10.0.0.1"); err != nil {
		t.Fatalf("success did not reset the account: %v", err)
	}
}

func TestThrottle_AddressLockout(t *testing.T) {
	th, _ := newTestThrottle()
	for i := range 20 {
		th.Failure(t.Context(), fmt.Sprintf("user%d@example.com", i), "10.0.0.1")
	}
	if err := th.Check(t.Context(), "new@example.com", "10.0.0.1"); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
		t.Fatalf("spray from one address: err=%v, want rate_limited", err)
	}
	if err := th.Check(t.Context(), "new@example.com", "10.0.0.2"); err != nil {
		t.Fatalf("other address: %v", err)
	}
}

func TestThrottle_Concurrent(t *testing.T) {
	th, _ := newTestThrottle()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				th.Failure(t.Context(), fmt.Sprintf("u%d-%d@example.com", i, j%3), fmt.Sprintf("10.0.0.%d", i))
				_ = th.Check(t.Context(), "x@example.com", "10.0.0.1")
			}
		})
	}
	wg.Wait()
	if err := th.Check(t.Context(), "u0-0@example.com", "10.0.9.9"); err == nil {
		t.Fatal("an account with 34 failures is not locked")
	}
}
