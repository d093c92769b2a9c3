package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

// approveFromOutbox completes the newest verification request to email:
// its /v/ link from the built-in outbox (read with an admin token), then
// the number the agent reads out.
func approveFromOutbox(t *testing.T, base, adminTok, email string, number int) {
	t.Helper()
	code, body := httpDo(t, "GET", base+"/api/v1/outbox", adminTok, "")
	if code != 200 {
		t.Fatalf("outbox: %d", code)
	}
	var out struct {
		Messages []struct{ To, Body string }
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	link := ""
	for _, m := range out.Messages {
		if strings.EqualFold(m.To, email) {
			if link = regexp.MustCompile(`/v/[A-Za-z0-9_.\-~]+`).FindString(m.Body); link != "" {
				break
			}
		}
	}
	if link == "" {
		t.Fatal("no verification link in the outbox")
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no form on %s", link)
	}
	resp, err = c.PostForm(base+link+"/approve", url.Values{"csrf": {string(m[1])}, "number": {strconv.Itoa(number)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
}

// TestOrders_MaskedGuardedRevealed: an order pushed by the integration
// token shows masked at L0 (number, status, items; tracking and shipping
// address), a reply quoting its tracking number at L0 is blocked (on the
// linked conversation and, through the every-customer index, on an
// unlinked one), an agent may not push orders, and after verification the
// agent reveals the order and where it goes in clear.
func TestOrders_MaskedGuardedRevealed(t *testing.T) {
	t.Parallel()
	m := MustRunMain(t)
	base := m.URL()
	ctx := context.Background()
	r := runCmd(t, "", nil, "token", "create", "--data", m.Config.DataDir, "--integration", "shop")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	syncTok := lastLine(r.stdout)
	hash, _ := auth.HashPassword("agent password 1234", passwordParams)
	agent := &proofdesk.Agent{Email: "ava@example.com", Name: "Ava", Role: proofdesk.RoleAgent, PasswordHash: hash}
	if err := m.AgentService.CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	agentTok, h := auth.NewToken()
	if err := m.AgentService.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: agent.ID, Name: "t", Hash: h}); err != nil {
		t.Fatal(err)
	}
	adminTok := adminToken(t, m)

	code, body := httpDo(t, "POST", base+"/api/v1/customers", syncTok,
		`{"name":"Rita Buyer","emails":[{"value":"rita@example.com","added_at":"2021-05-01"}],"addresses":[{"line1":"5 Old Road","city":"Leeds","postal_code":"LS1 5AB","country":"GB"}]}`)
	if code != 201 {
		t.Fatalf("customer: %d %s", code, body)
	}
	var cust struct {
		ID            string
		ContactPoints []struct{ ID, Kind string } `json:"contact_points"`
	}
	_ = json.Unmarshal([]byte(body), &cust)

	const tracking, street, number = "1Z999AA10123456784", "221 Harbour Lane", "ORD-204817"
	order := `{"number":"` + number + `","status":"shipped","items":[{"name":"Linen shirt","quantity":2}],"placed_at":"2026-11-30T10:00:00Z",
		"shipping_address":{"line1":"` + street + `","city":"Bristol","postal_code":"BS1 4DJ","country":"GB"},"tracking_number":"` + tracking + `","carrier":"UPS"}`
	if code, body := httpDo(t, "POST", base+"/api/v1/customers/"+cust.ID+"/orders", agentTok, order); code != 403 {
		t.Fatalf("an agent pushes an order: %d %s, want 403", code, body)
	}
	if code, body := httpDo(t, "POST", base+"/api/v1/customers/"+cust.ID+"/orders", syncTok, `{"number":"X-1","status":"lost"}`); code != 400 || !strings.Contains(body, `"field":"status"`) {
		t.Fatalf("bad status: %d %s", code, body)
	}
	code, body = httpDo(t, "POST", base+"/api/v1/customers/"+cust.ID+"/orders", syncTok, order)
	if code != 201 {
		t.Fatalf("push order: %d %s", code, body)
	}
	if code, _ := httpDo(t, "PUT", base+"/api/v1/customers/"+cust.ID+"/orders", syncTok, order); code != 200 {
		t.Fatalf("push the same order again: %d, want 200 (replaced)", code)
	}

	// The agent's view at L0: masked.
	code, body = httpDo(t, "GET", base+"/api/v1/customers/"+cust.ID, agentTok, "")
	if code != 200 {
		t.Fatal(code)
	}
	for _, secret := range []string{tracking, street, number, "Linen shirt"} {
		if strings.Contains(body, secret) {
			t.Fatalf("the customer view at L0 shows %q: %s", secret, body)
		}
	}
	if !strings.Contains(body, `"orders"`) || !strings.Contains(body, `"orders.shipping"`) {
		t.Fatalf("the view does not say the orders are masked: %s", body)
	}

	// A conversation with Rita, held by the agent, linked: L0.
	var conv struct{ ID, Level string }
	code, body = httpDo(t, "POST", base+"/api/v1/conversations", agentTok, `{"channel":"api","requester":{"email":"rita@example.com"},"subject":"Parcel","message":"Where is my parcel going?"}`)
	if code != 201 {
		t.Fatalf("conversation: %d %s", code, body)
	}
	_ = json.Unmarshal([]byte(body), &conv)
	if code, body := httpDo(t, "PATCH", base+"/api/v1/conversations/"+conv.ID, agentTok, `{"customer_id":"`+cust.ID+`","assignee_id":"`+agent.ID+`"}`); code != 200 {
		t.Fatalf("link: %d %s", code, body)
	}
	for _, reply := range []string{"Your parcel is with UPS, tracking " + tracking + ".", "It goes to " + street + ".", "Order " + number + " is on its way."} {
		code, body := httpDo(t, "POST", base+"/api/v1/conversations/"+conv.ID+"/messages", agentTok, `{"body":"`+reply+`"}`)
		if code != 422 || !strings.Contains(body, "disclosure_blocked") {
			t.Fatalf("reply %q at L0: %d %s, want 422 disclosure_blocked", reply, code, body)
		}
	}
	// The every-customer index: an unlinked conversation.
	var other struct{ ID string }
	_, body = httpDo(t, "POST", base+"/api/v1/conversations", agentTok, `{"channel":"api","requester":{"name":"Someone"},"subject":"Hi","message":"Where is my parcel?"}`)
	_ = json.Unmarshal([]byte(body), &other)
	if code, body := httpDo(t, "POST", base+"/api/v1/conversations/"+other.ID+"/messages", agentTok, `{"body":"Tracking: `+tracking+`"}`); code != 422 {
		t.Fatalf("tracking number on an unlinked conversation: %d %s, want 422", code, body)
	}
	if code, _ := httpDo(t, "POST", base+"/api/v1/conversations/"+conv.ID+"/reveal", agentTok, `{"field":"orders.shipping","reason":"customer asks where it goes"}`); code != 403 {
		t.Fatalf("reveal at L0: %d, want 403", code)
	}

	// Verified: the agent reveals the order and where it goes.
	cpID := ""
	for _, cp := range cust.ContactPoints {
		if cp.Kind == "email" {
			cpID = cp.ID
		}
	}
	var ch struct{ Number int }
	code, body = httpDo(t, "POST", base+"/api/v1/conversations/"+conv.ID+"/challenges", agentTok, `{"contact_point_id":"`+cpID+`"}`)
	if code != 201 {
		t.Fatalf("challenge: %d %s", code, body)
	}
	_ = json.Unmarshal([]byte(body), &ch)
	approveFromOutbox(t, base, adminTok, "rita@example.com", ch.Number)
	for field, want := range map[string][]string{"orders.shipping": {tracking, street}, "orders": {number, "2 × Linen shirt", "shipped"}} {
		code, body := httpDo(t, "POST", base+"/api/v1/conversations/"+conv.ID+"/reveal", agentTok, `{"field":"`+field+`","reason":"customer asks where it goes"}`)
		if code != 200 {
			t.Fatalf("reveal %s at L1: %d %s", field, code, body)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Fatalf("reveal %s: %s lacks %q", field, body, w)
			}
		}
	}
	if code, body := httpDo(t, "POST", base+"/api/v1/conversations/"+conv.ID+"/messages", agentTok, `{"body":"Your parcel is with UPS, tracking `+tracking+`."}`); code != 201 {
		t.Fatalf("reply quoting the tracking number at L1: %d %s, want 201", code, body)
	}
}
