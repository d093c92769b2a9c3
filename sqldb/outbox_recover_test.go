package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestReleaseOutboxClaims: on SQLite, a row claimed by a run that died
// mid-send is due again at once after ReleaseOutboxClaims (not after its
// lease); a sent row is left alone. On PostgreSQL, where the claim may be
// a live node's, nothing is released.
func TestReleaseOutboxClaims(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		queueReply(t, f)
		now := f.Clk.Now()
		if got, err := db.ClaimDue(ctx, now, 10, allKinds, time.Hour); err != nil || len(got) != 1 {
			t.Fatalf("claim: %d %v", len(got), err)
		}
		// The claiming run dies here.
		n, err := db.ReleaseOutboxClaims(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.ClaimDue(ctx, now, 10, allKinds, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == sqldb.Postgres {
			if n != 0 || len(got) != 0 {
				t.Fatalf("PostgreSQL: released %d, claimable %d; want 0, 0 (the lease holds)", n, len(got))
			}
			return
		}
		if n != 1 || len(got) != 1 || got[0].Attempts != 2 {
			t.Fatalf("SQLite: released %d, claimable %d; want 1, 1 on its second attempt", n, len(got))
		}
	})
}
