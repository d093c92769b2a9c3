package proofdesk

import "time"

// A legal hold keeps a customer's or a conversation's data as it is, for
// litigation or an investigation: while it stands, an erasure is refused
// (Decide, RuleLegalHold) and retention skips what it covers. Supervisors
// and admins set and clear it, with a reason, audited (DoLegalHold).

// Subject kinds of a legal hold.
const (
	HoldCustomer     = "customer"
	HoldConversation = "conversation"
)

// Audit actions of legal holds (subject: the customer or conversation;
// detail: "reason").
const (
	AuditLegalHoldSet     = "legal_hold.set"
	AuditLegalHoldCleared = "legal_hold.cleared"
)

// LegalHold is a hold on one customer or one conversation.
type LegalHold struct {
	SubjectKind string // HoldCustomer or HoldConversation
	SubjectID   string
	// Reason is the supervisor's words (3 to 500 bytes, ValidReason):
	// a case or matter reference, never customer data.
	Reason string
	SetBy  string // the agent's ID
	SetAt  time.Time
}
