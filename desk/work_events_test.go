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

// TestWorkEvents: the work model's changes are recorded in their own
// transactions and published after commit (desk.PublishEvents): an
// auto-assignment tells the new holder and the team; a customer's chat
// message, a customer's mail and a due snooze each reopen a conversation
// as conversation.reopened (holder and team) then conversation.updated,
// and drop the snooze end time.
func TestWorkEvents(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newWorkEnv(t, db)
		ev := inmem.NewEventService(0)
		defer ev.Close()
		desk.PublishEvents(db, ev)
		sub, err := ev.Subscribe(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		// next returns the next event about conversation id, skipping others.
		next := func(id string) proofdesk.Event {
			t.Helper()
			for {
				select {
				case got := <-sub.C():
					if got.ConversationID == id {
						return got
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("no event for %s", id)
				}
			}
		}
		expectReopened := func(id, holder, team string) {
			t.Helper()
			if got := next(id); got.Type != proofdesk.EventConversationReopened || got.Status != proofdesk.StatusOpen || got.AssigneeID != holder || got.Team != team {
				t.Fatalf("want conversation.reopened for %s (holder %q, team %q), got %+v", id, holder, team, got)
			}
			if got := next(id); got.Type != proofdesk.EventConversationUpdated || got.Status != proofdesk.StatusOpen {
				t.Fatalf("want conversation.updated after the reopening, got %+v", got)
			}
			c, err := e.convs.FindConversationByID(ctx, id)
			if err != nil || c.Status != proofdesk.StatusOpen || c.SnoozedUntil != nil {
				t.Fatalf("after the reopening: %v %+v", err, c)
			}
		}

		// Auto-assignment: Bob is the only online member.
		team := &proofdesk.Team{Name: "Front", AutoAssign: true, AgentIDs: []string{e.bob.ID}}
		if err := e.Desk.CreateTeam(e.adminCtx, team); err != nil {
			t.Fatal(err)
		}
		if _, err := e.agents.UpdateAgent(ctx, e.bob.ID, proofdesk.AgentUpdate{Availability: ptr(proofdesk.AvailabilityOnline)}); err != nil {
			t.Fatal(err)
		}
		queued := e.newChat(t, team.ID)
		if n, err := e.Desk.AutoAssignTeam(ctx, team.ID); err != nil || n != 1 {
			t.Fatalf("auto-assign: %d %v", n, err)
		}
		for {
			got := next(queued.ID)
			if got.Type != proofdesk.EventConversationUpdated {
				continue // its creation and first message
			}
			if got.AssigneeID != e.bob.ID || got.Team != team.ID {
				t.Fatalf("auto-assignment event %+v, want holder %s team %s", got, e.bob.ID, team.ID)
			}
			break
		}

		// A chat message from the customer reopens a snoozed conversation.
		until := e.Clk.Now().Add(time.Hour)
		snooze := func(id string, until *time.Time) {
			t.Helper()
			if _, err := e.Desk.UpdateConversation(e.AgentCtx, id, proofdesk.ConversationUpdate{Status: ptr(proofdesk.StatusSnoozed), SnoozedUntil: until}); err != nil {
				t.Fatal(err)
			}
			if got := next(id); got.Type != proofdesk.EventConversationUpdated || got.Status != proofdesk.StatusSnoozed || got.AssigneeID != e.Agent.ID {
				t.Fatalf("after snoozing: %+v", got)
			}
		}
		snooze(e.Conv.ID, &until)
		if err := e.convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: e.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Any news?"}); err != nil {
			t.Fatal(err)
		}
		if got := next(e.Conv.ID); got.Type != proofdesk.EventMessageCreated {
			t.Fatalf("want message.created first, got %+v", got)
		}
		expectReopened(e.Conv.ID, e.Agent.ID, "")

		// A mail from the customer reopens it too (one transaction).
		snooze(e.Conv.ID, nil)
		d := &proofdesk.InboundDelivery{Conversation: &proofdesk.Conversation{ID: e.Conv.ID}, Reopen: true,
			Message: &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hello again", ClientID: "email:m1@example.com"},
			Mail:    proofdesk.InboundMail{HeaderMessageID: "m1@example.com", ContentDigest: "d1", Raw: []byte("raw"), FullText: "Hello again"}}
		if err := db.StoreInbound(ctx, d); err != nil || !d.Reopened {
			t.Fatalf("inbound: %v reopened=%v", err, d.Reopened)
		}
		if got := next(e.Conv.ID); got.Type != proofdesk.EventMessageCreated {
			t.Fatalf("want message.created first, got %+v", got)
		}
		expectReopened(e.Conv.ID, e.Agent.ID, "")

		// A snooze whose end time passed wakes.
		until = e.Clk.Now().Add(time.Minute)
		snooze(e.Conv.ID, &until)
		e.Clk.Add(2 * time.Minute)
		woke, err := db.WakeSnoozed(ctx, 10)
		if err != nil || len(woke) != 1 || woke[0].ID != e.Conv.ID {
			t.Fatalf("wake: %v %d", err, len(woke))
		}
		expectReopened(e.Conv.ID, e.Agent.ID, "")
	})
}
