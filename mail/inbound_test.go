package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/smtp"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// eventRecorder is an EventService that keeps what is published.
type eventRecorder struct {
	mu  sync.Mutex
	evs []proofdesk.Event
}

var _ proofdesk.EventService = (*eventRecorder)(nil)

func (r *eventRecorder) PublishEvent(_ context.Context, ev proofdesk.Event) {
	r.mu.Lock()
	r.evs = append(r.evs, ev)
	r.mu.Unlock()
}

func (r *eventRecorder) Subscribe(context.Context, string) (proofdesk.Subscription, error) {
	return nil, errors.New("not implemented")
}

func (r *eventRecorder) types() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.evs {
		out = append(out, e.Type)
	}
	return out
}

// inboundEnv is a real store, an inbound handler on it and the SMTP
// listener in front of it.
type inboundEnv struct {
	db      *sqldb.DB
	convs   *sqldb.ConversationService
	cust    *proofdesk.Customer
	events  *eventRecorder
	handler *InboundHandler
	srv     *Server
	threads ThreadStore
}

// newInboundEnv stores Jane (jane@example.com on file for two years) and
// starts the listener with lim.
func newInboundEnv(t *testing.T, db *sqldb.DB, lim Limits, threads ThreadStore) *inboundEnv {
	t.Helper()
	ctx := context.Background()
	e := &inboundEnv{db: db, convs: sqldb.NewConversationService(db), events: &eventRecorder{}}
	old := time.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", Emails: []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}}}
	var err error
	if e.cust, err = in.Customer(time.Now()); err != nil {
		t.Fatal(err)
	}
	customers := sqldb.NewCustomerService(db)
	if err := customers.CreateCustomer(ctx, e.cust); err != nil {
		t.Fatal(err)
	}
	if threads == nil {
		threads = db
	}
	e.threads = threads
	e.handler = NewInboundHandler(InboundConfig{Customers: customers, Conversations: e.convs, Threads: threads,
		Resolver: testResolver(t), Events: e.events, Limits: lim, Addresses: []string{"support@shop.example"}})
	e.srv = MustOpenServer(t, e.handler, lim, nil)
	return e
}

// send delivers msg over SMTP and returns the reply code of a refusal, or 0.
func (e *inboundEnv) send(t *testing.T, msg string) int {
	t.Helper()
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\r\n")
	err := smtp.SendMail(e.srv.Addr().String(), nil, "jane@example.com", []string{"support@shop.example"}, []byte(msg))
	if err == nil {
		return 0
	}
	var te *textproto.Error
	if !errors.As(err, &te) {
		t.Fatalf("SendMail: %v", err)
	}
	return te.Code
}

func (e *inboundEnv) emailConversations(t *testing.T) []*proofdesk.Conversation {
	t.Helper()
	ch := proofdesk.ChannelEmail
	cs, _, err := e.convs.FindConversations(context.Background(), proofdesk.ConversationFilter{Channel: &ch})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func (e *inboundEnv) messages(t *testing.T, convID string) []*proofdesk.Message {
	t.Helper()
	ms, err := e.convs.FindMessages(context.Background(), convID)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// mailMsg is a mail to the desk's address (support@shop.example) written
// now: a signed one counts only with a recent Date (AuthResult.ForDesk).
func mailMsg(from, subject, msgID, headers, body string) string {
	return fmt.Sprintf("From: %s\nTo: support@shop.example\nSubject: %s\nDate: %s\nMessage-ID: <%s>\n%sMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n%s\n",
		from, subject, time.Now().UTC().Format(time.RFC1123Z), msgID, headers, body)
}

// signed DKIM-signs msg for example.com with the test key.
func signed(t *testing.T, msg string) string {
	t.Helper()
	msg = strings.ReplaceAll(msg, "\n", "\r\n")
	var out bytes.Buffer
	if err := dkim.Sign(&out, strings.NewReader(msg), &dkim.SignOptions{Domain: "example.com", Selector: "sel", Signer: testKey(t),
		HeaderKeys: []string{"From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References"}}); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestInbound_ThreadingOverSMTP(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newInboundEnv(t, db, Limits{}, nil)

		// A new mail: a new email conversation. Its From claims Jane's
		// on-file address, unauthenticated (DMARC fails): the address is
		// the requester's claim only, linked to nobody (a link would tell
		// whoever mails the desk that the address is on file), at L0.
		if code := e.send(t, mailMsg("Jane Doe <Jane@Example.com>", "Where is my order?", "m1@example.com", "", "Hello, where is my order 1234?")); code != 0 {
			t.Fatalf("first mail refused: %d", code)
		}
		cs := e.emailConversations(t)
		if len(cs) != 1 {
			t.Fatalf("%d conversations, want 1", len(cs))
		}
		conv := cs[0]
		if conv.CustomerID != "" || conv.Requester.Email != "Jane@example.com" || conv.Requester.Name != "Jane Doe" || conv.Subject != "Where is my order?" {
			t.Fatalf("conversation=%+v", conv)
		}
		if lvl := conv.EffectiveLevel(time.Now()); lvl != proofdesk.L0 {
			t.Fatalf("level=%v, want L0: a From header is a claim", lvl)
		}

		// A reply threads by In-Reply-To; the quoted history is stripped.
		reply := "Any news?\n\nOn Tue, 3 Jun 2025 at 09:00, Support <support@shop.example> wrote:\n> We are looking into it.\n> Order 1234."
		if code := e.send(t, mailMsg("jane@example.com", "Re: Where is my order?", "m2@example.com", "In-Reply-To: <m1@example.com>\nReferences: <m1@example.com>\n", reply)); code != 0 {
			t.Fatalf("reply refused: %d", code)
		}
		// A reply by subject token alone, from a client that drops headers.
		subj := AddToken("Re: Where is my order?", conv.ID)
		if code := e.send(t, mailMsg("jane@example.com", strings.ToUpper(subj[:3])+subj[3:], "m3@example.com", "", "Third message.")); code != 0 {
			t.Fatalf("token reply refused: %d", code)
		}
		// A retried delivery (same Message-ID) is acknowledged, not stored twice.
		if code := e.send(t, mailMsg("jane@example.com", "Re: Where is my order?", "m2@example.com", "In-Reply-To: <m1@example.com>\n", reply)); code != 0 {
			t.Fatalf("retry refused: %d", code)
		}
		// A reply to the reply threads through References.
		if code := e.send(t, mailMsg("jane@example.com", "Re: Re:", "m4@example.com", "References: <unknown@x> <m2@example.com>\n", "Fourth.")); code != 0 {
			t.Fatalf("references reply refused: %d", code)
		}
		if n := len(e.emailConversations(t)); n != 1 {
			t.Fatalf("%d conversations, want all mails in 1", n)
		}
		ms := e.messages(t, conv.ID)
		var bodies []string
		for _, m := range ms {
			bodies = append(bodies, m.Body)
			if m.AuthorKind != proofdesk.AuthorCustomer {
				t.Fatalf("author=%s, want customer", m.AuthorKind)
			}
		}
		want := []string{"Hello, where is my order 1234?", "Any news?", "Third message.", "Fourth."}
		if strings.Join(bodies, "|") != strings.Join(want, "|") {
			t.Fatalf("bodies=%q, want %q", bodies, want)
		}

		// A DKIM-signed mail from the on-file address (DMARC pass, signed
		// To the desk, dated now) links the conversation to Jane and
		// counts as an email factor: L1.
		if code := e.send(t, signed(t, mailMsg("Jane Doe <jane@example.com>", subj, "m5@example.com", "", "Signed by my provider."))); code != 0 {
			t.Fatalf("signed mail refused: %d", code)
		}
		got, err := e.convs.FindConversationByID(context.Background(), conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if lvl := got.EffectiveLevel(time.Now()); lvl != proofdesk.L1 || got.CustomerID != e.cust.ID {
			t.Fatalf("level after DMARC pass=%v (customer %q), want L1 linked to %s", lvl, got.CustomerID, e.cust.ID)
		}
		types := strings.Join(e.events.types(), ",")
		if !strings.HasPrefix(types, "conversation.created,message.created") || !strings.HasSuffix(types, "message.created,level.changed") {
			t.Fatalf("events=%s", types)
		}

		// An unknown sender opens a conversation linked to nobody.
		if code := e.send(t, mailMsg("Bob <bob@elsewhere.test>", "Hi", "b1@elsewhere.test", "", "Hi there.")); code != 0 {
			t.Fatalf("unknown sender refused: %d", code)
		}
		cs = e.emailConversations(t)
		if len(cs) != 2 || cs[0].CustomerID != "" || cs[0].Requester.Email != "bob@elsewhere.test" {
			t.Fatalf("conversations=%v", cs)
		}
	})
}

// TestInbound_SignedFromOtherDomain: a DMARC pass for a domain that is not
// the on-file address's (an attacker's own domain) is no factor.
func TestInbound_DMARCPassNotOnFile(t *testing.T) {
	db := sqldbtest.Open(t)
	e := newInboundEnv(t, db, Limits{}, nil)
	if code := e.send(t, signed(t, mailMsg("Jane <other@example.com>", "Hi", "o1@example.com", "", "Let me in."))); code != 0 {
		t.Fatalf("refused: %d", code)
	}
	cs := e.emailConversations(t)
	if len(cs) != 1 || cs[0].CustomerID != "" || cs[0].EffectiveLevel(time.Now()) != proofdesk.L0 {
		t.Fatalf("conversation=%+v, want unlinked at L0", cs)
	}
}

func TestInbound_HostileMIME(t *testing.T) {
	db := sqldbtest.Open(t)
	e := newInboundEnv(t, db, Limits{MaxAttachmentBytes: 1000, MaxDepth: 3}, nil)
	ctx := context.Background()

	htmlScript := "From: jane@example.com\nSubject: html\nMessage-ID: <h1@example.com>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n" +
		"<html><head><script>alert('x')</script></head><body><p>Hi <b>there</b></p><img src=x onerror=alert(1)></body></html>\n"
	unknownCharset := "From: jane@example.com\nSubject: charset\nMessage-ID: <c1@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=x-klingon\n\nCaf\xe9 ok\n"
	broken := "From: jane@example.com\nSubject: broken\nMessage-ID: <b1@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n--zz\nContent-Type: text/plain\n\nkept text\n"
	attach := func(id string, size int) string {
		return "From: jane@example.com\nSubject: file\nMessage-ID: <" + id + ">\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n" +
			"--b\nContent-Type: text/plain\n\nSee attached.\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"../../etc/passwd.pdf\"\n\n" +
			strings.Repeat(strings.Repeat("A", 50)+"\n", size/50) + "--b--\n"
	}
	nested := "From: jane@example.com\nSubject: deep\nMessage-ID: <d1@example.com>\nMIME-Version: 1.0\n"
	for i := range 5 {
		nested += fmt.Sprintf("Content-Type: multipart/mixed; boundary=\"n%d\"\n\n--n%d\n", i, i)
	}
	nested += "Content-Type: text/plain\n\ndeep\n"

	tests := []struct {
		name     string
		msg      string
		wantCode int
		wantBody string
	}{
		{"html with script", htmlScript, 0, "Hi there"},
		{"unknown charset", unknownCharset, 0, "Café ok"},
		{"truncated multipart", broken, 0, "kept text"},
		{"attachment within limit", attach("a1@example.com", 500), 0, "See attached."},
		{"attachment over limit", attach("a2@example.com", 5000), 552, ""},
		{"nested too deep", nested, 554, ""},
	}
	for _, tt := range tests {
		before := len(e.emailConversations(t))
		if code := e.send(t, tt.msg); code != tt.wantCode {
			t.Fatalf("%s: code=%d, want %d", tt.name, code, tt.wantCode)
		}
		cs := e.emailConversations(t)
		if tt.wantCode != 0 {
			if len(cs) != before {
				t.Fatalf("%s: a refused message was stored", tt.name)
			}
			continue
		}
		if len(cs) != before+1 {
			t.Fatalf("%s: %d conversations, want %d", tt.name, len(cs), before+1)
		}
		ms := e.messages(t, cs[0].ID)
		if len(ms) != 1 || ms[0].Body != tt.wantBody {
			t.Fatalf("%s: stored %q, want %q", tt.name, ms[0].Body, tt.wantBody)
		}
		if strings.Contains(ms[0].Body, "alert") || strings.Contains(ms[0].Body, "<") {
			t.Fatalf("%s: markup stored: %q", tt.name, ms[0].Body)
		}
		if tt.name == "attachment within limit" {
			list, err := e.convs.FindAttachments(ctx, cs[0].ID)
			if err != nil || len(list) != 1 || list[0].Filename != "passwd.pdf" || list[0].Size != 518 {
				t.Fatalf("attachments=%+v, %v", list, err)
			}
			a, err := e.convs.FindAttachment(ctx, cs[0].ID, list[0].ID)
			if err != nil || string(a.Data) != strings.TrimSuffix(strings.Repeat(strings.Repeat("A", 50)+"\r\n", 10), "\r\n") {
				t.Fatalf("attachment data: %v", err)
			}
		}
	}
}

// failingThreads fails InboundDuplicate while fail is set.
type failingThreads struct {
	ThreadStore
	mu   sync.Mutex
	fail bool
}

func (f *failingThreads) InboundDuplicate(ctx context.Context, id, digest string) (string, bool, error) {
	f.mu.Lock()
	fail := f.fail
	f.mu.Unlock()
	if fail {
		return "", false, errors.New("database is locked")
	}
	return f.ThreadStore.InboundDuplicate(ctx, id, digest)
}

// TestInbound_StoreFailureIsTemporary: a store failure answers 451, so the
// sender keeps the message; its retry is stored.
func TestInbound_StoreFailureIsTemporary(t *testing.T) {
	db := sqldbtest.Open(t)
	ft := &failingThreads{ThreadStore: db, fail: true}
	e := newInboundEnv(t, db, Limits{}, ft)
	msg := mailMsg("jane@example.com", "Hi", "t1@example.com", "", "Please keep me.")
	if code := e.send(t, msg); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	if n := len(e.emailConversations(t)); n != 0 {
		t.Fatalf("%d conversations after a failure", n)
	}
	ft.mu.Lock()
	ft.fail = false
	ft.mu.Unlock()
	if code := e.send(t, msg); code != 0 {
		t.Fatalf("retry code=%d", code)
	}
	if cs := e.emailConversations(t); len(cs) != 1 || e.messages(t, cs[0].ID)[0].Body != "Please keep me." {
		t.Fatalf("retry not stored: %v", cs)
	}
}

// TestInbound_DeskTextWithoutMarker: a customer's mail that quotes the
// desk's replies with no marker at all (a phone that pastes them under the
// new text, re-wrapped) is stored without them: the conversation shows the
// customer's words alone, inline answers and repeated words of their own
// included, the guard reads no offer in the desk's text, and the whole
// text is kept with the original.
func TestInbound_DeskTextWithoutMarker(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newInboundEnv(t, db, Limits{}, nil)
		ctx := context.Background()
		first := "Hello, where is my order 1234? I need it by Friday for a birthday."
		e.mustSend(t, mailMsg("jane@example.com", "Where is my order?", "q1@example.com", "", first))
		cs := e.emailConversations(t)
		if len(cs) != 1 {
			t.Fatalf("%d conversations, want 1", len(cs))
		}
		conv := cs[0]
		older := "Thanks for writing. We will look into order 1234 and write again tomorrow morning."
		e.sentReplyText(t, conv.ID, "r1", older)
		reply := "Hi Jane,\n\nThe courier has your parcel. If the courier cannot find you, please send the delivery address again, " +
			"for example 12 Harbour View, London, and a phone number such as 020 7946 0958.\n\nBest regards,\nAnn"
		e.sentReplyText(t, conv.ID, "r2", reply)

		// Her own first words again, the newest reply re-wrapped with an
		// answer inline, then the older reply: no marker anywhere.
		body := first + "\n\nHi Jane,\n\nThe courier has your parcel. If the courier cannot find you, please\n" +
			"send the delivery address again, for example 12 Harbour View, London,\nand a phone number such as 020 7946 0958.\n" +
			"It is the same address as before.\n\nBest regards,\nAnn\n\n" + older
		e.mustSend(t, mailMsg("jane@example.com", "Re: Where is my order?", "q2@example.com",
			"In-Reply-To: <r2@desk.example>\nReferences: <q1@example.com> <r1@desk.example> <r2@desk.example>\n", body))
		ms := e.messages(t, conv.ID)
		last := ms[len(ms)-1]
		if want := first + "\n\nIt is the same address as before."; last.AuthorKind != proofdesk.AuthorCustomer || last.Body != want {
			t.Fatalf("stored %q, want %q", last.Body, want)
		}
		if o := e.original(t, conv.ID, last.ID); !strings.Contains(o.FullText, "020 7946 0958") || !strings.Contains(o.FullText, older) {
			t.Fatalf("the full text lost the quoted replies: %q", o.FullText)
		}
		if offered, err := db.Read().Offered(ctx, conv.ID); err != nil || len(offered) != 0 {
			t.Fatalf("offered=%v, %v: the desk's own example address and phone were read as the customer's offer", offered, err)
		}

		// A mail that only quotes the desk's reply says so.
		e.mustSend(t, mailMsg("jane@example.com", "Re: Where is my order?", "q3@example.com", "In-Reply-To: <r2@desk.example>\n", "\n\n"+reply))
		ms = e.messages(t, conv.ID)
		if got, want := ms[len(ms)-1].Body, "(This email has no new text: it quotes the desk's earlier reply.)"; got != want {
			t.Fatalf("stored %q, want %q", got, want)
		}

		// The same text in a mail that threads nowhere is a new
		// customer's text: only a conversation's own replies are cut.
		e.mustSend(t, mailMsg("jane@example.com", "Another question", "q4@example.com", "", "Is this right?\n\n"+reply))
		cs = e.emailConversations(t)
		if len(cs) != 2 {
			t.Fatalf("%d conversations, want 2", len(cs))
		}
		for _, c := range cs {
			if c.ID == conv.ID {
				continue
			}
			if ms := e.messages(t, c.ID); len(ms) != 1 || ms[0].Body != "Is this right?\n\n"+reply {
				t.Fatalf("new conversation's message=%q", ms[0].Body)
			}
		}
	})
}
