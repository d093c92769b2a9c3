package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A store with no ReplyGuard (no desk constructed over it) keeps no agent
// reply, on a new conversation or an existing one: nothing is stored
// unchecked. Customers' messages and internal notes are kept.
func TestNoReplyGuardRefusesAgentReplies(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := sqldb.NewDB(sqldbtest.DSN(t, dialect), sqldbtest.NewVault(t), nil)
			if err := db.Open(context.Background()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			agent := &proofdesk.Agent{Email: "ann@desk.example", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
			if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), agent); err != nil {
				t.Fatal(err)
			}
			ctx := proofdesk.NewContextWithAgent(context.Background(), agent)
			convs := sqldb.NewConversationService(db)
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Requester: proofdesk.Requester{Name: "Sam"}}
			first := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello Sam"}
			if err := convs.CreateConversation(ctx, conv, first); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
				t.Fatalf("first agent message without a guard: err = %v, want EINTERNAL", err)
			}
			conv = &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Requester: proofdesk.Requester{Name: "Sam"}}
			if err := convs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hi"}); err != nil {
				t.Fatal(err)
			}
			if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "Hello"}); proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
				t.Fatalf("agent reply without a guard: err = %v, want EINTERNAL", err)
			}
			if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "note", Internal: true}); err != nil {
				t.Fatalf("note without a guard: %v", err)
			}
			msgs, err := convs.FindMessages(ctx, conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range msgs {
				if m.AuthorKind == proofdesk.AuthorAgent && !m.Internal {
					t.Fatalf("an agent reply was stored unchecked: %q", m.Body)
				}
			}
			if len(msgs) != 2 {
				t.Fatalf("%d messages, want 2 (the customer's and the note)", len(msgs))
			}
		})
	}
}
