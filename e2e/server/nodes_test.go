package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// twoNodes starts two `proofdesk serve` processes on one PostgreSQL
// database. It skips without TEST_POSTGRES_DSN, and fails instead in CI.
func twoNodes(t *testing.T) (a, b *e2etest.Server) {
	t.Helper()
	if sqldbtest.PostgresDSN() == "" {
		e2etest.MissingTool(t, "TEST_POSTGRES_DSN not set: two nodes need a shared PostgreSQL")
	}
	a = e2etest.StartServer(t, e2etest.ServerOptions{Postgres: true})
	return a, a.StartPeer(t)
}

// TestTwoNodes: a visitor chats through node A while the agent answers on
// node B; a verification completed through B changes the level seen on A.
func TestTwoNodes_ChatAndVerification(t *testing.T) {
	a, b := twoNodes(t)
	eventsB := b.Events(t, b.Agent.Token, "")
	v := newVisitor(t, a, "Jane", janeEmail, "Hello from node A")

	v.send(t, "c1", "Where is my order?")
	ack := v.next(t, "ack", func(f frame) bool { return f.Type == "ack" && f.ClientID == "c1" })
	eventsB.Wait(t, wait, "the visitor's message (sent to A) on B's stream", func(ev e2etest.Event) bool {
		return ev.Type == "message.created" && ev.Field("message_id") == ack.ID
	})
	var sent message
	b.API(t, "POST", "/api/v1/conversations/"+v.conv+"/messages", b.Agent.Token,
		map[string]string{"body": "Answered on node B."}, http.StatusCreated, &sent)
	got := v.next(t, "B's reply on A's WebSocket", func(f frame) bool { return f.Type == "message" && f.ID == sent.ID })
	must(t, got.Author == "agent" && got.Body == "Answered on node B.", "visitor on A got %+v", got)

	// The agent links the chat to Jane on B and sends a request to her
	// email; she approves it through B; A sees L1.
	jane := createJane(t, b)
	b.API(t, "PATCH", "/api/v1/conversations/"+v.conv, b.Agent.Token, map[string]string{"customer_id": jane.ID}, http.StatusOK, nil)
	must(t, conversationOf(t, a, v.conv).Level == "L0", "level on A before verification %s", conversationOf(t, a, v.conv).Level)
	var ch struct {
		Number int `json:"number"`
	}
	b.API(t, "POST", "/api/v1/conversations/"+v.conv+"/challenges", b.Agent.Token,
		map[string]string{"contact_point_id": jane.contactID(t, "email")}, http.StatusCreated, &ch)
	m := b.Mailpit.WaitMessage(t, janeEmail, "is this you", wait)
	link := m.Link(t, "/v/")
	link = b.URL + link[strings.Index(link, "/v/"):]
	br := newBrowser(t, b)
	code, page := br.get(link)
	must(t, code == http.StatusOK, "GET /v/ on B: %d\n%s", code, page)
	code, page = br.post(link+"/approve", url.Values{"csrf": {br.csrf(page)}, "number": {strconv.Itoa(ch.Number)}})
	must(t, code == http.StatusOK, "approve on B: %d\n%s", code, page)
	must(t, conversationOf(t, a, v.conv).Level == "L1", "level seen on A after approval on B: %s, want L1", conversationOf(t, a, v.conv).Level)
	// Both nodes run an outbox worker: the request went out once.
	must(t, len(a.Mailpit.MessagesTo(t, janeEmail)) == 1, "%d mails to Jane, want 1 (one delivery across nodes)", len(a.Mailpit.MessagesTo(t, janeEmail)))
	// The visitor on A is told too.
	v.next(t, "the level change on A's WebSocket", func(f frame) bool { return f.Level == "L1" })
}

// TestTwoNodes_SignIn: a login throttled on A is throttled on B, and a
// TOTP code used on A is refused on B.
func TestTwoNodes_SignIn(t *testing.T) {
	a, b := twoNodes(t)

	// Five wrong passwords on A lock the account on B too, even with the
	// right password.
	ba := newBrowser(t, a)
	for i := range 5 {
		_, page := ba.get("/login")
		code, _ := ba.post("/login", url.Values{"csrf_token": {ba.csrf(page)}, "email": {a.Agent.Email}, "password": {"wrong-" + strconv.Itoa(i)}})
		must(t, code == http.StatusUnauthorized, "wrong password %d on A: %d", i+1, code)
	}
	bb := newBrowser(t, b)
	_, page := bb.get("/login")
	code, page := bb.post("/login", url.Values{"csrf_token": {bb.csrf(page)}, "email": {a.Agent.Email}, "password": {a.Agent.Password}})
	must(t, code == http.StatusTooManyRequests && strings.Contains(page, "Too many failed sign-in attempts"),
		"right password on B after 5 failures on A: %d, want 429 throttled\n%s", code, page)

	// The supervisor enrols TOTP; a code used on A is refused on B.
	out := a.CLI(t, "", "agent", "totp", "--email", a.Supervisor.Email)
	sm := regexp.MustCompile(`Secret: (\S+)`).FindStringSubmatch(out)
	must(t, sm != nil, "agent totp printed no secret")
	// A fresh step, so that nothing of the previous one is in play.
	now := time.Now()
	next := now.Truncate(30 * time.Second).Add(30 * time.Second)
	if next.Sub(now) < 3*time.Second {
		time.Sleep(next.Sub(now) + 100*time.Millisecond)
	}
	totpCode, err := totp.GenerateCode(sm[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	login := func(s *e2etest.Server) (int, string) {
		br := newBrowser(t, s)
		_, page := br.get("/login")
		return br.post("/login", url.Values{"csrf_token": {br.csrf(page)}, "email": {a.Supervisor.Email},
			"password": {a.Supervisor.Password}, "code": {totpCode}})
	}
	code, page = login(a)
	must(t, code == http.StatusOK && !strings.Contains(page, `action="/login"`), "sign-in with TOTP on A: %d\n%s", code, page)
	code, page = login(b)
	must(t, code == http.StatusUnauthorized && strings.Contains(page, `action="/login"`),
		"the same TOTP code on B: %d, want 401 and the sign-in form again\n%s", code, page)
}
