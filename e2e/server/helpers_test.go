// Package server_test runs Proofdesk end to end against `proofdesk serve`
// as a separate process, with real parts only: a real WebSocket for chat,
// a real SMTP client to the inbound listener, mailpit as the outbound
// relay and mailbox, the API over HTTP and the customer's pages. Each test
// runs on SQLite, and on PostgreSQL when TEST_POSTGRES_DSN is set.
package server_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/smtp"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

// wait bounds every wait for something asynchronous (a mail, an event, a
// frame). It is a deadline for a hang, not a speed assertion.
const wait = 20 * time.Second

// eachStore runs fn against a fresh server on SQLite, and on PostgreSQL
// when TEST_POSTGRES_DSN is set.
func eachStore(t *testing.T, fn func(t *testing.T, s *e2etest.Server)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, e2etest.StartServer(t, e2etest.ServerOptions{})) })
	if sqldbtest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, e2etest.StartServer(t, e2etest.ServerOptions{Postgres: true})) })
	}
}

// customer is a customer as the API shows it.
type customer struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	SupportLocked bool   `json:"support_locked"`
	ContactPoints []struct {
		ID    string `json:"id"`
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contact_points"`
}

// contactID returns the ID of the customer's contact point of kind.
func (c *customer) contactID(t *testing.T, kind string) string {
	t.Helper()
	for _, cp := range c.ContactPoints {
		if cp.Kind == kind {
			return cp.ID
		}
	}
	t.Fatalf("customer %s has no %s contact point: %+v", c.ID, kind, c.ContactPoints)
	return ""
}

type conversation struct {
	ID         string `json:"id"`
	Channel    string `json:"channel"`
	CustomerID string `json:"customer_id"`
	// RequesterClaims is who the requester says they are.
	RequesterClaims struct {
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"requester_claims"`
	Subject   string   `json:"subject"`
	Status    string   `json:"status"`
	Level     string   `json:"level"`
	RiskFlags []string `json:"risk_flags"`
	Fraud     bool     `json:"fraud"`
}

type message struct {
	ID         string `json:"id"`
	AuthorKind string `json:"author_kind"`
	Body       string `json:"body"`
	Internal   bool   `json:"internal"`
}

// The victim of the seed incident: on file for two years, with a real
// address the attacker does not know.
const (
	janeEmail   = "jane@example.test"
	janePhone   = "+14155550142"
	realAddress = "742 Evergreen Terrace, Springfield 49007"
	fakeAddress = "12 Decoy Lane, Faketown 90210"
)

// createJane creates the victim through the API.
func createJane(t *testing.T, s *e2etest.Server) *customer {
	t.Helper()
	since := time.Now().AddDate(-2, 0, 0).UTC().Format(time.RFC3339)
	in := map[string]any{
		"name":      "Jane Doe",
		"emails":    []any{map[string]string{"value": janeEmail, "added_at": since}},
		"phones":    []any{map[string]string{"value": janePhone, "added_at": since}},
		"addresses": []any{map[string]string{"line1": "742 Evergreen Terrace", "city": "Springfield", "postal_code": "49007", "country": "US"}},
	}
	var c customer
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, in, http.StatusCreated, &c)
	return &c
}

func conversationOf(t *testing.T, s *e2etest.Server, id string) *conversation {
	t.Helper()
	var c conversation
	s.API(t, "GET", "/api/v1/conversations/"+id, s.Agent.Token, nil, http.StatusOK, &c)
	return &c
}

func messagesOf(t *testing.T, s *e2etest.Server, id string) []message {
	t.Helper()
	var out struct{ Messages []message }
	s.API(t, "GET", "/api/v1/conversations/"+id+"/messages", s.Agent.Token, nil, http.StatusOK, &out)
	return out.Messages
}

// reply posts an agent reply and returns the status and error code.
func reply(t *testing.T, s *e2etest.Server, convID, body string) (int, string, string) {
	t.Helper()
	code, b := s.Do(t, "POST", "/api/v1/conversations/"+convID+"/messages", s.Agent.Token, map[string]string{"body": body})
	var e struct {
		Error         string `json:"error"`
		RequiredLevel string `json:"required_level"`
	}
	_ = json.Unmarshal(b, &e)
	return code, e.Error, string(b)
}

// --- chat visitor ---

type visitor struct {
	token, conv string
	ws          *websocket.Conn
}

type frame struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	ClientID string `json:"client_id"`
	Author   string `json:"author"`
	Body     string `json:"body"`
	Error    string `json:"error"`
	URL      string `json:"url"`
	Level    string `json:"level"`
}

func postWidget(t *testing.T, s *e2etest.Server, path, token string, in, out any) {
	t.Helper()
	b, _ := json.Marshal(in)
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://shop.example.test")
	if token != "" {
		req.Header.Set("Authorization", "Visitor "+token)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatal(err)
	}
}

// newVisitor creates a visitor and its conversation with a first message,
// and opens its WebSocket from the shop's origin.
func newVisitor(t *testing.T, s *e2etest.Server, name, email, first string) *visitor {
	t.Helper()
	var tok struct {
		Token string `json:"visitor_token"`
	}
	postWidget(t, s, "/widget/v1/visitors", "", struct{}{}, &tok)
	var conv struct {
		ID string `json:"conversation_id"`
	}
	postWidget(t, s, "/widget/v1/conversations", tok.Token,
		map[string]string{"message": first, "client_id": "first", "name": name, "email": email}, &conv)
	v := &visitor{token: tok.Token, conv: conv.ID}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(s.URL, "http")+"/widget/v1/ws?conversation="+conv.ID,
		&websocket.DialOptions{Subprotocols: []string{"proofdesk.v1", "visitor." + tok.Token},
			HTTPHeader: http.Header{"Origin": {"https://shop.example.test"}}})
	if err != nil {
		t.Fatalf("WebSocket: %v", err)
	}
	t.Cleanup(func() { ws.CloseNow() })
	v.ws = ws
	if f := v.next(t, "ready", func(f frame) bool { return f.Type == "ready" }); f.Type != "ready" {
		t.Fatalf("first frame %+v", f)
	}
	return v
}

func (v *visitor) send(t *testing.T, clientID, body string) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"type": "message", "client_id": clientID, "body": body})
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := v.ws.Write(ctx, websocket.MessageText, b); err != nil {
		t.Fatal(err)
	}
}

// next reads frames until match, failing on timeout; it returns the
// matching frame. Frames read before it are returned to seen.
func (v *visitor) next(t *testing.T, what string, match func(frame) bool) frame {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	var seen []string
	for {
		_, data, err := v.ws.Read(ctx)
		if err != nil {
			t.Fatalf("waiting for %s on the visitor's WebSocket: %v (saw %q)", what, err, seen)
		}
		var f frame
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("frame %s: %v", data, err)
		}
		if match(f) {
			return f
		}
		seen = append(seen, string(data))
	}
}

// --- email ---

// sendMail sends a message with a real SMTP client to the server's
// inbound listener.
func sendMail(t *testing.T, s *e2etest.Server, from, msg string) {
	t.Helper()
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\r\n")
	if err := smtp.SendMail(s.SMTPAddr, nil, from, []string{"support@desk.test"}, []byte(msg)); err != nil {
		t.Fatalf("SMTP to %s: %v", s.SMTPAddr, err)
	}
}

// emailConversation waits for the one email conversation whose subject
// contains subject (inbound delivery is synchronous, so it is there once
// the SMTP transaction ended).
func emailConversation(t *testing.T, s *e2etest.Server, subject string) *conversation {
	t.Helper()
	var out struct{ Conversations []conversation }
	s.API(t, "GET", "/api/v1/conversations?channel=email", s.Agent.Token, nil, http.StatusOK, &out)
	var found []conversation
	for _, c := range out.Conversations {
		if strings.Contains(c.Subject, subject) {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d email conversations about %q, want 1: %+v", len(found), subject, out.Conversations)
	}
	return &found[0]
}

// --- browser-like client for the console and the customer's pages ---

type browser struct {
	t   *testing.T
	s   *e2etest.Server
	c   *http.Client
	url string
}

func newBrowser(t *testing.T, s *e2etest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, s: s, url: s.URL, c: &http.Client{Jar: jar, Timeout: wait}}
}

var csrfRE = regexp.MustCompile(`name="(csrf_token|csrf)" value="([^"]+)"`)

// get fetches a page and returns status and body.
func (b *browser) get(u string) (int, string) {
	b.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = b.url + u
	}
	resp, err := b.c.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post submits a form (following redirects) and returns status and body.
func (b *browser) post(u string, form url.Values) (int, string) {
	b.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = b.url + u
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.url)
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// csrf returns the CSRF field of a page.
func (b *browser) csrf(page string) string {
	b.t.Helper()
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		b.t.Fatalf("no CSRF field on the page:\n%s", page)
	}
	return html.UnescapeString(m[2])
}

// login signs the agent in to the console.
func (b *browser) login(a e2etest.Account) {
	b.t.Helper()
	_, page := b.get("/login")
	code, page := b.post("/login", url.Values{"csrf_token": {b.csrf(page)}, "email": {a.Email}, "password": {a.Password}})
	if code != http.StatusOK || strings.Contains(page, `action="/login"`) {
		b.t.Fatalf("console login as %s: %d\n%s", a.Email, code, page)
	}
}

// action posts a form of the conversation page, as the agent would.
func (b *browser) action(convID, path string, form url.Values) string {
	b.t.Helper()
	_, page := b.get("/conversations/" + convID)
	form.Set("csrf_token", b.csrf(page))
	code, page := b.post("/conversations/"+convID+path, form)
	if code != http.StatusOK {
		b.t.Fatalf("console POST /conversations/%s%s: %d\n%s", convID, path, code, page)
	}
	return page
}

func must(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(format, args...)
	}
}
