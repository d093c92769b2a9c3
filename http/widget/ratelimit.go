package widget

import (
	"context"
	"math"
	"sync"
	"time"
)

// RateStore counts events in fixed windows, for every node at once.
type RateStore interface {
	// TakeRate counts one event for key in the current window of length
	// per and reports whether it is within limit, and if not how long
	// until the window ends.
	TakeRate(ctx context.Context, key string, limit int, per time.Duration, now time.Time) (bool, time.Duration, error)
}

// limiter is a token bucket per visitor: ratePerMinute tokens a minute,
// at most burst at once. It prunes buckets that have refilled.
type limiter struct {
	rate  float64 // tokens per second
	burst float64

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastPrune time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(ratePerMinute, burst int) *limiter {
	return &limiter{rate: float64(ratePerMinute) / 60, burst: float64(burst), buckets: map[string]*bucket{}}
}

// allow takes a token for key; when none is left it returns false and how
// long until one is.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastPrune) > time.Minute {
		l.prune(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

func (l *limiter) prune(now time.Time) {
	l.lastPrune = now
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) > full {
			delete(l.buckets, k)
		}
	}
}
