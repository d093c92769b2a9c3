package pgnotify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/pgnotify"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestEventsCrossNodes runs two "nodes" on one PostgreSQL: an event
// published on A reaches a subscriber on B exactly once, and A's own
// subscriber gets it once (not again through NOTIFY).
func TestEventsCrossNodes(t *testing.T) {
	dsn := sqldbtest.PostgresDSN()
	if dsn == "" {
		t.Skip("TEST_POSTGRES_DSN not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, err := pgnotify.Open(ctx, dsn, inmem.NewEventService(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := pgnotify.Open(ctx, dsn, inmem.NewEventService(0), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	subB, err := b.Subscribe(ctx, "cnv_x")
	if err != nil {
		t.Fatal(err)
	}
	subA, err := a.Subscribe(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_other", MessageID: "m0"})
	a.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_x", MessageID: "m1"})
	select {
	case ev := <-subB.C():
		if ev.MessageID != "m1" || ev.ConversationID != "cnv_x" {
			t.Fatalf("B got %+v, want m1 on cnv_x (the filter must drop cnv_other)", ev)
		}
	case <-ctx.Done():
		t.Fatal("event never reached node B")
	}
	got := 0
	deadline := time.After(500 * time.Millisecond)
loop:
	for {
		select {
		case <-subA.C():
			got++
		case <-deadline:
			break loop
		}
	}
	if got != 2 {
		t.Fatalf("node A's subscriber got %d events, want 2 (its own, once each)", got)
	}
}

// crossNodes opens two nodes on one PostgreSQL and a subscriber of all
// conversations on the second, with room for n events.
func crossNodes(tb testing.TB, n int) (a *pgnotify.EventService, sub proofdesk.Subscription) {
	tb.Helper()
	dsn := sqldbtest.PostgresDSN()
	if dsn == "" {
		tb.Skip("TEST_POSTGRES_DSN not set")
	}
	ctx := context.Background()
	a, err := pgnotify.Open(ctx, dsn, inmem.NewEventService(0), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	b, err := pgnotify.Open(ctx, dsn, inmem.NewEventService(n), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { b.Close() })
	if sub, err = b.Subscribe(ctx, ""); err != nil {
		tb.Fatal(err)
	}
	return a, sub
}

// publishBurst publishes n events on a at once (each a message of its own)
// and waits until sub has them all, in order.
func publishBurst(tb testing.TB, a *pgnotify.EventService, sub proofdesk.Subscription, n int) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := range n {
		a.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_burst", MessageID: fmt.Sprint("m", i)})
	}
	for i := range n {
		select {
		case ev := <-sub.C():
			if want := fmt.Sprint("m", i); ev.MessageID != want {
				tb.Fatalf("event %d on node B is %s, want %s: in order, none lost", i, ev.MessageID, want)
			}
		case <-ctx.Done():
			tb.Fatalf("node B got %d of %d events (dropped on A: %d)", i, n, a.Dropped())
		}
	}
}

// A burst of events sent many to a round trip still reaches the other
// node whole and in order.
func TestEventsCrossNodes_Burst(t *testing.T) {
	a, sub := crossNodes(t, 1000)
	publishBurst(t, a, sub, 1000)
	if d := a.Dropped(); d != 0 {
		t.Fatalf("node A dropped %d events", d)
	}
}

// BenchmarkCrossNodes is events per second from one node's publish to the
// other node's subscriber, in bursts of 1,000 (the send buffer's size).
func BenchmarkCrossNodes(b *testing.B) {
	a, sub := crossNodes(b, 1000)
	b.ResetTimer()
	for done := 0; done < b.N; done += 1000 {
		publishBurst(b, a, sub, min(1000, b.N-done))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
