package outbox

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	gomail "github.com/emersion/go-message/mail"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/mail"
)

// purposeReply is sqldb.PurposeReply: an agent reply on an email
// conversation, the only mail that carries the conversation token and
// threading headers. Verification requests and notices go to on-file
// addresses and must not thread into the conversation of whoever asked.
const purposeReply = "reply"

// address is the parsed From of the worker.
type address struct {
	gomail.Address
	domain string
}

func parseFrom(s string) (*address, error) {
	a, err := gomail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("outbox: invalid From address: %w", err)
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at < 1 || at == len(a.Address)-1 {
		return nil, fmt.Errorf("outbox: invalid From address")
	}
	return &address{Address: *a, domain: strings.ToLower(a.Address[at+1:])}, nil
}

// sendEmail composes, signs and sends d and returns its Message-ID. The
// envelope sender is d's own VERP return path (mail.VERPAddress), so that
// a bounce names the row it is for and is consumed by the inbound
// handler, never turned into a conversation.
func (w *Worker) sendEmail(ctx context.Context, d *proofdesk.OutboxDelivery) (string, error) {
	msgID := mail.NewMessageID(w.from.domain)
	msg, err := w.Compose(ctx, d, msgID)
	if err != nil {
		return "", err
	}
	if err := w.mailer.SendMail(ctx, mail.VERPAddress(w.from.Address.Address, d.ID), []string{d.To}, msg); err != nil {
		return "", err
	}
	return msgID, nil
}

// Compose returns d as an RFC 5322 message with Message-ID msgID:
// quoted-printable UTF-8 text, Date, and for agent replies the subject
// token ("Re: … [#cnv_…]") and In-Reply-To/References from the thread
// store; other mail is marked Auto-Submitted. It is DKIM-signed when the
// worker has a key.
func (w *Worker) Compose(ctx context.Context, d *proofdesk.OutboxDelivery, msgID string) ([]byte, error) {
	var h gomail.Header
	h.SetDate(w.cfg.Now())
	h.SetAddressList("From", []*gomail.Address{&w.from.Address})
	to, err := gomail.ParseAddress(d.To)
	if err != nil {
		return nil, Permanent(fmt.Errorf("invalid recipient"))
	}
	h.SetAddressList("To", []*gomail.Address{to})
	h.SetMessageID(msgID)
	subject := d.Subject
	if d.Purpose == purposeReply && d.ConversationID != "" {
		if !strings.HasPrefix(strings.ToLower(subject), "re:") {
			subject = "Re: " + subject
		}
		subject = mail.AddToken(subject, d.ConversationID)
		refs, err := w.st.ThreadMessageIDs(ctx, d.ConversationID)
		if err != nil {
			return nil, err
		}
		if len(refs) > 0 {
			h.SetMsgIDList("In-Reply-To", refs[len(refs)-1:])
			h.SetMsgIDList("References", refs)
		}
	} else {
		h.Set("Auto-Submitted", "auto-generated")
	}
	h.SetSubject(subject)
	h.Set("MIME-Version", "1.0")
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", "quoted-printable")

	var buf bytes.Buffer
	bw, err := gomail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	body := strings.ReplaceAll(strings.ReplaceAll(d.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := bw.Write([]byte(body)); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	if err := bw.Close(); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	if w.cfg.DKIM == nil {
		return buf.Bytes(), nil
	}
	return w.cfg.DKIM.Sign(buf.Bytes())
}
