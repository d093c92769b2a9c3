package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// The authorization matrix: every route of the server `proofdesk serve`
// builds, requested by every actor, on a conversation in every state, with
// a valid request, so that who asks is the only reason to refuse. The
// expected outcomes are authzTable (authz_table_test.go); this file is the
// machinery.

// Actors, in the order of the letters of an authzTable group.
var authzActors = []string{"none", "revoked", "agent", "other agent", "supervisor", "admin", "integration", "visitor"}

// States, in the order of the groups of an authzTable row.
var authzStates = []string{"L0", "L1", "L2", "locked"}

// Outcome classes, one letter per (route, actor, state).
//
//	2  served: 2xx, 101 (WebSocket), or a redirect anywhere but sign-in
//	L  redirect to the console's sign-in page (no session)
//	U  401           F  403           N  404
//	C  409           V  422           K  423 (support lock)
//	T  429           B  400 (the test's request is wrong: never expected)
//	E  anything else (5xx)
func outcomeClass(status int, location string) byte {
	switch {
	case status == http.StatusSwitchingProtocols || status >= 200 && status < 300:
		return '2'
	case status >= 300 && status < 400:
		if strings.HasPrefix(location, "/login") {
			return 'L'
		}
		return '2'
	}
	switch status {
	case 400:
		return 'B'
	case 401:
		return 'U'
	case 403:
		return 'F'
	case 404:
		return 'N'
	case 409:
		return 'C'
	case 422:
		return 'V'
	case 423:
		return 'K'
	case 429:
		return 'T'
	}
	return 'E'
}

// authzActor is what one actor sends: a bearer token (API), a console
// session with its CSRF token, or a visitor token (widget).
type authzActor struct {
	name    string
	role    string // agent roles only
	token   string // API bearer token
	session string // console session cookie value
	csrf    string // the session's CSRF token
	visitor string // widget visitor token
	agent   *proofdesk.Agent
	tokenID string
}

// authzFixture is one conversation in one state: a customer of its own, a
// chat conversation started by its own visitor in the widget, linked to
// the customer and assigned to the agent actor (its holder).
type authzFixture struct {
	state        string
	customer     *proofdesk.Customer
	convID       string
	emailCP      string // contact point ids
	phoneCP      string
	ownerVisitor string
	riskFlags    string // as made
	attachmentID string // a file the owner visitor sent in the chat
	messageID    string // the message that carries it
}

// authzReq is one prepared request.
type authzReq struct {
	method, path string
	json         string     // a JSON body
	form         url.Values // a form body; the actor's CSRF token is added
	cookies      []*http.Cookie
	ws           bool        // a WebSocket handshake
	stream       bool        // a long-lived response: read the status only
	replace      *authzActor // send as this actor instead (a fresh one of the same role)
	noCSRF       bool        // leave out the session's CSRF token
	file         *authzFile  // a multipart/form-data body with one file
}

// authzFile is one file of a multipart/form-data body.
type authzFile struct {
	field, name string
	data        []byte
}

// matrixPNG is the start of a PNG file: enough for MIME sniffing.
var matrixPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDRmatrix")

// authzRoute prepares a valid request for a route. fixture is true when
// the request names the state's conversation or customer.
type authzRoute struct {
	fixture bool
	// keeps is true when serving the request leaves the conversation in
	// its state (checkState verifies it before the next request).
	keeps bool
	prep  func(e *authzEnv, a *authzActor, fx *authzFixture) authzReq
	// then, when set, is a second request by the same actor after the
	// first one was served; the row records its outcome.
	then func(e *authzEnv, a *authzActor, fx *authzFixture) authzReq
}

type authzEnv struct {
	t       *testing.T
	m       *Main
	base    string
	actors  map[string]*authzActor
	seq     int
	fresh   map[string]*authzFixture // the current fixture of each state
	created int                      // fixtures created
	static  string                   // a /static/ path
	secret  []byte                   // identity token secret
	login   struct{ email, password string }
	other   *proofdesk.Customer // a customer no fixture conversation is about

	// recorded are the API's answers, validated against the OpenAPI
	// document after the run (openapi_test.go).
	recorded []recordedResponse
	// bystander is an agent who is none of the actors.
	bystander *proofdesk.Agent
	last      string // the last request of the matrix, for messages
	changed   bool   // the last request may have changed its fixture
}

func (e *authzEnv) next() int { e.seq++; return e.seq }

func TestAuthorizationMatrix(t *testing.T) {
	if raceDetector {
		// Thousands of sequential requests over SQLite compiled from C
		// run some 15 times slower under the detector, and find no race
		// (one request at a time). `make test` runs it again without -race.
		t.Skip("without -race only: go test -run TestAuthorizationMatrix ./cmd/proofdesk/")
	}
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) { runAuthzMatrix(t, d) })
	}
}

func runAuthzMatrix(t *testing.T, dialect string) {
	start := time.Now()
	e := newAuthzEnv(t, dialect)
	routes := e.m.HTTPServer.Routes()
	specs := authzRoutes()

	// The table, the request specs and the route table name the same
	// routes. A row "ROUTE #variant" is a second request to ROUTE.
	var missing, stale []string
	for _, r := range routes {
		if _, ok := authzTable[r]; !ok {
			missing = append(missing, r)
		}
	}
	for r := range authzTable {
		base, _, _ := strings.Cut(r, " #")
		if !slices.Contains(routes, base) {
			stale = append(stale, r)
		} else if _, ok := specs[r]; !ok {
			missing = append(missing, r+" (no request in authzRoutes)")
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("routes without a row in authzTable (add one: what may each actor do?):\n\t%s", strings.Join(missing, "\n\t"))
	}
	if len(stale) > 0 {
		t.Errorf("rows for routes the server no longer has (remove them):\n\t%s", strings.Join(stale, "\n\t"))
	}

	var tried, unexpected2xx, mismatches int
	got := map[string]string{}
	var rows []string
	for r := range authzTable {
		rows = append(rows, r)
	}
	sort.Strings(rows)
	for _, row := range rows {
		spec, ok := specs[row]
		if !ok {
			continue
		}
		route, _, _ := strings.Cut(row, " #")
		wantGroups, err := expandRow(authzTable[row])
		if err != nil {
			t.Errorf("%s: %v", row, err)
			continue
		}
		var gotGroups []string
		for si, state := range authzStates {
			g := make([]byte, len(authzActors))
			for ai, name := range authzActors {
				fx := e.fixture(state)
				c := e.do(route, spec, e.actors[name], fx)
				e.last = fmt.Sprintf("%s as %s at %s (%c)", row, name, state, c)
				e.changed = spec.fixture && !strings.HasPrefix(route, "GET ")
				g[ai] = c
				tried++
				if spec.fixture && (c == '2' && !strings.HasPrefix(route, "GET ") && !spec.keeps || spec.then != nil) {
					e.fresh[state] = nil // changed: the next request gets a fresh one
				}
				w := wantGroups[si][ai]
				if c == w {
					continue
				}
				mismatches++
				if c == '2' {
					unexpected2xx++
				}
				t.Errorf("%s as %s at %s: got %c, want %c", row, name, state, c, w)
			}
			gotGroups = append(gotGroups, string(g))
		}
		got[row] = compactRow(gotGroups)
	}
	for _, name := range []string{"agent", "other agent", "supervisor", "admin"} {
		if !e.signedIn(e.actors[name]) {
			t.Errorf("the %s's console session ended during the run: the rows after that are wrong", name)
		}
	}
	e.controls(specs)
	validateRecorded(t, e.recorded)
	e.crossSite(routes, specs)
	e.apiIgnoresSessions(routes, specs)
	e.pathTricks(routes)

	if t.Failed() {
		var b strings.Builder
		for _, r := range rows {
			if got[r] != "" {
				fmt.Fprintf(&b, "\t%q: %q,\n", r, got[r])
			}
		}
		t.Logf("observed rows:\n%s", b.String())
	}
	t.Logf("authorization matrix (%s): %d routes (%d rows) × %d actors × %d states; %d requests, %d fixtures, %v; "+
		"%d mismatches, unexpected 2xx: %d", dialect, len(routes), len(rows),
		len(authzActors), len(authzStates), tried, e.created, time.Since(start).Round(time.Millisecond),
		mismatches, unexpected2xx)
}

// controls shows the refusals of another visitor are about ownership:
// the visitor who started the conversation is served on the same requests.
func (e *authzEnv) controls(specs map[string]authzRoute) {
	e.t.Helper()
	for _, state := range authzStates {
		fx := e.fixture(state)
		owner := &authzActor{name: "owner visitor", visitor: fx.ownerVisitor}
		for _, route := range []string{"GET /widget/v1/conversations/{id}/messages", "GET /widget/v1/ws"} {
			if c := e.do(route, specs[route], owner, fx); c != '2' {
				e.t.Errorf("control: %s by the visitor who started the conversation at %s: got %c, want 2", route, state, c)
			}
		}
	}
}

// crossSite sends every console form of an admin's session without its
// CSRF token, as a forged cross-site form would: each is refused (403).
func (e *authzEnv) crossSite(routes []string, specs map[string]authzRoute) {
	e.t.Helper()
	admin := e.actors["admin"]
	n := 0
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if method != "POST" || strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/widget/") ||
			strings.HasPrefix(path, "/v/") || strings.HasPrefix(path, "/n/") || strings.HasPrefix(path, "/csat/") || strings.HasPrefix(path, "/login") {
			continue
		}
		r := specs[route].prep(e, admin, e.fixture("L2"))
		r.method, r.noCSRF, r.replace = method, true, nil
		status, resp, _ := e.send(admin, r)
		n++
		if status != http.StatusForbidden {
			e.t.Errorf("cross-site: %s with the admin's session and no CSRF token: status %d (%s), want 403", route, status, resp.Header.Get("Location"))
		}
	}
	if n < 10 {
		e.t.Errorf("cross-site: only %d console forms tried", n)
	}
}

// apiIgnoresSessions sends every API request with the admin's console
// session and no token: the API takes bearer tokens only, so a page on
// another site cannot use a signed-in browser's cookie on it.
func (e *authzEnv) apiIgnoresSessions(routes []string, specs map[string]authzRoute) {
	e.t.Helper()
	admin := e.actors["admin"]
	cookieOnly := &authzActor{name: "admin's session only", session: admin.session, csrf: admin.csrf}
	n := 0
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/api/v1/telephony/") || path == "/api/v1/openapi.json" {
			continue // the provider's signature, or a public document
		}
		r := specs[route].prep(e, admin, e.fixture("L2"))
		r.method = method
		var c byte
		if r.stream {
			c = e.stream(cookieOnly, r)
		} else {
			status, resp, _ := e.send(cookieOnly, r)
			c = outcomeClass(status, resp.Header.Get("Location"))
		}
		n++
		if c != 'U' {
			e.t.Errorf("API with a console session and no token: %s: got %c, want U", route, c)
		}
	}
	if n < 20 {
		e.t.Errorf("API with a console session: only %d routes tried", n)
	}
}

// pathTricks asks for protected routes under other spellings of their
// path, with no credentials: none is served.
func (e *authzEnv) pathTricks(routes []string) {
	e.t.Helper()
	fx := e.fixture("L2")
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		if c := authzTable[route][0]; c == '2' || strings.Contains(path, "{$}") || strings.Contains(path, "...") {
			continue // public to no one: the first letter is "no credentials"
		}
		path = strings.NewReplacer("{id}", fx.convID, "{token}", strings.Repeat("A", 43), "{file}", "x").Replace(path)
		for _, p := range []string{path + "/", "/" + path, strings.Replace(path, "/", "/./", 1), strings.Replace(path, "/", "/%2e/", 1),
			strings.ToUpper(path), path + "%00", path + "?token=x"} {
			req, err := http.NewRequest(method, e.base+p, strings.NewReader("{}"))
			if err != nil {
				continue
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := noRedirect.Do(req)
			if err != nil {
				e.t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode < 300 {
				e.t.Errorf("path trick: %s %s without credentials: status %d, want a refusal or a redirect", method, p, resp.StatusCode)
			}
		}
	}
}

// expandRow returns the 4 groups of a row: one group means every state.
func expandRow(row string) ([]string, error) {
	groups := strings.Fields(row)
	if len(groups) == 1 {
		groups = []string{groups[0], groups[0], groups[0], groups[0]}
	}
	if len(groups) != len(authzStates) {
		return nil, fmt.Errorf("row %q: want 1 or %d groups", row, len(authzStates))
	}
	for _, g := range groups {
		if len(g) != len(authzActors) {
			return nil, fmt.Errorf("row %q: group %q: want %d letters", row, g, len(authzActors))
		}
	}
	return groups, nil
}

func compactRow(groups []string) string {
	for _, g := range groups[1:] {
		if g != groups[0] {
			return strings.Join(groups, " ")
		}
	}
	return groups[0]
}

// newAuthzEnv runs the server as serve wires it (with the telephony
// webhook mounted) and makes the actors.
func newAuthzEnv(t *testing.T, dialect string) *authzEnv {
	t.Helper()
	m := NewMain()
	m.Config.DataDir = t.TempDir()
	m.Config.Addr = "127.0.0.1:0"
	// The matrix sends more than the default 600 API requests a minute per
	// token; the limit has its own tests (http/ratelimit_test.go) and would
	// turn a row into 429 depending on where the minute falls.
	m.Config.APIRate = 1 << 20
	if dialect == sqldb.Postgres {
		// A commit need not wait for the disk here: this test is about
		// who may do what, not durability (pgx passes the parameter on).
		m.Config.DB = sqldbtest.DSN(t, dialect) + "&synchronous_commit=off"
	}
	twilio := "matrix-twilio-auth-token"
	m.Getenv = func(k string) string {
		if k == "PROOFDESK_TWILIO_AUTH_TOKEN" {
			return twilio
		}
		return ""
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	e := &authzEnv{t: t, m: m, base: m.URL(), actors: map[string]*authzActor{}, fresh: map[string]*authzFixture{}}
	ctx := context.Background()
	secret, err := m.DB.Secret(ctx, "identity")
	if err != nil {
		t.Fatal(err)
	}
	e.secret = secret

	e.actors["none"] = &authzActor{name: "none"}
	for _, role := range []string{proofdesk.RoleAgent, proofdesk.RoleSupervisor, proofdesk.RoleAdmin} {
		e.actors[role] = e.newAgentActor(role)
	}
	// An agent who does not hold the fixtures' conversations.
	e.actors["other agent"] = e.newAgentActor(proofdesk.RoleAgent)
	e.actors["other agent"].name = "other agent"
	// The revoked actor: an agent whose API token was revoked and who
	// signed out of the console (the old cookie and CSRF token are kept).
	rv := e.newAgentActor(proofdesk.RoleSupervisor)
	rv.name = "revoked"
	if err := m.AgentService.RevokeAPIToken(proofdesk.NewContextWithAgent(ctx, e.actors["admin"].agent), rv.tokenID); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := e.send(rv, authzReq{method: "POST", path: "/logout", form: url.Values{}}); s != http.StatusSeeOther {
		t.Fatalf("revoked actor: sign out: status %d", s)
	}
	if s, _, _ := e.send(rv, authzReq{method: "GET", path: "/api/v1/conversations"}); s != http.StatusUnauthorized {
		t.Fatalf("revoked token still works: status %d", s)
	}
	e.actors["revoked"] = rv
	// The integration: the business's system of record, a token of its
	// own kind (proofdesk token create --integration).
	itok, ih := auth.NewToken()
	if err := m.AgentService.CreateAPIToken(ctx, &proofdesk.APIToken{Kind: proofdesk.TokenIntegration, Name: "matrix sync", Hash: ih}); err != nil {
		t.Fatal(err)
	}
	e.actors["integration"] = &authzActor{name: "integration", token: itok}
	e.deadCredentials()
	e.actors["visitor"] = &authzActor{name: "visitor", visitor: e.newVisitor()}

	other := proofdesk.CustomerInput{ExternalID: "MX-OTHER", Name: "Other Customer",
		Emails: []proofdesk.ContactPointInput{{Value: "other.customer@example.com"}}}
	if e.other, err = other.Customer(time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := m.CustomerService.CreateCustomer(ctx, e.other); err != nil {
		t.Fatal(err)
	}

	// An agent without TOTP who is not signed in: the body of POST /login.
	e.login.email, e.login.password = "signin-"+randHex(4)+"@matrix.test", "matrix sign-in password"
	hash, err := auth.HashPassword(e.login.password, auth.TestPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.AgentService.CreateAgent(ctx, &proofdesk.Agent{Email: e.login.email, Name: "Sign-in", Role: proofdesk.RoleAgent, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	e.bystander = &proofdesk.Agent{Email: "bystander@matrix.test", Name: "Bystander", Role: proofdesk.RoleAgent, PasswordHash: hash}
	if err := m.AgentService.CreateAgent(ctx, e.bystander); err != nil {
		t.Fatal(err)
	}

	_, page := e.get("/login")
	if m := regexp.MustCompile(`/static/[^"']+`).FindString(page); m != "" {
		e.static = m
	} else {
		t.Fatal("no /static/ file on the sign-in page")
	}
	return e
}

// newAgentActor creates an agent of role with TOTP on (as admins must),
// an API token, and a console session signed in through /login with the
// password and the current TOTP code.
func (e *authzEnv) newAgentActor(role string) *authzActor {
	e.t.Helper()
	ctx := context.Background()
	tag := randHex(4)
	email := role + "-" + tag + "@matrix.test"
	password := "matrix password " + tag
	hash, err := auth.HashPassword(password, auth.TestPasswordParams)
	if err != nil {
		e.t.Fatal(err)
	}
	key, err := auth.NewTOTPKey("Proofdesk", email)
	if err != nil {
		e.t.Fatal(err)
	}
	ag := &proofdesk.Agent{Email: email, Name: "Matrix " + role, Role: role, PasswordHash: hash, TOTPSecret: key.Secret, TOTPEnabled: true}
	if err := e.m.AgentService.CreateAgent(ctx, ag); err != nil {
		e.t.Fatal(err)
	}
	token, th := auth.NewToken()
	tk := &proofdesk.APIToken{AgentID: ag.ID, Name: "matrix", Hash: th}
	if err := e.m.AgentService.CreateAPIToken(ctx, tk); err != nil {
		e.t.Fatal(err)
	}
	code, err := totp.GenerateCode(key.Secret, time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	a := &authzActor{name: role, role: role, agent: ag, tokenID: tk.ID, token: token, session: e.signIn(email, password, code)}
	a.csrf = e.sessionCSRF(a)
	return a
}

var (
	csrfFieldRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	vLinkRe     = regexp.MustCompile(`/v/([A-Za-z0-9_-]{43})`)
	vCSRFRe     = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
)

// signIn posts the sign-in form (password and TOTP code) and returns the
// session cookie.
func (e *authzEnv) signIn(email, password, code string) string {
	e.t.Helper()
	form, cookies := e.loginForm()
	form.Set("email", email)
	form.Set("password", password)
	form.Set("code", code)
	status, resp, _ := e.send(&authzActor{}, authzReq{method: "POST", path: "/login", form: form, cookies: cookies})
	if status != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: status %d", email, status)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "proofdesk_session" && c.Value != "" {
			return c.Value
		}
	}
	e.t.Fatalf("sign in %s: no session cookie", email)
	return ""
}

// loginForm opens the sign-in page and returns its CSRF field and cookie.
func (e *authzEnv) loginForm() (url.Values, []*http.Cookie) {
	e.t.Helper()
	resp, err := http.Get(e.base + "/login")
	if err != nil {
		e.t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfFieldRe.FindSubmatch(page)
	if m == nil {
		e.t.Fatal("sign-in page without a CSRF token")
	}
	return url.Values{"csrf_token": {string(m[1])}}, resp.Cookies()
}

// sessionCSRF reads the session's CSRF token from a console page.
func (e *authzEnv) sessionCSRF(a *authzActor) string {
	e.t.Helper()
	status, _, page := e.send(a, authzReq{method: "GET", path: "/account/2fa"})
	m := csrfFieldRe.FindStringSubmatch(page)
	if m == nil {
		e.t.Fatalf("%s: console page without a CSRF token (status %d)", a.role, status)
	}
	return string(m[1])
}

func (e *authzEnv) get(path string) (int, string) {
	e.t.Helper()
	resp, err := http.Get(e.base + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// send makes the request as actor a and returns the status and the
// response, whose body is read and closed unless it is a stream.
func (e *authzEnv) send(a *authzActor, r authzReq) (int, *http.Response, string) {
	e.t.Helper()
	var body io.Reader
	ctype := ""
	switch {
	case r.form != nil:
		f := url.Values{}
		for k, v := range r.form {
			f[k] = v
		}
		if a.csrf != "" && f.Get("csrf_token") == "" && !r.noCSRF {
			f.Set("csrf_token", a.csrf)
		}
		body, ctype = strings.NewReader(f.Encode()), "application/x-www-form-urlencoded"
	case r.json != "":
		body, ctype = strings.NewReader(r.json), "application/json"
	case r.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile(r.file.field, r.file.name)
		if err == nil {
			_, err = fw.Write(r.file.data)
		}
		if err == nil && a.csrf != "" && !r.noCSRF {
			err = mw.WriteField("csrf_token", a.csrf)
		}
		if err == nil {
			err = mw.Close()
		}
		if err != nil {
			e.t.Fatal(err)
		}
		body, ctype = &buf, mw.FormDataContentType()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, r.method, e.base+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	switch {
	case a.token != "":
		req.Header.Set("Authorization", "Bearer "+a.token)
	case a.visitor != "":
		req.Header.Set("Authorization", "Visitor "+a.visitor)
	}
	if a.session != "" {
		req.AddCookie(&http.Cookie{Name: "proofdesk_session", Value: a.session})
	}
	for _, c := range r.cookies {
		req.AddCookie(c)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if resp.StatusCode == 400 || resp.StatusCode >= 500 {
		e.t.Logf("%s %s as %s: %d %.300s", r.method, r.path, a.name, resp.StatusCode, b)
	}
	e.record(req, r.json, resp, b)
	return resp.StatusCode, resp, string(b)
}

// do makes the route's request as actor a on fixture fx and classifies it.
func (e *authzEnv) do(route string, spec authzRoute, a *authzActor, fx *authzFixture) byte {
	e.t.Helper()
	r := spec.prep(e, a, fx)
	method, _, ok := strings.Cut(route, " ")
	if !ok {
		method = "GET" // a pattern without a method serves them all
	}
	r.method = method
	if r.replace != nil {
		a = r.replace
	}
	if r.ws {
		return e.dialWS(a, r)
	}
	if r.stream {
		return e.stream(a, r)
	}
	status, resp, _ := e.send(a, r)
	c := outcomeClass(status, resp.Header.Get("Location"))
	if r.path == "/logout" && status == http.StatusSeeOther && a.session != "" && !e.signedIn(a) && a.name != "revoked" {
		// Signed out: the session that worked before is gone.
		c = '2'
	}
	if c != '2' || spec.then == nil {
		return c
	}
	r2 := spec.then(e, a, fx)
	status, resp, _ = e.send(a, r2)
	return outcomeClass(status, resp.Header.Get("Location"))
}

// signedIn reports whether a's console session works.
func (e *authzEnv) signedIn(a *authzActor) bool {
	status, _, _ := e.send(a, authzReq{method: "GET", path: "/account/2fa"})
	return status == http.StatusOK
}

// stream requests a long-lived response (server-sent events) and returns
// as soon as the status is known.
func (e *authzEnv) stream(a *authzActor, r authzReq) byte {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, r.method, e.base+r.path, nil)
	req.Header.Set("Accept", "text/event-stream")
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	} else if a.visitor != "" {
		req.Header.Set("Authorization", "Visitor "+a.visitor)
	}
	if a.session != "" {
		req.AddCookie(&http.Cookie{Name: "proofdesk_session", Value: a.session})
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	cancel()
	resp.Body.Close()
	return outcomeClass(resp.StatusCode, resp.Header.Get("Location"))
}

// dialWS opens the widget's WebSocket as a: a visitor offers its token as
// a subprotocol (checked before the upgrade); anyone else is upgraded and
// must then authenticate with the first frame, sending the credential
// it has.
func (e *authzEnv) dialWS(a *authzActor, r authzReq) byte {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	protos := []string{"proofdesk.v1"}
	if a.visitor != "" {
		protos = append(protos, "visitor."+a.visitor)
	}
	ws, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(e.base, "http")+r.path, &websocket.DialOptions{Subprotocols: protos})
	if err != nil {
		if resp == nil {
			e.t.Fatalf("websocket %s: %v", r.path, err)
		}
		return outcomeClass(resp.StatusCode, "")
	}
	defer ws.CloseNow()
	if a.visitor != "" {
		return '2' // authenticated before the upgrade
	}
	frame, _ := json.Marshal(map[string]string{"type": "auth", "token": a.token})
	if err := ws.Write(ctx, websocket.MessageText, frame); err != nil {
		return 'U'
	}
	_, msg, err := ws.Read(ctx)
	if err != nil {
		return 'U'
	}
	var f struct {
		Type  string `json:"type"`
		Error string `json:"error"`
	}
	_ = json.Unmarshal(msg, &f)
	if f.Type == "error" {
		switch f.Error {
		case proofdesk.EUNAUTHORIZED:
			return 'U'
		case proofdesk.ENOTFOUND:
			return 'N'
		case proofdesk.EFORBIDDEN:
			return 'F'
		}
		return 'E'
	}
	return '2'
}

// deadCredentials checks the credentials the matrix does not use as
// actors are dead too: a revoked integration token, and the token and
// session of an agent who was disabled.
func (e *authzEnv) deadCredentials() {
	e.t.Helper()
	ctx := proofdesk.NewContextWithAgent(context.Background(), e.actors["admin"].agent)
	tok, h := auth.NewToken()
	it := &proofdesk.APIToken{Kind: proofdesk.TokenIntegration, Name: "to revoke", Hash: h}
	if err := e.m.AgentService.CreateAPIToken(ctx, it); err != nil {
		e.t.Fatal(err)
	}
	integ := &authzActor{name: "revoked integration", token: tok}
	if s, _, _ := e.send(integ, authzReq{method: "GET", path: "/api/v1/customers?email=nobody%40example.com"}); s != http.StatusOK {
		e.t.Fatalf("integration token before revocation: status %d, want 200", s)
	}
	if err := e.m.AgentService.RevokeAPIToken(ctx, it.ID); err != nil {
		e.t.Fatal(err)
	}
	if s, _, _ := e.send(integ, authzReq{method: "GET", path: "/api/v1/customers?email=nobody%40example.com"}); s != http.StatusUnauthorized {
		e.t.Errorf("revoked integration token: status %d, want 401", s)
	}

	gone := e.newAgentActor(proofdesk.RoleAdmin)
	yes := true
	if _, err := e.m.AgentService.UpdateAgent(ctx, gone.agent.ID, proofdesk.AgentUpdate{Disabled: &yes}); err != nil {
		e.t.Fatal(err)
	}
	if s, _, _ := e.send(gone, authzReq{method: "GET", path: "/api/v1/policy"}); s != http.StatusUnauthorized {
		e.t.Errorf("disabled admin's API token: status %d, want 401", s)
	}
	if s, resp, _ := e.send(gone, authzReq{method: "POST", path: "/admin/tokens", form: url.Values{"name": {"x"}}}); s != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		e.t.Errorf("disabled admin's console session: status %d to %q, want a redirect to sign-in", s, resp.Header.Get("Location"))
	}
}

// replacement returns a new actor of a's role for a request that ends
// the actor's session; actors without a session are their own.
func (e *authzEnv) replacement(a *authzActor) *authzActor {
	if a.role == "" || a.name == "revoked" {
		return a
	}
	r := e.newAgentActor(a.role)
	r.name = a.name
	return r
}

// noRedirect is the matrix's client: it reports redirects instead of
// following them, and keeps connections alive between requests.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x", b)
}

// newVisitor creates a widget visitor and returns its token.
func (e *authzEnv) newVisitor() string {
	e.t.Helper()
	status, body := e.api(&authzActor{}, "POST", "/widget/v1/visitors", "")
	if status != http.StatusCreated {
		e.t.Fatalf("create visitor: %d %s", status, body)
	}
	var out struct {
		Token string `json:"visitor_token"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil || out.Token == "" {
		e.t.Fatalf("create visitor: %s", body)
	}
	return out.Token
}

// api makes a JSON request as a and returns status and body.
func (e *authzEnv) api(a *authzActor, method, path, body string) (int, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	} else if a.visitor != "" {
		req.Header.Set("Authorization", "Visitor "+a.visitor)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// fixture returns the current fixture of state, making a fresh one when
// the last was changed by a request that succeeded.
func (e *authzEnv) fixture(state string) *authzFixture {
	if fx := e.fresh[state]; fx != nil {
		if e.changed {
			e.checkState(fx, "after a request that should not have changed it")
			e.changed = false
		}
		return fx
	}
	fx := e.newFixture(state)
	e.fresh[state] = fx
	return fx
}

// checkState fails the test when fx is not in its state: its level, its
// customer's lock and its holder (the agent actor).
func (e *authzEnv) checkState(fx *authzFixture, when string) {
	e.t.Helper()
	ctx := context.Background()
	conv, err := e.m.ConversationService.FindConversationByID(ctx, fx.convID)
	if err != nil {
		e.t.Fatal(err)
	}
	cust, err := e.m.CustomerService.FindCustomerByID(ctx, fx.customer.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	wantLevel := map[string]proofdesk.Level{"L0": proofdesk.L0, "L1": proofdesk.L1, "L2": proofdesk.L2, "locked": proofdesk.L2}[fx.state]
	flags := strings.Join(conv.RiskFlags, ",")
	if when == "when made" {
		fx.riskFlags = flags
	}
	if level := conv.EffectiveLevel(time.Now()); level != wantLevel || cust.SupportLocked != (fx.state == "locked") ||
		conv.AssigneeID != e.actors["agent"].agent.ID || conv.CustomerID != fx.customer.ID || flags != fx.riskFlags {
		e.t.Fatalf("fixture %s %s (%s): level %v, locked %v, holder is the agent %v, linked %v, risk flags %q (made with %q)",
			fx.state, when, e.last, level, cust.SupportLocked, conv.AssigneeID == e.actors["agent"].agent.ID,
			conv.CustomerID == fx.customer.ID, flags, fx.riskFlags)
	}
}

// newFixture builds a conversation in state the way the product does: the
// customer record comes from the business (the store's import path, with
// contact points on file for months), the conversation from a visitor in
// the widget, the link and assignment from the agent, and the levels from
// verification requests the customer approves on /v/{token}. A support
// lock is the owner pressing "This wasn't me" on a request made in another
// conversation.
func (e *authzEnv) newFixture(state string) *authzFixture {
	e.t.Helper()
	e.created++
	n := e.next()
	if e.created > 1000 {
		// The phones come from Ofcom's drama range for London, 020 7946 0000 to 0999.
		e.t.Fatal("more than 1000 fixtures: the phone range is spent; make fewer")
	}
	ctx := context.Background()
	old := time.Now().Add(-90 * 24 * time.Hour)
	in := proofdesk.CustomerInput{
		ExternalID: fmt.Sprintf("MX-%d-%s", n, randHex(3)), Name: "Matrix Customer",
		Emails:      []proofdesk.ContactPointInput{{Value: fmt.Sprintf("owner-%d-%s@example.com", n, randHex(3)), AddedAt: &old}},
		Phones:      []proofdesk.ContactPointInput{{Value: fmt.Sprintf("+44207946%04d", e.created-1), AddedAt: &old}},
		Addresses:   []proofdesk.Address{{Line1: "12 Matrix Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
		DateOfBirth: "1980-04-02",
		Payment:     &proofdesk.Payment{Brand: "visa", Last4: "4242"},
	}
	c, err := in.Customer(time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.m.CustomerService.CreateCustomer(ctx, c); err != nil {
		e.t.Fatalf("create customer: %v", err)
	}
	fx := &authzFixture{state: state, customer: c}
	for _, cp := range c.ContactPoints {
		switch cp.Kind {
		case proofdesk.ContactEmail:
			fx.emailCP = cp.ID
		case proofdesk.ContactPhone:
			fx.phoneCP = cp.ID
		}
	}
	if state == "locked" {
		other, _ := e.chat(c.ID)
		tok, _ := e.issue(other, fx.emailCP, proofdesk.ContactEmail)
		e.customerDenies(tok)
	}
	fx.convID, fx.ownerVisitor = e.chat(c.ID)
	fx.messageID, fx.attachmentID = e.sendFile(fx.convID, fx.ownerVisitor)
	switch state {
	case "L1":
		e.verify(fx.convID, fx.emailCP, proofdesk.ContactEmail)
	case "L2", "locked":
		e.verify(fx.convID, fx.emailCP, proofdesk.ContactEmail)
		e.verify(fx.convID, fx.phoneCP, "sms")
	}
	e.checkState(fx, "when made")
	return fx
}

// chat starts a conversation from a new visitor in the widget, then the
// agent actor links it to the customer and takes it.
func (e *authzEnv) chat(customerID string) (convID, visitor string) {
	e.t.Helper()
	v := &authzActor{visitor: e.newVisitor()}
	status, body := e.api(v, "POST", "/widget/v1/conversations", `{"message":"Hello, I need help with my order.","client_id":"c-`+randHex(4)+`"}`)
	if status != http.StatusCreated {
		e.t.Fatalf("widget conversation: %d %s", status, body)
	}
	var out struct {
		ID string `json:"conversation_id"`
	}
	_ = json.Unmarshal([]byte(body), &out)
	convID = out.ID
	if convID == "" {
		e.t.Fatalf("widget conversation: no id in %s", body)
	}
	agent := e.actors["agent"]
	status, body = e.api(agent, "PATCH", "/api/v1/conversations/"+convID, fmt.Sprintf(`{"customer_id":%q,"assignee_id":%q}`, customerID, agent.agent.ID))
	if status != http.StatusOK {
		e.t.Fatalf("link conversation: %d %s", status, body)
	}
	return convID, v.visitor
}

// sendFile has the visitor send a picture into the chat, as the widget
// does; it returns the message and the attachment.
func (e *authzEnv) sendFile(convID, visitor string) (messageID, attachmentID string) {
	e.t.Helper()
	v := &authzActor{name: "owner visitor", visitor: visitor}
	status, _, body := e.send(v, authzReq{method: "POST", path: "/widget/v1/conversations/" + convID + "/attachments",
		file: &authzFile{field: "file", name: "parcel.png", data: matrixPNG}})
	var out struct {
		Message struct {
			ID          string `json:"id"`
			Attachments []struct {
				ID string `json:"id"`
			} `json:"attachments"`
		} `json:"message"`
	}
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &out) != nil || len(out.Message.Attachments) != 1 {
		e.t.Fatalf("visitor's file: %d %.300s", status, body)
	}
	return out.Message.ID, out.Message.Attachments[0].ID
}

// issue has the agent send a verification request; it returns the link
// token from the customer's mailbox (the outbox) and the number the agent
// reads out.
func (e *authzEnv) issue(convID, cpID, kind string) (token string, number int) {
	e.t.Helper()
	status, body := e.api(e.actors["agent"], "POST", "/api/v1/conversations/"+convID+"/challenges", fmt.Sprintf(`{"contact_point_id":%q}`, cpID))
	if status != http.StatusCreated {
		e.t.Fatalf("issue challenge: %d %s", status, body)
	}
	var info proofdesk.ChallengeInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		e.t.Fatal(err)
	}
	msgs, err := e.m.OutboxService.FindOutbox(context.Background(), 50)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ConversationID == convID && m.Purpose == "verification" && m.Kind == kind {
			if lm := vLinkRe.FindStringSubmatch(m.Body); lm != nil {
				return lm[1], info.Number
			}
		}
	}
	e.t.Fatalf("no %s verification message for %s in the outbox", kind, convID)
	return "", 0
}

// verify is one verification request completed by the customer: the agent
// reads the number out, the customer picks it on /v/{token}.
func (e *authzEnv) verify(convID, cpID, kind string) {
	e.t.Helper()
	token, number := e.issue(convID, cpID, kind)
	e.customerAnswers(token, "approve", url.Values{"number": {fmt.Sprint(number)}})
}

func (e *authzEnv) customerDenies(token string) { e.customerAnswers(token, "deny", url.Values{}) }

// customerAnswers opens /v/{token} and posts its approve or deny form.
func (e *authzEnv) customerAnswers(token, action string, form url.Values) {
	e.t.Helper()
	resp, err := http.Get(e.base + "/v/" + token)
	if err != nil {
		e.t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := vCSRFRe.FindSubmatch(page)
	if m == nil {
		e.t.Fatalf("/v/ page without a form: %d", resp.StatusCode)
	}
	form.Set("csrf", string(m[1]))
	status, _, _ := e.send(&authzActor{}, authzReq{method: "POST", path: "/v/" + token + "/" + action, form: form, cookies: resp.Cookies()})
	if status != http.StatusOK {
		e.t.Fatalf("/v/ %s: status %d", action, status)
	}
}

// identityToken mints a signed session token for the customer, as the
// business's backend does (verify/MINTING.md).
func (e *authzEnv) identityToken(externalID string) string {
	b64 := base64.RawURLEncoding.EncodeToString
	now := time.Now().Unix()
	claims, _ := json.Marshal(map[string]any{"sub": externalID, "aud": e.base, "iat": now, "exp": now + 300, "jti": "mx-" + randHex(8)})
	signing := b64([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + b64(claims)
	mac := hmac.New(sha256.New, e.secret)
	mac.Write([]byte(signing))
	return signing + "." + b64(mac.Sum(nil))
}

// authzRoutes returns a valid request for every route: the right body for
// the route, naming the state's conversation, customer or contact point.
func authzRoutes() map[string]authzRoute {
	static := func(path string) authzRoute {
		return authzRoute{prep: func(*authzEnv, *authzActor, *authzFixture) authzReq { return authzReq{path: path} }}
	}
	conv := func(suffix string, body func(e *authzEnv, fx *authzFixture) string) authzRoute {
		return authzRoute{fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			r := authzReq{path: "/api/v1/conversations/" + fx.convID + suffix}
			if body != nil {
				r.json = body(e, fx)
			}
			return r
		}}
	}
	form := func(suffix string, f func(e *authzEnv, fx *authzFixture) url.Values) authzRoute {
		return authzRoute{fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID + suffix, form: f(e, fx)}
		}}
	}
	values := func(kv ...string) func(*authzEnv, *authzFixture) url.Values {
		return func(*authzEnv, *authzFixture) url.Values {
			v := url.Values{}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
	}
	plainForm := func(path string, f func(e *authzEnv) url.Values) authzRoute {
		return authzRoute{prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: path, form: f(e)}
		}}
	}
	jsonBody := func(path string, body func(e *authzEnv) string) authzRoute {
		return authzRoute{prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: path, json: body(e)}
		}}
	}
	// A fresh agent for each request that changes one (disable, remove,
	// reset): the matrix's own actors stay as they are.
	target := func(e *authzEnv) *proofdesk.Agent {
		a := &proofdesk.Agent{Email: fmt.Sprintf("target-%d@matrix.test", e.next()), Name: "Target", Role: proofdesk.RoleAgent, PasswordHash: e.bystander.PasswordHash}
		if err := e.m.AgentService.CreateAgent(context.Background(), a); err != nil {
			e.t.Fatal(err)
		}
		return a
	}
	agentRoute := func(method, suffix string, body func(a *proofdesk.Agent) string, form func(a *proofdesk.Agent) url.Values) authzRoute {
		return authzRoute{prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			a := target(e)
			r := authzReq{path: "/api/v1/agents/" + a.ID + suffix}
			if form != nil {
				r.path = "/admin/agents/" + a.ID
				r.form = form(a)
			} else if body != nil {
				r.json = body(a)
			}
			return r
		}}
	}
	// A link token no one was sent: agents' credentials are not a
	// customer's link.
	unknownLink := strings.Repeat("A", 43)
	telephony := func(path string) authzRoute {
		return authzRoute{prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: path, form: url.Values{"CallSid": {"CA" + strings.Repeat("0", 32)}, "From": {"+447700900001"}, "To": {"+447700900002"}, "Digits": {"123456"}}}
		}}
	}
	policyForm := func(e *authzEnv) url.Values {
		p, err := e.m.PolicyService.FindPolicy(context.Background())
		if err != nil {
			e.t.Fatal(err)
		}
		v := url.Values{}
		for k, l := range p.Classes {
			v.Set("class."+k, l.String())
		}
		for k, l := range p.Actions {
			v.Set("action."+k, l.String())
		}
		for k, l := range p.Attributes {
			v.Set("attr."+k, l.String())
		}
		return v
	}
	routes := map[string]authzRoute{
		"GET /healthz":                  static("/healthz"),
		"GET /readyz":                   static("/readyz"),
		"GET /metrics":                  static("/metrics"),
		"GET /widget.js":                static("/widget.js"),
		"GET /login":                    static("/login"),
		"GET /{$}":                      static("/"),
		"GET /account/2fa":              static("/account/2fa"),
		"GET /inbox":                    static("/inbox"),
		"GET /admin/agents":             static("/admin/agents"),
		"GET /admin/tokens":             static("/admin/tokens"),
		"GET /admin/policy":             static("/admin/policy"),
		"GET /admin/settings":           static("/admin/settings"),
		"GET /admin/audit":              static("/admin/audit"),
		"GET /admin/outbox":             static("/admin/outbox"),
		"GET /api/v1/outbox":            static("/api/v1/outbox"),
		"GET /api/v1/policy":            static("/api/v1/policy"),
		"GET /admin/branding":           static("/admin/branding"),
		"GET /api/v1/settings/branding": static("/api/v1/settings/branding"),
		"POST /admin/branding": plainForm("/admin/branding", func(*authzEnv) url.Values {
			return url.Values{"company": {"Acme"}, "primary_color": {"#1f4fc4"}}
		}),
		"PUT /api/v1/settings/branding": jsonBody("/api/v1/settings/branding", func(*authzEnv) string {
			return `{"company":"Acme","primary_color":"#1f4fc4"}`
		}),
		"GET /admin/retention":           static("/admin/retention"),
		"GET /api/v1/settings/retention": static("/api/v1/settings/retention"),
		"POST /admin/retention": plainForm("/admin/retention", func(*authzEnv) url.Values {
			return url.Values{"days_chat": {"0"}, "customer_months": {""}}
		}),
		"POST /admin/retention/run": plainForm("/admin/retention/run", func(*authzEnv) url.Values { return url.Values{} }),
		"PUT /api/v1/settings/retention": jsonBody("/api/v1/settings/retention", func(*authzEnv) string {
			return `{"body_days":{"chat":0},"customer_months":0}`
		}),
		"POST /api/v1/settings/retention/run": jsonBody("/api/v1/settings/retention/run", func(*authzEnv) string { return `{}` }),
		"GET /api/v1/audit":                   static("/api/v1/audit"),
		"GET /api/v1/conversations":           static("/api/v1/conversations"),
		"OPTIONS /widget/v1/{path...}":        static("/widget/v1/conversations"),
		"POST /api/v1/telephony/voice":        telephony("/api/v1/telephony/voice"),
		"POST /api/v1/telephony/digits":       telephony("/api/v1/telephony/digits"),
		"GET /v/{token}":                      static("/v/" + unknownLink),
		"POST /v/{token}/approve":             plainForm("/v/"+unknownLink+"/approve", func(*authzEnv) url.Values { return url.Values{"number": {"42"}, "csrf": {"x"}} }),
		"POST /v/{token}/deny":                plainForm("/v/"+unknownLink+"/deny", func(*authzEnv) url.Values { return url.Values{"csrf": {"x"}} }),
		"GET /n/{token}":                      static("/n/" + unknownLink),
		"POST /n/{token}":                     plainForm("/n/"+unknownLink, func(*authzEnv) url.Values { return url.Values{} }),
		"GET /x/{token}":                      static("/x/" + unknownLink),
		"POST /x/{token}":                     plainForm("/x/"+unknownLink, func(*authzEnv) url.Values { return url.Values{} }),
		"GET /erase/{token}":                  static("/erase/" + unknownLink),
		"POST /erase/{token}":                 plainForm("/erase/"+unknownLink, func(*authzEnv) url.Values { return url.Values{"answer": {"erase"}} }),
		"POST /widget/v1/visitors":            static("/widget/v1/visitors"),
		"POST /widget/v1/conversations": jsonBody("/widget/v1/conversations", func(*authzEnv) string {
			return `{"message":"Hi, where is my parcel?","client_id":"mx-` + randHex(4) + `"}`
		}),
		"GET /api/v1/events": {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq {
			return authzReq{path: "/api/v1/events", stream: true}
		}},
		"GET /events":                         {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq { return authzReq{path: "/events", stream: true} }},
		"GET /static/{file}":                  {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq { return authzReq{path: e.static} }},
		"POST /admin/settings":                plainForm("/admin/settings", func(*authzEnv) url.Values { return url.Values{"widget_origins": {"shop.matrix.test"}} }),
		"POST /admin/settings/test":           plainForm("/admin/settings/test", func(*authzEnv) url.Values { return url.Values{"to": {"x@matrix.test"}} }),
		"GET /api/v1/settings/channels":       static("/api/v1/settings/channels"),
		"PUT /api/v1/settings/channels":       jsonBody("/api/v1/settings/channels", func(*authzEnv) string { return `{"widget_origins":["shop.matrix.test"]}` }),
		"POST /api/v1/settings/channels/test": jsonBody("/api/v1/settings/channels/test", func(*authzEnv) string { return `{"to":"x@matrix.test"}` }),
		"POST /api/v1/customers/{id}/orders": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/orders", json: fmt.Sprintf(`{"number":"MX-%06d","status":"shipped","items":[{"name":"Mug","quantity":1}],"tracking_number":"TRK%08d","carrier":"DHL"}`, e.next(), e.next())}
		}},
		"PUT /api/v1/customers/{id}/orders": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/orders", json: `{"number":"MX-000001","status":"delivered","items":[]}`}
		}},
		"GET /customers/new": static("/customers/new"),
		"POST /customers":    plainForm("/customers", func(e *authzEnv) url.Values { return url.Values{"name": {fmt.Sprintf("Matrix Person %d", e.next())}} }),
		"GET /customers/{id}/edit": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/edit"}
		}},
		"POST /customers/{id}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID, form: url.Values{"name": {fx.customer.Name}}}
		}},
		"POST /customers/import": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/customers/import", file: &authzFile{field: "file", name: "people.csv", data: []byte(fmt.Sprintf("name\nImported Person %d\n", e.next()))}}
		}},
		"POST /admin/agents/{id}": agentRoute("POST", "", nil, func(*proofdesk.Agent) url.Values { return url.Values{"change": {"disable"}} }),
		"GET /invite/{token}":     static("/invite/" + unknownLink),
		"POST /invite/{token}":    plainForm("/invite/"+unknownLink, func(*authzEnv) url.Values { return url.Values{"password": {"long enough password"}} }),
		"GET /api/v1/agents":      static("/api/v1/agents"),
		"POST /api/v1/agents": jsonBody("/api/v1/agents", func(e *authzEnv) string {
			return fmt.Sprintf(`{"email":"invited-%d@matrix.test","name":"Invited","role":"agent"}`, e.next())
		}),
		"PATCH /api/v1/agents/{id}":      agentRoute("PATCH", "", func(*proofdesk.Agent) string { return `{"disabled":true}` }, nil),
		"DELETE /api/v1/agents/{id}":     agentRoute("DELETE", "", nil, nil),
		"POST /api/v1/agents/{id}/reset": agentRoute("POST", "/reset", func(*proofdesk.Agent) string { return `{"second_factor":true}` }, nil),
		"POST /admin/tokens":             plainForm("/admin/tokens", func(*authzEnv) url.Values { return url.Values{"name": {"matrix"}} }),
		"POST /admin/policy":             plainForm("/admin/policy", policyForm),
		"POST /account/2fa":              plainForm("/account/2fa", func(*authzEnv) url.Values { return url.Values{"code": {"123456"}} }),
		"POST /account/notifications":    plainForm("/account/notifications", func(*authzEnv) url.Values { return url.Values{"kind": {"mention"}, "email": {"1"}} }),
		"PUT /api/v1/policy": jsonBody("/api/v1/policy", func(e *authzEnv) string {
			b, _ := json.Marshal(proofdesk.NewPolicyDocument(mustPolicy(e)))
			return string(b)
		}),
		"POST /api/v1/conversations": jsonBody("/api/v1/conversations", func(*authzEnv) string {
			return `{"channel":"api","requester":{"name":"Matrix Caller"},"subject":"Hello","message":"Where is my parcel?"}`
		}),
		"GET /api/v1/customers": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers?external_id=" + url.QueryEscape(fx.customer.ExternalID)}
		}},
		"GET /api/v1/customers/{id}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID}
		}},
		"GET /api/v1/agents/{id}/pause": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/agents/" + e.bystander.ID + "/pause"}
		}},
		"DELETE /api/v1/agents/{id}/pause": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/agents/" + e.bystander.ID + "/pause", json: `{"reason":"spoke with the agent"}`}
		}},
		"GET /customers/{id}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID}
		}},
		"GET /conversations/{id}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID}
		}},
		"GET /widget/v1/ws": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/widget/v1/ws?conversation=" + fx.convID, ws: true}
		}},
		"GET /widget/v1/conversations/{id}/messages": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/widget/v1/conversations/" + fx.convID + "/messages"}
		}},
		"POST /widget/v1/conversations/{id}/code": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/widget/v1/conversations/" + fx.convID + "/code", json: `{"code":"123456"}`}
		}},
		"GET /api/v1/conversations/{id}/attachments": conv("/attachments", nil),
		"GET /api/v1/conversations/{id}/attachments/{attachment}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/attachments/" + fx.attachmentID}
		}},
		"GET /api/v1/conversations/{id}/messages/{mid}/original": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/messages/" + fx.messageID + "/original"}
		}},
		"GET /conversations/{id}/attachments/{attachment}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID + "/attachments/" + fx.attachmentID}
		}},
		"GET /widget/v1/conversations/{id}/attachments/{attachment}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/widget/v1/conversations/" + fx.convID + "/attachments/" + fx.attachmentID}
		}},
		"POST /widget/v1/conversations/{id}/attachments": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/widget/v1/conversations/" + fx.convID + "/attachments", file: &authzFile{field: "file", name: "photo.png", data: matrixPNG}}
		}},
		"PATCH /api/v1/customers/{id}": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID, json: `{"payment":{"brand":"visa","last4":"4242"}}`}
		}},
		"POST /api/v1/customers": jsonBody("/api/v1/customers", func(e *authzEnv) string {
			return fmt.Sprintf(`{"name":"New Customer","emails":["new-%d-%s@example.com"]}`, e.next(), randHex(3))
		}),
		"GET /api/v1/conversations/{id}":             conv("", nil),
		"GET /api/v1/conversations/{id}/messages":    conv("/messages", nil),
		"GET /api/v1/conversations/{id}/challenges":  conv("/challenges", nil),
		"PATCH /api/v1/conversations/{id}":           conv("", func(*authzEnv, *authzFixture) string { return `{"tags":["matrix"]}` }),
		"POST /api/v1/conversations/{id}/messages":   conv("/messages", func(*authzEnv, *authzFixture) string { return `{"body":"Thanks, we are looking into it."}` }),
		"POST /api/v1/conversations/{id}/challenges": conv("/challenges", func(_ *authzEnv, fx *authzFixture) string { return fmt.Sprintf(`{"contact_point_id":%q}`, fx.emailCP) }),
		"POST /api/v1/conversations/{id}/reveal": conv("/reveal", func(*authzEnv, *authzFixture) string {
			return `{"field":"addresses","reason":"customer asked where the parcel goes"}`
		}),
		// Payment is an L2 class.
		"POST /api/v1/conversations/{id}/reveal #payment": conv("/reveal", func(*authzEnv, *authzFixture) string {
			return `{"field":"payment","reason":"customer asked which card we hold"}`
		}),
		"POST /api/v1/conversations/{id}/reveal #break-glass": conv("/reveal", func(*authzEnv, *authzFixture) string {
			return `{"field":"addresses","reason":"courier at the door, customer unreachable","break_glass":true}`
		}),
		"POST /api/v1/conversations/{id}/unlock": conv("/unlock", func(*authzEnv, *authzFixture) string { return `{"reason":"owner confirmed on the phone"}` }),
		"POST /api/v1/conversations/{id}/identity": conv("/identity", func(e *authzEnv, fx *authzFixture) string {
			return fmt.Sprintf(`{"token":%q}`, e.identityToken(fx.customer.ExternalID))
		}),
		"POST /api/v1/conversations/{id}/contact-points": conv("/contact-points", func(e *authzEnv, _ *authzFixture) string {
			return fmt.Sprintf(`{"kind":"email","value":"added-%d-%s@example.org"}`, e.next(), randHex(3))
		}),
		"PUT /api/v1/conversations/{id}/address": conv("/address", func(*authzEnv, *authzFixture) string {
			return `{"line1":"1 New Road","city":"Leeds","postal_code":"LS1 1AA","country":"GB"}`
		}),
		// Issue 9's rules, each a second request to a route.
		"PATCH /api/v1/customers/{id} #external_id": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID, json: fmt.Sprintf(`{"external_id":"MX-NEW-%d-%s"}`, e.next(), randHex(3))}
		}},
		// An email dated in the past skips the cooling-off period.
		"PATCH /api/v1/customers/{id} #backdated-email": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID, json: fmt.Sprintf(`{"emails":[{"value":%q,"added_at":"2020-01-02"},{"value":"taken-%d-%s@example.org","added_at":"2020-01-02"}]}`,
				fx.customer.ContactPoints[0].Value, e.next(), randHex(3))}
		}},
		"POST /api/v1/customers #backdated": jsonBody("/api/v1/customers", func(e *authzEnv) string {
			return fmt.Sprintf(`{"name":"New Customer","emails":[{"value":"old-%d-%s@example.com","added_at":"2020-01-02"}]}`, e.next(), randHex(3))
		}),
		// Taking the conversation, then revealing: the level must not
		// travel to someone who did not hold it.
		"POST /conversations/{id}/assign #then-reveal": {fixture: true,
			prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
				return authzReq{path: "/conversations/" + fx.convID + "/assign", form: url.Values{"assignee": {"me"}}}
			},
			then: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
				return authzReq{method: "POST", path: "/conversations/" + fx.convID + "/reveal", form: url.Values{"field": {"addresses"}, "reason": {"customer asked where the parcel goes"}}}
			}},
		// Linking a linked conversation to someone else: the console allows
		// it to supervisors only.
		"PATCH /api/v1/conversations/{id} #relink": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID, json: fmt.Sprintf(`{"customer_id":%q}`, e.other.ID)}
		}},
		"POST /conversations/{id}/customer #other": form("/customer", func(e *authzEnv, _ *authzFixture) url.Values {
			return url.Values{"lookup": {e.other.ContactPoints[0].Value}}
		}),
		// Giving the conversation to someone else: the console allows it to
		// supervisors only (an agent may take it).
		"PATCH /api/v1/conversations/{id} #assign-other": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID, json: fmt.Sprintf(`{"assignee_id":%q}`, e.bystander.ID)}
		}},
		"POST /conversations/{id}/assign #other": form("/assign", func(e *authzEnv, _ *authzFixture) url.Values {
			return url.Values{"assignee": {e.bystander.ID}}
		}),
		"PATCH /api/v1/conversations/{id} #assign-then-reveal": {fixture: true,
			prep: func(_ *authzEnv, a *authzActor, fx *authzFixture) authzReq {
				id := ""
				if a.agent != nil {
					id = a.agent.ID
				}
				return authzReq{path: "/api/v1/conversations/" + fx.convID, json: fmt.Sprintf(`{"assignee_id":%q}`, id)}
			},
			then: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
				return authzReq{method: "POST", path: "/api/v1/conversations/" + fx.convID + "/reveal", json: `{"field":"addresses","reason":"customer asked where the parcel goes"}`}
			}},
		"GET /macros":        static("/macros"),
		"GET /api/v1/macros": static("/api/v1/macros"),
		"GET /api/v1/search": static("/api/v1/search?q=parcel"),
		"GET /api/v1/customers/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/legal-hold"}
		}},
		"PUT /api/v1/customers/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/legal-hold", json: `{"reason":"case 2026-113, counsel's letter"}`}
		}},
		"DELETE /api/v1/customers/{id}/legal-hold": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			e.legalHold(proofdesk.HoldCustomer, fx.customer.ID)
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/legal-hold", json: `{"reason":"the case was settled"}`}
		}},
		"GET /api/v1/conversations/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/legal-hold"}
		}},
		"PUT /api/v1/conversations/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/legal-hold", json: `{"reason":"case 2026-113, counsel's letter"}`}
		}},
		"DELETE /api/v1/conversations/{id}/legal-hold": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			e.legalHold(proofdesk.HoldConversation, fx.convID)
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/legal-hold", json: `{"reason":"the case was settled"}`}
		}},
		"POST /customers/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/legal-hold", form: url.Values{"op": {"set"}, "reason": {"case 2026-113"}}}
		}},
		"POST /conversations/{id}/legal-hold": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID + "/legal-hold", form: url.Values{"op": {"set"}, "reason": {"case 2026-113"}}}
		}},
		"POST /api/v1/customers/{id}/erase": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/erase", json: `{"reason":"the owner asked in writing","legal_basis":"court order 2026-113"}`}
		}},
		"POST /customers/{id}/erase": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/erase", form: url.Values{"reason": {"the owner asked in writing"}, "legal_basis": {"court order 2026-113"}, "confirm": {"yes"}}}
		}},
		"POST /api/v1/customers/{id}/merge": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/merge", json: fmt.Sprintf(`{"into":%q,"reason":"same person, two channels"}`, e.newCustomer())}
		}},
		"POST /api/v1/conversations/{id}/export": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/export", json: `{}`}
		}},
		"POST /api/v1/customers/{id}/export": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/customers/" + fx.customer.ID + "/export", json: `{"reason":"owner asked by letter, ref 991"}`}
		}},
		"POST /customers/{id}/export": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/export", form: url.Values{"reason": {"owner asked by letter, ref 991"}}}
		}},
		"POST /customers/{id}/export #from": {fixture: true, prep: func(_ *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/export", form: url.Values{"from": {fx.convID}}}
		}},
		"POST /customers/{id}/merge": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/customers/" + fx.customer.ID + "/merge", form: url.Values{"source": {e.newCustomer()}, "reason": {"same person, two channels"}, "confirm": {"yes"}}}
		}},
		"POST /conversations/{id}/typing": form("/typing", values("internal", "0")),
		"POST /conversations/{id}/merge": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/conversations/" + fx.convID + "/merge", form: url.Values{"into": {e.sameCustomerConversation(fx)}}}
		}},
		"POST /api/v1/conversations/{id}/merge": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/merge", json: fmt.Sprintf(`{"into":%q}`, e.sameCustomerConversation(fx))}
		}},
		"POST /macros": plainForm("/macros", func(e *authzEnv) url.Values {
			return url.Values{"title": {fmt.Sprintf("Matrix %d", e.next())}, "body": {"Hello {{agent.first_name}}"}}
		}),
		"POST /api/v1/macros": jsonBody("/api/v1/macros", func(e *authzEnv) string {
			return fmt.Sprintf(`{"title":"Matrix %d","body":"Hello","shared":true}`, e.next())
		}),
		"POST /macros/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/macros/" + e.sharedMacro(), form: url.Values{"title": {"Changed"}, "body": {"Hello again"}, "shared": {"1"}}}
		}},
		"POST /macros/{id}/delete": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/macros/" + e.sharedMacro() + "/delete", form: url.Values{}}
		}},
		"PUT /api/v1/macros/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/macros/" + e.sharedMacro(), json: `{"title":"Changed","body":"Hello again","shared":true}`}
		}},
		"DELETE /api/v1/macros/{id}": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/api/v1/macros/" + e.sharedMacro()}
		}},
		"POST /conversations/{id}/macros": form("/macros", func(e *authzEnv, _ *authzFixture) url.Values {
			return url.Values{"macro_id": {e.addressMacro()}, "body": {"draft"}}
		}),
		"POST /api/v1/conversations/{id}/macros/{macro}/apply": {fixture: true, prep: func(e *authzEnv, _ *authzActor, fx *authzFixture) authzReq {
			return authzReq{path: "/api/v1/conversations/" + fx.convID + "/macros/" + e.addressMacro() + "/apply", json: `{}`}
		}},
		"POST /conversations/{id}/messages":   form("/messages", values("body", "Thanks, we are looking into it.")),
		"POST /conversations/{id}/assign":     form("/assign", values("assignee", "me")),
		"POST /conversations/{id}/status":     form("/status", values("status", "open")),
		"POST /conversations/{id}/reveal":     form("/reveal", values("field", "addresses", "reason", "customer asked where the parcel goes")),
		"POST /conversations/{id}/unlock":     form("/unlock", values("reason", "owner confirmed on the phone")),
		"POST /conversations/{id}/challenges": form("/challenges", func(_ *authzEnv, fx *authzFixture) url.Values { return url.Values{"contact_point_id": {fx.emailCP}} }),
		"POST /conversations/{id}/customer": form("/customer", func(_ *authzEnv, fx *authzFixture) url.Values {
			return url.Values{"lookup": {fx.customer.ContactPoints[0].Value}}
		}),
		"POST /admin/agents": plainForm("/admin/agents", func(e *authzEnv) url.Values {
			return url.Values{"email": {fmt.Sprintf("hired-%d-%s@matrix.test", e.next(), randHex(3))}, "name": {"Hired"}, "role": {"agent"}, "password": {"a long enough password 123"}}
		}),
		// A token made for the request, so revoking it harms no actor.
		"POST /admin/tokens/{id}/revoke": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			_, th := auth.NewToken()
			tk := &proofdesk.APIToken{AgentID: e.actors["agent"].agent.ID, Name: "to revoke", Hash: th}
			if err := e.m.AgentService.CreateAPIToken(context.Background(), tk); err != nil {
				e.t.Fatal(err)
			}
			return authzReq{path: "/admin/tokens/" + tk.ID + "/revoke", form: url.Values{}}
		}},
		// Valid credentials of a signed-out agent: the sign-in form is public.
		// Signing in replaces the session the browser had: a new agent of
		// the actor's role makes the request.
		"POST /login": {prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			f, cookies := e.loginForm()
			f.Set("email", e.login.email)
			f.Set("password", e.login.password)
			return authzReq{path: "/login", form: f, cookies: cookies, replace: e.replacement(a)}
		}},
		// The second step of an admin's first sign-in, without the ticket
		// that only the password step hands out.
		"POST /login/enrol": {prep: func(e *authzEnv, _ *authzActor, _ *authzFixture) authzReq {
			f, cookies := e.loginForm()
			f.Set("ticket", "bm90LWEtdGlja2V0.bm90LWEtbWFj")
			f.Set("code", "123456")
			return authzReq{path: "/login/enrol", form: f, cookies: cookies}
		}},
		// Signing out ends the session: each request signs in a new agent
		// of the actor's role and signs it out.
		"POST /logout": {prep: func(e *authzEnv, a *authzActor, _ *authzFixture) authzReq {
			return authzReq{path: "/logout", form: url.Values{}, replace: e.replacement(a)}
		}},

		// Issue 15: reports, satisfaction, webhooks, service levels, OpenAPI.
		"GET /reports":             static("/reports"),
		"GET /api/v1/reports":      static("/api/v1/reports"),
		"GET /api/v1/openapi.json": static("/api/v1/openapi.json"),
		"GET /api/v1/webhooks":     static("/api/v1/webhooks"),
		"GET /api/v1/sla":          static("/api/v1/sla"),
		"GET /csat/{token}":        static("/csat/" + unknownLink),
		"POST /csat/{token}":       plainForm("/csat/"+unknownLink, func(*authzEnv) url.Values { return url.Values{"rating": {"good"}} }),
		"POST /api/v1/webhooks": jsonBody("/api/v1/webhooks", func(*authzEnv) string {
			return `{"url":"https://hooks.example.invalid/matrix","events":["notice.not_me"]}`
		}),
		"DELETE /api/v1/webhooks/{id}": {prep: func(*authzEnv, *authzActor, *authzFixture) authzReq {
			return authzReq{path: "/api/v1/webhooks/whk_unknown"}
		}},
		"PUT /api/v1/sla": jsonBody("/api/v1/sla", func(*authzEnv) string {
			return `{"targets":{"high":{"first_response_seconds":7200}},"hours":{"":{"schedule":"mon-fri 09:00-17:00","time_zone":"UTC","holidays":[]}},"escalation":{"high":{"raise_priority":true,"unassign":true}}}`
		}),
		"GET /api/v1/conversations/{id}/sla": conv("/sla", nil),
	}
	for k, r := range workAuthzRoutes() {
		routes[k] = r
	}
	// Served, these leave the conversation as it was: the next actor may
	// use the same one (checkState verifies it).
	for _, k := range []string{"POST /api/v1/conversations/{id}/messages", "PATCH /api/v1/conversations/{id}",
		"POST /conversations/{id}/messages", "POST /conversations/{id}/status", "POST /api/v1/conversations/{id}/reveal",
		"POST /conversations/{id}/reveal", "POST /api/v1/conversations/{id}/reveal #payment", "POST /conversations/{id}/customer",
		"POST /conversations/{id}/macros", "POST /api/v1/conversations/{id}/macros/{macro}/apply", "POST /conversations/{id}/typing"} {
		r := routes[k]
		r.keeps = true
		routes[k] = r
	}
	return routes
}

func mustPolicy(e *authzEnv) *proofdesk.Policy {
	p, err := e.m.PolicyService.FindPolicy(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// sharedMacro is a new shared macro created by the holder agent (an actor),
// so that its creator, supervisors and admins may change it.
func (e *authzEnv) sharedMacro() string {
	m := &proofdesk.Macro{ID: proofdesk.NewID("mac"), CreatedBy: e.actors["agent"].agent.ID, Title: fmt.Sprintf("Shared %d", e.next()), Body: "Hello"}
	if err := e.m.DB.WithTx(context.Background(), func(tx *sqldb.Tx) error { return tx.SaveMacro(context.Background(), m) }); err != nil {
		e.t.Fatal(err)
	}
	return m.ID
}

// addressMacro is a shared macro whose text fills the customer's address
// (an L1 class in the default policy) and changes nothing else.
func (e *authzEnv) addressMacro() string {
	m := &proofdesk.Macro{ID: proofdesk.NewID("mac"), CreatedBy: e.actors["agent"].agent.ID, Title: fmt.Sprintf("Address %d", e.next()), Body: "We ship to {{customer.address}}."}
	if err := e.m.DB.WithTx(context.Background(), func(tx *sqldb.Tx) error { return tx.SaveMacro(context.Background(), m) }); err != nil {
		e.t.Fatal(err)
	}
	return m.ID
}

// sameCustomerConversation is a new conversation of fx's customer, held
// by the holder agent: the target of a merge.
func (e *authzEnv) sameCustomerConversation(fx *authzFixture) string {
	c := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: fx.customer.ID, AssigneeID: e.actors["agent"].agent.ID,
		Requester: proofdesk.Requester{Name: "Merge target"}}
	if err := e.m.ConversationService.CreateConversation(context.Background(), c, nil); err != nil {
		e.t.Fatal(err)
	}
	return c.ID
}

// newCustomer is a customer of its own (a merge target), with an email
// nobody else has.
// legalHold puts a legal hold on (kind, id) in the store, as a
// supervisor would have.
func (e *authzEnv) legalHold(kind, id string) {
	err := e.m.DB.WithTx(context.Background(), func(tx *sqldb.Tx) error {
		return tx.SetLegalHold(context.Background(), &proofdesk.LegalHold{SubjectKind: kind, SubjectID: id, Reason: "case 2026-113", SetBy: e.bystander.ID})
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *authzEnv) newCustomer() string {
	in := proofdesk.CustomerInput{Name: "Merge Target", Emails: []proofdesk.ContactPointInput{{Value: fmt.Sprintf("target-%d-%s@example.net", e.next(), randHex(3))}}}
	c, err := in.Customer(time.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.m.CustomerService.CreateCustomer(context.Background(), c); err != nil {
		e.t.Fatal(err)
	}
	return c.ID
}
