package sqldb_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// BenchmarkAuditedWrite is an audited transaction from concurrent writers
// (-cpu sets how many goroutines per core: RunParallel): on PostgreSQL
// the entry goes to audit_pending without a lock and the sequencer chains
// it; on SQLite the one writer appends to the chain. Run with
// TEST_POSTGRES_DSN set for the PostgreSQL figure:
//
//	go test ./sqldb -run '^$' -bench AuditedWrite -benchtime 3000x
func BenchmarkAuditedWrite(b *testing.B) {
	for _, d := range sqldbtest.Dialects() {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.OpenDialect(b, d)
			s := sqldb.NewAuditService(db)
			b.SetParallelism(8)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.RecordAudit(context.Background(), proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "bench.write", SubjectKind: "x", SubjectID: "y"}); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			if seq, why, err := s.VerifyAudit(context.Background()); err != nil || seq != 0 {
				b.Fatalf("chain after the run: %d %q %v", seq, why, err)
			}
		})
	}
}
