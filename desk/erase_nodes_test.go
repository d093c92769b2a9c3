package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/vault"
)

// TestEraseAcrossNodes: two nodes on one PostgreSQL database, each with
// its own key cache, events carried by pgnotify as in cmd/proofdesk.
// Node B reads the customer and their conversation, so it holds their
// data keys; node A erases the customer; then node B no longer holds
// those keys: its cache does not open them without their (deleted) rows.
func TestEraseAcrossNodes(t *testing.T) {
	ctx := context.Background()
	dsn := sqldbtest.DSN(t, sqldb.Postgres)
	vA := sqldbtest.NewVault(t)
	vB := vault.New(vA.Keyring()) // the same master key, a cache of its own
	dbA, dbB := sqldbtest.OpenWithVault(t, dsn, vA), sqldbtest.OpenWithVault(t, dsn, vB)
	publishAcrossNodes(t, dsn, dbA, dbB)
	f := newFixture(t, dbA)
	d := desk.New(dbA, desk.Config{})

	if _, err := sqldb.NewCustomerService(dbB).FindCustomerByID(ctx, f.Cust.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.NewConversationService(dbB).FindConversationByID(ctx, f.Conv.ID); err != nil {
		t.Fatal(err)
	}
	keys := []string{"dk_" + f.Cust.ID, "dk_" + f.Conv.ID}
	// "deleted" stands for the key's row, gone after the erasure: only a
	// cache opens the key without it.
	for _, id := range keys {
		if _, err := vB.Unwrap(id, "deleted"); err != nil {
			t.Fatalf("node B did not cache %s before the erasure: %v", id, err)
		}
	}

	if _, err := d.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked", "court order 2026-113"); err != nil {
		t.Fatal(err)
	}
	for _, id := range keys {
		if _, err := vA.Unwrap(id, "deleted"); err == nil {
			t.Fatalf("node A still holds %s after erasing", id)
		}
		// The event reaches node B asynchronously; without it, B would
		// hold the key for vault.CacheTTL, longer than this wait.
		deadline := time.Now().Add(10 * time.Second)
		for {
			_, err := vB.Unwrap(id, "deleted")
			if err != nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node B still opens %s from its cache after the erasure on node A", id)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	c, err := sqldb.NewCustomerService(dbB).FindCustomerByID(ctx, f.Cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != proofdesk.ErasedName || c.ErasedAt == nil {
		t.Fatalf("node B reads %q (erased %v), want the tombstone", c.Name, c.ErasedAt)
	}
}
