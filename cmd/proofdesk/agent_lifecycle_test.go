package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// runNode starts a server on the data directory (and database) of cfg.
func runNode(t *testing.T, dataDir, db string) *Main {
	t.Helper()
	m := NewMain()
	m.Config.DataDir, m.Config.DB, m.Config.Addr = dataDir, db, "127.0.0.1:0"
	m.Getenv = func(string) string { return "" }
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	for deadline := time.Now().Add(30 * time.Second); !m.Desk.IndexReady(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("index not ready")
		}
	}
	return m
}

// consoleLogin signs email in on base's console and returns the browser.
func consoleLogin(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no sign-in form on %s", base)
	}
	resp, err = c.PostForm(base+"/login", url.Values{"csrf_token": {string(m[1])}, "email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign in on %s: %d to %q", base, resp.StatusCode, resp.Header.Get("Location"))
	}
	return c
}

func inboxStatus(t *testing.T, c *http.Client, base string) (int, string) {
	t.Helper()
	resp, err := c.Get(base + "/inbox")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// TestAgentDisable_TwoNodes: an admin disables an agent through the API
// of one node; the agent's open console session and API token are refused
// on the very next request on both nodes (the state is in the database).
// On PostgreSQL when TEST_POSTGRES_DSN is set, else on one SQLite file.
func TestAgentDisable_TwoNodes(t *testing.T) {
	t.Parallel()
	data, db := t.TempDir(), ""
	if sqldbtest.PostgresDSN() != "" {
		db = sqldbtest.DSN(t, sqldb.Postgres)
	}
	a, b := runNode(t, data, db), runNode(t, data, db)
	ctx := context.Background()

	hash, err := auth.HashPassword("agent password 1234", passwordParams)
	if err != nil {
		t.Fatal(err)
	}
	admin := &proofdesk.Agent{Email: "lead@example.com", Name: "Lead", Role: proofdesk.RoleAdmin, PasswordHash: hash}
	agent := &proofdesk.Agent{Email: "leaver@example.com", Name: "Leaver", Role: proofdesk.RoleAgent, PasswordHash: hash}
	for _, ag := range []*proofdesk.Agent{admin, agent} {
		if err := a.AgentService.CreateAgent(ctx, ag); err != nil {
			t.Fatal(err)
		}
	}
	token := func(ag *proofdesk.Agent) string {
		tok, h := auth.NewToken()
		if err := a.AgentService.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: ag.ID, Name: "t", Hash: h}); err != nil {
			t.Fatal(err)
		}
		return tok
	}
	adminTok, agentTok := token(admin), token(agent)

	browserB := consoleLogin(t, b.URL(), agent.Email, "agent password 1234")
	browserA := consoleLogin(t, a.URL(), agent.Email, "agent password 1234")
	for _, n := range []struct {
		c    *http.Client
		base string
	}{{browserA, a.URL()}, {browserB, b.URL()}} {
		if code, _ := inboxStatus(t, n.c, n.base); code != 200 {
			t.Fatalf("inbox before disable on %s: %d", n.base, code)
		}
		if code, body := httpDo(t, "GET", n.base+"/api/v1/conversations", agentTok, ""); code != 200 {
			t.Fatalf("API before disable on %s: %d %s", n.base, code, body)
		}
	}

	// The agent may not disable anyone; the admin may.
	if code, _ := httpDo(t, "PATCH", a.URL()+"/api/v1/agents/"+admin.ID, agentTok, `{"disabled":true}`); code != 403 {
		t.Fatalf("agent disables the admin: %d, want 403", code)
	}
	code, body := httpDo(t, "PATCH", a.URL()+"/api/v1/agents/"+agent.ID, adminTok, `{"disabled":true}`)
	if code != 200 {
		t.Fatalf("disable: %d %s", code, body)
	}
	var res struct {
		Agent         struct{ Disabled bool }
		SessionsEnded int `json:"sessions_ended"`
		TokensRevoked int `json:"tokens_revoked"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if !res.Agent.Disabled || res.SessionsEnded != 2 || res.TokensRevoked != 1 {
		t.Fatalf("disable answered %s, want disabled, 2 sessions ended, 1 token revoked", body)
	}
	// The very next request, on the other node first.
	for _, n := range []struct {
		c    *http.Client
		base string
	}{{browserB, b.URL()}, {browserA, a.URL()}} {
		if code, loc := inboxStatus(t, n.c, n.base); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
			t.Fatalf("inbox after disable on %s: %d to %q, want the sign-in page", n.base, code, loc)
		}
		if code, _ := httpDo(t, "GET", n.base+"/api/v1/conversations", agentTok, ""); code != 401 {
			t.Fatalf("API token after disable on %s: %d, want 401", n.base, code)
		}
	}
	// The last admin cannot disable themselves.
	code, body = httpDo(t, "PATCH", b.URL()+"/api/v1/agents/"+admin.ID, adminTok, `{"disabled":true}`)
	if code != 409 || !strings.Contains(body, proofdesk.RuleLastAdmin) {
		t.Fatalf("last admin disables themselves: %d %s, want 409 %s", code, body, proofdesk.RuleLastAdmin)
	}
	// The agent was told.
	msgs, err := a.OutboxService.FindOutbox(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	told := false
	for _, m := range msgs {
		told = told || (m.To == agent.Email && strings.Contains(m.Body, "disabled your account"))
	}
	if !told {
		t.Fatal("no mail told the agent they were disabled")
	}
}

// TestCLI_AgentLifecycle: invite prints a link that sets the password;
// disable, role and reset act through the same rules as the console.
func TestCLI_AgentLifecycle(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	r := runCmd(t, "", nil, "agent", "invite", "--data", data, "--email", "Boss@Example.com", "--name", "Boss", "--role", "admin", "--base-url", "https://desk.example")
	if r.code != 0 || !strings.Contains(r.stdout, "https://desk.example/invite/pdi_") {
		t.Fatalf("agent invite: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r = runCmd(t, "", nil, "agent", "disable", "--data", data, "--email", "boss@example.com"); r.code != 1 || !strings.Contains(r.stderr, "last active admin") {
		t.Fatalf("disable the last admin: %d %s", r.code, r.stderr)
	}
	if r = runCmd(t, "long enough password\n", nil, "agent", "create", "--data", data, "--email", "a@example.com", "--name", "A", "--role", "agent"); r.code != 0 {
		t.Fatalf("agent create: %s", r.stderr)
	}
	if r = runCmd(t, "", nil, "agent", "role", "--data", data, "--email", "a@example.com", "--role", "boss"); r.code != 1 || !strings.Contains(r.stderr, "--role") {
		t.Fatalf("bad role: %d %s", r.code, r.stderr)
	}
	if r = runCmd(t, "", nil, "agent", "role", "--data", data, "--email", "a@example.com", "--role", "supervisor"); r.code != 0 {
		t.Fatalf("agent role: %s", r.stderr)
	}
	if r = runCmd(t, "", nil, "agent", "reset", "--data", data, "--email", "a@example.com"); r.code != 1 || !strings.Contains(r.stderr, "--password") {
		t.Fatalf("reset without what: %d %s", r.code, r.stderr)
	}
	if r = runCmd(t, "", nil, "agent", "reset", "--data", data, "--email", "a@example.com", "--password", "--2fa"); r.code != 0 || !strings.Contains(r.stdout, "/invite/pdi_") {
		t.Fatalf("reset: %d %s %s", r.code, r.stdout, r.stderr)
	}
	for _, cmd := range []string{"disable", "enable", "remove"} {
		if r = runCmd(t, "", nil, "agent", cmd, "--data", data, "--email", "a@example.com"); r.code != 0 {
			t.Fatalf("agent %s: %s", cmd, r.stderr)
		}
	}
	if r = runCmd(t, "", nil, "agent", "enable", "--data", data, "--email", "a@example.com"); r.code != 1 || !strings.Contains(r.stderr, "removed") {
		t.Fatalf("enable a removed agent: %d %s", r.code, r.stderr)
	}
	if r = runCmd(t, "", nil, "audit", "verify", "--data", data); r.code != 0 {
		t.Fatalf("audit verify: %s", r.stderr)
	}
}
