package proofdesk

import "time"

// Erasure by crypto-shredding (right to erasure): a customer's data key
// and the keys of their conversations are destroyed, then the ciphertext
// and blind-index rows are removed; the customer and conversation rows
// stay as tombstones (re-sealed empty under new keys, ErasedAt set) so
// that reports and the audit log still add up. desk.Desk.RequestErasure
// is the use case; Decide's DoErase the rule.

// Audit actions of erasure (subject: the customer).
const (
	// AuditCustomerErased records an erasure: the counts of what was
	// removed, the reason, the legal basis or the owner's confirmation.
	AuditCustomerErased = "customer.erased"
	// AuditErasureRequested records a request sent to the owner for
	// confirmation (detail: "request", "reason", "sent_to").
	AuditErasureRequested = "customer.erasure_requested"
	// AuditErasureDeclined records the owner declining a request.
	AuditErasureDeclined = "customer.erasure_declined"
)

// ErasedName is the name a customer record shows once erased.
const ErasedName = "Erased customer"

// PurposeErasureConfirm is the outbox purpose of the message that carries
// the owner's link to confirm or decline an erasure.
const PurposeErasureConfirm = "erasure_confirm"

// Erasure is what one erasure did.
type Erasure struct {
	CustomerID string
	// Conversations are the IDs of the customer's conversations, now
	// tombstones.
	Conversations []string
	// KeysDestroyed counts the data keys destroyed (the customer's and
	// one per conversation).
	KeysDestroyed int
	// Removed counts the rows removed or emptied, by table name.
	Removed  map[string]int
	ErasedAt time.Time
}

// Statuses of an ErasureRequest.
const (
	ErasurePending    = "pending"
	ErasureConfirmed  = "confirmed"
	ErasureDeclined   = "declined"
	ErasureSuperseded = "superseded"
)

// ErasureRequest is an erasure a supervisor asked for without a legal
// basis: it runs when the owner confirms it through the signed link sent
// to their on-file contact points, before ExpiresAt.
type ErasureRequest struct {
	ID          string
	CustomerID  string
	RequestedBy string // the supervisor's agent ID
	Reason      string
	Status      string // Erasure* constants
	CreatedAt   time.Time
	ExpiresAt   time.Time
	// SentTo counts the contact points the link was sent to.
	SentTo int
}

// ErasureResult is the answer to an erasure asked for: Erasure when it
// ran at once (a legal basis was recorded), Request when it waits for
// the owner.
type ErasureResult struct {
	Erasure *Erasure
	Request *ErasureRequest
}
