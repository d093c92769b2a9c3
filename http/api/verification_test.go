package api_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/verifypage"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/verify"
)

// vClock is a settable time source shared by the store and the handlers.
type vClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *vClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Microsecond)
	return c.now
}

func (c *vClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

const (
	vAudience = "https://desk.example"
	realLine1 = "742 Evergreen Terrace"
)

// realAddress holds the pieces of the customer's real address and
// contact points that no agent-facing answer may hold before verification.
var realAddress = []string{"742 Evergreen", "Evergreen", "97403", "jane@example.com", "4155550123"}

// vEnv is the full API (customers, conversations, verification, policy,
// audit, outbox, identity) and the customer's page on one server and a
// real store. Jane has an email and a phone on file for two years and an
// email added today (inside the cooling-off window); Ann holds an L0 chat
// conversation linked to Jane.
type vEnv struct {
	*env
	db          *sqldb.DB
	clk         *vClock
	vs          *desk.Verification
	outbox      *api.OutboxHandler
	identity    *api.IdentityHandler
	tokenSecret []byte

	agent, other, supervisor, admin *proofdesk.Agent
	agentTok, otherTok, supTok      string
	adminTok                        string
	cust                            *proofdesk.Customer
	conv                            *proofdesk.Conversation
	emailID, phoneID, newEmailID    string
}

func newVEnv(t *testing.T, db *sqldb.DB) *vEnv {
	t.Helper()
	ctx := context.Background()
	e := &vEnv{db: db, clk: &vClock{now: time.Now().UTC().Truncate(time.Second)}, tokenSecret: []byte(strings.Repeat("s", 32))}
	db.SetNow(e.clk.Now)
	var err error
	if e.vs, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: vAudience}); err != nil {
		t.Fatal(err)
	}
	agents := sqldb.NewAgentService(db)
	e.agent = mustAgentNamed(t, agents, "ann@desk.test", "Ann Agent", proofdesk.RoleAgent)
	e.other = mustAgentNamed(t, agents, "bob@desk.test", "Bob Other", proofdesk.RoleAgent)
	e.supervisor = mustAgentNamed(t, agents, "sue@desk.test", "Sue Super", proofdesk.RoleSupervisor)
	e.admin = mustAgentNamed(t, agents, "ada@desk.test", "Ada Admin", proofdesk.RoleAdmin)
	e.agentTok, e.otherTok = mustToken(t, agents, e.agent), mustToken(t, agents, e.other)
	e.supTok, e.adminTok = mustToken(t, agents, e.supervisor), mustToken(t, agents, e.admin)

	old := e.clk.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:      []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}, {Value: "new@attacker.example"}},
		Phones:      []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: &old}},
		Addresses:   []proofdesk.Address{{Line1: realLine1, City: "Springfield", Region: "OR", PostalCode: "97403", Country: "US"}},
		DateOfBirth: "1980-04-05",
		Payment:     &proofdesk.Payment{Brand: "visa", Last4: "4242"}}
	if e.cust, err = in.Customer(e.clk.Now()); err != nil {
		t.Fatal(err)
	}
	customers := sqldb.NewCustomerService(db)
	if err := customers.CreateCustomer(ctx, e.cust); err != nil {
		t.Fatal(err)
	}
	for _, cp := range e.cust.ContactPoints {
		switch cp.Value {
		case "jane@example.com":
			e.emailID = cp.ID
		case "new@attacker.example":
			e.newEmailID = cp.ID
		default:
			e.phoneID = cp.ID
		}
	}
	e.conv = e.newConversation(t, e.cust.ID)

	srv := httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	dk := desk.New(db, desk.Config{})
	h := api.NewHandler(agents, dk.Customers(customers), dk.Conversations(sqldb.NewConversationService(db)), sqldb.NewAuditService(db), sqldb.NewPolicyService(db))
	h.Challenges = e.vs
	h.Now = e.clk.Now
	h.Lookups = dk
	h.Register(srv)
	api.NewVerificationHandler(agents, e.vs, dk).Register(srv)
	api.NewExportHandler(agents, e.vs.Notices().Exports()).Register(srv)
	api.NewPolicyHandler(agents, sqldb.NewPolicyService(db)).Register(srv)
	api.NewAuditHandler(agents, sqldb.NewAuditService(db)).Register(srv)
	e.outbox = api.NewOutboxHandler(agents, sqldb.NewOutboxService(db))
	e.outbox.Register(srv)
	verifier, err := verify.NewTokenVerifier(verify.TokenConfig{Secret: e.tokenSecret, Audience: vAudience, Leeway: verify.DefaultLeeway, Replay: sqldb.NewReplayStore(db)})
	if err != nil {
		t.Fatal(err)
	}
	e.identity = api.NewIdentityHandler(agents, verifier, e.vs)
	e.identity.Now = e.clk.Now
	e.identity.Register(srv)
	key, err := db.Secret(ctx, "verifypage")
	if err != nil {
		t.Fatal(err)
	}
	page, err := verifypage.NewHandler(e.vs, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	page.Now = e.clk.Now
	page.Register(srv)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	e.env = &env{srv: srv}
	return e
}

func mustAgentNamed(tb testing.TB, agents *sqldb.AgentService, email, name, role string) *proofdesk.Agent {
	tb.Helper()
	a := &proofdesk.Agent{Email: email, Name: name, Role: role, PasswordHash: "x", CreatedAt: time.Now()}
	if err := agents.CreateAgent(context.Background(), a); err != nil {
		tb.Fatal(err)
	}
	return a
}

// newConversation opens an L0 chat conversation held by Ann.
func (e *vEnv) newConversation(t *testing.T, customerID string) *proofdesk.Conversation {
	t.Helper()
	ctx := proofdesk.NewContextWithAgent(context.Background(), e.agent)
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: customerID, AssigneeID: e.agent.ID,
		Requester: proofdesk.Requester{Name: "Jane Doe"}}
	if err := sqldb.NewConversationService(e.db).CreateConversation(ctx, conv, nil); err != nil {
		t.Fatal(err)
	}
	return conv
}

func (e *vEnv) level(t *testing.T, convID string) proofdesk.Level {
	t.Helper()
	c, err := sqldb.NewConversationService(e.db).FindConversationByID(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(e.clk.Now())
}

// issue sends a request to contact point cp through the API, as Ann.
func (e *vEnv) issue(t *testing.T, convID, cp string) proofdesk.ChallengeInfo {
	t.Helper()
	body := e.run(t, scenario{method: "POST", url: "/api/v1/conversations/" + convID + "/challenges", token: e.agentTok,
		body: `{"contact_point_id":"` + cp + `"}`, wantStatus: 201})
	var info proofdesk.ChallengeInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	return info
}

var (
	vLinkRe = regexp.MustCompile(`/v/([A-Za-z0-9_-]{43})`)
	vCodeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)
)

// mailbox reads the newest verification message through the admin outbox
// API (the demo's stand-in for the customer's mailbox) and returns its
// link token and code.
func (e *vEnv) mailbox(t *testing.T, kind string) (token, code string) {
	t.Helper()
	body := e.run(t, scenario{method: "GET", url: "/api/v1/outbox", token: e.adminTok, wantStatus: 200})
	var out struct {
		Messages []proofdesk.OutboxMessage `json:"messages"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	for _, m := range out.Messages {
		if m.Purpose == "verification" && m.Kind == kind {
			lm, cm := vLinkRe.FindStringSubmatch(m.Body), vCodeRe.FindStringSubmatch(m.Body)
			if lm == nil || cm == nil {
				t.Fatalf("verification message without link or code")
			}
			return lm[1], cm[1]
		}
	}
	t.Fatalf("no %s verification message in the outbox", kind)
	return "", ""
}

var vCSRFRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// approve is the customer on /v/{token}: open the page, pick number, press
// "Yes, this is me".
func (e *vEnv) approve(t *testing.T, token string, number int) string {
	t.Helper()
	status, b := approveStatus(t, e, token, number)
	if status != 200 {
		t.Fatalf("approve: status %d: %s", status, b)
	}
	return b
}

// mint returns a signed session token; header "" is the standard HS256 one.
func mint(secret []byte, header string, claims map[string]any) string {
	b64 := base64.RawURLEncoding.EncodeToString
	if header == "" {
		header = `{"alg":"HS256","typ":"JWT"}`
	}
	payload, _ := json.Marshal(claims)
	signing := b64([]byte(header)) + "." + b64(payload)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(signing))
	return signing + "." + b64(m.Sum(nil))
}

var jtiSeq int

func (e *vEnv) claims(sub string) map[string]any {
	jtiSeq++
	now := e.clk.Now().Unix()
	return map[string]any{"sub": sub, "aud": vAudience, "iat": now, "exp": now + 300, "jti": fmt.Sprintf("jti-%d-%d", now, jtiSeq)}
}

func TestChallenges_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		convURL := "/api/v1/conversations/" + e.conv.ID + "/challenges"
		info := e.issue(t, e.conv.ID, e.emailID)
		if info.MaskedDestination != proofdesk.MaskEmail("jane@example.com") || info.Kind != proofdesk.ContactEmail ||
			info.Number < 10 || info.Number > 99 || info.Status != proofdesk.ChallengePending || info.AttemptsLeft != 5 ||
			!info.ExpiresAt.After(info.CreatedAt) || info.ConversationID != e.conv.ID || info.ContactPointID != e.emailID {
			t.Fatalf("challenge info = %+v", info)
		}
		token, code := e.mailbox(t, proofdesk.OutboxEmail)
		secrets := append([]string{token, code, "/v/"}, realAddress...)
		e.run(t, scenario{method: "GET", url: convURL, token: e.agentTok, wantStatus: 200,
			want: []string{info.ID, `"destination":"` + info.MaskedDestination + `"`, fmt.Sprintf(`"number":%d`, info.Number)}, notWant: secrets})

		phone := e.issue(t, e.conv.ID, e.phoneID)
		if phone.MaskedDestination != proofdesk.MaskPhone("+14155550123") || phone.Kind != proofdesk.ContactPhone {
			t.Fatalf("phone challenge = %+v", phone)
		}
		other := e.newConversation(t, "")
		tests := []scenario{
			{name: "no token", method: "POST", url: convURL, body: `{"contact_point_id":"` + e.emailID + `"}`, wantStatus: 401},
			{name: "cooling-off", method: "POST", url: convURL, token: e.agentTok, body: `{"contact_point_id":"` + e.newEmailID + `"}`,
				wantStatus: 403, want: []string{`"error":"forbidden"`, "added or changed recently", "cannot be used for verification until"}, notWant: []string{"attacker"}},
			{name: "unknown contact point", method: "POST", url: convURL, token: e.agentTok, body: `{"contact_point_id":"cp_nope"}`,
				wantStatus: 400, want: []string{`"field":"contact_point_id"`, "not on file"}},
			{name: "an address instead of an id", method: "POST", url: convURL, token: e.agentTok, body: `{"contact_point_id":"attacker@evil.example"}`,
				wantStatus: 400, want: []string{`"field":"contact_point_id"`}, notWant: []string{"attacker@evil.example"}},
			{name: "an email field", method: "POST", url: convURL, token: e.agentTok, body: `{"email":"attacker@evil.example"}`,
				wantStatus: 400, want: []string{`"field":"email"`}},
			{name: "a destination field", method: "POST", url: convURL, token: e.agentTok, body: `{"contact_point_id":"` + e.emailID + `","destination":"+15550000000"}`,
				wantStatus: 400, want: []string{`"field":"destination"`}},
			{name: "empty", method: "POST", url: convURL, token: e.agentTok, body: `{}`, wantStatus: 400, want: []string{`"field":"contact_point_id"`}},
			{name: "no customer linked", method: "POST", url: "/api/v1/conversations/" + other.ID + "/challenges", token: e.agentTok,
				body: `{"contact_point_id":"` + e.emailID + `"}`, wantStatus: 400, want: []string{"link the conversation to a customer"}},
			{name: "unknown conversation", method: "POST", url: "/api/v1/conversations/cnv_nope/challenges", token: e.agentTok,
				body: `{"contact_point_id":"` + e.emailID + `"}`, wantStatus: 404},
			{name: "list unknown conversation", method: "GET", url: "/api/v1/conversations/cnv_nope/challenges", token: e.agentTok, wantStatus: 404},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { e.run(t, tt) })
		}
		// At most 5 requests per conversation: 2 sent, 3 more, then 429.
		for range 3 {
			e.issue(t, e.conv.ID, e.emailID)
		}
		e.run(t, scenario{method: "POST", url: convURL, token: e.agentTok, body: `{"contact_point_id":"` + e.emailID + `"}`,
			wantStatus: 429, want: []string{`"error":"rate_limited"`}})
		if l := e.level(t, e.conv.ID); l != proofdesk.L0 {
			t.Fatalf("sending requests raised the level to %s", l)
		}
	})
}

func TestReveal_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		revealURL := "/api/v1/conversations/" + e.conv.ID + "/reveal"
		at := func(field string) string {
			return `{"field":"` + field + `","reason":"customer asked where the parcel goes"}`
		}
		tests := []scenario{
			{name: "L0 address", method: "POST", url: revealURL, token: e.agentTok, body: at("addresses"), wantStatus: 403,
				want: []string{`"error":"verification_required"`, `"required_level":"L1"`}, notWant: realAddress},
			{name: "L0 payment", method: "POST", url: revealURL, token: e.agentTok, body: at("payment"), wantStatus: 403,
				want: []string{`"error":"verification_required"`, `"required_level":"L2"`}, notWant: []string{"4242"}},
			{name: "L0 undeclared attribute", method: "POST", url: revealURL, token: e.agentTok, body: at("attributes.account_number"), wantStatus: 403,
				want: []string{`"required_level":"L1"`}},
			{name: "unknown field", method: "POST", url: revealURL, token: e.agentTok, body: at("favourite_colour"), wantStatus: 400, want: []string{`"field":"field"`}},
			{name: "no reason", method: "POST", url: revealURL, token: e.agentTok, body: `{"field":"addresses"}`, wantStatus: 400, want: []string{`"field":"reason"`}},
			{name: "unknown body field", method: "POST", url: revealURL, token: e.agentTok, body: `{"field":"addresses","reason":"why not","level":"L2"}`, wantStatus: 400},
			{name: "no token", method: "POST", url: revealURL, body: at("addresses"), wantStatus: 401},
			{name: "agent break glass", method: "POST", url: revealURL, token: e.agentTok, body: `{"field":"addresses","reason":"urgent","break_glass":true}`, wantStatus: 403,
				want: []string{"Only a supervisor may break glass"}, notWant: realAddress},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { e.run(t, tt) })
		}
		// A signed session raises the conversation to L1.
		e.run(t, scenario{method: "POST", url: "/api/v1/conversations/" + e.conv.ID + "/identity", token: e.agentTok,
			body: `{"token":"` + mint(e.tokenSecret, "", e.claims("u-1")) + `"}`, wantStatus: 200, want: []string{`"level":"L1"`}})
		e.run(t, scenario{method: "POST", url: revealURL, token: e.otherTok, body: at("addresses"), wantStatus: 403,
			want: []string{`"error":"forbidden"`, "Only the agent assigned"}, notWant: realAddress})
		e.run(t, scenario{method: "POST", url: revealURL, token: e.agentTok, body: at("payment"), wantStatus: 403,
			want: []string{`"required_level":"L2"`, `"current_level":"L1"`}, notWant: []string{"4242"}})
		e.run(t, scenario{method: "POST", url: revealURL, token: e.agentTok, body: at("addresses"), wantStatus: 200,
			want: []string{`"field":"addresses"`, realLine1}})
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditReveal), Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].ActorID != e.agent.ID || entries[0].Detail["field"] != "addresses" || entries[0].SubjectID != e.conv.ID {
			t.Fatalf("reveal audit = %+v", entries)
		}
		// A supervisor breaks glass: the value, a flag on the conversation.
		e.run(t, scenario{method: "POST", url: revealURL, token: e.supTok, body: `{"field":"payment","reason":"chargeback dispute #12","break_glass":true}`,
			wantStatus: 200, want: []string{"4242"}})
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + e.conv.ID, token: e.agentTok, wantStatus: 200,
			want: []string{proofdesk.RiskBreakGlass}})
	})
}

func ptr[T any](v T) *T { return &v }

// TestNoAgentRouteTakesTheCode posts the customer's real code to every
// route an agent can reach, and to the routes one might expect: none
// takes it, and the level stays L0.
func TestNoAgentRouteTakesTheCode(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		info := e.issue(t, e.conv.ID, e.emailID)
		_, code := e.mailbox(t, proofdesk.OutboxEmail)
		c := "/api/v1/conversations/" + e.conv.ID
		withCode := `{"code":"` + code + `"}`
		routes := []scenario{
			{method: "POST", url: c + "/challenges", body: withCode},
			{method: "POST", url: c + "/challenges", body: `{"contact_point_id":"` + e.emailID + `","code":"` + code + `"}`},
			{method: "GET", url: c + "/challenges?code=" + code},
			{method: "POST", url: c + "/reveal", body: `{"field":"addresses","reason":"customer read me the code","code":"` + code + `"}`},
			{method: "POST", url: c + "/identity", body: withCode},
			{method: "POST", url: c + "/identity", body: `{"token":"` + code + `"}`},
			{method: "PUT", url: "/api/v1/policy", body: withCode},
			{method: "POST", url: c + "/challenges/" + info.ID, body: withCode},
			{method: "POST", url: c + "/challenges/" + info.ID + "/complete", body: withCode},
			{method: "PUT", url: c + "/challenges/" + info.ID, body: withCode},
			{method: "PATCH", url: c + "/challenges", body: withCode},
			{method: "POST", url: c + "/verify", body: withCode},
			{method: "POST", url: c + "/code", body: withCode},
			{method: "POST", url: "/api/v1/challenges/" + info.ID + "/complete", body: withCode},
			{method: "POST", url: "/v/" + info.ID + "/approve", body: withCode},
		}
		for _, tok := range []string{e.agentTok, e.adminTok} {
			for _, s := range routes {
				status, _ := e.do(t, s.method, s.url, tok, s.body)
				if s.method == "GET" && status == 200 {
					continue // a list; the code is ignored (checked below)
				}
				if status < 400 {
					t.Errorf("%s %s with the code: status %d, want a refusal", s.method, s.url, status)
				}
			}
		}
		// The agent typing the code into the conversation is a message, nothing more.
		e.run(t, scenario{method: "POST", url: c + "/messages", token: e.agentTok, body: `{"body":"` + code + `"}`, wantStatus: 201})
		if l := e.level(t, e.conv.ID); l != proofdesk.L0 {
			t.Fatalf("level = %s after agents posted the code, want L0", l)
		}
		chs, err := e.vs.FindChallenges(context.Background(), e.conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(chs) != 1 || chs[0].Status != proofdesk.ChallengePending {
			t.Fatalf("challenges = %+v, want the one request still pending", chs)
		}
	})
}

// TestSeedAttack replays ../shared/mission/incident.txt: a stranger in
// chat quotes a fake address and asks where the order ships. Nothing an
// agent can call returns, confirms or denies the real address until the
// owner approves the request sent to their own email.
func TestSeedAttack(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		const claim = "I moved, my address is 10 Fake Street, Springfield — where is my order shipping to?"
		body := e.run(t, scenario{method: "POST", url: "/api/v1/conversations", token: e.agentTok,
			body:       `{"channel":"chat","customer_id":"` + e.cust.ID + `","requester":{"name":"Jane Doe"},"subject":"order","message":"` + claim + `"}`,
			wantStatus: 201, want: []string{`"level":"L0"`}})
		var conv struct{ ID string }
		if err := json.Unmarshal([]byte(body), &conv); err != nil {
			t.Fatal(err)
		}
		assignee := e.agent.ID
		if _, err := desk.New(db, desk.Config{}).UpdateConversation(proofdesk.NewContextWithAgent(context.Background(), e.agent), conv.ID,
			proofdesk.ConversationUpdate{AssigneeID: &assignee}); err != nil {
			t.Fatal(err)
		}
		c := "/api/v1/conversations/" + conv.ID
		reason := `{"field":"addresses","reason":"customer asks where the order ships"}`
		// Every read an agent has, before verification.
		reads := []scenario{
			{name: "customer", method: "GET", url: "/api/v1/customers/" + e.cust.ID, wantStatus: 200},
			{name: "customer by external id", method: "GET", url: "/api/v1/customers?external_id=u-1", wantStatus: 200},
			{name: "conversation", method: "GET", url: c, wantStatus: 200, want: []string{`"level":"L0"`}},
			{name: "conversations", method: "GET", url: "/api/v1/conversations?customer_id=" + e.cust.ID, wantStatus: 200},
			{name: "messages", method: "GET", url: c + "/messages", wantStatus: 200, want: []string{"10 Fake Street"}},
			{name: "challenges", method: "GET", url: c + "/challenges", wantStatus: 200},
			{name: "reveal", method: "POST", url: c + "/reveal", body: reason, wantStatus: 403,
				want: []string{`"error":"verification_required"`, `"required_level":"L1"`}},
			{name: "reveal by another agent", method: "POST", url: c + "/reveal", body: reason, wantStatus: 403},
		}
		check := func(t *testing.T) {
			for _, s := range reads {
				s.token = e.agentTok
				if s.name == "reveal by another agent" {
					s.token = e.otherTok
				}
				s.notWant = realAddress
				e.run(t, s)
			}
		}
		check(t)
		// The agent sends a request to the email on file; its answer and
		// the list hold neither the address nor the secrets.
		info := e.issue(t, conv.ID, e.emailID)
		token, code := e.mailbox(t, proofdesk.OutboxEmail)
		reads = append(reads, scenario{name: "challenges after", method: "GET", url: c + "/challenges", wantStatus: 200,
			want: []string{info.MaskedDestination}, notWant: []string{token, code}})
		check(t)

		// The owner opens the link from their mailbox and picks the number.
		if page := e.approve(t, token, info.Number); !strings.Contains(html.UnescapeString(page), "You're verified") {
			t.Fatalf("approval page: %s", page)
		}
		status, got := e.do(t, "POST", c+"/reveal", e.agentTok, reason)
		if status == 403 && strings.Contains(got, `"required_level":"L2"`) {
			// The risk rules raised the bar for this conversation: the
			// owner confirms on the phone on file as well.
			ph := e.issue(t, conv.ID, e.phoneID)
			smsToken, _ := e.mailbox(t, proofdesk.OutboxSMS)
			e.approve(t, smsToken, ph.Number)
			status, got = e.do(t, "POST", c+"/reveal", e.agentTok, reason)
		}
		if status != 200 || !strings.Contains(got, realLine1) {
			t.Fatalf("reveal after the owner approved: status %d, body %s", status, got)
		}
		// Still only for the agent holding the conversation.
		e.run(t, scenario{method: "POST", url: c + "/reveal", token: e.otherTok, body: reason, wantStatus: 403, notWant: realAddress})
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditReveal), Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].ActorID != e.agent.ID || entries[0].SubjectID != conv.ID || entries[0].Detail["field"] != "addresses" {
			t.Fatalf("reveal audit = %+v", entries)
		}
		for _, action := range []string{proofdesk.AuditChallengeSent, proofdesk.AuditChallengeOK, proofdesk.AuditLevelChange, proofdesk.AuditRevealRefused} {
			if es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(action), Limit: 100}); err != nil || len(es) == 0 {
				t.Errorf("no %s in the audit log (err %v)", action, err)
			}
		}
	})
}

// do sends one request and returns the status and body.
func (e *vEnv) do(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
