package proofdesk

import "time"

// Visitor is an anonymous chat-widget visitor. It is identified by a
// random token the browser keeps; the store holds only the token's SHA-256
// hash. A visitor sees and writes only the conversations bound to it.
type Visitor struct {
	ID         string
	CreatedAt  time.Time
	LastSeenAt time.Time
}
