// Package email_test runs email in and out end to end with real parts:
// mailpit (a separate process) as the SMTP relay and mailbox, read through
// its HTTP API; Proofdesk's SMTP listener fed by a real SMTP client; the
// outbox worker with DKIM signing; and the real store.
//
// mailpit is installed with `go install github.com/axllent/mailpit@v1.33.1`;
// the tests skip, saying so, only when its binary is in neither $PATH nor
// $(go env GOPATH)/bin.
package email_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/mail"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// mailpitBinary returns the mailpit executable, or "" if not installed.
func mailpitBinary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		gopath = strings.TrimSpace(string(out))
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "mailpit")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// mailpit is a running mailpit process.
type mailpit struct {
	smtpAddr string
	api      string
}

// startMailpit starts mailpit on free loopback ports with a temporary
// database and kills it when the test ends.
func startMailpit(t *testing.T) *mailpit {
	t.Helper()
	bin := mailpitBinary()
	if bin == "" {
		t.Skip("mailpit not found in $PATH or $(go env GOPATH)/bin; install it with: go install github.com/axllent/mailpit@v1.33.1")
	}
	m := &mailpit{smtpAddr: freePort(t)}
	httpAddr := freePort(t)
	m.api = "http://" + httpAddr
	var logs bytes.Buffer
	cmd := exec.Command(bin, "--smtp", m.smtpAddr, "--listen", httpAddr, "--disable-version-check",
		"--database", filepath.Join(t.TempDir(), "mailpit.db"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	// Readiness, not a timed assertion: wait until both ports answer.
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(m.api + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if c, err := net.Dial("tcp", m.smtpAddr); err == nil {
				c.Close()
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start: %s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type mpAddress struct {
	Address string
}

type mpMessage struct {
	ID        string
	MessageID string
	Subject   string
	To        []mpAddress
}

func (m *mailpit) messages(t *testing.T) []mpMessage {
	t.Helper()
	var out struct{ Messages []mpMessage }
	m.getJSON(t, "/api/v1/messages", &out)
	return out.Messages
}

func (m *mailpit) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(m.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func (m *mailpit) raw(t *testing.T, id string) []byte {
	t.Helper()
	resp, err := http.Get(m.api + "/api/v1/message/" + id + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("raw %s: %s %v", id, resp.Status, err)
	}
	return b
}

// find returns the one message to addr whose subject contains part.
func find(t *testing.T, msgs []mpMessage, addr, part string) mpMessage {
	t.Helper()
	var found []mpMessage
	for _, m := range msgs {
		if len(m.To) == 1 && m.To[0].Address == addr && strings.Contains(m.Subject, part) {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d messages to %s with %q in the subject, want 1 (all: %+v)", len(found), addr, part, msgs)
	}
	return found[0]
}

// noDNS answers nothing: inbound mail in this test is never authenticated.
type noDNS struct{}

func (noDNS) err(n string) error {
	return &net.DNSError{Err: "no such host", Name: n, IsNotFound: true}
}
func (r noDNS) LookupTXT(_ context.Context, n string) ([]string, error) {
	return nil, r.err(n)
}
func (r noDNS) LookupMX(_ context.Context, n string) ([]*net.MX, error) { return nil, r.err(n) }
func (r noDNS) LookupIPAddr(_ context.Context, n string) ([]net.IPAddr, error) {
	return nil, r.err(n)
}
func (r noDNS) LookupAddr(_ context.Context, n string) ([]string, error) { return nil, r.err(n) }

func sendInbound(t *testing.T, addr, msg string) {
	t.Helper()
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\r\n")
	if err := smtp.SendMail(addr, nil, "jane@example.com", []string{"support@desk.test"}, []byte(msg)); err != nil {
		t.Fatalf("inbound SMTP: %v", err)
	}
}

func TestEmail_EndToEnd(t *testing.T) {
	mp := startMailpit(t)
	ctx := context.Background()
	db := sqldbtest.Open(t)
	customers := sqldb.NewCustomerService(db)
	convs := sqldb.NewConversationService(db)

	// Jane has had her address on file for two years.
	old := time.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}}}
	cust, err := in.Customer(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := customers.CreateCustomer(ctx, cust); err != nil {
		t.Fatal(err)
	}

	// The branding the desk's mail shows, as cmd/proofdesk wires it: the
	// outbox puts the company above each reply, the inbound handler knows
	// it is the desk's when a customer quotes it.
	brand := sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Acme Parcels"})

	// Inbound: our SMTP listener, fed by a real SMTP client.
	h := mail.NewInboundHandler(mail.InboundConfig{Customers: customers, Conversations: convs, Threads: db, Resolver: noDNS{}, Branding: brand})
	lsn := mail.NewServer("127.0.0.1:0", h, mail.Limits{}, nil)
	if err := lsn.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = lsn.Close() })
	// The requester writes from another address than the one on file:
	// replies go to the requester, verification to the on-file address.
	sendInbound(t, lsn.Addr().String(), "From: Jane <jane.doe@elsewhere.test>\nTo: support@desk.test\nSubject: Where is my parcel?\n"+
		"Message-ID: <first-e2e@elsewhere.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\nHi, my parcel has not arrived.\n")
	email := proofdesk.ChannelEmail
	cs, _, err := convs.FindConversations(ctx, proofdesk.ConversationFilter{Channel: &email})
	if err != nil || len(cs) != 1 {
		t.Fatalf("conversations=%v, %v", cs, err)
	}
	conv := cs[0]
	if conv.CustomerID != "" {
		t.Fatal("a requester address not on file linked a customer")
	}
	if _, err := desk.New(db, desk.Config{}).UpdateConversation(proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent}), conv.ID, proofdesk.ConversationUpdate{CustomerID: &cust.ID}); err != nil {
		t.Fatal(err)
	}

	// The agent asks for verification and replies.
	vs, err := desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.test", Company: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vs.IssueChallenge(proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_test", Role: proofdesk.RoleAgent}), conv.ID, cust.ContactPoints[0].ID); err != nil {
		t.Fatal(err)
	}
	agent := &proofdesk.Agent{Email: "ann@desk.test", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	reply := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID,
		Body: "Sorry to hear that. I sent you a verification request."}
	if err := convs.CreateMessage(ctx, reply); err != nil {
		t.Fatal(err)
	}
	if _, err := db.EnqueueReply(ctx, conv.ID, reply.ID); err != nil {
		t.Fatal(err)
	}

	// Outbound: the worker, DKIM-signing, to mailpit.
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := outbox.NewDKIMSigner("desk.test", "e2e", priv)
	if err != nil {
		t.Fatal(err)
	}
	relay, err := outbox.NewSMTPRelay(outbox.RelayConfig{Addr: mp.smtpAddr, Security: outbox.SecurityNone, HELO: "desk.test"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := outbox.NewWorker(db, relay, nil, outbox.Config{From: "Acme Support <support@desk.test>", DKIM: signer, Branding: brand}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.RunOnce(ctx); err != nil || n != 2 {
		t.Fatalf("RunOnce=%d, %v, want 2", n, err)
	}
	msgs := mp.messages(t)

	// The verification request reached the on-file address with the link.
	ver := find(t, msgs, "jane@example.com", "is this you")
	var full struct{ Text string }
	mp.getJSON(t, "/api/v1/message/"+ver.ID, &full)
	if !regexp.MustCompile(`https://desk\.test/v/[A-Za-z0-9_-]{20,}`).MatchString(full.Text) {
		t.Fatalf("verification mail has no /v/ link: %q", full.Text)
	}

	// The reply reached the requester, threaded and DKIM-signed.
	rep := find(t, msgs, "jane.doe@elsewhere.test", "Where is my parcel?")
	raw := mp.raw(t, rep.ID)
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := r.Header.Subject()
	if want := "Re: Where is my parcel? [#" + conv.ID + "]"; subj != want {
		t.Fatalf("Subject=%q, want %q", subj, want)
	}
	irt, _ := r.Header.MsgIDList("In-Reply-To")
	refs, _ := r.Header.MsgIDList("References")
	if fmt.Sprint(irt) != "[first-e2e@elsewhere.test]" || fmt.Sprint(refs) != "[first-e2e@elsewhere.test]" {
		t.Fatalf("In-Reply-To=%v References=%v, want the inbound Message-ID", irt, refs)
	}
	txt := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{LookupTXT: func(name string) ([]string, error) {
		if name == "e2e._domainkey.desk.test" {
			return []string{txt}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	}})
	if err != nil || len(verifs) != 1 || verifs[0].Err != nil || verifs[0].Domain != "desk.test" {
		t.Fatalf("DKIM-Signature does not verify: %v %+v", err, verifs)
	}

	// The customer answers our reply: it threads by In-Reply-To into the
	// same conversation.
	sendInbound(t, lsn.Addr().String(), "From: Jane <jane.doe@elsewhere.test>\nTo: support@desk.test\nSubject: Re: parcel\n"+
		"Message-ID: <second-e2e@elsewhere.test>\nIn-Reply-To: <"+rep.MessageID+">\nReferences: <first-e2e@elsewhere.test> <"+rep.MessageID+">\n\n"+
		"Thanks, I approved it.\n\nOn Tue, Acme Support wrote:\n> Sorry to hear that.\n")
	cs, _, err = convs.FindConversations(ctx, proofdesk.ConversationFilter{Channel: &email})
	if err != nil || len(cs) != 1 {
		t.Fatalf("the answer opened a new conversation: %d, %v", len(cs), err)
	}
	ms, err := convs.FindMessages(ctx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := ms[len(ms)-1]; last.AuthorKind != proofdesk.AuthorCustomer || last.Body != "Thanks, I approved it." {
		t.Fatalf("last message=%+v", last)
	}

	// The customer writes again from a client that sends HTML only and
	// puts the reply it received (our HTML part, the company's name above
	// the text) under the new text with no marker at all: the conversation
	// shows the customer's words alone, the original keeps everything.
	var html struct{ HTML string }
	mp.getJSON(t, "/api/v1/message/"+rep.ID, &html)
	quoted := html.HTML
	if i := strings.Index(quoted, "<body"); i >= 0 {
		quoted = quoted[i:]
	}
	if !strings.Contains(quoted, "Acme Parcels") || !strings.Contains(quoted, "Sorry to hear that.") {
		t.Fatalf("the reply's HTML part lacks the company or the text: %q", quoted)
	}
	sendInbound(t, lsn.Addr().String(), "From: Jane <jane.doe@elsewhere.test>\nTo: support@desk.test\nSubject: RE: Where is my parcel?\n"+
		"Message-ID: <third-e2e@elsewhere.test>\nIn-Reply-To: <"+rep.MessageID+">\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"+
		"<html><body><div>It has still not come. Please send a new one.</div><div><br></div><div>Sent from my phone</div><hr>"+quoted+"</html>\n")
	ms, err = convs.FindMessages(ctx, conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := ms[len(ms)-1]
	if want := "It has still not come. Please send a new one.\n\nSent from my phone"; last.AuthorKind != proofdesk.AuthorCustomer || last.Body != want {
		t.Fatalf("shown text=%q, want %q", last.Body, want)
	}
	orig, err := convs.FindEmailOriginal(ctx, conv.ID, last.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(orig.FullText, "Sorry to hear that. I sent you a verification request.") {
		t.Fatalf("the full text lost the quoted reply: %q", orig.FullText)
	}
}
