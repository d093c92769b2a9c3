package outbox_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	pmail "github.com/proofdesk/proofdesk/mail"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// capture is a real SMTP server (go-smtp) that keeps what it receives, or
// answers every DATA with reply when it is given.
type capture struct {
	mu     sync.Mutex
	msgs   [][]byte
	rcpts  [][]string
	from   []string
	reply  *smtp.SMTPError
	user   string // AUTH PLAIN required when set
	pass   string
	authed int
	// sessions counts the SMTP sessions (connections) the server took.
	sessions int
	// onData, when set, runs after a message is kept and before the
	// server answers 250.
	onData func()
}

func (c *capture) NewSession(*smtp.Conn) (smtp.Session, error) {
	c.mu.Lock()
	c.sessions++
	c.mu.Unlock()
	return &capSession{c: c}, nil
}

func (c *capture) sessionCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sessions
}

type capSession struct {
	c      *capture
	authOK bool
	from   string
	to     []string
}

func (s *capSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *capSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.c.user || pass != s.c.pass {
			return errors.New("bad credentials")
		}
		s.authOK = true
		s.c.mu.Lock()
		s.c.authed++
		s.c.mu.Unlock()
		return nil
	}), nil
}

func (s *capSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.c.user != "" && !s.authOK {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	s.from = from
	return nil
}
func (s *capSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *capSession) Reset()                                    { s.from, s.to = "", nil } // RSET and after DATA (RFC 5321 4.1.1.5)
func (s *capSession) Logout() error                             { return nil }
func (s *capSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.c.mu.Lock()
	if s.c.reply != nil {
		s.c.mu.Unlock()
		return s.c.reply
	}
	s.c.msgs = append(s.c.msgs, b)
	s.c.rcpts = append(s.c.rcpts, s.to)
	s.c.from = append(s.c.from, s.from)
	onData := s.c.onData
	s.c.mu.Unlock()
	if onData != nil {
		onData()
	}
	return nil
}

func (c *capture) received() [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([][]byte(nil), c.msgs...)
}

// startCapture starts the capture server on loopback, with STARTTLS when
// tlsCfg is set, and returns its address.
func startCapture(t *testing.T, c *capture, tlsCfg *tls.Config) string {
	t.Helper()
	s := smtp.NewServer(c)
	s.Domain = "relay.test"
	s.TLSConfig = tlsCfg
	s.AllowInsecureAuth = tlsCfg == nil
	s.ErrorLog = quiet{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { _ = s.Close() })
	return ln.Addr().String()
}

type quiet struct{}

func (quiet) Printf(string, ...any) {}
func (quiet) Println(...any)        {}

// clock is a settable time source shared by the store and the worker.
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

// testDKIM returns a signer for desk.test and a LookupTXT answering its key.
func testDKIM(t *testing.T) (*outbox.DKIMSigner, func(string) ([]string, error)) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := outbox.NewDKIMSigner("desk.test", "pd1", priv)
	if err != nil {
		t.Fatal(err)
	}
	txt := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)
	return s, func(name string) ([]string, error) {
		if name == "pd1._domainkey.desk.test" {
			return []string{txt}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	}
}

type fixture struct {
	db    *sqldb.DB
	clk   *clock
	convs *sqldb.ConversationService
	cust  *proofdesk.Customer
	agent *proofdesk.Agent
}

func newFixture(t testing.TB, db *sqldb.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clk: &clock{now: time.Now().UTC()}, convs: sqldb.NewConversationService(db)}
	db.SetNow(f.clk.Now)
	old := f.clk.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}}}
	var err error
	if f.cust, err = in.Customer(f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, f.cust); err != nil {
		t.Fatal(err)
	}
	f.agent = &proofdesk.Agent{Email: "ann@desk.test", Name: "Ann Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, f.agent); err != nil {
		t.Fatal(err)
	}
	return f
}

// reply opens an email conversation from requester, records its inbound
// Message-ID, and queues an agent reply.
func (f *fixture) reply(t testing.TB, requester, inboundID string) (*proofdesk.Conversation, *proofdesk.OutboxMessage) {
	t.Helper()
	ctx := context.Background()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.cust.ID, Subject: "Where is my order?",
		Requester: proofdesk.Requester{Email: requester}}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "Hello?"}
	if err := f.convs.CreateConversation(ctx, conv, first); err != nil {
		t.Fatal(err)
	}
	if err := f.db.RecordMessageID(ctx, conv.ID, inboundID, first.ID, "dkim=none spf=none dmarc=none"); err != nil {
		t.Fatal(err)
	}
	m := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.agent.ID, Body: "It ships tomorrow — sorry.\nAnn"}
	if err := f.convs.CreateMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	out, err := f.db.EnqueueReply(ctx, conv.ID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return conv, out
}

func (f *fixture) worker(t *testing.T, m outbox.Mailer, sms outbox.SMSSender, signer *outbox.DKIMSigner) *outbox.Worker {
	t.Helper()
	w, err := outbox.NewWorker(f.db, m, sms, outbox.Config{From: "Acme Support <support@desk.test>", DKIM: signer, MaxAttempts: 3,
		BaseBackoff: time.Minute, MaxBackoff: 10 * time.Minute, Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func relay(t *testing.T, addr string) *outbox.SMTPRelay {
	t.Helper()
	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityNone, HELO: "desk.test"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func status(t *testing.T, db *sqldb.DB, id string) string {
	t.Helper()
	d, err := db.FindOutboxDelivery(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Status
}

func TestWorker_ReplyThreadedAndSigned(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cap := &capture{}
		signer, lookup := testDKIM(t)
		w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, signer)
		conv, out := f.reply(t, "requester@elsewhere.test", "in-1@elsewhere.test")

		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("RunOnce=%d, %v, want 1", n, err)
		}
		got := cap.received()
		if len(got) != 1 {
			t.Fatalf("received %d messages, want 1", len(got))
		}
		// The envelope sender is the row's own VERP return path, so a
		// bounce names the row.
		if id, ok := pmail.VERPOutboxID(cap.from[0]); !ok || id != out.ID || !strings.HasPrefix(cap.from[0], "support+bounce=") ||
			!strings.HasSuffix(cap.from[0], "@desk.test") || strings.Join(cap.rcpts[0], ",") != "requester@elsewhere.test" {
			t.Fatalf("envelope from=%q to=%v, want the VERP address of %s", cap.from[0], cap.rcpts[0], out.ID)
		}
		r, err := mail.CreateReader(bytes.NewReader(got[0]))
		if err != nil {
			t.Fatal(err)
		}
		h := r.Header
		subj, _ := h.Subject()
		if want := "Re: Where is my order? [#" + conv.ID + "]"; subj != want {
			t.Fatalf("Subject=%q, want %q", subj, want)
		}
		if irt, _ := h.MsgIDList("In-Reply-To"); strings.Join(irt, ",") != "in-1@elsewhere.test" {
			t.Fatalf("In-Reply-To=%v", irt)
		}
		if refs, _ := h.MsgIDList("References"); strings.Join(refs, ",") != "in-1@elsewhere.test" {
			t.Fatalf("References=%v", refs)
		}
		msgID, _ := h.MessageID()
		if !strings.HasSuffix(msgID, "@desk.test") || h.Get("Auto-Submitted") != "" || h.Get("Date") == "" {
			t.Fatalf("Message-ID=%q Auto-Submitted=%q Date=%q", msgID, h.Get("Auto-Submitted"), h.Get("Date"))
		}
		p, err := r.NextPart()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(p.Body)
		if strings.TrimRight(string(body), "\r\n") != "It ships tomorrow — sorry.\r\nAnn" {
			t.Fatalf("body=%q", body)
		}
		verifs, err := dkim.VerifyWithOptions(bytes.NewReader(got[0]), &dkim.VerifyOptions{LookupTXT: lookup})
		if err != nil || len(verifs) != 1 || verifs[0].Err != nil || verifs[0].Domain != "desk.test" {
			t.Fatalf("DKIM: %v, %+v", err, verifs)
		}
		// Tampering breaks the signature.
		tampered := bytes.Replace(got[0], []byte("tomorrow"), []byte("never"), 1)
		if verifs, _ := dkim.VerifyWithOptions(bytes.NewReader(tampered), &dkim.VerifyOptions{LookupTXT: lookup}); len(verifs) != 1 || verifs[0].Err == nil {
			t.Fatal("a tampered message verified")
		}
		if st := status(t, db, out.ID); st != proofdesk.OutboxSent {
			t.Fatalf("status=%s, want sent", st)
		}
		// The customer's answer to our reply threads by its Message-ID.
		if id, err := db.FindConversationByMessageID(ctx, msgID); err != nil || id != conv.ID {
			t.Fatalf("our Message-ID threads to %q, %v", id, err)
		}
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatalf("sent again: %d", n)
		}
	})
}

// TestWorker_NotificationNotThreaded: a verification request goes to the
// on-file address with no conversation token or threading headers, so the
// owner's answer cannot land in the conversation of whoever asked.
func TestWorker_NotificationNotThreaded(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	f := newFixture(t, db)
	cap := &capture{}
	w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, nil)
	conv, _ := f.reply(t, "attacker@evil.test", "in-2@evil.test")
	vs, err := desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vs.IssueChallenge(proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent}), conv.ID, f.cust.ContactPoints[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, err := w.RunOnce(ctx); err != nil || n != 2 {
		t.Fatalf("RunOnce=%d, %v, want 2", n, err)
	}
	var verification []byte
	for i, m := range cap.received() {
		if strings.Join(cap.rcpts[i], ",") == "jane@example.com" {
			verification = m
		}
	}
	if verification == nil {
		t.Fatal("no mail to the on-file address")
	}
	r, err := mail.CreateReader(bytes.NewReader(verification))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := r.Header.Subject()
	if _, ok := pmail.ConversationToken(subj); ok || r.Header.Get("In-Reply-To") != "" || r.Header.Get("References") != "" {
		t.Fatalf("verification mail is threaded: subject %q", subj)
	}
	if r.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Fatal("verification mail not marked Auto-Submitted")
	}
	p, _ := r.NextPart()
	body, _ := io.ReadAll(p.Body)
	if !strings.Contains(string(body), "https://desk.test/v/") {
		t.Fatal("verification mail lacks the /v/ link")
	}
}

func TestWorker_RetryBackoffThenFail(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		cap := &capture{reply: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later <requester@elsewhere.test>"}}
		w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, nil)
		conv, out := f.reply(t, "requester@elsewhere.test", "in-3@elsewhere.test")

		for attempt, wait := range []time.Duration{time.Minute, 2 * time.Minute} {
			if n, err := w.RunOnce(ctx); err != nil || n != 1 {
				t.Fatalf("attempt %d: RunOnce=%d, %v", attempt+1, n, err)
			}
			if st := status(t, db, out.ID); st != proofdesk.OutboxQueued {
				t.Fatalf("attempt %d: status=%s, want queued", attempt+1, st)
			}
			f.clk.Add(wait - time.Second)
			if n, _ := w.RunOnce(ctx); n != 0 {
				t.Fatalf("attempt %d: retried before its backoff of %v", attempt+1, wait)
			}
			f.clk.Add(time.Second)
		}
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("last attempt: RunOnce=%d, %v", n, err)
		}
		if st := status(t, db, out.ID); st != proofdesk.OutboxFailed {
			t.Fatalf("status=%s, want failed after 3 attempts", st)
		}
		ms, err := f.convs.FindMessages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := ms[len(ms)-1]
		if last.AuthorKind != proofdesk.AuthorSystem || !strings.Contains(last.Body, "Delivery failed") || !strings.Contains(last.Body, "smtp 451 4.3.0") {
			t.Fatalf("last message=%+v", last)
		}
		if strings.Contains(last.Body, "requester@") {
			t.Fatal("the failure reason quotes the relay's reply with the address")
		}
	})
}

func TestWorker_PermanentFailsAtOnce(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	cap := &capture{reply: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}}
	w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, nil)
	_, out := f.reply(t, "gone@elsewhere.test", "in-4@elsewhere.test")
	if _, err := w.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := status(t, db, out.ID); st != proofdesk.OutboxFailed {
		t.Fatalf("status=%s, want failed on a 5xx", st)
	}
}

// TestWorker_CrashLosesNothing: a worker that claimed a row and died
// leaves it to the next worker once the lease runs out.
func TestWorker_CrashLosesNothing(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	f := newFixture(t, db)
	_, out := f.reply(t, "requester@elsewhere.test", "in-5@elsewhere.test")
	// The dead worker's claim.
	if got, err := db.ClaimDue(ctx, f.clk.Now(), 10, []string{proofdesk.OutboxEmail}, time.Minute); err != nil || len(got) != 1 {
		t.Fatalf("ClaimDue=%v, %v", got, err)
	}
	cap := &capture{}
	w := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, nil)
	if n, _ := w.RunOnce(ctx); n != 0 {
		t.Fatal("a leased row was taken before its lease ran out")
	}
	f.clk.Add(time.Minute)
	if n, err := w.RunOnce(ctx); err != nil || n != 1 || len(cap.received()) != 1 {
		t.Fatalf("after the lease: RunOnce=%d, %v, received %d", n, err, len(cap.received()))
	}
	if st := status(t, db, out.ID); st != proofdesk.OutboxSent {
		t.Fatalf("status=%s", st)
	}
}

// killedStore is the store of a node killed after the relay's 250 and
// before the row was marked sent: marking never happens, and the worker
// is stopped (kill) at that moment; a worker that is not stopping would
// keep retrying the mark.
type killedStore struct {
	*sqldb.DB
	kill context.CancelFunc
}

func (s killedStore) MarkSentBatch(context.Context, []proofdesk.OutboxAccepted, time.Time) ([]string, error) {
	s.kill()
	return nil, errors.New("node killed")
}

// TestWorker_CrashAfterAcceptResendsSameMessageID: the mail a killed
// node handed to the relay is sent again by the next worker (at least
// once), with the same Message-ID, so the receiver can drop the copy.
func TestWorker_CrashAfterAcceptResendsSameMessageID(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	f := newFixture(t, db)
	_, out := f.reply(t, "requester@elsewhere.test", "in-6@elsewhere.test")
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	defer outbox.SetMarkStopRetry(0)()
	deadCtx, kill := context.WithCancel(ctx)
	defer kill()
	dead, err := outbox.NewWorker(killedStore{db, kill}, relay(t, addr), nil, outbox.Config{From: "Acme Support <support@desk.test>",
		MaxAttempts: 3, Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dead.RunOnce(deadCtx); err == nil {
		t.Fatal("the killed node's RunOnce reported no error")
	}
	f.clk.Add(time.Minute)
	if n, err := f.worker(t, relay(t, addr), nil, nil).RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("after the lease: RunOnce=%d, %v", n, err)
	}
	got := cap.received()
	if len(got) != 2 {
		t.Fatalf("relay received %d messages, want the first and its resend", len(got))
	}
	var ids []string
	for _, raw := range got {
		m, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		id, err := m.Header.MessageID()
		if err != nil || id == "" {
			t.Fatalf("Message-ID %q, %v", id, err)
		}
		ids = append(ids, id)
	}
	if ids[0] != ids[1] {
		t.Fatalf("the resend has Message-ID %q, the first %q: the receiver cannot tell it is a copy", ids[1], ids[0])
	}
	if st := status(t, db, out.ID); st != proofdesk.OutboxSent {
		t.Fatalf("status=%s", st)
	}
}

// TestWorker_StopMidDataSendsOnce: the worker is told to stop (SIGTERM)
// while the relay has the whole mail and is about to answer 250. The
// send in flight is given time to finish (sendGrace) and the row is
// marked sent, so the next worker has nothing to send. When the stop
// closed the connection at once, the worker did not know the relay had
// the mail, left the row claimed, and the next run sent it again.
func TestWorker_StopMidDataSendsOnce(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	_, out := f.reply(t, "requester@elsewhere.test", "in-stop@elsewhere.test")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	cap := &capture{onData: func() {
		stop()
		time.Sleep(200 * time.Millisecond)
	}}
	addr := startCapture(t, cap, nil)
	n, err := f.worker(t, relay(t, addr), nil, nil).RunOnce(ctx)
	t.Logf("the stopping worker's RunOnce: %d, %v", n, err)
	cap.mu.Lock()
	cap.onData = nil
	cap.mu.Unlock()
	if st := status(t, db, out.ID); st != proofdesk.OutboxSent {
		t.Errorf("after the stop: status %s, want sent (the relay has the mail)", st)
	}
	f.clk.Add(2 * time.Minute) // past the lease, as after a restart
	if n, err := f.worker(t, relay(t, addr), nil, nil).RunOnce(context.Background()); err != nil || n != 0 {
		t.Errorf("the next worker: RunOnce=%d, %v; want nothing to send", n, err)
	}
	if n := len(cap.received()); n != 1 {
		t.Fatalf("the relay received the reply %d times, want once", n)
	}
}

// slowBatchStore is the real store of a worker whose claim batch is slow:
// right after its claim, the clock passes the lease and another worker
// (another node) claims and sends the same rows.
type slowBatchStore struct {
	*sqldb.DB
	after func()
}

func (s slowBatchStore) ClaimDue(ctx context.Context, now time.Time, limit int, kinds []string, lease time.Duration) ([]*proofdesk.OutboxDelivery, error) {
	ds, err := s.DB.ClaimDue(ctx, now, limit, kinds, lease)
	if err == nil && len(ds) > 0 {
		s.after()
	}
	return ds, err
}

// TestWorker_ExpiredLeaseNotSent: a worker does not start a row whose
// lease has run out (or nearly) since its claim: another worker may have
// claimed and sent it meanwhile. Before, the slow worker sent it too.
func TestWorker_ExpiredLeaseNotSent(t *testing.T) {
	db := sqldbtest.Open(t)
	f := newFixture(t, db)
	_, out := f.reply(t, "requester@elsewhere.test", "in-lease@elsewhere.test")
	cap := &capture{}
	addr := startCapture(t, cap, nil)
	other := f.worker(t, relay(t, addr), nil, nil)
	slow, err := outbox.NewWorker(slowBatchStore{DB: db, after: func() {
		f.clk.Add(61 * time.Second) // past the 1-minute lease
		if n, err := other.RunOnce(context.Background()); err != nil || n != 1 {
			t.Errorf("the other worker: RunOnce=%d, %v; want the row whose lease ran out", n, err)
		}
	}}, relay(t, addr), nil, outbox.Config{From: "Acme Support <support@desk.test>", Lease: time.Minute, Now: f.clk.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := slow.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(cap.received()); n != 1 {
		t.Fatalf("the relay received the reply %d times, want once", n)
	}
	if st := status(t, db, out.ID); st != proofdesk.OutboxSent {
		t.Fatalf("status %s, want sent", st)
	}
}

type smsFunc func(ctx context.Context, to, body string) error

func (f smsFunc) SendSMS(ctx context.Context, to, body string) error { return f(ctx, to, body) }

func TestWorker_SMS(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	f := newFixture(t, db)
	in := proofdesk.CustomerInput{Name: "Pat", Phones: []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: ptr(f.clk.Now().AddDate(-1, 0, 0))}}}
	cust, err := in.Customer(f.clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, cust); err != nil {
		t.Fatal(err)
	}
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: cust.ID}
	if err := f.convs.CreateConversation(ctx, conv, nil); err != nil {
		t.Fatal(err)
	}
	vs, err := desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vs.IssueChallenge(proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent}), conv.ID, cust.ContactPoints[0].ID); err != nil {
		t.Fatal(err)
	}
	// Email only: the SMS stays queued in the built-in outbox.
	cap := &capture{}
	if n, _ := f.worker(t, relay(t, startCapture(t, cap, nil)), nil, nil).RunOnce(ctx); n != 0 {
		t.Fatalf("an email-only worker took %d SMS", n)
	}
	var to, body string
	w := f.worker(t, nil, smsFunc(func(_ context.Context, t, b string) error { to, body = t, b; return nil }), nil)
	if n, err := w.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("RunOnce=%d, %v", n, err)
	}
	if to != "+14155550123" || !strings.Contains(body, "https://desk.test/v/") {
		t.Fatalf("sms to=%q body has link=%v", to, strings.Contains(body, "/v/"))
	}
	if w2 := f.worker(t, nil, nil, nil); w2.Enabled() {
		t.Fatal("a worker with nothing to send with is enabled")
	}
}

func ptr[T any](v T) *T { return &v }

// selfSigned returns a server TLS config for 127.0.0.1 and a client config
// trusting it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relay.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"relay.test"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: priv}}},
		&tls.Config{RootCAs: pool, ServerName: "relay.test"}
}

func TestSMTPRelay_StartTLSAndAuth(t *testing.T) {
	srvTLS, cliTLS := selfSigned(t)
	cap := &capture{user: "desk", pass: "pw"}
	addr := startCapture(t, cap, srvTLS)
	msg := []byte("From: support@desk.test\r\nTo: x@y.test\r\nSubject: hi\r\n\r\nhello\r\n")

	r, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityStartTLS, TLSConfig: cliTLS, Username: "desk", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SendMail(context.Background(), "support@desk.test", []string{"x@y.test"}, msg); err != nil {
		t.Fatalf("SendMail: %v", err)
	}
	if len(cap.received()) != 1 || cap.authed != 1 {
		t.Fatalf("received %d, authenticated %d", len(cap.received()), cap.authed)
	}
	bad, _ := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityStartTLS, TLSConfig: cliTLS, Username: "desk", Password: "wrong"})
	if err := bad.SendMail(context.Background(), "support@desk.test", []string{"x@y.test"}, msg); err == nil {
		t.Fatal("wrong password accepted")
	}
	// An untrusted certificate is refused.
	untrusted, _ := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityStartTLS, Username: "desk", Password: "pw"})
	if err := untrusted.SendMail(context.Background(), "support@desk.test", []string{"x@y.test"}, msg); err == nil {
		t.Fatal("untrusted certificate accepted")
	}
	if _, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: addr, Security: outbox.SecurityNone, Username: "desk", Password: "pw"}); err == nil {
		t.Fatal("a password without TLS was accepted")
	}
}

func TestBackoff(t *testing.T) {
	w, err := outbox.NewWorker(nil, nil, nil, outbox.Config{BaseBackoff: time.Minute, MaxBackoff: 10 * time.Minute}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for attempts, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 4: 8 * time.Minute, 5: 10 * time.Minute, 30: 10 * time.Minute} {
		if got := w.Backoff(attempts); got != want {
			t.Fatalf("Backoff(%d)=%v, want %v", attempts, got, want)
		}
	}
}
