package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// countingStore counts the thread reads and the mark-sent transactions
// of the real store, and the rows each marked.
type countingStore struct {
	*sqldb.DB
	threadReads atomic.Int32
	mu          sync.Mutex
	marks       []int
}

func (s *countingStore) ThreadsMessageIDs(ctx context.Context, convIDs []string) (map[string][]string, error) {
	s.threadReads.Add(1)
	return s.DB.ThreadsMessageIDs(ctx, convIDs)
}

func (s *countingStore) MarkSentBatch(ctx context.Context, sent []proofdesk.OutboxAccepted, now time.Time) ([]string, error) {
	s.mu.Lock()
	s.marks = append(s.marks, len(sent))
	s.mu.Unlock()
	return s.DB.MarkSentBatch(ctx, sent, now)
}

// queueMore queues n more agent replies on conv.
func queueMore(tb testing.TB, f *fixture, conv *proofdesk.Conversation, n int) {
	tb.Helper()
	for i := range n {
		queueAgentReply(tb, f, conv, fmt.Sprintf("reply %d", i))
	}
}

// queueAgentReply stores an agent reply with body on conv and queues it.
func queueAgentReply(tb testing.TB, f *fixture, conv *proofdesk.Conversation, body string) {
	tb.Helper()
	ctx := context.Background()
	m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: body}
	if err := f.convs.CreateMessage(ctx, m); err != nil {
		tb.Fatal(err)
	}
	if _, err := f.db.EnqueueReply(ctx, conv.ID, m.ID); err != nil {
		tb.Fatal(err)
	}
}

// header returns the Message-ID and References of a raw message.
func header(t *testing.T, raw []byte) (string, []string) {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	id, _ := r.Header.MessageID()
	refs, _ := r.Header.MsgIDList("References")
	return id, refs
}

// TestWorker_ThreadReadOncePerBatch: the replies of a claim batch read
// their conversations' Message-IDs from the store once, and each reply
// still threads onto the one sent just before it (In-Reply-To, the last
// of References), even while that one waits to be marked sent.
func TestWorker_ThreadReadOncePerBatch(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		conv, _ := f.reply(t, "requester@elsewhere.test", "in-9@elsewhere.test")
		queueMore(t, f, conv, 4)
		other, _ := f.reply(t, "other@elsewhere.test", "in-10@elsewhere.test")
		queueMore(t, f, other, 2)
		st := &countingStore{DB: db}
		cap := &capture{}
		w, err := outbox.NewWorker(st, relay(t, startCapture(t, cap, nil)), nil, outbox.Config{From: "Acme Support <support@desk.test>",
			Lease: time.Minute, Now: f.clk.Now, MarkDelay: time.Hour}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := w.RunOnce(context.Background()); err != nil || n != 8 {
			t.Fatalf("RunOnce=%d, %v, want 8", n, err)
		}
		if n := st.threadReads.Load(); n != 1 {
			t.Fatalf("the threads were read %d times for 8 replies on 2 conversations, want once", n)
		}
		var got [][]byte
		for _, raw := range cap.received() {
			if bytes.Contains(raw, []byte("[#"+conv.ID+"]")) {
				got = append(got, raw)
			}
		}
		if len(got) != 5 {
			t.Fatalf("received %d replies on the first conversation, want 5", len(got))
		}
		prev := "in-9@elsewhere.test"
		var sent []string
		for i, raw := range got {
			id, refs := header(t, raw)
			if len(refs) == 0 || refs[len(refs)-1] != prev || refs[0] != "in-9@elsewhere.test" || len(refs) != i+1 {
				t.Fatalf("reply %d: References %v, want the inbound mail then the %d replies before it, last %s", i, refs, i, prev)
			}
			prev = id
			sent = append(sent, id)
		}
		// The store threads them in the same order once marked.
		ids, err := db.ThreadMessageIDs(context.Background(), conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := append([]string{"in-9@elsewhere.test"}, sent...); strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Fatalf("store thread %v, want %v", ids, want)
		}
	})
}

// TestWorker_MarksSentInBatches: accepted rows are marked sent MarkBatch
// at a time, the rest when the claim batch ends; every row ends sent.
func TestWorker_MarksSentInBatches(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	var ids []string
	for c := range 5 {
		_, out := f.reply(t, fmt.Sprintf("req%d@elsewhere.test", c), fmt.Sprintf("in-%d@elsewhere.test", c))
		ids = append(ids, out.ID)
	}
	st := &countingStore{DB: db}
	cap := &capture{}
	w, err := outbox.NewWorker(st, relay(t, startCapture(t, cap, nil)), nil, outbox.Config{From: "Acme Support <support@desk.test>",
		Lease: time.Minute, Now: f.clk.Now, Workers: 1, MarkBatch: 2, MarkDelay: time.Hour}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.RunOnce(context.Background()); err != nil || n != 5 {
		t.Fatalf("RunOnce=%d, %v, want 5", n, err)
	}
	if fmt.Sprint(st.marks) != "[2 2 1]" {
		t.Fatalf("rows per mark-sent transaction %v, want [2 2 1]", st.marks)
	}
	for _, id := range ids {
		if s := status(t, db, id); s != proofdesk.OutboxSent {
			t.Fatalf("row %s: %s, want sent", id, s)
		}
	}
}

// hungStore is the store of a node that froze while marking rows sent
// (and is then killed): MarkSentBatch blocks until release is closed,
// then fails.
type hungStore struct {
	*sqldb.DB
	release chan struct{}
}

func (s hungStore) MarkSentBatch(ctx context.Context, _ []proofdesk.OutboxAccepted, _ time.Time) ([]string, error) {
	<-s.release
	return nil, errors.New("node killed")
}

// TestWorker_HungStoreBoundsResends: while the store does not answer a
// mark-sent transaction, the worker stops sending once MarkBatch more
// accepted rows wait behind it, so a crash then re-sends at most
// 2×MarkBatch + Workers rows; the next worker sends every row, and the
// copies carry the Message-IDs of the first sends.
func TestWorker_HungStoreBoundsResends(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	const convs, per, batch, workers = 6, 4, 2, 2
	for c := range convs {
		conv, _ := f.reply(t, fmt.Sprintf("req%d@elsewhere.test", c), fmt.Sprintf("in-%d@elsewhere.test", c))
		queueMore(t, f, conv, per-1)
	}
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	hung := hungStore{DB: db, release: make(chan struct{})}
	dead, err := outbox.NewWorker(hung, relay(t, addr), nil, outbox.Config{From: "Acme Support <support@desk.test>",
		Lease: time.Minute, Now: f.clk.Now, Workers: workers, MarkBatch: batch, MarkDelay: time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer outbox.SetMarkStopRetry(0)()
	deadCtx, kill := context.WithCancel(context.Background())
	defer kill()
	done := make(chan error, 1)
	go func() { _, err := dead.RunOnce(deadCtx); done <- err }()
	// Wait until the sending stops.
	last, stable := -1, 0
	for stable < 10 {
		time.Sleep(50 * time.Millisecond)
		if n := len(cap.received()); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
	if last == 0 || last > 2*batch+workers {
		t.Fatalf("the relay accepted %d mails that the hung store never marked, want 1 to %d", last, 2*batch+workers)
	}
	kill() // the frozen node is killed: its store fails, its worker stops
	close(hung.release)
	if err := <-done; err == nil {
		t.Fatal("the killed node's RunOnce reported no error")
	}
	f.clk.Add(time.Minute)
	w, err := outbox.NewWorker(db, relay(t, addr), nil, outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if total := drain(t, w); total != convs*per {
		t.Fatalf("the next worker sent %d rows, want all %d (none was marked)", total, convs*per)
	}
	seen := map[string]int{}
	for _, raw := range cap.received() {
		id, _ := header(t, raw)
		seen[id]++
	}
	if len(seen) != convs*per {
		t.Fatalf("%d distinct Message-IDs for %d rows: a resend got a new one", len(seen), convs*per)
	}
}

// noticeFirstStore claims, before the real rows, a notification mail on
// conversation conv (not a reply: it does not thread), as a verification
// notice queued before an agent's reply would be.
type noticeFirstStore struct {
	*sqldb.DB
	conv string
}

func (s noticeFirstStore) ClaimDue(ctx context.Context, now time.Time, limit int, kinds []string, lease time.Duration) ([]*proofdesk.OutboxDelivery, error) {
	ds, err := s.DB.ClaimDue(ctx, now, limit, kinds, lease)
	notice := &proofdesk.OutboxDelivery{OutboxMessage: proofdesk.OutboxMessage{ID: "out_notice", Kind: proofdesk.OutboxEmail, Purpose: "owner_notice",
		ConversationID: s.conv, To: "owner@elsewhere.test", Subject: "A request", Body: "Someone asked."}, Claim: "clm_notice"}
	return append([]*proofdesk.OutboxDelivery{notice}, ds...), err
}

// TestWorker_ThreadAfterNotice: a reply delivered after a notification
// on its conversation in the same batch still threads onto the
// customer's mail (the batch's thread read covers every reply, not only
// a conversation whose first row is one).
func TestWorker_ThreadAfterNotice(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	conv, _ := f.reply(t, "requester@elsewhere.test", "in-11@elsewhere.test")
	cap := &capture{}
	w, err := outbox.NewWorker(noticeFirstStore{DB: db, conv: conv.ID}, relay(t, startCapture(t, cap, nil)), nil,
		outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.RunOnce(context.Background()); err != nil || n != 2 {
		t.Fatalf("RunOnce=%d, %v, want 2", n, err)
	}
	got := cap.received()
	if len(got) != 2 {
		t.Fatalf("received %d, want the notice and the reply", len(got))
	}
	if _, refs := header(t, got[1]); strings.Join(refs, ",") != "in-11@elsewhere.test" {
		t.Fatalf("the reply after the notice has References %v, want the customer's mail", refs)
	}
}
