package sqldb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Two nodes on one database claim the retention schedule at once: one
// wins; a scheduled run is not due again before the interval; a lease
// cut off (a crash) runs out, and the late node's release does not end
// the new holder's lease.
func TestClaimRetentionRun_OneNode(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dsn, v := sqldbtest.DSN(t, dialect), sqldbtest.NewVault(t)
			a := sqldbtest.OpenWithVault(t, dsn, v)
			b := sqldbtest.OpenWithVault(t, dsn, v)
			clk := sqldbtest.NewClock(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
			a.SetNow(clk.Now)
			b.SetNow(clk.Now)
			var mu sync.Mutex
			var wins []string
			var wg sync.WaitGroup
			for i := range 8 {
				node := []*sqldb.DB{a, b}[i%2]
				wg.Add(1)
				go func() {
					defer wg.Done()
					claim, err := node.ClaimRetentionRun(ctx, true, time.Hour, 10*time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if claim != "" {
						mu.Lock()
						wins = append(wins, claim)
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			if len(wins) != 1 {
				t.Fatalf("%d claims won, want 1", len(wins))
			}
			if err := a.ReleaseRetentionRun(ctx, wins[0]); err != nil {
				t.Fatal(err)
			}
			// Released, but the next scheduled run is an hour away; an
			// admin's run is not bound to the schedule.
			if c, err := b.ClaimRetentionRun(ctx, true, time.Hour, 10*time.Minute); c != "" || err != nil {
				t.Fatalf("scheduled claim before the hour = %q %v", c, err)
			}
			manual, err := b.ClaimRetentionRun(ctx, false, time.Hour, 2*time.Hour)
			if manual == "" || err != nil {
				t.Fatalf("manual claim = %q %v", manual, err)
			}
			// b's run dies holding the lease; once it runs out, a takes over.
			clk.Add(time.Hour + time.Minute)
			if c, err := a.ClaimRetentionRun(ctx, true, time.Hour, 10*time.Minute); c != "" || err != nil {
				t.Fatalf("claim under a live lease = %q %v", c, err)
			}
			clk.Add(time.Hour)
			taken, err := a.ClaimRetentionRun(ctx, true, time.Hour, 10*time.Minute)
			if taken == "" || err != nil {
				t.Fatalf("claim after the lease ran out = %q %v", taken, err)
			}
			if err := b.ReleaseRetentionRun(ctx, manual); err != nil {
				t.Fatal(err)
			}
			if c, err := b.ClaimRetentionRun(ctx, false, time.Hour, 10*time.Minute); c != "" || err != nil {
				t.Fatalf("the late release ended the new lease: claim = %q %v", c, err)
			}
		})
	}
}

// Dormant customers: none of their conversations active, their record and
// orders unchanged, since the cutoff.
func TestDormantCustomers(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := sqldbtest.NewFixture(t, db)
		ctx := context.Background()
		quiet := &proofdesk.Customer{Name: "Quiet Customer", ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: "quiet@example.com"}}}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, quiet); err != nil {
			t.Fatal(err)
		}
		dormant := func() []string {
			t.Helper()
			ids, err := db.Read().DormantCustomers(ctx, f.Clk.Now().AddDate(0, -24, 0), "", 10)
			if err != nil {
				t.Fatal(err)
			}
			return ids
		}
		if ids := dormant(); len(ids) != 0 {
			t.Fatalf("dormant at once = %v", ids)
		}
		f.Clk.Add(25 * 30 * 24 * time.Hour)
		if ids := dormant(); len(ids) != 2 {
			t.Fatalf("dormant after 25 months = %v, want both", ids)
		}
		// A message keeps the fixture's customer; an order the quiet one.
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Still here"}); err != nil {
			t.Fatal(err)
		}
		if ids := dormant(); len(ids) != 1 || ids[0] != quiet.ID {
			t.Fatalf("dormant after a message = %v, want %s", ids, quiet.ID)
		}
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.UpsertOrder(ctx, quiet, &proofdesk.Order{Number: "A-1", Status: "placed"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if ids := dormant(); len(ids) != 0 {
			t.Fatalf("dormant after an order = %v", ids)
		}
	})
}
