package sqldb_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// FindSubjectContexts returns, for a page of conversations, the first
// SubjectMessages messages not written by an agent, oldest first, and
// whether a request was issued on each; an unknown ID is left out.
func TestFindSubjectContexts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		other := f.NewConversation(t)
		if err := f.reply(f.AgentCtx, other, "Hello, how can I help?"); err != nil {
			t.Fatal(err)
		}
		for i := range proofdesk.SubjectMessages + 2 {
			f.say(t, other, fmt.Sprintf("part %d", i))
		}
		convs := sqldb.NewConversationService(db)
		got, err := convs.FindSubjectContexts(context.Background(), []string{f.Conv.ID, other.ID, "cnv_unknown"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got["cnv_unknown"]; ok || len(got) != 2 {
			t.Fatalf("got contexts for %d conversations, want 2 (no unknown)", len(got))
		}
		if !got[f.Conv.ID].CodesIssued || got[other.ID].CodesIssued {
			t.Fatalf("CodesIssued=%v,%v, want true for the conversation with a request only", got[f.Conv.ID].CodesIssued, got[other.ID].CodesIssued)
		}
		msgs, err := convs.FindMessages(context.Background(), other.ID)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, m := range msgs {
			if m.AuthorKind != proofdesk.AuthorAgent && len(want) < proofdesk.SubjectMessages {
				want = append(want, m.Body)
			}
		}
		var bodies []string
		for _, m := range got[other.ID].First {
			bodies = append(bodies, m.Body)
		}
		if diff := cmp.Diff(want, bodies); diff != "" {
			t.Fatalf("first messages (-want +got):\n%s", diff)
		}
	})
}
