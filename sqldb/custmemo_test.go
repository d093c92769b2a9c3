package sqldb_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestTxCustomerMemo: a transaction reads each customer once
// (custmemo.go); what a caller does to the customer it got does not
// change what the next read returns, and the transaction's own writes to
// the customer, its contact points or its lock are seen by the reads that
// follow them.
func TestTxCustomerMemo(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		mustNotices(t, db)
		c := newCustomer(t, "ext-memo", "memo@example.com", "+1 415 555 0199")
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		want, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(ctx, func(tx *sqldb.Tx) error {
			got, err := tx.FindCustomer(ctx, c.ID)
			if err != nil {
				return err
			}
			// A caller changing its copy in memory changes nothing.
			got.Name = "Mallory"
			got.ContactPoints[0].Value = "mallory@example.com"
			got.Addresses[0].City = "Elsewhere"
			got.Payment.Last4 = "0000"
			got.Attributes["loyalty_id"] = "forged"
			again, err := tx.FindCustomer(ctx, c.ID)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(want, again); diff != "" {
				t.Errorf("second read in the transaction (-want +got):\n%s", diff)
			}
			// The transaction's own writes are seen by the next read.
			again.Name = "Jane Roe"
			if err := tx.SaveCustomer(ctx, again, false); err != nil {
				return err
			}
			if got, err = tx.FindCustomer(ctx, c.ID); err != nil {
				return err
			}
			if got.Name != "Jane Roe" {
				t.Errorf("after SaveCustomer the transaction read name %q, want Jane Roe", got.Name)
			}
			if err := tx.SetSupportLocked(ctx, c.ID, true); err != nil {
				return err
			}
			if got, err = tx.FindCustomer(ctx, c.ID); err != nil {
				return err
			}
			if !got.SupportLocked {
				t.Error("after SetSupportLocked the transaction read the customer unlocked")
			}
			if err := tx.AddContactPoints(ctx, got, []*proofdesk.ContactPoint{{ID: proofdesk.NewID("cp"), CustomerID: c.ID, Kind: proofdesk.ContactEmail, Value: "second@example.com", AddedAt: tx.Now()}}); err != nil {
				return err
			}
			if got, err = tx.FindCustomer(ctx, c.ID); err != nil {
				return err
			}
			if n := len(got.ContactPointsOf(proofdesk.ContactEmail)); n != 2 {
				t.Errorf("after AddContactPoints the transaction read %d emails, want 2", n)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// A write transaction reads the conversation and the guard's decision
// facts once until its next write (customerMemo.reads): a caller changing
// its copy changes nothing, and the transaction's own writes are seen by
// the next read (the flag set, the support lock).
func TestTxConversationMemo(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := f.AgentCtx
		want, err := sqldb.NewConversationService(db).FindConversationByID(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = db.WithTx(ctx, func(tx *sqldb.Tx) error {
			got, err := tx.FindConversation(ctx, f.Conv.ID)
			if err != nil {
				return err
			}
			got.RiskFlags = append(got.RiskFlags, "forged")
			got.Tags = append(got.Tags, "forged")
			got.Level, got.CustomerID = proofdesk.L2, "cus_forged"
			again, err := tx.FindConversation(ctx, f.Conv.ID)
			if err != nil {
				return err
			}
			if diff := cmp.Diff(want, again); diff != "" {
				t.Errorf("second read in the transaction (-want +got):\n%s", diff)
			}
			in, err := tx.DecisionFacts(ctx, proofdesk.DoReply, again, nil)
			if err != nil {
				return err
			}
			if in.SupportLocked {
				t.Fatal("the customer reads support-locked before the lock")
			}
			in.Policy.Classes[proofdesk.ClassAddress] = proofdesk.L0
			if in, err = tx.DecisionFacts(ctx, proofdesk.DoReply, again, nil); err != nil {
				return err
			}
			if in.Policy.Classes[proofdesk.ClassAddress] == proofdesk.L0 {
				t.Error("a caller's change to its policy changed the transaction's")
			}
			if err := tx.SetSupportLocked(ctx, f.Cust.ID, true); err != nil {
				return err
			}
			if in, err = tx.DecisionFacts(ctx, proofdesk.DoReply, again, nil); err != nil {
				return err
			}
			if !in.SupportLocked {
				t.Error("after SetSupportLocked the transaction's decision facts read the customer unlocked")
			}
			if err := tx.SetFlag(ctx, again, proofdesk.RiskProbing); err != nil {
				return err
			}
			if got, err = tx.FindConversation(ctx, f.Conv.ID); err != nil {
				return err
			}
			if !contains(got.RiskFlags, proofdesk.RiskProbing) {
				t.Errorf("after SetFlag the transaction read flags %v", got.RiskFlags)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
