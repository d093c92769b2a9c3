package desk_test

import (
	"context"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// agentNotices counts the queued agent notification emails of kind's
// subject per recipient, and checks none carries the customer's words.
func agentNotices(t *testing.T, db *sqldb.DB, kind string) map[string]int {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, m := range msgs {
		if m.Purpose != "agent_notice" {
			continue
		}
		if strings.Contains(m.Body, "parcel") || strings.Contains(m.Subject, "parcel") {
			t.Fatalf("agent notice carries the customer's message: %q", m.Body)
		}
		if m.Subject == proofdesk.AgentNoticeSubject(kind) {
			if !strings.Contains(m.Body, "/conversations/"+m.ConversationID) {
				t.Fatalf("agent notice without the conversation link: %q", m.Body)
			}
			out[m.To]++
		}
	}
	return out
}

func TestAgentNotificationEmails(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		// Defaults: every kind, no email.
		s, err := e.Desk.NotificationSettings(e.bobCtx)
		if err != nil || s.Email || len(s.Kinds) != 4 {
			t.Fatalf("defaults: %+v %v", s, err)
		}
		if _, err := e.Desk.SetNotificationSettings(e.bobCtx, proofdesk.NotificationSettings{Kinds: []string{"assigned", "lunch"}, Email: true}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown kind: %v", err)
		}
		// Bob opts in to email for assignments and mentions; Ann (the
		// fixture's agent) keeps the browser-only defaults.
		s, err = e.Desk.SetNotificationSettings(e.bobCtx, proofdesk.NotificationSettings{Kinds: []string{"mention", "assigned", "mention"}, Email: true})
		if err != nil || strings.Join(s.Kinds, ",") != "assigned,mention" || !s.Email {
			t.Fatalf("set: %+v %v", s, err)
		}
		if got, _ := e.Desk.NotificationSettings(e.bobCtx); strings.Join(got.Kinds, ",") != "assigned,mention" || !got.Email {
			t.Fatalf("stored: %+v", got)
		}

		c1, c2 := e.newChat(t, ""), e.newChat(t, "")
		if _, err := e.Desk.UpdateConversation(e.adminCtx, c1.ID, proofdesk.ConversationUpdate{AssigneeID: ptr(e.bob.ID)}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.UpdateConversation(e.adminCtx, c2.ID, proofdesk.ConversationUpdate{AssigneeID: ptr(e.Agent.ID)}); err != nil {
			t.Fatal(err)
		}
		got := agentNotices(t, db, proofdesk.NotifyAssigned)
		if got[e.bob.Email] != 1 || got[e.Agent.Email] != 0 || len(got) != 1 {
			t.Fatalf("assignment emails: %v", got)
		}

		if err := e.Desk.NotifyMention(e.adminCtx, c2.ID, []string{e.bob.ID, e.Agent.ID}); err != nil {
			t.Fatal(err)
		}
		got = agentNotices(t, db, proofdesk.NotifyMention)
		if got[e.bob.Email] != 1 || got[e.Agent.Email] != 0 || len(got) != 1 {
			t.Fatalf("mention emails: %v", got)
		}

		// A mention on a conversation that does not exist rolls back: no email.
		if err := e.Desk.NotifyMention(e.adminCtx, "nope", []string{e.bob.ID}); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("mention on nothing: %v", err)
		}
		if got := agentNotices(t, db, proofdesk.NotifyMention); got[e.bob.Email] != 1 {
			t.Fatalf("rolled-back mention queued an email: %v", got)
		}

		// Bob turns email off: the next assignment queues nothing more.
		if _, err := e.Desk.SetNotificationSettings(e.bobCtx, proofdesk.NotificationSettings{Kinds: []string{"assigned"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.UpdateConversation(e.adminCtx, c2.ID, proofdesk.ConversationUpdate{AssigneeID: ptr(e.bob.ID)}); err != nil {
			t.Fatal(err)
		}
		if got := agentNotices(t, db, proofdesk.NotifyAssigned); got[e.bob.Email] != 1 {
			t.Fatalf("email off, still queued: %v", got)
		}

		// A customer's reply and a new chat: Bob (holding c2 now) chooses
		// both by email; Ann keeps the defaults and gets no email.
		if _, err := e.Desk.SetNotificationSettings(e.bobCtx, proofdesk.NotificationSettings{Kinds: []string{"reply", "new_chat"}, Email: true}); err != nil {
			t.Fatal(err)
		}
		if err := e.convs.CreateMessage(context.Background(), &proofdesk.Message{ConversationID: c2.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "Any news on my parcel?"}); err != nil {
			t.Fatal(err)
		}
		if got := agentNotices(t, db, proofdesk.NotifyReply); got[e.bob.Email] != 1 || len(got) != 1 {
			t.Fatalf("reply emails: %v", got)
		}
		e.newChat(t, "")
		if got := agentNotices(t, db, proofdesk.NotifyNewChat); got[e.bob.Email] != 1 || len(got) != 1 {
			t.Fatalf("new chat emails: %v", got)
		}
	})
}
