package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestEmailReplyQueuedWithMessage checks that an agent's public reply on
// an email conversation is queued for the requester in the message's own
// transaction, and that internal notes and other channels are not.
func TestEmailReplyQueuedWithMessage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, AssigneeID: f.Agent.ID, Subject: "Order help",
			Requester: proofdesk.Requester{Email: "someone@example.org"}}
		cs := sqldb.NewConversationService(db)
		if err := cs.CreateConversation(f.AgentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		for _, m := range []*proofdesk.Message{
			{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Thanks, we're looking into it."},
			{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "internal only", Internal: true},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "chat reply"},
		} {
			if err := cs.CreateMessage(f.AgentCtx, m); err != nil {
				t.Fatal(err)
			}
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		var replies []*proofdesk.OutboxMessage
		for _, m := range msgs {
			if m.Purpose == sqldb.PurposeReply {
				replies = append(replies, m)
			}
		}
		if len(replies) != 1 || replies[0].To != "someone@example.org" || replies[0].Body != "Thanks, we're looking into it." || replies[0].ConversationID != conv.ID {
			t.Fatalf("replies queued: %+v", replies)
		}
	})
}
