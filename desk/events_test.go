package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestPublishEvents: committed changes become live events, whichever
// handler made them (the store's message writes, the desk's requests and
// levels, an assignment), in order; a blocked reply, which rolls back,
// publishes nothing.
func TestPublishEvents(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ev := inmem.NewEventService(0)
		defer ev.Close()
		desk.PublishEvents(db, ev)
		sub, err := ev.Subscribe(context.Background(), f.Conv.ID)
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
		if err := sqldb.NewConversationService(db).CreateMessage(context.Background(), &proofdesk.Message{ConversationID: f.Conv.ID,
			AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}); err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventMessageCreated || e.AuthorKind != proofdesk.AuthorCustomer || e.MessageID == "" || e.At.IsZero() {
			t.Fatalf("after a message: %+v", e)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "It goes to 742 Evergreen Terrace"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("reply: %v", err)
		}
		info, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		if err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventChallengeUpdated || e.Status != proofdesk.ChallengePending {
			t.Fatalf("after issuing (a blocked reply must publish nothing): %+v", e)
		}
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventChallengeUpdated || e.Status != proofdesk.ChallengeCompleted {
			t.Fatalf("after approval: %+v", e)
		}
		if e := next(); e.Type != proofdesk.EventLevelChanged || e.Level != "L1" {
			t.Fatalf("level event: %+v", e)
		}
		status := proofdesk.StatusPending
		if _, err := f.Desk.UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &status}); err != nil {
			t.Fatal(err)
		}
		if e := next(); e.Type != proofdesk.EventConversationUpdated || e.Status != proofdesk.StatusPending {
			t.Fatalf("after an update: %+v", e)
		}
	})
}
