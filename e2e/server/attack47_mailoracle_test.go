package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// attack47: exact-value lookups are counted and paused (--lookup-limit),
// yet inbound mail links a new conversation to the one customer whose
// on-file email is its From (a claim, unauthenticated), and every agent
// reads the link. An insider past the limit mails the desk's own inbound
// address from each guessed address (no authentication needed: the link is
// made whatever DKIM, SPF and DMARC say) and reads in the inbox which guess
// landed on a customer, and on whom: an exact-value lookup that is neither
// audited under the agent nor counted, and that the pause does not stop.
func TestAttack47_InboundMailIsAnUncountedLookup(t *testing.T) {
	eachStoreWith(t, e2etest.ServerOptions{Args: []string{"--lookup-limit", "1"}}, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		// Two API lookups: past the limit, paused.
		for i := 0; i < 2; i++ {
			s.Do(t, "GET", "/api/v1/customers?email="+url.QueryEscape(fmt.Sprintf("guess%d@example.test", i)), s.Agent.Token, nil)
		}
		e := s.APIFail(t, "GET", "/api/v1/customers?email="+url.QueryEscape(janeEmail), s.Agent.Token, nil)
		must(t, e.Status == http.StatusForbidden && e.Details["rule"] == "oracle.paused", "setup: lookup while paused: %s", e.Raw)

		// The paused agent probes by mail instead.
		found := map[string]string{}
		for i, guess := range []string{"j.doe@example.test", janeEmail, "jane.doe@example.test"} {
			subject := fmt.Sprintf("probe %d", i)
			sendMail(t, s, guess, fmt.Sprintf("From: %s\nTo: support@desk.test\nSubject: %s\nMessage-ID: <probe%d@attacker.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\nhello\n", guess, subject, i))
			c := emailConversation(t, s, subject)
			var seen conversation
			code, _ := s.Do(t, "GET", "/api/v1/conversations/"+c.ID, s.Agent.Token, nil)
			if code == http.StatusOK {
				s.API(t, "GET", "/api/v1/conversations/"+c.ID, s.Agent.Token, nil, http.StatusOK, &seen)
			}
			found[guess] = seen.CustomerID
		}
		if found[janeEmail] == jane.ID && found["j.doe@example.test"] == "" {
			t.Fatalf("a paused agent learnt by mailing the desk that %s is on file (its conversation is linked to %s, the other guesses to nobody: %v); no lookup was counted", janeEmail, jane.ID, found)
		}
	})
}
