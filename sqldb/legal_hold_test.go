package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestLegalHoldClears: the clears of holds on the customer and on their
// conversations are found with who cleared them and when, oldest first;
// a clear before since, a hold set but not cleared, and another
// customer's conversation's clear are not. For a conversation, its own
// clears and its customer's.
func TestLegalHoldClears(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := sqldbtest.NewFixture(t, db)
		ctx := context.Background()
		sup := proofdesk.NewContextWithAgent(ctx, f.Supervisor)
		hold := func(kind, id string, clear bool) {
			t.Helper()
			err := db.WithTx(sup, func(tx *sqldb.Tx) error {
				if err := tx.SetLegalHold(sup, &proofdesk.LegalHold{SubjectKind: kind, SubjectID: id, Reason: "case 2026-113", SetBy: f.Supervisor.ID}); err != nil || !clear {
					return err
				}
				return tx.ClearLegalHold(sup, kind, id, "case settled")
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		hold(proofdesk.HoldCustomer, f.Cust.ID, true) // before since
		f.Clk.Add(time.Hour)
		since := f.Clk.Now()
		f.Clk.Add(time.Minute)
		hold(proofdesk.HoldConversation, f.Conv.ID, true)
		convAt := f.Clk.Now()
		f.Clk.Add(time.Minute)
		hold(proofdesk.HoldCustomer, f.Cust.ID, true)
		custAt := f.Clk.Now()
		hold(proofdesk.HoldConversation, f.NewConversation(t).ID, false) // set, not cleared
		otherIn := proofdesk.CustomerInput{Name: "Oscar Other", Emails: []proofdesk.ContactPointInput{{Value: "oscar@example.net"}}}
		other, err := otherIn.Customer(f.Clk.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		otherConv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: other.ID, Requester: proofdesk.Requester{Name: "Oscar"}}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, otherConv, nil); err != nil {
			t.Fatal(err)
		}
		hold(proofdesk.HoldConversation, otherConv.ID, true)

		got, err := db.Read().LegalHoldClears(ctx, f.Cust.ID, "", since)
		if err != nil {
			t.Fatal(err)
		}
		want := []proofdesk.HoldClear{
			{SubjectKind: proofdesk.HoldConversation, SubjectID: f.Conv.ID, By: f.Supervisor.ID, At: convAt},
			{SubjectKind: proofdesk.HoldCustomer, SubjectID: f.Cust.ID, By: f.Supervisor.ID, At: custAt},
		}
		if len(got) != len(want) {
			t.Fatalf("clears = %+v, want %+v", got, want)
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.SubjectKind != w.SubjectKind || g.SubjectID != w.SubjectID || g.By != w.By || g.At.Sub(w.At).Abs() > time.Second {
				t.Fatalf("clear %d = %+v, want %+v", i, g, w)
			}
		}
		if got, err := db.Read().LegalHoldClears(ctx, other.ID, "", since); err != nil || len(got) != 1 || got[0].SubjectID != otherConv.ID {
			t.Fatalf("the other customer's clears = %+v, %v; want their conversation's", got, err)
		}
		// For a conversation: its own clear and its customer's, not a
		// sibling conversation's.
		sibling := f.NewConversation(t)
		if got, err := db.Read().LegalHoldClears(ctx, "", sibling.ID, since); err != nil || len(got) != 1 || got[0].SubjectID != f.Cust.ID {
			t.Fatalf("a sibling conversation's clears = %+v, %v; want its customer's", got, err)
		}
		if got, err := db.Read().LegalHoldClears(ctx, "", f.Conv.ID, since); err != nil || len(got) != 2 {
			t.Fatalf("the conversation's clears = %+v, %v; want its own and its customer's", got, err)
		}
	})
}
