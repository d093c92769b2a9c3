// Package console_test drives the agent console in headless Chromium
// (chromedp) against `proofdesk serve` running as a separate process, with
// mailpit as the mail relay and mailbox. It walks issue 6 §8: sign-in with
// TOTP, a chat from the widget on a customer's site appearing live in the
// inbox, a refused reveal, a blocked reply, verification on the /v/{token}
// page read from mailpit with the level changing live, an allowed reveal,
// and the transcript mailed on resolve. Every page is saved as a PNG to
// the folder the test prints ($PROOFDESK_SCREENSHOTS, else a temp dir).
//
// Chromium is Debian's /usr/bin/chromium (never downloaded). Without it
// the test is skipped, or failed when $CI is set.
package console_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

const chromium = "/usr/bin/chromium"

// The customer on file, created through the API.
const (
	customerName   = "Jane Doe"
	customerEmail  = "jane.doe@example.com"
	customerPhone  = "+14155550123"
	customerStreet = "221B Baker Street"
	customerCity   = "London"
	customerPostal = "NW1 6XE"
	chatMessage    = "Hello, my parcel has not arrived yet. Can you check where it is going?"
)

// browser starts headless Chromium with a fresh profile at 1280x860.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	// A bound on a stuck browser, not a timed assertion.
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
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
	old, _ := filepath.Glob(filepath.Join(dir, "[0-9][0-9]-*.png"))
	for _, f := range old {
		_ = os.Remove(f)
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
	for try := 0; ; try++ {
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		// The live timeline may replace the node between finding and
		// reading it: read the new one.
		if err != nil && try < 20 && strings.Contains(err.Error(), "No node with given id") {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
}

// poll waits until the JavaScript expression is true in the page.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// inWidget selects sel inside the chat widget, which lives in a closed
// shadow root (the host page cannot reach it; the DevTools protocol can).
func inWidget(sel string) chromedp.QueryOption {
	return chromedp.ByFunc(func(ctx context.Context, t *chromedp.Target, n *chromedp.Node) ([]cdp.NodeID, error) {
		host, err := cdp.Call(ctx, t, dom.QuerySelector, dom.QuerySelectorParams{NodeID: n.NodeID, Selector: "body > div:last-of-type"})
		if err != nil || host.NodeID == 0 {
			return nil, err
		}
		depth, pierce := int64(1), true
		d, err := cdp.Call(ctx, t, dom.DescribeNode, dom.DescribeNodeParams{NodeID: host.NodeID, Depth: &depth, Pierce: &pierce})
		if err != nil || len(d.Node.ShadowRoots) == 0 {
			return nil, err
		}
		pushed, err := cdp.Call(ctx, t, dom.PushNodesByBackendIDsToFrontend,
			dom.PushNodesByBackendIDsToFrontendParams{BackendNodeIDs: []cdp.BackendNodeID{d.Node.ShadowRoots[0].BackendNodeID}})
		if err != nil || len(pushed.NodeIDs) == 0 {
			return nil, err
		}
		found, err := cdp.Call(ctx, t, dom.QuerySelector, dom.QuerySelectorParams{NodeID: pushed.NodeIDs[0], Selector: sel})
		if err != nil || found.NodeID == 0 {
			return nil, err
		}
		return []cdp.NodeID{found.NodeID}, nil
	})
}

// shopPage is the customer's web site: one page embedding the widget.
const shopPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Shop</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{background:#1f2937;color:#fff;padding:18px 40px;font-weight:700;font-size:20px}
main{padding:40px;max-width:760px}</style></head>
<body><header>Acme Shop</header>
<main><h1>Track your order</h1><p>Questions about a delivery? Chat with us, bottom right.</p></main>
<script src="%[1]s/widget.js" data-proofdesk="%[1]s"></script>
</body></html>`

var secretRE = regexp.MustCompile(`(?m)^Secret: ([A-Z2-7]+)$`)

func TestConsole_Walkthrough(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	mp := e2etest.StartMailpit(t)
	var deskURL string
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, shopPage, deskURL)
	}))
	t.Cleanup(shop.Close)
	s := e2etest.StartServer(t, e2etest.ServerOptions{Mailpit: mp, Args: []string{"--widget-origins", shop.URL}})
	deskURL = s.URL
	// Started after the server, so it is closed before the server stops:
	// cleanups run last-in first-out.
	ctx := browser(t)
	shot := newShots(t)

	// The agent turns on TOTP with the CLI, which prints the secret once.
	out := s.CLI(t, "", "agent", "totp", "--email", s.Agent.Email)
	m := secretRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("agent totp printed no secret: %q", out)
	}
	agentSecret := m[1]

	// The customer on file: email, phone and address, all on file for 60
	// days (past the cooling-off window).
	since := time.Now().AddDate(0, 0, -60).UTC().Format(time.RFC3339)
	var cust struct{ ID string }
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{
		"external_id": "acme-1042", "name": customerName,
		"emails":    []map[string]string{{"value": customerEmail, "added_at": since}},
		"phones":    []map[string]string{{"value": customerPhone, "added_at": since}},
		"addresses": []map[string]string{{"line1": customerStreet, "city": customerCity, "postal_code": customerPostal, "country": "GB"}},
	}, http.StatusCreated, &cust)

	// 1. Log in with TOTP through the real form.
	do(t, ctx, "open sign-in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	shot.take(ctx, "sign-in")
	code, err := totp.GenerateCode(agentSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in",
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Agent.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Agent.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	do(t, ctx, "unassigned view", chromedp.Navigate(s.URL+"/inbox?view=unassigned"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	shot.take(ctx, "inbox-empty")

	// 2. The customer opens the widget on the shop in a second tab and
	// types a message; it appears in the inbox without a reload.
	shopTab, cancelShop := chromedp.NewContext(ctx)
	defer cancelShop()
	do(t, shopTab, "open the shop", chromedp.Navigate(shop.URL), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	do(t, shopTab, "chat",
		chromedp.Click("launcher", inWidget(`button.l`)),
		chromedp.WaitVisible("panel", inWidget(`.p.o`)),
		chromedp.SendKeys("name", customerName, inWidget(`input[name=name]`)),
		chromedp.SendKeys("email", customerEmail, inWidget(`input[name=email]`)),
		chromedp.SendKeys("message", chatMessage, inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)),
		chromedp.WaitVisible("sent bubble", inWidget(`.b.customer:not(.pending)`)))
	shot.take(shopTab, "widget-sent")
	poll(t, ctx, "the chat did not appear live in the inbox",
		`window.__noReload === true && document.querySelector('#inbox-list').textContent.includes(`+jsString(chatMessage[:40])+`)`)
	shot.take(ctx, "inbox-live")

	// Open it, take it, and link it to the customer on file.
	do(t, ctx, "open the chat", chromedp.Click(chromedp.CSS(`#inbox-list a.conv-link`)), chromedp.WaitVisible(chromedp.CSS(`#conv-verify`)))
	convURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	convURL, _, _ = strings.Cut(convURL, "?")
	do(t, ctx, "assign to me", chromedp.Click(chromedp.CSS(`#assign-btn`)), chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	shot.take(ctx, "chat-unlinked")
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#link-lookup`))); err != nil || v != customerEmail {
		t.Fatalf("link form prefilled with %q (%v), want the claimed email", v, err)
	}
	do(t, ctx, "link the customer", chromedp.Click(chromedp.CSS(`#link-btn`)), chromedp.WaitVisible(chromedp.CSS(`.verify-targets`)))
	if lvl := attr(t, ctx, `#conv-level`, "data-level"); lvl != "L0" {
		t.Fatalf("linked conversation at %s, want L0", lvl)
	}

	// 3. Reveal the address while unverified: the console says before
	// the click that it would be refused, and why (proofdesk.Decide).
	if d := attr(t, ctx, `#reveal-field option[value=addresses]`, "disabled"); d == "" {
		if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#reveal-field option[value=addresses]').disabled`)); !ok {
			t.Fatal("revealing the address at L0 is offered")
		}
	}
	if why := attr(t, ctx, `#reveal-field option[value=addresses]`, "title"); !strings.Contains(why, "L1") {
		t.Fatalf("the refused reveal says %q", why)
	}
	if strings.Contains(text(t, ctx, "main"), "Baker Street") {
		t.Fatal("address shown at L0")
	}
	shot.take(ctx, "reveal-refused")

	// 4. A reply containing the address: blocked, with the reason.
	do(t, ctx, "blocked reply",
		chromedp.SendKeys(chromedp.CSS(`#reply-body`), "It goes to "+customerStreet+", "+customerCity+" "+customerPostal+"."),
		chromedp.Click(chromedp.CSS(`#send`)),
		chromedp.WaitVisible(chromedp.CSS(`#blocked`)))
	if b := text(t, ctx, "#blocked"); !strings.Contains(b, "address") || !strings.Contains(b, "Verify the customer to L1 first") {
		t.Fatalf("blocked panel says %q", b)
	}
	if strings.Contains(text(t, ctx, "#conv-timeline"), "Baker") {
		t.Fatal("the blocked reply is in the timeline")
	}
	shot.take(ctx, "reply-blocked")

	// 5. Send a verification request to the on-file email; the customer
	// opens the /v/ link from that mail, picks the number the console
	// shows and approves; the level changes here without a reload.
	do(t, ctx, "send request",
		chromedp.Click(chromedp.CSS(`.verify-targets li:first-child button`)),
		chromedp.WaitVisible(chromedp.CSS(`#match-number`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	number := strings.TrimLeft(strings.TrimSpace(text(t, ctx, "#match-number")), "0")
	shot.take(ctx, "request-sent")
	mail := mp.WaitMessage(t, customerEmail, "is this you", 30*time.Second)
	link := mail.Link(t, "/v/")
	vTab, cancelV := chromedp.NewContext(ctx)
	defer cancelV()
	do(t, vTab, "open /v/{token}", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`button.yes`)))
	shot.take(vTab, "customer-page")
	do(t, vTab, "approve",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=number][value="%s"]`, number))),
		chromedp.Click(chromedp.CSS(`button.yes`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "verified")]`)))
	shot.take(vTab, "customer-approved")
	cancelV()
	poll(t, ctx, "the level did not change live",
		`window.__noReload === true && document.querySelector('#conv-level').dataset.level === 'L1'`)
	shot.take(ctx, "verified-live")
	// The widget says so too, in words (never "L1").
	for lv := ""; lv != "L1"; {
		a, err := chromedp.Run(shopTab, chromedp.AttributeValue("level", "data-level", inWidget(`.lv`)))
		if err != nil {
			t.Fatalf("widget level: %v", err)
		}
		lv = a.Value
		time.Sleep(50 * time.Millisecond)
	}
	if v, err := chromedp.Run(shopTab, chromedp.Text("level", inWidget(`.lv`))); err != nil || v != "Verified" {
		t.Fatalf("widget level badge says %q (%v), want Verified", v, err)
	}
	shot.take(shopTab, "widget-verified")

	// 6. Reveal the address: allowed, value shown.
	do(t, ctx, "reveal at L1",
		chromedp.SetValue(chromedp.CSS(`#reveal-field`), "addresses"),
		chromedp.SendKeys(chromedp.CSS(`#reveal-reason`), "Customer verified, confirming delivery"),
		chromedp.Click(chromedp.CSS(`#reveal-btn`)),
		chromedp.WaitVisible(chromedp.CSS(`#revealed`)))
	if v := text(t, ctx, "#revealed"); !strings.Contains(v, customerStreet) || !strings.Contains(v, customerPostal) {
		t.Fatalf("revealed %q", v)
	}
	shot.take(ctx, "revealed")

	// The customer card, masked again outside the reveal.
	do(t, ctx, "customer card", chromedp.Navigate(s.URL+"/customers/"+cust.ID), chromedp.WaitVisible(chromedp.CSS(`#cp-title`)))
	shot.take(ctx, "customer-card")

	// 7. Resolve; the transcript reaches the customer's on-file email.
	do(t, ctx, "resolve", chromedp.Navigate(convURL), chromedp.WaitVisible(chromedp.CSS(`#resolve-btn`)),
		chromedp.Click(chromedp.CSS(`#resolve-btn`)), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	shot.take(ctx, "resolved")
	transcript := mp.WaitMessage(t, customerEmail, "Your conversation with", 30*time.Second)
	if len(transcript.To) != 1 || !strings.EqualFold(transcript.To[0].Address, customerEmail) {
		t.Fatalf("transcript addressed to %+v, want only %s", transcript.To, customerEmail)
	}
	if !strings.Contains(transcript.Text, chatMessage[:40]) {
		t.Fatalf("transcript lacks the chat message:\n%s", transcript.Text)
	}
	if strings.Contains(transcript.Text, "Baker") {
		t.Fatal("the transcript shows the address unmasked")
	}

	// The admin's first sign-in enrols TOTP with a QR code; then the
	// admin pages.
	do(t, ctx, "sign out", chromedp.Click(chromedp.CSS(`.who button`)), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
	do(t, ctx, "admin sign-in",
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Admin.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Admin.Password),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.qr img`)))
	shot.take(ctx, "enrol")
	adminSecret := strings.ReplaceAll(text(t, ctx, "code.secret"), " ", "")
	code, err = totp.GenerateCode(adminSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "enrol",
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	for _, p := range []string{"agents", "tokens", "policy", "settings", "audit", "outbox"} {
		do(t, ctx, "admin "+p, chromedp.Navigate(s.URL+"/admin/"+p), chromedp.WaitVisible(chromedp.CSS(`.subnav`)))
		if p == "audit" && !strings.Contains(text(t, ctx, "#chain"), "Chain intact") {
			t.Fatal("audit chain not intact")
		}
		shot.take(ctx, "admin-"+p)
	}
}

func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	a, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		t.Fatalf("attribute %s of %s: %v", name, sel, err)
	}
	return a.Value
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
