package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// The seed incident (../shared/mission/incident.txt), replayed end to
// end: an unverified requester quotes a fake address and asks where the
// order ships. The agent's answer with the real address, a confirmation
// and a denial are each blocked; nothing reaches the requester. When the
// conversation is resolved, the owner's on-file address (never the
// requester's) gets the masked transcript with a "This wasn't me" link,
// and pressing its button locks the account.

const (
	attackerEmail = "jane.doe.1987@attacker.test"
	probe         = "Hi, this is Jane Doe. My address is " + fakeAddress + ". Where is my order being shipped?"
)

// careless are the replies a careless agent would send.
var careless = []struct{ name, body string }{
	{"address", "Your order ships to 742 Evergreen Terrace, Springfield 49007."},
	{"confirmation", "Yes, that's right."},
	{"denial", "No, that's not the address we have."},
}

// blockAll sends each careless reply and checks it is refused with
// 422 disclosure_blocked, without echoing the address.
func blockAll(t *testing.T, s *e2etest.Server, convID string) {
	t.Helper()
	for _, r := range careless {
		code, errCode, body := reply(t, s, convID, r.body)
		must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked",
			"%s reply: %d %s, want 422 disclosure_blocked", r.name, code, body)
		must(t, !strings.Contains(body, "Evergreen") && !strings.Contains(body, "49007"), "the refusal echoes the address: %s", body)
		must(t, strings.Contains(body, `"rule"`) && strings.Contains(body, `"required_level"`), "refusal without rule and required_level: %s", body)
	}
	for _, m := range messagesOf(t, s, convID) {
		must(t, m.AuthorKind != "agent", "a blocked reply was stored: %+v", m)
	}
}

// resolve resolves the conversation in the console, as the agent.
func resolve(t *testing.T, s *e2etest.Server, b *browser, convID string) {
	t.Helper()
	b.action(convID, "/status", url.Values{"status": {"resolved"}})
	must(t, conversationOf(t, s, convID).Status == "resolved", "not resolved")
}

// ownerNotice checks the transcript reached the on-file address, masked,
// never the requester's, and that its "This wasn't me" button locks the
// account.
func ownerNotice(t *testing.T, s *e2etest.Server, jane *customer, convID string) {
	t.Helper()
	m := s.Mailpit.WaitMessage(t, janeEmail, "Your conversation with", wait)
	must(t, !strings.Contains(m.Text, "Evergreen") && !strings.Contains(m.Text, "49007"), "the transcript shows the real address:\n%s", m.Text)
	must(t, strings.Contains(m.Text, "Where is my order"), "the transcript lacks the requester's question:\n%s", m.Text)
	for _, sum := range s.Mailpit.MessagesTo(t, attackerEmail) {
		must(t, !strings.Contains(sum.Subject, "Your conversation with"), "the transcript went to the requester: %q", sum.Subject)
	}
	link := m.Link(t, "/n/")

	b := newBrowser(t, s)
	code, page := b.get(link)
	must(t, code == http.StatusOK && strings.Contains(page, "<form"), "GET %s: %d\n%s", link, code, page)
	var c customer
	s.API(t, "GET", "/api/v1/customers/"+jane.ID, s.Agent.Token, nil, http.StatusOK, &c)
	must(t, !c.SupportLocked, "opening the link (a GET) locked the account")

	// A POST without the page's CSRF token (a forged cross-site form, or
	// anyone holding only the link) changes nothing.
	code, _ = newBrowser(t, s).post(link, url.Values{})
	must(t, code == http.StatusForbidden, "POST %s without the page's CSRF token: %d, want 403", link, code)
	code, _ = b.post(link, url.Values{"csrf": {"9999999999.forged"}})
	must(t, code == http.StatusForbidden, "POST %s with a forged CSRF token: %d, want 403", link, code)
	s.API(t, "GET", "/api/v1/customers/"+jane.ID, s.Agent.Token, nil, http.StatusOK, &c)
	must(t, !c.SupportLocked, "a POST without the page's CSRF token locked the account")

	code, page = b.post(link, url.Values{"csrf": {b.csrf(page)}})
	must(t, code == http.StatusOK, "POST %s: %d\n%s", link, code, page)
	s.API(t, "GET", "/api/v1/customers/"+jane.ID, s.Agent.Token, nil, http.StatusOK, &c)
	must(t, c.SupportLocked, "the account is not under a support lock after \"This wasn't me\"")
	must(t, conversationOf(t, s, convID).Fraud, "the conversation is not flagged as fraud")
}

func TestSeedAttack_Chat(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		events := s.Events(t, s.Agent.Token, "")
		// The attacker claims Jane's email in the widget: a claim, not a
		// factor. The conversation is about Jane without being linked.
		v := newVisitor(t, s, "Jane Doe", janeEmail, "Hello")
		v.send(t, "p1", probe)
		ack := v.next(t, "ack", func(f frame) bool { return f.Type == "ack" && f.ClientID == "p1" })
		events.Wait(t, wait, "the probe", func(ev e2etest.Event) bool {
			return ev.Type == "message.created" && ev.Field("message_id") == ack.ID
		})
		conv := conversationOf(t, s, v.conv)
		must(t, conv.Level == "L0", "level %s", conv.Level)

		blockAll(t, s, v.conv)
		// The agent's safe answer goes through and is the first agent
		// message the visitor sees: nothing blocked was sent before it.
		safe := "I can't discuss account details until you're verified."
		code, _, body := reply(t, s, v.conv, safe)
		must(t, code == http.StatusCreated, "safe reply: %d %s", code, body)
		f := v.next(t, "the safe reply", func(f frame) bool { return f.Type == "message" && f.Author == "agent" })
		must(t, f.Body == safe, "the visitor got %q before the safe reply", f.Body)

		b := newBrowser(t, s)
		b.login(s.Agent)
		resolve(t, s, b, v.conv)
		ownerNotice(t, s, jane, v.conv)
	})
}

func TestSeedAttack_Email(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		// The attacker writes from an address of their own.
		sendMail(t, s, attackerEmail, "From: Jane Doe <"+attackerEmail+">\nTo: support@desk.test\nSubject: Where is my order?\n"+
			"Message-ID: <probe@attacker.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\n"+probe+"\n")
		conv := emailConversation(t, s, "Where is my order?")
		must(t, conv.CustomerID == "", "an address not on file linked customer %s", conv.CustomerID)

		// The careless agent finds Jane by name and links her in the
		// console: linking proves nothing.
		b := newBrowser(t, s)
		b.login(s.Agent)
		b.action(conv.ID, "/customer", url.Values{"lookup": {janeEmail}})
		linked := conversationOf(t, s, conv.ID)
		must(t, linked.CustomerID == jane.ID && linked.Level == "L0", "after linking: %+v", linked)

		blockAll(t, s, conv.ID)
		var ob struct {
			Messages []struct {
				Purpose        string `json:"purpose"`
				ConversationID string `json:"conversation_id"`
				To             string `json:"to"`
			} `json:"messages"`
		}
		s.API(t, "GET", "/api/v1/outbox", s.Admin.Token, nil, http.StatusOK, &ob)
		for _, d := range ob.Messages {
			must(t, d.To != attackerEmail && d.Purpose != "reply", "something was queued for the requester: %+v", d)
		}
		// A safe answer is delivered: the relay works, and it is the only
		// mail the requester ever gets.
		code, _, body := reply(t, s, conv.ID, "I can't discuss account details until you're verified.")
		must(t, code == http.StatusCreated, "safe reply: %d %s", code, body)
		m := s.Mailpit.WaitMessage(t, attackerEmail, "Where is my order?", wait)
		must(t, strings.Contains(m.Text, "until you're verified") && !strings.Contains(m.Text, "Evergreen"), "reply text %q", m.Text)

		resolve(t, s, b, conv.ID)
		ownerNotice(t, s, jane, conv.ID)
		to := s.Mailpit.MessagesTo(t, attackerEmail)
		must(t, len(to) == 1, "the requester got %d mails, want only the safe reply", len(to))
	})
}
