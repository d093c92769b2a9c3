package sms_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/proofdesk/proofdesk/sms"
)

const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "secret-token"
	testFrom  = "+15005550006"
	testTo    = "+14155550123"
)

func newPair(tb testing.TB) (*sms.FakeTwilio, *sms.Twilio) {
	tb.Helper()
	fake := sms.NewFakeTwilio(testSID, testToken)
	tb.Cleanup(fake.Close)
	tw, err := sms.New(fake.Config(testFrom))
	if err != nil {
		tb.Fatal(err)
	}
	return fake, tw
}

// The interface the outbox worker calls.
var _ interface {
	SendSMS(ctx context.Context, to, body string) error
} = (*sms.Twilio)(nil)

func TestSendSMS(t *testing.T) {
	fake, tw := newPair(t)
	if err := tw.SendSMS(context.Background(), testTo, "Your code is 123456"); err != nil {
		t.Fatalf("SendSMS: %v", err)
	}
	got := fake.Messages()
	want := []sms.FakeMessage{{To: testTo, From: testFrom, Body: "Your code is 123456"}}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(sms.FakeMessage{}, "SID", "At")); diff != "" {
		t.Fatalf("messages (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got[0].SID, "SM") {
		t.Fatalf("SID=%q, want SM...", got[0].SID)
	}
}

func TestSendSMSMessagingService(t *testing.T) {
	fake := sms.NewFakeTwilio(testSID, testToken)
	defer fake.Close()
	cfg := fake.Config("")
	cfg.MessagingServiceSID = "MG0123"
	tw, err := sms.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.SendSMS(context.Background(), testTo, "hi"); err != nil {
		t.Fatal(err)
	}
	if m := fake.Messages(); len(m) != 1 || m[0].MessagingServiceSID != "MG0123" || m[0].From != "" {
		t.Fatalf("messages=%+v, want one through MG0123", m)
	}
}

// TestRequestShape checks the wire format against a bare server, not the
// fake, so the two cannot share a mistake.
func TestRequestShape(t *testing.T) {
	var got struct {
		method, path, ctype, user, pass string
		form                            url.Values
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.path, got.ctype = r.Method, r.URL.Path, r.Header.Get("Content-Type")
		got.user, got.pass, _ = r.BasicAuth()
		_ = r.ParseForm()
		got.form = r.PostForm
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"sid":"SM1","status":"queued"}`))
	}))
	defer srv.Close()
	tw, err := sms.New(sms.Config{BaseURL: srv.URL + "/", AccountSID: testSID, AuthToken: testToken, From: testFrom})
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.SendSMS(context.Background(), testTo, "a & b = c"); err != nil {
		t.Fatal(err)
	}
	if got.method != "POST" || got.path != "/2010-04-01/Accounts/"+testSID+"/Messages.json" {
		t.Errorf("request %s %s", got.method, got.path)
	}
	if got.ctype != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type=%q", got.ctype)
	}
	if got.user != testSID || got.pass != testToken {
		t.Errorf("basic auth %q:%q", got.user, got.pass)
	}
	want := url.Values{"To": {testTo}, "From": {testFrom}, "Body": {"a & b = c"}}
	if diff := cmp.Diff(want, got.form); diff != "" {
		t.Errorf("form (-want +got):\n%s", diff)
	}
}

func TestSendSMSErrors(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(f *sms.FakeTwilio, cfg *sms.Config)
		to, body  string
		permanent bool
		status    int
		code      int
	}{
		{name: "wrong token", setup: func(_ *sms.FakeTwilio, c *sms.Config) { c.AuthToken = "wrong" }, permanent: true, status: 401, code: 20003},
		{name: "wrong account", setup: func(_ *sms.FakeTwilio, c *sms.Config) { c.AccountSID = "ACother" }, permanent: true, status: 401, code: 20003},
		{name: "invalid number from provider", setup: func(f *sms.FakeTwilio, _ *sms.Config) {
			f.FailNext(400, 21211, "The 'To' number +14155550123 is not a valid phone number.")
		}, permanent: true, status: 400, code: 21211},
		{name: "rate limited", setup: func(f *sms.FakeTwilio, _ *sms.Config) { f.FailNext(429, 20429, "Too Many Requests") }, status: 429, code: 20429},
		{name: "server error", setup: func(f *sms.FakeTwilio, _ *sms.Config) { f.FailNext(503, 0, "Service Unavailable") }, status: 503},
		{name: "connection dropped", setup: func(f *sms.FakeTwilio, _ *sms.Config) { f.FailNext(0, 0, "") }, status: 0},
		{name: "not E.164 (local check)", to: "4155550123", permanent: true},
		{name: "empty body (local check)", body: " ", permanent: true},
		{name: "body too long (local check)", body: strings.Repeat("x", sms.MaxBodyChars+1), permanent: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := sms.NewFakeTwilio(testSID, testToken)
			defer fake.Close()
			cfg := fake.Config(testFrom)
			if tt.setup != nil {
				tt.setup(fake, &cfg)
			}
			tw, err := sms.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			to, body := testTo, "code 654321"
			if tt.to != "" {
				to = tt.to
			}
			if tt.body != "" {
				body = tt.body
			}
			err = tw.SendSMS(context.Background(), to, body)
			var se *sms.Error
			if !errors.As(err, &se) {
				t.Fatalf("err=%v, want *sms.Error", err)
			}
			if got := sms.IsPermanent(err); got != tt.permanent {
				t.Errorf("IsPermanent=%v, want %v (%v)", got, tt.permanent, err)
			}
			if se.Temporary() == tt.permanent {
				t.Errorf("Temporary=%v, want %v", se.Temporary(), !tt.permanent)
			}
			if se.Status != tt.status || se.Code != tt.code {
				t.Errorf("status=%d code=%d, want %d %d", se.Status, se.Code, tt.status, tt.code)
			}
			// Neither the number nor the body appears in the error.
			for _, secret := range []string{"4155550123", "654321", "5550123"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q holds %q", err, secret)
				}
			}
			if len(fake.Messages()) != 0 {
				t.Errorf("fake recorded %d messages, want none", len(fake.Messages()))
			}
			if tt.code != 0 && se.MoreInfo == "" {
				t.Errorf("MoreInfo empty for code %d", tt.code)
			}
		})
	}
}

func TestTemporaryThenRetry(t *testing.T) {
	fake, tw := newPair(t)
	fake.FailNext(500, 20500, "Internal Server Error")
	err := tw.SendSMS(context.Background(), testTo, "hello")
	if err == nil || sms.IsPermanent(err) {
		t.Fatalf("first send: err=%v, want a temporary error", err)
	}
	if err := tw.SendSMS(context.Background(), testTo, "hello"); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if n := len(fake.Messages()); n != 1 {
		t.Fatalf("messages=%d, want 1", n)
	}
}

func TestCancelledContextIsTemporary(t *testing.T) {
	_, tw := newPair(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := tw.SendSMS(ctx, testTo, "hello")
	if err == nil || sms.IsPermanent(err) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err=%v, want temporary wrapping context.Canceled", err)
	}
}

func TestNewValidates(t *testing.T) {
	ok := sms.Config{AccountSID: testSID, AuthToken: testToken, From: testFrom}
	tests := []struct {
		name string
		edit func(c *sms.Config)
	}{
		{"no account", func(c *sms.Config) { c.AccountSID = "" }},
		{"account with slash", func(c *sms.Config) { c.AccountSID = "AC/../x" }},
		{"no token", func(c *sms.Config) { c.AuthToken = "" }},
		{"no sender", func(c *sms.Config) { c.From = "" }},
		{"bad base URL", func(c *sms.Config) { c.BaseURL = "ftp://x" }},
	}
	for _, tt := range tests {
		c := ok
		tt.edit(&c)
		if _, err := sms.New(c); err == nil {
			t.Errorf("%s: New succeeded, want an error", tt.name)
		}
	}
	if _, err := sms.New(ok); err != nil {
		t.Fatalf("valid config: %v", err)
	}
}

// TestFakeValidatesForm sends raw requests the client never would.
func TestFakeValidatesForm(t *testing.T) {
	fake := sms.NewFakeTwilio(testSID, testToken)
	defer fake.Close()
	endpoint := fake.URL() + "/2010-04-01/Accounts/" + testSID + "/Messages.json"
	tests := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"no To", url.Values{"From": {testFrom}, "Body": {"x"}}, 400, `"code":21604`},
		{"no From", url.Values{"To": {testTo}, "Body": {"x"}}, 400, `"code":21603`},
		{"no Body", url.Values{"To": {testTo}, "From": {testFrom}}, 400, `"code":21602`},
		{"bad To", url.Values{"To": {"12"}, "From": {testFrom}, "Body": {"x"}}, 400, `"code":21211`},
		{"good", url.Values{"To": {testTo}, "From": {testFrom}, "Body": {"x"}}, 201, `"status":"queued"`},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("POST", endpoint, strings.NewReader(tt.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(testSID, testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(buf.String(), tt.code) {
			t.Errorf("%s: %d %s, want %d with %s", tt.name, resp.StatusCode, buf.String(), tt.status, tt.code)
		}
	}
	if n := len(fake.Messages()); n != 1 {
		t.Fatalf("messages=%d, want 1", n)
	}
}

// TestNoLogging: the client takes no logger, and a default logger sees
// nothing from a send (guards against someone adding slog calls).
func TestNoLogging(t *testing.T) {
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(prev)
	fake, tw := newPair(t)
	fake.FailNext(400, 21211, "bad")
	_ = tw.SendSMS(context.Background(), testTo, "code 111222")
	_ = tw.SendSMS(context.Background(), testTo, "code 111222")
	if buf.Len() != 0 {
		t.Fatalf("logged: %s", buf.String())
	}
}

// BenchmarkSendSMS: one send through the client to FakeTwilio on loopback.
func BenchmarkSendSMS(b *testing.B) {
	_, tw := newPair(b)
	ctx := context.Background()
	for b.Loop() {
		if err := tw.SendSMS(ctx, testTo, "Acme support: type code 123456 in the chat."); err != nil {
			b.Fatal(err)
		}
	}
}
