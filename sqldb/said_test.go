package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestRequesterMessages checks that the guard gets the requester's last
// messages on the conversation, oldest first, at most n: not the agent's
// replies or notes, not another conversation's.
func TestRequesterMessages(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		other := f.NewConversation(t)
		for _, m := range []*proofdesk.Message{
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "first"},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "is it the Baker Street one?"},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Let me check."},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "a note", Internal: true},
			{ConversationID: other.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "elsewhere"},
			{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "thanks"},
		} {
			if err := cs.CreateMessage(f.AgentCtx, m); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Read().RequesterMessages(ctx, f.Conv.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"is it the Baker Street one?", "thanks"}; !slices.Equal(got, want) {
			t.Fatalf("RequesterMessages = %q, want %q", got, want)
		}
	})
}
