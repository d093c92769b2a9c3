package console_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/console"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// newProxyEnv is newEnv behind a reverse proxy at 127.0.0.1 (the test
// client), with the base URL's https setting secure.
func newProxyEnv(tb testing.TB, secure bool) *env {
	tb.Helper()
	db := sqldbtest.Open(tb)
	e := &env{agents: sqldb.NewAgentService(db), audit: sqldb.NewAuditService(db)}
	e.handler = console.NewHandler(e.agents, nil)
	e.handler.SecureCookies = secure
	e.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	p, err := httpd.ParseTrustedProxies([]string{"127.0.0.1"})
	if err != nil {
		tb.Fatal(err)
	}
	e.srv.TrustedProxies, e.srv.HTTPS = p, secure
	e.handler.Register(e.srv)
	if err := e.srv.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = e.srv.Close() })
	return e
}

// forwardedFor adds the X-Forwarded-For the proxy would add.
type forwardedFor struct{ addr string }

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", f.addr)
	return http.DefaultTransport.RoundTrip(r)
}

func (e *env) browserFrom(tb testing.TB, addr string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{tb: tb, base: e.srv.URL(), c: &http.Client{Jar: jar, Transport: forwardedFor{addr},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Behind a trusted proxy, failed logins count against the real client:
// one attacker guessing passwords of many accounts is throttled, and an
// agent behind the same proxy still signs in.
func TestLogin_ThrottleBehindProxy(t *testing.T) {
	e := newProxyEnv(t, false)
	e.agent(t, "ada@desk.test", proofdesk.RoleAgent, "right password", "")
	attacker := e.browserFrom(t, "203.0.113.66")
	throttled := false
	for i := range 30 {
		resp, _ := attacker.login("victim"+string(rune('a'+i%26))+"@desk.test", "guess", "")
		if resp.StatusCode == http.StatusTooManyRequests {
			throttled = true
			break
		}
	}
	if !throttled {
		t.Fatal("30 failed logins from one client address were never throttled")
	}
	ada := e.browserFrom(t, "198.51.100.7")
	if resp, _ := ada.login("ada@desk.test", "right password", ""); resp.StatusCode != http.StatusSeeOther || ada.cookie("proofdesk_session") == "" {
		t.Fatalf("the agent behind the same proxy got %d: locked out by another client's failures", resp.StatusCode)
	}
}

// With an https base URL behind a TLS-terminating proxy, console cookies
// are Secure and HSTS is sent, though the request reached us over HTTP.
func TestCookies_SecureBehindProxy(t *testing.T) {
	for _, secure := range []bool{false, true} {
		e := newProxyEnv(t, secure)
		resp, _ := e.browserFrom(t, "198.51.100.7").get("/login")
		var sc string
		for _, c := range resp.Header.Values("Set-Cookie") {
			if strings.HasPrefix(c, "proofdesk_login_csrf=") || strings.Contains(c, "csrf") {
				sc = c
			}
		}
		if sc == "" {
			t.Fatalf("no login cookie set: %q", resp.Header.Values("Set-Cookie"))
		}
		if got := strings.Contains(sc, "; Secure"); got != secure {
			t.Fatalf("https base %v: cookie %q Secure=%v", secure, sc, got)
		}
		if got := resp.Header.Get("Strict-Transport-Security") != ""; got != secure {
			t.Fatalf("https base %v: HSTS=%v", secure, got)
		}
	}
}
