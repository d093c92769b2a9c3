package mail

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// The files testdata/cases/NNv-*.eml and enc-*.eml are variants of the
// kinds of ../shared/cases/mail, written as other clients, languages and
// mail systems produce them: the cases kept back to try what landed.

// TestCaseVariants_Parse checks what each variant's text, stripped text,
// sender, subject and machine-mail classification must be.
func TestCaseVariants_Parse(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, in *Inbound)
	}{
		// Forwards keep the forwarded text.
		{"01v-thunderbird-forward.eml", shows("The parcel never came.", "PX-5001 is held at the depot")},
		{"01v-yahoo-forward-es.eml", shows("Hola, mirad esto.", "PX-5002 está en la oficina")},
		{"01v-outlook-fr-forward.eml", shows("Bonjour, voir ci-dessous.", "Objet : Avis de passage", "PX-5003 vous attend")},
		// No In-Reply-To and no reply prefix: an Outlook header block
		// under the customer's words is a forward with a rewritten subject.
		{"01v-outlook-nl-forward-rewritten-subject.eml", shows("Kunt u dit bekijken?", "Van: PostNL", "PX-5004 ligt bij het afhaalpunt")},
		{"01v-ios-forward-pt.eml", shows("Veja abaixo.", "PX-5005 aguarda retirada")},
		{"01v-gmail-forward-html-de.eml", shows("Siehe unten.", "Weitergeleitete Nachricht", "PX-5006 liegt in der Filiale Hauptstraße")},

		// A mail attached whole is a nested message, also base64-encoded or
		// attached as an .eml file.
		{"06v-eml-as-octet-stream.eml", nestedShown},
		{"06v-rfc822-base64.eml", nestedShown},

		// Outlook's winmail.dat with the body only as compressed RTF that
		// encapsulates HTML ([MS-OXRTFCP], [MS-OXRTFEX]).
		{"07v-winmail-rtf-only.eml", func(t *testing.T, in *Inbound) {
			if in.TextBody != "Die Ersatzteilnummer ist RX-232, bitte schnell liefern.\n\nGrüße Jürgen" {
				t.Fatalf("TextBody=%q", in.TextBody)
			}
			if got := strings.Join(summarize(in).Attachments, "|"); got != "winmail.dat application/ms-tnef 830|Teil RX-232.jpg image/jpeg 13" {
				t.Fatalf("Attachments=%s", got)
			}
		}},

		// A blank or invisible plain part yields to the HTML; HTML and
		// text in Windows-1252 read as such.
		{"02v-zwsp-plain-with-html.eml", func(t *testing.T, in *Inbound) {
			if in.TextBody != "Invoice 6610 was charged twice, please refund one." || !in.FromHTML {
				t.Fatalf("TextBody=%q FromHTML=%v", in.TextBody, in.FromHTML)
			}
		}},
		{"02v-html-only-meta-cp1252.eml", exactly("La commande 4418 “café crème” coûte 25€ de trop.")},
		{"02v-plain-latin1-label-cp1252.eml", exactly("The “deluxe” kit was 49€ – but I was charged twice.")},
		{"02v-html-only-iso2022jp.eml", func(t *testing.T, in *Inbound) {
			if in.TextBody != "注文 7781 が届いていません。" || in.From.Name != "山田" || in.Subject != "商品が届かない" {
				t.Fatalf("TextBody=%q From=%q Subject=%q", in.TextBody, in.From.Name, in.Subject)
			}
		}},

		// RFC 2047 words as senders write them.
		{"enc-subject-split-word.eml", func(t *testing.T, in *Inbound) {
			if in.Subject != "日本語 7781" || in.From.Name != "山田" || in.From.Address != "yamada@example.jp" {
				t.Fatalf("Subject=%q From=%+v", in.Subject, in.From)
			}
		}},
		{"enc-unknown-charset-name.eml", func(t *testing.T, in *Inbound) {
			// The sender is kept, whatever its name's charset; an unknown
			// charset reads as Windows-1252 (and the defect says so).
			if in.From.Address != "rene@example.fr" || in.Subject != "Café crème" || !containsDefect(in, DefectUnknownCharset) {
				t.Fatalf("From=%+v Subject=%q Defects=%v", in.From, in.Subject, in.Defects)
			}
		}},
		{"enc-language-tagged-words.eml", func(t *testing.T, in *Inbound) {
			if in.From.Address != "juergen@example.de" || in.From.Name != "Jürgen Müller" || in.Subject != "Rücksendung 4421" {
				t.Fatalf("From=%+v Subject=%q", in.From, in.Subject)
			}
		}},

		// Raw 8-bit Windows-1252 in the header, as older mailers send it:
		// the letters, and a quoted name with a comma, are kept.
		{"enc-raw-8bit-latin1-headers.eml", func(t *testing.T, in *Inbound) {
			if in.From.Name != "Müller, Jürgen" || in.From.Address != "jm@example.de" || in.Subject != "Rücksendung 4425 – dringend" ||
				len(in.Cc) != 1 || in.Cc[0].Name != "René Café" || in.TextBody != "Bitte um Rücksendung." {
				t.Fatalf("From=%+v Cc=%+v Subject=%q TextBody=%q", in.From, in.Cc, in.Subject, in.TextBody)
			}
		}},

		// Attachment names in RFC 2231 form in other charsets than UTF-8,
		// continued, or raw 8-bit.
		{"enc-attachment-names-charsets.eml", func(t *testing.T, in *Inbound) {
			var got []string
			for _, a := range in.Attachments {
				got = append(got, a.Filename)
			}
			if want := "Rechnung März.pdf|Lieferschein März–Kopie.pdf|写真.jpg|Gutschrift März.pdf"; strings.Join(got, "|") != want {
				t.Fatalf("names=%q, want %s", got, want)
			}
		}},

		// Replies: the desk's own words are quoted history, never shown.
		{"08v-outlook-fr-reply.eml", quoteCut("Merci, le colis est bien arrivé.", "12 rue des Lilas")},
		{"08v-apple-fr-reply-nbsp.eml", quoteCut("Parfait, merci.", "12 rue des Lilas")},
		{"08v-gmail-es-reply.eml", quoteCut("Gracias, ya lo tengo.", "Calle Mayor 5")},
		{"08v-outlook-it-reply-html.eml", quoteCut("Grazie, tutto a posto.", "Via Roma 8")},
		{"08v-apple-html-blockquote-no-attribution.eml", quoteCut("Klopt, dank u.", "Kerkstraat 12")},
		{"08v-thunderbird-de-reply.eml", quoteCut("Danke, angekommen.", "Lindenweg 4")},

		// Long lines in transfer encodings.
		{"14v-long-qp-line.eml", func(t *testing.T, in *Inbound) {
			if n := strings.Count(in.TextBody, "é"); n != 315 || len([]rune(in.TextBody)) != 2200 {
				t.Fatalf("%d runes, %d é; want 2200 and 315", len([]rune(in.TextBody)), n)
			}
		}},
		// Quoted-printable lines of many kilobytes (over the 4 KiB line
		// buffer of Go's quoted-printable reader), alone and in a part.
		{"14v-qp-6000-byte-line.eml", func(t *testing.T, in *Inbound) {
			if n := strings.Count(in.TextBody, "Schlüssel-"); n != 400 || !strings.HasSuffix(in.TextBody, "Schlüssel-0399") || len(in.Defects) != 0 {
				t.Fatalf("%d keys, defects %v; text ends %q", n, in.Defects, in.TextBody[max(0, len(in.TextBody)-40):])
			}
		}},
		{"14v-qp-long-html-line-multipart.eml", func(t *testing.T, in *Inbound) {
			if n := strings.Count(in.TextBody, "– 3,50 €"); n != 200 || !strings.Contains(in.TextBody, "Artikel 0199") || len(in.Defects) != 0 {
				t.Fatalf("%d items, defects %v", n, in.Defects)
			}
		}},
		{"14v-base64-one-line.eml", func(t *testing.T, in *Inbound) {
			if n := strings.Count(in.TextBody, "order 7790"); n != 200 {
				t.Fatalf("%d lines, want 200", n)
			}
		}},

		// Bounces in every format report the failed mail; auto-replies are
		// machine mail.
		{"19v-qmail-bounce.eml", bounced("deadbeef@desk.example", "gone@example.net", "5.1.1")},
		{"19v-exim-plain-bounce.eml", bounced("deadbeef@desk.example", "gone@example.net", "5.1.1")},
		{"19v-postfix-global-dsn.eml", bounced("deadbeef@desk.example", "jürgen@bücher.example", "5.1.1")},
		{"19v-exchange-ndr.eml", bounced("deadbeef@desk.example", "nobody@corp.example", "5.1.10")},
		{"19v-ooo-zimbra-fr.eml", auto(AutoReply)},
		{"19v-ooo-exchange-x-autoreply.eml", auto(AutoReply)},
		// An Outlook rule's reply: no Auto-Submitted, but Exchange's
		// suppress header and its localized subject.
		{"19v-ooo-exchange-rule-no-auto-submitted.eml", auto(AutoReply)},

		// Bidi and invisible characters go as on every channel.
		{"22v-invisible-name-subject-filename.eml", func(t *testing.T, in *Inbound) {
			if in.From.Name != "Support Team" || in.Subject != "Invoice 4422" {
				t.Fatalf("From=%q Subject=%q", in.From.Name, in.Subject)
			}
			if in.TextBody != "Card 41111111 1111 1111 was charged." {
				t.Fatalf("TextBody=%q", in.TextBody)
			}
			if len(in.Attachments) != 1 || in.Attachments[0].Filename != "Rechnungfdp.exe" {
				t.Fatalf("Attachments=%v", summarize(in).Attachments)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tt.check(t, mustParseFile(t, "cases/"+tt.file))
		})
	}
	// An .eml file that is no mail stays the file it is.
	in := parseString(t, "From: a@example.org\nSubject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nsee file\n--b\n"+
		"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=notes.eml\n\n\x00\x01binary: yes\n--b--\n")
	if len(in.Nested) != 0 || len(in.Attachments) != 1 || in.Attachments[0].Filename != "notes.eml" {
		t.Fatalf("Nested=%d Attachments=%v, want the file kept", len(in.Nested), summarize(in).Attachments)
	}
}

// shows checks that the conversation shows every want, and that the
// mail is a person's.
func shows(wants ...string) func(*testing.T, *Inbound) {
	return func(t *testing.T, in *Inbound) {
		t.Helper()
		mustContain(t, "StrippedBody", in.StrippedBody, wants...)
		if in.Auto != "" {
			t.Fatalf("Auto=%q, want a person's mail", in.Auto)
		}
	}
}

// nestedShown checks the 06v files: the attached mail's sender, subject
// and text are shown under the customer's words.
func nestedShown(t *testing.T, in *Inbound) {
	t.Helper()
	if len(in.Nested) != 1 || in.Nested[0].From.Name != "Jürgen Nachbar" || in.Nested[0].MessageID != "inner-6v@example.de" {
		t.Fatalf("Nested=%d %+v", len(in.Nested), in.Nested)
	}
	mustContain(t, "StrippedBody", in.StrippedBody, "Siehe Anhang.", "Subject: Ihr Paket", "66-QZ lag nass vor meiner Tür.")
}

// exactly checks the whole text.
func exactly(want string) func(*testing.T, *Inbound) {
	return func(t *testing.T, in *Inbound) {
		t.Helper()
		if in.TextBody != want {
			t.Fatalf("TextBody=%q, want %q", in.TextBody, want)
		}
	}
}

// quoteCut checks that the conversation shows exactly mine, and the full
// text keeps the quoted desk words.
func quoteCut(mine, desk string) func(*testing.T, *Inbound) {
	return func(t *testing.T, in *Inbound) {
		t.Helper()
		if in.StrippedBody != mine {
			t.Fatalf("StrippedBody=%q, want %q", in.StrippedBody, mine)
		}
		mustContain(t, "TextBody", in.TextBody, desk)
	}
}

func bounced(origID, rcpt, status string) func(*testing.T, *Inbound) {
	return func(t *testing.T, in *Inbound) {
		t.Helper()
		if in.Auto != AutoBounce || in.DSN == nil || !in.DSN.Failed() || in.DSN.OriginalMessageID != origID ||
			len(in.DSN.Recipients) != 1 || in.DSN.Recipients[0].FinalRecipient != rcpt || in.DSN.Status() != status {
			t.Fatalf("Auto=%q DSN=%+v, want a failure of %s to %s (%s)", in.Auto, in.DSN, origID, rcpt, status)
		}
	}
}

func auto(kind string) func(*testing.T, *Inbound) {
	return func(t *testing.T, in *Inbound) {
		t.Helper()
		if in.Auto != kind {
			t.Fatalf("Auto=%q, want %q", in.Auto, kind)
		}
	}
}

func containsDefect(in *Inbound, d string) bool {
	for _, x := range in.Defects {
		if x == d {
			return true
		}
	}
	return false
}

// TestInboundCaseVariants runs the variants end to end: over SMTP into the
// inbound handler on a real store (SQLite, and PostgreSQL when
// TEST_POSTGRES_DSN is set).
func TestInboundCaseVariants(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		e := newInboundEnv(t, db, Limits{}, nil)
		people := []struct {
			file        string
			shown, hide []string
		}{
			{"01v-outlook-nl-forward-rewritten-subject.eml", []string{"Kunt u dit bekijken?", "PX-5004 ligt bij het afhaalpunt"}, nil},
			{"01v-gmail-forward-html-de.eml", []string{"Siehe unten.", "PX-5006 liegt in der Filiale"}, nil},
			{"07v-winmail-rtf-only.eml", []string{"Die Ersatzteilnummer ist RX-232"}, []string{"(This email has no text.)"}},
			{"14v-qp-long-html-line-multipart.eml", []string{"Bestellung 7791:", "Artikel 0199 – 3,50 €"}, nil},
			{"02v-zwsp-plain-with-html.eml", []string{"Invoice 6610 was charged twice"}, []string{"\u200b", "(This email has no text.)"}},
			{"02v-html-only-meta-cp1252.eml", []string{"“café crème” coûte 25€"}, nil},
			{"02v-plain-latin1-label-cp1252.eml", []string{"The “deluxe” kit was 49€ – but"}, nil},
			{"08v-apple-html-blockquote-no-attribution.eml", []string{"Klopt, dank u."}, []string{"Kerkstraat"}},
			{"08v-outlook-it-reply-html.eml", []string{"Grazie, tutto a posto."}, []string{"Via Roma"}},
			{"22v-invisible-name-subject-filename.eml", []string{"Card 41111111 1111 1111 was charged."}, []string{"\u200b"}},
		}
		for _, p := range people {
			raw := readCase(t, p.file)
			e.mustSend(t, raw)
			var m *proofdesk.Message
			var conv *proofdesk.Conversation
			for _, cv := range e.emailConversations(t) {
				last := e.lastCustomerMessage(t, cv.ID)
				if o, err := e.convs.FindEmailOriginal(ctx, cv.ID, last.ID); err == nil && strings.Contains(string(o.Raw), firstHeader(raw, "Message-ID")) {
					m, conv = last, cv
				}
			}
			if m == nil {
				t.Fatalf("%s: not stored", p.file)
			}
			mustContain(t, p.file+" body", m.Body, p.shown...)
			mustNotContain(t, p.file+" body", m.Body, p.hide...)
			if p.file == "22v-invisible-name-subject-filename.eml" && (conv.Requester.Name != "Support Team" || conv.Subject != "Invoice 4422") {
				t.Fatalf("name=%q subject=%q", conv.Requester.Name, conv.Subject)
			}
		}
		before := len(e.emailConversations(t))

		// 15v: a reply found by References alone (no In-Reply-To, no
		// token, an encoded subject) reopens the resolved conversation.
		e.mustSend(t, "From: Hana Ito <hana.ito@example.org>\nSubject: Parcel missing\nMessage-ID: <c15-1@example.org>\nContent-Type: text/plain\n\nMy parcel is missing.\n")
		var hana *proofdesk.Conversation
		for _, c := range e.emailConversations(t) {
			if c.Requester.Email == "hana.ito@example.org" {
				hana = c
			}
		}
		resolved := proofdesk.StatusResolved
		if _, err := e.convs.UpdateConversation(ctx, hana.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		e.mustSend(t, readCase(t, "15v-reply-references-only.eml"))
		if got, _ := e.convs.FindConversationByID(ctx, hana.ID); got.Status != proofdesk.StatusOpen ||
			e.lastCustomerMessage(t, hana.ID).Body != "Still nothing, please check again." {
			t.Fatalf("status=%s, want reopened with the reply", got.Status)
		}

		// 16v: the requester's name on another address (a plus address)
		// with the token is a different sender.
		jane := &proofdesk.Conversation{}
		e.mustSend(t, "From: Jane Doe <jane@example.com>\nSubject: Account question\nMessage-ID: <c16v-0@example.com>\nContent-Type: text/plain\n\nHello\n")
		for _, c := range e.emailConversations(t) {
			if c.Requester.Email == "jane@example.com" {
				jane = c
			}
		}
		e.mustSend(t, strings.ReplaceAll(readCase(t, "16v-stranger-same-name-plus-address.eml"), "[#CNV_ID]", "[#"+jane.ID+"]"))
		if got, _ := e.convs.FindConversationByID(ctx, jane.ID); !contains(got.RiskFlags, proofdesk.RiskDifferentSender) {
			t.Fatalf("flags=%v, want different_sender", got.RiskFlags)
		}
		before = len(e.emailConversations(t))

		// Bounces of every format mark the reply they return failed, by
		// its Message-ID (no VERP address: as over IMAP, or a relay that
		// rewrote the return path), and open nothing.
		e.mustSend(t, "From: Hana Ito <hana.ito@example.org>\nSubject: Parcel missing\nMessage-ID: <v19-h@example.org>\nContent-Type: text/plain\n\nWhere is it?\n")
		conv := e.emailConversations(t)[0]
		for i, f := range []string{"19v-qmail-bounce.eml", "19v-exim-plain-bounce.eml", "19v-postfix-global-dsn.eml", "19v-exchange-ndr.eml"} {
			smtpID := fmt.Sprintf("v19-%d", i)
			out := e.sentReply(t, conv.ID, smtpID)
			if code := e.sendEnv(t, "", []string{"support@desk.example"}, strings.ReplaceAll(readCase(t, f), "deadbeef@desk.example", smtpID+"@desk.example")); code != 0 {
				t.Fatalf("%s refused: %d", f, code)
			}
			d, err := db.FindOutboxDelivery(ctx, out)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != proofdesk.OutboxFailed {
				t.Fatalf("%s: outbox status=%s, want failed", f, d.Status)
			}
		}
		// Out-of-office replies open nothing and do not reopen.
		for _, f := range []string{"19v-ooo-zimbra-fr.eml", "19v-ooo-exchange-x-autoreply.eml", "19v-ooo-exchange-rule-no-auto-submitted.eml"} {
			e.mustSend(t, readCase(t, f))
		}
		if n := len(e.emailConversations(t)); n != before+1 {
			t.Fatalf("%d conversations, want %d: machine mail opens none", n, before+1)
		}
	})
}
