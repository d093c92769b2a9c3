package sqldb_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// rawDB opens a second, plain connection to the store's database so a
// test can tamper with rows the way an attacker with DB access would.
func rawDB(t *testing.T, db *sqldb.DB) *sql.DB {
	t.Helper()
	driver, dsn := "sqlite", db.DSN()
	if db.Dialect() == sqldb.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func seedAudit(t *testing.T, db *sqldb.DB, n int) *sqldb.AuditService {
	t.Helper()
	s := sqldb.NewAuditService(db)
	for i := range n {
		if err := s.RecordAudit(context.Background(), proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "test.event",
			SubjectKind: "thing", SubjectID: fmt.Sprint(i), Detail: map[string]string{"i": fmt.Sprint(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	chain(t, s)
	return s
}

// chain reads the log once, which has the sequencer chain every pending
// entry (PostgreSQL), so what a test then edits is the chain itself.
func chain(t *testing.T, s *sqldb.AuditService) {
	t.Helper()
	if _, err := s.FindAuditEntries(context.Background(), proofdesk.AuditFilter{Limit: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestAuditConcurrentWriters: many transactions audit at once (on
// PostgreSQL without a lock, through the sequencer); every entry is
// chained once, in one gapless sequence, and the chain verifies.
func TestAuditConcurrentWriters(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		s := sqldb.NewAuditService(db)
		const writers, each = 8, 25
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errs <- s.RecordAudit(context.Background(), proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "test.concurrent",
						SubjectKind: "writer", SubjectID: fmt.Sprint(w), Detail: map[string]string{"i": fmt.Sprint(i)}})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		es, err := s.FindAuditEntries(context.Background(), proofdesk.AuditFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != writers*each {
			t.Fatalf("%d entries chained, want %d", len(es), writers*each)
		}
		seen := map[string]bool{}
		for i, e := range es {
			if e.Seq != int64(i+1) {
				t.Fatalf("entry %d has seq %d: the sequence has a gap", i, e.Seq)
			}
			k := e.SubjectID + "/" + e.Detail["i"]
			if seen[k] {
				t.Fatalf("entry %s chained twice", k)
			}
			seen[k] = true
		}
		if seq, why, err := s.VerifyAudit(context.Background()); err != nil || seq != 0 {
			t.Fatalf("VerifyAudit = %d %q %v", seq, why, err)
		}
	})
}

func TestAuditTamper(t *testing.T) {
	tests := []struct {
		name    string
		tamper  []string // SQL run directly against the database
		wantSeq int64
		want    string
	}{
		{"intact", nil, 0, ""},
		{"edited detail", []string{`UPDATE audit_log SET detail = '{"i":"99"}' WHERE seq = 3`}, 3, "content"},
		{"edited action", []string{`UPDATE audit_log SET action = 'other' WHERE seq = 5`}, 5, "content"},
		{"deleted middle", []string{`DELETE FROM audit_log WHERE seq = 4`}, 5, "sequence gap"},
		{"deleted first", []string{`DELETE FROM audit_log WHERE seq = 1`}, 2, "sequence gap"},
		{"deleted tail", []string{`DELETE FROM audit_log WHERE seq = 6`}, 6, "removed from the end"},
		{"inserted", []string{`INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash)
			SELECT 7, at, actor_kind, actor_id, 'forged', subject_kind, subject_id, detail, hash, 'x' FROM audit_log WHERE seq = 6`}, 7, "content"},
		{"reordered", []string{
			`UPDATE audit_log SET seq = 100 WHERE seq = 2`,
			`UPDATE audit_log SET seq = 2 WHERE seq = 3`,
			`UPDATE audit_log SET seq = 3 WHERE seq = 100`}, 2, "previous-hash"},
		{"rehashed one row", []string{`UPDATE audit_log SET detail = '{"i":"x"}', hash = 'deadbeef' WHERE seq = 2`}, 2, "content"},
	}
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				fresh := sqldbtest.OpenDialect(t, db.Dialect())
				s := seedAudit(t, fresh, 6)
				raw := rawDB(t, fresh)
				for _, q := range tt.tamper {
					if _, err := raw.Exec(q); err != nil {
						t.Fatalf("tamper %q: %v", q, err)
					}
				}
				seq, why, err := s.VerifyAudit(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if seq != tt.wantSeq || !strings.Contains(why, tt.want) {
					t.Fatalf("VerifyAudit = %d %q, want %d containing %q", seq, why, tt.wantSeq, tt.want)
				}
			})
		}
	})
}

func TestAuditWrittenWithChange(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		agent := &proofdesk.Agent{ID: "agt_actor", Role: proofdesk.RoleIntegration}
		ctx = proofdesk.NewContextWithAgent(ctx, agent)
		c := newCustomer(t, "x1", "x@example.com", "+14155550199")
		if err := db.StoreCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		// A failed change leaves no audit entry.
		dup := newCustomer(t, "x1", "y@example.com", "+14155550198")
		_ = db.StoreCustomer(ctx, dup)
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditCustomerCreate)})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].SubjectID != c.ID || entries[0].ActorID != "agt_actor" {
			t.Fatalf("entries = %+v, want one create by agt_actor for %s", entries, c.ID)
		}
		for _, e := range entries {
			if err := proofdesk.CheckAuditDetail(e.Detail); err != nil {
				t.Fatal(err)
			}
		}
		if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
			t.Fatalf("chain broken: %d %s %v", seq, why, err)
		}
	})
}
