package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestStorePublishesEvents checks that committed changes publish live
// events, whichever handler made them, and that a blocked reply does not.
func TestStorePublishesEvents(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ev := inmem.NewEventService(0)
		defer ev.Close()
		db.SetEvents(ev)
		sub, err := ev.Subscribe(context.Background(), f.conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		next := func() proofdesk.Event {
			t.Helper()
			select {
			case e := <-sub.C():
				return e
			case <-time.After(5 * time.Second):
				t.Fatal("no event")
			}
			return proofdesk.Event{}
		}
		f.say(t, f.conv, "hello")
		if e := next(); e.Type != proofdesk.EventMessageCreated || e.AuthorKind != proofdesk.AuthorCustomer || e.MessageID == "" {
			t.Fatalf("after a message: %+v", e)
		}
		if err := f.reply(f.agentCtx, f.conv, "It goes to 742 Evergreen Terrace"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("reply: %v", err)
		}
		info, err := f.vs.IssueChallenge(f.agentCtx, f.conv.ID, f.emailID)
		if err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventChallengeUpdated || e.Status != proofdesk.ChallengePending {
			t.Fatalf("after issuing (a blocked reply must publish nothing): %+v", e)
		}
		token, _ := f.lastSecret(t)
		if _, err := f.vs.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventChallengeUpdated || e.Status != proofdesk.ChallengeCompleted {
			t.Fatalf("after approval: %+v", e)
		}
		if e := next(); e.Type != proofdesk.EventLevelChanged || e.Level != "L1" {
			t.Fatalf("level event: %+v", e)
		}
	})
}
