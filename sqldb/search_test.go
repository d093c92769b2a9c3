package sqldb_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestSearch_Backfill(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		var ids []string
		for _, body := range []string{"My umbrella is torn", "The kettle leaks", "Umbrella again"} {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Requester: proofdesk.Requester{Name: "Visitor"}}
			if err := cs.CreateConversation(ctx, c, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		if got, _ := db.SearchConversationIDs(ctx, "umbrella", 10); len(got) != 2 {
			t.Fatalf("indexed as stored: %v", got)
		}
		if err := db.ForgetSearchIndexForTest(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.SearchConversationIDs(ctx, "umbrella", 10); len(got) != 0 {
			t.Fatalf("found before the backfill: %v", got)
		}
		total := 0
		for {
			n, err := db.BackfillSearch(ctx, 2)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			total += n
		}
		if total != 3 {
			t.Fatalf("backfilled %d, want 3", total)
		}
		got, _ := db.SearchConversationIDs(ctx, "UMBRELLA", 10)
		slices.Sort(got)
		want := []string{ids[0], ids[2]}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("after the backfill: %v, want %v", got, want)
		}
		if rows, _, err := db.SearchIndexSize(ctx); err != nil || rows == 0 {
			t.Fatalf("index size: %d %v", rows, err)
		}
	})
}

// BenchmarkSearch100k measures full-text search over 100,000
// conversations of 40 words each (a Zipf-distributed vocabulary of 20,000
// words, as in real text: a few words are in most conversations, most in
// few): the index's size (reported as index_MB and token_rows) and the
// time of a query for a rare word, a common word and two words. Seeding
// takes minutes; set PROOFDESK_BENCH_CONVERSATIONS for another count.
func BenchmarkSearch100k(b *testing.B) {
	n := 100_000
	if s := os.Getenv("PROOFDESK_BENCH_CONVERSATIONS"); s != "" {
		fmt.Sscan(s, &n)
	}
	benchStores(b, func(b *testing.B, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		tmpl := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Requester: proofdesk.Requester{Name: "Visitor"}}
		if err := cs.CreateConversation(ctx, tmpl, nil); err != nil {
			b.Fatal(err)
		}
		vocab := make([]string, 20000)
		for i := range vocab {
			vocab[i] = fmt.Sprintf("w%05d", i)
		}
		text := func(i int) string {
			z := rand.NewZipf(rand.New(rand.NewSource(int64(i))), 1.1, 1, uint64(len(vocab)-1))
			var sb strings.Builder
			for range 40 {
				sb.WriteString(vocab[z.Uint64()])
				sb.WriteByte(' ')
			}
			return sb.String()
		}
		start := time.Now()
		if err := db.SeedSearchForBench(ctx, tmpl.ID, n, false, nil); err != nil {
			b.Fatal(err)
		}
		before, err := db.BytesForBench(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.SeedSearchForBench(ctx, tmpl.ID, n, true, text); err != nil {
			b.Fatal(err)
		}
		after, err := db.BytesForBench(ctx)
		if err != nil {
			b.Fatal(err)
		}
		rows, _, err := db.SearchIndexSize(ctx)
		if err != nil {
			b.Fatal(err)
		}
		index := after - before
		if db.Dialect() == sqldb.Postgres {
			index = after
		}
		b.Logf("%d conversations, %d token rows, index %.1f MB (%.0f bytes a conversation), seeded in %s",
			n, rows, float64(index)/1e6, float64(index)/float64(n), time.Since(start).Round(time.Second))
		for _, q := range []struct{ name, query string }{{"rare", "w15000"}, {"common", "w00001"}, {"two_words", "w00010 w00200"}} {
			b.Run(q.name, func(b *testing.B) {
				found := 0
				for b.Loop() {
					ids, err := db.SearchConversationIDs(ctx, q.query, 50)
					if err != nil {
						b.Fatal(err)
					}
					found = len(ids)
				}
				b.ReportMetric(float64(found), "results")
				b.ReportMetric(float64(index)/1e6, "index_MB")
				b.ReportMetric(float64(rows), "token_rows")
			})
		}
	})
}
