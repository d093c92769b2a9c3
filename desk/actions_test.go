package desk_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestAccountActions(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		addr := proofdesk.Address{Line1: "1 New Road", City: "Portland", PostalCode: "97201", Country: "US"}
		// At L0 and at L1 every change is refused: it needs L2.
		if _, err := f.Desk.AddContactPoint(f.AgentCtx, f.Conv.ID, "email", "new@example.net"); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("add at L0: %v", err)
		}
		if err := f.Desk.ChangeAddress(f.AgentCtx, f.Conv.ID, addr); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("address at L0: %v", err)
		}
		conv := f.NewConversation(t)
		f.VerifyL2(t, conv)
		// Another agent may not act on a conversation they do not hold.
		other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.AddContactPoint(proofdesk.NewContextWithAgent(context.Background(), other), conv.ID, "email", "new@example.net"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("unassigned agent: %v", err)
		}
		if _, err := f.Desk.AddContactPoint(f.AgentCtx, conv.ID, "email", "not an email"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad value: %v", err)
		}
		cp, err := f.Desk.AddContactPoint(f.AgentCtx, conv.ID, "email", "New@Example.net")
		if err != nil {
			t.Fatalf("add at L2: %v", err)
		}
		if _, err := f.Desk.AddContactPoint(f.AgentCtx, conv.ID, "email", "new@example.net"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("adding twice: %v", err)
		}
		// The new contact point is inside the cooling-off window.
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.NewConversation(t).ID, cp.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("request to a new contact point: %v", err)
		}
		if err := f.Desk.ChangeAddress(f.AgentCtx, conv.ID, addr); err != nil {
			t.Fatalf("address at L2: %v", err)
		}
		got, _ := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.Cust.ID)
		if len(got.Addresses) != 1 || got.Addresses[0].Line1 != "1 New Road" || got.ContactPointByID(cp.ID) == nil {
			t.Fatalf("after changes: %+v", got)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 200)
		told := map[string]bool{}
		for _, m := range msgs {
			if m.Purpose == "contact_change" {
				told[m.To] = true
			}
		}
		if !told["jane@example.com"] || !told["+14155550123"] {
			t.Fatalf("old contact points not told: %v", told)
		}
		// Under a support lock nothing changes, even at L2.
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		if err := f.VS.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		if err := f.Desk.ChangeAddress(f.AgentCtx, conv.ID, addr); proofdesk.ErrorCode(err) != proofdesk.ELOCKED {
			t.Fatalf("change under lock: %v", err)
		}
	})
}
