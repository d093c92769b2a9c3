package sqldb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func phoneConv(customerID string) *proofdesk.Conversation {
	return &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: customerID,
		Requester: proofdesk.Requester{Phone: "+14155550123"}, Subject: "Phone call",
		// A caller cannot bring a level with them.
		Level: proofdesk.L2}
}

func TestPhoneCalls(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		ps := sqldb.NewPhoneService(db)
		convs := sqldb.NewConversationService(db)
		cust := newCustomer(t, "p-1", "p1@example.com", "+14155550123")
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, cust); err != nil {
			t.Fatal(err)
		}

		if _, err := ps.FindCallConversationID(ctx, "CAnone"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown call: err=%v, want ENOTFOUND", err)
		}
		if _, _, err := ps.CreateCallConversation(ctx, "", phoneConv(""), nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("empty CallSid: err=%v, want EINVALID", err)
		}
		chat := phoneConv("")
		chat.Channel = proofdesk.ChannelChat
		if _, _, err := ps.CreateCallConversation(ctx, "CA1", chat, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("chat channel: err=%v, want EINVALID", err)
		}

		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorSystem, Body: "Incoming call."}
		id, created, err := ps.CreateCallConversation(ctx, "CA1", phoneConv(cust.ID), first)
		if err != nil || !created || id == "" {
			t.Fatalf("create: id=%q created=%v err=%v", id, created, err)
		}
		conv, err := convs.FindConversationByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if conv.Level != proofdesk.L0 || conv.Channel != proofdesk.ChannelPhone || conv.CustomerID != cust.ID || conv.Requester.Phone != "+14155550123" {
			t.Fatalf("conversation %+v, want phone at L0 linked to %s with the claimed number", conv, cust.ID)
		}
		if msgs, _ := convs.FindMessages(ctx, id); len(msgs) != 1 {
			t.Fatalf("messages=%d, want 1", len(msgs))
		}

		// The same call again finds it.
		again, created, err := ps.CreateCallConversation(ctx, "CA1", phoneConv(""), nil)
		if err != nil || created || again != id {
			t.Fatalf("repeat: id=%q created=%v err=%v, want %q, false", again, created, err, id)
		}
		if got, err := ps.FindCallConversationID(ctx, "CA1"); err != nil || got != id {
			t.Fatalf("find: %q %v, want %q", got, err, id)
		}

		// A failed creation releases the call for a retry.
		if _, _, err := ps.CreateCallConversation(ctx, "CA2", phoneConv("cus_missing"), nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad customer: err=%v, want EINVALID", err)
		}
		if _, created, err := ps.CreateCallConversation(ctx, "CA2", phoneConv(""), nil); err != nil || !created {
			t.Fatalf("retry after failure: created=%v err=%v", created, err)
		}
	})
}

// TestPhoneCallsConcurrent: webhooks for one call racing open one
// conversation; the losers get it or a retryable ECONFLICT.
func TestPhoneCallsConcurrent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		ps := sqldb.NewPhoneService(db)
		const n = 8
		ids := make([]string, n)
		errs := make([]error, n)
		var createdCount int
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				id, created, err := ps.CreateCallConversation(ctx, "CArace", phoneConv(""), nil)
				ids[i], errs[i] = id, err
				if created {
					mu.Lock()
					createdCount++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if createdCount != 1 {
			t.Fatalf("created %d conversations, want 1", createdCount)
		}
		want, err := ps.FindCallConversationID(ctx, "CArace")
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if errs[i] != nil && proofdesk.ErrorCode(errs[i]) != proofdesk.ECONFLICT {
				t.Errorf("call %d: %v", i, errs[i])
			}
			if errs[i] == nil && ids[i] != want {
				t.Errorf("call %d: id %q, want %q", i, ids[i], want)
			}
		}
		phone := proofdesk.ChannelPhone
		if _, total, _ := sqldb.NewConversationService(db).FindConversations(ctx, proofdesk.ConversationFilter{Channel: &phone}); total != 1 {
			t.Fatalf("phone conversations=%d, want 1", total)
		}
	})
}

// TestPhoneCallStaleReservation: a reservation whose creator died is taken
// over after a minute, and blocks (ECONFLICT) before that.
func TestPhoneCallStaleReservation(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		clk := sqldbtest.NewClock(time.Now().UTC())
		db.SetNow(clk.Now)
		q := `INSERT INTO phone_calls (call_sid, conversation_id, created_at) VALUES (?, NULL, ?)`
		if db.Dialect() == sqldb.Postgres {
			q = `INSERT INTO phone_calls (call_sid, conversation_id, created_at) VALUES ($1, NULL, $2)`
		}
		if _, err := rawDB(t, db).Exec(q, "CAdead", clk.Now().Format("2006-01-02T15:04:05.000000000Z")); err != nil {
			t.Fatal(err)
		}
		ps := sqldb.NewPhoneService(db)
		if _, _, err := ps.CreateCallConversation(ctx, "CAdead", phoneConv(""), nil); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("fresh reservation: err=%v, want ECONFLICT", err)
		}
		if _, err := ps.FindCallConversationID(ctx, "CAdead"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("find reserved: err=%v, want ENOTFOUND", err)
		}
		clk.Add(2 * time.Minute)
		if _, created, err := ps.CreateCallConversation(ctx, "CAdead", phoneConv(""), nil); err != nil || !created {
			t.Fatalf("stale reservation: created=%v err=%v, want taken over", created, err)
		}
	})
}
