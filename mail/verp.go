package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// VERPAddress returns the return path of outbox row outboxID sent from
// from: proofdesk.VERPAddress (the root holds it, so that the outbox
// writes it without importing this package).
func VERPAddress(from, outboxID string) string { return proofdesk.VERPAddress(from, outboxID) }

// VERPOutboxID returns the outbox ID carried by a VERP address:
// proofdesk.VERPOutboxID.
func VERPOutboxID(addr string) (string, bool) { return proofdesk.VERPOutboxID(addr) }

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
