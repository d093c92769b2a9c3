package desk_test

import (
	"context"
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestSearch_FoldedWordsInChatsAndSubjects(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		chat := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Requester: proofdesk.Requester{Name: "Visitor"}}
		if err := cs.CreateConversation(ctx, chat, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Olá, tenho uma reclamação sobre o Café"}); err != nil {
			t.Fatal(err)
		}
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Refund for the broken kettle", Requester: proofdesk.Requester{Name: "Other"}}
		if err := cs.CreateConversation(ctx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "It arrived broken."}); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateMessage(f.AgentCtx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Internal: true, Body: "Called the courier about the kettle"}); err != nil {
			t.Fatal(err)
		}
		search := func(q string) []string {
			t.Helper()
			ids, err := f.Desk.SearchConversations(f.AgentCtx, q, 50)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			return ids
		}
		for _, q := range []string{"cafe", "CAFÉ", "Cafe\u0301", "reclamacao", "Reclamação café"} {
			if ids := search(q); !slices.Equal(ids, []string{chat.ID}) {
				t.Fatalf("search %q = %v, want the chat", q, ids)
			}
		}
		if ids := search("kettle"); len(ids) != 2 || !slices.Contains(ids, mail.ID) || !slices.Contains(ids, f.Conv.ID) {
			t.Fatalf("kettle = %v", ids)
		}
		if ids := search("broken kettle"); !slices.Equal(ids, []string{mail.ID}) {
			t.Fatalf("every word must match: %v", ids)
		}
		if ids := search("nowhere"); len(ids) != 0 {
			t.Fatalf("nowhere = %v", ids)
		}
	})
}

func TestSearch_ProtectedShapesRefusedAndCounted(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// On file or not, an email-shaped query is refused the same way.
		for _, q := range []string{"jane@example.com", "nobody@nowhere.test", "+1 415 555 0123", "742 Evergreen Terrace"} {
			_, err := f.Desk.SearchConversations(f.AgentCtx, q, 10)
			var pe *proofdesk.Error
			if proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION || !errorsAs(err, &pe) || pe.Details["required_level"] == nil {
				t.Fatalf("search %q: %v", q, err)
			}
		}
		lookups := 0
		for _, e := range mustAudit(t, db) {
			if e.Action == proofdesk.AuditLookup && e.Detail["by"] == "search" && e.ActorID == f.Agent.ID {
				lookups++
			}
		}
		if lookups != 4 {
			t.Fatalf("%d refused searches counted as lookups, want 4", lookups)
		}
	})
}
