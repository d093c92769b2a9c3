package pgnotify_test

import (
	"context"
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
