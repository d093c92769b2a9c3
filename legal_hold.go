package proofdesk

import "time"

// A legal hold keeps a customer's or a conversation's data as it is, for
// litigation or an investigation: while it stands, an erasure is refused
// (Decide, RuleLegalHold) and retention skips what it covers. Supervisors
// and admins set and clear it, with a reason, audited (DoLegalHold).
//
// Two-person rule: for TwoPersonWindow after clearing a hold, the one who
// cleared it may not erase the customer it covered (their own hold or one
// on their conversations): another supervisor or admin must (Decide,
// RuleTwoPerson). An insider, or an attacker holding one supervisor's
// session, cannot clear a hold and destroy the evidence alone. Retention
// waits out the window too: a cleared hold is never followed by
// Proofdesk's own erasure the same night, which would do the erasing for
// the one who cleared it, nor by its removal of message bodies. Nor is
// the second person an account an admin made or re-keyed (invited,
// promoted, enabled, a password or second factor reset) within
// TwoPersonWindow of the clear (AccountChange): that admin may be the one
// who cleared it, or an account of theirs. Within the window what the
// hold covered is not merged or relinked to another customer either,
// where the rule, reading that customer's clears, would not see it.

// Subject kinds of a legal hold.
const (
	HoldCustomer     = "customer"
	HoldConversation = "conversation"
)

// TwoPersonWindow is how long after a legal hold is cleared its clearer
// may not erase the customer it covered, and retention may not erase them
// at all: 7 days, time for the other supervisors to see the clear in the
// audit log and set the hold again if it was wrong.
const TwoPersonWindow = 7 * 24 * time.Hour

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

// HoldClear is one clearing of a legal hold, as the audit log records it
// (AuditLegalHoldCleared): the hold's subject, who cleared it (By, the
// agent's ID) and when (At, UTC).
type HoldClear struct {
	SubjectKind string // HoldCustomer or HoldConversation
	SubjectID   string
	By          string
	At          time.Time
}

// AccountChange is a change one agent (By, the admin's ID) made to
// another's account, as the audit log records it (agent.create,
// agent.change, agent.update): created or invited, enabled, a role set,
// a password or second factor reset, at At (UTC). Each can give By the
// account: an invitation's or a reset's link comes back to the admin.
// What the two-person rule reads of the second person's account
// (DecisionInput.ActorAccountChanges).
type AccountChange struct {
	By string
	At time.Time
}
