package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// A read of the policy on the node that changed it, once the change has
// committed (here: in the commit's listener, before UpdatePolicy
// returns), gets the new policy, not the node's copy of the old one: a
// reply or a reveal gated then would be decided on the laxer policy.
func TestPolicyReadAfterCommitIsNew(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := sqldbtest.OpenDialect(t, dialect)
			ctx := context.Background()
			ps := sqldb.NewPolicyService(db)
			if err := ps.UpdatePolicy(ctx, proofdesk.DefaultPolicy()); err != nil {
				t.Fatal(err)
			}
			if _, err := ps.FindPolicy(ctx); err != nil { // the node's copy
				t.Fatal(err)
			}
			var seen []proofdesk.Level
			db.OnCommitted(func(ctx context.Context, changes []proofdesk.Event) {
				for _, ev := range changes {
					if ev.Type != proofdesk.EventPolicyChanged {
						continue
					}
					p, err := ps.FindPolicy(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					seen = append(seen, p.Classes[proofdesk.ClassAddress])
				}
			})
			stricter := proofdesk.DefaultPolicy()
			stricter.Classes[proofdesk.ClassAddress] = proofdesk.L2
			if err := ps.UpdatePolicy(ctx, stricter); err != nil {
				t.Fatal(err)
			}
			if len(seen) != 1 || seen[0] != proofdesk.L2 {
				t.Fatalf("address level read after the commit: %v; want [L2]", seen)
			}
			if p, err := ps.FindPolicy(ctx); err != nil || p.Classes[proofdesk.ClassAddress] != proofdesk.L2 {
				t.Fatalf("policy after UpdatePolicy: %v, %v", p, err)
			}
		})
	}
}
