package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestGuardIsNoOracle: an agent who posts replies listing candidate values
// (to learn from blocked or sent which one is on file) is refused, then
// paused and reported; so is one who loops exact-value lookups. Against
// the running server (--oracle-limit 5 --lookup-limit 5), with the alert
// read through the audit API and the supervisor's mailbox.
func TestGuardIsNoOracle(t *testing.T) {
	opts := e2etest.ServerOptions{Args: []string{"--oracle-limit", "5", "--lookup-limit", "5"}}
	t.Run("sqlite", func(t *testing.T) { testGuardIsNoOracle(t, e2etest.StartServer(t, opts)) })
	if sqldbtest.PostgresDSN() != "" {
		opts.Postgres = true
		t.Run("postgres", func(t *testing.T) { testGuardIsNoOracle(t, e2etest.StartServer(t, opts)) })
	}
}

func testGuardIsNoOracle(t *testing.T, s *e2etest.Server) {
	createJane(t, s)
	v := newVisitor(t, s, "Jane Doe", janeEmail, "Hi, can you tell me which phone number you have for me?")

	// Candidate lists: refused as enumeration whatever they match.
	for i := 0; i < 5; i++ {
		var cands []string
		for j := 0; j < 6; j++ {
			cands = append(cands, fmt.Sprintf("+1 415 555 %04d", 100+i*6+j))
		}
		code, errCode, body := reply(t, s, v.conv, "Is your number one of "+strings.Join(cands, ", ")+"?")
		must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked" && strings.Contains(body, `"rule":"enumeration"`),
			"candidate list %d: %d %s, want 422 disclosure_blocked rule enumeration", i, code, body)
	}
	// One more guess, a single value: blocked, and past the limit.
	code, errCode, body := reply(t, s, v.conv, "Is it +1 415 555 0142?")
	must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked", "single guess: %d %s", code, body)

	// Paused: even a harmless reply is refused (refused-or-sent would
	// still answer the guess), and so is a lookup.
	code, errCode, body = reply(t, s, v.conv, "Thanks, one moment please.")
	must(t, code == http.StatusForbidden && errCode == "forbidden" && strings.Contains(body, `"rule":"oracle.paused"`),
		"reply while paused: %d %s, want 403 oracle.paused", code, body)
	e := s.APIFail(t, "GET", "/api/v1/customers?email="+url.QueryEscape(janeEmail), s.Agent.Token, nil)
	must(t, e.Status == http.StatusForbidden && e.Details["rule"] == "oracle.paused", "lookup while paused: %s", e.Raw)
	// Other agents work on.
	code, _, body = replyAs(t, s, s.Supervisor.Token, v.conv, "Hello, a supervisor here.")
	must(t, code == http.StatusCreated, "supervisor reply: %d %s", code, body)

	// Reported: the audit has each block under the agent, and the
	// alert; the supervisor got the alert by mail.
	var blocked struct {
		Entries []struct {
			ActorID string            `json:"actor_id"`
			Detail  map[string]string `json:"detail"`
		} `json:"entries"`
	}
	s.API(t, "GET", "/api/v1/audit?action=guard.blocked&actor="+s.Agent.ID, s.Admin.Token, nil, http.StatusOK, &blocked)
	must(t, len(blocked.Entries) == 6, "%d guard.blocked entries for the agent, want 6", len(blocked.Entries))
	var alerts struct {
		Entries []struct {
			Detail map[string]string `json:"detail"`
		} `json:"entries"`
	}
	s.API(t, "GET", "/api/v1/audit?action=alert", s.Admin.Token, nil, http.StatusOK, &alerts)
	found := false
	for _, a := range alerts.Entries {
		found = found || a.Detail["alert"] == "guard_oracle"
	}
	must(t, found, "no guard_oracle alert in the audit: %+v", alerts.Entries)
	m := s.Mailpit.WaitMessage(t, s.Supervisor.Email, "guard_oracle", wait)
	must(t, strings.Contains(m.Text, s.Agent.ID) && !strings.Contains(m.Text, "555"), "alert mail: %q", m.Text)

	var pause struct {
		Paused bool `json:"paused"`
	}
	s.API(t, "GET", "/api/v1/agents/"+s.Agent.ID+"/pause", s.Supervisor.Token, nil, http.StatusOK, &pause)
	must(t, pause.Paused, "the agent is not shown paused")
	e = s.APIFail(t, "DELETE", "/api/v1/agents/"+s.Agent.ID+"/pause", s.Agent.Token, map[string]string{"reason": "I am fine"})
	must(t, e.Status == http.StatusForbidden, "the agent cleared their own pause: %s", e.Raw)
	s.API(t, "DELETE", "/api/v1/agents/"+s.Agent.ID+"/pause", s.Supervisor.Token, map[string]string{"reason": "spoke with the agent"}, http.StatusNoContent, nil)
	code, _, body = reply(t, s, v.conv, "Thanks, one moment please.")
	must(t, code == http.StatusCreated, "reply after the supervisor cleared the pause: %d %s", code, body)

	// Looping exact-value lookups: each is audited; past the limit
	// the agent is paused again.
	for i := 0; i < 6; i++ {
		var out struct {
			Total int `json:"total"`
		}
		s.API(t, "GET", "/api/v1/customers?email="+url.QueryEscape(fmt.Sprintf("jane%d@example.test", i)), s.Agent.Token, nil, http.StatusOK, &out)
	}
	e = s.APIFail(t, "GET", "/api/v1/customers?email="+url.QueryEscape(janeEmail), s.Agent.Token, nil)
	must(t, e.Status == http.StatusForbidden && e.Details["rule"] == "oracle.paused", "lookup past the limit: %s", e.Raw)
	var looks struct {
		Entries []struct {
			Detail map[string]string `json:"detail"`
		} `json:"entries"`
	}
	s.API(t, "GET", "/api/v1/audit?action=customer.lookup&actor="+s.Agent.ID, s.Admin.Token, nil, http.StatusOK, &looks)
	must(t, len(looks.Entries) == 6, "%d customer.lookup entries, want 6", len(looks.Entries))
	s.API(t, "GET", "/api/v1/audit?action=alert", s.Admin.Token, nil, http.StatusOK, &alerts)
	n := 0
	for _, a := range alerts.Entries {
		if a.Detail["alert"] == "guard_oracle" {
			n++
		}
	}
	must(t, n == 2, "%d guard_oracle alerts, want 2 (the replies, then the lookups)", n)
	mailed := false
	for deadline := time.Now().Add(wait); !mailed && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, sum := range s.Mailpit.MessagesTo(t, s.Supervisor.Email) {
			if strings.Contains(sum.Subject, "guard_oracle") && strings.Contains(s.Mailpit.Message(t, sum.ID).Text, "exact-value customer lookups in the last hour") {
				mailed = true
			}
		}
	}
	must(t, mailed, "no alert about the lookups mailed to the supervisor")
	// The integration syncs unhindered.
	s.API(t, "GET", "/api/v1/customers?email="+url.QueryEscape(janeEmail), s.SyncToken, nil, http.StatusOK, nil)
}

// replyAs posts a reply as token and returns the status, error code and body.
func replyAs(t *testing.T, s *e2etest.Server, token, convID, body string) (int, string, string) {
	t.Helper()
	code, b := s.Do(t, "POST", "/api/v1/conversations/"+convID+"/messages", token, map[string]string{"body": body})
	var e struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(b, &e)
	return code, e.Error, string(b)
}

// TestRequesterGuessesCountAsLookups: an agent who opens conversations on
// a customer with guessed requester phones or emails (POST
// /api/v1/conversations with customer_id, or PATCH customer_id later)
// reads from the conversation's risk signals (contact_not_on_file) whether
// each guess is on file. Against the running server (--lookup-limit 3):
// each is an audited lookup, and past the limit the alert goes out and
// the next one is refused with oracle.paused, nothing created.
func TestRequesterGuessesCountAsLookups(t *testing.T) {
	eachStoreWith(t, e2etest.ServerOptions{Args: []string{"--lookup-limit", "3"}}, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		open := func(req map[string]string, customerID string) (int, string, string) {
			in := map[string]any{"channel": "phone", "requester": req}
			if customerID != "" {
				in["customer_id"] = customerID
			}
			code, b := s.Do(t, "POST", "/api/v1/conversations", s.Agent.Token, in)
			var out struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(b, &out)
			return code, out.ID, string(b)
		}
		var risks []bool
		for i, g := range []map[string]string{{"phone": "+1 415 555 0199"}, {"phone": janePhone}} {
			code, id, body := open(g, jane.ID)
			must(t, code == http.StatusCreated, "guess %d: %d %s", i, code, body)
			var conv struct {
				Risk struct {
					Signals []string `json:"signals"`
				} `json:"risk"`
			}
			s.API(t, "GET", "/api/v1/conversations/"+id, s.Agent.Token, nil, http.StatusOK, &conv)
			risks = append(risks, strings.Contains(strings.Join(conv.Risk.Signals, " "), "contact_not_on_file"))
		}
		must(t, risks[0] && !risks[1], "contact_not_on_file %v: the signal this test is about is not there", risks)
		// The third by linking afterwards.
		code, id, body := open(map[string]string{"email": "jane.doe@example.test"}, "")
		must(t, code == http.StatusCreated, "unlinked: %d %s", code, body)
		s.API(t, "PATCH", "/api/v1/conversations/"+id, s.Agent.Token, map[string]string{"customer_id": jane.ID}, http.StatusOK, nil)
		var looks struct {
			Entries []struct {
				SubjectID string            `json:"subject_id"`
				Detail    map[string]string `json:"detail"`
			} `json:"entries"`
		}
		s.API(t, "GET", "/api/v1/audit?action=customer.lookup&actor="+s.Agent.ID, s.Admin.Token, nil, http.StatusOK, &looks)
		must(t, len(looks.Entries) == 3, "%d customer.lookup entries, want 3", len(looks.Entries))
		for _, e := range looks.Entries {
			must(t, e.SubjectID == jane.ID && e.Detail["via"] == "conversation" && !strings.Contains(fmt.Sprint(e.Detail), "555") &&
				!strings.Contains(fmt.Sprint(e.Detail), "example.test"), "lookup entry %+v", e)
		}
		// The fourth passes the limit: alerted; the fifth is refused.
		code, _, body = open(map[string]string{"phone": "+1 415 555 0177"}, jane.ID)
		must(t, code == http.StatusCreated, "fourth guess: %d %s", code, body)
		s.Mailpit.WaitMessage(t, s.Supervisor.Email, "guard_oracle", wait)
		var before struct {
			Total int `json:"total"`
		}
		s.API(t, "GET", "/api/v1/conversations", s.Admin.Token, nil, http.StatusOK, &before)
		code, _, body = open(map[string]string{"phone": "+1 415 555 0142"}, jane.ID)
		must(t, code == http.StatusForbidden && strings.Contains(body, `"rule":"oracle.paused"`), "guess while paused: %d %s, want 403 oracle.paused", code, body)
		var after struct {
			Total int `json:"total"`
		}
		s.API(t, "GET", "/api/v1/conversations", s.Admin.Token, nil, http.StatusOK, &after)
		must(t, after.Total == before.Total, "a conversation was created while paused (%d -> %d)", before.Total, after.Total)
		e := s.APIFail(t, "GET", "/api/v1/customers?email="+url.QueryEscape(janeEmail), s.Agent.Token, nil)
		must(t, e.Status == http.StatusForbidden && e.Details["rule"] == "oracle.paused", "lookup while paused: %s", e.Raw)
	})
}

// eachStoreWith runs fn against a server with opts on SQLite, and on
// PostgreSQL when TEST_POSTGRES_DSN is set.
func eachStoreWith(t *testing.T, opts e2etest.ServerOptions, fn func(t *testing.T, s *e2etest.Server)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, e2etest.StartServer(t, opts)) })
	if sqldbtest.PostgresDSN() != "" {
		opts.Postgres = true
		t.Run("postgres", func(t *testing.T) { fn(t, e2etest.StartServer(t, opts)) })
	}
}
