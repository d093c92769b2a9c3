package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// staleWrite runs a read-modify-write transaction (read, then write what
// it read changed) while a second transaction commits between its read
// and its write, as two nodes or two requests do: second starts once
// first has read, and first writes a moment later.
func staleWrite(t *testing.T, db *sqldb.DB, first func(tx *sqldb.Tx) (write func() error, err error), second func(tx *sqldb.Tx) error) {
	t.Helper()
	ctx := context.Background()
	read := make(chan struct{})
	firstDone, secondDone := make(chan error, 1), make(chan error, 1)
	go func() {
		firstDone <- db.WithTx(ctx, func(tx *sqldb.Tx) error {
			write, err := first(tx)
			if err != nil {
				return err
			}
			close(read)
			time.Sleep(300 * time.Millisecond) // the second commits now unless it waits
			return write()
		})
	}()
	select {
	case <-read:
	case err := <-firstDone:
		t.Fatalf("first transaction: %v", err)
	}
	go func() { secondDone <- db.WithTx(ctx, second) }()
	if err := <-firstDone; err != nil {
		t.Fatalf("first transaction: %v", err)
	}
	if err := <-secondDone; err != nil {
		t.Fatalf("second transaction: %v", err)
	}
}

// TestRace_StaleWriteUndoesNoLock: attack by timing, on PostgreSQL (two
// nodes or two requests): a customer sync or a tag change that read the
// row before the owner's "this wasn't me" committed must not write back
// what it read, lifting the support lock or restoring the level the
// report dropped. The store's write transactions read the rows they
// rewrite locked.
func TestRace_StaleWriteUndoesNoLock(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := f.AgentCtx
		f.VerifyL2(t, f.Conv)

		// The integration renames the customer while the owner locks it.
		staleWrite(t, db, func(tx *sqldb.Tx) (func() error, error) {
			c, err := tx.FindCustomer(ctx, f.Cust.ID)
			if err != nil {
				return nil, err
			}
			return func() error { c.Name = "Jane Q. Doe"; return tx.SaveCustomer(ctx, c, false) }, nil
		}, func(tx *sqldb.Tx) error {
			return tx.SetSupportLocked(ctx, f.Cust.ID, true)
		})
		got, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.SupportLocked || got.Name != "Jane Q. Doe" {
			t.Fatalf("after the race: locked=%v name=%q, want locked and renamed", got.SupportLocked, got.Name)
		}

		// An agent tags the conversation while the owner's report drops
		// its level.
		tags := []string{"vip"}
		staleWrite(t, db, func(tx *sqldb.Tx) (func() error, error) {
			c, err := tx.FindConversation(ctx, f.Conv.ID)
			if err != nil {
				return nil, err
			}
			return func() error { return tx.SaveConversation(ctx, c, proofdesk.ConversationUpdate{Tags: &tags}, nil) }, nil
		}, func(tx *sqldb.Tx) error {
			c, err := tx.FindConversation(ctx, f.Conv.ID)
			if err != nil {
				return err
			}
			return tx.MarkFraud(ctx, c)
		})
		conv, err := sqldb.NewConversationService(db).FindConversationByID(ctx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if conv.Level != proofdesk.L0 || !conv.Fraud || len(conv.Tags) != 1 {
			t.Fatalf("after the race: level=%s fraud=%v tags=%v, want L0, fraud and the tag", conv.Level, conv.Fraud, conv.Tags)
		}
	})
}
