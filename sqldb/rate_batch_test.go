package sqldb_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestRateBatch_Writes: a caller well under its limit writes the shared
// counter once per batch, not once per event.
func TestRateBatch_Writes(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		db, _, _ := twoNodes(t, dialect)
		rb := sqldb.NewRateBatch(db, 8)
		ctx := t.Context()
		now := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
		for i := range 20 {
			if ok, _, err := rb.TakeRate(ctx, "widget:v1", 100, time.Minute, now); err != nil || !ok {
				t.Fatalf("event %d: ok=%v, %v", i+1, ok, err)
			}
		}
		// 20 events: three reservations of 8, so 24 counted, in three writes.
		if n, err := sqldb.RateCounted(ctx, db); err != nil || n != 24 {
			t.Fatalf("counted %d, %v; want 24 (3 reservations of 8)", n, err)
		}
		// A small limit reserves a tenth of it: limit 30, batches of 3.
		for range 4 {
			if ok, _, err := rb.TakeRate(ctx, "widget:v2", 30, time.Minute, now); err != nil || !ok {
				t.Fatalf("small limit: ok=%v, %v", ok, err)
			}
		}
		if n, err := sqldb.RateCounted(ctx, db); err != nil || n != 24+6 {
			t.Fatalf("counted %d, %v; want 30 (two reservations of 3 more)", n, err)
		}
	})
}

// TestRateBatch_TwoNodes: two nodes, each with its local pool, taking one
// visitor's events at once never admit more than the limit in a window,
// and admit at least the limit minus the batch the other node holds
// unused; the next window admits again.
func TestRateBatch_TwoNodes(t *testing.T) {
	forDialects(t, func(t *testing.T, dialect string) {
		a, b, _ := twoNodes(t, dialect)
		const limit, batch = 100, 8
		nodes := []*sqldb.RateBatch{sqldb.NewRateBatch(a, batch), sqldb.NewRateBatch(b, batch)}
		ctx := t.Context()
		now := time.Date(2026, 3, 1, 12, 0, 10, 0, time.UTC)
		var admitted, refused atomic.Int64
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 40 { // 320 events offered, 100 allowed
					ok, wait, err := nodes[g%2].TakeRate(ctx, "widget:v1", limit, time.Minute, now)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						admitted.Add(1)
					} else {
						refused.Add(1)
						if wait != 50*time.Second {
							t.Errorf("refused with wait %v, want 50s (the window's end)", wait)
						}
					}
				}
			}()
		}
		wg.Wait()
		got := int(admitted.Load())
		if got > limit || got < limit-(batch-1) {
			t.Fatalf("admitted %d of 320 in one window across two nodes, want %d to %d", got, limit-(batch-1), limit)
		}
		if ok, _, err := nodes[1].TakeRate(ctx, "widget:v1", limit, time.Minute, now.Add(50*time.Second)); err != nil || !ok {
			t.Fatalf("next window: ok=%v, %v", ok, err)
		}
	})
}

// BenchmarkTakeRate is one chat message's rate check for one visitor well
// under its limit: the shared counter written per message ("direct")
// against the local pool's one reservation per 8 ("batch").
func BenchmarkTakeRate(b *testing.B) {
	for _, dialect := range sqldbtest.Dialects() {
		db := sqldbtest.OpenWithVault(b, sqldbtest.DSN(b, dialect), sqldbtest.NewVault(b))
		rb := sqldb.NewRateBatch(db, 8)
		for _, tt := range []struct {
			name string
			take func(ctx context.Context, key string, limit int, per time.Duration, now time.Time) (bool, time.Duration, error)
		}{{"direct", db.TakeRate}, {"batch", rb.TakeRate}} {
			b.Run(dialect+"/"+tt.name, func(b *testing.B) {
				ctx := b.Context()
				now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
				for b.Loop() {
					if ok, _, err := tt.take(ctx, "widget:"+tt.name, 1<<30, time.Minute, now); err != nil || !ok {
						b.Fatalf("ok=%v, %v", ok, err)
					}
				}
			})
		}
	}
}
