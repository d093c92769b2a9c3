package console_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// signInTOTP enrols TOTP for the account with the CLI and signs it in
// through the real form in ctx's browser.
func signInTOTP(t *testing.T, ctx context.Context, s *e2etest.Server, acc e2etest.Account) {
	t.Helper()
	out := s.CLI(t, "", "agent", "totp", "--email", acc.Email)
	m := secretRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("agent totp printed no secret: %q", out)
	}
	code, err := totp.GenerateCode(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in as "+acc.Role,
		chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), acc.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), acc.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
}

// TestConsole_SetUpDesk (issue 14): an admin sets up the email channel and
// the widget's site from Admin → Channels on a server started with no
// relay and no widget site; the relay check sends a test email that
// reaches mailpit; the new site may embed the widget at once; then the
// admin disables an agent whose open console session is refused on its
// next request.
func TestConsole_SetUpDesk(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "chromium at "+chromium)
	}
	mp := e2etest.StartMailpit(t)
	// No relay and no widget site from flags: both come from the console.
	s := e2etest.StartServer(t, e2etest.ServerOptions{Mailpit: mp, Args: []string{"--smtp-relay=", "--widget-origins="}})
	admin := browser(t)
	agent := browser(t)
	shot := newShots(t)

	preflight := func() int {
		req, _ := http.NewRequest("OPTIONS", s.URL+"/widget/v1/visitors", nil)
		req.Header.Set("Origin", "https://shop.acme.test")
		req.Header.Set("Access-Control-Request-Method", "POST")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := preflight(); code != http.StatusForbidden {
		t.Fatalf("widget from shop.acme.test before set-up: %d, want 403", code)
	}

	signInTOTP(t, admin, s, s.Admin)
	signInTOTP(t, agent, s, s.Agent)

	// Admin → Channels: the email channel and the widget's site.
	do(t, admin, "open channels", chromedp.Navigate(s.URL+"/admin/settings"), chromedp.WaitVisible(chromedp.CSS(`#channels-form`)))
	snippet, err := chromedp.Run(admin, chromedp.Evaluate[string](`document.querySelector('#widget-snippet').value`))
	if err != nil || !strings.Contains(snippet, `src="`+s.URL+`/widget.js"`) {
		t.Fatalf("embed tag: %q %v", snippet, err)
	}
	if page := text(t, admin, `main`); strings.Contains(page, "refuses every site") {
		t.Fatal("the channels page still says the widget refuses every site")
	}
	do(t, admin, "fill the email channel",
		chromedp.SendKeys(chromedp.CSS(`input[name=inbound_address]`), "support@acme.test"),
		chromedp.SendKeys(chromedp.CSS(`input[name=from_name]`), "Acme Support"),
		chromedp.SendKeys(chromedp.CSS(`input[name=relay_addr]`), mp.SMTPAddr),
		chromedp.SetValue(chromedp.CSS(`select[name=relay_security]`), "none"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=widget_origins]`), "shop.acme.test"),
	)
	shot.take(admin, "channels-filled")
	do(t, admin, "save", chromedp.Click(chromedp.CSS(`#channels-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	if code := preflight(); code >= 300 {
		t.Fatalf("widget from shop.acme.test after set-up: %d, want allowed without a restart", code)
	}
	do(t, admin, "send a test email",
		chromedp.SendKeys(chromedp.CSS(`input[name=to]`), "lead@acme.test"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/settings/test"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#test-result`)))
	shot.take(admin, "channels-test-email")
	if msg := mp.WaitMessage(t, "lead@acme.test", "Proofdesk test email", 30*time.Second); !strings.Contains(msg.Text, mp.SMTPAddr) {
		t.Fatalf("test email text: %q", msg.Text)
	}

	// Admin → Agents: disable the agent; their open session is refused.
	do(t, agent, "agent's inbox", chromedp.Navigate(s.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	do(t, admin, "open agents", chromedp.Navigate(s.URL+"/admin/agents"), chromedp.WaitVisible(chromedp.CSS(`#agent-`+s.Agent.ID)))
	do(t, admin, "disable the agent",
		chromedp.Click(chromedp.CSS(`#agent-`+s.Agent.ID+` button[value=disable]`)),
		chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	shot.take(admin, "agents-disabled")
	if n := text(t, admin, `#notice`); !strings.Contains(n, "sessions ended") {
		t.Fatalf("notice after disable: %q", n)
	}
	do(t, agent, "agent's next request", chromedp.Navigate(s.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	loc, err := chromedp.Run(agent, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/login") {
		t.Fatalf("disabled agent's session went to %s, want the sign-in page", loc)
	}
	// The agent was told, through the relay set in the console.
	mp.WaitMessage(t, s.Agent.Email, "support account changed", 30*time.Second)
}
