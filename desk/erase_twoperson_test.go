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

// newSupervisor stores another supervisor with email and returns their
// context.
func newSupervisor(t *testing.T, db *sqldb.DB, email string) context.Context {
	t.Helper()
	a := &proofdesk.Agent{Email: email, Name: "Ivy Other", Role: proofdesk.RoleSupervisor, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return proofdesk.NewContextWithAgent(context.Background(), a)
}

// wantTwoPerson fails unless err is the two-person rule's refusal.
func wantTwoPerson(t *testing.T, what string, err error) {
	t.Helper()
	var e *proofdesk.Error
	if !errorsAs(err, &e) || e.Code != proofdesk.EFORBIDDEN || e.Details["rule"] != proofdesk.RuleTwoPerson {
		t.Fatalf("%s: %v, want forbidden %s", what, err, proofdesk.RuleTwoPerson)
	}
}

// TestEraseTwoPerson: a supervisor who cleared a legal hold covering a
// customer (here one on their conversation) cannot erase them within
// proofdesk.TwoPersonWindow, neither at once nor through the owner's
// confirmation of a request of theirs: refused with the rule, the clear's
// date in the words, audited, and every supervisor alerted. Another
// supervisor erases. A hold on the customer cleared by the same
// supervisor stops them until the window passes, then not.
func TestEraseTwoPerson(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ivy := newSupervisor(t, db, "ivy@desk.example")
		basis := "court order 2026-113"
		// Sue asks the owner first, then sets and clears a hold.
		res, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked by phone", "")
		if err != nil || res.Request == nil {
			t.Fatalf("request: %+v, %v", res, err)
		}
		var tok string
		for _, l := range erasureLinks(t, db) {
			tok = l // one request: every link names it
		}
		if tok == "" {
			t.Fatal("no erasure link")
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case 2026-113"); err != nil {
			t.Fatal(err)
		}
		clearedAt := f.Clk.Now()
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(time.Hour)
		_, err = f.Desk.AnswerErasure(ctx, tok, true)
		if e := (*proofdesk.Error)(nil); !errorsAs(err, &e) || e.Details["rule"] != proofdesk.RuleTwoPerson {
			t.Fatalf("the owner confirms Sue's request after she cleared the hold: %v, want rule %s", err, proofdesk.RuleTwoPerson)
		}
		_, err = f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked by phone", basis)
		wantTwoPerson(t, "Sue erases after clearing the hold", err)
		msg := proofdesk.ErrorMessage(err)
		if !strings.HasPrefix(msg, "Another supervisor must erase this customer: you cleared their legal hold on ") || !strings.Contains(msg, clearedAt.UTC().Format("2006-01-02 15:04")) {
			t.Fatalf("message %q, want who must erase and the clear's date", msg)
		}
		if c, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID); err != nil || c.ErasedAt != nil {
			t.Fatalf("after the refusals: %+v, %v; want Jane untouched", c, err)
		}
		var refused, alerts int
		for _, e := range mustAudit(t, db) {
			switch {
			case e.Action == proofdesk.AuditGateRefused && e.Detail["action"] == proofdesk.DoErase:
				if e.Detail["rule"] != proofdesk.RuleTwoPerson || e.SubjectID != f.Cust.ID {
					t.Fatalf("refusal entry = %+v", e)
				}
				refused++
			case e.Action == proofdesk.AuditAlert && e.Detail["alert"] == "erasure_refused":
				alerts++
			case e.Action == proofdesk.AuditCustomerErased:
				t.Fatal("an erasure was audited")
			}
		}
		if refused != 2 || alerts != 1 {
			t.Fatalf("audited %d refused erasures and %d alerts, want 2 and 1", refused, alerts)
		}
		// Another supervisor may.
		res, err = f.Desk.RequestErasure(ivy, f.Cust.ID, "the owner asked by phone", basis)
		if err != nil || res.Erasure == nil || res.Erasure.CustomerID != f.Cust.ID {
			t.Fatalf("Ivy erases: %+v, %v", res, err)
		}

		// The customer's own hold, then the window.
		in := proofdesk.CustomerInput{Name: "Oscar Other", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
		other, err := in.Customer(f.Clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, other.ID, "case 2026-114"); err != nil {
			t.Fatal(err)
		}
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldCustomer, other.ID, "case closed"); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(proofdesk.TwoPersonWindow - time.Minute)
		_, err = f.Desk.RequestErasure(f.SupCtx, other.ID, "the owner asked by phone", basis)
		wantTwoPerson(t, "Sue erases within the window", err)
		f.Clk.Add(2 * time.Minute)
		if res, err := f.Desk.RequestErasure(f.SupCtx, other.ID, "the owner asked by phone", basis); err != nil || res.Erasure == nil {
			t.Fatalf("Sue erases after the window: %+v, %v", res, err)
		}
	})
}
