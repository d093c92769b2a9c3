package outbox

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"slices"
	"strings"

	gomail "github.com/emersion/go-message/mail"
	"github.com/proofdesk/proofdesk"
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

// thread is what one run of deliveries knows of a conversation's
// Message-IDs (the References of its replies): read from the store with
// the threads of the whole claim batch, then each reply sent is
// appended, as marking it sent records it in the store. A claim batch's
// replies to one conversation go one after another, so a reply threads
// onto the one sent just before it even while that one waits to be
// marked sent. A customer's mail that arrives meanwhile is in the next
// batch's read.
type thread struct {
	ids  []string
	read bool
}

// maxReferences bounds a reply's References, as the store's
// ThreadMessageIDs does: the newest 20.
const maxReferences = 20

// refs returns the Message-IDs of conversation convID, oldest first,
// reading the store unless th holds them.
func (th *thread) refs(ctx context.Context, st Store, convID string) ([]string, error) {
	if th != nil && th.read {
		return th.ids, nil
	}
	m, err := st.ThreadsMessageIDs(ctx, []string{convID})
	if err != nil {
		return nil, err
	}
	if th != nil {
		th.ids, th.read = m[convID], true
	}
	return m[convID], nil
}

// sent appends the Message-ID of a reply the relay accepted.
func (th *thread) sent(msgID string) {
	if th == nil || !th.read {
		return
	}
	th.ids = append(th.ids, strings.Trim(msgID, "<>"))
	if n := len(th.ids); n > maxReferences {
		th.ids = slices.Clone(th.ids[n-maxReferences:])
	}
}

// sendEmail composes, signs and sends d and returns its Message-ID, the
// same on every attempt (proofdesk.OutboxMessageID). The
// envelope sender is d's own VERP return path (proofdesk.VERPAddress), so that
// a bounce names the row it is for and is consumed by the inbound
// handler, never turned into a conversation. th holds the thread of d's
// conversation across one batch's deliveries, brand the batch's branding.
func (w *Worker) sendEmail(ctx context.Context, d *proofdesk.OutboxDelivery, th *thread, brand *proofdesk.Branding) (string, error) {
	msgID := proofdesk.OutboxMessageID(d.ID, w.from.domain)
	msg, err := w.compose(ctx, d, msgID, th, brand)
	if err != nil {
		return "", err
	}
	if err := w.mailer.SendMail(ctx, proofdesk.VERPAddress(w.from.Address.Address, d.ID), []string{d.To}, msg); err != nil {
		return "", err
	}
	if isReply(d) {
		th.sent(msgID)
	}
	return msgID, nil
}

// isReply reports whether d is an agent reply on a conversation, the mail
// that threads.
func isReply(d *proofdesk.OutboxDelivery) bool {
	return d.Purpose == purposeReply && d.ConversationID != ""
}

// Compose returns d as an RFC 5322 message with Message-ID msgID:
// quoted-printable UTF-8 text with its branded HTML alternative
// (multipart/alternative, html.go; a reply with files is multipart/mixed
// with the text only), Date, and for agent replies the subject
// token ("Re: … [#cnv_…]") and In-Reply-To/References from the thread
// store; other mail is marked Auto-Submitted. It is DKIM-signed when the
// worker has a key.
func (w *Worker) Compose(ctx context.Context, d *proofdesk.OutboxDelivery, msgID string) ([]byte, error) {
	return w.compose(ctx, d, msgID, nil, nil)
}

// compose is Compose with the thread th of d's conversation and the
// branding (nil: read from the store).
func (w *Worker) compose(ctx context.Context, d *proofdesk.OutboxDelivery, msgID string, th *thread, brand *proofdesk.Branding) ([]byte, error) {
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
	if isReply(d) {
		if !strings.HasPrefix(strings.ToLower(subject), "re:") {
			subject = "Re: " + subject
		}
		subject = proofdesk.AddToken(subject, d.ConversationID)
		refs, err := th.refs(ctx, w.st, d.ConversationID)
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
	files, err := w.replyFiles(ctx, d)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	body := strings.ReplaceAll(strings.ReplaceAll(d.Body, "\r\n", "\n"), "\n", "\r\n")
	if len(files) == 0 {
		page, err := w.renderHTML(ctx, d.Subject, d.Body, brand)
		if err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
		if err := writeAlternative(&buf, h, body, page); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
	} else if err := writeMixed(&buf, h, body, files); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	if w.cfg.DKIM == nil {
		return buf.Bytes(), nil
	}
	return w.cfg.DKIM.Sign(buf.Bytes())
}

// writeAlternative writes a multipart/alternative message (RFC 2046
// §5.1.4): the text, then its branded HTML, both quoted-printable UTF-8.
func writeAlternative(buf *bytes.Buffer, h gomail.Header, text string, page []byte) error {
	h.SetContentType("multipart/alternative", nil)
	aw, err := gomail.CreateInlineWriter(buf, h)
	if err != nil {
		return err
	}
	for _, p := range []struct {
		ct   string
		body []byte
	}{{"text/plain", []byte(text)}, {"text/html", bytes.ReplaceAll(page, []byte("\n"), []byte("\r\n"))}} {
		var ph gomail.InlineHeader
		ph.SetContentType(p.ct, map[string]string{"charset": "utf-8"})
		ph.Set("Content-Transfer-Encoding", "quoted-printable")
		pw, err := aw.CreatePart(ph)
		if err != nil {
			return err
		}
		if _, err := pw.Write(p.body); err != nil {
			return err
		}
		if err := pw.Close(); err != nil {
			return err
		}
	}
	return aw.Close()
}

// attachmentFinder is the store's files of a message, when it keeps them.
type attachmentFinder interface {
	FindMessageAttachments(ctx context.Context, convID, msgID string) ([]*proofdesk.Attachment, error)
}

// replyFiles returns the files of the agent reply d delivers, if any
// (the claim says whether there are: d.HasAttachments).
func (w *Worker) replyFiles(ctx context.Context, d *proofdesk.OutboxDelivery) ([]*proofdesk.Attachment, error) {
	f, ok := w.st.(attachmentFinder)
	if !ok || !d.HasAttachments || d.Purpose != purposeReply || d.RefID == "" || d.ConversationID == "" {
		return nil, nil
	}
	return f.FindMessageAttachments(ctx, d.ConversationID, d.RefID)
}

// writeMixed writes a multipart/mixed message (RFC 2046 §5.1.3): the text
// as quoted-printable UTF-8, then each file base64-encoded with
// Content-Disposition: attachment and its name (RFC 2183; RFC 2231 for a
// name outside ASCII).
func writeMixed(buf *bytes.Buffer, h gomail.Header, body string, files []*proofdesk.Attachment) error {
	mw, err := gomail.CreateWriter(buf, h)
	if err != nil {
		return err
	}
	var th gomail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	th.Set("Content-Transfer-Encoding", "quoted-printable")
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return err
	}
	if _, err := tw.Write([]byte(body)); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	for _, f := range files {
		var ah gomail.AttachmentHeader
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		name := proofdesk.SanitizeFilename(f.Filename)
		if mt, params, err := mime.ParseMediaType(ct); err == nil {
			params["name"] = name
			ct = mime.FormatMediaType(mt, params)
		}
		ah.Set("Content-Type", ct)
		// mime.FormatMediaType writes a name outside ASCII as RFC 2231
		// filename*=utf-8''...; go-message's SetFilename would write an
		// RFC 2047 encoded-word, which RFC 2047 §5 forbids in a parameter.
		ah.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
		ah.Set("Content-Transfer-Encoding", "base64")
		aw, err := mw.CreateAttachment(ah)
		if err != nil {
			return err
		}
		if _, err := aw.Write(f.Data); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
	}
	return mw.Close()
}
