package outbox

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// TestDescribe: send errors become words an admin can act on, without
// the error's own text (which can quote an address).
func TestDescribe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r, err := NewSMTPRelay(RelayConfig{Addr: addr, Security: SecurityNone, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	refused := r.SendMail(context.Background(), "a@example.com", []string{"secret.person@example.com"}, []byte("x"))
	for _, tt := range []struct {
		err  error
		want string
	}{
		{refused, "connection refused"},
		{&smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad login for secret.person@example.com"}, "authentication failed"},
		{&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user secret.person@example.com"}, "refused the message or its recipient (smtp 550 5.1.1)"},
		{&smtp.SMTPError{Code: 451, Message: "try later"}, "deferred"},
		{&net.DNSError{Err: "no such host", Name: "relay.invalid"}, "did not resolve"},
		{context.DeadlineExceeded, "timeout"},
	} {
		got := Describe(tt.err)
		if !strings.Contains(got, tt.want) || strings.Contains(got, "secret.person") {
			t.Errorf("Describe(%v) = %q, want it to say %q and no address", tt.err, got, tt.want)
		}
	}
}
