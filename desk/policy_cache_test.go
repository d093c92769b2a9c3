package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/pgnotify"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// publishAcrossNodes gives each of dbs, nodes on the PostgreSQL database
// dsn, its own pgnotify event service, as cmd/proofdesk does.
func publishAcrossNodes(t *testing.T, dsn string, dbs ...*sqldb.DB) {
	t.Helper()
	for _, db := range dbs {
		ev, err := pgnotify.Open(context.Background(), dsn, inmem.NewEventService(0), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ev.Close() })
		desk.PublishEvents(db, ev)
	}
}

// TestPolicyCache_Nodes: each node keeps a decoded copy of the policy;
// a change on node A is seen at once on A and, through the change's
// event (pgnotify on PostgreSQL; on SQLite, one node's two handles share
// one in-process service), on node B well before B's copy would expire
// (sqldb.PolicyTTL); a caller changing the policy it was given changes
// no one else's.
func TestPolicyCache_Nodes(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			dsn, v := sqldbtest.DSN(t, dialect), sqldbtest.NewVault(t)
			a, b := sqldbtest.OpenWithVault(t, dsn, v), sqldbtest.OpenWithVault(t, dsn, v)
			if dialect == sqldb.Postgres {
				publishAcrossNodes(t, dsn, a, b)
			} else {
				ev := inmem.NewEventService(64)
				t.Cleanup(func() { _ = ev.Close() })
				desk.PublishEvents(a, ev)
				desk.PublishEvents(b, ev)
			}
			pa, pb := sqldb.NewPolicyService(a), sqldb.NewPolicyService(b)

			before, err := pb.FindPolicy(ctx) // B's copy: the defaults
			if err != nil {
				t.Fatal(err)
			}
			if got := before.ClassLevel(proofdesk.ClassAddress); got != proofdesk.L1 {
				t.Fatalf("address at %v, want the default L1", got)
			}
			hit, err := pb.FindPolicy(ctx) // from B's copy
			if err != nil {
				t.Fatal(err)
			}
			before.Classes[proofdesk.ClassAddress] = proofdesk.L0 // the callers' copies only
			hit.Classes[proofdesk.ClassAddress] = proofdesk.L0
			if again, _ := pb.FindPolicy(ctx); again.ClassLevel(proofdesk.ClassAddress) != proofdesk.L1 {
				t.Fatal("a caller's change to its policy reached the node's copy")
			}

			raised := proofdesk.DefaultPolicy()
			raised.Classes[proofdesk.ClassAddress] = proofdesk.L2
			if err := pa.UpdatePolicy(ctx, raised); err != nil {
				t.Fatal(err)
			}
			if got, _ := pa.FindPolicy(ctx); got.ClassLevel(proofdesk.ClassAddress) != proofdesk.L2 {
				t.Fatalf("node A after its own change: address at %v, want L2", got.ClassLevel(proofdesk.ClassAddress))
			}
			deadline := time.Now().Add(sqldb.PolicyTTL / 2)
			for {
				got, err := pb.FindPolicy(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got.ClassLevel(proofdesk.ClassAddress) == proofdesk.L2 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("node B still has address at %v, want L2: the change's event did not drop its copy", got.ClassLevel(proofdesk.ClassAddress))
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}
