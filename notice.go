package proofdesk

import "time"

// NoticeInfo is what the owner's "This wasn't me" page (/n/{token}) shows
// about the conversation a notice was about: never PII.
type NoticeInfo struct {
	ConversationID string
	Channel        string
	StartedAt      time.Time
	// Reported is true once the owner reported it (or the conversation
	// is flagged as fraud otherwise).
	Reported bool
	// Language is the customer's stored language preference (attribute
	// "language"), or "".
	Language string
}
