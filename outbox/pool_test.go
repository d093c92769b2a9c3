package outbox_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func testMsg(i int) []byte {
	return []byte(fmt.Sprintf("From: a@desk.test\r\nTo: r%d@example.test\r\nSubject: n%d\r\n\r\nbody %d\r\n", i, i, i))
}

// TestSMTPRelay_ReusesSessions: a burst of mail goes over one session,
// each message with its own envelope (the completed DATA clears it; no
// RSET is sent), and a session ends after MaxPerSession messages.
func TestSMTPRelay_ReusesSessions(t *testing.T) {
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityNone, MaxPerSession: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := range 25 {
		if err := r.SendMail(context.Background(), fmt.Sprintf("b%d@desk.test", i), []string{fmt.Sprintf("r%d@example.test", i)}, testMsg(i)); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	got := cap.received()
	if len(got) != 25 {
		t.Fatalf("received %d messages, want 25", len(got))
	}
	for i := range 25 {
		if cap.from[i] != fmt.Sprintf("b%d@desk.test", i) || strings.Join(cap.rcpts[i], ",") != fmt.Sprintf("r%d@example.test", i) {
			t.Fatalf("message %d: envelope from=%q to=%v (an envelope leaked across messages of one session)", i, cap.from[i], cap.rcpts[i])
		}
	}
	// 25 messages at 10 per session: 3 sessions, not 25.
	if n, sn := r.Sessions(), cap.sessionCount(); n != 3 || sn != 3 {
		t.Fatalf("relay opened %d sessions, server saw %d; want 3", n, sn)
	}
}

// TestSMTPRelay_NoReuse: MaxIdle < 0 keeps the old behaviour, one
// connection per message.
func TestSMTPRelay_NoReuse(t *testing.T) {
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityNone, MaxIdle: -1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := r.SendMail(context.Background(), "b@desk.test", []string{"r@example.test"}, testMsg(i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := cap.sessionCount(); n != 3 {
		t.Fatalf("server saw %d sessions, want 3", n)
	}
}

// TestSMTPRelay_RelayDroppedIdleSession: when the relay closes a session
// while it sits idle (its own idle timeout), the next message is still
// delivered, over a new session, and not reported as failed.
func TestSMTPRelay_RelayDroppedIdleSession(t *testing.T) {
	cap := &capture{}
	s := smtp.NewServer(cap)
	s.Domain = "relay.test"
	s.AllowInsecureAuth = true
	s.ErrorLog = quiet{}
	s.ReadTimeout = 150 * time.Millisecond // the relay hangs up on idle clients quickly
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Close() })

	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: ln.Addr().String(), Security: outbox.SecurityNone})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.SendMail(context.Background(), "b@desk.test", []string{"r1@example.test"}, testMsg(1)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond) // the relay drops the idle session
	if err := r.SendMail(context.Background(), "b@desk.test", []string{"r2@example.test"}, testMsg(2)); err != nil {
		t.Fatalf("second message after the relay dropped the idle session: %v", err)
	}
	if got := cap.received(); len(got) != 2 {
		t.Fatalf("received %d, want 2", len(got))
	}
	if n := r.Sessions(); n != 2 {
		t.Fatalf("sessions=%d, want 2 (one reconnect)", n)
	}
}

// TestSMTPRelay_Concurrent: many senders at once share a few sessions;
// every message arrives once with its own envelope.
func TestSMTPRelay_Concurrent(t *testing.T) {
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityNone, MaxIdle: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				n := g*100 + i
				errs <- r.SendMail(context.Background(), fmt.Sprintf("b%d@desk.test", n), []string{fmt.Sprintf("r%d@example.test", n)}, testMsg(n))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := cap.received()
	if len(got) != 200 {
		t.Fatalf("received %d, want 200", len(got))
	}
	seen := map[string]bool{}
	for i := range got {
		want := strings.Replace(cap.from[i], "b", "r", 1)
		want = strings.Replace(want, "@desk.test", "@example.test", 1)
		if strings.Join(cap.rcpts[i], ",") != want || seen[want] {
			t.Fatalf("message %d: from %q to %v (mixed or repeated envelope)", i, cap.from[i], cap.rcpts[i])
		}
		seen[want] = true
	}
	if n := r.Sessions(); n > 8 {
		t.Fatalf("opened %d sessions for 8 senders", n)
	}
}

// TestWorker_OrderPerConversation: with several deliveries in flight, the
// replies of one conversation still leave in the order they were queued.
func TestWorker_OrderPerConversation(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cap := &capture{}
		w, err := outbox.NewWorker(f.db, relay(t, startCapture(t, cap, nil)), nil, outbox.Config{From: "Acme Support <support@desk.test>",
			Workers: 4, Lease: time.Minute, Now: f.clk.Now}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]string{} // conversation token -> bodies in queue order
		for c := range 3 {
			conv, _ := f.reply(t, fmt.Sprintf("req%d@elsewhere.test", c), fmt.Sprintf("in-%d@elsewhere.test", c))
			want[conv.ID] = append(want[conv.ID], "It ships tomorrow")
			for i := range 5 {
				body := fmt.Sprintf("conv %d reply %d", c, i)
				m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: body}
				if err := f.convs.CreateMessage(ctx, m); err != nil {
					t.Fatal(err)
				}
				if _, err := f.db.EnqueueReply(ctx, conv.ID, m.ID); err != nil {
					t.Fatal(err)
				}
				want[conv.ID] = append(want[conv.ID], body)
			}
		}
		for {
			n, err := w.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
		}
		got := map[string][]string{}
		for _, m := range cap.received() {
			s := string(m)
			for id := range want {
				if strings.Contains(s, "[#"+id+"]") {
					for _, body := range want[id] {
						if strings.Contains(s, body) {
							got[id] = append(got[id], body)
						}
					}
				}
			}
		}
		for id, bodies := range want {
			if strings.Join(got[id], "|") != strings.Join(bodies, "|") {
				t.Fatalf("conversation %s: sent %q, queued %q", id, got[id], bodies)
			}
		}
	})
}
