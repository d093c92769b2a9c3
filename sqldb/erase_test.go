package sqldb_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestEraseCustomer erases a customer with everything a desk stores about
// them (contact points, fields, orders, a verification request, a chat
// with a file, an inbound mail, a rating comment, mail to them) and reads
// every table back: nothing of theirs is left but tombstones and the
// audit entries; their old data keys are gone; another customer still
// decrypts; the audit chain verifies. On SQLite the destroyed key's bytes
// are in neither the key store's file, the database file, nor their WALs.
func TestEraseCustomer(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := sqldbtest.NewFixture(t, db)
		cs := sqldb.NewConversationService(db)
		custs := sqldb.NewCustomerService(db)

		// What the desk holds about Jane.
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "My parcel to the lighthouse never came",
			Attachments: []*proofdesk.Attachment{{Filename: "receipt-lighthouse.png", ContentType: "image/png", Data: []byte("PNGDATA-lighthouse")}}}); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateMessage(f.AgentCtx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Sorry to hear that, let me check"}); err != nil {
			t.Fatal(err)
		}
		msgs, err := cs.FindMessages(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: f.Conv.ID, HeaderMessageID: "jane-1@example.com", MessageID: msgs[len(msgs)-2].ID,
			Raw: []byte("From: jane@example.com\r\n\r\nMy parcel to the lighthouse"), FullText: "My parcel to the lighthouse"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(ctx, func(tx *sqldb.Tx) error {
			if _, err := tx.UpsertOrder(ctx, f.Cust, &proofdesk.Order{Number: "A-1001", Status: "shipped"}); err != nil {
				return err
			}
			if err := tx.CreateExport(ctx, &proofdesk.Export{ID: "exp_jane", CustomerID: f.Cust.ID, RequestedBy: f.Agent.ID, ExpiresAt: time.Now().Add(time.Hour)},
				[]byte("PK-lighthouse-archive")); err != nil {
				return err
			}
			return tx.SaveRating(ctx, &proofdesk.Rating{ConversationID: f.Conv.ID, CustomerID: f.Cust.ID, Channel: proofdesk.ChannelChat,
				Value: proofdesk.RatingBad, Comment: "the lighthouse parcel", Source: proofdesk.RatingFromChat, RatedAt: time.Now()})
		})
		if err != nil {
			t.Fatal(err)
		}
		// Someone else, who must stay readable.
		otherIn := proofdesk.CustomerInput{Name: "Oscar Other", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
		other, err := otherIn.Customer(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := custs.CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		oconv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: other.ID, AssigneeID: f.Agent.ID, Subject: "Oscar's parcel"}
		if err := cs.CreateConversation(f.AgentCtx, oconv, nil); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: oconv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Oscar asks about the lighthouse"}); err != nil {
			t.Fatal(err)
		}
		custKeyID, err := sqldb.RawString(ctx, db, `SELECT data_key_id FROM customers WHERE id = ?`, f.Cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		convKeyID, err := sqldb.RawString(ctx, db, `SELECT data_key_id FROM conversations WHERE id = ?`, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		oldKey, err := sqldb.WrappedKey(ctx, db, custKeyID)
		if err != nil {
			t.Fatal(err)
		}
		before := map[string]int{}
		perConv := []string{"messages", "email_messages", "email_attachments", "search_tokens", "challenges"}
		for _, tb := range perConv {
			before[tb] = mustCount(t, db, tb, "conversation_id = ?", f.Conv.ID)
			if before[tb] == 0 {
				t.Fatalf("nothing in %s before the erasure: the test proves nothing there", tb)
			}
		}
		for _, tb := range []string{"contact_points", "orders"} {
			if mustCount(t, db, tb, "customer_id = ?", f.Cust.ID) == 0 {
				t.Fatalf("nothing in %s before the erasure", tb)
			}
		}
		outboxBefore := mustCount(t, db, "outbox", "conversation_id = ?", f.Conv.ID)
		if outboxBefore == 0 {
			t.Fatal("no mail to Jane before the erasure")
		}

		res, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "Jane asked in writing, ticket 88", "GDPR art. 17(1)(a), identity checked in person")
		if err != nil {
			t.Fatal(err)
		}
		er := res.Erasure
		if er == nil || er.KeysDestroyed != 2 || len(er.Conversations) != 1 || er.Removed["contact_points"] != 3 || er.Removed["messages"] != before["messages"] {
			t.Fatalf("erasure = %+v, want 2 keys, 1 conversation, 3 contact points, %d messages", er, before["messages"])
		}

		// Every table, read back.
		for _, tb := range []string{"email_messages", "email_attachments", "search_tokens", "challenges"} {
			if n := mustCount(t, db, tb, "conversation_id = ?", f.Conv.ID); n != 0 {
				t.Errorf("%s: %d rows left", tb, n)
			}
		}
		for _, tb := range []string{"contact_points", "orders", "challenges", "verification_failures"} {
			if n := mustCount(t, db, tb, "customer_id = ?", f.Cust.ID); n != 0 {
				t.Errorf("%s: %d rows left", tb, n)
			}
		}
		if n := mustCount(t, db, "outbox", "conversation_id = ?", f.Conv.ID); n != 0 {
			t.Errorf("outbox: %d rows of the conversation left", n)
		}
		for _, id := range []string{custKeyID, convKeyID} {
			if _, err := sqldb.WrappedKey(ctx, db, id); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				t.Errorf("key store: old key %s left (%v)", id, err)
			}
		}
		if n := mustCount(t, db, "customer_exports", "customer_id = ? AND (archive_enc <> '' OR status = 'ready')", f.Cust.ID); n != 0 {
			t.Error("the export's archive is left, or its link still works")
		}
		if n := mustCount(t, db, "csat_ratings", "conversation_id = ? AND comment_enc <> ''", f.Conv.ID); n != 0 {
			t.Error("the rating's comment is left")
		}
		if n := mustCount(t, db, "customers", "id = ? AND external_id_idx IS NULL AND external_id_enc IS NULL AND erased_at IS NOT NULL", f.Cust.ID); n != 1 {
			t.Error("the customer's external ID or erased_at")
		}
		if n := mustCount(t, db, "conversations", "id = ? AND requester_email_idx IS NULL AND requester_phone_idx IS NULL AND offered = '[]' AND erased_at IS NOT NULL", f.Conv.ID); n != 1 {
			t.Error("the conversation's requester indexes or erased_at")
		}
		// The tombstones read, empty.
		c, err := custs.FindCustomerByID(ctx, f.Cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != proofdesk.ErasedName || c.ErasedAt == nil || c.ExternalID != "" || len(c.ContactPoints) != 0 || len(c.Addresses) != 0 || c.Payment != nil || c.DateOfBirth != "" {
			t.Fatalf("tombstone = %+v", c)
		}
		conv, err := cs.FindConversationByID(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if conv.Subject != "" || conv.Requester != (proofdesk.Requester{}) || conv.CustomerID != f.Cust.ID {
			t.Fatalf("tombstone conversation = %+v", conv)
		}
		after, err := cs.FindMessages(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != before["messages"] {
			t.Fatalf("messages: %d rows, want the %d kept for the reports", len(after), before["messages"])
		}
		for _, m := range after {
			if m.Body != "" || len(m.Attachments) != 0 {
				t.Fatalf("message %s kept %q and %d files", m.ID, m.Body, len(m.Attachments))
			}
		}
		if ids, err := db.SearchConversationIDs(ctx, "lighthouse", 10); err != nil || len(ids) != 1 || ids[0] != oconv.ID {
			t.Fatalf("search lighthouse = %v, %v; want Oscar's only", ids, err)
		}
		if found, _, err := custs.FindCustomers(ctx, proofdesk.CustomerFilter{Email: ptr("jane@example.com")}); err != nil || len(found) != 0 {
			t.Fatalf("lookup by Jane's email = %v, %v", found, err)
		}
		// Oscar still decrypts.
		o, err := custs.FindCustomerByID(ctx, other.ID)
		if err != nil || o.Name != "Oscar Other" || o.ContactPoints[0].Value != "oscar@example.net" {
			t.Fatalf("other customer = %+v, %v", o, err)
		}
		om, err := cs.FindMessages(ctx, oconv.ID)
		if err != nil || len(om) == 0 || om[len(om)-1].Body != "Oscar asks about the lighthouse" {
			t.Fatalf("other messages = %v, %v", om, err)
		}
		// The audit keeps its entries and records the erasure.
		seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx)
		if err != nil || seq != 0 {
			t.Fatalf("audit verify: bad entry %d (%s), %v", seq, why, err)
		}
		es, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var erased *proofdesk.AuditEntry
		for _, e := range es {
			if e.Action == proofdesk.AuditCustomerErased {
				erased = e
			}
			for _, v := range e.Detail {
				if strings.Contains(v, "jane@") || strings.Contains(v, "lighthouse") {
					t.Fatalf("audit entry %s holds customer data: %q", e.Action, v)
				}
			}
		}
		if erased == nil || erased.SubjectID != f.Cust.ID || erased.ActorID != f.Supervisor.ID || erased.Detail["legal_basis"] == "" || erased.Detail["keys_destroyed"] != "2" {
			t.Fatalf("customer.erased entry = %+v", erased)
		}
		// A tombstone takes no data again.
		c.Name = "Jane Again"
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.SaveCustomer(ctx, c, false) }); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("saving the tombstone: %v, want conflict", err)
		}
		// Twice is a conflict.
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "again please", "court order"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("second erasure: %v, want conflict", err)
		}
		if db.Dialect() == sqldb.SQLite {
			for _, p := range []string{db.DSN(), db.DSN() + "-wal", db.KeyStorePath(), db.KeyStorePath() + "-wal"} {
				b, err := os.ReadFile(p)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte(oldKey)) {
					t.Fatalf("%s still holds the destroyed key's wrapped bytes", p)
				}
			}
		}
	})
}

func mustCount(t *testing.T, db *sqldb.DB, table, where string, args ...any) int {
	t.Helper()
	n, err := sqldb.CountWhere(context.Background(), db, table, where, args...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEraseRemovesWebhookDeliveries: a webhook delivery's payload holds
// the conversation's subject, the message's body and the customer at L0,
// sealed by the system key, which an erasure keeps. Erasing the customer
// removes their deliveries, queued or sent, so neither the live store nor
// a data backup yields them again, nor are they sent after the erasure;
// another customer's delivery stays. Retention re-seals a sent delivery's
// body with the rest of the conversation's bodies.
func TestEraseRemovesWebhookDeliveries(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		subscribeMessages(t, db)
		f.say(t, f.Conv, "My parcel to the lighthouse never came")
		cs := sqldb.NewConversationService(db)
		oconv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.Agent.ID, Subject: "Oscar's parcel"}
		if err := cs.CreateConversation(f.AgentCtx, oconv, nil); err != nil {
			t.Fatal(err)
		}
		f.say(t, oconv, "Oscar asks about the harbour")
		bodies := func() string {
			msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 500)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, m := range msgs {
				if m.Kind == proofdesk.OutboxWebhook {
					all = append(all, m.Body)
				}
			}
			return strings.Join(all, "\n")
		}
		if b := bodies(); !strings.Contains(b, "lighthouse") || !strings.Contains(b, "harbour") {
			t.Fatalf("no webhook deliveries before the erasure: the test proves nothing (%q)", b)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "Jane asked in writing, ticket 88", "GDPR art. 17(1)(a)"); err != nil {
			t.Fatal(err)
		}
		b := bodies()
		if strings.Contains(b, "lighthouse") || strings.Contains(b, f.Conv.ID) {
			t.Fatalf("an erased customer's webhook delivery is still in the outbox: %q", b)
		}
		if !strings.Contains(b, "harbour") {
			t.Fatalf("another conversation's delivery went too: %q", b)
		}

		// Retention: a sent delivery's body goes with the conversation's.
		if err := sqldb.ExecSQL(ctx, db, `UPDATE outbox SET status = 'sent' WHERE kind = 'webhook'`); err != nil {
			t.Fatal(err)
		}
		resolved := proofdesk.StatusResolved
		if _, err := cs.UpdateConversation(f.AgentCtx, oconv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.RemoveMessageBodies(ctx, oconv.ID, time.Now().Add(time.Hour))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if b := bodies(); strings.Contains(b, "harbour") {
			t.Fatalf("a sent webhook delivery keeps a body retention removed: %q", b)
		}
	})
}

// TestEraseClosesTheConversations: a message in flight when the customer
// is erased (the widget's chat, an agent's reply) lands on a tombstone
// that neither a second erasure (the customer is erased already) nor
// retention (it skips erased conversations) would ever empty: the store
// refuses it.
func TestEraseClosesTheConversations(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cs := sqldb.NewConversationService(db)
		f.say(t, f.Conv, "My parcel to the lighthouse never came")
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "Jane asked in writing, ticket 88", "GDPR art. 17(1)(a)"); err != nil {
			t.Fatal(err)
		}
		before := mustCount(t, db, "messages", "conversation_id = ?", f.Conv.ID)
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "I live at 12 Lighthouse Road"}); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("the customer's message on an erased conversation: %v, want ECONFLICT", err)
		}
		if err := cs.CreateMessage(f.AgentCtx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Noted, Jane"}); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("an agent's reply on an erased conversation: %v, want ECONFLICT", err)
		}
		if n := mustCount(t, db, "messages", "conversation_id = ?", f.Conv.ID); n != before {
			t.Fatalf("%d messages on the erased conversation, want %d", n, before)
		}
	})
}
