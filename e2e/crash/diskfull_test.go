package crash_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestDiskFull: the SQLite data directory fills up under mail, chat and
// reply load. Writes fail with a clear, retryable error (SMTP 451, API
// 503 "disk is full" with Retry-After), the server keeps running, nothing
// acknowledged is lost or stored twice, and once space is freed the
// clients' retries go through without a restart.
func TestDiskFull(t *testing.T) {
	mnt := e2etest.SmallFS(t, "64m")
	s := e2etest.StartServer(t, e2etest.ServerOptions{DataDir: filepath.Join(mnt, "data"), Args: serveArgs})
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

	mails, chats, outbound := newLedger(), newLedger(), newLedger()
	var wg sync.WaitGroup
	for g := range mailers {
		wg.Go(func() {
			prev := ""
			for i := range mailsPerSender {
				tok := fmt.Sprintf("crash-mail-0-%d-%d", g, i)
				sendMailUntilAcked(ctx, s.SMTPAddr, "sender@example.com", mailText(fmt.Sprintf("sender-0-%d", g), tok, prev), tok, i%3 == 1, mails)
				prev = tok
				sleep(ctx, 5*typing)
			}
		})
	}
	for v := range visitors {
		wg.Go(func() {
			vis := openVisitor(ctx, s.URL, fmt.Sprintf("[crash-chat-0-%d-first]", v), chats)
			defer vis.close()
			for i := range chatsPerVisit {
				vis.sendUntilAcked(ctx, "m"+strconv.Itoa(i), fmt.Sprintf("[crash-chat-0-%d-%d]", v, i), chats)
				sleep(ctx, 5*typing)
			}
		})
	}
	wg.Go(func() {
		for i := range replies {
			tok := fmt.Sprintf("[crash-reply-0-%d-x]", i)
			replyUntilAcked(ctx, s.URL, s.Agent.Token, list.Conversations[i%replyConvs].ID, "r"+strconv.Itoa(i), tok, outbound)
			sleep(ctx, 5*typing)
		}
	})

	time.Sleep(500 * time.Millisecond)
	filler, err := e2etest.FillFS(mnt)
	if err != nil {
		t.Fatalf("fill: %v", err)
	}
	time.Sleep(3 * time.Second)
	// While full: a reply is refused in words, retryable.
	var apiErr *e2etest.APIError
	for range 20 { // a write may still fit in a page freed meanwhile
		apiErr = s.APIFail(t, "POST", "/api/v1/conversations/"+list.Conversations[0].ID+"/messages", s.Agent.Token,
			map[string]string{"body": "written while the disk is full"})
		if apiErr.Status == http.StatusServiceUnavailable {
			break
		}
	}
	fullErrors := map[string]int{}
	for kind, l := range map[string]*ledger{"mail ": mails, "chat ": chats, "reply ": outbound} {
		l.mu.Lock()
		for k, v := range l.failures {
			fullErrors[kind+k] = v
		}
		l.mu.Unlock()
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatal("the clients did not finish in time after space was freed")
	}
	if apiErr == nil || apiErr.Status != http.StatusServiceUnavailable || !strings.Contains(apiErr.Message, "disk is full") {
		t.Errorf("a reply while the disk is full: %+v; want 503 saying the disk is full", apiErr)
	}
	t.Logf("failures seen by the clients while the disk was full: %v", fullErrors)
	if !strings.Contains(s.Log(), "full") {
		t.Errorf("the server log never says the disk is full")
	}

	deadline := time.Now().Add(90 * time.Second)
	var inMailpit map[string]int
	for {
		inMailpit = mailpitTokens(t, s)
		missing := 0
		for tok := range outbound.acked {
			if inMailpit[tok] == 0 {
				missing++
			}
		}
		if missing == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	s.Stop(t) // still running, and stops cleanly
	s.CLI(t, "", "audit", "verify")
	// A reply the relay has whose row is not marked sent would be sent
	// again once its lease runs out (or at the next start): the copy the
	// count below sees only when the test runs past the lease.
	marks := strings.Count(s.Log(), "outbox marking sent failed")
	t.Logf("mark-sent transactions that failed and were retried: %d", marks)
	outbox := outboxTokens(t, s.OpenStore(t))
	for tok := range outbound.acked {
		if o := outbox[strings.Trim(tok, "[]")]; inMailpit[tok] > 0 && o.status != proofdesk.OutboxSent {
			t.Errorf("reply %s reached the relay but its row is %q (%d rows, attempt %d): it would be sent again", tok, o.status, o.n, o.attempts)
		}
	}
	stored := storedTokens(t, s.OpenStore(t))
	t.Logf("| kind | acknowledged | lost | duplicated | client retries |")
	for _, r := range []result{count("mail", mails, stored), count("chat", chats, stored), count("reply", outbound, stored), count("sent", outbound, inMailpit)} {
		t.Logf("| %s | %d | %d | %d | %d |", r.kind, r.acked, r.lost, r.dup, r.retries)
		if r.lost != 0 || r.dup != 0 {
			t.Errorf("%s: %d acknowledged lost, %d stored or sent twice (%v)", r.kind, r.lost, r.dup, r.examples)
		}
	}
}
