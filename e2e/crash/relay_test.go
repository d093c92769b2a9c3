package crash_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestRelayDown: the SMTP relay (mailpit) is stopped while agents reply
// on email conversations, then started again: every reply acknowledged
// is delivered once after, none is lost, and the outbox backs off
// between attempts (its log shows each failed attempt and when the next
// is due, further apart each time).
func TestRelayDown(t *testing.T) {
	run := func(t *testing.T, pg bool) {
		s := e2etest.StartServer(t, e2etest.ServerOptions{Postgres: pg, Args: append([]string{"--outbox-backoff", "1s"}, serveArgs...)})
		relayDown(t, s)
	}
	t.Run("sqlite", func(t *testing.T) { run(t, false) })
	if sqldbtest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { run(t, true) })
	}
}

var attemptRE = regexp.MustCompile(`outbox attempt failed.*?attempt=(\d+)`)

func relayDown(t *testing.T, s *e2etest.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for i := range replyConvs {
		if err := sendMailOnce(s.SMTPAddr, "seed@example.com", mailText(fmt.Sprintf("seed-%d", i), fmt.Sprintf("crash-seed-0-%d-x", i), "")); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Conversations []struct {
			ID string `json:"id"`
		}
	}
	s.API(t, "GET", "/api/v1/conversations?channel=email", s.Agent.Token, nil, http.StatusOK, &list)
	if len(list.Conversations) != replyConvs {
		t.Fatalf("%d seed conversations, want %d", len(list.Conversations), replyConvs)
	}
	l := newLedger()
	reply := func(i int) {
		tok := fmt.Sprintf("[crash-relay-0-%d-x]", i)
		replyUntilAcked(ctx, s.URL, s.Agent.Token, list.Conversations[i%replyConvs].ID, "relay"+strconv.Itoa(i), tok, l)
	}

	const before, during, after = 5, 15, 5
	for i := range before {
		reply(i)
	}
	s.Mailpit.Stop(t)
	down := time.Now()
	for i := range during {
		reply(before + i)
		time.Sleep(200 * time.Millisecond)
	}
	// Down long enough for several attempts of the first rows.
	for time.Since(down) < 8*time.Second {
		time.Sleep(200 * time.Millisecond)
	}
	failed := attemptRE.FindAllStringSubmatch(s.Log(), -1)
	s.Mailpit.Start(t)
	for i := range after {
		reply(before + during + i)
	}

	maxAttempt := 0
	for _, m := range failed {
		if n, _ := strconv.Atoi(m[1]); n > maxAttempt {
			maxAttempt = n
		}
	}
	if len(failed) == 0 || maxAttempt < 2 {
		t.Errorf("relay down 8 s: %d failed attempts logged, highest attempt %d; want retries with backoff", len(failed), maxAttempt)
	}

	var found map[string]int
	deadline := time.Now().Add(90 * time.Second)
	for {
		found = mailpitTokens(t, s)
		missing := 0
		for tok := range l.acked {
			if found[tok] == 0 {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	r := count("sent", l, found)
	t.Logf("| relay down for %v | replies acknowledged %d | failed attempts logged %d (highest attempt %d) | lost %d | duplicated %d | all delivered %v after the relay came back |",
		8*time.Second, r.acked, len(failed), maxAttempt, r.lost, r.dup, time.Since(down)-8*time.Second)
	if r.acked != before+during+after || r.lost != 0 || r.dup != 0 {
		t.Errorf("%d acknowledged, %d lost, %d sent twice (%v)", r.acked, r.lost, r.dup, r.examples)
	}
}
