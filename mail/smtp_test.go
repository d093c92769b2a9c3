package mail

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/smtp"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// recorder is a Handler that stores what it receives and returns err.
type recorder struct {
	mu   sync.Mutex
	envs []Envelope
	raws [][]byte
	err  error
}

func (r *recorder) Deliver(_ context.Context, env Envelope, raw []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.envs = append(r.envs, env)
	r.raws = append(r.raws, raw)
	return r.err
}

// MustOpenServer starts a listener on 127.0.0.1:0 and closes it on cleanup.
func MustOpenServer(tb testing.TB, h Handler, lim Limits, logs *bytes.Buffer) *Server {
	tb.Helper()
	var logger *slog.Logger
	if logs != nil {
		logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s := NewServer("127.0.0.1:0", h, lim, logger)
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

const smtpMsg = "From: Jane <jane@example.com>\r\nTo: support@shop.example\r\nSubject: Secret subject\r\n\r\nHello support.\r\n.leading dot line\r\n"

func TestServer_Deliver(t *testing.T) {
	rec := &recorder{}
	s := MustOpenServer(t, rec, Limits{}, nil)
	err := smtp.SendMail(s.Addr().String(), nil, "jane@example.com",
		[]string{"support@shop.example", "billing@shop.example"}, []byte(smtpMsg))
	if err != nil {
		t.Fatalf("SendMail: %v", err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.raws) != 1 {
		t.Fatalf("delivered %d messages, want 1", len(rec.raws))
	}
	if got := string(rec.raws[0]); got != smtpMsg {
		t.Fatalf("raw=%q, want %q", got, smtpMsg)
	}
	env := rec.envs[0]
	if env.MailFrom != "jane@example.com" || strings.Join(env.Rcpt, ",") != "support@shop.example,billing@shop.example" {
		t.Fatalf("envelope=%+v", env)
	}
	if !env.RemoteIP.IsLoopback() || env.Helo != "localhost" {
		t.Fatalf("RemoteIP=%v Helo=%q, want loopback and localhost", env.RemoteIP, env.Helo)
	}
	in, err := Parse(bytes.NewReader(rec.raws[0]), Limits{})
	if err != nil || in.Subject != "Secret subject" {
		t.Fatalf("Parse of delivered raw: %v, %+v", err, in)
	}
}

// sendCode sends smtpMsg (or msg) and returns the SMTP reply code of the
// failure, or 0 on success.
func sendCode(tb testing.TB, s *Server, msg string) (int, string) {
	tb.Helper()
	err := smtp.SendMail(s.Addr().String(), nil, "jane@example.com", []string{"support@shop.example"}, []byte(msg))
	if err == nil {
		return 0, ""
	}
	var te *textproto.Error
	if !errors.As(err, &te) {
		tb.Fatalf("SendMail: %v, want an SMTP reply", err)
	}
	return te.Code, te.Msg
}

func TestServer_Errors(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		lim      Limits
		msg      string
		wantCode int
		wantMsg  string
	}{
		{"invalid is permanent", proofdesk.Errorf(proofdesk.EINVALID, "Attachments are not accepted."), Limits{}, smtpMsg, 554, "5.6.0 Attachments are not accepted."},
		{"parse limit keeps its code", reject(CodeTooLarge, "An attachment exceeds the maximum size of 10 bytes."), Limits{}, smtpMsg, 552, "5.3.4 An attachment exceeds the maximum size of 10 bytes."},
		{"internal is temporary", errors.New("database is locked: jane@example.com"), Limits{}, smtpMsg, 451, "4.3.0 Temporary failure, please retry later"},
		{"not found is temporary", proofdesk.Errorf(proofdesk.ENOTFOUND, "no such thing"), Limits{}, smtpMsg, 451, "4.3.0 Temporary failure, please retry later"},
		{"message too large", nil, Limits{MaxMessageBytes: 100}, smtpMsg + strings.Repeat("x", 200) + "\r\n", 552, "5.3.4 Maximum message size exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			rec := &recorder{err: tt.err}
			s := MustOpenServer(t, rec, tt.lim, &logs)
			code, msg := sendCode(t, s, tt.msg)
			if code != tt.wantCode || msg != tt.wantMsg {
				t.Fatalf("reply=%d %q, want %d %q", code, msg, tt.wantCode, tt.wantMsg)
			}
			_ = s.Close()
			for _, secret := range []string{"jane@example.com", "Secret subject", "Hello support"} {
				fromHandler := tt.err != nil && strings.Contains(tt.err.Error(), secret)
				if strings.Contains(logs.String(), secret) && !fromHandler {
					t.Fatalf("logs leak %q: %s", secret, logs.String())
				}
			}
		})
	}
}

func TestServer_OversizedNotDelivered(t *testing.T) {
	rec := &recorder{}
	s := MustOpenServer(t, rec, Limits{MaxMessageBytes: 100}, nil)
	if code, _ := sendCode(t, s, smtpMsg+strings.Repeat("x", 200)+"\r\n"); code != 552 {
		t.Fatalf("code=%d, want 552", code)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.raws) != 0 {
		t.Fatalf("an oversized message reached the handler")
	}
}

func TestSMTPError(t *testing.T) {
	if SMTPError(nil) != nil {
		t.Fatal("SMTPError(nil) != nil")
	}
	e := SMTPError(proofdesk.Errorf(proofdesk.EINVALID, "bad\r\nline"))
	if e.Code != 554 || e.Message != "bad  line" {
		t.Fatalf("SMTPError=%d %q, want 554 without line breaks", e.Code, e.Message)
	}
}
