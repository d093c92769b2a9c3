package console_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/console"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

type env struct {
	srv     *httpd.Server
	handler *console.Handler
	agents  *sqldb.AgentService
	audit   *sqldb.AuditService
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	db := sqldbtest.Open(tb)
	e := &env{agents: sqldb.NewAgentService(db), audit: sqldb.NewAuditService(db)}
	e.handler = console.NewHandler(e.agents, nil)
	e.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	e.handler.Register(e.srv)
	if err := e.srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.srv.Close() })
	return e
}

func (e *env) agent(tb testing.TB, email, role, password, totpSecret string) *proofdesk.Agent {
	tb.Helper()
	hash, err := auth.HashPassword(password, auth.TestPasswordParams)
	if err != nil {
		tb.Fatal(err)
	}
	a := &proofdesk.Agent{Email: email, Name: "Ada Lovelace", Role: role, PasswordHash: hash,
		TOTPSecret: totpSecret, TOTPEnabled: totpSecret != ""}
	if err := e.agents.CreateAgent(context.Background(), a); err != nil {
		tb.Fatal(err)
	}
	return a
}

// browser is a client with a cookie jar that does not follow redirects.
type browser struct {
	tb   testing.TB
	base string
	c    *http.Client
}

func (e *env) browser(tb testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{tb: tb, base: e.srv.URL(), c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (*http.Response, string) {
	b.tb.Helper()
	resp, err := b.c.Get(b.base + path)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.tb.Helper()
	resp, err := b.c.PostForm(b.base+path, form)
	if err != nil {
		b.tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var csrfRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func csrfOf(tb testing.TB, page string) string {
	tb.Helper()
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		tb.Fatalf("no csrf token in page:\n%s", page)
	}
	return m[1]
}

// login fetches the form and submits it.
func (b *browser) login(email, password, code string) (*http.Response, string) {
	b.tb.Helper()
	_, page := b.get("/login")
	return b.post("/login", url.Values{"csrf_token": {csrfOf(b.tb, page)}, "email": {email}, "password": {password}, "code": {code}})
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base + "/")
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

func (e *env) auditCount(tb testing.TB, action string) int {
	tb.Helper()
	au, err := e.audit.FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: &action, Limit: 1000})
	if err != nil {
		tb.Fatal(err)
	}
	return len(au)
}

func TestLogin_SuccessAndLogout(t *testing.T) {
	e := newEnv(t)
	e.agent(t, "ada@desk.test", proofdesk.RoleAgent, "right password", "")
	b := e.browser(t)

	if resp, _ := b.get("/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("GET / signed out: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, page := b.get("/login")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Security-Policy") != console.CSP || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("login page: %d, headers %v", resp.StatusCode, resp.Header)
	}
	// A session cookie planted before login is not kept (fixation).
	u, _ := url.Parse(b.base + "/")
	planted, _ := auth.NewSessionID()
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "proofdesk_session", Value: planted, Path: "/"}})

	resp, _ = b.post("/login", url.Values{"csrf_token": {csrfOf(t, page)}, "email": {" ADA@desk.test "}, "password": {"right password"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "proofdesk_session" {
			sc = c
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteStrictMode || sc.Path != "/" || sc.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP", sc)
	}
	if sc.Value == planted || !auth.ValidSessionIDFormat(sc.Value) {
		t.Fatal("session ID not rotated at login")
	}
	resp, home := b.get("/")
	if resp.StatusCode != 200 || !strings.Contains(home, "Signed in as Ada Lovelace") {
		t.Fatalf("home: %d %s", resp.StatusCode, home)
	}
	if e.auditCount(t, proofdesk.AuditLogin) != 1 {
		t.Fatal("successful login not audited")
	}
	// GET /login while signed in goes home.
	if resp, _ := b.get("/login"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("GET /login signed in: %d", resp.StatusCode)
	}

	// Logout without the CSRF token is refused and keeps the session.
	resp, _ = b.post("/logout", url.Values{})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("logout without csrf: %d", resp.StatusCode)
	}
	resp, _ = b.post("/logout", url.Values{"csrf_token": {"wrong"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("logout with a wrong csrf: %d", resp.StatusCode)
	}
	resp, _ = b.post("/logout", url.Values{"csrf_token": {csrfOf(t, home)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if b.cookie("proofdesk_session") != "" {
		t.Fatal("logout left the session cookie")
	}
	// The old session ID no longer works even if replayed.
	b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "proofdesk_session", Value: sc.Value, Path: "/"}})
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("GET / with a logged-out session: %d", resp.StatusCode)
	}
}

func TestLogin_Failures(t *testing.T) {
	e := newEnv(t)
	e.agent(t, "ada@desk.test", proofdesk.RoleAgent, "right password", "")
	b := e.browser(t)

	resp, page := b.login("ada@desk.test", "wrong password", "")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "Invalid email, password or authentication code.") {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	resp, page2 := b.login("nobody@desk.test", "whatever", "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unknown email: %d", resp.StatusCode)
	}
	if strings.Contains(page2, "whatever") {
		t.Fatal("the password was echoed")
	}
	if b.cookie("proofdesk_session") != "" {
		t.Fatal("failed login set a session")
	}
	if got := e.auditCount(t, proofdesk.AuditLoginFailed); got != 2 {
		t.Fatalf("%d failed logins audited, want 2", got)
	}

	// Missing or wrong login CSRF token: 403, nothing checked.
	resp, _ = b.post("/login", url.Values{"email": {"ada@desk.test"}, "password": {"right password"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("login without csrf: %d", resp.StatusCode)
	}
	_, page = b.get("/login")
	resp, _ = b.post("/login", url.Values{"csrf_token": {csrfOf(t, page) + "x"}, "email": {"ada@desk.test"}, "password": {"right password"}})
	if resp.StatusCode != http.StatusForbidden || b.cookie("proofdesk_session") != "" {
		t.Fatalf("login with a wrong csrf: %d", resp.StatusCode)
	}
}

func TestLogin_Throttled(t *testing.T) {
	e := newEnv(t)
	e.agent(t, "ada@desk.test", proofdesk.RoleAgent, "right password", "")
	b := e.browser(t)
	for i := range 5 {
		if resp, _ := b.login("ada@desk.test", "guess", ""); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp, page := b.login("ada@desk.test", "right password", "")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, "Too many failed sign-in attempts") {
		t.Fatalf("after 5 failures the right password got %d", resp.StatusCode)
	}
	if b.cookie("proofdesk_session") != "" {
		t.Fatal("throttled login set a session")
	}
}

func TestLogin_TOTP(t *testing.T) {
	e := newEnv(t)
	key, err := auth.NewTOTPKey("Proofdesk", "ada@desk.test")
	if err != nil {
		t.Fatal(err)
	}
	e.agent(t, "ada@desk.test", proofdesk.RoleSupervisor, "right password", key.Secret)
	b := e.browser(t)

	if resp, _ := b.login("ada@desk.test", "right password", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("no code: %d", resp.StatusCode)
	}
	code, _ := totp.GenerateCode(key.Secret, time.Now())
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if resp, _ := b.login("ada@desk.test", "right password", wrong); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong code: %d", resp.StatusCode)
	}
	if resp, _ := b.login("ada@desk.test", "right password", code); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("right code: %d", resp.StatusCode)
	}
	// The same code cannot sign in again (replay).
	b2 := e.browser(t)
	if resp, _ := b2.login("ada@desk.test", "right password", code); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("replayed code: %d", resp.StatusCode)
	}
}

func TestLogin_AdminNeeds2FA(t *testing.T) {
	e := newEnv(t)
	e.agent(t, "root@desk.test", proofdesk.RoleAdmin, "right password", "")
	b := e.browser(t)
	resp, page := b.login("root@desk.test", "right password", "")
	// The right password starts the first-time enrolment, not a session.
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, "two-factor") || !strings.Contains(page, "data:image/png;base64,") || b.cookie("proofdesk_session") != "" {
		t.Fatalf("admin without TOTP: %d", resp.StatusCode)
	}
	e.handler.AllowNo2FA = true
	if resp, _ := b.login("root@desk.test", "right password", ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin without TOTP, AllowNo2FA: %d", resp.StatusCode)
	}
}

func TestLogin_DisabledAgent(t *testing.T) {
	e := newEnv(t)
	a := e.agent(t, "ada@desk.test", proofdesk.RoleAgent, "right password", "")
	b := e.browser(t)
	if resp, _ := b.login("ada@desk.test", "right password", ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	yes := true
	if _, err := e.agents.UpdateAgent(context.Background(), a.ID, proofdesk.AgentUpdate{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := b.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disabled agent's session still works: %d", resp.StatusCode)
	}
	if resp, _ := b.login("ada@desk.test", "right password", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("disabled agent logs in: %d", resp.StatusCode)
	}
}
