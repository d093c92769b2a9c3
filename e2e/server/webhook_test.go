package server_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// hookReceiver is a webhook endpoint on loopback that checks signatures
// and keeps each delivery once; while down it answers 503.
type hookReceiver struct {
	t      *testing.T
	secret atomic.Value
	down   atomic.Bool
	tries  atomic.Int32
	mu     sync.Mutex
	got    map[string]string // delivery ID -> event
	bodies []string
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.tries.Add(1)
	if h.down.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(r.Body)
	ts, v1, _ := strings.Cut(strings.TrimPrefix(r.Header.Get("Proofdesk-Signature"), "t="), ",v1=")
	secret, _ := h.secret.Load().(string)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "." + string(body)))
	if !hmac.Equal([]byte(v1), []byte(hex.EncodeToString(m.Sum(nil)))) {
		h.t.Errorf("delivery with a bad signature: %q", r.Header.Get("Proofdesk-Signature"))
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	h.mu.Lock()
	if _, dup := h.got[r.Header.Get("Proofdesk-Delivery")]; !dup {
		h.bodies = append(h.bodies, string(body))
	}
	h.got[r.Header.Get("Proofdesk-Delivery")] = r.Header.Get("Proofdesk-Event")
	h.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (h *hookReceiver) events() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]int{}
	for _, e := range h.got {
		out[e]++
	}
	return out
}

// A `proofdesk serve` process delivers signed webhooks, masked like the
// API at L0, to a receiver on loopback (listed in
// --webhook-allow-private); while the receiver is down, deliveries wait in
// the outbox and none is lost.
func TestWebhooks_LoopbackReceiver(t *testing.T) {
	rc := &hookReceiver{t: t, got: map[string]string{}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	s := e2etest.StartServer(t, e2etest.ServerOptions{Args: []string{"--webhook-allow-private", "127.0.0.1", "--webhook-retry", "1s"}})

	// Plain http outside loopback is refused, and so is a private range not listed.
	for _, bad := range []string{"http://hooks.example.com/in", "https://10.0.0.7/in", "https://169.254.169.254/latest"} {
		e := s.APIFail(t, "POST", "/api/v1/webhooks", s.Admin.Token, map[string]any{"url": bad, "events": []string{"message.created"}})
		must(t, e.Status == http.StatusUnprocessableEntity || e.Status == http.StatusBadRequest, "webhook to %s: %v, want refused", bad, e)
	}
	e := s.APIFail(t, "POST", "/api/v1/webhooks", s.Supervisor.Token, map[string]any{"url": srv.URL, "events": []string{"message.created"}})
	must(t, e.Status == http.StatusForbidden, "a supervisor's webhook: %v, want 403", e)

	var created struct {
		Webhook struct {
			ID string `json:"id"`
		} `json:"webhook"`
		Secret string `json:"secret"`
	}
	s.API(t, "POST", "/api/v1/webhooks", s.Admin.Token, map[string]any{"url": srv.URL + "/hook",
		"events": []string{"conversation.created", "message.created", "reply.blocked"}}, http.StatusCreated, &created)
	must(t, strings.HasPrefix(created.Secret, "whsec_"), "secret %q", created.Secret)
	rc.secret.Store(created.Secret)
	rc.down.Store(true)

	createJane(t, s)
	v := newVisitor(t, s, "Jane Doe", janeEmail, "Hello, this is Jane")
	v.send(t, "p1", "Where is my order going?")
	v.next(t, "ack", func(f frame) bool { return f.Type == "ack" && f.ClientID == "p1" })
	code, errCode, body := reply(t, s, v.conv, "It ships to 742 Evergreen Terrace, Springfield 49007.")
	must(t, code == http.StatusUnprocessableEntity && errCode == "disclosure_blocked", "careless reply: %d %s", code, body)
	code, _, body = reply(t, s, v.conv, "Let me check that for you.")
	must(t, code == http.StatusCreated, "safe reply: %d %s", code, body)

	deadline := time.Now().Add(wait)
	for rc.tries.Load() < 6 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	must(t, rc.tries.Load() >= 6 && len(rc.events()) == 0, "during the outage: %d tries, %v delivered", rc.tries.Load(), rc.events())
	var list struct {
		Webhooks []struct {
			LastDelivery *struct {
				Status    string `json:"status"`
				LastError string `json:"last_error"`
			} `json:"last_delivery"`
		} `json:"webhooks"`
	}
	s.API(t, "GET", "/api/v1/webhooks", s.Admin.Token, nil, http.StatusOK, &list)
	must(t, len(list.Webhooks) == 1 && list.Webhooks[0].LastDelivery != nil && list.Webhooks[0].LastDelivery.LastError == "http 503",
		"the outage does not show on the webhook: %+v", list.Webhooks)

	rc.down.Store(false)
	// conversation.created, message.created × 3 (two from the visitor,
	// the safe reply), reply.blocked.
	want := map[string]int{"conversation.created": 1, "message.created": 3, "reply.blocked": 1}
	deadline = time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		got := rc.events()
		if got["conversation.created"] >= 1 && got["message.created"] >= 3 && got["reply.blocked"] >= 1 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	got := rc.events()
	for ev, n := range want {
		must(t, got[ev] == n, "after the outage, %s delivered %d times, want %d (all: %v)", ev, got[ev], n, got)
	}
	code, metrics := newBrowser(t, s).get("/metrics")
	must(t, code == http.StatusOK && strings.Contains(metrics, `proofdesk_security_events_total{event="reply_blocked"} 1`),
		"GET /metrics: %d\n%s", code, grepLines(metrics, "proofdesk_security"))
	rc.mu.Lock()
	defer rc.mu.Unlock()
	// The requester's claims show as typed, labelled as claims, as in the
	// API; the customer's data on file never does, nor the blocked reply.
	for _, b := range rc.bodies {
		for _, secret := range []string{janePhone, "Evergreen", "49007"} {
			must(t, !strings.Contains(b, secret), "a delivery carries %q:\n%s", secret, b)
		}
	}
}
