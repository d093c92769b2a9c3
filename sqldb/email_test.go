package sqldb_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// newEmailConversation stores an email conversation from requester
// address from, linked to customerID if not "", with a first message.
func newEmailConversation(t *testing.T, db *sqldb.DB, customerID, from string) (*proofdesk.Conversation, *proofdesk.Message) {
	t.Helper()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: customerID, Subject: "Where is my order?",
		Requester: proofdesk.Requester{Name: "Jane", Email: from}}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hello, where is it?"}
	if err := sqldb.NewConversationService(db).CreateConversation(context.Background(), conv, first); err != nil {
		t.Fatal(err)
	}
	return conv, first
}

func TestEmailThreads(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv, first := newEmailConversation(t, db, "", "jane@example.com")
		other, _ := newEmailConversation(t, db, "", "bob@example.com")

		if _, err := db.FindConversationByMessageID(ctx, "nobody@x"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown id: err=%v, want ENOTFOUND", err)
		}
		if err := db.RecordMessageID(ctx, conv.ID, "<a1@mail.example>", first.ID, "dkim=pass spf=none dmarc=pass"); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(time.Second)
		if err := db.RecordMessageID(ctx, conv.ID, "a2@mail.example", "", ""); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordMessageID(ctx, other.ID, "b1@mail.example", "", ""); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordMessageID(ctx, "cnv_nope", "c@x", "", ""); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown conversation: err=%v, want ENOTFOUND", err)
		}
		if err := db.RecordMessageID(ctx, conv.ID, " <> ", "", ""); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("empty id: err=%v, want EINVALID", err)
		}
		for id, want := range map[string]string{"a1@mail.example": conv.ID, "<a2@mail.example>": conv.ID, "b1@mail.example": other.ID} {
			got, err := db.FindConversationByMessageID(ctx, id)
			if err != nil || got != want {
				t.Fatalf("FindConversationByMessageID(%q)=%q, %v, want %q", id, got, err, want)
			}
		}
		seen, err := db.InboundSeen(ctx, "a1@mail.example")
		if err != nil || !seen {
			t.Fatalf("InboundSeen=%v, %v, want true", seen, err)
		}
		if seen, _ := db.InboundSeen(ctx, "zz@mail.example"); seen {
			t.Fatal("InboundSeen of an unknown id = true")
		}
		ids, err := db.ThreadMessageIDs(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"a1@mail.example", "a2@mail.example"}, ids); diff != "" {
			t.Fatalf("ThreadMessageIDs (-want +got):\n%s", diff)
		}
	})
}

// TestEmailAttachments: a mail's files are stored with its message, in one
// transaction, their names and Content-IDs sealed; a message refused stores
// none of its files.
func TestEmailAttachments(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		data := bytes.Repeat([]byte("%PDF-secret-"), 1000)
		png := []byte("\x89PNG\r\n\x1a\n0000")
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "See attached.", ClientID: "email:1",
			Attachments: []*proofdesk.Attachment{
				{Filename: "../../invoice.pdf", ContentType: "application/pdf", Data: data},
				{Filename: "image001.png", ContentType: "image/png", ContentID: "image001.png@01DA2B3C.4D5E6F70", Data: png},
			}}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Requester: proofdesk.Requester{Email: "jane@example.com"}}
		if err := convs.CreateConversation(ctx, conv, first); err != nil {
			t.Fatal(err)
		}
		list, err := convs.FindAttachments(ctx, conv.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("FindAttachments=%v, %v", list, err)
		}
		if a := list[0]; a.Filename != "invoice.pdf" || a.Size != int64(len(data)) || a.Data != nil || a.MessageID != first.ID || a.ContentID != "" {
			t.Fatalf("listed attachment=%+v", a)
		}
		if a := list[1]; a.ContentID != "image001.png@01DA2B3C.4D5E6F70" || a.MessageID != first.ID {
			t.Fatalf("inline image=%+v", a)
		}
		a, err := convs.FindAttachment(ctx, conv.ID, list[1].ID)
		if err != nil || !bytes.Equal(a.Data, png) || a.ContentID != "image001.png@01DA2B3C.4D5E6F70" {
			t.Fatalf("FindAttachment: %v, %+v", err, a)
		}
		if _, err := convs.FindAttachment(ctx, conv.ID, "att_nope"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown attachment: err=%v, want ENOTFOUND", err)
		}

		// The same message again (a retried mail) stores nothing new.
		again := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "See attached.", ClientID: "email:1",
			Attachments: []*proofdesk.Attachment{{Filename: "invoice.pdf", ContentType: "application/pdf", Data: data}}}
		if err := convs.CreateMessage(ctx, again); err != nil || again.ID != first.ID {
			t.Fatalf("retry: %v, id %s want %s", err, again.ID, first.ID)
		}
		if list, _ := convs.FindAttachments(ctx, conv.ID); len(list) != 2 {
			t.Fatalf("retry stored files again: %d", len(list))
		}
		if c, m, err := db.FindInboundMessage(ctx, "email:1"); err != nil || c != conv.ID || m != first.ID {
			t.Fatalf("FindInboundMessage=%s %s %v", c, m, err)
		}
		if _, _, err := db.FindInboundMessage(ctx, "email:2"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("FindInboundMessage unknown: %v", err)
		}

	})
}

func TestAddEmailFactor(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv, _ := newEmailConversation(t, db, f.Cust.ID, "jane@example.com")
		unlinked, _ := newEmailConversation(t, db, "", "jane@example.com")

		if _, err := db.AddEmailFactor(ctx, unlinked.ID, f.EmailID, f.Clk.Now()); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("unlinked conversation: err=%v, want EFORBIDDEN", err)
		}
		if _, err := db.AddEmailFactor(ctx, conv.ID, f.PhoneID, f.Clk.Now()); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("phone contact point: err=%v, want EFORBIDDEN", err)
		}
		// Another customer's email is not on file for this conversation.
		other := &proofdesk.Customer{Name: "Bob"}
		in := proofdesk.CustomerInput{Name: "Bob", Emails: []proofdesk.ContactPointInput{{Value: "bob@example.com"}}}
		other, err := in.Customer(f.Clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddEmailFactor(ctx, conv.ID, other.ContactPoints[0].ID, f.Clk.Now()); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("other customer's email: err=%v, want EFORBIDDEN", err)
		}
		level, err := db.AddEmailFactor(ctx, conv.ID, f.EmailID, f.Clk.Now())
		if err != nil || level != proofdesk.L1 {
			t.Fatalf("AddEmailFactor=%v, %v, want L1", level, err)
		}
		got, err := sqldb.NewConversationService(db).FindConversationByID(ctx, conv.ID)
		if err != nil || got.EffectiveLevel(f.Clk.Now()) != proofdesk.L1 {
			t.Fatalf("stored level=%v, %v, want L1", got.EffectiveLevel(f.Clk.Now()), err)
		}
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var change bool
		for _, e := range entries {
			if e.Action == proofdesk.AuditLevelChange && e.SubjectID == conv.ID && e.Detail["factor"] == "dmarc" && e.Detail["to"] == "L1" {
				change = true
			}
		}
		if !change {
			t.Fatal("no audited level change for the DMARC factor")
		}
	})
}

func TestEnqueueReply(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		conv, first := newEmailConversation(t, db, f.Cust.ID, "requester@elsewhere.example")
		reply := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "It ships tomorrow."}
		note := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "internal", Internal: true}
		for _, m := range []*proofdesk.Message{reply, note} {
			if err := convs.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		out, err := db.EnqueueReply(ctx, conv.ID, reply.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Replies go to the requester (not to an on-file address).
		want := &proofdesk.OutboxMessage{ID: out.ID, Kind: proofdesk.OutboxEmail, Purpose: sqldb.PurposeReply, ConversationID: conv.ID,
			To: "requester@elsewhere.example", Subject: "Where is my order?", Body: "It ships tomorrow.", Status: proofdesk.OutboxQueued, CreatedAt: out.CreatedAt}
		if diff := cmp.Diff(want, out); diff != "" {
			t.Fatalf("queued reply (-want +got):\n%s", diff)
		}
		again, err := db.EnqueueReply(ctx, conv.ID, reply.ID)
		if err != nil || again.ID != out.ID {
			t.Fatalf("second EnqueueReply=%v, %v, want the same row %s", again, err, out.ID)
		}
		tests := []struct {
			name, conv, msg, code string
		}{
			{"customer message", conv.ID, first.ID, proofdesk.EINVALID},
			{"internal note", conv.ID, note.ID, proofdesk.EINVALID},
			{"chat conversation", f.Conv.ID, reply.ID, proofdesk.EINVALID},
			{"unknown message", conv.ID, "msg_nope", proofdesk.ENOTFOUND},
			{"unknown conversation", "cnv_nope", reply.ID, proofdesk.ENOTFOUND},
		}
		for _, tt := range tests {
			if _, err := db.EnqueueReply(ctx, tt.conv, tt.msg); proofdesk.ErrorCode(err) != tt.code {
				t.Fatalf("%s: err=%v, want %s", tt.name, err, tt.code)
			}
		}
		all, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		for _, m := range all {
			if m.Purpose == sqldb.PurposeReply {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d replies queued, want 1", n)
		}
	})
}

// TestFindSentTexts: the replies a customer's mail names come first, then
// the newest; notes, customer messages and other conversations' replies
// never.
func TestFindSentTexts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		conv, _ := newEmailConversation(t, db, "", "jane@example.com")
		other, _ := newEmailConversation(t, db, "", "bob@example.com")
		add := func(c *proofdesk.Conversation, kind, body string, internal bool) *proofdesk.Message {
			t.Helper()
			m := &proofdesk.Message{ConversationID: c.ID, AuthorKind: kind, Body: body, Internal: internal}
			if kind == proofdesk.AuthorAgent {
				m.AuthorID = f.Agent.ID
			}
			if err := convs.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		r1 := add(conv, proofdesk.AuthorAgent, "first reply", false)
		add(conv, proofdesk.AuthorAgent, "second reply", false)
		add(conv, proofdesk.AuthorAgent, "a note", true)
		add(conv, proofdesk.AuthorCustomer, "the customer again", false)
		r3 := add(conv, proofdesk.AuthorAgent, "third reply", false)
		add(conv, proofdesk.AuthorAgent, "fourth reply", false)
		o1 := add(other, proofdesk.AuthorAgent, "bob's reply", false)
		// Replies are queued with the message; mark the two that matter
		// sent, as the outbox does.
		ds, err := db.ClaimDue(ctx, time.Now().Add(time.Minute), 50, []string{proofdesk.OutboxEmail}, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			switch d.RefID {
			case r1.ID:
				err = db.MarkSent(ctx, d, "<s1@desk.example>", time.Now())
			case r3.ID:
				err = db.MarkSent(ctx, d, "<s3@desk.example>", time.Now())
			case o1.ID:
				err = db.MarkSent(ctx, d, "<o1@desk.example>", time.Now())
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			name  string
			ids   []string
			limit int
			want  []string
		}{
			{"newest", nil, 10, []string{"fourth reply", "third reply", "second reply", "first reply"}},
			{"named first", []string{"unknown@x", "<s1@desk.example>"}, 3, []string{"first reply", "fourth reply", "third reply"}},
			{"in the order named", []string{"s1@desk.example", "q@x", "s3@desk.example"}, 3, []string{"first reply", "third reply", "fourth reply"}},
			{"named, the limit reached", []string{"s3@desk.example", "s1@desk.example"}, 1, []string{"third reply"}},
			{"another conversation's reply", []string{"o1@desk.example"}, 2, []string{"fourth reply", "third reply"}},
			{"no limit", []string{"s1@desk.example"}, 0, nil},
		}
		for _, tt := range tests {
			got, err := db.FindSentTexts(ctx, conv.ID, tt.ids, tt.limit)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("%s: FindSentTexts (-want +got):\n%s", tt.name, diff)
			}
		}
		if _, err := db.FindSentTexts(ctx, "cnv_nope", nil, 5); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown conversation: err=%v, want ENOTFOUND", err)
		}
	})
}
