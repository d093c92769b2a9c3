package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
)

// VERP (variable envelope return path): every outgoing mail is sent with
// its own envelope sender, "support+bounce=out_…@desk.example", which
// carries the outbox row's ID. A bounce goes to that address (RFC 5321
// §4.5.5 sends notifications to the reverse path), so it names the mail
// that failed even when the reporting server returns nothing of it.

// verpTag separates the mailbox from the outbox ID in the local part.
const verpTag = "+bounce="

// verpIDRE matches an outbox row ID as proofdesk.NewID("out") makes it.
var verpIDRE = regexp.MustCompile(`^out_[a-z2-7]{20}$`)

// VERPAddress returns the return path of outbox row outboxID sent from
// from ("support@desk.example" gives "support+bounce=out_…@desk.example").
// It returns from unchanged if from has no "@" or outboxID is not an
// outbox ID.
func VERPAddress(from, outboxID string) string {
	at := strings.LastIndexByte(from, '@')
	if at <= 0 || !verpIDRE.MatchString(outboxID) {
		return from
	}
	local := from[:at]
	if i := strings.Index(local, verpTag); i >= 0 {
		local = local[:i]
	}
	return local + verpTag + outboxID + from[at:]
}

// VERPOutboxID returns the outbox ID carried by a VERP address and
// whether there was one. Case is folded: some servers lowercase or
// uppercase local parts.
func VERPOutboxID(addr string) (string, bool) {
	addr = strings.ToLower(strings.Trim(strings.TrimSpace(addr), "<>"))
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 {
		return "", false
	}
	i := strings.Index(addr[:at], verpTag)
	if i < 0 {
		return "", false
	}
	id := addr[i+len(verpTag) : at]
	return id, verpIDRE.MatchString(id)
}

// BounceOutboxID returns the outbox ID a bounce is for, read from the
// addresses it was delivered to: the SMTP envelope recipients, else the
// Delivered-To, X-Original-To and To headers (a mailbox polled over IMAP
// has no envelope).
func BounceOutboxID(env Envelope, in *Inbound) (string, bool) {
	cands := append([]string(nil), env.Rcpt...)
	if in != nil && in.header.Len() > 0 {
		for _, k := range []string{"Delivered-To", "X-Original-To", "Envelope-To"} {
			for _, v := range in.header.Values(k) {
				cands = append(cands, v)
			}
		}
		for _, a := range in.To {
			cands = append(cands, a.Address)
		}
	}
	for _, c := range cands {
		if id, ok := VERPOutboxID(c); ok {
			return id, true
		}
	}
	return "", false
}

// ContentDigest returns a hex SHA-256 of what a mail says: sender,
// subject, text and attachments (name, type and data), without the
// headers that change between deliveries of the same mail (Received,
// DKIM signatures, Delivered-To). Two deliveries of one mail share it; a
// different mail that reuses a Message-ID does not.
func (in *Inbound) ContentDigest() string {
	h := sha256.New()
	w := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	w(strings.ToLower(in.From.Address))
	w(in.Subject)
	w(in.TextBody)
	atts := make([]string, 0, len(in.Attachments))
	for _, a := range in.Attachments {
		s := sha256.Sum256(a.Data)
		atts = append(atts, a.Filename+"\x00"+a.ContentType+"\x00"+hex.EncodeToString(s[:]))
	}
	sort.Strings(atts)
	for _, a := range atts {
		w(a)
	}
	return hex.EncodeToString(h.Sum(nil))
}
