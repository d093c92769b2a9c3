package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func inboundDelivery(conv *proofdesk.Conversation, headerID, digest, body string) *proofdesk.InboundDelivery {
	return &proofdesk.InboundDelivery{Conversation: conv,
		Message: &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body, ClientID: "email:" + headerID + digest},
		Mail:    proofdesk.InboundMail{HeaderMessageID: headerID, ContentDigest: digest, Raw: []byte("raw " + body), FullText: body}}
}

// TestStoreInbound_StoreThenRetry: a stored mail is recognised by its
// Message-ID and content on a retry (the sender never saw the 250), in a
// new conversation and in an existing one, and nothing is stored twice; a
// mail that reuses a Message-ID with other content is stored.
func TestStoreInbound_StoreThenRetry(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		convs := sqldb.NewConversationService(db)
		newConv := func() *proofdesk.Conversation {
			return &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Parcel", Requester: proofdesk.Requester{Email: "jane@example.com"}}
		}
		d := inboundDelivery(newConv(), "m1@example.com", "d1", "Where is my parcel?")
		if err := db.StoreInbound(ctx, d); err != nil || d.Duplicate {
			t.Fatalf("store: %v dup=%v", err, d.Duplicate)
		}
		convID := d.Conversation.ID
		if c, dup, err := db.InboundDuplicate(ctx, "<m1@example.com>", "d1"); err != nil || !dup || c != convID {
			t.Fatalf("InboundDuplicate = %q, %v, %v; want %q, true", c, dup, err, convID)
		}
		// The retry as the handler would send it, had it not checked.
		retry := inboundDelivery(newConv(), "m1@example.com", "d1", "Where is my parcel?")
		if err := db.StoreInbound(ctx, retry); err != nil || !retry.Duplicate || retry.Mail.ConversationID != convID {
			t.Fatalf("retry: %v dup=%v conv=%q", err, retry.Duplicate, retry.Mail.ConversationID)
		}
		existing := &proofdesk.Conversation{ID: convID}
		reply := inboundDelivery(existing, "m2@example.com", "d2", "Still waiting.")
		if err := db.StoreInbound(ctx, reply); err != nil || reply.Duplicate {
			t.Fatalf("reply: %v dup=%v", err, reply.Duplicate)
		}
		again := inboundDelivery(&proofdesk.Conversation{ID: convID}, "m2@example.com", "d2", "Still waiting.")
		if err := db.StoreInbound(ctx, again); err != nil || !again.Duplicate {
			t.Fatalf("reply retry: %v dup=%v", err, again.Duplicate)
		}
		reused := inboundDelivery(&proofdesk.Conversation{ID: convID}, "m2@example.com", "d3", "Another mail, same ID.")
		if err := db.StoreInbound(ctx, reused); err != nil || reused.Duplicate {
			t.Fatalf("reused ID: %v dup=%v", err, reused.Duplicate)
		}
		all, _, err := convs.FindConversations(ctx, proofdesk.ConversationFilter{})
		if err != nil || len(all) != 1 {
			t.Fatalf("%d conversations (%v), want 1", len(all), err)
		}
		msgs, err := convs.FindMessages(ctx, convID)
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, m := range msgs {
			bodies = append(bodies, m.Body)
		}
		if got := strings.Join(bodies, "|"); got != "Where is my parcel?|Still waiting.|Another mail, same ID." {
			t.Fatalf("messages %q", got)
		}
	})
}

// TestStoreInbound_OneTransaction: when recording the mail fails, nothing
// of it is left (no message, no flag, no reopening), so the retry stores
// it whole, once.
func TestStoreInbound_OneTransaction(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	convs := sqldb.NewConversationService(db)
	d := inboundDelivery(&proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Requester: proofdesk.Requester{Email: "jane@example.com"}},
		"a1@example.com", "d1", "Hello")
	if err := db.StoreInbound(ctx, d); err != nil {
		t.Fatal(err)
	}
	convID := d.Conversation.ID
	resolved := proofdesk.StatusResolved
	if _, err := convs.UpdateConversation(ctx, convID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.ExecSQL(ctx, db, `CREATE TRIGGER fail_record BEFORE INSERT ON email_messages BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	mk := func() *proofdesk.InboundDelivery {
		x := inboundDelivery(&proofdesk.Conversation{ID: convID}, "b1@elsewhere.example", "d2", "Change my email.")
		x.DifferentSender, x.Reopen, x.Mail.SenderDiffers = true, true, true
		return x
	}
	if err := db.StoreInbound(ctx, mk()); err == nil {
		t.Fatal("stored although recording the mail failed")
	}
	c, err := convs.FindConversationByID(ctx, convID)
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := convs.FindMessages(ctx, convID)
	if len(msgs) != 1 || c.Status != proofdesk.StatusResolved || len(c.RiskFlags) != 0 {
		t.Fatalf("after a failed store: %d messages, status %s, flags %v; want 1, resolved, none", len(msgs), c.Status, c.RiskFlags)
	}
	if err := sqldb.ExecSQL(ctx, db, `DROP TRIGGER fail_record`); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		x := mk()
		if err := db.StoreInbound(ctx, x); err != nil || x.Duplicate != (i == 1) || (i == 0 && !x.Reopened) {
			t.Fatalf("try %d: %v dup=%v reopened=%v", i, err, x.Duplicate, x.Reopened)
		}
	}
	c, _ = convs.FindConversationByID(ctx, convID)
	msgs, _ = convs.FindMessages(ctx, convID)
	n := 0
	for _, m := range msgs {
		if m.Body == "Change my email." {
			n++
		}
	}
	if n != 1 || c.Status != proofdesk.StatusOpen || !containsFlag(c.RiskFlags, proofdesk.RiskDifferentSender) {
		t.Fatalf("after the retry: stored %d times, status %s, flags %v", n, c.Status, c.RiskFlags)
	}
}

func containsFlag(fs []string, f string) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}
