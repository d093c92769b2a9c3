package server_test

import (
	"fmt"
	"net/http"
	"net/url"
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
		sent := 0
		for i := 0; i < 30; i++ {
			code, _, body := reply(t, s, v.conv, fmt.Sprintf("Is it +1 415 555 %04d?", 100+i))
			switch code {
			case http.StatusCreated:
				sent++
			case http.StatusUnprocessableEntity:
			default:
				t.Fatalf("guess %d: %d %s", i, code, body)
			}
		}
		code, errCode, body := reply(t, s, v.conv, "Is it +1 415 555 0142?")
		must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked", "the right guess: %d %s", code, body)
		// Not paused: one block under a limit of 2.
		_, paused := s.Do(t, "GET", "/api/v1/customers?email="+url.QueryEscape("x@example.test"), s.Agent.Token, nil)
		if sent > 2 {
			t.Fatalf("%d of 30 wrong guesses were sent, uncounted, and the right one blocked: blocked-or-sent tells the agent the number (the pause counts blocks only; lookup after: %s)", sent, paused)
		}
	})
}
