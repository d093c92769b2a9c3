package server_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestEmail: mail from a customer's on-file address opens a conversation
// through the SMTP listener (unauthenticated: the address is the
// requester's claim, linked to nobody); an answer with In-Reply-To threads into it;
// the agent's API reply reaches mailpit threaded, with the subject token.
func TestEmail(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		createJane(t, s)
		sendMail(t, s, janeEmail, "From: Jane Doe <"+janeEmail+">\nTo: support@desk.test\nSubject: Broken kettle\n"+
			"Message-ID: <first.kettle@example.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\n"+
			"Hello, my kettle arrived broken.\n")
		conv := emailConversation(t, s, "Broken kettle")
		must(t, conv.CustomerID == "", "an unauthenticated mail from the on-file address linked %q: whoever mails the desk learns the address is on file", conv.CustomerID)
		must(t, conv.RequesterClaims.Email == janeEmail, "requester claims %+v, want the From address", conv.RequesterClaims)
		must(t, conv.Level == "L0", "an email sender alone raised the level to %s", conv.Level)

		sendMail(t, s, janeEmail, "From: Jane Doe <"+janeEmail+">\nTo: support@desk.test\nSubject: Re: something else\n"+
			"Message-ID: <second.kettle@example.test>\nIn-Reply-To: <first.kettle@example.test>\n"+
			"References: <first.kettle@example.test>\nDate: Tue, 03 Jun 2025 09:05:00 +0000\n\n"+
			"Here is a photo of the box.\n\nOn Tue, Jane wrote:\n> Hello, my kettle arrived broken.\n")
		var all struct{ Conversations []conversation }
		s.API(t, "GET", "/api/v1/conversations?channel=email", s.Agent.Token, nil, http.StatusOK, &all)
		must(t, len(all.Conversations) == 1, "the answer opened another conversation: %+v", all.Conversations)
		ms := messagesOf(t, s, conv.ID)
		must(t, len(ms) == 2 && ms[1].Body == "Here is a photo of the box.", "messages %+v, want the threaded answer without its quote", ms)

		var sent message
		s.API(t, "POST", "/api/v1/conversations/"+conv.ID+"/messages", s.Agent.Token,
			map[string]string{"body": "Sorry about that. A new kettle is on its way."}, http.StatusCreated, &sent)
		m := s.Mailpit.WaitMessage(t, janeEmail, "Broken kettle", wait)
		must(t, strings.Contains(m.Subject, "[#"+conv.ID+"]"), "subject %q has no [#%s] token", m.Subject, conv.ID)
		must(t, strings.HasPrefix(m.Subject, "Re: "), "subject %q", m.Subject)
		must(t, strings.Contains(m.Text, "A new kettle is on its way."), "text %q", m.Text)
		irt := m.Header("In-Reply-To")
		refs := strings.Fields(m.Header("References"))
		must(t, irt == "<second.kettle@example.test>", "In-Reply-To %q, want the customer's last Message-ID", irt)
		must(t, slices.Contains(refs, "<first.kettle@example.test>") && slices.Contains(refs, "<second.kettle@example.test>"),
			"References %q, want both of the customer's Message-IDs", refs)
		must(t, len(s.Mailpit.Messages(t)) == 1, "mailpit holds %d messages, want only the reply", len(s.Mailpit.Messages(t)))
	})
}
