package main

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// counter is an SMTP backend that keeps every message.
type counter struct {
	mu   sync.Mutex
	msgs []string
}

func (b *counter) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{b: b}, nil }

type session struct{ b *counter }

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }
func (s *session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, string(b))
	s.b.mu.Unlock()
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func TestRun(t *testing.T) {
	be := &counter{}
	srv := smtp.NewServer(be)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	res, err := Run(context.Background(), Config{Addr: ln.Addr().String(), Mails: 51, Conns: 4, Duration: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted != 51 || len(be.msgs) != 51 || len(res.Errors) != 0 {
		t.Fatalf("accepted %d, server got %d, errors %v; want 51, 51, none", res.Accepted, len(be.msgs), res.Errors)
	}
	// Every second message answers the one before.
	replies := 0
	for _, m := range be.msgs {
		if strings.Contains(m, "In-Reply-To: ") {
			replies++
		}
	}
	if replies != 25 {
		t.Fatalf("%d replies, want 25", replies)
	}
}

func TestRun_Refuses(t *testing.T) {
	for _, cfg := range []Config{
		{Addr: "192.0.2.1:25", Mails: 1, Conns: 1},
		{Addr: "example.com:25", Mails: 1, Conns: 1},
		{Addr: "127.0.0.1:25", Mails: 0, Conns: 1},
		{Addr: "127.0.0.1:25", Mails: 1, Conns: 0},
	} {
		if _, err := Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) accepted", cfg)
		}
	}
}
