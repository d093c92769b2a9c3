package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

var mailCodeRE = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)

// TestView_ForwardedRequest: attack on the one view through a real server
// and real mail: the customer forwards the verification email, the code's
// first half in the subject and the rest with the link in the body. The
// agent reads neither the second half nor the link's token (with which
// they could answer the request as the customer), in the API's messages.
func TestView_ForwardedRequest(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		sendMail(t, s, janeEmail, "From: Jane Doe <"+janeEmail+">\nTo: support@desk.test\nSubject: Order question\n"+
			"Message-ID: <q1@example.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\nWhere is my order?\n")
		conv := emailConversation(t, s, "Order question")
		// The unauthenticated mail links nobody: the agent links Jane.
		s.API(t, "PATCH", "/api/v1/conversations/"+conv.ID, s.Agent.Token, map[string]string{"customer_id": jane.ID}, http.StatusOK, nil)
		s.API(t, "POST", "/api/v1/conversations/"+conv.ID+"/challenges", s.Agent.Token,
			map[string]string{"contact_point_id": jane.contactID(t, "email")}, http.StatusCreated, nil)
		m := s.Mailpit.WaitMessage(t, janeEmail, "is this you", wait)
		link := m.Link(t, "/v/")
		token := link[strings.LastIndex(link, "/v/")+3:]
		c := mailCodeRE.FindStringSubmatch(m.Text)
		must(t, c != nil && len(token) >= 20, "no code or link in the request mail: %q", m.Text)
		code := c[1]

		sendMail(t, s, janeEmail, "From: Jane Doe <"+janeEmail+">\nTo: support@desk.test\nSubject: Fwd: is this you? my code "+code[:3]+"\n"+
			"Message-ID: <fwd1@example.test>\nDate: Tue, 03 Jun 2025 09:10:00 +0000\n\n"+
			code[3:]+" is the rest.\n\n---------- Forwarded message ----------\nOpen "+link+" to answer.\n")
		fwd := emailConversation(t, s, "Fwd: is this you?")
		ms := messagesOf(t, s, fwd.ID)
		must(t, len(ms) >= 1, "no message in the forwarded mail's conversation")
		for _, msg := range ms {
			must(t, !strings.Contains(msg.Body, token), "the agent reads the link's token: %q", msg.Body)
			must(t, !strings.HasPrefix(msg.Body, code[3:]), "the agent reads the code's second half after the subject's first: %q", msg.Body)
		}
	})
}
