package console_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/console"
	"github.com/proofdesk/proofdesk/http/console/consoletest"
)

// signIn returns a browser signed in as email on the stack.
func signIn(t *testing.T, s *consoletest.Stack, email, password, code string) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{tb: t, base: s.Server.URL(), c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if resp, page := b.login(email, password, code); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in %s: %d %s", email, resp.StatusCode, page)
	}
	return b
}

func agentBrowser(t *testing.T, s *consoletest.Stack) *browser {
	return signIn(t, s, consoletest.AgentEmail, consoletest.AgentPassword, consoletest.TOTPCode(t, s.AgentTOTP, time.Time{}))
}

// pii are the customer's protected values: none may appear at L0.
var pii = []string{consoletest.CustomerEmail, "415-555-0123", consoletest.CustomerPhone, "Baker", consoletest.CustomerPostal,
	consoletest.CustomerDOB, consoletest.NewContactEmail}

func assertNoPII(t *testing.T, where, page string) {
	t.Helper()
	for _, v := range pii {
		if v == consoletest.CustomerEmail && strings.Contains(page, "Says their email is") {
			// The requester typed this claim; it is shown labelled as one.
			page = strings.ReplaceAll(page, "<dd>"+v+"</dd>", "")
		}
		if strings.Contains(page, v) {
			t.Fatalf("%s shows %q at L0", where, v)
		}
	}
}

func TestPages_RenderSignedInAndMasked(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	conv := "/conversations/" + s.Conv.ID
	pages := []struct {
		path string
		want []string
	}{
		{"/inbox", []string{consoletest.Subject, "Mine", "Unassigned"}},
		{"/inbox?view=unassigned", []string{"Refund &lt;script&gt;"}},
		{"/inbox?view=open&q=order", []string{consoletest.Subject}},
		{"/inbox?view=all&channel=email", []string{"Refund"}},
		{"/inbox?view=all&tag=orders", []string{consoletest.Subject}},
		{"/inbox?view=all&customer=" + url.QueryEscape(consoletest.CustomerEmail), []string{consoletest.Subject}},
		{"/inbox?view=all&customer=" + url.QueryEscape(consoletest.CustomerPhone), []string{consoletest.Subject}},
		{conv, []string{"Requester claims", `<span class="vt-dest">j***@e***.com</span>`, "L0"}},
		{"/customers/" + s.Customer.ID + "?from=" + s.Conv.ID, []string{"Contact points", "cooling off until", "Recent conversations"}},
		{"/conversations/" + s.Unlinked.ID, []string{"[code hidden]", "not linked to a customer", "&lt;b&gt;Mallory&lt;/b&gt;"}},
		{"/account/2fa", []string{"Two-factor authentication is on"}},
	}
	for _, p := range pages {
		resp, page := b.get(p.path)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", p.path, resp.StatusCode)
		}
		if resp.Header.Get("Content-Security-Policy") != "" && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Fatalf("GET %s: CSP %q", p.path, resp.Header.Get("Content-Security-Policy"))
		}
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("GET %s: cacheable", p.path)
		}
		for _, w := range p.want {
			if !strings.Contains(page, w) {
				t.Fatalf("GET %s: no %q in\n%s", p.path, w, page)
			}
		}
		// The search box keeps what the agent typed; nothing else may show it.
		page = strings.ReplaceAll(page, `value="`+consoletest.CustomerEmail+`"`, "")
		page = strings.ReplaceAll(page, `value="`+consoletest.CustomerPhone+`"`, "")
		assertNoPII(t, p.path, page)
		if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") || strings.Contains(page, "123 456") {
			t.Fatalf("GET %s: customer text not escaped or code shown", p.path)
		}
	}
	// No agent page offers a box for the customer's code.
	_, page := b.get(conv)
	if strings.Contains(page, `name="code"`) {
		t.Fatal("the conversation page has a code box")
	}
	// The customer search with a partial value explains itself.
	if _, page := b.get("/inbox?view=all&customer=jane"); !strings.Contains(page, "full email address or phone number") {
		t.Fatal("partial customer search not explained")
	}
}

func TestPages_SignedOutAndRoles(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	anon := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	anon.c.Jar, _ = cookiejar.New(nil)
	for _, p := range []string{"/inbox", "/conversations/" + s.Conv.ID, "/customers/" + s.Customer.ID, "/admin/agents", "/admin/audit", "/events"} {
		if resp, _ := anon.get(p); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Fatalf("signed out GET %s: %d", p, resp.StatusCode)
		}
	}
	b := agentBrowser(t, s)
	for _, p := range []string{"/admin/agents", "/admin/tokens", "/admin/policy", "/admin/settings", "/admin/audit", "/admin/outbox"} {
		if resp, _ := b.get(p); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("agent GET %s: %d, want 403", p, resp.StatusCode)
		}
	}
	_, page := b.get("/inbox")
	if resp, _ := b.post("/admin/agents", url.Values{"csrf_token": {csrfOf(t, page)}, "email": {"x@desk.test"}, "name": {"X"}, "role": {"admin"}, "password": {"long enough password"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("agent creates an agent: %d", resp.StatusCode)
	}
	// The links to Reports and Admin follow Decide's answers
	// (DoViewReports, DoAdminister): not an agent's, an admin's.
	if strings.Contains(page, `href="/reports"`) || strings.Contains(page, `href="/admin/agents"`) {
		t.Fatal("an agent's page links to Reports or Admin")
	}
	s.Console.AllowNo2FA = true
	if _, page := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "").get("/inbox"); !strings.Contains(page, `href="/reports"`) || !strings.Contains(page, `href="/admin/agents"`) {
		t.Fatal("an admin's page lacks the links to Reports and Admin")
	}
	s.Console.AllowNo2FA = false
	// An expired session sends the agent to sign in, saying why.
	s.Console.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
	resp, _ := b.get("/inbox")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("expired session: %d", resp.StatusCode)
	}
	s.Console.Now = time.Now
}

func TestPages_CSRFEnforced(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	conv := "/conversations/" + s.Conv.ID
	cp := s.Customer.ContactPointsOf(proofdesk.ContactEmail)[0].ID
	posts := map[string]url.Values{
		conv + "/messages":   {"body": {"hello"}},
		conv + "/assign":     {"assignee": {"me"}},
		conv + "/status":     {"status": {"resolved"}},
		conv + "/challenges": {"contact_point_id": {cp}},
		conv + "/reveal":     {"field": {"addresses"}, "reason": {"shipping"}},
		"/account/2fa":       {"code": {"123456"}},
	}
	for path, form := range posts {
		for _, tok := range []string{"", "wrong"} {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			if tok != "" {
				f.Set("csrf_token", tok)
			}
			if resp, _ := b.post(path, f); resp.StatusCode != http.StatusForbidden {
				t.Fatalf("POST %s with csrf %q: %d, want 403", path, tok, resp.StatusCode)
			}
		}
	}
	msgs, _ := s.Conversations.FindMessages(context.Background(), s.Conv.ID)
	if len(msgs) != 1 {
		t.Fatalf("%d messages after refused posts, want 1", len(msgs))
	}
}

func TestConversation_GuardRevealVerify(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	conv := "/conversations/" + s.Conv.ID
	_, page := b.get(conv)
	tok := csrfOf(t, page)

	// Reveal at L0: refused, audited, value not shown.
	resp, page := b.post(conv+"/reveal", url.Values{"csrf_token": {tok}, "field": {"addresses"}, "reason": {"customer asks where the parcel goes"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "Verify the customer to L1 first") {
		t.Fatalf("reveal at L0: %d", resp.StatusCode)
	}
	assertNoPII(t, "refused reveal", page)

	// A reply with the address is blocked with the reason and next step.
	resp, page = b.post(conv+"/messages", url.Values{"csrf_token": {tok}, "internal": {"0"}, "body": {"It goes to 221B Baker Street, London NW1 6XE."}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Reply not sent") || !strings.Contains(page, "protected_value") ||
		!strings.Contains(page, "Verify the customer to L1 first") {
		t.Fatalf("blocked reply: %d\n%s", resp.StatusCode, page)
	}
	// A confirmation of the offered address is blocked too.
	resp, page = b.post(conv+"/messages", url.Values{"csrf_token": {tok}, "internal": {"0"}, "body": {"Yes, that's right."}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "confirmation") {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	// An internal note is not guarded.
	if resp, _ := b.post(conv+"/messages", url.Values{"csrf_token": {tok}, "internal": {"1"}, "body": {"Probing: quoted a fake address."}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("note: %d", resp.StatusCode)
	}
	if resp, _ := b.post(conv+"/messages", url.Values{"csrf_token": {tok}, "internal": {"0"}, "body": {"I can help once you're verified."}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("innocent reply: %d", resp.StatusCode)
	}

	// The new contact point is cooling off: its button is disabled and the
	// store refuses it too.
	var fresh, email string
	for _, cp := range s.Customer.ContactPoints {
		switch cp.Value {
		case consoletest.NewContactEmail:
			fresh = cp.ID
		case consoletest.CustomerEmail:
			email = cp.ID
		}
	}
	if resp, page := b.post(conv+"/challenges", url.Values{"csrf_token": {tok}, "contact_point_id": {fresh}}); resp.StatusCode == http.StatusSeeOther || !strings.Contains(page, "flash-error") {
		t.Fatalf("challenge to a cooling-off contact point: %d", resp.StatusCode)
	}
	// Send a request: the number shows, big.
	if resp, _ := b.post(conv+"/challenges", url.Values{"csrf_token": {tok}, "contact_point_id": {email}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("challenge: %d", resp.StatusCode)
	}
	_, page = b.get(conv + "?done=challenge")
	chs, _ := s.Verification.FindChallenges(ctx, s.Conv.ID)
	if len(chs) != 1 || !strings.Contains(page, `id="match-number"`) || !strings.Contains(page, ">"+twoDigits(chs[0].Number)+"<") {
		t.Fatalf("number not shown: %v", chs)
	}
	assertNoPII(t, "after challenge", page)

	// Complete it with the token from the outbox, as the customer would.
	token := tokenFromOutbox(t, s)
	if res, err := s.Verification.ApproveByToken(ctx, token, chs[0].Number); err != nil || !res.OK {
		t.Fatalf("approve: %v %v", res, err)
	}
	_, page = b.get(conv)
	if !strings.Contains(page, `data-level="L1"`) {
		t.Fatal("level not L1 after approval")
	}
	// Another agent cannot reveal: only the assignee may.
	other := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, op := other.get(conv)
	if resp, page := other.post(conv+"/reveal", url.Values{"csrf_token": {csrfOf(t, op)}, "field": {"addresses"}, "reason": {"curious"}}); resp.StatusCode != http.StatusForbidden || strings.Contains(page, "Baker") {
		t.Fatalf("reveal by another agent: %d", resp.StatusCode)
	}
	// The assignee reveals: shown once, in this response only.
	resp, page = b.post(conv+"/reveal", url.Values{"csrf_token": {tok}, "field": {"addresses"}, "reason": {"customer asks where the parcel goes"}})
	if resp.StatusCode != 200 || !strings.Contains(page, consoletest.CustomerStreet) || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("reveal at L1: %d", resp.StatusCode)
	}
	if _, page := b.get(conv); strings.Contains(page, "Baker") {
		t.Fatal("the revealed value stays on the page")
	}
	// Resolve.
	if resp, _ := b.post(conv+"/status", url.Values{"csrf_token": {tok}, "status": {"resolved"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve: %d", resp.StatusCode)
	}
	c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID)
	if c.Status != proofdesk.StatusResolved {
		t.Fatalf("status %s", c.Status)
	}
}

func TestConversation_ProbingWarning(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	s.Probe(t)
	b := agentBrowser(t, s)
	if _, page := b.get("/conversations/" + s.Conv.ID); !strings.Contains(page, "do not confirm or deny") || !strings.Contains(page, "banner-caution") ||
		strings.Contains(page, "Probing warning") || strings.Contains(page, "risk signal") {
		t.Fatal("no probing warning")
	}
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

// tokenFromOutbox reads the /v/{token} link of the newest verification
// email, as the customer's mailbox would.
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

func TestAdmin_Pages(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{Settings: consoletestSettings()})
	s.Console.AllowNo2FA = true
	b := signIn(t, s, consoletest.AdminEmail, consoletest.AdminPassword, "")
	for path, want := range map[string]string{
		"/admin/agents": "Ada Lovelace", "/admin/tokens": "Create an API token", "/admin/policy": "Data classes",
		"/admin/settings": "smtp.relay.test:587", "/admin/audit": "Chain intact", "/admin/outbox": "The outbox is empty",
	} {
		resp, page := b.get(path)
		if resp.StatusCode != 200 || !strings.Contains(page, want) {
			t.Fatalf("GET %s: %d, no %q", path, resp.StatusCode, want)
		}
		if strings.Contains(page, "relay-secret") {
			t.Fatalf("GET %s shows a secret", path)
		}
	}
	_, page := b.get("/admin/agents")
	tok := csrfOf(t, page)
	resp, page := b.post("/admin/agents", url.Values{"csrf_token": {tok}, "email": {"new@desk.test"}, "name": {"New <Agent>"}, "role": {"supervisor"}, "password": {"long enough password"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(page, "New &lt;Agent&gt;") {
		t.Fatalf("create agent: %d", resp.StatusCode)
	}
	if resp, _ := b.post("/admin/agents", url.Values{"csrf_token": {tok}, "email": {"new@desk.test"}, "name": {"Dup"}, "role": {"agent"}, "password": {"long enough password"}}); resp.StatusCode != http.StatusConflict {
		t.Fatalf("duplicate agent: %d", resp.StatusCode)
	}
	resp, page = b.post("/admin/tokens", url.Values{"csrf_token": {tok}, "name": {"CRM"}})
	if resp.StatusCode != http.StatusCreated || !strings.Contains(page, `id="new-token"`) {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	// Policy: a level below the floor is refused with a message naming it.
	form := url.Values{"csrf_token": {tok}}
	for _, k := range []string{"name", "email", "phone", "address", "date_of_birth", "payment", "orders"} {
		form.Set("class."+k, "L1")
	}
	for _, k := range []string{"change_email", "change_phone", "change_address", "add_contact_point", "send_password_reset", "remove_support_lock"} {
		form.Set("action."+k, "L2")
	}
	form.Set("class.payment", "L1")
	resp, page = b.post("/admin/policy", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "payment") || !strings.Contains(page, "floor") {
		t.Fatalf("policy below floor: %d\n%s", resp.StatusCode, page)
	}
	form.Set("class.payment", "L2")
	form.Set("new_attr", "loyalty_id")
	form.Set("new_attr_level", "L2")
	if resp, _ := b.post("/admin/policy", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("policy save: %d", resp.StatusCode)
	}
	if _, page := b.get("/admin/policy"); !strings.Contains(page, "attr.loyalty_id") {
		t.Fatal("declared attribute not shown")
	}
	// Branding: a bad colour is refused naming the field; a good one is
	// saved and shown.
	resp, page = b.post("/admin/branding", url.Values{"csrf_token": {tok}, "company": {"Acme Shop"}, "primary_color": {"green"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "primary_color") {
		t.Fatalf("bad branding: %d\n%s", resp.StatusCode, page)
	}
	if resp, _ := b.post("/admin/branding", url.Values{"csrf_token": {tok}, "company": {"Acme Shop"}, "logo_url": {"https://cdn.acme.test/logo.png"}, "primary_color": {"#0b5d3b"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("branding save: %d", resp.StatusCode)
	}
	if _, page := b.get("/admin/branding"); !strings.Contains(page, `value="Acme Shop"`) || !strings.Contains(page, `value="#0b5d3b"`) || !strings.Contains(page, "https://cdn.acme.test/logo.png") {
		t.Fatalf("saved branding not shown:\n%s", page)
	}
	// The audit log filters by event.
	if _, page := b.get("/admin/audit?action=policy.change"); !strings.Contains(page, "policy.change") || strings.Contains(page, "<code>agent.login</code>") {
		t.Fatal("audit filter")
	}
}

func consoletestSettings() console.Settings {
	return console.Settings{SMTPRelay: "smtp.relay.test:587", SMTPRelayTLS: "starttls", SMTPRelayUser: "desk", WidgetOrigins: []string{"https://shop.test"}}
}

func TestEnrol_FirstSignIn(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	jar, _ := cookiejar.New(nil)
	b := &browser{tb: t, base: s.Server.URL(), c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	resp, page := b.login(consoletest.AdminEmail, consoletest.AdminPassword, "")
	if resp.StatusCode != 200 || !strings.Contains(page, "data:image/png;base64,") || b.cookie("proofdesk_session") != "" {
		t.Fatalf("first sign-in: %d", resp.StatusCode)
	}
	a, _ := s.Agents.FindAgentByID(context.Background(), s.Admin.ID)
	ticket := valueOf(t, page, "ticket")
	if resp, _ := b.post("/login/enrol", url.Values{"csrf_token": {csrfOf(t, page)}, "ticket": {ticket + "x"}, "code": {consoletest.TOTPCode(t, a.TOTPSecret, time.Time{})}}); resp.StatusCode != http.StatusUnauthorized || b.cookie("proofdesk_session") != "" {
		t.Fatalf("tampered ticket: %d", resp.StatusCode)
	}
	resp, page = b.login(consoletest.AdminEmail, consoletest.AdminPassword, "")
	a, _ = s.Agents.FindAgentByID(context.Background(), s.Admin.ID)
	resp, _ = b.post("/login/enrol", url.Values{"csrf_token": {csrfOf(t, page)}, "ticket": {valueOf(t, page, "ticket")}, "code": {consoletest.TOTPCode(t, a.TOTPSecret, time.Time{})}})
	if resp.StatusCode != http.StatusSeeOther || b.cookie("proofdesk_session") == "" {
		t.Fatalf("enrol: %d", resp.StatusCode)
	}
	if a, _ := s.Agents.FindAgentByID(context.Background(), s.Admin.ID); !a.TOTPEnabled {
		t.Fatal("TOTP not enabled")
	}
}

func valueOf(tb testing.TB, page, name string) string {
	tb.Helper()
	i := strings.Index(page, `name="`+name+`" value="`)
	if i < 0 {
		tb.Fatalf("no %s in page", name)
	}
	rest := page[i+len(`name="`+name+`" value="`):]
	return rest[:strings.IndexByte(rest, '"')]
}

// Taking over a verified conversation does not carry the right to reveal:
// the page says so before, and the level is L0 after.
func TestConversation_TakeOverResetsLevel(t *testing.T) {
	s := consoletest.New(t, consoletest.Options{})
	b := agentBrowser(t, s)
	ctx := context.Background()
	conv := "/conversations/" + s.Conv.ID
	_, page := b.get(conv)
	tok := csrfOf(t, page)
	var email string
	for _, cp := range s.Customer.ContactPoints {
		if cp.Value == consoletest.CustomerEmail {
			email = cp.ID
		}
	}
	if resp, _ := b.post(conv+"/challenges", url.Values{"csrf_token": {tok}, "contact_point_id": {email}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("challenge: %d", resp.StatusCode)
	}
	chs, _ := s.Verification.FindChallenges(ctx, s.Conv.ID)
	if res, err := s.Verification.ApproveByToken(ctx, tokenFromOutbox(t, s), chs[0].Number); err != nil || !res.OK {
		t.Fatalf("approve: %v %v", res, err)
	}
	if _, page := b.get(conv); strings.Contains(page, `id="take-over-note"`) {
		t.Fatal("the holder is warned about taking over their own conversation")
	}
	other := signIn(t, s, consoletest.OtherEmail, consoletest.OtherPassword, "")
	_, op := other.get(conv)
	if !strings.Contains(op, `id="take-over-note"`) || strings.Contains(op, `name="break_glass_reason"`) {
		t.Fatal("another agent is not told that taking over resets the level (or is offered a break-glass)")
	}
	if resp, _ := other.post(conv+"/assign", url.Values{"csrf_token": {csrfOf(t, op)}, "assignee": {"me"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("take over: %d", resp.StatusCode)
	}
	c, _ := s.Conversations.FindConversationByID(ctx, s.Conv.ID)
	if l := c.EffectiveLevel(time.Now()); l != proofdesk.L0 {
		t.Fatalf("level after a take-over = %s, want L0", l)
	}
	_, op = other.get(conv)
	if resp, page := other.post(conv+"/reveal", url.Values{"csrf_token": {csrfOf(t, op)}, "field": {"addresses"}, "reason": {"took it over"}}); resp.StatusCode != http.StatusForbidden || strings.Contains(page, "Baker") {
		t.Fatalf("reveal after a take-over: %d", resp.StatusCode)
	}
}
