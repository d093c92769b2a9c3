package verifypage_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/custpage"
	"github.com/proofdesk/proofdesk/http/verifypage"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// clock is a settable time source shared by the store and the page.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Microsecond)
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// recorder is an EventService that keeps what was published.
type recorder struct {
	mu  sync.Mutex
	evs []proofdesk.Event
}

var _ proofdesk.EventService = (*recorder)(nil)

func (r *recorder) PublishEvent(_ context.Context, ev proofdesk.Event) {
	r.mu.Lock()
	ev.At = time.Time{}
	r.evs = append(r.evs, ev)
	r.mu.Unlock()
}

func (r *recorder) Subscribe(context.Context, string) (proofdesk.Subscription, error) {
	return nil, proofdesk.Errorf(proofdesk.EINTERNAL, "not used in tests")
}

func (r *recorder) events() []proofdesk.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]proofdesk.Event(nil), r.evs...)
}

// fixture: a customer with an email on file for years, an agent holding
// an L0 chat conversation linked to the customer, a pending request sent
// to the email, and the page served on a real server.
type fixture struct {
	db        *sqldb.DB
	clk       *clock
	vs        *desk.Verification
	events    *recorder
	page      *verifypage.Handler
	srv       *httpd.Server
	cust      *proofdesk.Customer
	conv      *proofdesk.Conversation
	agentCtx  context.Context
	info      *proofdesk.ChallengeInfo
	token     string
	agentName string
}

func newFixture(t testing.TB, db *sqldb.DB, agentName string) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clk: &clock{now: time.Now().UTC().Truncate(time.Second)}, events: &recorder{}, agentName: agentName}
	db.SetNow(f.clk.Now)
	var err error
	if f.vs, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.example"}); err != nil {
		t.Fatal(err)
	}
	old := f.clk.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:    []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}},
		Phones:    []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: &old}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", City: "Springfield", PostalCode: "97403", Country: "US"}}}
	if f.cust, err = in.Customer(f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, f.cust); err != nil {
		t.Fatal(err)
	}
	agent := &proofdesk.Agent{Email: "ann@desk.example", Name: agentName, Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	f.agentCtx = proofdesk.NewContextWithAgent(ctx, agent)
	f.conv = &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: f.cust.ID, AssigneeID: agent.ID}
	if err := sqldb.NewConversationService(db).CreateConversation(f.agentCtx, f.conv, nil); err != nil {
		t.Fatal(err)
	}
	if f.info, err = f.vs.IssueChallenge(f.agentCtx, f.conv.ID, f.cust.ContactPoints[0].ID); err != nil {
		t.Fatal(err)
	}
	f.token = f.linkToken(t)
	key, err := db.Secret(ctx, "verifypage")
	if err != nil {
		t.Fatal(err)
	}
	if f.page, err = verifypage.NewHandler(f.vs, key, nil); err != nil {
		t.Fatal(err)
	}
	f.page.Now, f.page.Events = f.clk.Now, f.events
	f.srv = httpd.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)))
	f.page.Register(f.srv)
	if err := f.srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.srv.Close() })
	return f
}

var linkRe = regexp.MustCompile(`/v/([A-Za-z0-9_-]+)`)

// linkToken reads the newest verification message in the outbox, as the
// customer's mailbox would.
func (f *fixture) linkToken(t testing.TB) string {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(f.db).FindOutbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Purpose == "verification" {
			if lm := linkRe.FindStringSubmatch(m.Body); lm != nil {
				return lm[1]
			}
		}
	}
	t.Fatal("no verification link in the outbox")
	return ""
}

// state is what must not change when nothing should: the conversation's
// level and fraud flag, the request's status and attempts, the customer's
// lock, and the length of the audit log.
type state struct {
	Level        proofdesk.Level
	Fraud        bool
	Status       string
	AttemptsLeft int
	Locked       bool
	Audit        int
}

func (f *fixture) state(t *testing.T) state {
	t.Helper()
	ctx := context.Background()
	conv, err := sqldb.NewConversationService(f.db).FindConversationByID(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	chs, err := f.vs.FindChallenges(ctx, f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	cust, err := sqldb.NewCustomerService(f.db).FindCustomerByID(ctx, f.cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	au, err := sqldb.NewAuditService(f.db).FindAuditEntries(ctx, proofdesk.AuditFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	st := state{Level: conv.EffectiveLevel(f.clk.Now()), Fraud: conv.Fraud, Locked: cust.SupportLocked, Audit: len(au)}
	for _, ch := range chs {
		if ch.ID == f.info.ID {
			st.Status, st.AttemptsLeft = ch.Status, ch.AttemptsLeft
		}
	}
	return st
}

func (f *fixture) pending() state {
	return state{Level: proofdesk.L0, Status: proofdesk.ChallengePending, AttemptsLeft: 5}
}

// browser is a customer's browser: it keeps cookies.
type browser struct {
	t      *testing.T
	client *http.Client
	base   string
}

func (f *fixture) browser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, client: &http.Client{Jar: jar}, base: f.srv.URL()}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) get(path string) response {
	b.t.Helper()
	resp, err := b.client.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	resp, err := b.client.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func read(t *testing.T, resp *http.Response) response {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, r response) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no csrf field in page: %s", r.body)
	}
	return m[1]
}

func (r response) must(t *testing.T, status int, want ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	for _, w := range want {
		if !strings.Contains(html.UnescapeString(r.body), w) {
			t.Errorf("page lacks %q: %s", w, r.body)
		}
	}
}

func wrongNumber(info *proofdesk.ChallengeInfo, choices []int) int {
	for _, c := range choices {
		if c != info.Number {
			return c
		}
	}
	return 0
}

var choiceRe = regexp.MustCompile(`name="number" value="([0-9]+)"`)

func choicesOf(t *testing.T, r response) []int {
	t.Helper()
	var out []int
	for _, m := range choiceRe.FindAllStringSubmatch(r.body, -1) {
		n := 0
		for _, c := range m[1] {
			n = n*10 + int(c-'0')
		}
		out = append(out, n)
	}
	if len(out) != 3 {
		t.Fatalf("page offers %d numbers, want 3: %s", len(out), r.body)
	}
	return out
}

func TestShow_ChangesNothing(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		before := f.state(t)
		if diff := cmp.Diff(f.pending(), state{Level: before.Level, Fraud: before.Fraud, Status: before.Status, AttemptsLeft: before.AttemptsLeft, Locked: before.Locked}); diff != "" {
			t.Fatalf("fixture (-want +got):\n%s", diff)
		}
		b := f.browser(t)
		var first response
		for i := range 2 { // a mail scanner, then the customer
			r := b.get("/v/" + f.token)
			r.must(t, http.StatusOK,
				"Ann, from our support team", "Live chat",
				f.conv.CreatedAt.UTC().Format("2006-01-02 15:04 UTC"),
				f.info.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC"),
				"Pick the number the agent read to you", "Yes, this is me", "This wasn't me",
				`action="/v/`+f.token+`/approve"`, `action="/v/`+f.token+`/deny"`)
			choices := choicesOf(t, r)
			found := false
			for _, c := range choices {
				found = found || c == f.info.Number
			}
			if !found {
				t.Fatalf("choices %v lack the agent's number %d", choices, f.info.Number)
			}
			for _, leak := range []string{"Agent", "Jane", "jane@", "Evergreen", "Springfield", "<script"} {
				if strings.Contains(r.body, leak) {
					t.Errorf("page shows %q", leak)
				}
			}
			if i == 0 {
				first = r
			}
		}
		// Security headers.
		want := map[string]string{"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
		for k, v := range want {
			if got := first.header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		csp := first.header.Get("Content-Security-Policy")
		for _, w := range []string{"default-src 'none'", "form-action 'self'", "frame-ancestors 'none'", "style-src 'sha256-"} {
			if !strings.Contains(csp, w) {
				t.Errorf("CSP %q lacks %q", csp, w)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
			t.Errorf("CSP %q allows scripts or inline code", csp)
		}
		ck := first.header.Get("Set-Cookie")
		for _, w := range []string{"HttpOnly", "SameSite=Strict", "Path=/v/"} {
			if !strings.Contains(ck, w) {
				t.Errorf("cookie %q lacks %s", ck, w)
			}
		}
		if after := f.state(t); after != before {
			t.Fatalf("GET changed state: %+v -> %+v", before, after)
		}
		if evs := f.events.events(); len(evs) != 0 {
			t.Fatalf("GET published %v", evs)
		}
	})
}

func randomToken(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func TestInvalidToken(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		unknown := b.get("/v/" + randomToken(t))
		unknown.must(t, http.StatusNotFound, "This verification link is not valid")
		malformed := b.get("/v/abc")
		malformed.must(t, http.StatusNotFound)
		if unknown.body != malformed.body {
			t.Fatalf("unknown and malformed tokens get different pages:\n%s\n%s", unknown.body, malformed.body)
		}
		if unknown.header.Get("Set-Cookie") != "" {
			t.Fatal("an invalid link set a cookie")
		}
		// Half a real token is no better.
		b.get("/v/"+f.token[:20]).must(t, http.StatusNotFound, "not valid")
	})
}

func TestCSRF(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		good := csrfOf(t, b.get("/v/"+f.token))
		n := itoa(f.info.Number)

		// A second request on another contact point gives a second link.
		other := f.otherToken(t)
		otherCSRF := csrfOf(t, f.browser(t).get("/v/"+other))
		before := f.state(t)

		stranger := f.browser(t) // no cookie
		tests := []struct {
			name string
			b    *browser
			path string
			form url.Values
		}{
			{"approve without token", b, "/approve", url.Values{"number": {n}}},
			{"deny without token", b, "/deny", nil},
			{"approve without cookie", stranger, "/approve", url.Values{"number": {n}, "csrf": {good}}},
			{"deny without cookie", stranger, "/deny", url.Values{"csrf": {good}}},
			{"token of another link", b, "/approve", url.Values{"number": {n}, "csrf": {otherCSRF}}},
			{"tampered expiry", b, "/approve", url.Values{"number": {n}, "csrf": {"9" + good}}},
			{"tampered mac", b, "/deny", url.Values{"csrf": {good[:len(good)-2] + "AA"}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.b.post("/v/"+f.token+tt.path, tt.form).must(t, http.StatusForbidden, "Nothing was changed")
			})
		}
		// An old form, past its 30 minutes.
		f.clk.Add(31 * time.Minute)
		b.post("/v/"+f.token+"/approve", url.Values{"number": {n}, "csrf": {good}}).must(t, http.StatusForbidden)
		after := f.state(t)
		after.Status, before.Status = "", "" // the request expired meanwhile, by time alone
		if after != before {
			t.Fatalf("refused forms changed state: %+v -> %+v", before, after)
		}
		if evs := f.events.events(); len(evs) != 0 {
			t.Fatalf("refused forms published %v", evs)
		}
	})
}

// otherToken issues a second request (a phone on file) and returns its link.
func (f *fixture) otherToken(t *testing.T) string {
	t.Helper()
	var phoneID string
	for _, cp := range f.cust.ContactPoints {
		if cp.Kind == proofdesk.ContactPhone {
			phoneID = cp.ID
		}
	}
	if _, err := f.vs.IssueChallenge(f.agentCtx, f.conv.ID, phoneID); err != nil {
		t.Fatal(err)
	}
	msgs, err := sqldb.NewOutboxService(f.db).FindOutbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Purpose == "verification" && m.Kind == proofdesk.OutboxSMS {
			return linkRe.FindStringSubmatch(m.Body)[1]
		}
	}
	t.Fatal("no SMS link")
	return ""
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestApprove(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		page := b.get("/v/" + f.token)
		csrf := csrfOf(t, page)

		// No pick: asked again, no attempt spent.
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}}).must(t, http.StatusUnprocessableEntity, "Pick the number the agent read to you")
		if s := f.state(t); s.AttemptsLeft != 5 {
			t.Fatalf("a missing pick spent an attempt: %+v", s)
		}
		// The right one (a wrong one ends the request: TestApprove_Locked).
		r := b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {itoa(f.info.Number)}})
		r.must(t, http.StatusOK, "You're verified; go back to the chat")
		s := f.state(t)
		if s.Level != proofdesk.L1 || s.Status != proofdesk.ChallengeCompleted {
			t.Fatalf("after the right pick: %+v", s)
		}
		want := []proofdesk.Event{
			{Type: proofdesk.EventChallengeUpdated, ConversationID: f.conv.ID, Status: proofdesk.ChallengeCompleted},
			{Type: proofdesk.EventLevelChanged, ConversationID: f.conv.ID, Level: "L1"},
		}
		if diff := cmp.Diff(want, f.events.events()); diff != "" {
			t.Fatalf("events (-want +got):\n%s", diff)
		}
		// Single use: the page now says so, and a replayed POST does nothing.
		b.get("/v/"+f.token).must(t, http.StatusOK, "already been confirmed")
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {itoa(f.info.Number)}}).must(t, http.StatusOK, "already been confirmed")
		if got := f.state(t); got != s {
			t.Fatalf("replay changed state: %+v -> %+v", s, got)
		}
	})
}

func TestApprove_Locked(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		page := b.get("/v/" + f.token)
		csrf := csrfOf(t, page)
		// The page offers three numbers: one wrong pick ends the request,
		// so a blind pick passes one time in three, never five in five.
		wrong := itoa(wrongNumber(f.info, choicesOf(t, page)))
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {wrong}}).must(t, http.StatusTooManyRequests, "this request has ended")
		// Locked for good: even the right number does nothing now.
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {itoa(f.info.Number)}}).must(t, http.StatusTooManyRequests, "locked")
		b.get("/v/"+f.token).must(t, http.StatusTooManyRequests, "This request is locked", "This wasn't me")
		if s := f.state(t); s.Level != proofdesk.L0 || s.Status != proofdesk.ChallengeLocked {
			t.Fatalf("after a wrong pick: %+v", s)
		}
	})
}

func TestExpired(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		csrf := csrfOf(t, b.get("/v/"+f.token))
		f.clk.Add(11 * time.Minute)
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {itoa(f.info.Number)}}).must(t, http.StatusGone, "This request has expired")
		b.get("/v/"+f.token).must(t, http.StatusGone, "This request has expired", "This wasn't me")
		if s := f.state(t); s.Level != proofdesk.L0 || s.Status != proofdesk.ChallengeExpired {
			t.Fatalf("after a late approval: %+v", s)
		}
	})
}

func TestDeny(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db, "Ann Agent")
		b := f.browser(t)
		csrf := csrfOf(t, b.get("/v/"+f.token))
		r := b.post("/v/"+f.token+"/deny", url.Values{"csrf": {csrf}})
		r.must(t, http.StatusOK, "Thanks — we've locked support changes on your account and alerted our security team.")
		s := f.state(t)
		if !s.Fraud || !s.Locked || s.Status != proofdesk.ChallengeDenied || s.Level != proofdesk.L0 {
			t.Fatalf("after deny: %+v", s)
		}
		want := []proofdesk.Event{
			{Type: proofdesk.EventChallengeUpdated, ConversationID: f.conv.ID, Status: proofdesk.ChallengeDenied},
			{Type: proofdesk.EventLevelChanged, ConversationID: f.conv.ID, Level: "L0"},
		}
		if diff := cmp.Diff(want, f.events.events()); diff != "" {
			t.Fatalf("events (-want +got):\n%s", diff)
		}
		// Denied is final: no forms, and approving does nothing.
		again := b.get("/v/" + f.token)
		again.must(t, http.StatusOK, "Thank you for telling us")
		if strings.Contains(again.body, "<form") {
			t.Fatalf("a denied request still offers a form: %s", again.body)
		}
		b.post("/v/"+f.token+"/approve", url.Values{"csrf": {csrf}, "number": {itoa(f.info.Number)}}).must(t, http.StatusOK, "Thank you for telling us")
		b.post("/v/"+f.token+"/deny", url.Values{"csrf": {csrf}}).must(t, http.StatusOK, "Thank you for telling us")
		if got := f.state(t); got.Level != proofdesk.L0 || got.Status != proofdesk.ChallengeDenied {
			t.Fatalf("after approving a denied request: %+v", got)
		}
	})
}

func TestEscaping(t *testing.T) {
	f := newFixture(t, sqldbtest.Open(t), `<script>alert("x")</script> Eve`)
	r := f.browser(t).get("/v/" + f.token)
	r.must(t, http.StatusOK, `<script>alert("x")</script>`) // as text, once unescaped
	if !strings.Contains(r.body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Fatalf("agent name not escaped: %s", r.body)
	}
	if strings.Contains(r.body, "<script") {
		t.Fatalf("agent name rendered unescaped: %s", r.body)
	}
}

func TestNewHandler_ShortKey(t *testing.T) {
	if _, err := verifypage.NewHandler(nil, make([]byte, 16), nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
		t.Fatalf("short key: err = %v, want EINVALID", err)
	}
}

// The page speaks the browser's language and carries the business's
// stored branding: name, logo and colour, the text on the colour chosen
// for contrast, and the CSP allowing exactly the stylesheet served.
func TestLanguageAndBranding(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db, "Ann")
	bs := sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Acme"})
	f.page.Branding = bs
	get := func(lang string) response {
		req, _ := http.NewRequest("GET", f.srv.URL()+"/v/"+f.token, nil)
		req.Header.Set("Accept-Language", lang)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return read(t, resp)
	}
	get("en").must(t, http.StatusOK, `<html lang="en">`, "Acme support", "Is this you talking to our support team?")
	if err := bs.UpdateBranding(context.Background(), &proofdesk.Branding{Company: "Acme Shop", LogoURL: "https://cdn.acme.example/logo.png", PrimaryColor: "#FFD400"}); err != nil {
		t.Fatal(err)
	}
	r := get("fr-CH, fr;q=0.9, en;q=0.5")
	r.must(t, http.StatusOK, `<html lang="fr">`, "Support Acme Shop", "Est-ce vous qui parlez à notre support ?", "Oui, c'est moi",
		`<img src="https://cdn.acme.example/logo.png"`, "--brand:#ffd400;--on-brand:#111111")
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(r.body)
	if m == nil || !strings.Contains(r.header.Get("Content-Security-Policy"), custpage.StyleHash(html.UnescapeString(m[1]))) {
		t.Fatalf("CSP %q does not allow the served style", r.header.Get("Content-Security-Policy"))
	}
	get("de-AT,de;q=0.9").must(t, http.StatusOK, `<html lang="de">`, "Sprechen Sie gerade mit unserem Support?", "Das war ich nicht")
	get("ja").must(t, http.StatusOK, `<html lang="en">`, "Yes, this is me")
	for _, bad := range []proofdesk.Branding{{Company: ""}, {Company: "A", LogoURL: "http://x.example/l.png"}, {Company: "A", PrimaryColor: "red"}, {Company: "A<b>"}} {
		if err := bs.UpdateBranding(context.Background(), &bad); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Errorf("branding %+v: err %v, want EINVALID", bad, err)
		}
	}
}
