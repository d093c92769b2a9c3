package server_test

import (
	"net/http"
	"net/smtp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/mail"
)

// TestEmailBounce (issue 11 §4): the agent's reply goes out through
// mailpit with its own VERP return path; the recipient's server bounces
// it with a DSN (RFC 3464) to that return path, through the SMTP
// listener. The conversation shows the delivery failed, the outbox row is
// failed, and no conversation is opened for the bounce. The customer's
// mail is kept whole and read back through the API.
func TestEmailBounce(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		createJane(t, s)
		first := "From: Jane Doe <" + janeEmail + ">\nTo: support@desk.test\nSubject: Lost parcel\n" +
			"Message-ID: <lost.parcel@example.test>\nDate: Tue, 03 Jun 2025 09:00:00 +0000\n\n" +
			"My parcel never came.\n\nOn Mon, 2 Jun 2025 at 10:00, Shop <shop@example.test> wrote:\n> Your parcel is on its way.\n"
		sendMail(t, s, janeEmail, first)
		conv := emailConversation(t, s, "Lost parcel")

		s.API(t, "POST", "/api/v1/conversations/"+conv.ID+"/messages", s.Agent.Token,
			map[string]string{"body": "We have asked the courier."}, http.StatusCreated, nil)
		m := s.Mailpit.WaitMessage(t, janeEmail, "Lost parcel", wait)
		returnPath := strings.Trim(m.Header("Return-Path"), "<> ")
		outboxID, ok := mail.VERPOutboxID(returnPath)
		must(t, ok, "Return-Path %q is no VERP address", returnPath)

		// The bounce, as Postfix writes it, to the return path, from the
		// null sender.
		dsn := "From: MAILER-DAEMON@mx.example.test (Mail Delivery System)\nTo: " + returnPath + "\n" +
			"Subject: Undelivered Mail Returned to Sender\nMessage-ID: <bounce.1@mx.example.test>\nAuto-Submitted: auto-replied\n" +
			"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n" +
			"--b\nContent-Type: text/plain\n\nYour message could not be delivered: mailbox full.\n\n" +
			"--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.test\n\n" +
			"Final-Recipient: rfc822; " + janeEmail + "\nAction: failed\nStatus: 5.2.2\n\n" +
			"--b\nContent-Type: text/rfc822-headers\n\nMessage-ID: <" + m.MessageID + ">\nSubject: " + m.Subject + "\n\n--b--\n"
		dsn = strings.ReplaceAll(dsn, "\n", "\r\n")
		if err := smtp.SendMail(s.SMTPAddr, nil, "", []string{returnPath}, []byte(dsn)); err != nil {
			t.Fatalf("SMTP bounce: %v", err)
		}

		var all struct{ Conversations []conversation }
		s.API(t, "GET", "/api/v1/conversations?channel=email", s.Agent.Token, nil, http.StatusOK, &all)
		must(t, len(all.Conversations) == 1, "the bounce opened a conversation: %+v", all.Conversations)
		ms := messagesOf(t, s, conv.ID)
		last := ms[len(ms)-1]
		must(t, last.AuthorKind == "system" && strings.Contains(last.Body, "Delivery failed") && strings.Contains(last.Body, "5.2.2"),
			"last message %+v, want the failed delivery", last)
		for _, x := range ms {
			must(t, !strings.Contains(x.Body, "mailbox full"), "the bounce text became a message: %+v", x)
		}
		var outbox struct {
			Messages []struct {
				ID, Status string
			}
		}
		s.API(t, "GET", "/api/v1/outbox", s.Admin.Token, nil, http.StatusOK, &outbox)
		found := false
		for _, o := range outbox.Messages {
			if o.ID == outboxID {
				found = true
				must(t, o.Status == "failed", "outbox %s status %q, want failed", o.ID, o.Status)
			}
		}
		must(t, found, "outbox row %s not listed", outboxID)

		// Nothing lost: the customer's first mail, shown without its
		// quote, is kept whole and readable through the API.
		// The raw message waits out the window in which a code in an
		// encoded part could still be live; the full text is there now.
		var orig struct {
			FullText    string `json:"full_text"`
			Raw         string `json:"raw"`
			RawWithheld string `json:"raw_withheld"`
		}
		s.API(t, "GET", "/api/v1/conversations/"+conv.ID+"/messages/"+ms[0].ID+"/original", s.Agent.Token, nil, http.StatusOK, &orig)
		must(t, orig.Raw == "" && orig.RawWithheld != "", "raw original of a fresh mail shown to an agent (raw %d bytes)", len(orig.Raw))
		must(t, ms[0].Body == "My parcel never came." && strings.Contains(orig.FullText, "Your parcel is on its way."),
			"body %q / full text %q", ms[0].Body, orig.FullText)
	})
}
