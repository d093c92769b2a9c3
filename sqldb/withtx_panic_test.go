package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestWithTxPanic: a panic inside a transaction's function (a bug in a
// check run within it: the guard's matcher built from customer data, a
// parser) reaches the caller as a panic, the transaction rolls back and
// the store keeps working: the connection is not left holding an open
// transaction, nor the caller's goroutine stuck in its cleanup.
func TestWithTxPanic(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := sqldbtest.NewFixture(t, db)
		sup := proofdesk.NewContextWithAgent(context.Background(), f.Supervisor)
		done := make(chan any, 1)
		go func() {
			defer func() { done <- recover() }()
			_ = db.WithTx(sup, func(tx *sqldb.Tx) error {
				if err := tx.SetLegalHold(sup, &proofdesk.LegalHold{SubjectKind: proofdesk.HoldCustomer, SubjectID: f.Cust.ID, Reason: "case 2026-113", SetBy: f.Supervisor.ID}); err != nil {
					return err
				}
				panic("a bug")
			})
		}()
		select {
		case r := <-done:
			if r == nil {
				t.Fatal("the panic did not reach the caller")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the panicking transaction's goroutine is stuck")
		}
		ctx, cancel := context.WithTimeout(sup, 10*time.Second)
		defer cancel()
		err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			return tx.SetLegalHold(ctx, &proofdesk.LegalHold{SubjectKind: proofdesk.HoldCustomer, SubjectID: f.Cust.ID, Reason: "case 2026-114", SetBy: f.Supervisor.ID})
		})
		if err != nil {
			t.Fatalf("the next transaction: %v", err)
		}
		holds, err := db.LegalHoldsOn(ctx, f.Cust.ID, "")
		if err != nil || len(holds) != 1 || holds[0].Reason != "case 2026-114" {
			t.Fatalf("holds = %+v, %v; want the second transaction's only", holds, err)
		}
	})
}
