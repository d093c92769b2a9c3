package inmem_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/inmem"
)

func mustSubscribe(tb testing.TB, s *inmem.EventService, conv string) proofdesk.Subscription {
	tb.Helper()
	sub, err := s.Subscribe(context.Background(), conv)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { sub.Close() })
	return sub
}

// drain returns the events already buffered on sub.
func drain(sub proofdesk.Subscription) []proofdesk.Event {
	var out []proofdesk.Event
	for {
		select {
		case ev, ok := <-sub.C():
			if !ok {
				return out
			}
			out = append(out, ev)
		default:
			return out
		}
	}
}

func TestEventService_FanOutAndFilter(t *testing.T) {
	ctx := context.Background()
	s := inmem.NewEventService(16)
	all1 := mustSubscribe(t, s, "")
	all2 := mustSubscribe(t, s, "")
	a := mustSubscribe(t, s, "cnv_a")
	b := mustSubscribe(t, s, "cnv_b")

	evA := proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_a", MessageID: "msg_1"}
	evB := proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: "cnv_b"}
	s.PublishEvent(ctx, evA)
	s.PublishEvent(ctx, evB)

	tests := []struct {
		name string
		sub  proofdesk.Subscription
		want []proofdesk.Event
	}{
		{"all1", all1, []proofdesk.Event{evA, evB}},
		{"all2", all2, []proofdesk.Event{evA, evB}},
		{"conversation a", a, []proofdesk.Event{evA}},
		{"conversation b", b, []proofdesk.Event{evB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, drain(tt.sub)); diff != "" {
				t.Fatalf("events (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEventService_SlowSubscriberDoesNotBlock(t *testing.T) {
	ctx := context.Background()
	s := inmem.NewEventService(4)
	slow := mustSubscribe(t, s, "")
	fast := mustSubscribe(t, s, "cnv_x")

	// Nobody reads slow: 10 publishes must all return (the test would
	// hang otherwise) and slow keeps only the first 4.
	var got []proofdesk.Event
	for i := range 10 {
		s.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: "cnv_x", MessageID: string(rune('a' + i))})
		got = append(got, <-fast.C())
	}
	if len(got) != 10 {
		t.Fatalf("fast got %d events, want 10", len(got))
	}
	if n := len(drain(slow)); n != 4 {
		t.Fatalf("slow buffered %d events, want 4", n)
	}
	if d := slow.(*inmem.Subscription).Dropped(); d != 6 {
		t.Fatalf("slow Dropped=%d, want 6", d)
	}
	if d := s.Dropped(); d != 6 {
		t.Fatalf("service Dropped=%d, want 6", d)
	}
}

func TestEventService_Close(t *testing.T) {
	ctx := context.Background()
	s := inmem.NewEventService(0)
	sub := mustSubscribe(t, s, "")
	other := mustSubscribe(t, s, "")

	// Closing one subscription closes its channel and stops delivery to it.
	if err := sub.Close(); err != nil {
		t.Fatal(err)
	}
	if err := sub.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, ok := <-sub.C(); ok {
		t.Fatal("closed subscription still delivers")
	}
	s.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventTyping})
	if n := len(drain(other)); n != 1 {
		t.Fatalf("other got %d events, want 1", n)
	}
	if n := s.Subscribers(); n != 1 {
		t.Fatalf("Subscribers=%d, want 1", n)
	}

	// Closing the service closes the rest; publishing is then a no-op and
	// subscribing fails.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-other.C(); ok {
		t.Fatal("subscription open after service Close")
	}
	s.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventTyping})
	if _, err := s.Subscribe(ctx, ""); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
		t.Fatalf("Subscribe after Close: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.EINTERNAL)
	}
	if err := other.Close(); err != nil {
		t.Fatalf("Close after service Close: %v", err)
	}
}

// TestEventService_Concurrent runs publishers, subscribers and closers at
// once; run with -race.
func TestEventService_Concurrent(t *testing.T) {
	ctx := context.Background()
	s := inmem.NewEventService(8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 200 {
				s.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: "cnv_c"})
			}
		}()
		go func() {
			defer wg.Done()
			conv := ""
			if i%2 == 0 {
				conv = "cnv_c"
			}
			for range 50 {
				sub, err := s.Subscribe(ctx, conv)
				if err != nil {
					t.Error(err)
					return
				}
				drain(sub)
				sub.Close()
			}
		}()
	}
	wg.Wait()
	if n := s.Subscribers(); n != 0 {
		t.Fatalf("Subscribers=%d, want 0", n)
	}
}

// TestEventService_ConversationIndex: subscribers of other conversations
// get nothing, one conversation's buffer is ConversationBuffer, and a
// closed subscription leaves the service.
func TestEventService_ConversationIndex(t *testing.T) {
	s := inmem.NewEventService(0)
	defer s.Close()
	ctx := context.Background()
	a, _ := s.Subscribe(ctx, "cnv_a")
	b, _ := s.Subscribe(ctx, "cnv_b")
	for range inmem.ConversationBuffer + 5 {
		s.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: "cnv_a"})
	}
	if n := len(a.C()); n != inmem.ConversationBuffer {
		t.Fatalf("conversation subscriber holds %d events, want its buffer of %d", n, inmem.ConversationBuffer)
	}
	if d := a.(*inmem.Subscription).Dropped(); d != 5 {
		t.Fatalf("dropped %d, want 5 (counted, so the receiver re-reads)", d)
	}
	if n := len(b.C()); n != 0 {
		t.Fatalf("another conversation's subscriber got %d events", n)
	}
	a.Close()
	b.Close()
	if n := s.Subscribers(); n != 0 {
		t.Fatalf("%d subscribers after closing both", n)
	}
}

// BenchmarkPublish10kChats publishes one event with 10,000 visitors'
// chats subscribed, each to its own conversation, and one agent stream:
// a publish visits only that conversation's subscribers and the stream.
func BenchmarkPublish10kChats(b *testing.B) {
	s := inmem.NewEventService(0)
	defer s.Close()
	ctx := context.Background()
	for i := range 10000 {
		if _, err := s.Subscribe(ctx, fmt.Sprintf("cnv_%d", i)); err != nil {
			b.Fatal(err)
		}
	}
	all, _ := s.Subscribe(ctx, "")
	go func() {
		for range all.C() {
		}
	}()
	ev := proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: "cnv_42"}
	for b.Loop() {
		s.PublishEvent(ctx, ev)
	}
}
