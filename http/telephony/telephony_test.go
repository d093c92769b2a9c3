package telephony_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/telephony"
	"github.com/proofdesk/proofdesk/sms"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

const (
	// publicBase is the URL the provider calls, in front of a proxy: it
	// differs from the test server's own URL on purpose.
	publicBase = "https://desk.example.test"
	authToken  = "twilio-auth-token"
	onFile     = "+14155550123"
	callSID    = "CA0123456789abcdef0123456789abcdef"
)

// recorder is an EventService that keeps what was published.
type recorder struct {
	mu  sync.Mutex
	evs []proofdesk.Event
}

var _ proofdesk.EventService = (*recorder)(nil)

func (r *recorder) PublishEvent(_ context.Context, ev proofdesk.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.evs = append(r.evs, ev)
}

func (r *recorder) Subscribe(context.Context, string) (proofdesk.Subscription, error) {
	return nil, errors.New("recorder: no subscriptions")
}

func (r *recorder) find(typ string) []proofdesk.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []proofdesk.Event
	for _, ev := range r.evs {
		if ev.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

// env is the webhook and the API on a real store, with a customer whose
// phone and email have been on file for years.
type env struct {
	db       *sqldb.DB
	srv      *httpd.Server
	phones   *sqldb.PhoneService
	convs    *sqldb.ConversationService
	vs       *desk.Verification
	events   *recorder
	cust     *proofdesk.Customer
	phoneCP  string
	agentCtx context.Context
	apiToken string
}

func newEnv(t testing.TB, db *sqldb.DB) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{db: db, phones: sqldb.NewPhoneService(db), convs: sqldb.NewConversationService(db), events: &recorder{}}
	var err error
	if e.vs, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: publicBase, Company: "Acme"}); err != nil {
		t.Fatal(err)
	}
	customers := sqldb.NewCustomerService(db)
	old := time.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}},
		Phones: []proofdesk.ContactPointInput{{Value: onFile, AddedAt: &old}}}
	if e.cust, err = in.Customer(time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := customers.CreateCustomer(ctx, e.cust); err != nil {
		t.Fatal(err)
	}
	e.phoneCP = e.cust.ContactPointsOf(proofdesk.ContactPhone)[0].ID

	agents := sqldb.NewAgentService(db)
	hash, err := auth.HashPassword("pw", auth.TestPasswordParams)
	if err != nil {
		t.Fatal(err)
	}
	agent := &proofdesk.Agent{Email: "ann@desk.test", Name: "Ann Agent", Role: proofdesk.RoleAgent, PasswordHash: hash, CreatedAt: time.Now()}
	if err := agents.CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	e.agentCtx = proofdesk.NewContextWithAgent(ctx, agent)
	tok, tokHash := auth.NewToken()
	if err := agents.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: agent.ID, Name: "test", Hash: tokHash, CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	e.apiToken = tok

	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := telephony.NewHandler(telephony.Config{BaseURL: publicBase + "/", AuthToken: authToken, Company: "Acme"}, e.phones, e.vs, logger)
	if err != nil {
		t.Fatal(err)
	}
	desk.PublishEvents(db, e.events) // every committed change, as in cmd/proofdesk
	e.srv = httpd.NewServer(logger)
	h.Register(e.srv)
	api.NewHandler(agents, customers, e.convs, sqldb.NewAuditService(db), nil).Register(e.srv)
	if err := e.srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.srv.Close() })
	return e
}

// link links conversation convID to the customer as the agent does
// (a counted lookup): a call links nobody by itself.
func (e *env) link(t *testing.T, convID string) {
	t.Helper()
	if _, err := desk.New(e.db, desk.Config{}).UpdateConversation(e.agentCtx, convID, proofdesk.ConversationUpdate{CustomerID: &e.cust.ID}); err != nil {
		t.Fatalf("link: %v", err)
	}
}

// post sends form to path with the signature header sig ("" for none).
func (e *env) post(t *testing.T, path string, form url.Values, sig string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", e.srv.URL()+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if sig != "" {
		req.Header.Set(telephony.SignatureHeader, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("POST %s: Content-Type %q, want application/xml", path, resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, string(b)
}

// signed posts form to path signed as the provider signs it: over the
// public URL.
func (e *env) signed(t *testing.T, path string, form url.Values) string {
	t.Helper()
	status, body := e.post(t, path, form, telephony.Signature(authToken, publicBase+path, form))
	if status != http.StatusOK {
		t.Fatalf("POST %s: status %d, want 200: %s", path, status, body)
	}
	return body
}

func callForm(from string) url.Values {
	return url.Values{"CallSid": {callSID}, "From": {from}, "To": {"+18005551212"}, "AccountSid": {"AC1"}, "CallStatus": {"ringing"}}
}

// docSignature signs as Twilio's documentation says, written here apart
// from telephony.Signature: names sorted, each name then its value.
func docSignature(token, fullURL string, form url.Values) string {
	names := make([]string, 0, len(form))
	for k := range form {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range names {
		b.WriteString(k + form.Get(k))
	}
	mac := hmac.New(sha1.New, []byte(token))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Callers the provider shows as "anonymous", "client:…" or "sip:…" are
// let in (200) with no phone claim, signed as the provider signs them
// with its usual Caller*/From* location parameters.
func TestVoice_NonNumericCallers(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		for i, from := range []string{"anonymous", "client:alice", "sip:alice@pbx.example.com", "+266696687", "Restricted"} {
			form := url.Values{"CallSid": {fmt.Sprintf("CA%032x", i+1)}, "AccountSid": {"AC1"}, "CallStatus": {"ringing"}, "To": {"+18005551212"},
				"From": {from}, "Caller": {from}, "FromCity": {"SAN FRANCISCO"}, "CallerCity": {"SAN FRANCISCO"}, "FromCountry": {"US"}, "CallerCountry": {"US"},
				"Direction": {"inbound"}, "ApiVersion": {"2010-04-01"}}
			status, body := e.post(t, telephony.VoicePath, form, docSignature(authToken, publicBase+telephony.VoicePath, form))
			if status != http.StatusOK {
				t.Fatalf("From %q: status %d, want 200: %s", from, status, body)
			}
			id, err := e.phones.FindCallConversationID(context.Background(), form.Get("CallSid"))
			if err != nil {
				t.Fatalf("From %q: %v", from, err)
			}
			c, err := e.convs.FindConversationByID(context.Background(), id)
			if err != nil || c.Requester.Phone != "" || c.CustomerID != "" {
				t.Fatalf("From %q: conversation %+v, %v, want no phone claim and no link", from, c, err)
			}
		}
	})
}

func digitsForm(d string) url.Values {
	return url.Values{"CallSid": {callSID}, "Digits": {d}, "AccountSid": {"AC1"}}
}

func (e *env) level(t *testing.T, convID string) proofdesk.Level {
	t.Helper()
	c, err := e.convs.FindConversationByID(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(time.Now())
}

func TestSignatureRequired(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		form := callForm(onFile)
		good := telephony.Signature(authToken, publicBase+telephony.VoicePath, form)
		tampered := callForm("+19995550000")
		tests := []struct {
			name string
			path string
			form url.Values
			sig  string
		}{
			{"unsigned voice", telephony.VoicePath, form, ""},
			{"unsigned digits", telephony.DigitsPath, digitsForm("123456"), ""},
			{"garbage signature", telephony.VoicePath, form, "not-a-signature"},
			{"wrong token", telephony.VoicePath, form, telephony.Signature("other-token", publicBase+telephony.VoicePath, form)},
			{"signed for the server's own URL, not the public one", telephony.VoicePath, form, telephony.Signature(authToken, e.srv.URL()+telephony.VoicePath, form)},
			{"signed for another route", telephony.DigitsPath, form, good},
			{"tampered parameter", telephony.VoicePath, tampered, good},
			{"signature of digits replayed with other digits", telephony.DigitsPath, digitsForm("000000"),
				telephony.Signature(authToken, publicBase+telephony.DigitsPath, digitsForm("123456"))},
		}
		for _, tt := range tests {
			status, body := e.post(t, tt.path, tt.form, tt.sig)
			if status != http.StatusForbidden || !strings.Contains(body, `"error":"forbidden"`) {
				t.Errorf("%s: %d %s, want 403 forbidden", tt.name, status, body)
			}
		}
		phone := proofdesk.ChannelPhone
		if _, n, _ := e.convs.FindConversations(context.Background(), proofdesk.ConversationFilter{Channel: &phone}); n != 0 {
			t.Fatalf("%d phone conversations after refused requests, want 0", n)
		}
		// The correctly signed one goes through.
		status, body := e.post(t, telephony.VoicePath, form, good)
		if status != http.StatusOK || !strings.Contains(body, "<Gather") {
			t.Fatalf("signed: %d %s", status, body)
		}
	})
}

func TestNewHandlerRefusesUnsigned(t *testing.T) {
	if _, err := telephony.NewHandler(telephony.Config{BaseURL: publicBase}, nil, nil, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
		t.Fatalf("no token: err=%v, want EINVALID", err)
	}
	if _, err := telephony.NewHandler(telephony.Config{AuthToken: "x", BaseURL: "desk.example"}, nil, nil, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
		t.Fatalf("relative base URL: err=%v, want EINVALID", err)
	}
}

// TestIncomingCallStaysL0: an incoming call whose caller ID is the
// customer's on-file phone links the conversation but leaves it at L0.
func TestIncomingCallStaysL0(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		body := e.signed(t, telephony.VoicePath, callForm(onFile))
		for _, want := range []string{
			`<Say>Thank you for calling Acme support.`,
			`<Gather input="dtmf" numDigits="6" action="` + publicBase + telephony.DigitsPath + `" method="POST"`,
			`<Redirect method="POST">` + publicBase + telephony.VoicePath + `</Redirect>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("TwiML lacks %q:\n%s", want, body)
			}
		}
		convID, err := e.phones.FindCallConversationID(ctx, callSID)
		if err != nil {
			t.Fatal(err)
		}
		conv, err := e.convs.FindConversationByID(ctx, convID)
		if err != nil {
			t.Fatal(err)
		}
		// Linked to nobody: a link by caller ID would tell anyone who
		// calls whether the number is on file, and whose it is.
		if conv.Channel != proofdesk.ChannelPhone || conv.Requester.Phone != onFile || conv.CustomerID != "" {
			t.Fatalf("conversation channel=%s claim=%q customer=%q, want phone, the caller ID as claim, linked to nobody",
				conv.Channel, conv.Requester.Phone, conv.CustomerID)
		}
		if conv.Level != proofdesk.L0 || conv.EffectiveLevel(time.Now()) != proofdesk.L0 {
			t.Fatalf("level=%v, want L0: caller ID is never a factor", conv.Level)
		}
		if evs := e.events.find(proofdesk.EventConversationCreated); len(evs) != 1 || evs[0].ConversationID != convID {
			t.Fatalf("conversation.created events=%+v", evs)
		}

		// The provider calls again for the same call (the hold loop): same
		// conversation, no new one.
		body = e.signed(t, telephony.VoicePath, callForm(onFile))
		if !strings.Contains(body, "Please stay on the line.") {
			t.Errorf("repeat TwiML: %s", body)
		}
		phone := proofdesk.ChannelPhone
		if _, n, _ := e.convs.FindConversations(ctx, proofdesk.ConversationFilter{Channel: &phone}); n != 1 {
			t.Fatalf("phone conversations=%d, want 1", n)
		}

		// A withheld number opens an unlinked conversation with no claim.
		form := callForm("anonymous")
		form.Set("CallSid", "CAanonymous")
		e.signed(t, telephony.VoicePath, form)
		anonID, err := e.phones.FindCallConversationID(ctx, "CAanonymous")
		if err != nil {
			t.Fatal(err)
		}
		anon, _ := e.convs.FindConversationByID(ctx, anonID)
		if anon.CustomerID != "" || anon.Requester.Phone != "" || anon.Level != proofdesk.L0 {
			t.Fatalf("anonymous call: %+v", anon)
		}

		// No CallSid is a malformed webhook.
		bad := url.Values{"From": {onFile}}
		if status, _ := e.post(t, telephony.VoicePath, bad, telephony.Signature(authToken, publicBase+telephony.VoicePath, bad)); status != http.StatusBadRequest {
			t.Fatalf("no CallSid: status %d, want 400", status)
		}
	})
}

var codeRE = regexp.MustCompile(`code (\d{6})`)

// deliverSMS is a tiny outbox worker: it sends the queued SMS through
// FakeTwilio with the real client and returns what the phone received.
func (e *env) deliverSMS(t *testing.T) []sms.FakeMessage {
	t.Helper()
	fake := sms.NewFakeTwilio("AC0123", "sms-token")
	t.Cleanup(fake.Close)
	client, err := sms.New(fake.Config("+15005550006"))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := sqldb.NewOutboxService(e.db).FindOutbox(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Kind == proofdesk.OutboxSMS && m.Status == proofdesk.OutboxQueued {
			if err := client.SendSMS(context.Background(), m.To, m.Body); err != nil {
				t.Fatal(err)
			}
		}
	}
	return fake.Messages()
}

// wrong returns a code that differs from code in its last digit.
func wrong(code string) string {
	last := (code[len(code)-1]-'0'+1)%10 + '0'
	return code[:len(code)-1] + string(rune(last))
}

// TestKeypadVerification: the agent sends a request to the on-file phone;
// the SMS holds the code; the caller types it on the keypad and the
// conversation reaches L1. A wrong code first says how many attempts are
// left.
func TestKeypadVerification(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		e.signed(t, telephony.VoicePath, callForm(onFile))
		convID, err := e.phones.FindCallConversationID(ctx, callSID)
		if err != nil {
			t.Fatal(err)
		}
		e.link(t, convID)

		// Digits before any request count nothing.
		if body := e.signed(t, telephony.DigitsPath, digitsForm("123456")); !strings.Contains(body, "no verification request waiting") {
			t.Errorf("digits before a request: %s", body)
		}

		info, err := e.vs.IssueChallenge(e.agentCtx, convID, e.phoneCP)
		if err != nil {
			t.Fatal(err)
		}
		if info.Kind != proofdesk.ContactPhone || strings.Contains(info.MaskedDestination, "5550123") {
			t.Fatalf("challenge info %+v: want a masked phone", info)
		}
		sent := e.deliverSMS(t)
		if len(sent) != 1 || sent[0].To != onFile {
			t.Fatalf("SMS sent=%+v, want one to the on-file phone", sent)
		}
		m := codeRE.FindStringSubmatch(sent[0].Body)
		if m == nil || !strings.Contains(sent[0].Body, publicBase+"/v/") {
			t.Fatalf("SMS body lacks the code or the link")
		}
		code := m[1]

		body := e.signed(t, telephony.DigitsPath, digitsForm(wrong(code)))
		if !strings.Contains(body, "that code did not match. You have 4 attempts left.") {
			t.Fatalf("wrong code: %s", body)
		}
		if lvl := e.level(t, convID); lvl != proofdesk.L0 {
			t.Fatalf("level after a wrong code=%v, want L0", lvl)
		}
		if len(e.events.find(proofdesk.EventLevelChanged)) != 0 {
			t.Fatal("level.changed published after a wrong code")
		}

		body = e.signed(t, telephony.DigitsPath, digitsForm(code))
		if !strings.Contains(body, "You are verified.") {
			t.Fatalf("right code: %s", body)
		}
		if lvl := e.level(t, convID); lvl != proofdesk.L1 {
			t.Fatalf("level=%v, want L1", lvl)
		}
		evs := e.events.find(proofdesk.EventLevelChanged)
		if len(evs) != 1 || evs[0].ConversationID != convID || evs[0].Level != "L1" {
			t.Fatalf("level.changed events=%+v, want one at L1", evs)
		}
		challenges, _ := e.vs.FindChallenges(e.agentCtx, convID)
		if len(challenges) != 1 || challenges[0].Status != proofdesk.ChallengeCompleted {
			t.Fatalf("challenges=%+v, want one completed", challenges)
		}

		// The code never reaches the agent's timeline.
		msgs, _ := e.convs.FindMessages(ctx, convID)
		for _, msg := range msgs {
			if strings.Contains(msg.Body, code) {
				t.Fatalf("the code is in the timeline: %+v", msg)
			}
		}
	})
}

// TestKeypadLockout: five wrong codes lock the request; the right code
// afterwards no longer verifies.
func TestKeypadLockout(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		e.signed(t, telephony.VoicePath, callForm(onFile))
		convID, _ := e.phones.FindCallConversationID(ctx, callSID)
		e.link(t, convID)
		if _, err := e.vs.IssueChallenge(e.agentCtx, convID, e.phoneCP); err != nil {
			t.Fatal(err)
		}
		code := codeRE.FindStringSubmatch(e.deliverSMS(t)[0].Body)[1]
		for left := 4; left >= 1; left-- {
			body := e.signed(t, telephony.DigitsPath, digitsForm(wrong(code)))
			want := "that code did not match. You have " + attemptsText(left) + " left."
			if !strings.Contains(body, want) {
				t.Fatalf("%d left: %s, want %q", left, body, want)
			}
		}
		body := e.signed(t, telephony.DigitsPath, digitsForm(wrong(code)))
		if !strings.Contains(body, "too many attempts") {
			t.Fatalf("fifth wrong code: %s", body)
		}
		// One event when the request was sent, one per wrong code.
		evs := e.events.find(proofdesk.EventChallengeUpdated)
		if len(evs) != 6 || evs[0].Status != proofdesk.ChallengePending || evs[5].Status != proofdesk.ChallengeLocked {
			t.Fatalf("challenge.updated events=%+v, want 6: pending when sent, then 5 attempts ending locked", evs)
		}
		body = e.signed(t, telephony.DigitsPath, digitsForm(code))
		if strings.Contains(body, "verified") {
			t.Fatalf("right code after lockout verified: %s", body)
		}
		if lvl := e.level(t, convID); lvl != proofdesk.L0 {
			t.Fatalf("level=%v, want L0", lvl)
		}
		challenges, _ := e.vs.FindChallenges(e.agentCtx, convID)
		if len(challenges) != 1 || challenges[0].Status != proofdesk.ChallengeLocked {
			t.Fatalf("challenges=%+v, want one locked", challenges)
		}

		// Digits for an unknown call are refused politely.
		form := digitsForm(code)
		form.Set("CallSid", "CAunknown")
		if body := e.signed(t, telephony.DigitsPath, form); !strings.Contains(body, "could not find your call") || !strings.Contains(body, "<Hangup>") {
			t.Fatalf("unknown call: %s", body)
		}
	})
}

func attemptsText(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return string(rune('0'+n)) + " attempts"
}

// TestAgentOpensPhoneConversation: an agent opens a call conversation
// through the API with the caller's number as a claim; it starts at L0,
// and a request to the on-file phone can be sent from it.
func TestAgentOpensPhoneConversation(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newEnv(t, db)
		in := `{"channel":"phone","customer_id":"` + e.cust.ID + `","requester":{"name":"Jane","phone":"+1 (415) 555-0123"},"subject":"Caller asks about an order"}`
		req, _ := http.NewRequest("POST", e.srv.URL()+"/api/v1/conversations", strings.NewReader(in))
		req.Header.Set("Authorization", "Bearer "+e.apiToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got struct {
			ID              string              `json:"id"`
			Channel         string              `json:"channel"`
			CustomerID      string              `json:"customer_id"`
			RequesterClaims proofdesk.Requester `json:"requester_claims"`
			Level           string              `json:"level"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusCreated || got.Channel != "phone" || got.RequesterClaims.Phone != onFile || got.CustomerID != e.cust.ID || got.Level != "L0" {
			t.Fatalf("create: %d %+v, want 201 phone L0 with the claimed number normalised", resp.StatusCode, got)
		}
		if _, err := e.vs.IssueChallenge(e.agentCtx, got.ID, e.phoneCP); err != nil {
			t.Fatalf("request to the on-file phone: %v", err)
		}
		if sent := e.deliverSMS(t); len(sent) != 1 || sent[0].To != onFile || !codeRE.MatchString(sent[0].Body) {
			t.Fatalf("SMS: %+v", sent)
		}
		if lvl := e.level(t, got.ID); lvl != proofdesk.L0 {
			t.Fatalf("level=%v, want L0 until the caller completes the request", lvl)
		}

		// A malformed number is refused.
		req, _ = http.NewRequest("POST", e.srv.URL()+"/api/v1/conversations", strings.NewReader(`{"channel":"phone","requester":{"phone":"call me"}}`))
		req.Header.Set("Authorization", "Bearer "+e.apiToken)
		resp2, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp2.Body.Close()
		if resp2.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad phone: status %d, want 400", resp2.StatusCode)
		}
	})
}
