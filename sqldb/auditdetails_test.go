package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestAuditDetails: the details of one actor's entries of one action
// since a time, oldest first, chained or still pending (PostgreSQL's
// audit_pending), read in the transaction that wrote the last of them.
func TestAuditDetails(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		start := time.Now().UTC().Truncate(time.Second)
		write := func(at time.Time, actor, action, v string) {
			db.SetNow(func() time.Time { return at })
			if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
				return tx.Audit(ctx, proofdesk.AuditEvent{Action: action, ActorKind: proofdesk.ActorAgent, ActorID: actor,
					SubjectKind: "conversation", SubjectID: "c-1", Detail: map[string]string{"values": v}})
			}); err != nil {
				t.Fatal(err)
			}
		}
		write(start, "a-1", proofdesk.AuditGuardCandidate, "old")
		write(start.Add(50*time.Minute), "a-1", proofdesk.AuditGuardCandidate, "h1")
		write(start.Add(51*time.Minute), "a-2", proofdesk.AuditGuardCandidate, "other agent")
		write(start.Add(52*time.Minute), "a-1", proofdesk.AuditDisclosureBlocked, "other action")
		now := start.Add(70 * time.Minute)
		db.SetNow(func() time.Time { return now })
		var got []map[string]string
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditGuardCandidate, ActorKind: proofdesk.ActorAgent, ActorID: "a-1",
				SubjectKind: "conversation", SubjectID: "c-2", Detail: map[string]string{"values": "h2,h3"}}); err != nil {
				return err
			}
			var err error
			got, err = tx.AuditDetails(ctx, "a-1", proofdesk.AuditGuardCandidate, now.Add(-time.Hour))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]map[string]string{{"values": "h1"}, {"values": "h2,h3"}}, got); diff != "" {
			t.Fatalf("details (-want +got):\n%s", diff)
		}
	})
}
