package widget_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/widget"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/verify"
)

var tokenSecret = []byte("0123456789abcdef0123456789abcdef-test-secret")

const audience = "https://desk.test"

// env is a real server (the http package's, with its middleware) serving
// the widget and the agents' live stream on a real SQLite store.
type env struct {
	srv      *httpd.Server
	db       *sqldb.DB
	convs    *sqldb.ConversationService
	verif    *desk.Verification
	events   *inmem.EventService
	agent    *proofdesk.Agent
	apiToken string
}

func newEnv(tb testing.TB, cfg widget.Config) *env {
	tb.Helper()
	return newEnvOf(tb, cfg, sqldb.SQLite, nil)
}

// newEnvOf is newEnv on a store of the dialect; wrap, when set, wraps the
// conversation service the widget is given (the env's convs stays the
// store's).
func newEnvOf(tb testing.TB, cfg widget.Config, dialect string, wrap func(proofdesk.ConversationService) proofdesk.ConversationService) *env {
	tb.Helper()
	ctx := context.Background()
	db := sqldbtest.OpenDialect(tb, dialect)
	e := &env{db: db, convs: sqldb.NewConversationService(db), events: inmem.NewEventService(0)}
	desk.PublishEvents(db, e.events) // every committed change, as in cmd/proofdesk
	var err error
	if e.verif, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.test"}); err != nil {
		tb.Fatal(err)
	}
	agents := sqldb.NewAgentService(db)
	hash, err := auth.HashPassword("pw", auth.TestPasswordParams)
	if err != nil {
		tb.Fatal(err)
	}
	e.agent = &proofdesk.Agent{Email: "ann@desk.test", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: hash, CreatedAt: time.Now()}
	if err := agents.CreateAgent(ctx, e.agent); err != nil {
		tb.Fatal(err)
	}
	tok, th := auth.NewToken()
	if err := agents.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: e.agent.ID, Name: "test", Hash: th, CreatedAt: time.Now()}); err != nil {
		tb.Fatal(err)
	}
	e.apiToken = tok
	tv, err := verify.NewTokenVerifier(verify.TokenConfig{Secret: tokenSecret, Audience: audience, Replay: sqldb.NewReplayStore(db)})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if cfg.Agents == nil {
		cfg.Agents = agents
	}
	if cfg.Reopener == nil {
		cfg.Reopener = db
	}
	var convs proofdesk.ConversationService = e.convs
	if wrap != nil {
		convs = wrap(convs)
	}
	widget.NewHandler(convs, e.verif, e.events, sqldb.NewVisitorService(db), tv, cfg, nil).Register(e.srv)
	api.NewEventsHandler(agents, e.convs, e.events).Register(e.srv)
	if err := e.srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.srv.Close(); _ = e.events.Close() })
	return e
}

// do sends a JSON request and decodes the JSON answer into out (if set).
func (e *env) do(tb testing.TB, method, path, visitorToken string, body any, hdr map[string]string, out any) int {
	tb.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.srv.URL()+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if visitorToken != "" {
		req.Header.Set("Authorization", "Visitor "+visitorToken)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			tb.Fatalf("%s %s: decode: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

func (e *env) newVisitor(tb testing.TB) string {
	tb.Helper()
	var out struct {
		Token string `json:"visitor_token"`
	}
	if st := e.do(tb, "POST", "/widget/v1/visitors", "", nil, nil, &out); st != http.StatusCreated || out.Token == "" {
		tb.Fatalf("create visitor: status %d", st)
	}
	return out.Token
}

func (e *env) newConversation(tb testing.TB, token, message string) string {
	tb.Helper()
	var out map[string]any
	st := e.do(tb, "POST", "/widget/v1/conversations", token, map[string]string{"message": message, "name": "Jane", "email": "jane@example.com"}, nil, &out)
	if st != http.StatusCreated {
		tb.Fatalf("create conversation: status %d: %v", st, out)
	}
	return out["conversation_id"].(string)
}

// agentReply posts an agent message as the API does: store, then publish.
func (e *env) agentReply(tb testing.TB, convID, body string, internal bool) *proofdesk.Message {
	tb.Helper()
	m := &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: e.agent.ID, Body: body, Internal: internal}
	if err := e.convs.CreateMessage(context.Background(), m); err != nil {
		tb.Fatal(err)
	}
	e.events.PublishEvent(context.Background(), proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: convID, MessageID: m.ID, AuthorKind: proofdesk.AuthorAgent})
	return m
}

func wsURL(e *env, convID string) string {
	return strings.Replace(e.srv.URL(), "http://", "ws://", 1) + "/widget/v1/ws?conversation=" + convID
}

// dial opens the visitor's WebSocket, authenticates with the first frame
// and returns it with its ready frame.
func (e *env) dial(tb testing.TB, token, convID string) (*websocket.Conn, map[string]any) {
	tb.Helper()
	c, _, err := websocket.Dial(context.Background(), wsURL(e, convID), &websocket.DialOptions{Subprotocols: []string{widget.Subprotocol}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.CloseNow() })
	send(tb, c, map[string]string{"type": "auth", "token": token})
	ready := read(tb, c)
	if ready["type"] != "ready" {
		tb.Fatalf("first frame %v, want ready", ready)
	}
	return c, ready
}

func send(tb testing.TB, c *websocket.Conn, v any) {
	tb.Helper()
	b, _ := json.Marshal(v)
	if err := c.Write(context.Background(), websocket.MessageText, b); err != nil {
		tb.Fatalf("write frame: %v", err)
	}
}

func read(tb testing.TB, c *websocket.Conn) map[string]any {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, data, err := c.Read(ctx)
	if err != nil {
		tb.Fatalf("read frame: %v", err)
	}
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		tb.Fatal(err)
	}
	return f
}

// readType reads frames until one of type typ, returning it and the
// frames skipped.
func readType(tb testing.TB, c *websocket.Conn, typ string) map[string]any {
	tb.Helper()
	for {
		if f := read(tb, c); f["type"] == typ {
			return f
		}
	}
}

// agentStream opens GET /api/v1/events and returns a function reading the
// next event of the given type.
func (e *env) agentStream(tb testing.TB, query string) func(typ string) proofdesk.Event {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", e.srv.URL()+"/api/v1/events"+query, nil)
	req.Header.Set("Authorization", "Bearer "+e.apiToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { resp.Body.Close() })
	sc := bufio.NewScanner(resp.Body)
	next := func() (string, string) {
		var event, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && event != "":
				return event, data
			case strings.HasPrefix(line, "event: "):
				event = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			}
		}
		tb.Fatalf("agent stream ended: %v", sc.Err())
		return "", ""
	}
	if ev, _ := next(); ev != "ready" {
		tb.Fatalf("agent stream first event %q, want ready", ev)
	}
	return func(typ string) proofdesk.Event {
		for {
			ev, data := next()
			if ev != typ {
				continue
			}
			var out proofdesk.Event
			if err := json.Unmarshal([]byte(data), &out); err != nil {
				tb.Fatal(err)
			}
			return out
		}
	}
}

func TestWidget_Script(t *testing.T) {
	e := newEnv(t, widget.Config{})
	req, _ := http.NewRequest("GET", e.srv.URL()+"/widget.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	gz, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("status=%d encoding=%q type=%q", resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"))
	}
	if len(gz) >= 20<<10 {
		t.Fatalf("widget.js is %d bytes gzipped, want < 20 KB", len(gz))
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := io.ReadAll(zr)
	for _, want := range []string{"data-proofdesk", "localStorage", "/widget/v1/ws", `type: "code"`, `type: "resume"`, "textContent"} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("widget.js lacks %q", want)
		}
	}
	if bytes.Contains(js, []byte("innerHTML = m")) || bytes.Contains(js, []byte("eval(")) {
		t.Error("widget.js must render text only")
	}
	// Revalidation by ETag.
	req2, _ := http.NewRequest("GET", e.srv.URL()+"/widget.js", nil)
	req2.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp2, err := http.DefaultClient.Do(req2)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match: status %d, want 304", resp2.StatusCode)
	}
}

func TestWidget_ChatBothWays(t *testing.T) {
	e := newEnv(t, widget.Config{})
	next := e.agentStream(t, "")
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "hello, my parcel is late")
	if ev := next(proofdesk.EventMessageCreated); ev.ConversationID != convID || ev.AuthorKind != proofdesk.AuthorCustomer {
		t.Fatalf("agent saw %+v for the first message", ev)
	}
	c, ready := e.dial(t, token, convID)
	if ready["level"] != "L0" {
		t.Fatalf("ready level %v, want L0: claims never raise it", ready["level"])
	}

	// Visitor → agent: acknowledged, and the agent's stream names it.
	send(t, c, map[string]string{"type": "message", "client_id": "c1", "body": "order 1234"})
	ack := readType(t, c, "ack")
	if ack["client_id"] != "c1" || ack["seq"] != float64(2) {
		t.Fatalf("ack %v", ack)
	}
	ev := next(proofdesk.EventMessageCreated)
	if ev.MessageID != ack["id"] || ev.ConversationID != convID {
		t.Fatalf("agent event %+v, want message %v", ev, ack["id"])
	}
	// The same client_id again is not stored twice.
	send(t, c, map[string]string{"type": "message", "client_id": "c1", "body": "order 1234"})
	if again := readType(t, c, "ack"); again["id"] != ack["id"] {
		t.Fatalf("resend stored a new message: %v, want %v", again["id"], ack["id"])
	}

	// Agent → visitor: the internal note never reaches the visitor.
	e.agentReply(t, convID, "note: check the carrier", true)
	reply := e.agentReply(t, convID, "Let me look into it.", false)
	got := readType(t, c, "message")
	for got["author"] != proofdesk.AuthorAgent {
		got = readType(t, c, "message") // the visitor's own messages come first
	}
	if got["id"] != reply.ID || got["body"] != "Let me look into it." {
		t.Fatalf("visitor got %v, want the agent's reply %s", got, reply.ID)
	}

	// Typing and level changes are relayed.
	e.events.PublishEvent(context.Background(), proofdesk.Event{Type: proofdesk.EventTyping, ConversationID: convID, AuthorKind: proofdesk.AuthorAgent})
	if f := readType(t, c, "typing"); f["author"] != "agent" {
		t.Fatalf("typing frame %v", f)
	}
	send(t, c, map[string]string{"type": "typing"})
	ev = next(proofdesk.EventTyping) // the agent's own, published above
	if ev = next(proofdesk.EventTyping); ev.ConversationID != convID || ev.AuthorKind != proofdesk.AuthorCustomer {
		t.Fatalf("agent typing event %+v", ev)
	}

	// The message list over HTTP: no internal note.
	var list struct {
		Messages []struct {
			ID, Author, Body string
		} `json:"messages"`
	}
	if st := e.do(t, "GET", "/widget/v1/conversations/"+convID+"/messages", token, nil, nil, &list); st != 200 {
		t.Fatalf("list: status %d", st)
	}
	var bodies []string
	for _, m := range list.Messages {
		bodies = append(bodies, m.Author+": "+m.Body)
	}
	want := []string{"customer: hello, my parcel is late", "customer: order 1234", "agent: Let me look into it."}
	if diff := cmp.Diff(want, bodies); diff != "" {
		t.Fatalf("messages (-want +got):\n%s", diff)
	}
}

func TestWidget_Isolation(t *testing.T) {
	e := newEnv(t, widget.Config{})
	alice, bob := e.newVisitor(t), e.newVisitor(t)
	aliceConv := e.newConversation(t, alice, "alice's secret question")
	bobConv := e.newConversation(t, bob, "bob here")

	tests := []struct {
		name   string
		method string
		path   string
		token  string
		body   any
		status int
	}{
		{"no token", "GET", "/widget/v1/conversations/" + aliceConv + "/messages", "", nil, http.StatusUnauthorized},
		{"forged token", "GET", "/widget/v1/conversations/" + aliceConv + "/messages", "pdv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", nil, http.StatusUnauthorized},
		{"bob reads alice", "GET", "/widget/v1/conversations/" + aliceConv + "/messages", bob, nil, http.StatusNotFound},
		{"bob sends a code on alice's", "POST", "/widget/v1/conversations/" + aliceConv + "/code", bob, map[string]string{"code": "123456"}, http.StatusNotFound},
		{"bob reads his own", "GET", "/widget/v1/conversations/" + bobConv + "/messages", bob, nil, http.StatusOK},
		{"unknown conversation", "GET", "/widget/v1/conversations/cnv_nope/messages", bob, nil, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out map[string]any
			if st := e.do(t, tt.method, tt.path, tt.token, tt.body, nil, &out); st != tt.status {
				t.Fatalf("status=%d, want %d (%v)", st, tt.status, out)
			}
			if strings.Contains(toJSON(out), "secret question") && tt.token != alice {
				t.Fatal("alice's message leaked")
			}
		})
	}

	// WebSocket, first-frame auth: bob on alice's conversation is refused
	// with an error frame and a policy-violation close.
	c, _, err := websocket.Dial(context.Background(), wsURL(e, aliceConv), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	send(t, c, map[string]string{"type": "auth", "token": bob})
	if f := read(t, c); f["type"] != "error" || f["error"] != proofdesk.ENOTFOUND {
		t.Fatalf("frame %v, want a not_found error", f)
	}
	if _, _, err := c.Read(context.Background()); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Fatalf("close %v, want policy violation", err)
	}
	// Subprotocol auth is checked before the upgrade.
	_, resp, err := websocket.Dial(context.Background(), wsURL(e, aliceConv), &websocket.DialOptions{Subprotocols: []string{widget.Subprotocol, "visitor." + bob}})
	if err == nil || resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("subprotocol auth as bob on alice's: err=%v resp=%v, want 404", err, resp)
	}
	// And alice's own subprotocol token works.
	ca, _, err := websocket.Dial(context.Background(), wsURL(e, aliceConv), &websocket.DialOptions{Subprotocols: []string{widget.Subprotocol, "visitor." + alice}})
	if err != nil {
		t.Fatal(err)
	}
	defer ca.CloseNow()
	if ca.Subprotocol() != widget.Subprotocol {
		t.Fatalf("subprotocol %q, want %q", ca.Subprotocol(), widget.Subprotocol)
	}
	if f := read(t, ca); f["type"] != "ready" {
		t.Fatalf("frame %v, want ready", f)
	}
	// Bob's connection on his own conversation never sees alice's messages.
	cb, _ := e.dial(t, bob, bobConv)
	send(t, ca, map[string]string{"type": "message", "client_id": "a1", "body": "alice again"})
	readType(t, ca, "ack")
	send(t, cb, map[string]string{"type": "resume", "after": ""})
	if f := readType(t, cb, "message"); f["body"] != "bob here" {
		t.Fatalf("bob got %v", f)
	}
	e.agentReply(t, bobConv, "hi bob", false)
	if f := readType(t, cb, "message"); f["body"] != "hi bob" {
		t.Fatalf("bob got %v, want only his own conversation", f)
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestWidget_Origin(t *testing.T) {
	e := newEnv(t, widget.Config{AllowedOrigins: []string{"shop.example.com", "https://*.brand.example"}})
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "hi")

	tests := []struct {
		origin string
		ok     bool
	}{
		{"https://shop.example.com", true},
		{"http://shop.example.com", true},
		{"https://eu.brand.example", true},
		{"http://eu.brand.example", false},
		{"https://evil.example", false},
		{"null", false},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			hdr := http.Header{"Origin": {tt.origin}}
			c, resp, err := websocket.Dial(context.Background(), wsURL(e, convID), &websocket.DialOptions{HTTPHeader: hdr})
			if tt.ok {
				if err != nil {
					t.Fatalf("allowed origin refused: %v", err)
				}
				c.CloseNow()
			} else if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
				if c != nil {
					c.CloseNow()
				}
				t.Fatalf("origin accepted: err=%v, want 403", err)
			}
			// The JSON endpoints too, with CORS headers for allowed ones.
			req, _ := http.NewRequest("OPTIONS", e.srv.URL()+"/widget/v1/conversations", nil)
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			pre, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			pre.Body.Close()
			if tt.ok && (pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != tt.origin) {
				t.Fatalf("preflight status=%d allow-origin=%q", pre.StatusCode, pre.Header.Get("Access-Control-Allow-Origin"))
			}
			if !tt.ok && (pre.StatusCode != http.StatusForbidden || pre.Header.Get("Access-Control-Allow-Origin") != "") {
				t.Fatalf("preflight status=%d allow-origin=%q, want 403 and none", pre.StatusCode, pre.Header.Get("Access-Control-Allow-Origin"))
			}
			if st := e.do(t, "POST", "/widget/v1/visitors", "", nil, map[string]string{"Origin": tt.origin}, nil); (st == http.StatusCreated) != tt.ok {
				t.Fatalf("POST visitors from %s: status %d", tt.origin, st)
			}
		})
	}
}

func TestWidget_LimitsAnswerWithErrorFrames(t *testing.T) {
	e := newEnv(t, widget.Config{RatePerMinute: 1, Burst: 3, MaxMessageBytes: 100})
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "hi") // takes one token
	c, ready := e.dial(t, token, convID)
	if ready["max_bytes"] != float64(100) {
		t.Fatalf("ready %v", ready)
	}

	send(t, c, map[string]string{"type": "message", "client_id": "big", "body": strings.Repeat("x", 101)})
	if f := readType(t, c, "error"); f["error"] != "too_large" || f["client_id"] != "big" || f["max_bytes"] != float64(100) {
		t.Fatalf("too large: %v", f)
	}
	// A body that is only a code is never stored; with no request pending
	// the visitor is told so.
	send(t, c, map[string]string{"type": "message", "client_id": "code", "body": "123 456"})
	if f := readType(t, c, "error"); f["error"] != proofdesk.EINVALID || f["client_id"] != "code" || !strings.Contains(f["message"].(string), "verification code") {
		t.Fatalf("code-like message: %v", f)
	}
	for _, id := range []string{"m1"} {
		send(t, c, map[string]string{"type": "message", "client_id": id, "body": "ok " + id})
		if f := readType(t, c, "ack"); f["client_id"] != id {
			t.Fatalf("ack %v", f)
		}
	}
	// Burst 3 is spent (conversation, code attempt, m1): the next is refused, loudly.
	send(t, c, map[string]string{"type": "message", "client_id": "m2", "body": "too fast"})
	f := readType(t, c, "error")
	if f["error"] != proofdesk.ERATELIMIT || f["client_id"] != "m2" || f["retry_after"] == nil {
		t.Fatalf("rate limit: %v", f)
	}
	// The connection stays usable and nothing refused was stored.
	send(t, c, map[string]string{"type": "nonsense"})
	if f := readType(t, c, "error"); f["error"] != proofdesk.EINVALID {
		t.Fatalf("unknown frame: %v", f)
	}
	msgs, err := e.convs.FindMessages(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, m := range msgs {
		bodies = append(bodies, m.Body)
	}
	if diff := cmp.Diff([]string{"hi", "ok m1"}, bodies); diff != "" {
		t.Fatalf("stored (-want +got):\n%s", diff)
	}
	// Over HTTP the same limits are errors with statuses.
	var out map[string]any
	if st := e.do(t, "POST", "/widget/v1/conversations", token, map[string]string{"message": strings.Repeat("y", 101)}, nil, &out); st != 400 || out["max_bytes"] != float64(100) {
		t.Fatalf("HTTP too large: %d %v", st, out)
	}
	if st := e.do(t, "POST", "/widget/v1/conversations", token, map[string]string{"message": "654321"}, nil, &out); st != 400 || out["field"] != "message" {
		t.Fatalf("HTTP code as first message: %d %v", st, out)
	}
	if st := e.do(t, "POST", "/widget/v1/conversations", token, map[string]string{"message": "again"}, nil, &out); st != 429 {
		t.Fatalf("HTTP rate limit: %d %v", st, out)
	}
}

func TestWidget_ResumeWithoutLossOrDuplicates(t *testing.T) {
	e := newEnv(t, widget.Config{})
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "first")
	c1, _ := e.dial(t, token, convID)
	send(t, c1, map[string]string{"type": "resume", "after": ""})

	seen := []string{}
	take := func(c *websocket.Conn) string {
		f := readType(t, c, "message")
		seen = append(seen, f["id"].(string))
		return f["id"].(string)
	}
	if take(c1) == "" {
		t.Fatal("no history")
	}
	e.agentReply(t, convID, "a1", false)
	e.agentReply(t, convID, "internal", true)
	e.agentReply(t, convID, "a2", false)
	last := take(c1) // a1 read; a2 may be in flight and is lost with the connection
	c1.CloseNow()

	e.agentReply(t, convID, "a3", false)
	e.agentReply(t, convID, "a4", false)
	c2, _ := e.dial(t, token, convID)
	send(t, c2, map[string]string{"type": "resume", "after": last})
	send(t, c2, map[string]string{"type": "message", "client_id": "after-reconnect", "body": "back"})
	for range 4 { // a2, a3, a4, back
		take(c2)
	}
	e.agentReply(t, convID, "a5", false)
	take(c2)

	msgs, err := e.convs.FindMessages(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{}
	for _, m := range msgs {
		if !m.Internal {
			want = append(want, m.ID)
		}
	}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Fatalf("messages seen across the reconnect (-want +got):\n%s", diff)
	}
	// A resume after an unknown ID is an error, not a silent replay.
	send(t, c2, map[string]string{"type": "resume", "after": "msg_nope"})
	if f := readType(t, c2, "error"); f["error"] != proofdesk.EINVALID {
		t.Fatalf("bad resume: %v", f)
	}
}

var codeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)

func TestWidget_CodeEntryCompletesChallenge(t *testing.T) {
	e := newEnv(t, widget.Config{})
	ctx := context.Background()
	old := time.Now().AddDate(-1, 0, 0)
	cust, err := (&proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}}}).Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(e.db).CreateCustomer(ctx, cust); err != nil {
		t.Fatal(err)
	}
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "I want to change my address")
	cid := cust.ID
	agentCtx := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent})
	if _, err := desk.New(e.db, desk.Config{}).UpdateConversation(agentCtx, convID, proofdesk.ConversationUpdate{CustomerID: &cid}); err != nil {
		t.Fatal(err)
	}
	next := e.agentStream(t, "?conversation="+convID)
	c, _ := e.dial(t, token, convID)

	// The agent sends a request (as the API does: issue, then publish).
	ch, err := e.verif.IssueChallenge(agentCtx, convID, cust.ContactPoints[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	e.events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventChallengeUpdated, ConversationID: convID, Status: ch.Status})
	if f := readType(t, c, "challenge"); f["status"] != proofdesk.ChallengePending {
		t.Fatalf("challenge frame %v", f)
	}
	msgs, err := sqldb.NewOutboxService(e.db).FindOutbox(ctx, 10)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("outbox: %v", err)
	}
	m := codeRe.FindStringSubmatch(msgs[0].Body)
	if m == nil {
		t.Fatal("no code in the verification message")
	}
	code := m[1]
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}

	// A reconnecting widget learns of the pending request in ready.
	if _, ready := e.dial(t, token, convID); ready["challenge"] != proofdesk.ChallengePending {
		t.Fatalf("ready %v, want challenge pending", ready)
	}

	send(t, c, map[string]string{"type": "code", "code": wrong})
	f := readType(t, c, "code_result")
	if f["ok"] != false || f["status"] != proofdesk.ChallengePending || f["attempts_left"] == nil {
		t.Fatalf("wrong code: %v", f)
	}
	// The right code typed into the message box counts as a code too.
	send(t, c, map[string]string{"type": "message", "client_id": "x", "body": code[:3] + " " + code[3:]})
	f = readType(t, c, "code_result")
	if f["ok"] != true || f["level"] != "L1" || f["client_id"] != "x" {
		t.Fatalf("right code: %v", f)
	}
	if f := readType(t, c, "level"); f["level"] != "L1" {
		t.Fatalf("level frame %v", f)
	}
	if ev := next(proofdesk.EventLevelChanged); ev.Level != "L1" || ev.ConversationID != convID {
		t.Fatalf("agent saw %+v, want level L1", ev)
	}
	conv, err := e.convs.FindConversationByID(ctx, convID)
	if err != nil {
		t.Fatal(err)
	}
	if conv.EffectiveLevel(time.Now()) != proofdesk.L1 {
		t.Fatalf("level %s, want L1", conv.Level)
	}
	// Neither code was stored as a message or echoed.
	stored, _ := e.convs.FindMessages(ctx, convID)
	for _, sm := range stored {
		if _, isCode := verify.NormalizeCode(sm.Body); isCode || strings.Contains(sm.Body, code[:3]+" "+code[3:]) {
			t.Fatalf("a code was stored as a message")
		}
	}
	if strings.Contains(toJSON(f), code) {
		t.Fatal("the code was echoed")
	}
	// The HTTP code endpoint: nothing pending any more.
	var out map[string]any
	if st := e.do(t, "POST", "/widget/v1/conversations/"+convID+"/code", token, map[string]string{"code": code}, nil, &out); st != 400 {
		t.Fatalf("code after completion: %d %v", st, out)
	}
}

func TestWidget_IdentityTokenLinksAtL1(t *testing.T) {
	e := newEnv(t, widget.Config{})
	ctx := context.Background()
	cust, err := (&proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "user-42",
		Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com"}}}).Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(e.db).CreateCustomer(ctx, cust); err != nil {
		t.Fatal(err)
	}
	mint := func(sub string) string {
		now := time.Now()
		tok, err := verify.Mint(verify.Claims{Subject: sub, Audience: audience, IssuedAt: now, ExpiresAt: now.Add(5 * time.Minute)}, tokenSecret)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	token := e.newVisitor(t)
	next := e.agentStream(t, "")
	good := mint("user-42")
	var out map[string]any
	if st := e.do(t, "POST", "/widget/v1/conversations", token, map[string]string{"message": "hi", "identity_token": good}, nil, &out); st != 201 || out["level"] != "L1" {
		t.Fatalf("with identity token: %d %v", st, out)
	}
	if ev := next(proofdesk.EventLevelChanged); ev.Level != "L1" || ev.ConversationID != out["conversation_id"] {
		t.Fatalf("agent saw %+v", ev)
	}
	conv, err := e.convs.FindConversationByID(ctx, out["conversation_id"].(string))
	if err != nil || conv.CustomerID != cust.ID {
		t.Fatalf("conversation not linked: %v %v", conv, err)
	}
	// Replayed, forged or absent-customer tokens: refused before anything is stored.
	_, total, _ := e.convs.FindConversations(ctx, proofdesk.ConversationFilter{})
	for name, tok := range map[string]string{"replayed": good, "forged": good[:len(good)-4] + "AAAA"} {
		if st := e.do(t, "POST", "/widget/v1/conversations", token, map[string]string{"message": "hi", "identity_token": tok}, nil, &out); st != 401 {
			t.Fatalf("%s token: %d %v", name, st, out)
		}
	}
	if _, after, _ := e.convs.FindConversations(ctx, proofdesk.ConversationFilter{}); after != total {
		t.Fatalf("refused tokens created conversations: %d → %d", total, after)
	}
}

// TestWidget_Case22_BidiNeutralised: the shared case 22 (a visitor name
// and message with U+202E RIGHT-TO-LEFT OVERRIDE) and variants with the
// other bidi controls are stored as every channel stores them: without
// the controls (proofdesk.NeutralizeBidi), on chat as on email, API and
// phone.
func TestWidget_Case22_BidiNeutralised(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "22-widget-rlo-name.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c22 map[string]string
	if err := json.Unmarshal(raw, &c22); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		req            map[string]string
		wantName, want string
	}{
		{"case 22", c22, "Anagpj.exe", "Hello txt.exe"},
		{"isolates", map[string]string{"message": "pay to \u2067IBAN 1234\u2069 now", "name": "\u2066Bob\u2069", "client_id": "v2"}, "Bob", "pay to IBAN 1234 now"},
		{"embeddings", map[string]string{"message": "\u202aorder\u202b 55\u202c", "name": "Eve\u202dx", "client_id": "v3"}, "Evex", "order 55"},
		{"hebrew with marks kept", map[string]string{"message": "שלום\u200f 12", "name": "דנה", "client_id": "v4"}, "דנה", "שלום\u200f 12"},
	}
	e := newEnv(t, widget.Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := e.newVisitor(t)
			var out map[string]any
			if st := e.do(t, "POST", "/widget/v1/conversations", token, tt.req, nil, &out); st != http.StatusCreated {
				t.Fatalf("status %d: %v", st, out)
			}
			id := out["conversation_id"].(string)
			conv, err := e.convs.FindConversationByID(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := e.convs.FindMessages(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if conv.Requester.Name != tt.wantName || ms[0].Body != tt.want {
				t.Fatalf("name=%q body=%q, want %q %q", conv.Requester.Name, ms[0].Body, tt.wantName, tt.want)
			}
			// Messages sent over the socket go the same way.
			c, _ := e.dial(t, token, id)
			send(t, c, map[string]string{"type": "message", "client_id": "ws-" + tt.req["client_id"], "body": tt.req["message"]})
			readType(t, c, "ack")
			ms, _ = e.convs.FindMessages(context.Background(), id)
			if got := ms[len(ms)-1].Body; got != tt.want {
				t.Fatalf("socket message=%q, want %q", got, tt.want)
			}
			// And on the other channels through the one store entry.
			for _, ch := range []string{proofdesk.ChannelEmail, proofdesk.ChannelAPI, proofdesk.ChannelPhone} {
				other := &proofdesk.Conversation{Channel: ch, Subject: tt.req["message"], Requester: proofdesk.Requester{Name: tt.req["name"]}}
				if err := e.convs.CreateConversation(context.Background(), other, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: tt.req["message"]}); err != nil {
					t.Fatal(err)
				}
				om, _ := e.convs.FindMessages(context.Background(), other.ID)
				oc, _ := e.convs.FindConversationByID(context.Background(), other.ID)
				if oc.Requester.Name != tt.wantName || om[0].Body != tt.want || oc.Subject != tt.want {
					t.Fatalf("%s: name=%q subject=%q body=%q", ch, oc.Requester.Name, oc.Subject, om[0].Body)
				}
			}
		})
	}
}

// A fresh page resumes with one page of history, however long the chat,
// and pages back on request; agent replies carry the agent's first name
// and a resolve reaches the visitor as a status frame.
func TestWidget_HistoryPagesAndStatus(t *testing.T) {
	e := newEnv(t, widget.Config{})
	token := e.newVisitor(t)
	convID := e.newConversation(t, token, "first")
	for i := range 7 {
		e.agentReply(t, convID, fmt.Sprintf("reply %d", i), false)
		if i == 3 {
			e.agentReply(t, convID, "internal", true)
		}
	}
	msgs, err := e.convs.FindMessages(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range msgs {
		if !m.Internal {
			want = append(want, m.ID)
		}
	}
	c, ready := e.dial(t, token, convID)
	if ready["status"] != proofdesk.StatusOpen {
		t.Fatalf("ready: %v", ready)
	}
	send(t, c, map[string]any{"type": "resume", "limit": 3})
	var got []string
	more, pages := true, 0
	for more {
		f := readType(t, c, "history")
		page := f["messages"].([]any)
		if len(page) == 0 || len(page) > 3 {
			t.Fatalf("page of %d messages: %v", len(page), f)
		}
		var ids []string
		for _, m := range page {
			mm := m.(map[string]any)
			ids = append(ids, mm["id"].(string))
			if mm["author"] == proofdesk.AuthorAgent && mm["author_name"] != "Ann" {
				t.Fatalf("agent reply without the agent's first name: %v", mm)
			}
			if mm["body"] == "internal" {
				t.Fatal("internal note in the history")
			}
		}
		got = append(ids, got...)
		more = f["more"].(bool)
		pages++
		if more {
			send(t, c, map[string]any{"type": "history", "before": ids[0], "limit": 3})
		}
	}
	if diff := cmp.Diff(want, got); diff != "" || pages != 3 {
		t.Fatalf("history over %d pages (-want +got):\n%s", pages, diff)
	}
	// Live messages follow the fresh page without repeating it.
	e.agentReply(t, convID, "live", false)
	if f := readType(t, c, "message"); f["body"] != "live" {
		t.Fatalf("live message after the page: %v", f)
	}
	send(t, c, map[string]any{"type": "history", "before": "msg_nope"})
	if f := readType(t, c, "error"); f["error"] != proofdesk.EINVALID {
		t.Fatalf("history before an unknown message: %v", f)
	}
	resolved := proofdesk.StatusResolved
	if _, err := e.convs.UpdateConversation(context.Background(), convID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	if f := readType(t, c, "status"); f["status"] != proofdesk.StatusResolved {
		t.Fatalf("status frame: %v", f)
	}
	// Writing again reopens it.
	send(t, c, map[string]string{"type": "message", "client_id": "again", "body": "One more question"})
	if f := readType(t, c, "status"); f["status"] != proofdesk.StatusOpen {
		t.Fatalf("status after writing again: %v", f)
	}
	if conv, err := e.convs.FindConversationByID(context.Background(), convID); err != nil || conv.Status != proofdesk.StatusOpen {
		t.Fatalf("conversation after writing again: %+v %v", conv, err)
	}
}

// TestConversationCreate_Idempotent: a visitor's creation retried with the
// same client_id (its answer was lost: a dropped connection, a server that
// died after the commit) answers with the conversation already made and
// stores nothing twice; another visitor's same client_id is its own.
func TestConversationCreate_Idempotent(t *testing.T) {
	e := newEnv(t, widget.Config{})
	token := e.newVisitor(t)
	body := map[string]string{"message": "Where is my parcel?", "client_id": "first0"}
	var a, b struct {
		ID      string `json:"conversation_id"`
		Message struct {
			ID string `json:"id"`
		} `json:"message"`
	}
	if st := e.do(t, "POST", "/widget/v1/conversations", token, body, nil, &a); st != 201 {
		t.Fatalf("create: %d", st)
	}
	if st := e.do(t, "POST", "/widget/v1/conversations", token, body, nil, &b); st != 201 {
		t.Fatalf("retry: %d", st)
	}
	if a.ID == "" || a.ID != b.ID || a.Message.ID != b.Message.ID {
		t.Fatalf("retry made conversation %s/%s, first %s/%s", b.ID, b.Message.ID, a.ID, a.Message.ID)
	}
	cs, n, err := e.convs.FindConversations(context.Background(), proofdesk.ConversationFilter{})
	if err != nil || n != 1 || len(cs) != 1 {
		t.Fatalf("%d conversations stored (%v), want 1", n, err)
	}
	other := e.newVisitor(t)
	var c struct {
		ID string `json:"conversation_id"`
	}
	if st := e.do(t, "POST", "/widget/v1/conversations", other, body, nil, &c); st != 201 || c.ID == a.ID {
		t.Fatalf("another visitor's creation: %d %s, want its own conversation", st, c.ID)
	}
}

// TestWidget_OneGoroutinePerChat: an open chat costs one goroutine (its
// reader); events are handled by a goroutine started when they come,
// and the HTTP handler's goroutine has returned. At 10,000 open chats
// each goroutine more is ~9 KiB of stack, 90 MB.
func TestWidget_OneGoroutinePerChat(t *testing.T) {
	e := newEnv(t, widget.Config{})
	const chats = 20
	for range chats {
		token := e.newVisitor(t)
		convID := e.newConversation(t, token, "hello")
		c, _ := e.dial(t, token, convID)
		send(t, c, map[string]string{"type": "message", "client_id": "c1", "body": "order 1234"})
		readType(t, c, "ack")
	}
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "proofdesk/http/widget.") {
			n++
		}
	}
	// Events handled just now may still be finishing: allow a few.
	if n < chats || n > chats+chats/2 {
		t.Fatalf("%d goroutines in package widget for %d open chats, want one each", n, chats)
	}
}
