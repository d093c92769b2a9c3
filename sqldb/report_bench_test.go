package sqldb_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// BenchmarkReport measures the whole report (every figure of the reports
// page, each by SQL) over 1,000,000 synthetic messages: 100,000
// conversations of 10 messages over 30 days, with resolutions, ratings,
// level changes, blocked replies and reveals. Ranges: the last 7 days and
// all 30. PROOFDESK_BENCH_CONVERSATIONS changes the count (10 messages
// each). Seeding takes a while and is not timed:
//
//	go test ./sqldb -run '^$' -bench BenchmarkReport -benchtime 5x
func BenchmarkReport(b *testing.B) {
	convs := 100_000
	if v, err := strconv.Atoi(os.Getenv("PROOFDESK_BENCH_CONVERSATIONS")); err == nil && v > 0 {
		convs = v
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range sqldbtest.Dialects() {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.OpenDialect(b, d)
			ctx := context.Background()
			t0 := time.Now()
			if err := sqldb.SeedReportRows(ctx, db, convs, 10, 30, start); err != nil {
				b.Fatal(err)
			}
			b.Logf("seeded %d conversations, %d messages in %v", convs, convs*10, time.Since(t0).Round(time.Millisecond))
			steps, err := sqldb.ReportStepTimes(ctx, db, start, start.AddDate(0, 0, 30))
			if err != nil {
				b.Fatal(err)
			}
			b.Logf("30 days, per query group: %v", steps)
			for _, r := range []struct {
				name string
				days int
			}{{"7days", 7}, {"30days", 30}} {
				b.Run(r.name, func(b *testing.B) {
					to := start.AddDate(0, 0, 30)
					from := to.AddDate(0, 0, -r.days)
					for b.Loop() {
						rep, err := db.Read().Report(ctx, from, to)
						if err != nil {
							b.Fatal(err)
						}
						if rep.Conversations == 0 || rep.FirstResponse.Count == 0 || rep.CSAT.Total() == 0 || rep.Security.Verified == 0 {
							b.Fatalf("empty report: %+v", rep)
						}
					}
				})
			}
		})
	}
}
