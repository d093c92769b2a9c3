package sqldb_test

import (
	"context"
	"slices"
	"testing"

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
