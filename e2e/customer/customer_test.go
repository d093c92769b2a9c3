// Package customer_test drives the customer's side in headless Chromium
// against a real `proofdesk serve` and mailpit: the chat widget on a
// shop's site (history across reloads and pages, the agent's name, the
// unread badge, Esc, focus kept in the open panel (read from the
// accessibility tree), the code box, the resolved notice), the
// verification page, the "This wasn't me" page and the erasure page in
// two languages and the export page, each checked with axe-core (WCAG 2.1
// A and AA rules), with screenshots.
package customer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

const chromium = "/usr/bin/chromium"

const (
	customerName  = "Jane Doe"
	customerEmail = "jane.doe@example.com"
	firstMessage  = "Hello, my parcel has not arrived yet."
	wait          = 30 * time.Second
)

// shopPage is the shop's site: two pages embedding the widget.
const shopPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Acme Shop · %[2]s</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}
header{background:#1f2937;color:#fff;padding:18px 40px;font-weight:700;font-size:20px}
main{padding:40px;max-width:760px}a{color:#1f4fc4}</style></head>
<body><header>Acme Shop</header>
<main><h1>%[2]s</h1><p>Questions about a delivery? Chat with us, bottom right.</p><p><a href="/">Home</a> · <a href="/orders">Your orders</a></p></main>
<script src="%[1]s/widget.js" data-proofdesk="%[1]s"></script>
</body></html>`

func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 860),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true), chromedp.Flag("lang", "en-US"),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute) // a bound on a stuck browser
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}

// shot saves a screenshot named name.png in $PROOFDESK_SCREENSHOTS (or a
// temporary folder).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("PROOFDESK_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "proofdesk-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string, opts ...chromedp.QueryOption) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(sel, opts...))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func pageText(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return strings.TrimSpace(s)
}

// inWidget selects sel inside the widget's closed shadow root (the host
// page cannot reach it; the DevTools protocol can).
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
		found, err := cdp.Call(ctx, t, dom.QuerySelectorAll, dom.QuerySelectorAllParams{NodeID: pushed.NodeIDs[0], Selector: sel})
		if err != nil || len(found.NodeIDs) == 0 {
			return nil, err
		}
		return found.NodeIDs, nil
	})
}

// widgetText is the text of every element matching sel in the widget,
// joined by newlines, once at least min of them exist.
func widgetTexts(t *testing.T, ctx context.Context, what, sel string, min int) []string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(what, chromedp.AtLeast(0), inWidget(sel)))
		if err == nil && len(nodes) >= min {
			var out []string
			for _, n := range nodes {
				s, err := chromedp.Run(ctx, chromedp.TextContent([]cdp.NodeID{n.NodeID}))
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				out = append(out, s)
			}
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d of %d after %s (%v)", what, len(nodes), min, wait, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func visible(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(sel, chromedp.AtLeast(0), inWidget(sel)))
	return err == nil && len(nodes) > 0
}

// axeCheck runs axe-core's WCAG 2.1 A and AA rules on the page and fails
// on any violation, naming the rule and the elements.
func axeCheck(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	src := e2etest.AxeSource(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		t.Fatalf("%s: load axe-core: %v", what, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", what, err)
	}
	var out struct {
		Passes     int
		Violations []struct {
			ID, Impact, Help string
			Nodes            []string
		}
	}
	if err := json.Unmarshal([]byte(res), &out); err != nil {
		t.Fatalf("%s: axe result %q: %v", what, res, err)
	}
	if out.Passes == 0 {
		t.Fatalf("%s: axe-core checked nothing", what)
	}
	for _, v := range out.Violations {
		t.Errorf("%s: accessibility: %s (%s): %s on %v", what, v.ID, v.Impact, v.Help, v.Nodes)
	}
	t.Logf("%s: axe-core %s: %d rules pass, %d violations", what, e2etest.AxeVersion, out.Passes, len(out.Violations))
}

// focusedName is the accessible name of the focused element, from the
// page's accessibility tree.
func focusedName(t *testing.T, ctx context.Context) string {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("accessibility tree: %v", err)
	}
	for _, n := range tree.Nodes {
		if n.Role != nil && strings.Contains(string(n.Role.Value), "WebArea") {
			continue // the document itself counts as focused
		}
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameFocused && p.Value != nil && string(p.Value.Value) == "true" && n.Name != nil {
				var name string
				_ = json.Unmarshal(n.Name.Value, &name)
				return name
			}
		}
	}
	return ""
}

// inLanguage makes the tab's requests ask for lang (Accept-Language).
func inLanguage(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}}); err != nil {
		t.Fatalf("language %s: %v", lang, err)
	}
}

type conversation struct {
	ID    string `json:"id"`
	Level string `json:"level"`
}

func TestCustomerSide(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	e2etest.AxeSource(t) // fetched before anything starts
	mp := e2etest.StartMailpit(t)
	var deskURL string
	shop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		title := map[string]string{"/": "Track your order", "/orders": "Your orders"}[r.URL.Path]
		if title == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, shopPage, deskURL, title)
	}))
	t.Cleanup(shop.Close)
	s := e2etest.StartServer(t, e2etest.ServerOptions{Mailpit: mp, Args: []string{"--widget-origins", shop.URL, "--company", "Acme Shop"}})
	deskURL = s.URL
	ctx := browser(t)

	// The business's branding, set through the admin API.
	s.API(t, "PUT", "/api/v1/settings/branding", s.Admin.Token, map[string]string{"company": "Acme Shop", "primary_color": "#0b5d3b"}, http.StatusOK, nil)
	since := time.Now().AddDate(0, 0, -60).UTC().Format(time.RFC3339)
	var cust struct {
		ID            string `json:"id"`
		ContactPoints []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
		} `json:"contact_points"`
	}
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{
		"external_id": "acme-7", "name": customerName, "emails": []map[string]string{{"value": customerEmail, "added_at": since}},
	}, http.StatusCreated, &cust)

	// 1. The visitor opens the widget: a greeting; they write.
	do(t, ctx, "open the shop", chromedp.Navigate(shop.URL), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	do(t, ctx, "open the widget",
		chromedp.Click("launcher", inWidget(`button.l`)),
		chromedp.WaitVisible("panel", inWidget(`.p.o`)))
	if g := text(t, ctx, "greeting", inWidget(`.g`)); !strings.Contains(g, "How can we help?") {
		t.Fatalf("greeting %q", g)
	}
	do(t, ctx, "write",
		chromedp.SendKeys("name", customerName, inWidget(`input[name=name]`)),
		chromedp.SendKeys("email", customerEmail, inWidget(`input[name=email]`)),
		chromedp.SendKeys("message", firstMessage, inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)),
		chromedp.WaitVisible("sent", inWidget(`.b.customer:not(.pending)`)))

	// 2. The agent answers through the API; the widget names them.
	var list struct{ Conversations []conversation }
	s.API(t, "GET", "/api/v1/conversations?channel=chat", s.Agent.Token, nil, http.StatusOK, &list)
	if len(list.Conversations) != 1 {
		t.Fatalf("%d chats", len(list.Conversations))
	}
	conv := list.Conversations[0].ID
	s.API(t, "POST", "/api/v1/conversations/"+conv+"/messages", s.Agent.Token, map[string]string{"body": "Hi Jane, I am looking into it."}, http.StatusCreated, nil)
	agent := widgetTexts(t, ctx, "the agent's reply", `.b.agent`, 1)
	if !strings.Contains(agent[0], "Agent ·") || !strings.Contains(agent[0], "I am looking into it") {
		t.Fatalf("agent bubble %q: want the agent's name, a time and the text", agent[0])
	}
	if who := text(t, ctx, "header", inWidget(`.who`)); who != "Agent" {
		t.Fatalf("header names %q, want the agent", who)
	}
	shot(t, ctx, "widget-chat")

	// 3. A reload keeps the whole chat, and so does another page of the site.
	for _, step := range []struct{ name, url string }{{"reload", ""}, {"second page", shop.URL + "/orders"}} {
		if step.url == "" {
			do(t, ctx, step.name, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		} else {
			do(t, ctx, step.name, chromedp.Navigate(step.url), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		}
		do(t, ctx, step.name+": open the widget", chromedp.Click("launcher", inWidget(`button.l`)), chromedp.WaitVisible("panel", inWidget(`.p.o`)))
		got := widgetTexts(t, ctx, step.name+": the chat", `.b`, 2)
		if len(got) != 2 || !strings.Contains(got[0], firstMessage) || !strings.Contains(got[1], "I am looking into it") {
			t.Fatalf("%s: the widget shows %q, want the whole chat in order", step.name, got)
		}
		if visible(t, ctx, `.id[style*="display: none"]`) == false {
			t.Fatalf("%s: the widget asks for the name again", step.name)
		}
	}
	shot(t, ctx, "widget-second-page")

	// Tab and Shift+Tab stay inside the open panel (its dialog traps
	// focus), read from the accessibility tree, which sees into the
	// widget's closed shadow root.
	inside := map[string]bool{"Close the chat": true, "Send an image or PDF": true, "Message": true, "Send": true}
	for i, key := range []string{kb.Tab, kb.Tab, kb.Tab, kb.Tab, kb.Tab, kb.Tab, kb.Shift + kb.Tab} {
		if key == kb.Shift+kb.Tab {
			do(t, ctx, "Shift+Tab", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
		} else {
			do(t, ctx, "Tab", chromedp.KeyEvent(key))
		}
		if name := focusedName(t, ctx); !inside[name] {
			t.Fatalf("key %d: focus left the chat panel for %q", i+1, name)
		}
	}

	// 4. Esc closes the panel and gives focus back to the launcher; an
	// agent reply while it is closed shows an unread badge.
	do(t, ctx, "Esc", chromedp.Click("message box", inWidget(`textarea[name=body]`)), chromedp.KeyEvent(kb.Escape))
	if visible(t, ctx, `.p.o`) {
		t.Fatal("Esc did not close the panel")
	}
	s.API(t, "POST", "/api/v1/conversations/"+conv+"/messages", s.Agent.Token, map[string]string{"body": "Found it: it is on its way."}, http.StatusCreated, nil)
	if b := widgetTexts(t, ctx, "unread badge", `.u.o`, 1); b[0] != "1" {
		t.Fatalf("unread badge %q", b[0])
	}
	label, err := chromedp.Run(ctx, chromedp.AttributeValue("launcher", "aria-label", inWidget(`button.l`)))
	if err != nil || !strings.Contains(label.Value, "1 unread") {
		t.Fatalf("launcher label %q (%v)", label.Value, err)
	}
	shot(t, ctx, "widget-unread")
	do(t, ctx, "open again", chromedp.Click("launcher", inWidget(`button.l`)), chromedp.WaitVisible("panel", inWidget(`.p.o`)))
	if visible(t, ctx, `.u.o`) {
		t.Fatal("the badge stays after opening")
	}

	// 5. A verification request: the widget says by which channel the
	// code went (never where: the visitor is unverified) and where to
	// type it; the customer's page opens from the
	// mail, in English and in German, and passes axe-core.
	s.API(t, "PATCH", "/api/v1/conversations/"+conv, s.Agent.Token, map[string]string{"customer_id": cust.ID}, http.StatusOK, nil)
	var ch struct {
		Number      int    `json:"number"`
		Destination string `json:"destination"`
	}
	s.API(t, "POST", "/api/v1/conversations/"+conv+"/challenges", s.Agent.Token, map[string]string{"contact_point_id": cust.ContactPoints[0].ID}, http.StatusCreated, &ch)
	cw := widgetTexts(t, ctx, "code instruction", `.c.o .cw`, 1)[0]
	if !strings.Contains(cw, "by email to the address on file") || strings.Contains(cw, ch.Destination) || !strings.Contains(cw, "Type it in this box") || strings.Contains(cw, customerEmail) {
		t.Fatalf("code instruction %q: want the channel only (not the masked destination %q) and where to type", cw, ch.Destination)
	}
	shot(t, ctx, "widget-code")
	mail := mp.WaitMessage(t, customerEmail, "is this you", wait)
	if !strings.Contains(mail.Text, "code box that opened in the chat window") || strings.Contains(mail.Text, conv) {
		t.Fatalf("verification mail:\n%s", mail.Text)
	}
	link := mail.Link(t, "/v/")
	vTab, cancelV := chromedp.NewContext(ctx)
	defer cancelV()
	do(t, vTab, "open /v/", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`button.yes`)))
	if h := pageText(t, vTab, "h1"); !strings.Contains(h, "Is this you") {
		t.Fatalf("English page h1 %q", h)
	}
	if c := pageText(t, vTab, "header.brand"); !strings.Contains(c, "Acme Shop") {
		t.Fatalf("page header %q lacks the company", c)
	}
	axeCheck(t, vTab, "verification page (en)")
	shot(t, vTab, "verify-page-en")
	inLanguage(t, vTab, "de-DE,de;q=0.9")
	do(t, vTab, "German", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`button.yes`)))
	lang, err := chromedp.Run(vTab, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if h := pageText(t, vTab, "h1"); err != nil || lang.Value != "de" || !strings.Contains(h, "Sprechen Sie gerade mit unserem Support?") {
		t.Fatalf("German page: lang %q, h1 %q (%v)", lang.Value, h, err)
	}
	axeCheck(t, vTab, "verification page (de)")
	shot(t, vTab, "verify-page-de")
	do(t, vTab, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`button.yes`)))
	shot(t, vTab, "verify-page-phone")
	do(t, vTab, "approve",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=number][value="%d"]`, ch.Number))),
		chromedp.Click(chromedp.CSS(`button.yes`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "verified") or contains(., "bestätigt")]`)))
	cancelV()
	// The widget says "Verified", in words.
	if v := widgetTexts(t, ctx, "verified badge", `.lv.o`, 1)[0]; v != "Verified" {
		t.Fatalf("badge %q", v)
	}

	// 6. The agent resolves it: the widget says so (and calls the hook);
	// the owner gets one transcript, whose "This wasn't me" page passes
	// axe-core in English and French.
	do(t, ctx, "hook", chromedp.Evaluate[chromedp.Void](`window.__resolved = 0; Proofdesk.onResolved(function () { window.__resolved++ })`))
	s.API(t, "PATCH", "/api/v1/conversations/"+conv, s.Agent.Token, map[string]string{"status": "resolved"}, http.StatusOK, nil)
	if d := widgetTexts(t, ctx, "resolved notice", `.done.o`, 1)[0]; !strings.Contains(d, "resolved") {
		t.Fatalf("resolved notice %q", d)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.__resolved === 1`)); err != nil {
		t.Fatalf("onResolved hook: %v", err)
	}
	shot(t, ctx, "widget-resolved")
	// Writing again reopens it.
	do(t, ctx, "write again",
		chromedp.SendKeys("message", "One more thing: can I change the address?", inWidget(`textarea[name=body]`)),
		chromedp.Click("send", inWidget(`form.f button.s`)))
	for deadline := time.Now().Add(wait); ; time.Sleep(100 * time.Millisecond) {
		var c struct{ Status string }
		s.API(t, "GET", "/api/v1/conversations/"+conv, s.Agent.Token, nil, http.StatusOK, &c)
		if c.Status == "open" && !visible(t, ctx, `.done.o`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("writing after the resolve: status %q, notice shown %v", c.Status, visible(t, ctx, `.done.o`))
		}
	}
	// The owner's copy of their data (an admin's break-glass export): the
	// link from the mail opens the download page, which passes axe-core;
	// its button downloads once, and the page then says it is gone.
	var started struct {
		SentTo []string `json:"sent_to"`
	}
	s.API(t, "POST", "/api/v1/customers/"+cust.ID+"/export", s.Admin.Token, map[string]string{"reason": "owner asked by letter"}, http.StatusAccepted, &started)
	if len(started.SentTo) != 1 || strings.Contains(started.SentTo[0], customerEmail) {
		t.Fatalf("export sent to %q, want one masked address", started.SentTo)
	}
	exportMail := mp.WaitMessage(t, customerEmail, "Your data from Acme Shop", wait)
	xTab, cancelX := chromedp.NewContext(ctx)
	defer cancelX()
	do(t, xTab, "open /x/", chromedp.Navigate(exportMail.Link(t, "/x/")), chromedp.WaitVisible(chromedp.CSS(`form button`)))
	axeCheck(t, xTab, "export page")
	shot(t, xTab, "export-page")
	do(t, xTab, "download", chromedp.Click(chromedp.CSS(`form button`)))
	for deadline := time.Now().Add(wait); ; time.Sleep(200 * time.Millisecond) {
		var audit struct{ Entries []struct{ Action string } }
		s.API(t, "GET", "/api/v1/audit?action=customer.export_downloaded", s.Admin.Token, nil, http.StatusOK, &audit)
		if len(audit.Entries) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the button did not download the export")
		}
	}
	do(t, xTab, "open /x/ again", chromedp.Navigate(exportMail.Link(t, "/x/")), chromedp.WaitVisible(chromedp.CSS(`main`)))
	if p := pageText(t, xTab, "main"); !strings.Contains(p, "already downloaded") {
		t.Fatalf("the export page after the download says %q", p)
	}
	cancelX()

	transcript := mp.WaitMessage(t, customerEmail, "Your conversation with Acme Shop", wait)
	if strings.Contains(transcript.Text, conv) {
		t.Fatalf("transcript shows the conversation ID:\n%s", transcript.Text)
	}
	nTab, cancelN := chromedp.NewContext(ctx)
	defer cancelN()
	do(t, nTab, "open /n/", chromedp.Navigate(transcript.Link(t, "/n/")), chromedp.WaitVisible(chromedp.CSS(`button.no`)))
	axeCheck(t, nTab, "notice page (en)")
	shot(t, nTab, "notice-page-en")
	inLanguage(t, nTab, "fr-FR")
	do(t, nTab, "French", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`button.no`)))
	if h := pageText(t, nTab, "h1"); h != "Était-ce vous ?" {
		t.Fatalf("French notice page h1 %q", h)
	}
	axeCheck(t, nTab, "notice page (fr)")
	shot(t, nTab, "notice-page-fr")
	// Pressing the button posts the page's CSRF token: the owner reads the
	// confirmation in French and the conversation is flagged.
	do(t, nTab, "press This wasn't me", chromedp.Click(chromedp.CSS(`button.no`)), chromedp.WaitNotPresent(chromedp.CSS(`button.no`)))
	if h := pageText(t, nTab, "h1"); h != "Merci — nous avons bloqué les modifications de votre compte par le support" {
		t.Fatalf("French confirmation after the button: h1 %q", h)
	}
	var flagged struct{ Fraud bool }
	s.API(t, "GET", "/api/v1/conversations/"+conv, s.Agent.Token, nil, http.StatusOK, &flagged)
	if !flagged.Fraud {
		t.Fatal("the button did not flag the conversation")
	}
	cancelN()

	// 7. An erasure the owner confirms (another customer: Jane's account
	// is support-locked now, which refuses an erasure): the page behind
	// the mailed link passes axe-core in English and in German, and its
	// button erases, confirmed in German.
	const maxEmail = "max.muster@example.com"
	var max struct{ ID string }
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{
		"external_id": "acme-8", "name": "Max Muster", "emails": []map[string]string{{"value": maxEmail, "added_at": since}},
	}, http.StatusCreated, &max)
	s.API(t, "POST", "/api/v1/customers/"+max.ID+"/erase", s.Admin.Token, map[string]string{"reason": "the owner asked by letter"}, http.StatusAccepted, nil)
	eraseMail := mp.WaitMessage(t, maxEmail, "Confirm the erasure of your data", wait)
	eTab, cancelE := chromedp.NewContext(ctx)
	defer cancelE()
	do(t, eTab, "open /erase/", chromedp.Navigate(eraseMail.Link(t, "/erase/")), chromedp.WaitVisible(chromedp.CSS(`button.no`)))
	if h := pageText(t, eTab, "h1"); h != "Erase your data?" {
		t.Fatalf("English erasure page h1 %q", h)
	}
	axeCheck(t, eTab, "erasure page (en)")
	shot(t, eTab, "erase-page-en")
	inLanguage(t, eTab, "de-DE,de;q=0.9")
	do(t, eTab, "German", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`button.no`)))
	lang, err = chromedp.Run(eTab, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if h := pageText(t, eTab, "h1"); err != nil || lang.Value != "de" || h != "Ihre Daten löschen?" {
		t.Fatalf("German erasure page: lang %q, h1 %q (%v)", lang.Value, h, err)
	}
	axeCheck(t, eTab, "erasure page (de)")
	shot(t, eTab, "erase-page-de")
	do(t, eTab, "press Erase all my data", chromedp.Click(chromedp.CSS(`button.no`)), chromedp.WaitNotPresent(chromedp.CSS(`button.no`)))
	if h := pageText(t, eTab, "h1"); h != "Ihre Daten wurden gelöscht" {
		t.Fatalf("German confirmation after the button: h1 %q", h)
	}
	axeCheck(t, eTab, "erasure page, erased (de)")
	var erased struct {
		Name     string `json:"name"`
		ErasedAt string `json:"erased_at"`
	}
	s.API(t, "GET", "/api/v1/customers/"+max.ID, s.Admin.Token, nil, http.StatusOK, &erased)
	if erased.ErasedAt == "" {
		t.Fatalf("the button did not erase the customer: %+v", erased)
	}
}
