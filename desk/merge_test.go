package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestMergeConversations(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		// The target is verified to L1; the source, a second chat of the
		// same customer, is at L0.
		info, _ := f.vs.IssueChallenge(f.agentCtx, f.conv.ID, f.emailID)
		token, _ := f.lastSecret(t)
		if _, err := f.vs.ApproveByToken(ctx, token, info.Number); err != nil {
			t.Fatal(err)
		}
		src := f.newConversation(t)
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: src.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Second chat about the lost umbrella"}); err != nil {
			t.Fatal(err)
		}
		// Another customer's conversation cannot be merged in.
		other := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.agent.ID, Requester: proofdesk.Requester{Name: "X"}}
		if err := cs.CreateConversation(f.agentCtx, other, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.desk.MergeConversations(f.agentCtx, other.ID, f.conv.ID); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unlinked into linked: %v", err)
		}
		// An agent who holds neither may not.
		bob := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, bob); err != nil {
			t.Fatal(err)
		}
		if _, err := f.desk.MergeConversations(proofdesk.NewContextWithAgent(ctx, bob), src.ID, f.conv.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("a bystander merges: %v", err)
		}
		merged, err := f.desk.MergeConversations(f.agentCtx, src.ID, f.conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Never raises a level: the L0 chat's messages bring the target to L0.
		if merged.Level != proofdesk.L0 {
			t.Fatalf("merged level %s, want L0", merged.Level)
		}
		msgs, _ := cs.FindMessages(ctx, f.conv.ID)
		var text []string
		for _, m := range msgs {
			text = append(text, m.Body)
		}
		if all := strings.Join(text, "\n"); !strings.Contains(all, "lost umbrella") || !strings.Contains(all, "merged into this one") {
			t.Fatalf("target messages: %q", all)
		}
		s, _ := cs.FindConversationByID(ctx, src.ID)
		if s.Status != proofdesk.StatusResolved {
			t.Fatalf("source %s, want resolved", s.Status)
		}
		// The search index follows the copied messages.
		if ids, _ := f.desk.SearchConversations(f.agentCtx, "umbrella", 10); len(ids) != 2 {
			t.Fatalf("search after merge: %v", ids)
		}
		merges := 0
		for _, e := range mustAudit(t, db) {
			if e.Action == "conversation.merged" {
				merges++
			}
		}
		if merges != 2 {
			t.Fatalf("%d merge audit entries, want 2", merges)
		}
	})
}
