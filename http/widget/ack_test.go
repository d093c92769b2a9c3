package widget_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/widget"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// countingConvs counts the widget's FindMessages calls and runs before
// ahead of each CreateMessage.
type countingConvs struct {
	proofdesk.ConversationService
	finds  atomic.Int64
	before func(m *proofdesk.Message)
}

func (c *countingConvs) FindMessages(ctx context.Context, id string) ([]*proofdesk.Message, error) {
	c.finds.Add(1)
	return c.ConversationService.FindMessages(ctx, id)
}

func (c *countingConvs) CreateMessage(ctx context.Context, m *proofdesk.Message) error {
	if c.before != nil {
		c.before(m)
	}
	return c.ConversationService.CreateMessage(ctx, m)
}

// The ack carries the stored message's seq from the write itself: with
// no gap nothing is read back; when a reply was stored after the cursor
// (its event not handled yet), the ack's read fills the gap, in order,
// and nothing goes out twice.
func TestWidget_AckSeqFromTheWrite(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) { testAckSeqFromTheWrite(t, dialect) })
	}
}

func testAckSeqFromTheWrite(t *testing.T, dialect string) {
	counting := &countingConvs{}
	e := newEnvOf(t, widget.Config{}, dialect, func(cs proofdesk.ConversationService) proofdesk.ConversationService {
		counting.ConversationService = cs
		return counting
	})
	ctx := context.Background()
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "hello, my parcel is late")
	c, _ := e.dial(t, token, convID)
	stored := func(id string) *proofdesk.Message {
		t.Helper()
		msgs, err := e.convs.FindMessages(ctx, convID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.ID == id {
				return m
			}
		}
		t.Fatalf("message %s not stored", id)
		return nil
	}

	// No gap: ack, then the message itself, and no read.
	finds := counting.finds.Load()
	send(t, c, map[string]string{"type": "message", "client_id": "c1", "body": "order 1234"})
	ack := read(t, c)
	if ack["type"] != "ack" || ack["client_id"] != "c1" {
		t.Fatalf("first frame %v, want the ack of c1", ack)
	}
	if m := stored(ack["id"].(string)); ack["seq"] != float64(m.Seq) || m.Seq != 2 {
		t.Fatalf("ack seq %v, stored message's seq %d (want 2)", ack["seq"], m.Seq)
	}
	if own := read(t, c); own["type"] != "message" || own["id"] != ack["id"] || own["seq"] != ack["seq"] || own["body"] != "order 1234" {
		t.Fatalf("after the ack %v, want the message itself", own)
	}
	if n := counting.finds.Load() - finds; n != 0 {
		t.Fatalf("the ack read the conversation %d times, want 0: the write gives the seq", n)
	}

	// A gap: an agent's reply is stored just before the visitor's message,
	// so its event is handled only after the ack.
	// The hook runs on the server's goroutine: mu orders what it sets
	// before what the test reads (the network does not, for the race
	// detector).
	var (
		once, noteOnce sync.Once
		mu             sync.Mutex
		replyID        string
		hookErr        error
	)
	hook := func() (string, error) { mu.Lock(); defer mu.Unlock(); return replyID, hookErr }
	counting.before = func(m *proofdesk.Message) {
		switch m.ClientID {
		case "c2":
			once.Do(func() {
				r := &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.agent.ID, Body: "Let me look into it."}
				err := e.convs.CreateMessage(ctx, r)
				mu.Lock()
				replyID, hookErr = r.ID, err
				mu.Unlock()
			})
		case "c3":
			// An internal note is no gap: the visitor never sees it.
			noteOnce.Do(func() {
				err := e.convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.agent.ID, Body: "note: VIP", Internal: true})
				mu.Lock()
				hookErr = err
				mu.Unlock()
			})
		}
	}
	send(t, c, map[string]string{"type": "message", "client_id": "c2", "body": "anyone?"})
	ack = read(t, c)
	reply, err := hook()
	if err != nil {
		t.Fatal(err)
	}
	if ack["type"] != "ack" || ack["client_id"] != "c2" {
		t.Fatalf("frame %v, want the ack of c2", ack)
	}
	if m := stored(ack["id"].(string)); ack["seq"] != float64(m.Seq) || m.Seq != 4 {
		t.Fatalf("ack seq %v, stored message's seq %d (want 4)", ack["seq"], m.Seq)
	}
	if f := read(t, c); f["type"] != "message" || f["id"] != reply || f["seq"] != float64(3) || f["author"] != proofdesk.AuthorAgent {
		t.Fatalf("after the ack %v, want the agent's reply %s at seq 3 (the gap)", f, reply)
	}
	if own := read(t, c); own["type"] != "message" || own["id"] != ack["id"] || own["seq"] != float64(4) {
		t.Fatalf("then %v, want the visitor's own message at seq 4", own)
	}

	// The reply's event, handled now, sends nothing again: the next frame
	// is the next ack, and a retry of c1 is acknowledged with its seq.
	send(t, c, map[string]string{"type": "message", "client_id": "c1", "body": "order 1234"})
	if again := read(t, c); again["type"] != "ack" || again["client_id"] != "c1" || again["seq"] != float64(2) {
		t.Fatalf("frame %v, want the ack of the retried c1 at seq 2", again)
	}
	send(t, c, map[string]string{"type": "message", "client_id": "c3", "body": "thanks"})
	next := read(t, c)
	if _, err := hook(); err != nil {
		t.Fatal(err)
	}
	if next["type"] != "ack" || next["client_id"] != "c3" || next["seq"] != float64(5) {
		t.Fatalf("frame %v, want the ack of c3 at seq 5 (nothing sent twice, the note not counted)", next)
	}
	if own := read(t, c); own["type"] != "message" || own["id"] != next["id"] || own["seq"] != float64(5) {
		t.Fatalf("then %v, want the visitor's own message at seq 5, never the note", own)
	}

	// The chat ends, with the handling of the events still queued, before
	// the store closes: its subscription is closed last.
	open := e.events.Subscribers() // the chat's and the desk's own
	c.Close(websocket.StatusNormalClosure, "")
	deadline := time.Now().Add(10 * time.Second)
	for e.events.Subscribers() >= open {
		if time.Now().After(deadline) {
			t.Fatal("the chat did not end after the visitor left")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
