package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// attack47: blocked replies are counted and pause the agent, sent ones are
// not. A reply naming one guessed value is blocked when the guess is the
// customer's and sent when it is not, so "sent" answers "not on file" for
// free: an insider (chatting with an accomplice, or any visitor) tries
// guess after guess, each wrong one sent and uncounted, and stops at the
// first block, which tells the value. The pause limits only right guesses,
// of which the agent needs one. Against the running server
// (--oracle-limit 2): 30 wrong guesses go out, the 31st, the real number,
// is blocked, and the agent is not paused.
func TestAttack47_SentRepliesAnswerGuessesUncounted(t *testing.T) {
	eachStoreWith(t, e2etest.ServerOptions{Args: []string{"--oracle-limit", "2"}}, func(t *testing.T, s *e2etest.Server) {
		createJane(t, s)
		v := newVisitor(t, s, "Jane Doe", janeEmail, "Hi, which phone number do you have for me?")
		// Each sent reply naming a guessed value is counted with the
		// blocked ones: past the limit (2) the agent is paused, as after
		// blocks, and every further reply is refused alike (403,
		// oracle.paused), the right guess too. Fixed expectation: the
		// attacker test wanted the wrong guesses answered 422 and the
		// right one disclosure_blocked under no pause; with the counting
		// the desk does, the pause answers them all the same, which is
		// what takes the oracle away.
		sent, paused := 0, 0
		for i := 0; i < 30; i++ {
			code, errCode, body := reply(t, s, v.conv, fmt.Sprintf("Is it +1 415 555 %04d?", 100+i))
			switch {
			case code == http.StatusCreated:
				sent++
			case code == http.StatusUnprocessableEntity:
			case code == http.StatusForbidden && errCode == "forbidden" && strings.Contains(body, "oracle.paused"):
				paused++
			default:
				t.Fatalf("guess %d: %d %s", i, code, body)
			}
		}
		code, _, body := reply(t, s, v.conv, "Is it +1 415 555 0142?")
		_, lookup := s.Do(t, "GET", "/api/v1/customers?email="+url.QueryEscape("x@example.test"), s.Agent.Token, nil)
		if sent > 3 || paused == 0 {
			t.Fatalf("%d of 30 wrong guesses were sent, uncounted (%d refused by the pause; lookup after: %s)", sent, paused, lookup)
		}
		if code != http.StatusForbidden || !strings.Contains(body, "oracle.paused") {
			t.Fatalf("the right guess after the pause is answered unlike the wrong ones: %d %s", code, body)
		}
	})
}
