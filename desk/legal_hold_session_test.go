package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestLegalHoldLinkSession: a signed session naming another customer
// (the widget's identity token, the API's identity endpoint) does not
// relink a conversation a legal hold covers, nor one whose hold was
// cleared within proofdesk.TwoPersonWindow: the held conversation would
// otherwise go to a customer whom any supervisor may erase, taking it
// along. Refused (ECONFLICT) and left as it was; a conversation no hold
// covers is relinked, as before.
func TestLegalHoldLinkSession(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		in := proofdesk.CustomerInput{Name: "Oscar Other", ExternalID: "u-2", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
		y, err := in.Customer(f.Clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, y); err != nil {
			t.Fatal(err)
		}
		stays := func(what string, wantRule string) {
			t.Helper()
			_, err := f.VS.LinkSession(ctx, f.Conv.ID, "u-2", f.Clk.Now())
			if e := (*proofdesk.Error)(nil); !errorsAs(err, &e) || e.Code != proofdesk.ECONFLICT || e.Details["rule"] != wantRule {
				t.Fatalf("%s: %v, want conflict %s", what, err, wantRule)
			}
			if c, err := sqldb.NewConversationService(db).FindConversationByID(ctx, f.Conv.ID); err != nil || c.CustomerID != f.Cust.ID {
				t.Fatalf("%s: the conversation moved: %+v, %v", what, c, err)
			}
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case 2026-113"); err != nil {
			t.Fatal(err)
		}
		stays("relinked by a session under the customer's hold", proofdesk.RuleLegalHold)
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		stays("relinked by a session within the two-person window", proofdesk.RuleTwoPerson)
		f.Clk.Add(proofdesk.TwoPersonWindow + time.Minute)
		c, err := f.VS.LinkSession(ctx, f.Conv.ID, "u-2", f.Clk.Now())
		if err != nil || c.CustomerID != y.ID {
			t.Fatalf("relinked by a session after the window: %+v, %v", c, err)
		}
	})
}
