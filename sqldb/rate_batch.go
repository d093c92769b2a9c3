package sqldb

import (
	"context"
	"sync"
	"time"
)

// RateBatch puts a local pool of tokens in front of the shared rate
// counters: a node reserves up to Batch events of a key's window in one
// write (ReserveRate) and admits them from memory, so a caller well under
// its limit costs one write per Batch events instead of one per event.
//
// The limit stays exact across nodes: reservations never add up past the
// limit in a window, so no node admits more than the database granted.
// The price is the other way: tokens one node reserved and did not use
// are lost to the others until the window ends, so a caller whose events
// move between k nodes in one window may be refused after as few as
// limit − (k−1)·(Batch−1) events. A refusal is remembered until the
// window ends (the shared count only grows within a window). It is safe
// for concurrent use and satisfies http.RateStore and widget.RateStore.
type RateBatch struct {
	db *DB
	// Batch is how many events one reservation takes, at most; the
	// effective batch is also at most a tenth of the limit (at least 1),
	// so that a small limit loses little to other nodes.
	Batch int

	mu    sync.Mutex
	pools map[string]*ratePool
	prune int64 // window start of the last prune
}

type ratePool struct {
	start  int64 // the window the tokens belong to
	tokens int
	denied bool // the database granted none: refused until the window ends
	until  time.Time
}

// NewRateBatch returns db's rate counters behind local pools of up to
// batch tokens per key (DefaultRateBatch when batch < 1).
func NewRateBatch(db *DB, batch int) *RateBatch {
	if batch < 1 {
		batch = DefaultRateBatch
	}
	return &RateBatch{db: db, Batch: batch, pools: map[string]*ratePool{}}
}

// DefaultRateBatch is the largest reservation: 8 events.
const DefaultRateBatch = 8

// TakeRate admits one event for key in the current fixed window of length
// per when it is within limit (counted across nodes, see RateBatch);
// otherwise ok is false and wait is the time until the window ends.
func (b *RateBatch) TakeRate(ctx context.Context, key string, limit int, per time.Duration, now time.Time) (ok bool, wait time.Duration, err error) {
	start := windowStart(now, per)
	if ok, wait, done := b.take(key, start, now); done {
		return ok, wait, nil
	}
	n := min(b.Batch, max(limit/10, 1))
	granted, wait, err := b.db.ReserveRate(ctx, key, n, limit, per, now)
	if err != nil {
		return false, 0, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.pool(key, start)
	if granted == 0 {
		if p.tokens > 0 { // a concurrent reservation got some
			p.tokens--
			return true, 0, nil
		}
		p.denied, p.until = true, now.Add(wait)
		return false, wait, nil
	}
	p.tokens += granted - 1
	return true, 0, nil
}

// take admits an event from key's local pool; done is false when the
// pool is empty and the database must be asked.
func (b *RateBatch) take(key string, start int64, now time.Time) (ok bool, wait time.Duration, done bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if start != b.prune { // a new window: drop the pools of ended ones
		for k, p := range b.pools {
			if p.start < start {
				delete(b.pools, k)
			}
		}
		b.prune = start
	}
	p := b.pool(key, start)
	switch {
	case p.tokens > 0:
		p.tokens--
		return true, 0, true
	case p.denied:
		return false, max(p.until.Sub(now), 0), true
	}
	return false, 0, false
}

// pool returns key's pool for the window at start, a fresh one if the
// one held is of an earlier window; b.mu is held.
func (b *RateBatch) pool(key string, start int64) *ratePool {
	p, ok := b.pools[key]
	if !ok || p.start != start {
		p = &ratePool{start: start}
		b.pools[key] = p
	}
	return p
}
