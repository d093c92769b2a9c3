package proofdesk

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"regexp"
	"strings"
)

// Outgoing mail identifiers, shared by the outbox (which writes them) and
// the mail adapter (which reads them back from bounces and replies).

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

var msgIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewMessageID returns a new random message ID for outgoing mail,
// "<32 base32 chars>@domain", without angle brackets, in the form Inbound
// and ThreadKeys use. Wrap it in "<>" when writing a header (go-message's
// mail.Header.SetMessageID does). An empty domain becomes "localhost".
func NewMessageID(domain string) string {
	domain = strings.Trim(strings.TrimSpace(domain), "<>@.")
	if domain == "" {
		domain = "localhost"
	}
	var b [20]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms.
	return strings.ToLower(msgIDEncoding.EncodeToString(b[:])) + "@" + domain
}

// OutboxMessageID returns the Message-ID of the email of outbox row
// outboxID, in NewMessageID's form ("<32 base32 chars>@domain"): derived
// from the row's ID (SHA-256), so every attempt at one row carries the
// same Message-ID and a receiver can drop the copy a resend after a crash
// makes (a node killed between the relay's 250 and the row marked sent).
// The row ID is already in the envelope's VERP sender; this reveals no
// more. An empty domain becomes "localhost".
func OutboxMessageID(outboxID, domain string) string {
	domain = strings.Trim(strings.TrimSpace(domain), "<>@.")
	if domain == "" {
		domain = "localhost"
	}
	sum := sha256.Sum256([]byte("proofdesk outbox message-id\x00" + outboxID))
	return strings.ToLower(msgIDEncoding.EncodeToString(sum[:20])) + "@" + domain
}

// tokenRE matches a conversation token such as "[#cnv_abcdefghij234567abcd]":
// "cnv_" then 20 base32 characters, as proofdesk.NewID makes them. Mail
// clients sometimes change case, so it matches either.
var tokenRE = regexp.MustCompile(`\[#([cC][nN][vV]_[a-zA-Z2-7]{20})\]`)

// ConversationToken returns the conversation ID carried by a subject token,
// lowercased, and whether there was one. With several tokens the last one
// wins: clients prepend "Re:" and keep the tail, and AddToken appends.
func ConversationToken(subject string) (id string, ok bool) {
	m := tokenRE.FindAllStringSubmatch(subject, -1)
	if len(m) == 0 {
		return "", false
	}
	return strings.ToLower(m[len(m)-1][1]), true
}

// AddToken returns subject carrying the token of conversation convID exactly
// once at its end: "Where is my order [#cnv_…]". Tokens of other
// conversations are removed. An ID that is not a conversation ID leaves the
// subject unchanged but for that removal.
func AddToken(subject, convID string) string {
	subject = strings.Join(strings.Fields(tokenRE.ReplaceAllString(subject, "")), " ")
	want := "[#" + convID + "]"
	if tokenRE.FindString(want) != want || strings.ToLower(convID) != convID {
		return subject
	}
	if subject == "" {
		return want
	}
	return subject + " " + want
}
