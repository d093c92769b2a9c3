package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// mustIMAPServer starts go-imap's in-memory IMAP server on a loopback TCP
// port with user "support" and an empty INBOX, and returns its address.
func mustIMAPServer(t *testing.T) string {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("support", "s3cret")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       discardLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

type discardLogger struct{}

func (discardLogger) Printf(string, ...any) {}

// imapSession is a client of the test server for putting and reading mail.
func imapSession(t *testing.T, addr string) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Login("support", "s3cret").Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}

func appendMail(t *testing.T, c *imapclient.Client, msg string) {
	t.Helper()
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\r\n")
	cmd := c.Append("INBOX", int64(len(msg)), nil)
	if _, err := cmd.Write([]byte(msg)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// flags returns the flags of every message of INBOX by subject.
func flags(t *testing.T, c *imapclient.Client) map[string][]imap.Flag {
	t.Helper()
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1, 2, 3), &imap.FetchOptions{Flags: true, Envelope: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]imap.Flag{}
	for _, m := range msgs {
		out[m.Envelope.Subject] = m.Flags
	}
	return out
}

// imapServers are the IMAP servers the poller is tested against: go-imap's
// in-memory server, and Dovecot when installed (see mustDovecot).
var imapServers = []struct {
	name  string
	start func(*testing.T) string
}{
	{"memserver", mustIMAPServer},
	{"dovecot", mustDovecot},
}

func TestIMAPPoller(t *testing.T) {
	for _, srv := range imapServers {
		t.Run(srv.name, func(t *testing.T) { testIMAPPoller(t, srv.start(t)) })
	}
}

func testIMAPPoller(t *testing.T, addr string) {
	db := sqldbtest.Open(t)
	env := newInboundEnv(t, db, Limits{MaxDepth: 2}, nil)
	c := imapSession(t, addr)

	appendMail(t, c, mailMsg("jane@example.com", "good", "i1@example.com", "", "Hello from IMAP."))
	deep := "From: jane@example.com\nSubject: deep\nMessage-ID: <i2@example.com>\nMIME-Version: 1.0\n"
	for _, b := range []string{"a", "b", "c"} {
		deep += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n--" + b + "\n"
	}
	deep += "Content-Type: text/plain\n\nx\n"
	appendMail(t, c, deep)
	appendMail(t, c, mailMsg("jane@example.com", "flaky", "i3@example.com", "", "Store me later."))

	var mu sync.Mutex
	failFlaky := true
	calls := map[string]int{}
	h := HandlerFunc(func(ctx context.Context, e Envelope, raw []byte) error {
		mu.Lock()
		defer mu.Unlock()
		for _, s := range []string{"good", "deep", "flaky"} {
			if strings.Contains(string(raw), "Subject: "+s+"\r\n") {
				calls[s]++
				if s == "flaky" && failFlaky {
					return errors.New("database is locked")
				}
			}
		}
		return env.handler.Deliver(ctx, e, raw)
	})
	p := NewIMAPPoller(IMAPConfig{Addr: addr, Security: IMAPInsecure, Username: "support", Password: "s3cret"}, h, nil)

	n, err := p.PollOnce(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("PollOnce=%d, %v, want 1", n, err)
	}
	got := flags(t, c)
	if !slices.Contains(got["good"], imap.FlagSeen) {
		t.Fatalf("stored message not \\Seen: %v", got["good"])
	}
	rejected := slices.ContainsFunc(got["deep"], func(f imap.Flag) bool { return strings.EqualFold(string(f), string(FlagRejected)) })
	if slices.Contains(got["deep"], imap.FlagSeen) || !rejected {
		t.Fatalf("refused message flags=%v, want unseen and %s", got["deep"], FlagRejected)
	}
	if len(got["flaky"]) != 0 {
		t.Fatalf("failed message flags=%v, want none", got["flaky"])
	}

	// Next poll: only the failed message is tried again; it now stores.
	mu.Lock()
	failFlaky = false
	mu.Unlock()
	if n, err := p.PollOnce(context.Background()); err != nil || n != 1 {
		t.Fatalf("second PollOnce=%d, %v, want 1", n, err)
	}
	if n, err := p.PollOnce(context.Background()); err != nil || n != 0 {
		t.Fatalf("third PollOnce=%d, %v, want 0", n, err)
	}
	mu.Lock()
	if calls["good"] != 1 || calls["deep"] != 1 || calls["flaky"] != 2 {
		t.Fatalf("handler calls=%v, want good 1, deep 1, flaky 2", calls)
	}
	mu.Unlock()
	if got := flags(t, c); !slices.Contains(got["flaky"], imap.FlagSeen) {
		t.Fatalf("flaky flags=%v, want \\Seen", got["flaky"])
	}
	var bodies []string
	for _, conv := range env.emailConversations(t) {
		for _, m := range env.messages(t, conv.ID) {
			bodies = append(bodies, m.Body)
		}
	}
	slices.Sort(bodies)
	if strings.Join(bodies, "|") != "Hello from IMAP.|Store me later." {
		t.Fatalf("stored bodies=%q", bodies)
	}
}

func TestIMAPPoller_BadLogin(t *testing.T) {
	for _, srv := range imapServers {
		t.Run(srv.name, func(t *testing.T) {
			addr := srv.start(t)
			p := NewIMAPPoller(IMAPConfig{Addr: addr, Security: IMAPInsecure, Username: "support", Password: "wrong"},
				HandlerFunc(func(context.Context, Envelope, []byte) error { return nil }), nil)
			if _, err := p.PollOnce(context.Background()); err == nil || !strings.Contains(err.Error(), "imap login") {
				t.Fatalf("err=%v, want a login failure", err)
			}
		})
	}
}

// TestIMAPPoller_DovecotTLS polls Dovecot over implicit TLS and over
// STARTTLS, verifying its certificate; without the certificate's root the
// poll fails before any login.
func TestIMAPPoller_DovecotTLS(t *testing.T) {
	srv := startDovecot(t)
	db := sqldbtest.Open(t)
	env := newInboundEnv(t, db, Limits{}, nil)
	c := imapSession(t, srv.addr)
	appendMail(t, c, mailMsg("jane@example.com", "over tls", "t1@example.com", "", "Sent over TLS."))
	appendMail(t, c, mailMsg("jane@example.com", "over starttls", "t2@example.com", "", "Sent over STARTTLS."))

	untrusted := NewIMAPPoller(IMAPConfig{Addr: srv.tlsAddr, Security: IMAPTLS, Username: "support", Password: "s3cret", Batch: 1}, env.handler, nil)
	if _, err := untrusted.PollOnce(context.Background()); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("unverified certificate: err=%v, want a certificate error", err)
	}
	for _, tt := range []struct{ security, addr string }{{IMAPTLS, srv.tlsAddr}, {IMAPStartTLS, srv.addr}} {
		p := NewIMAPPoller(IMAPConfig{Addr: tt.addr, Security: tt.security, Username: "support", Password: "s3cret", Batch: 1,
			TLSConfig: &tls.Config{RootCAs: srv.roots, ServerName: "127.0.0.1"}}, env.handler, nil)
		if n, err := p.PollOnce(context.Background()); err != nil || n != 1 {
			t.Fatalf("%s: PollOnce=%d, %v, want 1", tt.security, n, err)
		}
	}
	if n := len(env.emailConversations(t)); n != 2 {
		t.Fatalf("%d conversations, want the two mails", n)
	}
}
