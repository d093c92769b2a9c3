// Package crash_test kills `proofdesk serve` with SIGKILL under chat,
// email and reply load, restarts it, and counts what was kept: every
// message a client saw acknowledged must be stored exactly once, every
// queued reply sent exactly once, and the audit chain must verify.
//
// Loopback only, fixed counts, a hard time cap. PROOFDESK_CRASH_TRIALS
// sets the number of kills per store (default 1; RELIABILITY.md records
// runs of 20):
//
//	PROOFDESK_CRASH_TRIALS=20 go test ./e2e/crash/ -run TestKillUnderLoad -v -timeout 60m
package crash_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

// Load of one trial: every client sends its fixed count, the server is
// killed part way through and restarted, and the clients finish.
const (
	mailers        = 4  // SMTP senders
	mailsPerSender = 10 // each mail after the first answers the previous one (In-Reply-To)
	visitors       = 4  // widget visitors, one conversation each
	chatsPerVisit  = 10
	replies        = 10 // agent replies by API on email conversations, each queued in the outbox
	replyConvs     = 3
	typing         = 60 * time.Millisecond // between a visitor's messages
)

func trials(t *testing.T) int {
	n := 1
	if v := os.Getenv("PROOFDESK_CRASH_TRIALS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 || n > 100 {
			t.Fatalf("PROOFDESK_CRASH_TRIALS=%q: want 1..100", v)
		}
	}
	return n
}

// serveArgs lift the per-visitor and per-token rate limits: the load is
// a few clients sending fast, which the limits would (rightly) refuse.
// On PostgreSQL a reply being sent when its node was killed is sent again
// once its lease passes: 15 s here instead of 5 min, so the test sees it.
var serveArgs = []string{"--widget-rate", "1000000", "--api-rate", "1000000", "--outbox-lease", "15s"}

func TestKillUnderLoad(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		killUnderLoad(t, e2etest.StartServer(t, e2etest.ServerOptions{Args: serveArgs}))
	})
	if sqldbtest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) {
			killUnderLoad(t, e2etest.StartServer(t, e2etest.ServerOptions{Postgres: true, Args: serveArgs}))
		})
	}
}

// tokenRE finds the unique token each item carries, as [crash-...].
var tokenRE = regexp.MustCompile(`\[(crash-[a-z]+-[0-9]+-[0-9]+-[a-z0-9]+)\]`)

// mailText is a mail carrying tok from sender; with prev, it answers the
// mail that carried prev.
func mailText(sender, tok, prev string) []byte {
	from := sender + "@example.com"
	h := "From: Crash Sender <" + from + ">\r\nTo: support@desk.test\r\nSubject: Order question\r\n" +
		"Message-ID: <" + tok + "@crash.example>\r\nDate: Sun, 06 Dec 2026 12:00:00 +0000\r\n"
	if prev != "" {
		h += "In-Reply-To: <" + prev + "@crash.example>\r\n"
	}
	return []byte(h + "\r\nHello, about my order: [" + tok + "]\r\n")
}

func killUnderLoad(t *testing.T, s *e2etest.Server) {
	n := trials(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(n)*3*time.Minute)
	defer cancel()
	mails, chats, outbound := newLedger(), newLedger(), newLedger()

	// Email conversations the agent answers; each reply goes out through
	// the outbox to mailpit.
	var convIDs []string
	for i := range replyConvs {
		tok := fmt.Sprintf("crash-seed-0-%d-x", i)
		if err := sendMailOnce(s.SMTPAddr, "seed@example.com", mailText(fmt.Sprintf("seed-%d", i), tok, "")); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Conversations []struct {
			ID string `json:"id"`
		}
	}
	s.API(t, "GET", "/api/v1/conversations?channel=email", s.Agent.Token, nil, http.StatusOK, &list)
	for _, c := range list.Conversations {
		convIDs = append(convIDs, c.ID)
	}
	if len(convIDs) != replyConvs {
		t.Fatalf("%d seed conversations, want %d", len(convIDs), replyConvs)
	}

	rng := rand.New(rand.NewPCG(16, 16))
	killedMidLoad := 0
	for trial := range n {
		var wg sync.WaitGroup
		var finished atomic.Int32
		clients := int32(mailers + visitors + 1)
		for g := range mailers {
			wg.Go(func() {
				defer finished.Add(1)
				prev := ""
				for i := range mailsPerSender {
					tok := fmt.Sprintf("crash-mail-%d-%d-%d", trial, g, i)
					sendMailUntilAcked(ctx, s.SMTPAddr, "sender@example.com", mailText(fmt.Sprintf("sender-%d-%d", trial, g), tok, prev), tok, i%3 == 1, mails)
					prev = tok
				}
			})
		}
		for v := range visitors {
			wg.Go(func() {
				defer finished.Add(1)
				vis := openVisitor(ctx, s.URL, fmt.Sprintf("[crash-chat-%d-%d-first]", trial, v), chats)
				defer vis.close()
				for i := range chatsPerVisit {
					tok := fmt.Sprintf("[crash-chat-%d-%d-%d]", trial, v, i)
					vis.sendUntilAcked(ctx, "m"+strconv.Itoa(i), tok, chats)
					sleep(ctx, typing) // a person types
				}
			})
		}
		wg.Go(func() {
			defer finished.Add(1)
			for i := range replies {
				tok := fmt.Sprintf("[crash-reply-%d-%d-x]", trial, i)
				replyUntilAcked(ctx, s.URL, s.Agent.Token, convIDs[i%len(convIDs)], fmt.Sprintf("r%d-%d", trial, i), tok, outbound)
				sleep(ctx, 2*typing)
			}
		})
		time.Sleep(time.Duration(150+rng.IntN(600)) * time.Millisecond)
		if finished.Load() < clients {
			killedMidLoad++
		}
		s.Kill(t)
		time.Sleep(200 * time.Millisecond) // clients fail and retry meanwhile
		s.Restart(t)
		wg.Wait()
		if ctx.Err() != nil {
			t.Fatalf("trial %d: the clients did not finish in time", trial)
		}
	}

	// Every reply acknowledged must leave once the outbox catches up.
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
	// And every reply's row settles: one whose node died between the
	// relay's 250 and marking it sent is claimed again when its lease
	// (--outbox-lease 15s) runs out.
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		var list struct {
			Messages []struct {
				Status string `json:"status"`
			} `json:"messages"`
		}
		s.API(t, "GET", "/api/v1/outbox", s.Admin.Token, nil, http.StatusOK, &list)
		queued := 0
		for _, m := range list.Messages {
			if m.Status == proofdesk.OutboxQueued {
				queued++
			}
		}
		if queued == 0 || time.Now().After(deadline) {
			break
		}
	}
	inMailpit = mailpitTokens(t, s)
	s.Stop(t)
	s.CLI(t, "", "audit", "verify")

	stored := storedTokens(t, s.OpenStore(t))
	outbox := outboxTokens(t, s.OpenStore(t))
	mailRes := count("mail", mails, stored)
	chatRes := count("chat", chats, stored)
	outRes := count("reply", outbound, stored)
	sentRes := count("sent", outbound, inMailpit)
	recognised := strings.Count(s.Log(), "inbound mail already stored")
	t.Logf("%d trials, %d killed while clients were sending; %d mails sent without waiting for the answer, %d resends recognised as stored already",
		n, killedMidLoad, mails.answersLost, recognised)
	if mails.answersLost > 0 && recognised == 0 {
		t.Errorf("%d mails were sent and their answer dropped, and no resend was recognised as stored", mails.answersLost)
	}
	t.Logf("| kind | trials | sent | acknowledged | lost | duplicated | stored, never acknowledged | client retries |")
	for _, r := range []result{mailRes, chatRes, outRes, sentRes} {
		t.Logf("| %s | %d | %d | %d | %d | %d | %d | %d |", r.kind, n, r.sent, r.acked, r.lost, r.dup, r.unacked, r.retries)
	}
	// SMTP cannot ask a relay whether it has a message: a reply the relay
	// accepted just before its node was killed, not yet marked sent, is
	// sent again when its lease runs out (same Message-ID). That window,
	// and only it, is reported, not failed (RELIABILITY.md).
	for tok, n := range inMailpit {
		if o, ok := outbox[tok]; ok && n == 2 && o.n == 1 && o.attempts >= 2 && sentRes.dup > 0 {
			sentRes.dup--
			t.Logf("reply %s sent twice: its node died between the relay's 250 and marking it sent (attempt %d)", tok, o.attempts)
		}
	}
	for _, r := range []result{mailRes, chatRes, outRes, sentRes} {
		if r.lost != 0 || r.dup != 0 {
			t.Errorf("%s: %d acknowledged lost, %d stored or sent twice (examples: %v)", r.kind, r.lost, r.dup, r.examples)
		}
	}
	for tok, rows := range outbox {
		if rows.n != 1 || rows.status != proofdesk.OutboxSent {
			t.Errorf("reply %s: %d outbox rows, status %q; want one, sent", tok, rows.n, rows.status)
		}
	}
	if len(outbox) != len(outbound.sent) && len(outbox) < len(outbound.acked) {
		t.Errorf("%d replies in the outbox, %d acknowledged", len(outbox), len(outbound.acked))
	}
	if killedMidLoad == 0 {
		t.Errorf("no kill landed while the clients were sending: the trial tested nothing")
	}
}

type result struct {
	kind                            string
	sent, acked, lost, dup, retries int
	// unacked is what was stored (or sent) though the client never saw it
	// acknowledged: harmless when the client resent it (then found once).
	unacked  int
	examples []string
}

// count compares a ledger with the tokens found (stored or delivered):
// an acknowledged token found no time is lost; any token found more than
// once is duplicated.
func count(kind string, l *ledger, found map[string]int) result {
	r := result{kind: kind, sent: len(l.sent), acked: len(l.acked)}
	for _, n := range l.failures {
		r.retries += n
	}
	for tok := range l.acked {
		if found[tok] == 0 {
			r.lost++
			r.examples = append(r.examples, "lost "+tok)
		}
	}
	for tok := range l.sent {
		if !l.acked[tok] && found[tok] > 0 {
			r.unacked++
		}
		if found[tok] > 1 {
			r.dup++
			r.examples = append(r.examples, fmt.Sprintf("%s ×%d", tok, found[tok]))
		}
	}
	if len(r.examples) > 5 {
		r.examples = r.examples[:5]
	}
	return r
}

func addTokens(found map[string]int, text string) {
	for _, m := range tokenRE.FindAllStringSubmatch(text, -1) {
		found[m[1]]++
		found["["+m[1]+"]"]++
	}
}

// storedTokens counts each token in the messages of every conversation.
func storedTokens(t *testing.T, db *sqldb.DB) map[string]int {
	ctx := context.Background()
	convs := sqldb.NewConversationService(db)
	found := map[string]int{}
	for off := 0; ; off += 200 {
		cs, _, err := convs.FindConversations(ctx, proofdesk.ConversationFilter{Offset: off, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			ms, err := convs.FindMessages(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				if m.AuthorKind == proofdesk.AuthorSystem {
					continue
				}
				addTokens(found, m.Body)
			}
		}
		if len(cs) < 200 {
			return found
		}
	}
}

type outboxRows struct {
	n        int
	status   string
	attempts int
}

// outboxTokens gives, for each reply token, its outbox rows and status.
func outboxTokens(t *testing.T, db *sqldb.DB) map[string]outboxRows {
	rows, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 500 {
		t.Fatal("500 outbox rows or more: FindOutbox would miss some; lower the counts")
	}
	out := map[string]outboxRows{}
	for _, r := range rows {
		for _, m := range tokenRE.FindAllStringSubmatch(r.Body, -1) {
			o := out[m[1]]
			o.n++
			o.status = r.Status
			o.attempts = r.Attempts
			out[m[1]] = o
		}
	}
	return out
}

// mailpitTokens counts each token in the mail mailpit received.
func mailpitTokens(t *testing.T, s *e2etest.Server) map[string]int {
	found := map[string]int{}
	for _, sum := range s.Mailpit.Messages(t) {
		addTokens(found, s.Mailpit.Message(t, sum.ID).Text)
	}
	return found
}
