package sqldb_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var allKinds = []string{proofdesk.OutboxEmail, proofdesk.OutboxSMS}

// queueReply queues an agent reply on a new email conversation.
func queueReply(t *testing.T, f *fixture) (*proofdesk.Conversation, *proofdesk.OutboxMessage) {
	t.Helper()
	ctx := context.Background()
	conv, _ := newEmailConversation(t, f.DB, "", "jane@example.com")
	m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "On its way."}
	if err := sqldb.NewConversationService(f.DB).CreateMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	out, err := f.DB.EnqueueReply(ctx, conv.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return conv, out
}

func TestClaimDue_LeaseAndSettle(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv, out := queueReply(t, f)
		now := f.Clk.Now()

		// SMS only: the email stays queued.
		got, err := db.ClaimDue(ctx, now, 10, []string{proofdesk.OutboxSMS}, time.Minute)
		if err != nil || len(got) != 0 {
			t.Fatalf("ClaimDue(sms)=%v, %v, want none", got, err)
		}
		got, err = db.ClaimDue(ctx, now, 10, allKinds, time.Minute)
		if err != nil || len(got) != 1 {
			t.Fatalf("ClaimDue=%v, %v, want 1", got, err)
		}
		d := got[0]
		if d.ID != out.ID || d.To != "jane@example.com" || d.Body != "On its way." || d.Attempts != 1 || d.Claim == "" || d.RefID == "" {
			t.Fatalf("claimed=%+v", d)
		}
		// Leased: nobody else gets it until the lease runs out.
		if again, _ := db.ClaimDue(ctx, now.Add(30*time.Second), 10, allKinds, time.Minute); len(again) != 0 {
			t.Fatalf("claimed a leased row: %v", again)
		}
		// The worker died: after the lease another claims it.
		again, err := db.ClaimDue(ctx, now.Add(2*time.Minute), 10, allKinds, time.Minute)
		if err != nil || len(again) != 1 || again[0].Attempts != 2 || again[0].Claim == d.Claim {
			t.Fatalf("reclaim=%v, %v", again, err)
		}
		// The first worker's claim is lost.
		if err := db.MarkSent(ctx, d, "x@desk.example", now); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("MarkSent with a lost claim: err=%v, want ECONFLICT", err)
		}
		if err := db.MarkSent(ctx, again[0], "<sent1@desk.example>", now); err != nil {
			t.Fatal(err)
		}
		// The reply's Message-ID threads the customer's answer.
		if id, err := db.FindConversationByMessageID(ctx, "sent1@desk.example"); err != nil || id != conv.ID {
			t.Fatalf("sent Message-ID threads to %q, %v, want %s", id, err, conv.ID)
		}
		if seen, _ := db.InboundSeen(ctx, "sent1@desk.example"); seen {
			t.Fatal("an outbound Message-ID counts as a seen inbound mail")
		}
		st, err := db.FindOutboxDelivery(ctx, out.ID)
		if err != nil || st.Status != proofdesk.OutboxSent {
			t.Fatalf("status=%v, %v, want sent", st, err)
		}
		if left, _ := db.ClaimDue(ctx, now.Add(time.Hour), 10, allKinds, time.Minute); len(left) != 0 {
			t.Fatalf("a sent row was claimed again: %v", left)
		}
	})
}

func TestMarkFailed_RetryThenFail(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv, out := queueReply(t, f)
		now := f.Clk.Now()

		d := claimOne(t, db, now)
		if id, err := db.MarkFailed(ctx, d, "smtp 451 4.3.0", now.Add(time.Minute), false); err != nil || id != "" {
			t.Fatalf("MarkFailed(retry)=%q, %v", id, err)
		}
		if got, _ := db.ClaimDue(ctx, now.Add(30*time.Second), 10, allKinds, time.Minute); len(got) != 0 {
			t.Fatalf("claimed before its retry time: %v", got)
		}
		d = claimOne(t, db, now.Add(time.Minute))
		if d.Attempts != 2 {
			t.Fatalf("attempts=%d, want 2", d.Attempts)
		}
		sysID, err := db.MarkFailed(ctx, d, "smtp 550 5.1.1\r\nbad", time.Time{}, true)
		if err != nil || sysID == "" {
			t.Fatalf("MarkFailed(final)=%q, %v", sysID, err)
		}
		st, _ := db.FindOutboxDelivery(ctx, out.ID)
		if st.Status != proofdesk.OutboxFailed {
			t.Fatalf("status=%s, want failed", st.Status)
		}
		if got, _ := db.ClaimDue(ctx, now.Add(24*time.Hour), 10, allKinds, time.Minute); len(got) != 0 {
			t.Fatalf("a failed row was claimed: %v", got)
		}
		msgs, err := sqldb.NewConversationService(db).FindMessages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := msgs[len(msgs)-1]
		if last.ID != sysID || last.AuthorKind != proofdesk.AuthorSystem || !last.Internal ||
			!strings.Contains(last.Body, "Delivery failed") || !strings.Contains(last.Body, "smtp 550 5.1.1 bad") {
			t.Fatalf("system message=%+v", last)
		}
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var audited bool
		for _, e := range entries {
			audited = audited || (e.Action == sqldb.AuditDeliveryFailed && e.SubjectID == conv.ID && e.Detail["outbox_id"] == out.ID)
		}
		if !audited {
			t.Fatal("permanent failure not audited")
		}
	})
}

func claimOne(t *testing.T, db *sqldb.DB, now time.Time) *proofdesk.OutboxDelivery {
	t.Helper()
	got, err := db.ClaimDue(context.Background(), now, 10, allKinds, time.Minute)
	if err != nil || len(got) != 1 {
		t.Fatalf("ClaimDue=%v, %v, want 1", got, err)
	}
	return got[0]
}

// TestClaimDue_Concurrent claims from several goroutines at once: every
// row is claimed exactly once (FOR UPDATE SKIP LOCKED on PostgreSQL, the
// single writer on SQLite).
func TestClaimDue_Concurrent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		const n = 12
		for range n {
			queueReply(t, f)
		}
		now := f.Clk.Now()
		results := make(chan []*proofdesk.OutboxDelivery, 4)
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				var mine []*proofdesk.OutboxDelivery
				for {
					got, err := db.ClaimDue(ctx, now, 2, allKinds, time.Hour)
					if err != nil {
						errs <- err
						return
					}
					if len(got) == 0 {
						break
					}
					mine = append(mine, got...)
				}
				errs <- nil
				results <- mine
			}()
		}
		seen := map[string]int{}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		for range 4 {
			for _, d := range <-results {
				seen[d.ID]++
			}
		}
		if len(seen) != n {
			t.Fatalf("claimed %d distinct rows, want %d", len(seen), n)
		}
		for id, c := range seen {
			if c != 1 {
				t.Fatalf("row %s claimed %d times", id, c)
			}
		}
	})
}

// TestMarkSentBatch: rows accepted together are marked in one call; a
// row whose claim was lost is named and left alone, the others are sent
// and each reply's Message-ID threads its conversation, in order.
func TestMarkSentBatch(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv1, _ := queueReply(t, f)
		conv2, _ := queueReply(t, f)
		m := &proofdesk.Message{ConversationID: conv1.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "And the invoice."}
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := db.EnqueueReply(ctx, conv1.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		now := f.Clk.Now()
		got, err := db.ClaimDue(ctx, now, 10, allKinds, time.Minute)
		if err != nil || len(got) != 3 {
			t.Fatalf("ClaimDue=%d rows, %v, want 3", len(got), err)
		}
		// The leases run out and another worker claims the rows: it
		// holds conv1's two, while the first worker still presents its
		// lost claim of conv2's.
		again, err := db.ClaimDue(ctx, now.Add(2*time.Minute), 10, allKinds, time.Minute)
		if err != nil || len(again) != 3 {
			t.Fatalf("reclaim=%d rows, %v", len(again), err)
		}
		var sent []proofdesk.OutboxAccepted
		var stolen *proofdesk.OutboxDelivery
		for i, d := range got {
			if d.ConversationID == conv2.ID {
				stolen = d
			} else {
				d = again[i]
			}
			sent = append(sent, proofdesk.OutboxAccepted{Delivery: d, MessageID: "<batch" + string(rune('a'+i)) + "@desk.example>"})
		}
		lost, err := db.MarkSentBatch(ctx, sent, now)
		if err != nil || len(lost) != 1 || lost[0] != stolen.ID {
			t.Fatalf("MarkSentBatch: lost=%v, %v; want only %s", lost, err, stolen.ID)
		}
		for _, d := range again {
			st, err := db.FindOutboxDelivery(ctx, d.ID)
			want := proofdesk.OutboxSent
			if d.ID == stolen.ID {
				want = proofdesk.OutboxQueued
			}
			if err != nil || st.Status != want {
				t.Fatalf("row %s: status %v, %v; want %s", d.ID, st, err, want)
			}
		}
		ids, err := db.ThreadMessageIDs(ctx, conv1.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ours []string
		for _, id := range ids {
			if strings.HasPrefix(id, "batch") {
				ours = append(ours, id)
			}
		}
		if len(ours) != 2 || ours[0] >= ours[1] {
			t.Fatalf("conversation 1 threads %v, want its two replies in the order sent", ids)
		}
		if ids, _ := db.ThreadMessageIDs(ctx, conv2.ID); slices.ContainsFunc(ids, func(s string) bool { return strings.HasPrefix(s, "batch") }) {
			t.Fatalf("the lost row's Message-ID was recorded: %v", ids)
		}
		// The same transaction again (its caller did not learn it had
		// committed): nothing is lost and nothing is recorded twice.
		lost, err = db.MarkSentBatch(ctx, sent, now)
		if err != nil || len(lost) != 1 || lost[0] != stolen.ID {
			t.Fatalf("MarkSentBatch again: lost=%v, %v; want only %s, as before", lost, err, stolen.ID)
		}
		if again, err := db.ThreadMessageIDs(ctx, conv1.ID); err != nil || len(again) != len(ids) {
			t.Fatalf("conversation 1 threads %v after the retry, %v; want %v", again, err, ids)
		}
	})
}

// TestThreadsMessageIDs: one read of several conversations' threads gives
// each what ThreadMessageIDs gives it (oldest first, the newest 20), and
// nothing for a conversation without mail or an unknown one.
func TestThreadsMessageIDs(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		long, first := newEmailConversation(t, db, "", "jane@example.com")
		short, firstShort := newEmailConversation(t, db, "", "joe@example.com")
		none, _ := newEmailConversation(t, db, "", "ann@example.com")
		for i := range 25 {
			f.Clk.Add(time.Second)
			if err := db.RecordMessageID(ctx, long.ID, fmt.Sprintf("<long-%02d@example.com>", i), first.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.RecordMessageID(ctx, short.ID, "<short@example.com>", firstShort.ID, ""); err != nil {
			t.Fatal(err)
		}
		got, err := db.ThreadsMessageIDs(ctx, []string{long.ID, short.ID, none.ID, "cnv_unknown"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []*proofdesk.Conversation{long, short} {
			want, err := db.ThreadMessageIDs(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got[c.ID], " ") != strings.Join(want, " ") {
				t.Fatalf("conversation %s: %v, ThreadMessageIDs gives %v", c.ID, got[c.ID], want)
			}
		}
		if len(got[long.ID]) != 20 || got[long.ID][0] != "long-05@example.com" || got[long.ID][19] != "long-24@example.com" {
			t.Fatalf("long thread %v, want long-05 … long-24", got[long.ID])
		}
		if len(got) != 2 {
			t.Fatalf("entries for %d conversations, want the 2 with mail: %v", len(got), got)
		}
	})
}
