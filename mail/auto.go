package mail

import (
	"bufio"
	"bytes"
	"net/textproto"
	"regexp"
	"slices"
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// Kinds of machine-generated mail in Inbound.Auto.
const (
	// AutoBounce is a delivery-status notification (RFC 3464) or another
	// non-delivery report from a mail system.
	AutoBounce = "bounce"
	// AutoReply is an automatic reply (RFC 3834: out-of-office, ticket
	// acknowledgements) or bulk mail (mailing lists, notifications).
	AutoReply = "auto_reply"
)

// DSN is what a delivery-status notification reports (RFC 3464 §2).
type DSN struct {
	// OriginalMessageID is the Message-ID of the mail that failed, without
	// angle brackets, read from the returned header (text/rfc822-headers
	// or the returned message/rfc822); "" if the report does not say.
	OriginalMessageID string
	// Recipients are the per-recipient fields, in the report's order.
	Recipients []DSNRecipient
}

// DSNRecipient is one per-recipient block of a DSN (RFC 3464 §2.3).
type DSNRecipient struct {
	// FinalRecipient is the address part of Final-Recipient
	// ("rfc822; a@b" gives "a@b").
	FinalRecipient string
	// Action is "failed", "delayed", "delivered", "relayed" or "expanded",
	// lowercased.
	Action string
	// Status is the RFC 3463 status code, such as "5.2.2".
	Status string
}

// Failed reports whether the report says delivery failed for good to at
// least one recipient: an Action of "failed", or a 5.x.x status.
func (d *DSN) Failed() bool {
	if d == nil {
		return false
	}
	for _, r := range d.Recipients {
		if r.Action == "failed" || strings.HasPrefix(r.Status, "5.") {
			return true
		}
	}
	return false
}

// Status returns the status code of the first failed recipient, or of the
// first recipient, or "".
func (d *DSN) Status() string {
	if d == nil || len(d.Recipients) == 0 {
		return ""
	}
	for _, r := range d.Recipients {
		if r.Action == "failed" {
			return r.Status
		}
	}
	return d.Recipients[0].Status
}

// classify tells machine mail from a person's, by the signals careful
// mail software uses:
//
//   - a multipart/report of report-type delivery-status (RFC 3464), a
//     sender whose local part is MAILER-DAEMON, or postmaster with a null
//     Return-Path or Auto-Submitted (RFC 5321 §4.5.5 non-delivery
//     reports; a person may write from postmaster), is AutoBounce;
//   - Auto-Submitted other than "no" (RFC 3834 §5), Precedence bulk, junk
//     or list, X-Autoreply, X-Autorespond,
//     or a null Return-Path "<>" is AutoReply. (X-Auto-Response-Suppress
//     asks us not to answer; it does not mean a machine wrote the mail.
//     With the subject Exchange gives an out-of-office reply in the
//     sender's language, "Automatic reply:", "Automatische Antwort:",
//     "Réponse automatique :"..., it does: Outlook's server-side rules
//     reply without Auto-Submitted.)
func classify(in *Inbound, dsnPart, origHeader []byte) (string, *DSN) {
	h := in.header
	ct, params, _ := h.ContentType()
	local := strings.ToLower(in.From.Address)
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	rp := strings.TrimSpace(h.Get("Return-Path"))
	in.ReturnPathNull = rp == "<>"
	auto := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted")))
	if i := strings.IndexByte(auto, ';'); i >= 0 {
		auto = strings.TrimSpace(auto[:i])
	}
	rt := strings.ToLower(params["report-type"])
	isReport := strings.EqualFold(ct, "multipart/report") && (rt == "delivery-status" || rt == "global-delivery-status") // RFC 6533
	// postmaster is also a role address people write from (RFC 5321
	// §4.5.1): from it, only a notification sign makes a bounce.
	postmaster := local == "postmaster" && (in.ReturnPathNull || (auto != "" && auto != "no"))
	if isReport || len(dsnPart) > 0 || local == "mailer-daemon" || postmaster {
		d := parseDSN(dsnPart, origHeader)
		if len(dsnPart) == 0 {
			plainBounce(d, in.TextBody, h.Get("X-Failed-Recipients"))
		}
		return AutoBounce, d
	}
	prec := strings.ToLower(strings.TrimSpace(h.Get("Precedence")))
	switch {
	case auto != "" && auto != "no",
		h.Has("X-Auto-Response-Suppress") && isAutoReplySubject(in.Subject),
		prec == "bulk" || prec == "junk" || prec == "list" || prec == "auto_reply",
		h.Has("X-Autoreply") || h.Has("X-Autorespond") || h.Has("X-Autoresponder"),
		in.ReturnPathNull:
		return AutoReply, nil
	}
	return "", nil
}

// parseDSN reads the per-recipient fields of a message/delivery-status
// part and the Message-ID of the returned header. It never fails: what it
// cannot read stays empty.
func parseDSN(dsnPart, origHeader []byte) *DSN {
	d := &DSN{}
	if len(origHeader) > 0 {
		r := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(bytes.TrimLeft(origHeader, "\r\n"), '\r', '\n', '\r', '\n'))))
		if mh, err := r.ReadMIMEHeader(); err == nil || len(mh) > 0 {
			d.OriginalMessageID = cleanLine(strings.Trim(strings.TrimSpace(mh.Get("Message-Id")), "<>"), 998)
		}
	}
	// A delivery-status body is blocks of header fields separated by
	// blank lines: first the per-message block, then one per recipient.
	blocks := bytes.Split(bytes.ReplaceAll(dsnPart, []byte("\r\n"), []byte("\n")), []byte("\n\n"))
	for _, blk := range blocks {
		blk = bytes.TrimSpace(blk)
		if len(blk) == 0 {
			continue
		}
		r := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(blk, '\n', '\n'))))
		mh, _ := r.ReadMIMEHeader()
		fr := mh.Get("Final-Recipient")
		if fr == "" {
			fr = mh.Get("Original-Recipient")
		}
		if fr == "" && mh.Get("Action") == "" {
			continue
		}
		if i := strings.IndexByte(fr, ';'); i >= 0 {
			fr = fr[i+1:]
		}
		addr := strings.Trim(strings.TrimSpace(fr), "<>")
		if a, err := gomail.ParseAddress(addr); err == nil {
			addr = a.Address
		}
		status := strings.TrimSpace(mh.Get("Status"))
		if i := strings.IndexAny(status, " (\t"); i >= 0 {
			status = status[:i]
		}
		d.Recipients = append(d.Recipients, DSNRecipient{
			FinalRecipient: cleanLine(addr, 320),
			Action:         strings.ToLower(cleanLine(mh.Get("Action"), 32)),
			Status:         cleanLine(status, 16),
		})
	}
	return d
}

var (
	// returnedHeaderStart is the first line of the returned message's
	// header in a plain-text bounce.
	returnedHeaderStart = regexp.MustCompile(`(?im)^(return-path|received|from|to|subject|date|message-id):`)
	// returnedMessageID is a Message-ID field, its value possibly on a
	// folded line.
	returnedMessageID = regexp.MustCompile(`(?im)^message-id:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]+)>`)
	// enhancedStatus is an RFC 3463 status code standing as a word.
	enhancedStatus = regexp.MustCompile(`(?:^|[\s(#-])([245]\.\d{1,3}\.\d{1,3})(?:[\s).,;:]|$)`)
	// qmailRecipient is a recipient line of qmail's bounce format
	// ("<a@b>:" alone on its line; cr.yp.to/proto/qsbmf.txt).
	qmailRecipient = regexp.MustCompile(`(?m)^<([^<>\s]+@[^<>\s]+)>:[ \t]*$`)
)

// plainBounce fills d from the text of a non-delivery report that has no
// message/delivery-status part: qmail's bounce format (QSBMF), older Exim
// and Sendmail reports, Lotus Notes. The returned message follows the
// explanation in such reports; its Message-ID field is the mail that
// failed. The recipients are the X-Failed-Recipients header field (Exim),
// else qmail's "<a@b>:" lines; their status is the first RFC 3463 code in
// the explanation, and a 4.x.x code makes the report a delay notice
// ("delayed"), anything else a failure.
func plainBounce(d *DSN, text, failedRecipients string) {
	explanation := text
	if loc := returnedHeaderStart.FindStringIndex(text); loc != nil {
		explanation = text[:loc[0]]
	}
	if d.OriginalMessageID == "" {
		if m := returnedMessageID.FindStringSubmatch(text); m != nil {
			d.OriginalMessageID = cleanLine(m[1], 998)
		}
	}
	if len(d.Recipients) > 0 {
		return
	}
	status := ""
	if m := enhancedStatus.FindStringSubmatch(explanation); m != nil {
		status = m[1]
	}
	action := "failed"
	if strings.HasPrefix(status, "4.") {
		action = "delayed"
	}
	var addrs []string
	for _, a := range strings.Split(failedRecipients, ",") {
		if a = strings.Trim(strings.TrimSpace(a), "<>"); a != "" {
			addrs = append(addrs, a)
		}
	}
	if len(addrs) == 0 {
		for _, m := range qmailRecipient.FindAllStringSubmatch(explanation, 100) {
			addrs = append(addrs, m[1])
		}
	}
	if len(addrs) == 0 && status != "" {
		addrs = append(addrs, "") // the status without the address
	}
	for _, a := range addrs {
		d.Recipients = append(d.Recipients, DSNRecipient{FinalRecipient: cleanLine(a, 320), Action: action, Status: status})
	}
}

// autoReplySubjects are the subject prefixes of Exchange's automatic
// replies (out of office, rules) in English, German, French, Spanish,
// Italian, Dutch, Portuguese, Danish, Swedish, Norwegian and Polish,
// lowercased.
var autoReplySubjects = []string{
	"automatic reply", "auto-reply", "out of office", "automatische antwort", "abwesenheitsnotiz",
	"réponse automatique", "respuesta automática", "risposta automatica", "automatisch antwoord",
	"resposta automática", "automatisk svar", "autosvar", "odpowiedź automatyczna",
}

// isAutoReplySubject reports a subject that starts with one of
// autoReplySubjects and a colon.
func isAutoReplySubject(subject string) bool {
	p := subjectPrefix(subject, 40)
	return p != "" && slices.Contains(autoReplySubjects, p)
}
