package outbox_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// receiver is a webhook endpoint on loopback: it checks each delivery's
// signature with its own HMAC code (not Proofdesk's) and keeps the bodies
// by delivery ID; while down it answers 503.
type receiver struct {
	t      *testing.T
	secret string
	down   atomic.Bool
	tries  atomic.Int32
	mu     sync.Mutex
	got    map[string][]byte // delivery ID -> body
	events map[string]string // delivery ID -> event header
	sigs   map[string]string // delivery ID -> signature header
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc.tries.Add(1)
	if rc.down.Load() {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(r.Body)
	sig := r.Header.Get("Proofdesk-Signature")
	ts, v1, ok := strings.Cut(sig, ",v1=")
	ts = strings.TrimPrefix(ts, "t=")
	m := hmac.New(sha256.New, []byte(rc.secret))
	m.Write([]byte(ts + "." + string(body)))
	if !ok || !hmac.Equal([]byte(v1), []byte(hex.EncodeToString(m.Sum(nil)))) {
		rc.t.Errorf("bad signature %q on %s", sig, body)
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if sec, err := strconv.ParseInt(ts, 10, 64); err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		rc.t.Errorf("signature timestamp %q is not current", ts)
	}
	rc.mu.Lock()
	rc.got[r.Header.Get("Proofdesk-Delivery")] = body
	rc.events[r.Header.Get("Proofdesk-Delivery")] = r.Header.Get("Proofdesk-Event")
	rc.sigs[r.Header.Get("Proofdesk-Delivery")] = sig
	rc.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (rc *receiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.got)
}

var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

// webhookFixture creates an admin, a customer on file and a subscription
// of the receiver to every event.
func webhookFixture(t *testing.T, db *sqldb.DB, rc *receiver, allow []netip.Prefix) (ctx context.Context, cust *proofdesk.Customer, hook *proofdesk.Webhook) {
	t.Helper()
	ctx = context.Background()
	in := proofdesk.CustomerInput{Name: "Jane Doe", Emails: []proofdesk.ContactPointInput{{Value: "jane.webhook@example.com"}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", City: "Springfield", Country: "US"}}}
	cust, err := in.Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, cust); err != nil {
		t.Fatal(err)
	}
	admin := &proofdesk.Agent{Email: "root@desk.test", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, admin); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	hooks, err := desk.NewWebhooks(ctx, db, allow)
	if err != nil {
		t.Fatal(err)
	}
	hook, secret, err := hooks.CreateWebhook(proofdesk.NewContextWithAgent(ctx, admin), srv.URL+"/hook", proofdesk.WebhookEvents, false)
	if err != nil {
		t.Fatal(err)
	}
	rc.secret = secret
	return ctx, cust, hook
}

// A loopback receiver gets signed deliveries masked like the API at L0,
// (the customer masked, codes hidden; what the requester typed is shown
// as the API shows it), and an outage loses none of them: they wait in the outbox and are
// retried with backoff until the receiver is back, each delivered once.
func TestWebhook_SignedMaskedAndSurvivesOutage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		rc := &receiver{t: t, got: map[string][]byte{}, events: map[string]string{}, sigs: map[string]string{}}
		ctx, cust, hook := webhookFixture(t, db, rc, loopback)
		key, err := desk.WebhookKey(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		rc.down.Store(true)

		convs := sqldb.NewConversationService(db)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: cust.ID, Requester: proofdesk.Requester{Name: "Jane"}, Subject: "Code 482913 please"}
		first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "My code is 482913, where is my parcel?"}
		if err := convs.CreateConversation(ctx, conv, first); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if err := convs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "still there? " + strconv.Itoa(i)}); err != nil {
				t.Fatal(err)
			}
		}
		pending := proofdesk.StatusPending
		if _, err := convs.UpdateConversation(ctx, conv.ID, proofdesk.ConversationUpdate{Status: &pending}); err != nil {
			t.Fatal(err)
		}
		const want = 6 // conversation.created, 4 × message.created, conversation.status_changed

		w, err := outbox.NewWorker(db, nil, nil, outbox.Config{Webhooks: &outbox.WebhookSender{Key: key, AllowPrivate: loopback},
			BaseBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, MaxAttempts: 50}, nil)
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(15 * time.Second)
		for rc.tries.Load() < 3*want && time.Now().Before(deadline) {
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		if rc.count() != 0 || rc.tries.Load() < 3*want {
			t.Fatalf("during the outage: %d delivered, %d tries", rc.count(), rc.tries.Load())
		}
		ws, err := db.Read().FindWebhooks(ctx)
		if err != nil || len(ws) != 1 || ws[0].Last == nil || ws[0].Last.Status != proofdesk.OutboxQueued || ws[0].Last.LastError != "http 503" {
			t.Fatalf("last delivery during the outage: %+v %v", ws[0].Last, err)
		}

		rc.down.Store(false)
		for rc.count() < want && time.Now().Before(deadline) {
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(15 * time.Millisecond)
		}
		if rc.count() != want {
			t.Fatalf("after the outage: %d deliveries, want %d", rc.count(), want)
		}
		perEvent := map[string]int{}
		for id, body := range rc.got {
			var p struct {
				Event        string `json:"event"`
				Conversation struct {
					ID      string `json:"id"`
					Subject string `json:"subject"`
				} `json:"conversation"`
				Customer struct {
					Masked []string `json:"masked"`
				} `json:"customer"`
			}
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatal(err)
			}
			perEvent[p.Event]++
			if p.Event != rc.events[id] || p.Conversation.ID != conv.ID {
				t.Fatalf("delivery %s: event header %q, body %s", id, rc.events[id], body)
			}
			for _, secret := range []string{"482913", "jane.webhook@example.com", "Evergreen", "Springfield"} {
				if strings.Contains(string(body), secret) {
					t.Fatalf("delivery %s carries %q, which an agent at L0 does not see:\n%s", id, secret, body)
				}
			}
			if len(p.Customer.Masked) == 0 {
				t.Fatalf("delivery %s: the customer is not the masked view: %s", id, body)
			}
		}
		if perEvent[proofdesk.WebhookMessageCreated] != 4 || perEvent[proofdesk.WebhookConversationCreated] != 1 || perEvent[proofdesk.WebhookStatusChanged] != 1 {
			t.Fatalf("events delivered: %v", perEvent)
		}
		if ws, _ := db.Read().FindWebhooks(ctx); ws[0].ID != hook.ID || ws[0].Last.Status != proofdesk.OutboxSent {
			t.Fatalf("last delivery after the outage: %+v", ws[0].Last)
		}
		for id, body := range rc.got {
			readmeVerify(t, rc.secret, rc.sigs[id], body, true)
			readmeVerify(t, rc.secret, rc.sigs[id], append([]byte(" "), body...), false)
			break
		}
		// Nothing is delivered twice: more runs find nothing due.
		if n, err := w.RunOnce(ctx); n != 0 || err != nil {
			t.Fatalf("after delivery: %d rows attempted, %v", n, err)
		}
	})
}

// The address is checked when connecting, after resolution: a URL the
// admin's list let through at creation is refused by a sender whose list
// does not hold the address it resolves to, and the row fails for good.
func TestWebhook_AddressCheckedAtConnect(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		rc := &receiver{t: t, got: map[string][]byte{}, events: map[string]string{}, sigs: map[string]string{}}
		ctx, cust, _ := webhookFixture(t, db, rc, loopback)
		key, _ := desk.WebhookKey(ctx, db)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: cust.ID}
		if err := sqldb.NewConversationService(db).CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi"}); err != nil {
			t.Fatal(err)
		}
		w, _ := outbox.NewWorker(db, nil, nil, outbox.Config{Webhooks: &outbox.WebhookSender{Key: key}, BaseBackoff: 10 * time.Millisecond}, nil)
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if rc.tries.Load() != 0 {
			t.Fatalf("the receiver on loopback was reached %d times", rc.tries.Load())
		}
		ws, _ := db.Read().FindWebhooks(ctx)
		if ws[0].Last == nil || ws[0].Last.Status != proofdesk.OutboxFailed || ws[0].Last.LastError != "address not allowed" {
			t.Fatalf("last delivery: %+v, want failed: address not allowed", ws[0].Last)
		}
	})
}

// readmeVerify runs the README's verification script on a delivery and
// checks its verdict.
func readmeVerify(t *testing.T, secret, sig string, body []byte, want bool) {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "### Verifying a delivery")
	if !ok {
		t.Fatal("README has no \"Verifying a delivery\" section")
	}
	_, after, ok = strings.Cut(after, "```sh\n")
	script, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		t.Fatal("README's verification section has no sh block")
	}
	f := filepath.Join(t.TempDir(), "body")
	if err := os.WriteFile(f, body, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(os.Environ(), "SECRET="+secret, "SIG="+sig, "BODY="+f)
	out, err := cmd.CombinedOutput()
	got := strings.TrimSpace(string(out)) == "valid" && err == nil
	if got != want {
		t.Fatalf("README script on a delivery (want valid=%v): %s %v", want, out, err)
	}
}
