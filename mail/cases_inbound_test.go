package mail

import (
	"context"
	"errors"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// The inbound cases of ../shared/cases/mail run end to end here: over SMTP
// into the inbound handler, on a real store (SQLite, and PostgreSQL when
// TEST_POSTGRES_DSN is set).

func readCase(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cases", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sendEnv delivers msg over SMTP with the given envelope and returns the
// reply code of a refusal, or 0.
func (e *inboundEnv) sendEnv(t *testing.T, mailFrom string, rcpt []string, msg string) int {
	t.Helper()
	msg = strings.ReplaceAll(strings.ReplaceAll(msg, "\r\n", "\n"), "\n", "\r\n")
	err := smtp.SendMail(e.srv.Addr().String(), nil, mailFrom, rcpt, []byte(msg))
	if err == nil {
		return 0
	}
	var te *textproto.Error
	if !errors.As(err, &te) {
		t.Fatalf("SendMail: %v", err)
	}
	return te.Code
}

func (e *inboundEnv) mustSend(t *testing.T, msg string) {
	t.Helper()
	if code := e.send(t, msg); code != 0 {
		t.Fatalf("refused: %d", code)
	}
}

// original returns the kept original of message msgID.
func (e *inboundEnv) original(t *testing.T, convID, msgID string) *proofdesk.EmailOriginal {
	t.Helper()
	o, err := e.convs.FindEmailOriginal(context.Background(), convID, msgID)
	if err != nil {
		t.Fatalf("FindEmailOriginal: %v", err)
	}
	return o
}

// lastCustomerMessage returns the newest customer message of a
// conversation.
func (e *inboundEnv) lastCustomerMessage(t *testing.T, convID string) *proofdesk.Message {
	t.Helper()
	ms := e.messages(t, convID)
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].AuthorKind == proofdesk.AuthorCustomer {
			return ms[i]
		}
	}
	t.Fatalf("no customer message in %s", convID)
	return nil
}

// TestInboundCases_NothingLost: for every mail case, what the customer
// wrote is in the conversation or in the kept original, which returns
// the mail byte for byte.
func TestInboundCases_NothingLost(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newInboundEnv(t, db, Limits{}, nil)
		cases := []struct {
			file      string
			shown     []string // in the conversation's message
			full      []string // in the kept full text
			notShown  []string
			wantNests bool
		}{
			{"01-gmail-forward.eml", []string{"Please see the courier's note below.", "PX-4471", "Elm Road"}, nil, nil, false},
			{"02-empty-plain-with-html.eml", []string{"invoice 5512 was charged twice", "Can you refund one?"}, nil, []string{"(This email has no text.)"}, false},
			{"06-forward-as-attachment.eml", []string{"See the attached mail.", "Subject: your parcel", "55-KX was left at my door"}, nil, nil, true},
			{"07-winmail-tnef-only.eml", []string{"The replacement part number is RX-220."}, nil, []string{"(This email has no text.)"}, false},
			{"08b-outlook-german-quote.eml", []string{"Danke, das Paket ist angekommen."}, []string{"Lindenweg 4, 10115 Berlin", "Betreff: Ihre Anfrage"}, []string{"Lindenweg"}, false},
			{"14-long-line-2100.eml", []string{strings.Repeat("A", 2100)}, nil, nil, false},
		}
		for _, c := range cases {
			raw := readCase(t, c.file)
			e.mustSend(t, raw)
			var conv *proofdesk.Conversation
			for _, cv := range e.emailConversations(t) {
				if o, err := e.convs.FindEmailOriginal(context.Background(), cv.ID, e.lastCustomerMessage(t, cv.ID).ID); err == nil &&
					strings.Contains(string(o.Raw), firstHeader(raw, "Message-ID")) {
					conv = cv
				}
			}
			if conv == nil {
				t.Fatalf("%s: no conversation keeps it", c.file)
			}
			m := e.lastCustomerMessage(t, conv.ID)
			for _, s := range c.shown {
				if !strings.Contains(m.Body, s) {
					t.Fatalf("%s: body=%q, want %q", c.file, m.Body, s)
				}
			}
			for _, s := range c.notShown {
				if strings.Contains(m.Body, s) {
					t.Fatalf("%s: body=%q, want it without %q", c.file, m.Body, s)
				}
			}
			o := e.original(t, conv.ID, m.ID)
			if want := strings.ReplaceAll(raw, "\n", "\r\n"); string(o.Raw) != want {
				t.Fatalf("%s: original differs from what was sent (%d bytes, want %d)", c.file, len(o.Raw), len(want))
			}
			for _, s := range append(append([]string{}, c.shown...), c.full...) {
				if !strings.Contains(o.FullText, s) {
					t.Fatalf("%s: full text without %q", c.file, s)
				}
			}
		}
		// The attached message's own attachments and winmail.dat's files
		// are stored.
		var names []string
		for _, cv := range e.emailConversations(t) {
			as, err := e.convs.FindAttachments(context.Background(), cv.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				names = append(names, a.Filename)
			}
		}
		if !strings.Contains(strings.Join(names, ","), "photo1.txt") {
			t.Fatalf("attachments=%v, want winmail.dat's photo1.txt", names)
		}
	})
}

func firstHeader(raw, key string) string {
	for _, l := range strings.Split(raw, "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, key) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// 03a/03b: a different mail that reuses a Message-ID is stored; the same
// mail delivered twice is stored once.
func TestInboundCase03_ReusedMessageID(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newInboundEnv(t, db, Limits{}, nil)
		a, b := readCase(t, "03a-reused-message-id-first.eml"), readCase(t, "03b-reused-message-id-second.eml")
		e.mustSend(t, a)
		e.mustSend(t, b)
		e.mustSend(t, a) // a retry of the first: a duplicate
		// The same mail again with other Received headers (delivered to a
		// second of our addresses) is still the same mail.
		e.mustSend(t, "Received: from relay2.example by mx.desk.example; Tue, 10 Mar 2026 09:00:05 +0000\n"+b)
		var bodies []string
		for _, c := range e.emailConversations(t) {
			for _, m := range e.messages(t, c.ID) {
				bodies = append(bodies, m.Body)
			}
		}
		all := strings.Join(bodies, "|")
		if len(bodies) != 2 || !strings.Contains(all, "Shipment 1001 is delayed") || !strings.Contains(all, "Shipment 2002 was lost") {
			t.Fatalf("messages=%q, want the two different mails once each", bodies)
		}

		// Variant: the reused ID threads into the same conversation (a
		// ticketing robot that puts the same In-Reply-To on every update).
		conv := e.emailConversations(t)[0]
		first := e.lastCustomerMessage(t, conv.ID)
		o := e.original(t, conv.ID, first.ID)
		_ = o
		upd := "From: robot@carrier.example\nSubject: Update [#" + conv.ID + "]\nMessage-ID: <static-id-42@carrier.example>\nContent-Type: text/plain\n\nShipment 3003 delivered.\n"
		e.mustSend(t, upd)
		if m := e.lastCustomerMessage(t, conv.ID); m.Body != "Shipment 3003 delivered." {
			t.Fatalf("last message=%q, want the third mail, not dropped as a duplicate", m.Body)
		}
	})
}

// 15: a customer's reply to a resolved conversation reopens it; after the
// reopen window it starts a new conversation linked to the old one.
func TestInboundCase15_ReopenAfterResolve(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		e.mustSend(t, "From: Hana Ito <hana.ito@example.org>\nSubject: Parcel missing\nMessage-ID: <c15-1@example.org>\nContent-Type: text/plain\n\nMy parcel is missing.\n")
		conv := e.emailConversations(t)[0]
		resolved := proofdesk.StatusResolved
		if _, err := e.convs.UpdateConversation(ctx, conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		desk.PublishEvents(db, e.events) // every committed change, as in cmd/proofdesk
		before := len(e.events.types())
		reply := strings.ReplaceAll(readCase(t, "15-customer-reply-after-resolve.eml"), "[#CNV_ID]", "[#"+conv.ID+"]")
		e.mustSend(t, reply)
		got, err := e.convs.FindConversationByID(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != proofdesk.StatusOpen {
			t.Fatalf("status=%s, want open", got.Status)
		}
		open := proofdesk.StatusOpen
		list, _, err := e.convs.FindConversations(ctx, proofdesk.ConversationFilter{Status: &open})
		if err != nil || len(list) != 1 || list[0].ID != conv.ID {
			t.Fatalf("open list=%v, %v, want the reopened conversation", list, err)
		}
		if m := e.lastCustomerMessage(t, conv.ID); m.Body != "It still has not arrived, please help." {
			t.Fatalf("last message=%q", m.Body)
		}
		if n := len(e.emailConversations(t)); n != 1 {
			t.Fatalf("%d conversations, want 1", n)
		}
		// The agent holding it is told live.
		told := false
		e.events.mu.Lock()
		for _, ev := range e.events.evs[before:] {
			told = told || ev.Type == proofdesk.EventConversationUpdated && ev.ConversationID == conv.ID && ev.Status == proofdesk.StatusOpen
		}
		e.events.mu.Unlock()
		if !told {
			t.Fatal("no conversation.updated event with status open")
		}
		// Audited as the customer's doing.
		if !auditHas(t, db, sqldb.AuditConversationReopened, conv.ID) {
			t.Fatal("reopen not audited")
		}

		// Variants: pending and snoozed reopen too; the thread found by
		// In-Reply-To alone (a client that dropped the token) as well.
		for _, st := range []string{proofdesk.StatusPending, proofdesk.StatusSnoozed} {
			s := st
			if _, err := e.convs.UpdateConversation(ctx, conv.ID, proofdesk.ConversationUpdate{Status: &s}); err != nil {
				t.Fatal(err)
			}
			e.mustSend(t, "From: hana.ito@example.org\nSubject: Re: Parcel missing\nMessage-ID: <c15-"+st+"@example.org>\nIn-Reply-To: <c15-1@example.org>\nContent-Type: text/plain\n\nAny news?\n")
			if got, _ := e.convs.FindConversationByID(ctx, conv.ID); got.Status != proofdesk.StatusOpen {
				t.Fatalf("after %s: status=%s, want open", st, got.Status)
			}
		}
	})
}

// 15, past the window: the mail starts a new conversation linked to the
// resolved one, which stays resolved.
func TestInboundCase15_AfterReopenWindow(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		e.mustSend(t, "From: Hana Ito <hana.ito@example.org>\nSubject: Parcel missing\nMessage-ID: <c15-1@example.org>\nContent-Type: text/plain\n\nMy parcel is missing.\n")
		old := e.emailConversations(t)[0]
		resolved := proofdesk.StatusResolved
		if _, err := e.convs.UpdateConversation(ctx, old.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		// The handler's clock is 8 days on: past the default 7-day window.
		e.handler.cfg.Now = func() time.Time { return time.Now().Add(8 * 24 * time.Hour) }
		reply := strings.ReplaceAll(readCase(t, "15-customer-reply-after-resolve.eml"), "[#CNV_ID]", "[#"+old.ID+"]")
		e.mustSend(t, reply)
		cs := e.emailConversations(t)
		if len(cs) != 2 {
			t.Fatalf("%d conversations, want a new one beside the old", len(cs))
		}
		var fresh *proofdesk.Conversation
		for _, c := range cs {
			if c.ID != old.ID {
				fresh = c
			}
		}
		if got, _ := e.convs.FindConversationByID(ctx, old.ID); got.Status != proofdesk.StatusResolved {
			t.Fatalf("old status=%s, want resolved", got.Status)
		}
		if fresh.Status != proofdesk.StatusOpen || e.lastCustomerMessage(t, fresh.ID).Body != "It still has not arrived, please help." {
			t.Fatalf("new conversation=%+v", fresh)
		}
		links, err := db.FindConversationLinks(ctx, fresh.ID)
		if err != nil || len(links) != 1 || links[0].PreviousID != old.ID || links[0].ConversationID != fresh.ID {
			t.Fatalf("links=%+v, %v", links, err)
		}
	})
}

// 16: a stranger who holds a conversation's token is flagged "different
// sender", stays L0 and the conversation's level drops to L0.
func TestInboundCase16_StrangerWithToken(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		e.mustSend(t, "From: Jane Doe <jane@example.com>\nSubject: Account question\nMessage-ID: <c16-1@example.com>\nContent-Type: text/plain\n\nCan you check my account?\n")
		conv := e.emailConversations(t)[0]
		// An agent linked it to Jane (the unauthenticated mail is not
		// linked by itself), and Jane proved possession of her address: L1.
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.RelinkCustomer(ctx, conv, e.cust.ID) }); err != nil {
			t.Fatal(err)
		}
		cp := e.cust.ContactPointsOf(proofdesk.ContactEmail)[0]
		if lvl, err := db.AddEmailFactor(ctx, conv.ID, cp.ID, time.Now()); err != nil || lvl == proofdesk.L0 {
			t.Fatalf("AddEmailFactor=%v, %v", lvl, err)
		}
		stranger := strings.ReplaceAll(readCase(t, "16-stranger-with-token.eml"), "[#CNV_ID]", "[#"+conv.ID+"]")
		e.mustSend(t, stranger)
		got, err := e.convs.FindConversationByID(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.EffectiveLevel(time.Now()) != proofdesk.L0 || !contains(got.RiskFlags, proofdesk.RiskDifferentSender) {
			t.Fatalf("level=%v flags=%v, want L0 and different_sender", got.EffectiveLevel(time.Now()), got.RiskFlags)
		}
		m := e.lastCustomerMessage(t, conv.ID)
		if !strings.Contains(m.Body, "Please change my email address") {
			t.Fatalf("stranger's mail not stored: %q", m.Body)
		}
		if o := e.original(t, conv.ID, m.ID); !o.SenderDiffers {
			t.Fatal("original not marked as from a different sender")
		}
		ms := e.messages(t, conv.ID)
		if last := ms[len(ms)-1]; last.AuthorKind != proofdesk.AuthorSystem || !last.Internal || !strings.Contains(last.Body, "Different sender") {
			t.Fatalf("last message=%+v, want the different-sender note", last)
		}
		if !auditHas(t, db, sqldb.AuditDifferentSender, conv.ID) {
			t.Fatal("different sender not audited")
		}

		// Variants: the requester's own address in other case is the
		// requester; a look-alike address is not.
		e.mustSend(t, "From: JANE@EXAMPLE.COM\nSubject: Re: Account question [#"+conv.ID+"]\nMessage-ID: <c16-3@example.com>\nContent-Type: text/plain\n\nThanks.\n")
		res, err := e.handler.DeliverMessage(ctx, Envelope{}, []byte("From: jane@examp1e.com\r\nSubject: Re: [#"+conv.ID+"]\r\nMessage-ID: <c16-4@x>\r\n\r\nhi\r\n"))
		if err != nil || !res.DifferentSender {
			t.Fatalf("look-alike: %+v, %v, want different sender", res, err)
		}
		res, err = e.handler.DeliverMessage(ctx, Envelope{}, []byte("From: Jane <jane@example.com>\r\nSubject: Re: [#"+conv.ID+"]\r\nMessage-ID: <c16-5@x>\r\n\r\nhi again\r\n"))
		if err != nil || res.DifferentSender {
			t.Fatalf("requester: %+v, %v, want the same sender", res, err)
		}
	})
}

// 8 (issue 10): a subject token or References never file a mail into a
// chat, phone or API conversation.
func TestInbound_ThreadsOnlyIntoEmail(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		for _, ch := range []string{proofdesk.ChannelChat, proofdesk.ChannelPhone, proofdesk.ChannelAPI} {
			conv := &proofdesk.Conversation{Channel: ch, CustomerID: e.cust.ID, Requester: proofdesk.Requester{Name: "Jane", Email: "jane@example.com"}}
			if err := e.convs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi on " + ch}); err != nil {
				t.Fatal(err)
			}
			for i, subject := range []string{"Re: [#" + conv.ID + "]", "Re: x [#" + strings.ToUpper(conv.ID) + "]"} {
				res, err := e.handler.DeliverMessage(ctx, Envelope{}, []byte("From: jane@example.com\r\nSubject: "+subject+"\r\nMessage-ID: <"+ch+string(rune('a'+i))+"@x>\r\n\r\nfiled?\r\n"))
				if err != nil {
					t.Fatal(err)
				}
				if res.ConversationID == conv.ID || !res.New {
					t.Fatalf("%s: filed into %s (new=%v), want a new email conversation", ch, res.ConversationID, res.New)
				}
				if n := len(e.messages(t, conv.ID)); n != 1 {
					t.Fatalf("%s conversation has %d messages", ch, n)
				}
			}
		}
	})
}

// 19: a bounce never opens a conversation; one for a sent reply marks its
// delivery failed on the conversation and in the outbox, matched by the
// VERP return path or, when the envelope is lost (IMAP), by the returned
// Message-ID. Auto-replies never open or reopen one either.
func TestInboundCase19_Bounces(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)

		// The case file as it is: its Message-ID matches nothing we sent.
		if code := e.sendEnv(t, "", []string{"support@desk.example"}, readCase(t, "19-bounce-dsn.eml")); code != 0 {
			t.Fatalf("bounce refused: %d", code)
		}
		if n := len(e.emailConversations(t)); n != 0 {
			t.Fatalf("%d conversations after a bounce, want 0", n)
		}

		// A conversation with a sent reply.
		e.mustSend(t, "From: Hana Ito <hana.ito@example.org>\nSubject: Parcel missing\nMessage-ID: <h1@example.org>\nContent-Type: text/plain\n\nWhere is it?\n")
		conv := e.emailConversations(t)[0]
		sent := func(smtpID string) string { return e.sentReply(t, conv.ID, smtpID) }
		dsn := func(orig string) string {
			return strings.ReplaceAll(readCase(t, "19-bounce-dsn.eml"), "deadbeef@desk.example", orig)
		}
		status := func(id string) (string, bool) {
			d, err := db.FindOutboxDelivery(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return d.Status, d.Status == proofdesk.OutboxFailed
		}

		// By VERP: the envelope recipient names the row, whatever the
		// report returns (here: nothing of the original).
		out1 := sent("r1")
		verp := VERPAddress("support@desk.example", out1)
		if code := e.sendEnv(t, "", []string{verp}, dsn("unrelated@elsewhere")); code != 0 {
			t.Fatalf("bounce refused: %d", code)
		}
		if st, ok := status(out1); !ok {
			t.Fatalf("outbox status=%s, want failed", st)
		}
		ms := e.messages(t, conv.ID)
		if last := ms[len(ms)-1]; last.AuthorKind != proofdesk.AuthorSystem || !strings.Contains(last.Body, "Delivery failed") || !strings.Contains(last.Body, "5.2.2") {
			t.Fatalf("last message=%+v, want the delivery failure", last)
		}
		// A second bounce for the same row adds nothing.
		before := len(e.messages(t, conv.ID))
		if code := e.sendEnv(t, "", []string{strings.ToUpper(verp)}, dsn("x@y")); code != 0 {
			t.Fatalf("second bounce refused: %d", code)
		}
		if n := len(e.messages(t, conv.ID)); n != before {
			t.Fatalf("second bounce added %d messages", n-before)
		}

		// By Message-ID, as over IMAP (no envelope).
		out2 := sent("r2")
		if _, err := e.handler.DeliverMessage(ctx, Envelope{}, []byte(strings.ReplaceAll(dsn("r2@desk.example"), "\n", "\r\n"))); err != nil {
			t.Fatal(err)
		}
		if st, ok := status(out2); !ok {
			t.Fatalf("outbox status=%s, want failed (by Message-ID)", st)
		}

		// A "delayed" report marks nothing.
		out3 := sent("r3")
		delayed := strings.ReplaceAll(strings.ReplaceAll(dsn("r3@desk.example"), "Action: failed", "Action: delayed"), "Status: 5.2.2", "Status: 4.4.1")
		if code := e.sendEnv(t, "", []string{VERPAddress("support@desk.example", out3)}, delayed); code != 0 {
			t.Fatalf("refused: %d", code)
		}
		if st, _ := status(out3); st != proofdesk.OutboxSent {
			t.Fatalf("status=%s after a delay notice, want sent", st)
		}

		// A forged VERP token for no row, or a bounce with nothing to
		// match: consumed, no conversation.
		if code := e.sendEnv(t, "", []string{"support+bounce=out_aaaaaaaaaaaaaaaaaaaa@desk.example"}, dsn("none@x")); code != 0 {
			t.Fatalf("refused: %d", code)
		}
		if n := len(e.emailConversations(t)); n != 1 {
			t.Fatalf("%d conversations, want 1: no bounce opens one", n)
		}

		// Auto-replies: threaded, kept as an internal note, no reopen;
		// unthreaded, no conversation.
		resolved := proofdesk.StatusResolved
		if _, err := e.convs.UpdateConversation(ctx, conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		ooo := "From: Hana Ito <hana.ito@example.org>\nSubject: Automatische Antwort: Re: Parcel missing [#" + conv.ID + "]\nMessage-ID: <ooo1@example.org>\nAuto-Submitted: auto-replied\nContent-Type: text/plain\n\nIch bin bis Montag nicht im Büro.\n"
		e.mustSend(t, ooo)
		got, _ := e.convs.FindConversationByID(ctx, conv.ID)
		ms = e.messages(t, conv.ID)
		if last := ms[len(ms)-1]; got.Status != proofdesk.StatusResolved || last.AuthorKind != proofdesk.AuthorSystem || !last.Internal || !strings.Contains(last.Body, "nicht im Büro") {
			t.Fatalf("status=%s last=%+v, want resolved with an internal note", got.Status, last)
		}
		for _, h := range []string{"Precedence: bulk\n", "X-Autoreply: yes\n", "Auto-Submitted: auto-generated\n"} {
			e.mustSend(t, "From: news@shop.example\nSubject: Newsletter\nMessage-ID: <n-"+h[:3]+"@shop.example>\n"+h+"Content-Type: text/plain\n\nOur offers.\n")
		}
		e.mustSend(t, "From: MAILER-DAEMON@mx.example\nSubject: Undeliverable\nMessage-ID: <md@mx.example>\nContent-Type: text/plain\n\nUser unknown.\n")
		// A notification from the null reverse path with no other sign.
		if code := e.sendEnv(t, "", []string{"support@shop.example"}, "From: alerts@monitor.example\nSubject: Disk full\nMessage-ID: <nul@monitor.example>\n\nDisk full.\n"); code != 0 {
			t.Fatalf("refused: %d", code)
		}
		if n := len(e.emailConversations(t)); n != 1 {
			t.Fatalf("%d conversations, want 1: machine mail opens none", n)
		}
	})
}

// sentReply stores an agent's reply on convID and marks it sent as SMTP
// Message-ID smtpID@desk.example; it returns the outbox row's ID.
func (e *inboundEnv) sentReply(t *testing.T, convID, smtpID string) string {
	t.Helper()
	return e.sentReplyText(t, convID, smtpID, "We are on it.")
}

// sentReplyText is sentReply with the reply's text.
func (e *inboundEnv) sentReplyText(t *testing.T, convID, smtpID, text string) string {
	t.Helper()
	ctx := context.Background()
	agent := &proofdesk.Agent{Email: smtpID + "@desk.test", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	if err := sqldb.NewAgentService(e.db).CreateAgent(ctx, agent); err != nil {
		t.Fatal(err)
	}
	m := &proofdesk.Message{ConversationID: convID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: text}
	if err := e.convs.CreateMessage(ctx, m); err != nil {
		t.Fatal(err)
	}
	out, err := e.db.EnqueueReply(ctx, convID, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := e.db.ClaimDue(ctx, time.Now().Add(time.Minute), 10, []string{proofdesk.OutboxEmail}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.ID == out.ID {
			if err := e.db.MarkSent(ctx, d, smtpID+"@desk.example", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out.ID
}

func auditHas(t *testing.T, db *sqldb.DB, action, subjectID string) bool {
	t.Helper()
	evs, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: &action, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.SubjectID == subjectID {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// 22 (chat case, email side): the same bidi controls in a From name, a
// subject and a body are dropped exactly as the widget drops them.
func TestInboundCase22_BidiAsOnChat(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newInboundEnv(t, db, Limits{}, nil)
		// RFC 2047 words for "Ana\u202egpj.exe\u202c" and a body in
		// quoted-printable with U+202E and an isolate.
		e.mustSend(t, "From: =?utf-8?q?Ana=E2=80=AEgpj.exe=E2=80=AC?= <ana@example.net>\nSubject: =?utf-8?q?invoice=E2=81=A7fdp.exe=E2=81=A9?=\nMessage-ID: <c22@example.net>\n"+
			"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nHello =E2=80=AEtxt.exe=E2=80=AC\n")
		c := e.emailConversations(t)[0]
		if c.Requester.Name != proofdesk.NeutralizeBidi("Ana\u202egpj.exe\u202c") || c.Requester.Name != "Anagpj.exe" || c.Subject != "invoicefdp.exe" {
			t.Fatalf("name=%q subject=%q", c.Requester.Name, c.Subject)
		}
		if m := e.lastCustomerMessage(t, c.ID); m.Body != "Hello txt.exe" {
			t.Fatalf("body=%q, want %q as on chat", m.Body, "Hello txt.exe")
		}
	})
}

// A different sender is flagged in the transaction that stores the mail
// and records it: a mail that failed before the commit left nothing, one
// whose answer was lost after the commit is flagged already, and the
// sender's retries store it once.
func TestInboundCase16_FlagSurvivesRetry(t *testing.T) {
	db := sqldbtest.Open(t)
	ft := &lostAnswer{ThreadStore: db}
	e := newInboundEnv(t, db, Limits{}, ft)
	e.mustSend(t, "From: jane@example.com\nSubject: Account\nMessage-ID: <r1@example.com>\nContent-Type: text/plain\n\nHello\n")
	conv := e.emailConversations(t)[0]
	stranger := "From: other@elsewhere.example\nSubject: Re: Account [#" + conv.ID + "]\nMessage-ID: <r2@elsewhere.example>\nContent-Type: text/plain\n\nChange my email.\n"
	ft.set(true, true)
	if code := e.send(t, stranger); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	if got, _ := e.convs.FindConversationByID(context.Background(), conv.ID); contains(got.RiskFlags, proofdesk.RiskDifferentSender) {
		t.Fatalf("flagged by a mail that was not stored")
	}
	ft.set(true, false)
	if code := e.send(t, stranger); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	ft.set(false, false)
	e.mustSend(t, stranger)
	got, _ := e.convs.FindConversationByID(context.Background(), conv.ID)
	if !contains(got.RiskFlags, proofdesk.RiskDifferentSender) {
		t.Fatalf("flags=%v after the retry, want different_sender", got.RiskFlags)
	}
	n := 0
	for _, m := range e.messages(t, conv.ID) {
		if strings.Contains(m.Body, "Change my email.") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("the stranger's mail is stored %d times, want once", n)
	}
}
