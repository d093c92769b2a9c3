package mail

import (
	"crypto/rand"
	"encoding/base32"
	"regexp"
	"strings"
)

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

// ThreadKeys returns the message IDs under which the conversation of in may
// be found, best first: In-Reply-To, then References from newest to oldest,
// without duplicates or in's own Message-ID.
func ThreadKeys(in *Inbound) []string {
	var keys []string
	seen := map[string]bool{in.MessageID: true, "": true}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			keys = append(keys, id)
		}
	}
	add(in.InReplyTo)
	for i := len(in.References) - 1; i >= 0; i-- {
		add(in.References[i])
	}
	return keys
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
