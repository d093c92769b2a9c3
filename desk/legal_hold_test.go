package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A legal hold: supervisors set and clear it with a reason, audited; it
// covers the customer and, set on a conversation, its customer too; an
// agent, a missing reason and an unknown subject are refused.
func TestLegalHold(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.Desk.SetLegalHold(f.AgentCtx, proofdesk.HoldCustomer, f.Cust.ID, "case 2026-113"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent sets a hold: %v, want forbidden", err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, " . "); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("hold without a reason: %v, want invalid", err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, "cus_missing", "case 2026-113"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("hold on a missing customer: %v, want not found", err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, "agent", f.Agent.ID, "case 2026-113"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("hold on an agent: %v, want invalid", err)
		}
		holds, err := f.Desk.LegalHoldsOn(f.AgentCtx, f.Cust.ID, "")
		if err != nil || len(holds) != 0 {
			t.Fatalf("holds before = %v, %v; want none", holds, err)
		}
		// On the conversation: it covers the conversation and the
		// customer (an erasure would destroy it).
		lh, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case 2026-113")
		if err != nil {
			t.Fatal(err)
		}
		if lh.SetBy != f.Supervisor.ID || lh.SetAt.IsZero() {
			t.Fatalf("hold = %+v", lh)
		}
		for _, q := range [][2]string{{f.Cust.ID, ""}, {"", f.Conv.ID}} {
			holds, err := f.Desk.LegalHoldsOn(f.AgentCtx, q[0], q[1])
			if err != nil || len(holds) != 1 || holds[0].SubjectID != f.Conv.ID || holds[0].Reason != "case 2026-113" {
				t.Fatalf("holds on %v = %v, %v; want the conversation's", q, holds, err)
			}
		}
		other := f.NewConversation(t)
		if holds, err := db.LegalHoldsOn(ctx, "", other.ID); err != nil || len(holds) != 0 {
			t.Fatalf("holds on another conversation = %v, %v; want none", holds, err)
		}
		// On the customer: every conversation of theirs is covered.
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "litigation hold, matter 42"); err != nil {
			t.Fatal(err)
		}
		if holds, err := db.LegalHoldsOn(ctx, "", other.ID); err != nil || len(holds) != 1 || holds[0].SubjectKind != proofdesk.HoldCustomer {
			t.Fatalf("holds on another conversation of the customer = %v, %v; want the customer's", holds, err)
		}
		// The integration reads none.
		integ := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "int_1", Role: proofdesk.RoleIntegration})
		if _, err := f.Desk.LegalHoldsOn(integ, f.Cust.ID, ""); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("integration reads holds: %v, want forbidden", err)
		}
		// Clearing: supervisors, with a reason; twice is not found.
		if err := f.Desk.ClearLegalHold(f.AgentCtx, proofdesk.HoldConversation, f.Conv.ID, "case settled"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent clears: %v", err)
		}
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case settled"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("clear twice: %v, want not found", err)
		}
		all, err := db.FindLegalHolds(ctx)
		if err != nil || len(all) != 1 || all[0].SubjectID != f.Cust.ID {
			t.Fatalf("holds in force = %v, %v; want the customer's", all, err)
		}
		var set, cleared, refused, alerted int
		for _, e := range mustAudit(t, db) {
			switch e.Action {
			case proofdesk.AuditAlert:
				if e.Detail["alert"] == "legal_hold_cleared" {
					alerted++
					if e.SubjectID != f.Conv.ID {
						t.Fatalf("clear alert on %q, want the conversation %s", e.SubjectID, f.Conv.ID)
					}
				}
			case proofdesk.AuditLegalHoldSet:
				set++
				if e.ActorID != f.Supervisor.ID || e.Detail["reason"] == "" {
					t.Fatalf("hold audit = %+v", e)
				}
			case proofdesk.AuditLegalHoldCleared:
				cleared++
			case proofdesk.AuditGateRefused:
				if e.Detail["action"] == proofdesk.DoLegalHold {
					refused++
				}
			}
		}
		if set != 2 || cleared != 1 || refused != 3 || alerted != 1 {
			t.Fatalf("audited set %d, cleared %d, refused %d, clear alerts %d; want 2, 1, 3, 1", set, cleared, refused, alerted)
		}
		// the alert went to every supervisor and admin, naming IDs only
		var mails int
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Purpose == "alert" && m.Subject == proofdesk.AlertSubject("legal_hold_cleared") {
				mails++
				if strings.Contains(m.Body, "case settled") {
					t.Fatalf("the alert carries the reason: %q", m.Body)
				}
			}
		}
		if mails == 0 {
			t.Fatal("no alert mail for the cleared hold")
		}
	})
}

// TestLegalHoldStaysWithTheCustomer: a hold on a customer covers their
// conversations, so neither a merge into another customer nor a relink
// may move them out from under it (where erasing or retaining the other
// customer would destroy them): both are refused with the hold's rule,
// and once cleared, until proofdesk.TwoPersonWindow is over.
func TestLegalHoldStaysWithTheCustomer(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		otherIn := proofdesk.CustomerInput{Name: "Oscar Other", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
		other, err := otherIn.Customer(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case 2026-113"); err != nil {
			t.Fatal(err)
		}
		held := func(what string, err error) {
			t.Helper()
			var e *proofdesk.Error
			if !errorsAs(err, &e) || e.Code != proofdesk.ECONFLICT || e.Details["rule"] != proofdesk.RuleLegalHold {
				t.Fatalf("%s under a legal hold: %v, want conflict hold.legal", what, err)
			}
		}
		_, err = f.Desk.MergeCustomers(f.SupCtx, f.Cust.ID, other.ID, "the same person, two records")
		held("merging the held customer away", err)
		_, err = f.Desk.MergeCustomers(f.SupCtx, other.ID, f.Cust.ID, "the same person, two records")
		held("merging into the held customer", err)
		_, err = f.Desk.UpdateConversation(f.SupCtx, f.Conv.ID, proofdesk.ConversationUpdate{CustomerID: &other.ID})
		held("relinking a held conversation", err)
		if conv, err := sqldb.NewConversationService(db).FindConversationByID(ctx, f.Conv.ID); err != nil || conv.CustomerID != f.Cust.ID {
			t.Fatalf("the held conversation moved: %+v, %v", conv, err)
		}
		// Cleared, the relink waits out the two-person window
		// (TestTwoPersonMove), then goes through.
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(proofdesk.TwoPersonWindow + time.Minute)
		if _, err := f.Desk.UpdateConversation(f.SupCtx, f.Conv.ID, proofdesk.ConversationUpdate{CustomerID: &other.ID}); err != nil {
			t.Fatal(err)
		}
	})
}
