package sqldb_test

import (
	"context"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Every event type is queued in the transaction of its event, with a
// payload of the L0 views: a verification completing, a blocked reply
// (its rule, never its text), a status change and a "this wasn't me".
// Only subscribed events are queued; an agent cannot subscribe.
func TestWebhook_EventsQueuedWithTheirEvent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		admin := &proofdesk.Agent{Email: "root@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
			t.Fatal(err)
		}
		hooks, err := desk.NewWebhooks(ctx, db, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := hooks.CreateWebhook(f.AgentCtx, "https://hooks.example.com/in", proofdesk.WebhookEvents, false); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent's subscription: %v, want EFORBIDDEN", err)
		}
		if _, _, err := hooks.CreateWebhook(proofdesk.NewContextWithAgent(ctx, admin), "https://hooks.example.com/in", []string{"message.deleted"}, false); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("an unknown event: %v, want EINVALID", err)
		}
		all := []string{proofdesk.WebhookVerificationDone, proofdesk.WebhookReplyBlocked, proofdesk.WebhookStatusChanged, proofdesk.WebhookNotMe}
		if _, _, err := hooks.CreateWebhook(proofdesk.NewContextWithAgent(ctx, admin), "https://hooks.example.com/in", all, false); err != nil {
			t.Fatal(err)
		}

		f.say(t, f.Conv, "Hello") // message.created: not subscribed
		f.VerifyL1(t, f.Conv)
		if err := f.reply(f.AgentCtx, f.Conv, "Your card ending 4242 was charged."); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("payment reply at L1: %v", err)
		}
		pending := proofdesk.StatusPending
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &pending}); err != nil {
			t.Fatal(err)
		}
		// "This wasn't me" from a verification request.
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		tok, _ := f.LastSecret(t)
		if err := f.VS.DenyByToken(ctx, tok); err != nil {
			t.Fatal(err)
		}

		// The report counts the same events.
		rep, err := desk.New(db, desk.Config{}).Report(f.SupCtx, f.Conv.CreatedAt.Add(-time.Hour), f.Clk.Now().Add(time.Hour))
		if err != nil || rep.Security.NotMeRequest != 1 || rep.Security.BlockedByRule["protected_value"] != 1 || rep.Security.ByFactor["email"] != 1 {
			t.Fatalf("report security figures: %+v, %v", rep.Security, err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, m := range msgs {
			if m.Kind == proofdesk.OutboxWebhook {
				got[m.Subject] = m.Body
			}
		}
		for _, e := range all {
			if got[e] == "" {
				t.Fatalf("no %s delivery queued; queued: %v", e, keys(got))
			}
		}
		if _, ok := got[proofdesk.WebhookMessageCreated]; ok {
			t.Fatal("message.created queued without a subscription")
		}
		var blocked proofdesk.WebhookPayload
		if err := json.Unmarshal([]byte(got[proofdesk.WebhookReplyBlocked]), &blocked); err != nil {
			t.Fatal(err)
		}
		if blocked.Detail["rule"] == "" || strings.Contains(got[proofdesk.WebhookReplyBlocked], "4242") || blocked.Message != nil {
			t.Fatalf("reply.blocked payload: %s", got[proofdesk.WebhookReplyBlocked])
		}
		for e, body := range got {
			for _, secret := range []string{"jane@example.com", "Evergreen", "+14155550123"} {
				if strings.Contains(body, secret) {
					t.Fatalf("%s carries %q: %s", e, secret, body)
				}
			}
		}
	})
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A message.created delivery shows the message as the API and the
// console do: read with the conversation's earlier messages (a code split
// across messages is hidden in the part that completes it) and against
// the codes issued recently on any conversation (a code typed with words
// between its halves, in a conversation without requests of its own).
// A delivery is sent as its message comes: the parts before the one that
// completes a split code are shown, as on every surface until then.
func TestWebhook_MessageReadThroughTheConversationView(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		subscribeMessages(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		other := f.NewConversation(t) // no request of its own
		for _, tt := range []struct {
			conv  *proofdesk.Conversation
			parts []string
		}{
			{f.Conv, []string{code[:3], code[3:] + " thanks"}},
			{other, []string{"it is " + code[:3] + " and " + code[3:]}},
			{other, []string{"first " + code[:2], "then " + code[2:4], "and " + code[4:]}},
		} {
			for _, p := range tt.parts {
				f.say(t, tt.conv, p)
			}
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind != proofdesk.OutboxWebhook || m.Subject != proofdesk.WebhookMessageCreated {
				continue
			}
			n++
			var p struct {
				Message struct {
					Body string `json:"body"`
				} `json:"message"`
			}
			if err := json.Unmarshal([]byte(m.Body), &p); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(p.Message.Body, "first ") || strings.HasPrefix(p.Message.Body, "then ") {
				continue // before the code is complete nothing can tell (the API neither)
			}
			for _, part := range []string{code[:2], code[2:4], code[4:]} {
				if strings.Contains(p.Message.Body, part) {
					t.Errorf("a message.created delivery shows %q of the code: %q", part, p.Message.Body)
				}
			}
		}
		if n != 6 {
			t.Fatalf("%d message.created deliveries, want 6", n)
		}
	})
}

// A delivery's conversation subject reads through the same view as the
// lists and the API: with the conversation's first customer messages, so
// a code split between an email's subject ("my code is 482") and its body
// ("913 thanks") shows no half in the subject of any later delivery.
func TestWebhook_SubjectReadWithTheFirstMessages(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		subscribeMessages(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "my code is " + code[:3]}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, mail, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: code[3:] + " thanks"}); err != nil {
			t.Fatal(err)
		}
		f.say(t, mail, "any news?")
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			var p struct {
				Conversation struct {
					ID      string `json:"id"`
					Subject string `json:"subject"`
				} `json:"conversation"`
			}
			if m.Kind != proofdesk.OutboxWebhook || json.Unmarshal([]byte(m.Body), &p) != nil || p.Conversation.ID != mail.ID {
				continue
			}
			n++
			if p.Conversation.Subject != "my code is "+proofdesk.CodeHiddenText {
				t.Errorf("a delivery's subject is %q, want the subject's half of the code hidden", p.Conversation.Subject)
			}
		}
		if n == 0 {
			t.Fatal("no delivery about the mail")
		}
	})
}

// attack13: a known code split between two conversations of the same
// customer ("my code is 482" in one, "913 thanks" in another, neither
// with a request of its own): the delivery of the message that completes
// it shows no half, read as the API reads it, with what the customer
// wrote in their other conversations in the hour (subjects included).
func TestWebhook_MessageReadWithTheCustomersOtherConversations(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		subscribeMessages(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		mail := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.Cust.ID, Subject: "my code is " + code[:3]}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, mail, nil); err != nil {
			t.Fatal(err)
		}
		chat := f.NewConversation(t)
		f.say(t, chat, code[3:]+" thanks")
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind != proofdesk.OutboxWebhook || m.Subject != proofdesk.WebhookMessageCreated || !strings.Contains(m.Body, chat.ID) {
				continue
			}
			n++
			if strings.Contains(m.Body, code[3:]) {
				t.Errorf("the delivery of the chat's message shows %q of the code", code[3:])
			}
		}
		if n != 1 {
			t.Fatalf("%d message.created deliveries of the chat, want 1", n)
		}
	})
}

// subscribeMessages creates an admin and, as them, a webhook to
// https://hooks.example.com/in subscribed to message.created: every
// message stored after it queues a delivery.
func subscribeMessages(t *testing.T, db *sqldb.DB) {
	t.Helper()
	ctx := context.Background()
	admin := &proofdesk.Agent{Email: "root@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
		t.Fatal(err)
	}
	hooks, err := desk.NewWebhooks(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := hooks.CreateWebhook(proofdesk.NewContextWithAgent(ctx, admin), "https://hooks.example.com/in", []string{proofdesk.WebhookMessageCreated}, false); err != nil {
		t.Fatal(err)
	}
}
