package server_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestPhone: the agent opens a call conversation with the caller's number
// as a claim and links the customer; caller ID alone leaves it at L0. A
// verification request to the on-file email brings the /v/{token} link;
// picking the number the agent read out brings the conversation to L1.
func TestPhone(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		var conv conversation
		s.API(t, "POST", "/api/v1/conversations", s.Agent.Token, map[string]any{
			"channel": "phone", "customer_id": jane.ID, "subject": "Call about an order",
			"requester": map[string]string{"name": "Jane Doe", "phone": janePhone},
		}, http.StatusCreated, &conv)
		must(t, conv.Level == "L0", "caller ID counted as a factor: level %s", conv.Level)

		var ch struct {
			ID     string `json:"id"`
			Number int    `json:"number"`
			Status string `json:"status"`
			Dest   string `json:"destination"`
		}
		s.API(t, "POST", "/api/v1/conversations/"+conv.ID+"/challenges", s.Agent.Token,
			map[string]string{"contact_point_id": jane.contactID(t, "email")}, http.StatusCreated, &ch)
		must(t, ch.Number >= 10 && ch.Status == "pending", "challenge %+v", ch)
		must(t, !strings.Contains(ch.Dest, janeEmail), "the agent sees the full destination %q", ch.Dest)

		m := s.Mailpit.WaitMessage(t, janeEmail, "is this you", wait)
		link := m.Link(t, "/v/")
		must(t, strings.HasPrefix(link, s.URL+"/v/"), "link %q is not on the server %s", link, s.URL)

		b := newBrowser(t, s)
		code, page := b.get(link)
		must(t, code == http.StatusOK, "GET /v/: %d\n%s", code, page)
		must(t, strings.Contains(page, `value="`+strconv.Itoa(ch.Number)+`"`), "the page does not offer %d:\n%s", ch.Number, page)
		// Opening the page changes nothing.
		must(t, conversationOf(t, s, conv.ID).Level == "L0", "opening the link raised the level")

		code, page = b.post(link+"/approve", url.Values{"csrf": {b.csrf(page)}, "number": {strconv.Itoa(ch.Number)}})
		must(t, code == http.StatusOK, "approve: %d\n%s", code, page)
		got := conversationOf(t, s, conv.ID)
		must(t, got.Level == "L1", "level after approval %s, want L1", got.Level)
	})
}
