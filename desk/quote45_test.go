package desk_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestQuoteOfTheRequester: a reply that opens by "quoting" the requester
// is checked against what the requester wrote (guard.CheckSaid). The
// requester asked about "the Baker Street one"; a quote of the address on
// file beside a refusal is the agent's own words and is blocked, while the
// requester's real words beside the same refusal are sent, and so is her
// own address once she wrote it herself.
func TestQuoteOfTheRequester(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		asked := "Hello, is it the Baker Street one?"
		if got := guard.Offers(asked); !slices.Contains(got, proofdesk.ClassAddress) {
			// the address offered (the store records it): quote24's
			// test of the offered classes does not stop the reply
			// below, quote45's does
			t.Fatalf("Offers(%q) = %v, want address", asked, got)
		}
		f.say(t, f.Conv, asked)

		fake := "> is it 742 Evergreen Terrace? I can't confirm that until you're verified."
		err := f.reply(f.AgentCtx, f.Conv.ID, fake)
		var pe *proofdesk.Error
		if !errorsAs(err, &pe) || pe.Code != proofdesk.EDISCLOSURE || pe.Details["rule"] != "protected_value" || pe.Details["class"] != proofdesk.ClassAddress {
			t.Fatalf("fake quote: err=%v, want disclosure_blocked protected_value address", err)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "> is it the Baker Street one? I can't confirm that until you're verified."); err != nil {
			t.Fatalf("real quote beside a refusal: %v", err)
		}

		// Her own words, written by her: the quote's value is hers.
		f.say(t, f.Conv, "Or is it 742 Evergreen Terrace? My neighbour got a parcel.")
		if err := f.reply(f.AgentCtx, f.Conv.ID, fake); err != nil {
			t.Fatalf("quote of the requester's own message: %v", err)
		}
		msgs, err := sqldb.NewConversationService(db).FindMessages(context.Background(), f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		sent := 0
		for _, m := range msgs {
			if m.AuthorKind == proofdesk.AuthorAgent && strings.Contains(m.Body, "Evergreen") {
				sent++
			}
		}
		if sent != 1 {
			t.Fatalf("agent replies with the address stored: %d, want 1 (after she wrote it)", sent)
		}
	})
}
