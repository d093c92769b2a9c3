package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestReveal(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// L0: refused with the required level, and the value is not in the error.
		_, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "addresses", "customer asked where the parcel goes", false)
		var pe *proofdesk.Error
		if proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("L0 reveal: %v", err)
		}
		if errorsAs(err, &pe); pe.Details["required_level"] != "L1" || strings.Contains(pe.Message, "Evergreen") {
			t.Fatalf("refusal = %+v", pe)
		}
		if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "addresses", "", false); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("no reason: %v", err)
		}
		if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "ssn", "x y z", false); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown field: %v", err)
		}
		// Verify to L1.
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		v, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "addresses", "customer asked where the parcel goes", false)
		if err != nil || !strings.Contains(v, "742 Evergreen Terrace") {
			t.Fatalf("L1 reveal: %q %v", v, err)
		}
		// Payment needs L2.
		if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "payment", "refund question", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("payment at L1: %v", err)
		}
		// Only the assigned agent.
		if _, err := f.Desk.Reveal(f.SupCtx, f.Conv.ID, "addresses", "curious", false); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("unassigned reveal: %v", err)
		}
		// Break glass: agents may not, supervisors may, with flag and owner notice.
		if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "payment", "urgent", true); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent break glass: %v", err)
		}
		v, err = f.Desk.Reveal(f.SupCtx, f.Conv.ID, "payment", "chargeback dispute, ticket 77", true)
		if err != nil || v != "visa ending 4242" {
			t.Fatalf("break glass: %q %v", v, err)
		}
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		if !contains(conv.RiskFlags, proofdesk.RiskBreakGlass) {
			t.Fatalf("flags %v lack break_glass", conv.RiskFlags)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		notified := false
		for _, m := range msgs {
			if m.Purpose == "owner_notice" {
				if m.To != "jane@example.com" && m.To != "new@attacker.example" {
					t.Fatalf("owner notice to %q", m.To)
				}
				notified = notified || m.To == "jane@example.com"
			}
		}
		if !notified {
			t.Fatal("owner not notified of the break-glass")
		}
		// Reveal volume alert: threshold 3 per hour in this fixture.
		for range 3 {
			if _, err := f.Desk.Reveal(f.AgentCtx, f.Conv.ID, "emails", "checking", false); err != nil {
				t.Fatal(err)
			}
		}
		alerts, _ := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditAlert)})
		if len(alerts) != 1 || alerts[0].Detail["alert"] != "reveal_volume" {
			t.Fatalf("alerts = %+v", alerts)
		}
		for _, e := range mustAudit(t, db) {
			if strings.Contains(e.Detail["reason"], "Evergreen") || strings.Contains(strings.Join(values(e.Detail), " "), "4242") {
				t.Fatalf("audit entry %d holds a revealed value", e.Seq)
			}
		}
	})
}
