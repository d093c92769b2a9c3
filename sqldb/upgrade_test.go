package sqldb_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestUpgradeFromPreviousSchema: a store at the previous release's schema
// (every migration but the newest) holding customers, conversations,
// messages, an inbound mail and its audit chain is opened by this
// release: the newest migration applies, everything reads back as it was
// written, the audit chain verifies, and the store takes new data.
func TestUpgradeFromPreviousSchema(t *testing.T) {
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			v := sqldbtest.NewVault(t)
			dsn := sqldbtest.DSN(t, d)
			old := sqldb.NewDB(dsn, v, nil)
			previous, newest, err := sqldb.OpenAtPrevious(ctx, old)
			if err != nil {
				t.Fatal(err)
			}
			var custIDs, convIDs []string
			for i := range 3 {
				c := &proofdesk.Customer{Name: fmt.Sprintf("Customer %d", i), ExternalID: fmt.Sprintf("CRM-%d", i)}
				if err := sqldb.NewCustomerService(old).CreateCustomer(ctx, c); err != nil {
					t.Fatalf("write at %s: %v", previous, err)
				}
				custIDs = append(custIDs, c.ID)
				conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: c.ID, Subject: fmt.Sprintf("Order %d", i),
					Requester: proofdesk.Requester{Name: c.Name, Email: fmt.Sprintf("c%d@example.com", i)}}
				first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: fmt.Sprintf("Where is order %d?", i), ClientID: fmt.Sprintf("email:%d", i)}
				convs := sqldb.NewConversationService(old)
				if err := convs.CreateConversation(ctx, conv, first); err != nil {
					t.Fatalf("write at %s: %v", previous, err)
				}
				if err := old.RecordInbound(ctx, proofdesk.InboundMail{ConversationID: conv.ID, HeaderMessageID: fmt.Sprintf("m%d@example.com", i),
					MessageID: first.ID, ContentDigest: fmt.Sprintf("d%d", i), Raw: []byte("raw"), FullText: first.Body}); err != nil {
					t.Fatalf("write at %s: %v", previous, err)
				}
				if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Any news?"}); err != nil {
					t.Fatalf("write at %s: %v", previous, err)
				}
				convIDs = append(convIDs, conv.ID)
			}
			if err := old.Close(); err != nil {
				t.Fatal(err)
			}

			db := sqldbtest.OpenWithVault(t, dsn, v) // migrates to newest
			raw := rawDB(t, db)
			var n int
			if err := raw.QueryRow(rebind(raw, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), newest).Scan(&n); err != nil || n != 1 {
				t.Fatalf("migration %s applied %d times (%v), want once", newest, n, err)
			}
			customers, convs := sqldb.NewCustomerService(db), sqldb.NewConversationService(db)
			for i, id := range custIDs {
				c, err := customers.FindCustomerByID(ctx, id)
				if err != nil || c.Name != fmt.Sprintf("Customer %d", i) || c.ExternalID != fmt.Sprintf("CRM-%d", i) {
					t.Fatalf("customer %d after the upgrade: %+v %v", i, c, err)
				}
				ms, err := convs.FindMessages(ctx, convIDs[i])
				if err != nil || len(ms) != 2 || ms[0].Body != fmt.Sprintf("Where is order %d?", i) || ms[1].Body != "Any news?" {
					t.Fatalf("messages %d after the upgrade: %v %v", i, ms, err)
				}
				if c, dup, err := db.InboundDuplicate(ctx, fmt.Sprintf("m%d@example.com", i), fmt.Sprintf("d%d", i)); err != nil || !dup || c != convIDs[i] {
					t.Fatalf("mail %d after the upgrade: %q %v %v", i, c, dup, err)
				}
			}
			if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
				t.Fatalf("audit chain after the upgrade: entry %d %q %v", seq, why, err)
			}
			// New data goes in at the new schema, next to the old.
			in := &proofdesk.InboundDelivery{Conversation: &proofdesk.Conversation{ID: convIDs[0]},
				Message: &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Photo attached.", ClientID: "email:new",
					Attachments: []*proofdesk.Attachment{{Filename: "box.png", ContentType: "image/png", ContentID: "img1", Size: 4, Data: []byte("\x89PNG")}}},
				Mail: proofdesk.InboundMail{HeaderMessageID: "new@example.com", ContentDigest: "dn", Raw: []byte("raw")}}
			if err := db.StoreInbound(ctx, in); err != nil {
				t.Fatalf("new mail after the upgrade: %v", err)
			}
			if ms, _ := convs.FindMessages(ctx, convIDs[0]); len(ms) != 3 {
				t.Fatalf("%d messages after a new one, want 3", len(ms))
			}
			t.Logf("%s: data written at %s, migrated to %s", d, previous, newest)
		})
	}
}
