package main

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/proofdesk/proofdesk"
)

// relayCount is an SMTP server that counts its sessions, the messages
// it took and the sessions that ended with QUIT.
type relayCount struct {
	mu                     sync.Mutex
	sessions, msgs, logout int
}

func (c *relayCount) NewSession(*smtp.Conn) (smtp.Session, error) {
	c.mu.Lock()
	c.sessions++
	c.mu.Unlock()
	return relayCountSession{c}, nil
}

func (c *relayCount) counts() (sessions, msgs, logout int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sessions, c.msgs, c.logout
}

type relayCountSession struct{ c *relayCount }

func (s relayCountSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s relayCountSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s relayCountSession) Reset()                               {}
func (s relayCountSession) Logout() error {
	s.c.mu.Lock()
	s.c.logout++
	s.c.mu.Unlock()
	return nil
}
func (s relayCountSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.c.mu.Lock()
	s.c.msgs++
	s.c.mu.Unlock()
	return nil
}

func startRelayCount(t *testing.T) (string, *relayCount) {
	t.Helper()
	c := &relayCount{}
	s := smtp.NewServer(c)
	s.Domain = "relay.test"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return ln.Addr().String(), c
}

// TestConsoleMailer_ReusesRelaySessions: the outbox's mail through the
// relay set in the console goes over one kept session (the relay's
// session reuse), and a change of the relay applies at the next message,
// ending the old relay's idle session with QUIT.
func TestConsoleMailer_ReusesRelaySessions(t *testing.T) {
	t.Parallel()
	m := MustRunMain(t)
	ctx := context.Background()
	set := func(addr string) {
		t.Helper()
		u := proofdesk.ChannelSettingsUpdate{Settings: proofdesk.ChannelSettings{InboundAddress: "support@shop.example", RelayAddr: addr, RelaySecurity: "none"}}
		if _, err := m.channels.UpdateChannelSettings(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	first, c1 := startRelayCount(t)
	set(first)
	cm := consoleMailer{m.channels}
	if !cm.Available(ctx) {
		t.Fatal("the console's relay is set but the mailer is not available")
	}
	msg := []byte("From: support@shop.example\r\nTo: r@example.test\r\nSubject: s\r\n\r\nbody\r\n")
	for range 3 {
		if err := cm.SendMail(ctx, "support@shop.example", []string{"r@example.test"}, msg); err != nil {
			t.Fatal(err)
		}
	}
	if s, n, _ := c1.counts(); s != 1 || n != 3 {
		t.Fatalf("first relay: %d sessions for %d messages, want 1 session for 3", s, n)
	}

	second, c2 := startRelayCount(t)
	set(second)
	if err := cm.SendMail(ctx, "support@shop.example", []string{"r@example.test"}, msg); err != nil {
		t.Fatal(err)
	}
	if s, n, _ := c2.counts(); s != 1 || n != 1 {
		t.Fatalf("second relay: %d sessions, %d messages; want the change to apply at the next message", s, n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, n, q := c1.counts(); q == 1 && n == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first relay's idle session did not end with QUIT after the relay changed")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
