package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestTwoPersonMove: what a cleared legal hold covered stays with its
// customer for proofdesk.TwoPersonWindow. Otherwise the supervisor who
// cleared a hold on customer X could merge X into Y, or relink X's
// conversation to Y, and then erase Y: the clear is on X, so the
// two-person rule would not see it on Y. Both moves are refused
// (ECONFLICT, rule erase.two_person) to anyone within the window, and
// allowed once it is over.
func TestTwoPersonMove(t *testing.T) {
	moves := []struct {
		name string
		move func(f *fixture, ctx context.Context, to *proofdesk.Customer) error
	}{
		{"merge", func(f *fixture, ctx context.Context, to *proofdesk.Customer) error {
			_, err := f.Desk.MergeCustomers(ctx, f.Cust.ID, to.ID, "the same person by phone")
			return err
		}},
		{"link", func(f *fixture, ctx context.Context, to *proofdesk.Customer) error {
			_, err := f.Desk.UpdateConversation(ctx, f.Conv.ID, proofdesk.ConversationUpdate{CustomerID: &to.ID})
			return err
		}},
	}
	holds := []struct{ kind string }{{proofdesk.HoldCustomer}, {proofdesk.HoldConversation}}
	for _, mv := range moves {
		for _, h := range holds {
			t.Run(mv.name+"/"+h.kind, func(t *testing.T) {
				sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
					f := newFixture(t, db)
					ctx := context.Background()
					ivy := newSupervisor(t, db, "ivy@desk.example")
					in := proofdesk.CustomerInput{Name: "Oscar Other", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
					y, err := in.Customer(f.Clk.Now())
					if err != nil {
						t.Fatal(err)
					}
					if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, y); err != nil {
						t.Fatal(err)
					}
					id := f.Cust.ID
					if h.kind == proofdesk.HoldConversation {
						id = f.Conv.ID
					}
					if _, err := f.Desk.SetLegalHold(f.SupCtx, h.kind, id, "case 2026-113"); err != nil {
						t.Fatal(err)
					}
					if err := f.Desk.ClearLegalHold(f.SupCtx, h.kind, id, "case settled"); err != nil {
						t.Fatal(err)
					}
					for _, who := range []context.Context{f.SupCtx, ivy} {
						err := mv.move(f, who, y)
						if e := (*proofdesk.Error)(nil); !errorsAs(err, &e) || e.Code != proofdesk.ECONFLICT || e.Details["rule"] != proofdesk.RuleTwoPerson {
							if err == nil {
								_, err = f.Desk.RequestErasure(f.SupCtx, y.ID, "the owner asked by phone", "court order 2026-113")
								t.Fatalf("moved within the window, then the one who cleared the hold erased the new customer: %v", err)
							}
							t.Fatalf("move within the window: %v, want ECONFLICT rule %s", err, proofdesk.RuleTwoPerson)
						}
					}
					f.Clk.Add(proofdesk.TwoPersonWindow + time.Minute)
					if err := mv.move(f, f.SupCtx, y); err != nil {
						t.Fatalf("move after the window: %v", err)
					}
				})
			})
		}
	}
}
