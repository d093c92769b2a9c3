package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/inmem"
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
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(ctx, token, info.Number); err != nil {
			t.Fatal(err)
		}
		src := f.NewConversation(t)
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: src.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Second chat about the lost umbrella"}); err != nil {
			t.Fatal(err)
		}
		// Another customer's conversation cannot be merged in.
		other := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.Agent.ID, Requester: proofdesk.Requester{Name: "X"}}
		if err := cs.CreateConversation(f.AgentCtx, other, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.MergeConversations(f.AgentCtx, other.ID, f.Conv.ID); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unlinked into linked: %v", err)
		}
		// An agent who holds neither may not.
		bob := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, bob); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.MergeConversations(proofdesk.NewContextWithAgent(ctx, bob), src.ID, f.Conv.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("a bystander merges: %v", err)
		}
		ev := inmem.NewEventService(0)
		defer ev.Close()
		desk.PublishEvents(db, ev)
		sub, err := ev.Subscribe(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer sub.Close()
		merged, err := f.Desk.MergeConversations(f.AgentCtx, src.ID, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Open pages of the source hear it resolved (after the commit).
		select {
		case got := <-sub.C():
			if got.Type != proofdesk.EventConversationUpdated || got.Status != proofdesk.StatusResolved {
				t.Fatalf("source event %+v, want conversation.updated resolved", got)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no event for the merged source")
		}
		// The resolution is in the status history the reports read.
		rep, err := f.Desk.Report(f.SupCtx, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
		if err != nil || rep.Resolution.Count != 1 {
			t.Fatalf("report after the merge: %+v %v", rep, err)
		}
		// Never raises a level: the L0 chat's messages bring the target to L0.
		if merged.Level != proofdesk.L0 {
			t.Fatalf("merged level %s, want L0", merged.Level)
		}
		msgs, _ := cs.FindMessages(ctx, f.Conv.ID)
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
		if ids, _ := f.Desk.SearchConversations(f.AgentCtx, "umbrella", 10); len(ids) != 2 {
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

func TestMergeCustomers(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		// The fixture's conversation is verified to L1 on the source record.
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(ctx, token, info.Number); err != nil {
			t.Fatal(err)
		}
		in := proofdesk.CustomerInput{Name: "Jane D.", Emails: []proofdesk.ContactPointInput{{Value: "jd.work@example.org"}}}
		dup, err := in.Customer(f.Cust.CreatedAt)
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, dup); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.MergeCustomers(f.AgentCtx, f.Cust.ID, dup.ID, "same person, two channels"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent merges: %v", err)
		}
		if _, err := f.Desk.MergeCustomers(f.SupCtx, f.Cust.ID, dup.ID, ""); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("no reason: %v", err)
		}
		merged, err := f.Desk.MergeCustomers(f.SupCtx, f.Cust.ID, dup.ID, "same person, two channels")
		if err != nil {
			t.Fatal(err)
		}
		// The source's contact points (the fixture's email, phone and new
		// email) join the duplicate's one.
		if want := len(f.Cust.ContactPoints) + 1; len(merged.ContactPoints) != want {
			t.Fatalf("%d contact points after the merge, want %d", len(merged.ContactPoints), want)
		}
		for _, cp := range merged.ContactPoints {
			if cp.Value == "jane@example.com" && cp.AddedAt.Before(f.Cust.CreatedAt) {
				t.Fatal("a moved contact point kept its old date: it would count for verification at once")
			}
		}
		// The conversation follows, at L0: a merge never raises a level.
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(ctx, f.Conv.ID)
		if conv.CustomerID != dup.ID || conv.EffectiveLevel(time.Now()) != proofdesk.L0 {
			t.Fatalf("conversation after the merge: %s at %s", conv.CustomerID, conv.EffectiveLevel(time.Now()))
		}
		// One value, one record.
		email := "jane@example.com"
		if cs, _, err := f.Desk.LookupCustomers(f.SupCtx, proofdesk.CustomerFilter{Email: &email}); err != nil || len(cs) != 1 || cs[0].ID != dup.ID {
			t.Fatalf("lookup after the merge: %d %v", len(cs), err)
		}
		// The owner was told at every contact point of both records.
		out, _ := sqldb.NewOutboxService(db).FindOutbox(ctx, 50)
		told := map[string]bool{}
		for _, m := range out {
			if m.Purpose == "owner_notice" && (strings.Contains(m.Body, "merged") || strings.Contains(m.Subject, "merged")) {
				told[m.To] = true
			}
		}
		for _, to := range []string{"jane@example.com", "+14155550123", "jd.work@example.org"} {
			if !told[to] {
				t.Fatalf("%s not told of the merge (told %v)", to, told)
			}
		}
	})
}
