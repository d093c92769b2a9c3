package mail

import (
	"github.com/proofdesk/proofdesk"
)

// ConversationToken returns the conversation ID carried by a subject
// token: proofdesk.ConversationToken.
func ConversationToken(subject string) (id string, ok bool) {
	return proofdesk.ConversationToken(subject)
}

// AddToken returns subject carrying the token of conversation convID
// exactly once at its end: proofdesk.AddToken.
func AddToken(subject, convID string) string { return proofdesk.AddToken(subject, convID) }

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

// NewMessageID returns a new random message ID for outgoing mail:
// proofdesk.NewMessageID.
func NewMessageID(domain string) string { return proofdesk.NewMessageID(domain) }
