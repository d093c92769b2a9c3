// Package console_test drives the agent console in headless Chromium
// (chromedp): sign-in with TOTP, the guard, verification with live level
// change, reveal and resolve, with a screenshot of every page.
package console_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

const chromium = "/usr/bin/chromium"

// browser starts headless Chromium with a fresh profile at 1280x860.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("browser test skipped: %s is missing (apt-get install -y chromium)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

// shots saves full-page screenshots, numbered, to one folder.
type shots struct {
	t   *testing.T
	dir string
	n   int
}

func newShots(t *testing.T) *shots {
	dir := os.Getenv("PROOFDESK_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "proofdesk-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return &shots{t: t, dir: dir}
}

func (s *shots) take(ctx context.Context, name string) {
	s.t.Helper()
	s.n++
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		s.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, name)), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func TestConsole_VerifyRevealResolve(t *testing.T) {
	ctx := browser(t)
	s := consoletest.New(t, consoletest.Options{VerifyPage: true})
	shot := newShots(t)
	base := s.Server.URL()
	conv := base + "/conversations/" + s.Conv.ID

	// 1. Sign in with TOTP.
	do(t, ctx, "open sign-in", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	shot.take(ctx, "sign-in")
	do(t, ctx, "sign in",
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), consoletest.AgentEmail),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), consoletest.AgentPassword),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), consoletest.TOTPCode(t, s.AgentTOTP, time.Time{})),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	if !strings.Contains(text(t, ctx, "#inbox-list"), consoletest.Subject) {
		t.Fatal("the assigned conversation is not in the inbox")
	}
	shot.take(ctx, "inbox")

	// A customer message arrives: it appears in the inbox without a reload.
	do(t, ctx, "marker", chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	now := time.Now().UTC()
	live := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Subject: "Live chat from the widget", Status: proofdesk.StatusOpen,
		CreatedAt: now, UpdatedAt: now, LastActivityAt: now}
	if err := s.Conversations.CreateConversation(context.Background(), live, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello?", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "unassigned view", chromedp.Navigate(base+"/inbox?view=unassigned"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	later := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Second message arrives live", Status: proofdesk.StatusOpen,
		CreatedAt: now, UpdatedAt: now, LastActivityAt: now.Add(time.Second)}
	if err := s.Conversations.CreateConversation(context.Background(), later, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__noReload === true && document.querySelector('#inbox-list').textContent.includes('Second message arrives live')`)); err != nil {
		t.Fatalf("new conversation did not appear live: %v", err)
	}
	shot.take(ctx, "inbox-live")

	// 2. Open the conversation.
	do(t, ctx, "open conversation", chromedp.Navigate(conv), chromedp.WaitVisible(chromedp.CSS(`#conv-verify`)))
	shot.take(ctx, "conversation")

	// 3. Reveal the address while unverified: refused.
	do(t, ctx, "reveal at L0",
		chromedp.SetValue(chromedp.CSS(`#reveal-field`), "addresses"),
		chromedp.SendKeys(chromedp.CSS(`#reveal-reason`), "Customer asks where the parcel goes"),
		chromedp.Click(chromedp.CSS(`#reveal-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#error`)))
	if msg := text(t, ctx, "#error"); !strings.Contains(msg, "Verify the customer to L1") {
		t.Fatalf("refused reveal says %q", msg)
	}
	if strings.Contains(text(t, ctx, "main"), "Baker Street, London") {
		t.Fatal("address shown at L0")
	}
	shot.take(ctx, "reveal-refused")

	// 4. A reply containing the address: blocked with the reason.
	do(t, ctx, "blocked reply",
		chromedp.SendKeys(chromedp.CSS(`#reply-body`), "Sure, it goes to 221B Baker Street, London NW1 6XE."),
		chromedp.Click(chromedp.CSS(`#send`)),
		chromedp.WaitVisible(chromedp.CSS(`#blocked`)))
	if b := text(t, ctx, "#blocked"); !strings.Contains(b, "Verify the customer to L1 first") || !strings.Contains(b, "protected_value") {
		t.Fatalf("blocked panel says %q", b)
	}
	shot.take(ctx, "reply-blocked")

	// 5. Send a verification request; the customer approves it on /v/{token}
	// in another tab; the level changes here without a reload.
	do(t, ctx, "send request",
		chromedp.Click(chromedp.CSS(`.verify-targets li:first-child button`)),
		chromedp.WaitVisible(chromedp.CSS(`#match-number`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	number := strings.TrimSpace(text(t, ctx, "#match-number"))
	shot.take(ctx, "request-sent")
	token := tokenFromOutbox(t, s)
	tab, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	do(t, tab, "open /v/{token}", chromedp.Navigate(base+"/v/"+token), chromedp.WaitVisible(chromedp.CSS(`button.yes`)))
	shot.take(tab, "customer-page")
	do(t, tab, "approve",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=number][value="%s"]`, strings.TrimLeft(number, "0")))),
		chromedp.Click(chromedp.CSS(`button.yes`)),
		chromedp.WaitReady(chromedp.CSS(`body`)))
	shot.take(tab, "customer-approved")
	cancelTab()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__noReload === true && document.querySelector('#conv-level').dataset.level === 'L1'`)); err != nil {
		t.Fatalf("level did not change live: %v", err)
	}
	shot.take(ctx, "verified-live")

	// 6. Reveal the address: allowed.
	do(t, ctx, "reveal at L1",
		chromedp.SetValue(chromedp.CSS(`#reveal-field`), "addresses"),
		chromedp.SendKeys(chromedp.CSS(`#reveal-reason`), "Customer verified, confirming delivery"),
		chromedp.Click(chromedp.CSS(`#reveal-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#revealed`)))
	if v := text(t, ctx, "#revealed"); !strings.Contains(v, consoletest.CustomerStreet) {
		t.Fatalf("revealed %q", v)
	}
	shot.take(ctx, "revealed")

	// The customer card.
	do(t, ctx, "customer card", chromedp.Navigate(base+"/customers/"+s.Customer.ID+"?from="+s.Conv.ID), chromedp.WaitVisible(chromedp.CSS(`#cp-title`)))
	shot.take(ctx, "customer-card")

	// 7. Resolve.
	do(t, ctx, "resolve", chromedp.Navigate(conv), chromedp.WaitVisible(chromedp.CSS(`#resolve-btn`)),
		chromedp.Click(chromedp.CSS(`#resolve-btn`)), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	c, err := s.Conversations.FindConversationByID(context.Background(), s.Conv.ID)
	if err != nil || c.Status != proofdesk.StatusResolved {
		t.Fatalf("after resolve: %v %v", c, err)
	}
	shot.take(ctx, "resolved")

	// Sign out, then an admin's first sign-in enrols TOTP with a QR code.
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.who button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	do(t, ctx, "admin sign-in",
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), consoletest.AdminEmail),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), consoletest.AdminPassword),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.qr img`)))
	shot.take(ctx, "enrol")
	admin, err := s.Agents.FindAgentByID(context.Background(), s.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "enrol",
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), consoletest.TOTPCode(t, admin.TOTPSecret, time.Time{})),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	for _, p := range []string{"agents", "tokens", "policy", "settings", "audit", "outbox"} {
		do(t, ctx, "admin "+p, chromedp.Navigate(base+"/admin/"+p), chromedp.WaitVisible(chromedp.CSS(`.subnav`)))
		if p == "audit" && !strings.Contains(text(t, ctx, "#chain"), "Chain intact") {
			t.Fatal("audit chain not intact")
		}
		shot.take(ctx, "admin-"+p)
	}
}

func tokenFromOutbox(tb testing.TB, s *consoletest.Stack) string {
	tb.Helper()
	ms, err := s.Outbox.FindOutbox(context.Background(), 10)
	if err != nil {
		tb.Fatal(err)
	}
	for _, m := range ms {
		if i := strings.Index(m.Body, "/v/"); m.Purpose == "verification" && i >= 0 {
			return strings.Fields(m.Body[i+3:])[0]
		}
	}
	tb.Fatal("no verification message in the outbox")
	return ""
}
